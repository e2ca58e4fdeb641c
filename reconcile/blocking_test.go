package reconcile

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/normalize"
)

// oneArea makes one local area of n distinct documents (each its own
// title): an inspection letter with findings every 25 documents, and plans
// whose actions cite the latest letter's codes, strategies with priorities
// and actions, policies with outcomes. Words are
// drawn as in real plans: a few domain words everyone uses, each
// document's own subject, and a long tail, so how many pairs resemble each
// other grows as it does in an area, not as in text drawn from one short
// list. Document i is the same for every n.
func oneArea(n int) Input {
	tail := make([]string, 4000)
	for i := range tail {
		tail[i] = pseudoWord(i)
	}
	var in Input
	for d := range n {
		r := rand.New(rand.NewPCG(uint64(d), 7))
		zipf := rand.NewZipf(r, 1.2, 8, uint64(len(tail)-1))
		topic := make([]string, 12)
		for i := range topic {
			topic[i] = tail[zipf.Uint64()]
		}
		sentence := func(k int) string {
			w := make([]string, k)
			for i := range w {
				switch p := r.IntN(10); {
				case p < 2:
					w[i] = vocabulary[r.IntN(len(vocabulary))]
				case p < 6:
					w[i] = topic[r.IntN(len(topic))]
				default:
					w[i] = tail[zipf.Uint64()]
				}
			}
			return strings.Join(w, " ")
		}
		id := fmt.Sprintf("d%03d", d)
		kinds := []struct {
			title string
			kind  normalize.Kind
			items int
		}{
			{"inspection letter", normalize.KindFinding, 6},
			{"action plan", normalize.KindAction, 30},
			{"strategy", normalize.KindPriority, 6},
			{"outcomes policy", normalize.KindOutcome, 10},
		}
		// An area has an inspection letter or two among its plans.
		k := kinds[1+d%(len(kinds)-1)]
		if d%25 == 0 {
			k = kinds[0]
		}
		// Each inspection codes its findings its own way; a plan cites
		// the latest before it.
		code := func(n int) string { return fmt.Sprintf("%c%c%d", 'A'+d/25/26%26, 'A'+d/25%26, n) }
		in.Documents = append(in.Documents, normalize.Document{ID: id, LocalArea: "Shire", Title: fmt.Sprintf("Shire %s %s", k.title, topic[0]+" "+pseudoWord(5000+d))})
		for i := range k.items {
			it := normalize.Item{
				ID: fmt.Sprintf("%s-%02d", id, i), DocID: id, Kind: k.kind, Key: fmt.Sprint(i + 1),
				Text: sentence(8 + r.IntN(10)), Leads: []string{fmt.Sprintf("Lead %d", r.IntN(40))},
			}
			switch {
			case k.kind == normalize.KindFinding:
				it.Key = code(i + 1)
			case k.kind == normalize.KindAction && r.IntN(4) == 0:
				it.Refs = []string{code(1 + r.IntN(6))}
			}
			in.Items = append(in.Items, it)
			if k.kind == normalize.KindPriority {
				// A strategy's priorities with the actions under them.
				for j := range 3 {
					in.Items = append(in.Items, normalize.Item{
						ID: fmt.Sprintf("%s-%02d-%d", id, i, j), DocID: id, Kind: normalize.KindAction,
						Key: fmt.Sprintf("P%d.%d", i+1, j+1), ParentKey: fmt.Sprint(i + 1), Text: sentence(10),
					})
				}
			}
		}
	}
	return in
}

// pseudoWord is the i-th of a long tail of made-up words.
func pseudoWord(i int) string {
	syl := []string{"ka", "lo", "mi", "ten", "ru", "sha", "vo", "pel", "dri", "qua", "nor", "bex"}
	var b strings.Builder
	for i++; i > 0; i /= len(syl) {
		b.WriteString(syl[i%len(syl)])
	}
	return b.String()
}

// TestBlockingLosesNoLink: linking with blocking proposes exactly the links
// scoring every pair of an area proposes, on areas of every shape the
// benchmarks use and under options that move every threshold the blocking
// reads (thresholds, weights of the evidence that only adds, the finding
// floor, text switched off).
func TestBlockingLosesNoLink(t *testing.T) {
	inputs := map[string]Input{
		"small":      testInput(),
		"synthetic":  syntheticBatch(2),
		"copies":     areaOfCopies(2),
		"one area":   oneArea(26),
		"versions":   areaOfVersions(6),
		"no titles":  untitled(syntheticBatch(2)),
		"same title": sameTitle(syntheticBatch(2)),
	}
	base := testOptions()
	base.Themes = map[string][]string{"voice": {"voice", "engagement", "survey"}, "data": {"data", "performance"}}
	base.Weights.SharedTheme, base.Weights.SharedDate, base.Weights.SameSection = 0.05, 0.05, 0.3
	base.ParentShare, base.MinSharedTerms = 0.8, 3
	opts := map[string]Options{"default": base}
	o := base
	o.FindingFloor = 0.14
	opts["finding floor"] = o
	o = base
	o.Threshold = Thresholds{Addresses: 0.9, Implements: 0.9, SameAs: 0.9}
	opts["high thresholds"] = o
	o = base
	o.Weights.SharedLead, o.Weights.SharedTheme = 0.4, 0.2
	opts["heavy extras"] = o
	o = base
	o.Weights.Text = 0
	opts["no text"] = o
	o = base
	o.Weights.Text, o.ParentShare = 0.5, 0
	opts["half text"] = o
	for name, in := range inputs {
		for oname, opt := range opts {
			got := Run(in, nil, opt)
			opt.Exhaustive = true
			want := Run(in, nil, opt)
			if !reflect.DeepEqual(got.Links, want.Links) {
				t.Errorf("%s, %s options: blocking proposes %d links, every pair %d", name, oname, len(got.Links), len(want.Links))
				for _, l := range diffLinks(got.Links, want.Links) {
					t.Log(l)
				}
			}
			if name == "one area" && oname == "default" && len(want.Links) < 50 {
				t.Errorf("one area: only %d links, the comparison shows little", len(want.Links))
			}
		}
	}
}

// TestBlockingRandomOptions: blocking equals scoring every pair under
// random thresholds and weights (as learning may set them), on small areas
// whose items share leads, organisations, due dates and themes.
func TestBlockingRandomOptions(t *testing.T) {
	for seed := range 12 {
		r := rand.New(rand.NewPCG(uint64(seed), 99))
		in := oneArea(10 + 2*seed)
		for i := range in.Items {
			it := &in.Items[i]
			if r.IntN(2) == 0 {
				it.LeadOrgs = []string{fmt.Sprintf("Org %d", r.IntN(4))}
			}
			if r.IntN(2) == 0 {
				it.Due = day(fmt.Sprintf("202%d-0%d-01", r.IntN(3), 1+r.IntN(9)))
			}
		}
		o := testOptions()
		o.Themes = map[string][]string{"voice": {"voice", "engagement", "survey"}, "data": {"data", "performance"}, "early": {"early years"}}
		o.Threshold = Thresholds{Addresses: 0.05 + 0.6*r.Float64(), Implements: 0.05 + 0.6*r.Float64(), SameAs: 0.05 + 0.6*r.Float64()}
		o.Weights = Weights{
			ExplicitRef: r.Float64(), TitleRef: r.Float64(), Text: 0.2 + r.Float64(),
			SharedLead: 0.3 * r.Float64(), SharedOrg: 0.3 * r.Float64(), SharedDate: 0.3 * r.Float64(),
			SharedTheme: 0.2 * r.Float64(), SameSection: 0.5 * r.Float64(),
		}
		if r.IntN(2) == 0 {
			o.FindingFloor = 0.2 * r.Float64()
		}
		o.MinSharedTerms, o.ParentShare = r.IntN(4), r.Float64()
		got := Run(in, nil, o)
		o.Exhaustive = true
		want := Run(in, nil, o)
		t.Logf("seed %d: %d links", seed, len(want.Links))
		if !reflect.DeepEqual(got.Links, want.Links) {
			t.Errorf("seed %d: blocking proposes %d links, every pair %d", seed, len(got.Links), len(want.Links))
			for _, l := range diffLinks(got.Links, want.Links) {
				t.Log(l)
			}
		}
	}
}

func diffLinks(got, want []Link) []string {
	in := map[Link]bool{}
	for _, l := range got {
		in[l] = true
	}
	var out []string
	for _, l := range want {
		if !in[l] {
			out = append(out, fmt.Sprintf("missing %s %s %s %.3f %s", l.Src, l.Relation, l.Dst, l.Score, l.Evidence))
		}
		delete(in, l)
	}
	for l := range in {
		out = append(out, fmt.Sprintf("extra %s %s %s %.3f", l.Src, l.Relation, l.Dst, l.Score))
	}
	return out
}

func untitled(in Input) Input {
	for i := range in.Documents {
		in.Documents[i].Title = ""
	}
	return in
}

func sameTitle(in Input) Input {
	for i := range in.Documents {
		in.Documents[i].Title = "One Plan"
	}
	return in
}

// areaOfVersions is one area of the synthetic plan re-issued versions
// times (statuses and dues moved on, so each is an edition of its own)
// beside the documents it answers.
func areaOfVersions(versions int) Input {
	base := syntheticBatch(1)
	var in Input
	for _, d := range base.Documents {
		n := 1
		if d.ID == "a0-plan" {
			n = versions
		}
		for v := range n {
			vd := d
			vd.ID = fmt.Sprintf("%s-v%d", d.ID, v)
			in.Documents = append(in.Documents, vd)
			for k, it := range base.Items {
				if it.DocID != d.ID || n > 1 && (k+v)%7 == 0 {
					continue
				}
				it.ID, it.DocID = fmt.Sprintf("%s-v%d", it.ID, v), vd.ID
				if n > 1 {
					it.Status = []string{"Green", "Amber", "Red", "Complete"}[(k+v)%4]
					it.Due = day(fmt.Sprintf("%d-03-31", 2022+(k+v)%3))
				}
				in.Items = append(in.Items, it)
			}
		}
	}
	return in
}

// TestBlockingPrunes: in one area of distinct documents, blocking scores a
// small share of the pairs scoring every pair would.
func TestBlockingPrunes(t *testing.T) {
	in := oneArea(80)
	a := areas(in)[0]
	s := a.scorer(testOptions())
	b := s.blocker()
	pairs, all := 0, 0
	for _, src := range a.items {
		if src.Kind != normalize.KindAction && src.Kind != normalize.KindFinding {
			continue
		}
		pairs += len(b.candidates(src))
		all += len(a.items)
	}
	t.Logf("%d of %d pairs scored (%.1f%%)", pairs, all, 100*float64(pairs)/float64(all))
	if float64(pairs) > 0.1*float64(all) {
		t.Errorf("blocking scores %d of %d pairs", pairs, all)
	}
}

// BenchmarkOneArea: one local area of 50 to 400 distinct documents; with
// blocking, ns/document should stay roughly flat (each item is scored
// against the items resembling it, not every item of the area).
//
//	go test -run '^$' -bench OneArea -benchmem ./reconcile
func BenchmarkOneArea(b *testing.B) {
	opts := testOptions()
	for _, n := range []int{50, 100, 200, 400} {
		in := oneArea(n)
		b.Run(fmt.Sprintf("documents=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var links int
			for b.Loop() {
				links = len(Run(in, nil, opts).Links)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/document")
			b.ReportMetric(float64(links)/float64(n), "links/document")
		})
	}
}
