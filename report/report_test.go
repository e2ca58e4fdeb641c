package report

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

func sample() Data {
	due := normalize.Date{Time: time.Date(2023, 3, 31, 0, 0, 0, 0, time.UTC), Precision: normalize.PrecisionMonth}
	return Data{
		Out: "out", Generated: time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC),
		Documents: []normalize.Document{
			{ID: "plan", Title: "Shire SEND Action Plan", SourcePath: "docs/plan.pdf", LocalArea: "Shire", Status: "ok"},
			{ID: "insp", Title: "Shire Inspection", SourcePath: "docs/insp.html", LocalArea: "Shire", Status: "ok"},
			{ID: "v1", Title: "Plan", SourcePath: "v1.html", Status: "ok"},
			{ID: "v2", Title: "Plan", SourcePath: "v2.html", Status: "ok"},
		},
		Items: []normalize.Item{
			{ID: "a1", DocID: "plan", Kind: normalize.KindAction, Key: "1.1", Text: "Review <EHC> plans & quality", Page: 3,
				Leads: []string{"Ann Lee"}, LeadOrgs: []string{"NCC"}, Due: due, Status: "On track some concerns", Flags: []string{reconcile.FlagOverdue}},
			{ID: "a2", DocID: "plan", Kind: normalize.KindAction, Key: "1.2", Text: "Reduce waits", Status: "Complete"},
			{ID: "f1", DocID: "insp", Kind: normalize.KindFinding, Key: "AFI2", Text: "Quality assurance of EHC plans", Page: 2},
			{ID: "f2", DocID: "insp", Kind: normalize.KindFinding, Key: "AFI9", Text: "Local offer languages"},
			{ID: "o1", DocID: "v1", Kind: normalize.KindAction, Key: "1", Text: "Publish the offer"},
			{ID: "n1", DocID: "v2", Kind: normalize.KindAction, Key: "1", Text: "Publish and translate the offer"},
		},
		Links: []reconcile.Link{
			{ID: "link-1", Src: "a1", Dst: "f1", Relation: reconcile.RelAddresses, Score: 0.95, Method: "explicit_ref", Evidence: "refs name AFI2", Review: reconcile.ReviewProposed},
			{ID: "link-2", Src: "a2", Dst: "f1", Relation: reconcile.RelAddresses, Score: 0.4, Method: "text", Evidence: "0.40 text similarity", Review: reconcile.ReviewRejected},
		},
		Coverage: []reconcile.Coverage{
			{FindingID: "f1", DocID: "insp", LocalArea: "Shire", Key: "AFI2", Actions: 1, ActionIDs: []string{"a1"}, Status: reconcile.Covered},
			{FindingID: "f2", DocID: "insp", LocalArea: "Shire", Key: "AFI9", Status: reconcile.Gap},
		},
		Conflicts: []reconcile.Conflict{{LinkID: "link-1", SrcItemID: "a1", DstItemID: "f1", Field: "due_date", SrcValue: "2023-03", DstValue: "2022-12"}},
		Changes: []reconcile.Change{
			{OldDocID: "v1", NewDocID: "v2", OldItemID: "o1", NewItemID: "n1", Key: "1", Kind: "action", Change: reconcile.ChangeModified,
				Field: reconcile.FieldText, Before: "Publish the offer", After: "Publish and translate the offer"},
		},
	}
}

func TestRenderShowsEverySection(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"<h2>Shire</h2>",
		"Review &lt;EHC&gt; plans &amp; quality", // escaped, never markup
		"Shire SEND Action Plan</span> · <span class=\"mono\">plan.pdf</span> · p. 3",
		`data-coverage="gap"`, `data-review="proposed"`, `data-review="rejected"`,
		`<td class="c c-ref" title="action 1.1 → AFI2: ref, score 0.95" data-link="link-1">`,
		"refs name AFI2", "2022-12",
		"Coverage per finding", "Actions per status", "Overdue per lead organisation",
		`<ins>and translate </ins>`,
		"sendrecon review serve --out out",
		"generated 1 May 2024 09:30 UTC",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The review buttons start disabled: only the server turns them on.
	if n, m := strings.Count(page, `data-act="accept" disabled`), strings.Count(page, `data-act="accept"`); n != m || n != 2 {
		t.Errorf("%d of %d accept buttons disabled, want 2 of 2", n, m)
	}
}

// TestSelfContained: nothing on the page loads from anywhere.
func TestSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//|@import|url\(\s*['"]?(https?:)?//|<link\b`)
	if m := external.FindString(buf.String()); m != "" {
		t.Errorf("page refers outside itself: %q", m)
	}
	if !strings.Contains(buf.String(), `content="default-src 'none';`) {
		t.Error("page has no content security policy")
	}
}

func TestWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, File)
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, sample()); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d files after Write, want only %s", len(entries), File)
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Errorf("page starts %.40q", b)
	}
	err := Write(filepath.Join(dir, "missing", File), sample())
	if err == nil || !strings.Contains(err.Error(), "report") {
		t.Errorf("Write into a missing folder = %v, want a report error", err)
	}
}

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name, before, after string
		want                []wordOp
	}{
		{"inserted words", "Publish the offer", "Publish and translate the offer",
			[]wordOp{{"=", "Publish "}, {"+", "and translate "}, {"=", "the offer"}}},
		{"punctuation apart from its word", "what happens.", "what happens when they arrive.",
			[]wordOp{{"=", "what happens"}, {"+", " when they arrive"}, {"=", "."}}},
		{"all new", "", "New", []wordOp{{"+", "New"}}},
		{"unchanged", "Same text", "Same text", []wordOp{{"=", "Same text"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := wordDiff(tc.before, tc.after); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("wordDiff = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStatusTone(t *testing.T) {
	for s, want := range map[string]string{
		"On track no concerns": "good", "On track some concerns": "warn", "Completed Embedded Sustained": "done",
		"Not due yet": "none", "": "none", "Off track": "bad", "Paused": "info",
		"G": "good", "A": "warn", "R": "bad", "B": "done", "Delayed": "bad", "Significant concerns": "bad",
		"Not started": "none", "Redesign agreed": "info",
	} {
		if got := statusTone(s); got != want {
			t.Errorf("statusTone(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzWordDiff(f *testing.F) {
	f.Add("Publish the offer", "Publish and translate the offer")
	f.Add("a  b\tc", "é, ü")
	f.Fuzz(func(t *testing.T, before, after string) {
		var b, a strings.Builder
		for _, op := range wordDiff(before, after) {
			if op.Op != "+" {
				b.WriteString(op.Text)
			}
			if op.Op != "-" {
				a.WriteString(op.Text)
			}
		}
		if b.String() != before || a.String() != after {
			t.Errorf("wordDiff(%q, %q) does not rebuild both: %q, %q", before, after, b.String(), a.String())
		}
	})
}

// Copies of one edition are one row of the documents table, the copies
// listed on it, and the copies' items count once.
func TestEditionsGroupCopies(t *testing.T) {
	d := sample()
	d.Documents = append(d.Documents, normalize.Document{ID: "plan-copy", Title: "Shire SEND Action Plan", SourcePath: "docs/plan.chromium.pdf", LocalArea: "Shire", Status: "ok"})
	d.Items = append(d.Items, normalize.Item{ID: "copy-a1", DocID: "plan-copy", Kind: normalize.KindAction, Key: "1.1", Text: "Review plans", Flags: []string{reconcile.FlagOverdue}})
	d.Editions = []reconcile.Edition{{ID: "ed-plan", Representative: "plan", Copies: []string{"plan", "plan-copy"}, LocalArea: "Shire"}}
	p := build(d)
	var shire *areaView
	for _, a := range p.Areas {
		if a.Name == "Shire" {
			shire = a
		}
	}
	if shire == nil {
		t.Fatal("no Shire area")
	}
	if len(shire.Docs) != 2 {
		t.Fatalf("Shire lists %d documents, want 2 (the plan's copy on its row): %+v", len(shire.Docs), shire.Docs)
	}
	for _, doc := range shire.Docs {
		if doc.ID == "plan" && !reflect.DeepEqual(doc.Copies, []string{"plan.chromium.pdf"}) {
			t.Errorf("plan's copies %q", doc.Copies)
		}
	}
	if len(shire.Overdue) != 1 {
		t.Errorf("%d overdue actions, want 1: the copy's action is the plan's", len(shire.Overdue))
	}
}
