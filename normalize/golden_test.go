package normalize_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/internal/golden"
	"github.com/sendrecon/sendrecon/normalize"
)

// goldenItem is an item as the golden files show it: dates as partial ISO
// dates, empty fields left out.
type goldenItem struct {
	Kind       string   `json:"kind"`
	Key        string   `json:"key"`
	Parent     string   `json:"parent,omitempty"`
	Objective  string   `json:"objective,omitempty"`
	Text       string   `json:"text"`
	Leads      []string `json:"leads,omitempty"`
	LeadOrgs   []string `json:"lead_orgs,omitempty"`
	Timescale  string   `json:"timescale,omitempty"`
	Start      string   `json:"start,omitempty"`
	Due        string   `json:"due,omitempty"`
	Status     string   `json:"status,omitempty"`
	Refs       []string `json:"refs,omitempty"`
	RefsRaw    string   `json:"refs_raw,omitempty"`
	Measures   []string `json:"measures,omitempty"`
	Outcomes   []string `json:"outcomes,omitempty"`
	Rationale  []string `json:"rationale,omitempty"`
	Milestones []string `json:"milestones,omitempty"`
	Progress   []string `json:"progress,omitempty"`
	Flags      []string `json:"flags,omitempty"`
}

type goldenDoc struct {
	Title     string       `json:"title"`
	LocalArea string       `json:"local_area,omitempty"`
	DocType   string       `json:"doc_type,omitempty"`
	Roles     []string     `json:"roles,omitempty"`
	Period    [2]string    `json:"period"`
	Items     []goldenItem `json:"items"`
}

func partial(d normalize.Date) string {
	if d.IsZero() {
		return ""
	}
	switch d.Precision {
	case normalize.PrecisionYear:
		return d.Time.Format("2006")
	case normalize.PrecisionMonth, normalize.PrecisionQuarter:
		return d.Time.Format("2006-01")
	}
	return d.Time.Format("2006-01-02")
}

func normalizeFile(t *testing.T, path string) normalize.Result {
	t.Helper()
	doc, err := extract.File(context.Background(), path, extract.DefaultOptions())
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	res, err := normalize.Run(doc, normalize.Meta{DocID: filepath.Base(path), SourcePath: path}, config.Default().Normalize)
	if err != nil {
		t.Fatalf("normalize %s: %v", path, err)
	}
	return res
}

func toGolden(res normalize.Result) goldenDoc {
	d := res.Document
	g := goldenDoc{Title: d.Title, LocalArea: d.LocalArea, DocType: d.DocType, Roles: d.Roles,
		Period: [2]string{partial(d.PeriodStart), partial(d.PeriodEnd)}}
	for _, it := range res.Items {
		g.Items = append(g.Items, goldenItem{
			Kind: string(it.Kind), Key: it.Key, Parent: it.ParentKey, Objective: it.Objective, Text: it.Text,
			Leads: it.Leads, LeadOrgs: it.LeadOrgs, Timescale: it.Timescale, Start: partial(it.Start),
			Due: partial(it.Due), Status: it.Status, Refs: it.Refs, RefsRaw: it.RefsRaw, Measures: it.Measures,
			Outcomes: it.Outcomes, Rationale: it.Rationale, Milestones: it.Milestones, Progress: it.Progress,
			Flags: it.Flags,
		})
	}
	return g
}

// TestGolden normalises every sample document and compares its items with
// testdata/golden/<sample>.json; -update rewrites them.
func TestGolden(t *testing.T) {
	samples, _ := filepath.Glob("../testdata/samples/*")
	if len(samples) == 0 {
		t.Skip("no samples in ../testdata/samples")
	}
	for _, path := range samples {
		if !extract.Supported(path) {
			continue
		}
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(toGolden(normalizeFile(t, path)), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			goldenFile := filepath.Join("testdata", "golden", name+".json")
			golden.Check(t, goldenFile, got)
		})
	}
}

// TestRunStable checks that ids do not change between runs.
func TestRunStable(t *testing.T) {
	samples, _ := filepath.Glob("../testdata/samples/*.html")
	if len(samples) == 0 {
		t.Skip("no HTML sample")
	}
	a, b := normalizeFile(t, samples[0]), normalizeFile(t, samples[0])
	if len(a.Items) == 0 || len(a.Items) != len(b.Items) {
		t.Fatalf("items: %d then %d", len(a.Items), len(b.Items))
	}
	seen := map[string]bool{}
	for i := range a.Items {
		if a.Items[i].ID != b.Items[i].ID {
			t.Errorf("item %d id %s then %s", i, a.Items[i].ID, b.Items[i].ID)
		}
		if seen[a.Items[i].ID] {
			t.Errorf("item id %s repeated", a.Items[i].ID)
		}
		seen[a.Items[i].ID] = true
	}
}

// corpusKeyFloors holds the item-key F1 measured from each corpus document's
// HTML where it is below 1; every other document must match its gold keys
// exactly. Raise (or delete) an entry when normalize improves.
var corpusKeyFloors = map[string]float64{}

// corpusTypeGaps are documents whose local area or type is known to differ
// from the gold's (the WSoA is typed outside FORMAT.md's list); remove an
// entry when it is fixed.
var corpusTypeGaps = map[string]bool{"middlesbrough-wsoa-2019": true}

func corpusKeyFloor(docID string) float64 {
	if f, ok := corpusKeyFloors[docID]; ok {
		return f
	}
	return 1
}

// TestCorpusGold is the development check against the hand-made answer keys
// of /work/shared: every gold key of every corpus HTML document is found,
// and nothing else of the gold's kinds. Skipped where /work/shared is absent.
func TestCorpusGold(t *testing.T) {
	const shared = "/work/shared"
	docs, _ := filepath.Glob(filepath.Join(shared, "corpus", "*", "source.html"))
	if len(docs) == 0 {
		t.Skip("no corpus at " + shared)
	}
	for _, path := range docs {
		id := filepath.Base(filepath.Dir(path))
		t.Run(id, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(shared, "gold", id+".json"))
			if err != nil {
				t.Skip("no gold")
			}
			var gold struct {
				LocalArea string `json:"local_area"`
				DocType   string `json:"doc_type"`
				Items     []struct{ Kind, Key string }
			}
			if err := json.Unmarshal(b, &gold); err != nil {
				t.Fatal(err)
			}
			res := normalizeFile(t, path)
			if (res.Document.LocalArea != gold.LocalArea || res.Document.DocType != gold.DocType) && !corpusTypeGaps[id] {
				t.Errorf("local area, type = %q, %q; want %q, %q", res.Document.LocalArea, res.Document.DocType, gold.LocalArea, gold.DocType)
			}
			want, kinds := map[string]bool{}, map[string]bool{}
			for _, it := range gold.Items {
				want[it.Kind+" "+it.Key] = true
				kinds[it.Kind] = true
			}
			got := map[string]bool{}
			for _, it := range res.Items {
				if kinds[string(it.Kind)] {
					got[string(it.Kind)+" "+it.Key] = true
				}
			}
			var missed, extra []string
			for k := range want {
				if !got[k] {
					missed = append(missed, k)
				}
			}
			for k := range got {
				if !want[k] {
					extra = append(extra, k)
				}
			}
			sort.Strings(missed)
			sort.Strings(extra)
			matched := len(want) - len(missed)
			f1 := 1.0
			if len(want)+len(got) > 0 {
				f1 = 2 * float64(matched) / float64(len(want)+len(got))
			}
			t.Logf("key F1 %.3f (gold %d, got %d, matched %d)", f1, len(want), len(got), matched)
			if f1 < corpusKeyFloor(id) {
				t.Errorf("key F1 %.3f below %.3f; missed %s; extra %s", f1, corpusKeyFloor(id), strings.Join(missed, ", "), strings.Join(extra, ", "))
			}
		})
	}
}
