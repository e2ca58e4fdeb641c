package reconcile

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/normalize"
)

// vocabulary for synthetic statements: the domain's words, so the text
// similarity does realistic work.
var vocabulary = strings.Fields(`assessment plans quality assurance timely annual review speech language
therapy waiting times transition adulthood employment training workforce
governance board accountability performance data commissioning joint mental
health emotional wellbeing inclusion exclusion attendance early years
identification autism neurodevelopmental pathway equipment short breaks
local offer coproduction voice engagement forum survey tribunal mediation
placement specialist mainstream capital funding outreach audit framework`)

// syntheticBatch makes areas local areas of six documents each: two plans
// with 40 actions, an inspection report with 8 findings, a commissioning
// strategy with 6 priorities and 24 actions, an outcomes policy with 12
// outcomes, and a second version of the first plan.
func syntheticBatch(areas int) Input {
	r := rand.New(rand.NewPCG(1, 2))
	sentence := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocabulary[r.IntN(len(vocabulary))]
		}
		return strings.Join(w, " ")
	}
	var in Input
	for a := range areas {
		area := fmt.Sprintf("Area %d", a)
		add := func(doc, title string, kind normalize.Kind, n int, refs bool) {
			in.Documents = append(in.Documents, normalize.Document{ID: doc, LocalArea: area, Title: title})
			for i := range n {
				it := normalize.Item{
					ID: fmt.Sprintf("%s-%d", doc, i), DocID: doc, Kind: kind, Key: fmt.Sprint(i + 1),
					Text: sentence(12), Leads: []string{fmt.Sprintf("Lead %d", r.IntN(8))},
				}
				if kind == normalize.KindFinding {
					it.Key = fmt.Sprintf("AFI%d", i+1)
				}
				if refs && r.IntN(3) == 0 {
					it.Refs = []string{fmt.Sprintf("AFI%d", 1+r.IntN(8))}
				}
				in.Items = append(in.Items, it)
			}
		}
		p := fmt.Sprintf("a%d-", a)
		add(p+"plan", area+" SEND action plan", normalize.KindAction, 40, true)
		add(p+"plan2", area+" SEND improvement plan", normalize.KindAction, 40, true)
		add(p+"insp", area+" inspection progress report", normalize.KindFinding, 8, false)
		add(p+"comm", area+" joint commissioning strategy", normalize.KindPriority, 6, false)
		add(p+"comm-acts", area+" commissioning delivery plan", normalize.KindAction, 24, false)
		add(p+"policy", area+" SEND policy outcomes", normalize.KindOutcome, 12, false)
	}
	return in
}

// BenchmarkRun shows reconciliation growing linearly with the number of
// local areas: compare ns/area (and B/op divided by areas) across sizes.
//
//	go test -bench Run -benchmem -count 6 ./reconcile | benchstat -
func BenchmarkRun(b *testing.B) {
	opts := testOptions()
	for _, areas := range []int{25, 50, 100, 150} {
		in := syntheticBatch(areas)
		b.Run(fmt.Sprintf("areas=%d", areas), func(b *testing.B) {
			b.ReportAllocs()
			var links int
			for b.Loop() {
				links = len(Run(in, nil, opts).Links)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(areas), "ns/area")
			b.ReportMetric(float64(links)/float64(areas), "links/area")
		})
	}
}

// TestSyntheticBatchLinksStayInArea guards the blocking the benchmark
// measures: no link between two areas of the synthetic batch.
func TestSyntheticBatchLinksStayInArea(t *testing.T) {
	in := syntheticBatch(5)
	out := Run(in, nil, testOptions())
	if len(out.Links) == 0 {
		t.Fatal("no links in the synthetic batch: the benchmark would measure nothing")
	}
	for _, l := range out.Links {
		if areaOf(l.Src) != areaOf(l.Dst) {
			t.Errorf("link %s -> %s crosses areas", l.Src, l.Dst)
		}
	}
}

func areaOf(itemID string) string { a, _, _ := strings.Cut(itemID, "-"); return a }

// areaOfCopies is one local area of twelve documents (two synthetic
// areas' worth), each held copies times: its HTML and PDF printings, the
// last with some statuses filled in, as a re-saved copy may have.
func areaOfCopies(copies int) Input {
	base := syntheticBatch(2)
	var in Input
	for _, d := range base.Documents {
		d.LocalArea = "Area 0"
		for c := range copies {
			cd := d
			cd.ID, cd.SHA256 = fmt.Sprintf("%s-c%d", d.ID, c), fmt.Sprintf("sha-%s-c%d", d.ID, c)
			if c > 0 {
				cd.Format = "pdf"
			}
			in.Documents = append(in.Documents, cd)
			for _, it := range base.Items {
				if it.DocID != d.ID {
					continue
				}
				it.ID, it.DocID = fmt.Sprintf("%s-c%d", it.ID, c), cd.ID
				if c == copies-1 && c > 0 && len(it.ID)%3 == 0 {
					it.Status = "Complete"
				}
				in.Items = append(in.Items, it)
			}
		}
	}
	return in
}

// BenchmarkAreaCopies: a local area holding each document five times (60
// documents) links in a small multiple (measured 1.7x) of the time of the
// same area holding each once (12 documents), because copies
// are grouped into editions before linking and only representatives are
// linked.
//
//	go test -run '^$' -bench AreaCopies -benchmem ./reconcile
func BenchmarkAreaCopies(b *testing.B) {
	opts := testOptions()
	for _, copies := range []int{1, 5} {
		in := areaOfCopies(copies)
		b.Run(fmt.Sprintf("documents=%d", len(in.Documents)), func(b *testing.B) {
			b.ReportAllocs()
			var links int
			for b.Loop() {
				links = len(Run(in, nil, opts).Links)
			}
			b.ReportMetric(float64(links), "links")
		})
	}
}
