package report

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// chart is a horizontal bar chart, laid out here and drawn as inline SVG by
// the template.
type chart struct {
	Title, Note   string
	Width, Height int
	LabelW        int // width of the label column
	Bars          []bar
	Empty         string // shown instead when there are no bars
	Max           int    // bars shown, the rest summed into one; maxBars when 0
}

type bar struct {
	Label, Title, Tone string
	Value              int
	Text               string // written after the bar instead of the value
	Y, W               int    // geometry: top of the bar, its width
	TextX              int    // where the value is written
}

const (
	chartWidth = 400
	barHeight  = 16
	barGap     = 6
	maxBars    = 14
	labelRunes = 25 // what fits the label column
)

// layout places the bars; values share one scale.
func (c *chart) layout() {
	limit := cmp.Or(c.Max, maxBars)
	if len(c.Bars) > limit {
		rest := c.Bars[limit-1:]
		c.Bars = append(c.Bars[:limit-1:limit-1], bar{Label: fmt.Sprintf("%d others", len(rest)), Tone: "none",
			Title: joinLabels(rest), Value: sumValues(rest)})
	}
	c.Width, c.LabelW = chartWidth, 172
	top := 0
	for _, b := range c.Bars {
		top = max(top, b.Value)
	}
	span := c.Width - c.LabelW - 40
	for i := range c.Bars {
		b := &c.Bars[i]
		b.Y = i * (barHeight + barGap)
		if top > 0 {
			b.W = b.Value * span / top
		}
		if b.Value > 0 {
			b.W = max(b.W, 2)
		}
		b.TextX = c.LabelW + b.W + 5
		b.Label = shorten(b.Label, labelRunes)
		if b.Text == "" {
			b.Text = strconv.Itoa(b.Value)
		}
	}
	c.Height = len(c.Bars)*(barHeight+barGap) - barGap
	if c.Height < 0 {
		c.Height = 0
	}
}

func joinLabels(bs []bar) string {
	var ls []string
	for _, b := range bs {
		ls = append(ls, fmt.Sprintf("%s: %d", b.Label, b.Value))
	}
	return strings.Join(ls, "\n")
}

func sumValues(bs []bar) int {
	n := 0
	for _, b := range bs {
		n += b.Value
	}
	return n
}

// tail keeps the end of s, at most n runes of it.
func tail(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 2 {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// charts are an area's three: coverage per finding, actions per status,
// overdue actions per lead organisation.
func (a *areaView) charts(items []normalize.Item, ix index, skip map[string]bool) []chart {
	cov := chart{Title: "Coverage per finding", Note: "actions addressing each finding; colour is its coverage",
		Empty: "No inspection findings in this area.", Max: 40}
	for _, f := range a.Findings {
		tone := map[string]string{reconcile.Covered: "good", reconcile.PartlyCovered: "warn", reconcile.Gap: "bad"}[f.Status]
		// Several documents of an area may number their findings alike:
		// the end of the file name tells them apart.
		label := f.Item.Key
		if f.Item.DocFile != "" {
			file := strings.TrimSuffix(f.Item.DocFile, filepath.Ext(f.Item.DocFile))
			label += " · " + tail(file, labelRunes-3-len([]rune(label)))
		}
		text := ""
		if f.Status == reconcile.Gap {
			text = "gap"
		}
		cov.Bars = append(cov.Bars, bar{Label: label, Value: f.Actions, Tone: tone, Text: text,
			Title: fmt.Sprintf("%s %s (%s): %s", f.Item.Key, strings.ReplaceAll(f.Status, "_", " "), f.Item.Doc, shorten(f.Item.Text, 200))})
	}
	cov.layout()

	status := map[string]int{}
	lead := map[string]int{}
	for i := range items {
		it := &items[i]
		if it.Kind != normalize.KindAction || skip[it.DocID] || cmp.Or(ix.area[it.DocID], noArea) != a.Name {
			continue
		}
		status[statusLabel(it)]++
		if !slices.Contains(it.Flags, reconcile.FlagOverdue) {
			continue
		}
		// An action led jointly counts once for each of its leads.
		who := it.LeadOrgs
		if len(who) == 0 {
			who = it.Leads
		}
		if len(who) == 0 {
			who = []string{"(no lead)"}
		}
		for _, w := range dedupe(who) {
			lead[w]++
		}
	}
	st := chart{Title: "Actions per status", Note: "every action of the area's documents, by status category (items.status_category)", Empty: "No actions in this area."}
	for s, n := range status {
		tone := categoryTone[strings.ReplaceAll(s, " ", "_")]
		if tone == "" {
			tone = "none"
		}
		st.Bars = append(st.Bars, bar{Label: s, Value: n, Tone: tone, Title: fmt.Sprintf("%s: %d actions", s, n)})
	}
	sortBars(st.Bars)
	st.layout()

	od := chart{Title: "Overdue per lead organisation", Note: "lead organisation, or lead where none is named",
		Empty: "No overdue actions."}
	for w, n := range lead {
		od.Bars = append(od.Bars, bar{Label: w, Value: n, Tone: "bad", Title: fmt.Sprintf("%s: %d overdue", w, n)})
	}
	sortBars(od.Bars)
	od.layout()
	return []chart{cov, st, od}
}

func sortBars(bs []bar) {
	slices.SortFunc(bs, func(a, b bar) int { return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Label, b.Label)) })
}

func dedupe(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		k := strings.ToLower(strings.TrimSpace(s))
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}
