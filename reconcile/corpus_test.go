package reconcile_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// corpusLinkFloors hold, per local area of the shared corpus, the links F1
// (exact relation, against gold/links.json) measured from the areas' HTML
// documents reconciled together. Raise an entry when linking improves.
var corpusLinkFloors = map[string]float64{
	"herts":         0.955,
	"hull":          0.98,
	"middlesbrough": 0.88,
	"notts":         0.57,
}

// TestCorpusLinks reconciles each floored area's HTML documents and scores
// the links against the hand-made gold. Skipped where /work/shared is
// absent.
func TestCorpusLinks(t *testing.T) {
	const shared = "/work/shared"
	b, err := os.ReadFile(filepath.Join(shared, "gold", "links.json"))
	if err != nil {
		t.Skip("no gold links at " + shared)
	}
	var gold struct {
		Links []struct{ From, To, Relation string }
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	for prefix, floor := range corpusLinkFloors {
		t.Run(prefix, func(t *testing.T) {
			paths, _ := filepath.Glob(filepath.Join(shared, "corpus", prefix+"-*", "source.html"))
			if len(paths) == 0 {
				t.Skip("no documents")
			}
			var in reconcile.Input
			for _, p := range paths {
				id := filepath.Base(filepath.Dir(p))
				doc, err := extract.File(context.Background(), p, extract.DefaultOptions())
				if err != nil {
					t.Fatalf("extract %s: %v", p, err)
				}
				res, err := normalize.Run(doc, normalize.Meta{DocID: id, SourcePath: p}, cfg.Normalize)
				if err != nil {
					t.Fatalf("normalize %s: %v", p, err)
				}
				in.Documents = append(in.Documents, res.Document)
				in.Items = append(in.Items, res.Items...)
			}
			name := map[string]string{}
			for _, it := range in.Items {
				name[it.ID] = it.DocID + "#" + it.Key
			}
			got := map[string]bool{}
			for _, l := range reconcile.Run(in, nil, cfg.Reconcile).Links {
				got[linkKey(name[l.Src], l.Relation, name[l.Dst])] = true
			}
			want := map[string]bool{}
			for _, l := range gold.Links {
				if strings.HasPrefix(l.From, prefix+"-") {
					want[linkKey(l.From, l.Relation, l.To)] = true
				}
			}
			tp := 0
			var missed []string
			for k := range want {
				if got[k] {
					tp++
				} else {
					missed = append(missed, k)
				}
			}
			if len(want) == 0 || len(got) == 0 {
				t.Fatalf("%d gold links, %d found", len(want), len(got))
			}
			p, r := float64(tp)/float64(len(got)), float64(tp)/float64(len(want))
			f1 := 0.0
			if tp > 0 {
				f1 = 2 * p * r / (p + r)
			}
			t.Logf("links F1 %.3f (precision %.3f, recall %.3f)", f1, p, r)
			if f1 < floor {
				t.Errorf("links F1 %.3f below %.3f; missed %s", f1, floor, strings.Join(missed, "; "))
			}
		})
	}
}

// linkKey names a link; same_as has no direction.
func linkKey(from, rel, to string) string {
	if rel == reconcile.RelSameAs && to < from {
		from, to = to, from
	}
	return from + " " + rel + " " + to
}
