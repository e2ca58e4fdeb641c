package reconcile

import (
	"reflect"
	"testing"

	"github.com/sendrecon/sendrecon/normalize"
)

func TestMentions(t *testing.T) {
	cues := map[string]bool{"ref": true, "see": true}
	for _, c := range []struct {
		item normalize.Item
		want []string
	}{
		{normalize.Item{Text: "issue plans within 20 weeks (PAIP AFI2.1)"}, []string{"AFI2.1"}},
		{normalize.Item{Text: "as agreed in 2023, see 1.4 and (also W3)"}, []string{"1.4", "W3"}},
		{normalize.Item{Text: "raise 1.5 million by 2024.5"}, nil},
		{normalize.Item{RefsRaw: "1,7"}, []string{"1.7"}},
		{normalize.Item{RefsRaw: "2.3 & 2.8", Refs: []string{"2.3"}}, []string{"2.3", "2.8"}},
		{normalize.Item{Text: "WSoA ref 2.4b: review of therapy"}, []string{"2.4B"}},
	} {
		if got := mentions(&c.item, cues); !reflect.DeepEqual(got, c.want) {
			t.Errorf("mentions(%q %q) = %q, want %q", c.item.Text, c.item.RefsRaw, got, c.want)
		}
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		code, key string
		finding   bool
		want      bool
	}{
		{"AFI2.1", "AFI2", true, true},
		{"PA1.1", "PA1", true, true},
		{"PA11", "PA1", true, false},
		{"AFI2.1", "AFI2", false, false},
		{"1.2", "1", true, false}, // a number is no finding's code
		{"afi2", "AFI2", false, true},
	} {
		if got := names(c.code, c.key, c.finding); got != c.want {
			t.Errorf("names(%q, %q, %v) = %v", c.code, c.key, c.finding, got)
		}
	}
}

// The codes documents give are links: an action coded PA1.1 answers PA1 in
// the inspection letter and in the plan that quotes it; the quote is the
// letter's finding restated; a progress report's row citing "WSoA ref 2.3"
// restates the statement's action 2.3; a statement's action in section 2
// answers its finding AFI2; a plan's section naming the strategy's priority
// 3 says its actions deliver it.
func TestCodesAreLinks(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "letter", LocalArea: "Shire", Title: "Inspection outcome"},
			{ID: "plan", LocalArea: "Shire", Title: "Priority action plan"},
			{ID: "wsoa", LocalArea: "Shire", Title: "Written statement of action"},
			{ID: "progress", LocalArea: "Shire", Title: "Progress report"},
			{ID: "strategy", LocalArea: "Shire", Title: "SEND strategy"},
		},
		Items: []normalize.Item{
			{ID: "l-pa1", DocID: "letter", Kind: normalize.KindFinding, Key: "PA1", Text: "Leaders should improve the timeliness of EHC plans"},
			{ID: "p-pa1", DocID: "plan", Kind: normalize.KindFinding, Key: "PA1", Text: "Leaders should improve the timeliness of EHC plans", RefsRaw: "3"},
			{ID: "s-3", DocID: "strategy", Kind: normalize.KindPriority, Key: "3", Text: "EHC plans that are on time"},
			{ID: "s-4", DocID: "strategy", Kind: normalize.KindPriority, Key: "4", Text: "The right school place"},
			{ID: "p-pa1.1", DocID: "plan", Kind: normalize.KindAction, Key: "PA1.1", ParentKey: "PA1", Text: "Recruit more educational psychologists"},
			{ID: "w-afi1", DocID: "wsoa", Kind: normalize.KindFinding, Key: "AFI1", Text: "Governance is weak"},
			{ID: "w-afi2", DocID: "wsoa", Kind: normalize.KindFinding, Key: "AFI2", Text: "Commissioning is not joint"},
			{ID: "w-2.3", DocID: "wsoa", Kind: normalize.KindAction, Key: "2.3", ParentKey: "2", Text: "Establish a joint commissioning group"},
			{ID: "g-p1", DocID: "progress", Kind: normalize.KindAction, Key: "P2.1", Text: "Joint commissioning group meets monthly", RefsRaw: "2.3"},
		},
	}
	got := edges(Run(in, nil, testOptions()).Links)
	for _, want := range []edge{
		{"p-pa1.1", RelAddresses, "p-pa1", ReviewProposed},
		{"p-pa1.1", RelAddresses, "l-pa1", ReviewProposed},
		{"l-pa1", RelSameAs, "p-pa1", ReviewProposed},
		{"g-p1", RelSameAs, "w-2.3", ReviewProposed},
		{"p-pa1.1", RelImplements, "s-3", ReviewProposed},
		{"w-2.3", RelAddresses, "w-afi2", ReviewProposed},
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %v; got %v", want, got)
		}
	}
	if _, ok := got[edge{"w-2.3", RelAddresses, "w-afi1", ReviewProposed}]; ok {
		t.Error("action 2.3 linked to AFI1 though its section answers AFI2")
	}
}

// A written statement of action states outcomes among a finding's actions:
// those actions deliver them.
func TestSectionOutcomes(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{{ID: "wsoa", LocalArea: "Shire", Title: "Written statement of action"}},
		Items: []normalize.Item{
			{ID: "f1", DocID: "wsoa", Kind: normalize.KindFinding, Key: "AFI1", Text: "Governance is weak"},
			{ID: "f2", DocID: "wsoa", Kind: normalize.KindFinding, Key: "AFI2", Text: "Commissioning is not joint"},
			{ID: "o1", DocID: "wsoa", Kind: normalize.KindOutcome, Key: "O1", Text: "Leaders hold the partnership board to account"},
			{ID: "a1", DocID: "wsoa", Kind: normalize.KindAction, Key: "1.1", ParentKey: "AFI1", Text: "Set up a partnership board"},
			{ID: "o2", DocID: "wsoa", Kind: normalize.KindOutcome, Key: "O2", Text: "A partnership board commissions services jointly"},
			{ID: "a2", DocID: "wsoa", Kind: normalize.KindAction, Key: "2.1", ParentKey: "AFI2", Text: "Agree a joint commissioning strategy"},
		},
	}
	opts := testOptions()
	opts.Weights.SameSection = 0.3
	got := edges(Run(in, nil, opts).Links)
	if _, ok := got[edge{"a1", RelImplements, "o1", ReviewProposed}]; !ok {
		t.Errorf("a1 does not implement its section's outcome: %v", got)
	}
	if _, ok := got[edge{"a1", RelImplements, "o2", ReviewProposed}]; ok {
		t.Errorf("a1 implements another section's outcome on one shared word: %v", got)
	}
}

// A progress report quoting its findings in numbered sections (AFI1 in
// section 1) lists closed actions in an appendix by their code:
// each answers the finding of the section its code is numbered in.
func TestAppendixRowsInTheirSection(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{{ID: "report", LocalArea: "Shire", Title: "Progress report"}},
		Items: []normalize.Item{
			{ID: "r-1", DocID: "report", Kind: normalize.KindPriority, Key: "1", Text: "Leadership"},
			{ID: "r-afi1", DocID: "report", Kind: normalize.KindFinding, Key: "AFI1", Text: "Weak strategic leadership"},
			{ID: "r-2", DocID: "report", Kind: normalize.KindPriority, Key: "2", Text: "Commissioning"},
			{ID: "r-afi2", DocID: "report", Kind: normalize.KindFinding, Key: "AFI2", Text: "No joint commissioning"},
			{ID: "r-p2.1", DocID: "report", Kind: normalize.KindAction, Key: "P2.1", ParentKey: "2", Text: "Agree a commissioning strategy"},
			{ID: "r-a2.1", DocID: "report", Kind: normalize.KindAction, Key: "A-2.1", Text: "Publish a needs assessment chapter"},
		},
	}
	got := edges(Run(in, nil, testOptions()).Links)
	if _, ok := got[edge{"r-a2.1", RelAddresses, "r-afi2", ReviewProposed}]; !ok {
		t.Errorf("appendix row A-2.1 does not address AFI2; got %v", got)
	}
	if _, ok := got[edge{"r-a2.1", RelAddresses, "r-afi1", ReviewProposed}]; ok {
		t.Error("appendix row A-2.1 addresses AFI1")
	}
}

// An action coded under its finding (AFI5.4) that points to another action
// of its plan ("see PA1.1") does not answer that action's finding.
func TestSiblingActionCodeIsNoFinding(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{{ID: "plan", LocalArea: "Shire", Title: "Priority action plan"}},
		Items: []normalize.Item{
			{ID: "pa1", DocID: "plan", Kind: normalize.KindFinding, Key: "PA1", Text: "Leaders should share data"},
			{ID: "pa1.1", DocID: "plan", Kind: normalize.KindAction, Key: "PA1.1", ParentKey: "PA1", Text: "Build a data dashboard", Refs: []string{"PA1"}},
			{ID: "afi5", DocID: "plan", Kind: normalize.KindFinding, Key: "AFI5", Text: "Leaders should provide enough school places"},
			{ID: "afi5.4", DocID: "plan", Kind: normalize.KindAction, Key: "AFI5.4", ParentKey: "AFI5", Text: "Track children out of school on the dashboard (see PA1.1)", Refs: []string{"AFI5", "PA1.1"}},
		},
	}
	got := edges(Run(in, nil, testOptions()).Links)
	if _, ok := got[edge{"afi5.4", RelAddresses, "afi5", ReviewProposed}]; !ok {
		t.Errorf("AFI5.4 does not address AFI5; got %v", got)
	}
	if _, ok := got[edge{"afi5.4", RelAddresses, "pa1", ReviewProposed}]; ok {
		t.Error("AFI5.4 addresses PA1 for pointing to action PA1.1")
	}
}
