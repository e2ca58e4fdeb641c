package pdflayout

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// sharedDir is the team's shared folder beside the repository root; tests
// that need its corpus skip when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "corpus")); err != nil {
		t.Skipf("shared corpus not available: %v", err)
	}
	return dir
}

func corpusPDFs(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(sharedDir(t), "corpus", "*", "*.pdf"))
	sort.Strings(files)
	if len(files) == 0 {
		t.Skip("no corpus PDFs")
	}
	return files
}

func extractFile(t testing.TB, path string) *layout.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(context.Background(), path, f, st.Size(), Options{})
	if err != nil {
		t.Fatalf("Extract(%s): %v", path, err)
	}
	return doc
}

// TestCorpusCells scores each corpus PDF's tables against the gold cell
// grids with the scorer's measure (ICDAR 2013 adjacency relations), and
// holds each producer to a floor so regressions show.
func TestCorpusCells(t *testing.T) {
	// Measured on the grown corpus (ten documents); raise as producers improve.
	floor := map[string]float64{"chromium": 0.99, "libreoffice": 0.99, "weasyprint": 0.985, "wkhtmltopdf": 0.99}
	sum, n := map[string]float64{}, map[string]int{}
	for _, path := range corpusPDFs(t) {
		base := filepath.Base(path)
		docID, producer := strings.SplitN(base, ".", 2)[0], strings.Split(base, ".")[1]
		gold := readGoldTables(t, filepath.Join(sharedDir(t), "gold", "tables", docID+".json"))
		doc := extractFile(t, path)
		p, g, m := compareTables(doc.Tables(), gold)
		f1 := f1Score(p, g, m)
		t.Logf("%-50s tables=%d/%d rel pred=%d gold=%d matched=%d f1=%.3f", base, len(doc.Tables()), len(gold), p, g, m, f1)
		if len(gold) == 0 {
			continue
		}
		sum[producer] += f1
		n[producer]++
	}
	for prod, s := range sum {
		mean := s / float64(n[prod])
		t.Logf("%s mean cells_f1=%.3f", prod, mean)
		if mean < floor[prod] {
			t.Errorf("%s mean cells_f1 %.3f below %.3f", prod, mean, floor[prod])
		}
	}
}

func f1Score(pred, gold, matched int) float64 {
	if pred == 0 && gold == 0 {
		return 1
	}
	if pred+gold == 0 {
		return 0
	}
	return 2 * float64(matched) / float64(pred+gold)
}

func readGoldTables(t testing.TB, path string) []*layout.Table {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Tables []*layout.Table `json:"tables"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Tables
}

// The scorer's folding and relations, restated so that this package can
// measure itself without the scorer's module.

var bulletLineRE = regexp.MustCompile(`^[•◦▪▫‣⁃∙●○■□·*\-–—]\s+`)

func foldCell(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = bulletLineRE.ReplaceAllString(strings.TrimSpace(l), "")
	}
	var b strings.Builder
	space := false
	for _, r := range strings.Join(lines, " ") {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case strings.ContainsRune("\u00AD\u200B\u200C\u200D\u2060\uFEFF", r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		switch {
		case strings.ContainsRune("\u2018\u2019\u201A\u201B\u2032`\u00B4\uFF07", r):
			r = '\''
		case strings.ContainsRune("\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02", r):
			r = '"'
		case strings.ContainsRune("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D", r):
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

type adjacency struct {
	from, to string
	below    bool
}

func relationsOf(t *layout.Table) map[adjacency]int {
	cells := t.Cells
	text := make([]string, len(cells))
	byRow, byCol := map[int][]int{}, map[int][]int{}
	for i, c := range cells {
		text[i] = foldCell(c.Text)
		if text[i] == "" {
			continue
		}
		for r := c.Row; r < c.Row+max(c.RowSpan, 1); r++ {
			byRow[r] = append(byRow[r], i)
		}
		for k := c.Col; k < c.Col+max(c.ColSpan, 1); k++ {
			byCol[k] = append(byCol[k], i)
		}
	}
	for _, l := range byRow {
		sort.SliceStable(l, func(a, b int) bool { return cells[l[a]].Col < cells[l[b]].Col })
	}
	for _, l := range byCol {
		sort.SliceStable(l, func(a, b int) bool { return cells[l[a]].Row < cells[l[b]].Row })
	}
	out := map[adjacency]int{}
	for i, c := range cells {
		if text[i] == "" {
			continue
		}
		right, below := map[int]bool{}, map[int]bool{}
		for r := c.Row; r < c.Row+max(c.RowSpan, 1); r++ {
			for _, n := range byRow[r] {
				if cells[n].Col >= c.Col+max(c.ColSpan, 1) {
					if !right[n] {
						right[n] = true
						out[adjacency{text[i], text[n], false}]++
					}
					break
				}
			}
		}
		for k := c.Col; k < c.Col+max(c.ColSpan, 1); k++ {
			for _, n := range byCol[k] {
				if cells[n].Row >= c.Row+max(c.RowSpan, 1) {
					if !below[n] {
						below[n] = true
						out[adjacency{text[i], text[n], true}]++
					}
					break
				}
			}
		}
	}
	return out
}

func commonCount[K comparable](a, b map[K]int) int {
	n := 0
	for k, c := range a {
		n += min(c, b[k])
	}
	return n
}

func totalCount[K comparable](m map[K]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// compareTables aligns tables greedily by shared cell texts and counts
// predicted, gold and matched relations.
func compareTables(pred, gold []*layout.Table) (p, g, m int) {
	texts := func(t *layout.Table) map[string]int {
		out := map[string]int{}
		for _, c := range t.Cells {
			if f := foldCell(c.Text); f != "" {
				out[f]++
			}
		}
		return out
	}
	prel, grel := make([]map[adjacency]int, len(pred)), make([]map[adjacency]int, len(gold))
	ptext, gtext := make([]map[string]int, len(pred)), make([]map[string]int, len(gold))
	for i, t := range pred {
		prel[i], ptext[i] = relationsOf(t), texts(t)
		p += totalCount(prel[i])
	}
	for j, t := range gold {
		grel[j], gtext[j] = relationsOf(t), texts(t)
		g += totalCount(grel[j])
	}
	type pair struct{ i, j, overlap int }
	var pairs []pair
	for i := range pred {
		for j := range gold {
			if o := commonCount(ptext[i], gtext[j]); o >= 1 {
				pairs = append(pairs, pair{i, j, o})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].overlap > pairs[b].overlap })
	usedP, usedG := map[int]bool{}, map[int]bool{}
	for _, pr := range pairs {
		if usedP[pr.i] || usedG[pr.j] {
			continue
		}
		usedP[pr.i], usedG[pr.j] = true, true
		m += commonCount(prel[pr.i], grel[pr.j])
	}
	return p, g, m
}
