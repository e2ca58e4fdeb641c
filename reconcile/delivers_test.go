package reconcile

import (
	"slices"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/normalize"
)

func TestSplitDelivered(t *testing.T) {
	for _, c := range []struct {
		in    string
		nums  []string
		title string
	}{
		{"Priority 3: EHC plans that are on time", []string{"3"}, "EHC plans that are on time"},
		{"3", []string{"3"}, ""},
		{"2, 4", []string{"2", "4"}, ""},
		{"2 and 4", []string{"2", "4"}, ""},
		{"P5", []string{"5"}, ""},
		{"Priority 05 - Leaders", []string{"5"}, "Leaders"},
		{"Leaders working as one partnership", nil, "Leaders working as one partnership"},
		{"EHC plans issued in 20 weeks", nil, "EHC plans issued in 20 weeks"},
	} {
		nums, title := splitDelivered(c.in)
		if !slices.Equal(nums, c.nums) || title != c.title {
			t.Errorf("splitDelivered(%q) = %q, %q; want %q, %q", c.in, nums, title, c.nums, c.title)
		}
	}
}

// A plan's section says which strategy priority it delivers (a mapping
// table's row), or an action says so in its own column, by number or by
// title: its actions implement that priority, and no other.
func TestDeliversAreLinks(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "plan", LocalArea: "Shire", Title: "Priority action plan"},
			{ID: "strategy", LocalArea: "Shire", Title: "SEND strategy"},
		},
		Items: []normalize.Item{
			{ID: "s-3", DocID: "strategy", Kind: normalize.KindPriority, Key: "3", Text: "EHC plans that are on time and make a difference"},
			{ID: "s-4", DocID: "strategy", Kind: normalize.KindPriority, Key: "4", Text: "The right school place at the right time"},
			{ID: "p-pa1", DocID: "plan", Kind: normalize.KindFinding, Key: "PA1", Text: "Leaders should improve the timeliness of assessments", Delivers: []string{"Priority 3: EHC plans that are on time"}},
			{ID: "p-pa1.1", DocID: "plan", Kind: normalize.KindAction, Key: "PA1.1", ParentKey: "PA1", Text: "Recruit more educational psychologists"},
			{ID: "p-pa1.2", DocID: "plan", Kind: normalize.KindAction, Key: "PA1.2", ParentKey: "PA1", Text: "Open a resource base", Delivers: []string{"The right school place"}},
		},
	}
	got := edges(Run(in, nil, testOptions()).Links)
	for _, want := range []edge{
		{"p-pa1.1", RelImplements, "s-3", ReviewProposed},
		{"p-pa1.2", RelImplements, "s-4", ReviewProposed},
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %v; got %v", want, got)
		}
	}
	if _, ok := got[edge{"p-pa1.1", RelImplements, "s-4", ReviewProposed}]; ok {
		t.Error("PA1.1 implements priority 4, which its section does not name")
	}
	if _, ok := got[edge{"p-pa1.2", RelImplements, "s-3", ReviewProposed}]; !ok {
		t.Error("PA1.2 lost its section's priority 3 for naming one of its own")
	}
}

// A number names a priority only where one document of the area keys a
// priority so: two strategies both with a priority 3 leave "3" unresolved.
func TestDeliversAmbiguousNumber(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "plan", LocalArea: "Shire", Title: "Priority action plan"},
			{ID: "strategy", LocalArea: "Shire", Title: "SEND strategy"},
			{ID: "commissioning", LocalArea: "Shire", Title: "Joint commissioning strategy"},
		},
		Items: []normalize.Item{
			{ID: "s-3", DocID: "strategy", Kind: normalize.KindPriority, Key: "3", Text: "Preparing for adulthood"},
			{ID: "c-3", DocID: "commissioning", Kind: normalize.KindPriority, Key: "3", Text: "Short breaks"},
			{ID: "p-1", DocID: "plan", Kind: normalize.KindAction, Key: "1.1", Text: "Hold a transitions fair", Delivers: []string{"3"}},
		},
	}
	for e := range edges(Run(in, nil, testOptions()).Links) {
		if e.src == "p-1" && (e.dst == "s-3" || e.dst == "c-3") && e.rel == RelImplements {
			t.Errorf("ambiguous priority 3 linked: %v", e)
		}
	}
}

// FuzzSplitDelivered: every number read is one or two digits with no
// leading zero, and the title is made of the entry's own words.
func FuzzSplitDelivered(f *testing.F) {
	for _, s := range []string{"Priority 3: EHC plans", "2, 4", "P5", "Priority 05 - x", "and and 1", "3:", "–", "P"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		nums, title := splitDelivered(s)
		for _, n := range nums {
			if len(n) > 2 || n != "" && (n[0] == '0' || !isNumber(n)) {
				t.Fatalf("splitDelivered(%q) reads number %q", s, n)
			}
		}
		for _, w := range strings.Fields(title) {
			if !strings.Contains(s, w) {
				t.Fatalf("splitDelivered(%q) gives title word %q not in it", s, w)
			}
		}
	})
}

// A plan mapping its finding AFI2 to the strategy's priority 1 says the
// strategy's priority 1 actions help answer AFI2 (stated in the letter):
// they address it unless their own codes name their findings; a priority
// mapped from two findings shares the evidence, so words must choose.
func TestMappedFindingsAreAddressed(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "letter", LocalArea: "Shire", Title: "Inspection outcome"},
			{ID: "plan", LocalArea: "Shire", Title: "Priority action plan"},
			{ID: "strategy", LocalArea: "Shire", Title: "SEND strategy"},
		},
		Items: []normalize.Item{
			{ID: "l-afi2", DocID: "letter", Kind: normalize.KindFinding, Key: "AFI2", Text: "Leaders should improve communication with families"},
			{ID: "l-afi3", DocID: "letter", Kind: normalize.KindFinding, Key: "AFI3", Text: "Leaders should reduce waits for therapy"},
			{ID: "l-afi4", DocID: "letter", Kind: normalize.KindFinding, Key: "AFI4", Text: "Leaders should reduce gaps in services"},
			{ID: "p-afi2", DocID: "plan", Kind: normalize.KindFinding, Key: "AFI2", Text: "Leaders should improve communication with families", Delivers: []string{"Priority 1: Listen to families"}},
			{ID: "p-afi3", DocID: "plan", Kind: normalize.KindFinding, Key: "AFI3", Text: "Leaders should reduce waits for therapy", Delivers: []string{"2"}},
			{ID: "p-afi4", DocID: "plan", Kind: normalize.KindFinding, Key: "AFI4", Text: "Leaders should reduce gaps in services", Delivers: []string{"2"}},
			{ID: "p-afi2.1", DocID: "plan", Kind: normalize.KindAction, Key: "AFI2.1", ParentKey: "AFI2", Text: "Publish a newsletter"},
			{ID: "s-1", DocID: "strategy", Kind: normalize.KindPriority, Key: "1", Text: "Listen to families"},
			{ID: "s-2", DocID: "strategy", Kind: normalize.KindPriority, Key: "2", Text: "Early support"},
			{ID: "s-p1.1", DocID: "strategy", Kind: normalize.KindAction, Key: "P1.1", ParentKey: "1", Text: "Run a family forum every term"},
			{ID: "s-p1.2", DocID: "strategy", Kind: normalize.KindAction, Key: "P1.2", ParentKey: "1", Text: "Publish a local offer page", Refs: []string{"AFI3"}},
			{ID: "s-p2.1", DocID: "strategy", Kind: normalize.KindAction, Key: "P2.1", ParentKey: "2", Text: "Open a drop-in clinic"},
		},
	}
	opts := testOptions()
	opts.Weights.SameSection = 0.3
	got := edges(Run(in, nil, opts).Links)
	if _, ok := got[edge{"s-p1.1", RelAddresses, "l-afi2", ReviewProposed}]; !ok {
		t.Errorf("P1.1 does not address AFI2; got %v", got)
	}
	for _, e := range []edge{
		{"s-p1.1", RelAddresses, "p-afi2", ReviewProposed}, // the plan's quote: answered by the plan's actions
		{"s-p1.2", RelAddresses, "l-afi2", ReviewProposed}, // its own code names AFI3
		{"s-p2.1", RelAddresses, "l-afi3", ReviewProposed}, // priority 2 answers two findings
		{"s-p2.1", RelAddresses, "l-afi4", ReviewProposed},
	} {
		if _, ok := got[e]; ok {
			t.Errorf("unwanted %v", e)
		}
	}
}
