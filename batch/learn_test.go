package batch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/reconcile"
)

func readLinks(t *testing.T, out string) []emit.LinkRow {
	t.Helper()
	var all []emit.LinkRow
	if err := emit.ReadTable(out, "links", func(rows []emit.LinkRow) error {
		all = append(all, rows...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return all
}

func readLearning(t *testing.T, out string) *reconcile.Learning {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, emit.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m emit.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Learning == nil {
		t.Fatal("manifest.json has no learning")
	}
	return m.Learning
}

// writeDecisions writes decisions into out's decisions file, where a run
// into out reads them.
func writeDecisions(t *testing.T, out string, ds []reconcile.Decision) {
	t.Helper()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := reconcile.AppendDecisions(filepath.Join(out, "decisions.jsonl"), ds...); err != nil {
		t.Fatal(err)
	}
}

func decide(l emit.LinkRow, action string) reconcile.Decision {
	return reconcile.Decision{LinkID: l.LinkID, Src: l.SrcItemID, Dst: l.DstItemID, Relation: l.Relation, Action: action, By: "test"}
}

// TestLearnFromDecisions: reviewers reject restated actions (same_as) that
// rest on text and a shared theme, and accept those sharing leads and the
// links the documents' own codes make. The next run learns the weights
// from them, says so in manifest.json, links with them (undecided
// theme-only restatements score lower or drop out; code links hold), and
// learns the same bytes again from the same decisions; with too few
// decisions the configured weights hold and the manifest says why.
func TestLearnFromDecisions(t *testing.T) {
	dir := t.TempDir()
	paths := genBatch(t, dir, 24)
	plain := filepath.Join(dir, "plain")
	runBatch(t, plain, paths)
	if l := readLearning(t, plain); l.Status != reconcile.StatusConfigured || l.Reason != "no reviewers' decisions" {
		t.Errorf("without decisions: %+v", l)
	}
	var ds []reconcile.Decision
	heldOut := map[string]float64{}
	codes := map[string]float64{}
	themed, coded := 0, 0
	for _, l := range readLinks(t, plain) {
		switch {
		case l.Relation == reconcile.RelSameAs && l.Method == "text+theme":
			if themed++; themed%2 == 0 {
				ds = append(ds, decide(l, reconcile.DecisionReject))
			} else {
				heldOut[l.LinkID] = l.Score
			}
		case l.Relation == reconcile.RelSameAs && strings.Contains(l.Method, "people"):
			ds = append(ds, decide(l, reconcile.DecisionAccept))
		case strings.Contains(l.Method, "explicit_ref"):
			if coded++; coded <= 15 {
				ds = append(ds, decide(l, reconcile.DecisionAccept))
			} else {
				codes[l.LinkID] = l.Score
			}
		}
	}
	if len(heldOut) < 10 || len(codes) < 10 || len(ds) < 40 {
		t.Fatalf("the generated batch gives %d decisions, %d held-out theme links, %d held-out code links", len(ds), len(heldOut), len(codes))
	}

	learnt := filepath.Join(dir, "learnt")
	writeDecisions(t, learnt, ds)
	runBatch(t, learnt, paths)
	l := readLearning(t, learnt)
	t.Logf("%s: configured %v\nlearnt %v", l.Reason, l.Configured, l.Weights)
	if l.Status != reconcile.StatusLearnt || l.Decisions != len(ds) || l.Examples != len(ds) || l.Rejected == 0 || l.Accepted == 0 {
		t.Fatalf("learning %+v, want learnt from all %d decisions", l, len(ds))
	}
	if l.Weights["shared_theme"] >= l.Configured["shared_theme"] || l.Weights["shared_lead"] <= l.Configured["shared_lead"] {
		t.Errorf("themes should weigh less and shared leads more: configured %v, learnt %v", l.Configured, l.Weights)
	}
	if l.Weights["explicit_ref"] < l.Configured["explicit_ref"] {
		t.Errorf("explicit_ref fell to %v", l.Weights["explicit_ref"])
	}
	after := map[string]emit.LinkRow{}
	for _, r := range readLinks(t, learnt) {
		after[r.LinkID] = r
	}
	lower := 0
	for id, before := range heldOut {
		r, ok := after[id]
		if ok && r.Score > before {
			t.Errorf("held-out theme link %s: score %v -> %v, want lower", id, before, r.Score)
		}
		if !ok || r.Score < before {
			lower++
		}
	}
	if lower == 0 {
		t.Errorf("no held-out theme link scored lower")
	}
	// A document's own code still makes a link on its own (its text,
	// weighted less now, may add less to it).
	for id := range codes {
		if r, ok := after[id]; !ok || r.Score < l.Configured["explicit_ref"] {
			t.Errorf("code link %s: %+v, want still proposed at explicit_ref's weight or more", id, r)
		}
	}
	for _, d := range ds {
		r, ok := after[d.LinkID]
		if want := map[string]string{reconcile.DecisionAccept: reconcile.ReviewAccepted, reconcile.DecisionReject: reconcile.ReviewRejected}[d.Action]; !ok || r.Review != want {
			t.Errorf("decided link %s: %+v, want review %s", d.LinkID, r, want)
		}
	}

	// The same decisions learn the same weights and write the same bytes.
	again := filepath.Join(dir, "again")
	writeDecisions(t, again, ds)
	runBatch(t, again, paths)
	a, b := readTables(t, learnt), readTables(t, again)
	sameTables(t, "two runs with one decisions file", a, b)
	if l2 := readLearning(t, again); !reflect.DeepEqual(l, l2) {
		t.Errorf("learning differs between runs:\n%+v\n%+v", l, l2)
	}

	few := filepath.Join(dir, "few")
	writeDecisions(t, few, ds[:5])
	runBatch(t, few, paths)
	if l := readLearning(t, few); l.Status != reconcile.StatusConfigured || !strings.Contains(l.Reason, "learn_min_decisions") || l.Examples != 5 || !reflect.DeepEqual(l.Weights, l.Configured) {
		t.Errorf("with 5 decisions: %+v, want the configured weights", l)
	}
}
