package reconcile

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/normalize"
)

func testOptions() Options {
	return Options{
		Threshold:    Thresholds{Addresses: 0.3, Implements: 0.35, SameAs: 0.45},
		Weights:      Weights{ExplicitRef: 0.95, TitleRef: 0.8, Text: 1, SharedLead: 0.1, SharedOrg: 0.05},
		MaxPerAction: 2,
		DoneStatuses: []string{"complete", "completed"},
		EditionShare: 0.6, EditionShareOtherTitle: 0.8,
		VersionShare: 0.2,
		RefCues:      []string{"ref", "see", "also", "action"},
	}
}

func day(s string) normalize.Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return normalize.Date{Time: t, Precision: normalize.PrecisionDay}
}

// area builds a local area of three documents: an action plan, an
// inspection report and a commissioning strategy.
func testInput() Input {
	docs := []normalize.Document{
		{ID: "plan", LocalArea: "Shire", Title: "Shire SEND Action Plan"},
		{ID: "insp", LocalArea: "Shire", Title: "Shire Inspection Progress Report"},
		{ID: "comm", LocalArea: "Shire", Title: "Shire Integrated Commissioning Strategy 2021-2023"},
		{ID: "other", LocalArea: "Elsewhere", Title: "Elsewhere Plan"},
	}
	items := []normalize.Item{
		{ID: "a1", DocID: "plan", Kind: normalize.KindAction, Key: "1.1", Text: "Review the quality assurance programme for EHC plans", Refs: []string{"AFI2"}, Leads: []string{"Ann Lee"}},
		{ID: "a2", DocID: "plan", Kind: normalize.KindAction, Key: "1.2", Text: "Develop and implement the Integrated Commissioning Strategy"},
		{ID: "a3", DocID: "plan", Kind: normalize.KindAction, Key: "1.3", Text: "Map speech and language therapy waiting times and reduce waits", Due: day("2023-03-31"), Leads: []string{"Bob Stone"}},
		{ID: "f1", DocID: "insp", Kind: normalize.KindFinding, Key: "AFI2", Text: "Leaders should establish effective quality assurance of EHC plans"},
		{ID: "f2", DocID: "insp", Kind: normalize.KindFinding, Key: "PA2", Text: "Leaders should address delays in speech and language therapy waiting times"},
		{ID: "f3", DocID: "insp", Kind: normalize.KindFinding, Key: "AFI9", Text: "Leaders should publish the local offer website in community languages"},
		{ID: "p1", DocID: "comm", Kind: normalize.KindPriority, Key: "1", Text: "Improve communication needs support"},
		{ID: "p2", DocID: "comm", Kind: normalize.KindPriority, Key: "2", Text: "Improve emotional health"},
		{ID: "c1", DocID: "comm", Kind: normalize.KindAction, Key: "P1.1", Text: "Map speech and language therapy waiting times and reduce waits", Due: day("2024-03-31"), Leads: []string{"Carol Ash"}},
		{ID: "x1", DocID: "other", Kind: normalize.KindAction, Key: "1", Text: "Review the quality assurance programme for EHC plans"},
	}
	return Input{Documents: docs, Items: items}
}

type edge struct{ src, rel, dst, review string }

func edges(links []Link) map[edge]Link {
	out := map[edge]Link{}
	for _, l := range links {
		out[edge{l.Src, l.Relation, l.Dst, l.Review}] = l
	}
	return out
}

func TestRunLinks(t *testing.T) {
	out := Run(testInput(), nil, testOptions())
	got := edges(out.Links)
	want := []struct {
		edge
		method string
	}{
		{edge{"a1", RelAddresses, "f1", ReviewProposed}, "explicit_ref"},
		{edge{"a2", RelImplements, "p1", ReviewProposed}, "title_ref"},
		{edge{"a2", RelImplements, "p2", ReviewProposed}, "title_ref"},
		{edge{"a3", RelAddresses, "f2", ReviewProposed}, "text"},
		{edge{"a3", RelSameAs, "c1", ReviewProposed}, "text"},
	}
	for _, w := range want {
		l, ok := got[w.edge]
		if !ok {
			t.Errorf("missing link %v; got %v", w.edge, out.Links)
			continue
		}
		if !strings.HasPrefix(l.Method, w.method) {
			t.Errorf("%v: method %q, want %s...", w.edge, l.Method, w.method)
		}
		if l.Evidence == "" || l.Score <= 0 || l.Score > 1 {
			t.Errorf("%v: evidence %q score %v", w.edge, l.Evidence, l.Score)
		}
	}
	for e := range got {
		if e.src == "x1" || e.dst == "x1" {
			t.Errorf("link %v crosses local areas", e)
		}
		if e.dst == "f3" {
			t.Errorf("link %v to a finding nothing answers", e)
		}
	}
	if l := got[edge{"a1", RelAddresses, "f1", ReviewProposed}]; !strings.Contains(l.Evidence, "refs name AFI2") {
		t.Errorf("evidence %q does not say which reference", l.Evidence)
	}
}

func TestRunIsDeterministic(t *testing.T) {
	a := Run(testInput(), nil, testOptions())
	for range 5 {
		if b := Run(testInput(), nil, testOptions()); !reflect.DeepEqual(a, b) {
			t.Fatal("two runs on the same input differ")
		}
	}
}

func TestCoverage(t *testing.T) {
	out := Run(testInput(), nil, testOptions())
	got := map[string]string{}
	for _, c := range out.Coverage {
		got[c.Key] = fmt.Sprintf("%s/%d", c.Status, c.Actions)
	}
	want := map[string]string{"AFI2": "covered/1", "PA2": "partly_covered/2", "AFI9": "gap/0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("coverage = %v, want %v", got, want)
	}
}

func TestConflicts(t *testing.T) {
	out := Run(testInput(), nil, testOptions())
	var fields []string
	for _, c := range out.Conflicts {
		fields = append(fields, fmt.Sprintf("%s:%s=%s|%s", c.SrcItemID, c.Field, c.SrcValue, c.DstValue))
	}
	want := []string{"a3:due_date=2023-03-31|2024-03-31", "a3:leads=Bob Stone|Carol Ash"}
	for _, w := range want {
		if !strings.Contains(strings.Join(fields, "\n"), w) {
			t.Errorf("conflicts %v lack %s", fields, w)
		}
	}
}

func TestDecisionsApplied(t *testing.T) {
	in := testInput()
	first := Run(in, nil, testOptions())
	byEdge := edges(first.Links)
	accepted := byEdge[edge{"a3", RelAddresses, "f2", ReviewProposed}]
	rejected := byEdge[edge{"a1", RelAddresses, "f1", ReviewProposed}]
	ds := []Decision{
		{LinkID: accepted.ID, Action: DecisionAccept, Src: accepted.Src, Dst: accepted.Dst, Relation: accepted.Relation, By: "rev"},
		{LinkID: rejected.ID, Action: DecisionReject, Src: rejected.Src, Dst: rejected.Dst, Relation: rejected.Relation, By: "rev"},
		{LinkID: LinkID("a2", "f3", RelAddresses), Action: DecisionAdd, Src: "a2", Dst: "f3", Relation: RelAddresses, By: "rev", Note: "missed"},
		{LinkID: LinkID("gone", "f1", RelAddresses), Action: DecisionAccept, Src: "gone", Dst: "f1", Relation: RelAddresses, By: "rev"},
	}
	out := Run(in, ds, testOptions())
	got := edges(out.Links)
	for _, e := range []edge{
		{"a3", RelAddresses, "f2", ReviewAccepted},
		{"a1", RelAddresses, "f1", ReviewRejected},
		{"a2", RelAddresses, "f3", ReviewAccepted},
	} {
		if _, ok := got[e]; !ok {
			t.Errorf("missing %v", e)
		}
	}
	if len(out.Orphans) != 1 || out.Orphans[0].Src != "gone" {
		t.Errorf("orphans = %v, want the decision on item 'gone'", out.Orphans)
	}
	cov := map[string]string{}
	for _, c := range out.Coverage {
		cov[c.Key] = c.Status
	}
	if cov["AFI2"] != Gap || cov["PA2"] != Covered || cov["AFI9"] != Covered {
		t.Errorf("coverage after review = %v", cov)
	}
}

func TestDecisionsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	d := Decision{LinkID: LinkID("a", "b", RelAddresses), Action: DecisionAccept, Src: "a", Dst: "b", Relation: RelAddresses, By: "rev"}
	if err := AppendDecisions(path, d); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := d
			e.Note = fmt.Sprint(i)
			if err := AppendDecisions(path, e); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	ds, err := ReadDecisions(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 21 {
		t.Fatalf("%d decisions after 21 concurrent appends", len(ds))
	}

	// A bad line: an error naming it, and the file left as it was.
	b, _ := os.ReadFile(path)
	broken := append(append([]byte{}, b...), []byte("{\"link_id\": \"x\", \"action\": \"maybe\"}\n")...)
	if err := os.WriteFile(path, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDecisions(path); err == nil || !strings.Contains(err.Error(), "line 22") {
		t.Errorf("ReadDecisions error = %v, want one naming line 22", err)
	}
	if err := AppendDecisions(path, d); err == nil || !strings.Contains(err.Error(), "line 22") {
		t.Errorf("AppendDecisions on a bad file = %v, want an error naming line 22", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(broken) {
		t.Error("a failed append changed the file")
	}
}

func TestDecisionCheck(t *testing.T) {
	tests := []struct {
		name string
		d    Decision
		want string
	}{
		{"bad action", Decision{LinkID: "l", Action: "maybe"}, "not accept, reject or add"},
		{"no id", Decision{Action: DecisionAccept}, "no link_id"},
		{"id mismatch", Decision{LinkID: "link-0", Action: DecisionAccept, Src: "a", Dst: "b", Relation: RelAddresses}, "does not match"},
		{"add without ends", Decision{LinkID: "l", Action: DecisionAdd}, "needs src"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.d.check()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("check() = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestFlagOverdue(t *testing.T) {
	items := []normalize.Item{
		{ID: "late", Kind: normalize.KindAction, Due: day("2023-03-31")},
		{ID: "done", Kind: normalize.KindAction, Due: day("2023-03-31"), Status: "Complete"},
		{ID: "embedded", Kind: normalize.KindAction, Due: day("2023-03-31"), Status: "Completed Embedded Sustainable"},
		{ID: "not done", Kind: normalize.KindAction, Due: day("2023-03-31"), Status: "Not completed"},
		{ID: "future", Kind: normalize.KindAction, Due: day("2025-01-31")},
		{ID: "undated", Kind: normalize.KindAction},
		{ID: "finding", Kind: normalize.KindFinding, Due: day("2020-01-01")},
	}
	opts := testOptions()
	opts.AsOf = "2024-06-30"
	FlagOverdueItems(items, opts, time.Now())
	var late []string
	for _, it := range items {
		if len(it.Flags) > 0 {
			late = append(late, it.ID)
		}
	}
	if !reflect.DeepEqual(late, []string{"late", "not done"}) {
		t.Errorf("overdue = %v, want [late, not done]", late)
	}
}

func TestSameDayAtPrecision(t *testing.T) {
	year := normalize.Date{Time: day("2023-12-31").Time, Precision: normalize.PrecisionYear}
	if !sameDay(year, day("2023-12-31")) || !sameDay(year, normalize.Date{Time: day("2023-06-30").Time, Precision: normalize.PrecisionMonth}) {
		t.Error("a year date disagrees with a date inside that year")
	}
	if sameDay(year, day("2024-01-01")) {
		t.Error("2023 and 2024-01-01 agree")
	}
}

// withCopy adds a copy of document id: its items again under new ids, as
// another producer printed it.
func withCopy(in Input, id, copyID, format string) Input {
	for _, d := range in.Documents {
		if d.ID == id {
			d.ID, d.Format, d.SHA256 = copyID, format, "sha-"+copyID
			in.Documents = append(in.Documents, d)
		}
	}
	for _, it := range in.Items {
		if it.DocID == id {
			it.ID, it.DocID = copyID+"-"+it.ID, copyID
			in.Items = append(in.Items, it)
		}
	}
	return in
}

// The HTML of a plan and its printings are one edition: linked once, on the
// HTML's items, with the copies listed.
func TestCopiesLinkedOnce(t *testing.T) {
	in := testInput()
	for i := range in.Documents {
		in.Documents[i].Format = "html"
	}
	in = withCopy(in, "plan", "plan-pdf", "pdf")
	in = withCopy(in, "insp", "insp-pdf", "pdf")
	in = withCopy(in, "insp", "insp-pdf2", "pdf")
	alone := Run(testInput(), nil, testOptions())
	out := Run(in, nil, testOptions())
	if !reflect.DeepEqual(edges(out.Links), edges(alone.Links)) {
		t.Errorf("copies changed the links:\n got %v\nwant %v", edges(out.Links), edges(alone.Links))
	}
	if len(out.Coverage) != len(alone.Coverage) || len(out.Conflicts) != len(alone.Conflicts) {
		t.Errorf("coverage %d and conflicts %d, want %d and %d as without copies", len(out.Coverage), len(out.Conflicts), len(alone.Coverage), len(alone.Conflicts))
	}
	copies := map[string][]string{}
	for _, e := range out.Editions {
		copies[e.Representative] = e.Copies
	}
	if want := []string{"insp", "insp-pdf", "insp-pdf2"}; !reflect.DeepEqual(copies["insp"], want) {
		t.Errorf("copies of insp %v, want %v (editions %+v)", copies["insp"], want, out.Editions)
	}
	if len(out.Editions) != len(in.Documents)-3 {
		t.Errorf("%d editions of %d documents with 3 copies", len(out.Editions), len(in.Documents))
	}
}

// A reviewer's decision names the items of whichever copy they were shown:
// it holds for the edition's link.
func TestDecisionHoldsForEveryCopy(t *testing.T) {
	in := withCopy(testInput(), "plan", "plan-pdf", "pdf")
	in.Documents[0].Format = "html"
	ds := []Decision{{LinkID: LinkID("plan-pdf-a1", "f1", RelAddresses), Action: DecisionReject, Src: "plan-pdf-a1", Dst: "f1", Relation: RelAddresses}}
	out := Run(in, ds, testOptions())
	got := edges(out.Links)
	if _, ok := got[edge{"a1", RelAddresses, "f1", ReviewRejected}]; !ok {
		t.Errorf("rejecting the copy's link left the edition's link standing: %v", got)
	}
	if len(out.Orphans) != 0 {
		t.Errorf("orphans %+v", out.Orphans)
	}
}

// Two versions of one plan (the statuses moved on) are two editions, each
// linked, and each names the other.
func TestVersionsAreEditions(t *testing.T) {
	in := testInput()
	in = withCopy(in, "plan", "plan-v2", "html")
	for i := range in.Items {
		switch in.Items[i].DocID {
		case "plan":
			in.Items[i].Status = "Not started"
		case "plan-v2":
			in.Items[i].Status = "Complete"
		}
	}
	out := Run(in, nil, testOptions())
	var plans []Edition
	for _, e := range out.Editions {
		if e.Title == "Shire SEND Action Plan" {
			plans = append(plans, e)
		}
	}
	if len(plans) != 2 || len(plans[0].Versions) != 1 || plans[0].Versions[0] != plans[1].ID {
		t.Fatalf("two versions should be two editions naming each other: %+v", plans)
	}
	got := edges(out.Links)
	for _, src := range []string{"a1", "plan-v2-a1"} {
		if _, ok := got[edge{src, RelAddresses, "f1", ReviewProposed}]; !ok {
			t.Errorf("version's action %s lost its link to f1: %v", src, got)
		}
	}
}

func TestOwnReferencesOverruleResemblance(t *testing.T) {
	in := testInput()
	in.Items = append(in.Items, normalize.Item{ID: "f4", DocID: "insp", Kind: normalize.KindFinding, Key: "AFI7",
		Text: "Leaders should review the quality assurance programme for EHC plans"})
	got := edges(Run(in, nil, testOptions()).Links)
	if _, ok := got[edge{"a1", RelAddresses, "f4", ReviewProposed}]; ok {
		t.Error("an action coded AFI2 was linked to AFI7 on resemblance alone")
	}
	if _, ok := got[edge{"a1", RelAddresses, "f1", ReviewProposed}]; !ok {
		t.Error("lost the coded link")
	}
}

// A plan that answers its own inspection findings by code (a reference
// column naming AFI4): an action coded to something else is not linked to
// those findings on resemblance.
func TestDocumentsOwnCodingOverrulesResemblance(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "plan", LocalArea: "Shire", Title: "Plan"},
			{ID: "other", LocalArea: "Shire", Title: "Strategy"},
		},
		Items: []normalize.Item{
			{ID: "f", DocID: "plan", Kind: normalize.KindFinding, Key: "AFI1", Text: "Leaders should strengthen transition into adulthood for young people"},
			{ID: "a", DocID: "plan", Kind: normalize.KindAction, Key: "P1", Text: "Strengthen transition into adulthood panels", Refs: []string{"AFI1"}},
			{ID: "b", DocID: "plan", Kind: normalize.KindAction, Key: "P2", Text: "Expand the transition into adulthood team", Refs: []string{"SEF"}},
			{ID: "c", DocID: "other", Kind: normalize.KindAction, Key: "1", Text: "Expand the transition into adulthood team"},
		},
	}
	got := edges(Run(in, nil, testOptions()).Links)
	if _, ok := got[edge{"b", RelAddresses, "f", ReviewProposed}]; ok {
		t.Error("an action its own document codes to SEF was linked to that document's AFI1 on resemblance")
	}
	for _, want := range []edge{{"a", RelAddresses, "f", ReviewProposed}, {"b", RelSameAs, "c", ReviewProposed}} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %v; got %v", want, got)
		}
	}
	// The finding is stated in a plan that answers it with its own
	// actions: another plan's action restates one of them instead.
	if _, ok := got[edge{"c", RelAddresses, "f", ReviewProposed}]; ok {
		t.Error("another plan's action was linked to a finding the plan quoting it answers itself")
	}
}

func TestBestActionPerFinding(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "plan", LocalArea: "Shire", Title: "Plan"},
			{ID: "insp", LocalArea: "Shire", Title: "Report"},
		},
		Items: []normalize.Item{
			{ID: "f", DocID: "insp", Kind: normalize.KindFinding, Key: "PA1", Text: "Leaders should cut waiting times for therapy assessments and tribunal appeals"},
			{ID: "a", DocID: "plan", Kind: normalize.KindAction, Key: "1", Text: "Commission extra therapists so that assessments happen sooner"},
			{ID: "b", DocID: "plan", Kind: normalize.KindAction, Key: "2", Text: "Publish a newsletter about therapists for schools"},
			{ID: "c", DocID: "plan", Kind: normalize.KindAction, Key: "3", Text: "Refresh the local offer website"},
		},
	}
	opts := testOptions()
	opts.FindingFloor = 0.1
	got := edges(Run(in, nil, opts).Links)
	l, ok := got[edge{"a", RelAddresses, "f", ReviewProposed}]
	if !ok {
		t.Fatalf("the finding's best action was not proposed: %v", got)
	}
	if !strings.Contains(l.Evidence, "best match in its document for PA1") {
		t.Errorf("evidence %q does not say why", l.Evidence)
	}
	if len(got) != 1 {
		t.Errorf("want only the best action, got %v", got)
	}
	opts.FindingFloor = 0
	if got := Run(in, nil, opts).Links; len(got) != 0 {
		t.Errorf("finding_floor 0 still proposes %v", got)
	}
}

func TestThemes(t *testing.T) {
	themes := map[string][]string{
		"voice":      {"views", "parent carer forum"},
		"timeliness": {"timely", "waiting times"},
	}
	tests := []struct {
		name, text string
		want       []string
	}{
		{"phrase", "Reset the role of the Parent Carer Forum", []string{"voice"}},
		{"two themes", "Gather views on waiting times", []string{"timeliness", "voice"}},
		{"whole words only", "Review the viewscreen and untimely", nil},
		{"none", "Refresh the website", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := themesOf(tc.text, themes); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("themesOf(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
	c := candidate{score: 0.2}
	opts := testOptions()
	opts.Weights.SharedTheme = 0.05
	c.themed([]string{"timeliness", "voice"}, []string{"voice"}, opts)
	if c.score != 0.25 || !strings.Contains(strings.Join(c.evidence, ";"), "both on voice") {
		t.Errorf("themed: score %v evidence %v", c.score, c.evidence)
	}
	alone := candidate{}
	alone.themed([]string{"voice"}, []string{"voice"}, opts)
	if alone.score != 0 {
		t.Error("a shared theme alone made a score")
	}
}

func TestParentPriorityInformsImplements(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "comm", LocalArea: "Shire", Title: "Commissioning strategy"},
			{ID: "plan", LocalArea: "Shire", Title: "Action plan"},
		},
		Items: []normalize.Item{
			{ID: "p4", DocID: "comm", Kind: normalize.KindPriority, Key: "4", Text: "Improve the social, emotional and mental health of pupils"},
			{ID: "a", DocID: "comm", Kind: normalize.KindAction, Key: "P4.2", ParentKey: "4", Text: "Establish school teams across all districts"},
			{ID: "o10", DocID: "plan", Kind: normalize.KindOutcome, Key: "O10", Text: "Social, emotional and mental health needs are met in mainstream settings"},
		},
	}
	opts := testOptions()
	opts.Threshold.Implements = 0.2
	if got := edges(Run(in, nil, opts).Links); len(got) != 0 {
		t.Fatalf("without the parent's words: %v", got)
	}
	opts.ParentShare = 0.8
	got := edges(Run(in, nil, opts).Links)
	if _, ok := got[edge{"a", RelImplements, "o10", ReviewProposed}]; !ok {
		t.Errorf("the action under the mental health priority does not implement the mental health outcome: %v", got)
	}
}

// Two short statements that share one word are not one commitment: the
// cosine on "offer" alone is high, and min_shared_terms scales it down.
func TestFewSharedTermsScaledDown(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "plan", LocalArea: "Shire", Title: "Action plan"},
			{ID: "comm", LocalArea: "Shire", Title: "Commissioning strategy"},
		},
		Items: []normalize.Item{
			{ID: "a", DocID: "plan", Kind: normalize.KindAction, Key: "6.4", Text: "Review of the Local Offer"},
			{ID: "b", DocID: "comm", Kind: normalize.KindAction, Key: "P2.1", Text: "Complete the reviews of the offer and pathway to therapy services"},
			{ID: "c", DocID: "comm", Kind: normalize.KindAction, Key: "P2.9", Text: "Publish the Local Offer review timetable for schools"},
			{ID: "d", DocID: "plan", Kind: normalize.KindAction, Key: "6.9", Text: "Publish a timetable for schools on each Local Offer review"},
		},
	}
	opts := testOptions()
	got := edges(Run(in, nil, opts).Links)
	if _, ok := got[edge{"a", RelSameAs, "c", ReviewProposed}]; !ok {
		t.Fatalf("without min_shared_terms the two-word match should pass the threshold, or the test proves nothing: %v", got)
	}
	opts.MinSharedTerms = 3
	got = edges(Run(in, nil, opts).Links)
	for _, e := range []edge{{"a", RelSameAs, "b", ReviewProposed}, {"a", RelSameAs, "c", ReviewProposed}} {
		if _, ok := got[e]; ok {
			t.Errorf("%v rests on 'review' and 'offer' alone and is still proposed", e)
		}
	}
	if _, ok := got[edge{"c", RelSameAs, "d", ReviewProposed}]; !ok {
		t.Errorf("a match on four shared words was lost: %v", got)
	}
}

// A priority titled only "Next Step - SEND Provision" is matched by what its
// "why is this a priority" bullets say it is for.
func TestPriorityRationaleInformsImplements(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "plan", LocalArea: "Shire", Title: "Action plan"},
			{ID: "comm", LocalArea: "Shire", Title: "Commissioning strategy"},
		},
		Items: []normalize.Item{
			{ID: "p2", DocID: "plan", Kind: normalize.KindPriority, Key: "2", Text: "Next Step - SEND Provision"},
			{ID: "a", DocID: "comm", Kind: normalize.KindAction, Key: "P6.3", Text: "Make the move from children's to adult continuing care seamless and timely"},
		},
	}
	opts := testOptions()
	if got := edges(Run(in, nil, opts).Links); len(got) != 0 {
		t.Fatalf("without a rationale: %v", got)
	}
	in.Items[0].Rationale = []string{"To ensure that a move to adult continuing care is managed in a timely manner."}
	got := edges(Run(in, nil, opts).Links)
	if _, ok := got[edge{"a", RelImplements, "p2", ReviewProposed}]; !ok {
		t.Errorf("the priority's rationale did not count: %v", got)
	}
}

func TestMatchingDueDates(t *testing.T) {
	month := func(s string) normalize.Date {
		d := day(s)
		d.Precision = normalize.PrecisionMonth
		return d
	}
	opts := testOptions()
	opts.Weights.SharedDate = 0.05
	for _, tc := range []struct {
		name string
		a, b normalize.Date
		want float64
	}{
		{"same day", day("2023-03-31"), day("2023-03-31"), 0.05},
		{"month against day", month("2023-03-31"), day("2023-03-31"), 0.05},
		{"different months", month("2023-03-31"), day("2023-04-30"), 0},
		{"one undated", day("2023-03-31"), normalize.Date{}, 0},
	} {
		c := candidate{
			src:   &normalize.Item{Due: tc.a},
			dst:   &normalize.Item{Due: tc.b},
			score: 0.3, // dates separate candidates; alone they never score
		}
		c.shared(opts)
		if got := c.score - 0.3; got < tc.want-1e-9 || got > tc.want+1e-9 {
			t.Errorf("%s: date evidence %v, want %v (%v)", tc.name, got, tc.want, c.evidence)
		}
	}
	alone := candidate{src: &normalize.Item{Due: day("2023-03-31")}, dst: &normalize.Item{Due: day("2023-03-31")}}
	alone.shared(opts)
	if alone.score != 0 {
		t.Error("a matching date alone made a score")
	}
}

// A finding's best action below the threshold is proposed when the two share
// a theme; without one it is proposed only if the finding would otherwise
// have no candidate at all.
func TestBestActionNeedsThemeUnlessGap(t *testing.T) {
	in := Input{
		Documents: []normalize.Document{
			{ID: "insp", LocalArea: "Shire", Title: "Report"},
			{ID: "plan", LocalArea: "Shire", Title: "Plan"},
			{ID: "comm", LocalArea: "Shire", Title: "Strategy"},
		},
		Items: []normalize.Item{
			{ID: "f", DocID: "insp", Kind: normalize.KindFinding, Key: "PA2", Text: "Leaders should identify gaps in access to therapy and use performance data"},
			{ID: "a", DocID: "plan", Kind: normalize.KindAction, Key: "2.5", Text: "Understand the gaps between two disability teams and identify improvements"},
			{ID: "b", DocID: "comm", Kind: normalize.KindAction, Key: "P5.1", Text: "Map the therapy offer that commissioners and providers agree"},
			{ID: "g", DocID: "insp", Kind: normalize.KindFinding, Key: "AFI9", Text: "Leaders should shorten the journey to the tribunal"},
			{ID: "c", DocID: "plan", Kind: normalize.KindAction, Key: "2.6", Text: "Halve the tribunal journey times for families"},
		},
	}
	opts := testOptions()
	opts.FindingFloor = 0.05
	opts.Threshold.Addresses = 0.9
	opts.Weights.SharedTheme = 0.05
	opts.Themes = map[string][]string{"health_access": {"therapy"}}
	got := edges(Run(in, nil, opts).Links)
	if _, ok := got[edge{"b", RelAddresses, "f", ReviewProposed}]; !ok {
		t.Errorf("the best action sharing the finding's theme was not proposed: %v", got)
	}
	if _, ok := got[edge{"a", RelAddresses, "f", ReviewProposed}]; ok {
		t.Error("a weak match with no theme in common was proposed though the finding has a themed candidate")
	}
	if _, ok := got[edge{"c", RelAddresses, "g", ReviewProposed}]; !ok {
		t.Errorf("a finding with no themed candidate was left a gap: %v", got)
	}
}

// A printing whose title was lost to a running header joins its edition;
// a plan quoting an inspection letter's findings word for word does not
// join the letter, though all the letter's items align with it.
func TestEditionsBeyondTitles(t *testing.T) {
	in := testInput()
	for i := range in.Documents {
		in.Documents[i].Format, in.Documents[i].SHA256 = "html", "sha-"+in.Documents[i].ID
	}
	// The plan quotes the inspection's three findings.
	for _, it := range in.Items {
		if it.DocID == "insp" {
			it.ID, it.DocID = "plan-"+it.ID, "plan"
			in.Items = append(in.Items, it)
		}
	}
	in = withCopy(in, "insp", "insp-pdf", "pdf")
	in = withCopy(in, "plan", "plan-pdf", "pdf")
	for i := range in.Documents {
		if in.Documents[i].ID == "plan-pdf" {
			in.Documents[i].Title = "OFFICIAL"
		}
	}
	out := Run(in, nil, testOptions())
	of := map[string]string{}
	for _, e := range out.Editions {
		for _, c := range e.Copies {
			of[c] = e.ID
		}
	}
	if of["plan-pdf"] != of["plan"] {
		t.Errorf("the printing titled OFFICIAL is not in its plan's edition: %+v", out.Editions)
	}
	if of["insp"] == of["plan"] || of["insp"] != of["insp-pdf"] {
		t.Errorf("the inspection letter and the plan quoting it share an edition, or the letter lost its copy: %+v", out.Editions)
	}
}

// Conflicts compare meaning: a status by its category, leads by people
// resolution, dates at the coarser precision.
func TestConflictsCompareMeaning(t *testing.T) {
	year := day("2023-12-31")
	year.Precision = normalize.PrecisionYear
	a := normalize.Item{ID: "a", Kind: normalize.KindAction, Status: "G", StatusCategory: "on_track", Leads: []string{"J. Smith"}, Due: year}
	b := normalize.Item{ID: "b", Kind: normalize.KindAction, Status: "Green", StatusCategory: "on_track", Leads: []string{"Jane Smith"}, Due: day("2023-06-30")}
	items := map[string]*normalize.Item{"a": &a, "b": &b}
	links := []Link{{ID: "l", Src: "a", Dst: "b", Relation: RelSameAs, Review: ReviewProposed}}
	if got := conflicts(links, items, 1); len(got) != 0 {
		t.Errorf("one status, person and year written two ways conflict: %+v", got)
	}
	b.StatusCategory, b.Status, b.Leads = "complete", "Blue", []string{"Omar Khan"}
	got := conflicts(links, items, 1)
	if len(got) != 2 {
		t.Errorf("want a status and a leads conflict, got %+v", got)
	}
}
