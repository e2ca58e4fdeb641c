package report

import (
	"cmp"
	"fmt"
	"html/template"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// page is what the template renders.
type page struct {
	Title     string
	Generated string
	AsOf      string
	Out       string
	Totals    []stat
	Areas     []*areaView
	Changes   []*changeSet
	CSS       template.CSS
	JS        template.JS
}

type stat struct {
	Label string
	Value int
	Tone  string
}

type docView struct {
	ID, Title, File, Format, Type, Status, Error string
	Pages, Items                                 int
	// Copies are the files of the edition's other copies; Versions how
	// many other versions of the document the batch holds.
	Copies   []string
	Versions int
}

type itemView struct {
	ID, Kind, Key, Text string
	Doc                 string // the document's title
	DocFile             string // and its file, to tell renderings apart
	Page                int
	Leads, Due, Status  string
	DueISO              string // for sorting
	Tone                string // of the status
	Overdue             bool
	Known               bool // false when only the id is known
}

type areaView struct {
	Name, Slug string
	Docs       []docView
	Findings   []*findingView
	Matrix     []itemView // the actions addressing a finding: the matrix's columns
	Links      []linkView
	Conflicts  []conflictView
	Overdue    []itemView
	Charts     []chart
	Counts     []stat
}

type findingView struct {
	Item             itemView
	Status           string
	Actions, Accepts int
	Cells            []cell
}

// cell is one finding × action of the coverage matrix.
type cell struct {
	State  string // "", ref, accepted, proposed or rejected
	LinkID string
	Title  string
}

type linkView struct {
	ID, Relation, Method, Evidence, Review string
	Score                                  float64
	Src, Dst                               itemView
}

type conflictView struct {
	LinkID, Field, SrcValue, DstValue string
	Src, Dst                          itemView
}

type changeSet struct {
	Old, New docView
	Counts   []stat
	Items    []*changeItem
}

type changeItem struct {
	Change string // added, removed or modified
	Item   itemView
	Fields []fieldChange
	Search string // the before and after values, for the search box
}

type fieldChange struct {
	Field, Before, After string
	Words                []wordOp // for text: the edit, word by word
}

// index holds the batch by id.
type index struct {
	docs  map[string]*normalize.Document
	items map[string]*normalize.Item
	area  map[string]string // doc id -> area name
}

const noArea = "No local area"

// renumbered is how the page shows a change of key alone.
const renumbered = "renumbered"

func build(d Data) *page {
	ix := index{docs: map[string]*normalize.Document{}, items: map[string]*normalize.Item{}, area: map[string]string{}}
	for i := range d.Documents {
		doc := &d.Documents[i]
		ix.docs[doc.ID] = doc
		ix.area[doc.ID] = cmp.Or(doc.LocalArea, noArea)
	}
	for i := range d.Items {
		ix.items[d.Items[i].ID] = &d.Items[i]
	}
	p := &page{
		Title: cmp.Or(d.Title, "sendrecon review"), Out: cmp.Or(d.Out, "OUT"),
		CSS: template.CSS(pageCSS), JS: template.JS(pageJS),
	}
	if !d.Generated.IsZero() {
		p.Generated = d.Generated.UTC().Format("2 January 2006 15:04 MST")
	}
	p.AsOf = d.AsOf
	areas := map[string]*areaView{}
	get := func(docID string) *areaView {
		name := cmp.Or(ix.area[docID], noArea)
		a := areas[name]
		if a == nil {
			a = &areaView{Name: name, Slug: fmt.Sprintf("area-%d", len(areas)+1)}
			areas[name] = a
		}
		return a
	}
	// Documents that gave only changes (a diff) belong to the changes
	// section, not to an area of their own.
	inChanges := map[string]bool{}
	for _, c := range d.Changes {
		inChanges[c.OldDocID], inChanges[c.NewDocID] = true, true
	}
	itemCount := map[string]int{}
	for _, it := range d.Items {
		itemCount[it.DocID]++
	}
	// A copy of an edition is listed on its representative's row; its
	// items are the representative's again, so they count once.
	repOf := map[string]reconcile.Edition{}
	for _, e := range d.Editions {
		for _, c := range e.Copies {
			repOf[c] = e
		}
	}
	skip := map[string]bool{}
	for id := range inChanges {
		skip[id] = true
	}
	for i := range d.Documents {
		doc := &d.Documents[i]
		if e, ok := repOf[doc.ID]; ok && e.Representative != doc.ID && ix.docs[e.Representative] != nil && !inChanges[doc.ID] {
			skip[doc.ID] = true
		}
	}
	for i := range d.Documents {
		doc := &d.Documents[i]
		if skip[doc.ID] {
			continue
		}
		v := ix.doc(doc.ID, itemCount[doc.ID])
		if e, ok := repOf[doc.ID]; ok {
			for _, c := range e.Copies {
				if c != doc.ID && ix.docs[c] != nil {
					v.Copies = append(v.Copies, filepath.Base(ix.docs[c].SourcePath))
				}
			}
			v.Versions = len(e.Versions)
		}
		get(doc.ID).Docs = append(get(doc.ID).Docs, v)
	}
	for _, c := range d.Coverage {
		a := get(c.DocID)
		a.Findings = append(a.Findings, &findingView{Item: ix.item(c.FindingID), Status: c.Status, Actions: c.Actions, Accepts: c.Accepted})
	}
	for _, l := range d.Links {
		a := get(ix.docOf(l.Src))
		a.Links = append(a.Links, linkView{ID: l.ID, Relation: l.Relation, Method: l.Method, Evidence: l.Evidence,
			Review: l.Review, Score: l.Score, Src: ix.item(l.Src), Dst: ix.item(l.Dst)})
	}
	for _, c := range d.Conflicts {
		a := get(ix.docOf(c.SrcItemID))
		a.Conflicts = append(a.Conflicts, conflictView{LinkID: c.LinkID, Field: c.Field, SrcValue: c.SrcValue,
			DstValue: c.DstValue, Src: ix.item(c.SrcItemID), Dst: ix.item(c.DstItemID)})
	}
	for i := range d.Items {
		it := &d.Items[i]
		if skip[it.DocID] || it.Kind != normalize.KindAction {
			continue
		}
		a := get(it.DocID)
		if slices.Contains(it.Flags, reconcile.FlagOverdue) {
			a.Overdue = append(a.Overdue, ix.item(it.ID))
		}
	}
	for _, a := range areas {
		p.Areas = append(p.Areas, a)
	}
	slices.SortFunc(p.Areas, func(a, b *areaView) int { return cmp.Compare(a.Name, b.Name) })
	for i, a := range p.Areas {
		a.Slug = fmt.Sprintf("area-%d", i+1)
		a.finish(d.Items, ix, skip)
	}
	p.Changes = changeSets(d.Changes, ix)
	p.Totals = totals(d, p)
	return p
}

func (ix index) doc(id string, items int) docView {
	d := ix.docs[id]
	if d == nil {
		return docView{ID: id, Title: id}
	}
	return docView{ID: d.ID, Title: cmp.Or(d.Title, filepath.Base(d.SourcePath)), File: filepath.Base(d.SourcePath),
		Format: d.Format, Type: strings.ReplaceAll(d.DocType, "_", " "), Status: d.Status, Error: d.Error,
		Pages: d.PageCount, Items: items}
}

func (ix index) docOf(itemID string) string {
	if it := ix.items[itemID]; it != nil {
		return it.DocID
	}
	return ""
}

func (ix index) item(id string) itemView {
	it := ix.items[id]
	if it == nil {
		return itemView{ID: id, Text: id}
	}
	v := itemView{ID: it.ID, Kind: string(it.Kind), Key: it.Key, Text: it.Text, Page: it.Page, Known: true,
		Leads: strings.Join(it.Leads, "; "), Status: it.Status, Tone: itemTone(it),
		Overdue: slices.Contains(it.Flags, reconcile.FlagOverdue)}
	if !it.Due.IsZero() {
		v.Due, v.DueISO = dateText(it.Due), it.Due.Time.Format("2006-01-02")
	} else if it.Timescale != "" {
		v.Due = it.Timescale
	}
	if d := ix.docs[it.DocID]; d != nil {
		v.Doc, v.DocFile = cmp.Or(d.Title, filepath.Base(d.SourcePath)), filepath.Base(d.SourcePath)
	} else {
		v.Doc = it.DocID
	}
	return v
}

// finish sorts an area's rows, builds its coverage matrix and its charts.
func (a *areaView) finish(items []normalize.Item, ix index, skip map[string]bool) {
	byItem := func(x, y itemView) int {
		return cmp.Or(cmp.Compare(x.Doc, y.Doc), cmp.Compare(x.DocFile, y.DocFile), reconcile.CompareKeys(x.Key, y.Key), cmp.Compare(x.ID, y.ID))
	}
	slices.SortFunc(a.Docs, func(x, y docView) int { return cmp.Or(cmp.Compare(x.Title, y.Title), cmp.Compare(x.File, y.File)) })
	slices.SortFunc(a.Findings, func(x, y *findingView) int { return byItem(x.Item, y.Item) })
	reviewRank := map[string]int{reconcile.ReviewProposed: 0, reconcile.ReviewAccepted: 1, reconcile.ReviewRejected: 2}
	slices.SortFunc(a.Links, func(x, y linkView) int {
		return cmp.Or(cmp.Compare(reviewRank[x.Review], reviewRank[y.Review]), cmp.Compare(x.Relation, y.Relation),
			cmp.Compare(y.Score, x.Score), byItem(x.Src, y.Src), cmp.Compare(x.ID, y.ID))
	})
	slices.SortFunc(a.Conflicts, func(x, y conflictView) int {
		return cmp.Or(byItem(x.Src, y.Src), cmp.Compare(x.Field, y.Field), cmp.Compare(x.LinkID, y.LinkID))
	})
	slices.SortFunc(a.Overdue, func(x, y itemView) int { return cmp.Or(cmp.Compare(x.DueISO, y.DueISO), byItem(x, y)) })

	// The matrix: one column per action that addresses a finding of the
	// area, one row per finding.
	finding := map[string]*findingView{}
	for _, f := range a.Findings {
		finding[f.Item.ID] = f
	}
	state := map[[2]string]cell{}
	cols := map[string]bool{}
	for _, l := range a.Links {
		if l.Relation != reconcile.RelAddresses || finding[l.Dst.ID] == nil {
			continue
		}
		s := l.Review
		if s == reconcile.ReviewProposed && strings.Contains(l.Method, "ref") {
			s = "ref"
		}
		state[[2]string{l.Dst.ID, l.Src.ID}] = cell{State: s, LinkID: l.ID,
			Title: fmt.Sprintf("%s %s → %s: %s, score %.2f", l.Src.Kind, l.Src.Key, l.Dst.Key, s, l.Score)}
		if !cols[l.Src.ID] {
			cols[l.Src.ID] = true
			a.Matrix = append(a.Matrix, l.Src)
		}
	}
	slices.SortFunc(a.Matrix, byItem)
	for _, f := range a.Findings {
		f.Cells = make([]cell, len(a.Matrix))
		for i, col := range a.Matrix {
			f.Cells[i] = state[[2]string{f.Item.ID, col.ID}]
		}
	}
	a.Charts = a.charts(items, ix, skip)
	var proposed int
	for _, l := range a.Links {
		if l.Review == reconcile.ReviewProposed {
			proposed++
		}
	}
	var gaps int
	for _, f := range a.Findings {
		if f.Status == reconcile.Gap {
			gaps++
		}
	}
	a.Counts = []stat{
		{"documents", len(a.Docs), ""}, {"findings", len(a.Findings), ""}, {"gaps", gaps, toneIf(gaps > 0, "bad")},
		{"links to review", proposed, toneIf(proposed > 0, "info")}, {"conflicts", len(a.Conflicts), toneIf(len(a.Conflicts) > 0, "warn")},
		{"overdue actions", len(a.Overdue), toneIf(len(a.Overdue) > 0, "bad")},
	}
}

func toneIf(ok bool, tone string) string {
	if ok {
		return tone
	}
	return ""
}

func totals(d Data, p *page) []stat {
	var proposed, accepted, rejected, overdue, gaps int
	for _, l := range d.Links {
		switch l.Review {
		case reconcile.ReviewProposed:
			proposed++
		case reconcile.ReviewAccepted:
			accepted++
		case reconcile.ReviewRejected:
			rejected++
		}
	}
	for _, a := range p.Areas {
		overdue += len(a.Overdue)
	}
	for _, c := range d.Coverage {
		if c.Status == reconcile.Gap {
			gaps++
		}
	}
	if len(p.Areas) == 0 {
		return []stat{{"documents", len(d.Documents), ""}, {"items", len(d.Items), ""}, {"changes", len(d.Changes), "info"}}
	}
	out := []stat{
		{"documents", len(d.Documents), ""}}
	if len(d.Editions) > 0 {
		out = append(out, stat{"editions", len(d.Editions), ""})
	}
	out = append(out, []stat{{"items", len(d.Items), ""},
		{"findings", len(d.Coverage), ""}, {"coverage gaps", gaps, toneIf(gaps > 0, "bad")},
		{"links to review", proposed, toneIf(proposed > 0, "info")}, {"accepted", accepted, toneIf(accepted > 0, "good")},
		{"rejected", rejected, ""}, {"conflicts", len(d.Conflicts), toneIf(len(d.Conflicts) > 0, "warn")},
		{"overdue actions", overdue, toneIf(overdue > 0, "bad")},
	}...)
	if len(d.Changes) > 0 {
		out = append(out, stat{"changes", len(d.Changes), "info"})
	}
	return out
}

// changeSets groups changes by pair of versions and by item.
func changeSets(changes []reconcile.Change, ix index) []*changeSet {
	var sets []*changeSet
	bySet := map[[2]string]*changeSet{}
	byItem := map[string]*changeItem{}
	for _, c := range changes {
		k := [2]string{c.OldDocID, c.NewDocID}
		s := bySet[k]
		if s == nil {
			s = &changeSet{Old: ix.doc(c.OldDocID, 0), New: ix.doc(c.NewDocID, 0)}
			bySet[k] = s
			sets = append(sets, s)
		}
		id := cmp.Or(c.NewItemID, c.OldItemID)
		key := k[0] + "\x00" + k[1] + "\x00" + c.Change + "\x00" + id
		ci := byItem[key]
		if ci == nil {
			ci = &changeItem{Change: c.Change, Item: ix.item(id)}
			if !ci.Item.Known {
				ci.Item = itemView{ID: id, Kind: c.Kind, Key: c.Key, Text: cmp.Or(c.After, c.Before)}
			}
			byItem[key] = ci
			s.Items = append(s.Items, ci)
		}
		if c.Change == reconcile.ChangeModified {
			f := fieldChange{Field: c.Field, Before: c.Before, After: c.After}
			if c.Field == reconcile.FieldText || c.Field == reconcile.FieldObjective {
				f.Words = wordDiff(c.Before, c.After)
			}
			ci.Fields = append(ci.Fields, f)
			ci.Search += " " + c.Before + " " + c.After
		}
	}
	for _, s := range sets {
		n := map[string]int{}
		for _, ci := range s.Items {
			// An item whose key alone moved (a row above it came or went)
			// is shown apart, after what a reviewer has to read.
			if len(ci.Fields) == 1 && ci.Fields[0].Field == reconcile.FieldKey {
				ci.Change = renumbered
			}
			n[ci.Change]++
		}
		slices.SortStableFunc(s.Items, func(a, b *changeItem) int {
			return cmp.Compare(b2i(a.Change == renumbered), b2i(b.Change == renumbered))
		})
		for _, c := range []stat{
			{reconcile.ChangeModified, n[reconcile.ChangeModified], "warn"}, {reconcile.ChangeAdded, n[reconcile.ChangeAdded], "good"},
			{reconcile.ChangeRemoved, n[reconcile.ChangeRemoved], "bad"}, {renumbered, n[renumbered], "none"},
		} {
			if c.Value > 0 {
				s.Counts = append(s.Counts, c)
			}
		}
	}
	return sets
}

// categoryTone is the tone of each status category.
var categoryTone = map[string]string{
	normalize.StatusComplete: "done", normalize.StatusOnTrack: "good", normalize.StatusAtRisk: "warn",
	normalize.StatusOffTrack: "bad", normalize.StatusNotStarted: "none",
}

// itemTone is the tone of an item's status category, or of its spelling
// when it has none.
func itemTone(it *normalize.Item) string {
	if t, ok := categoryTone[it.StatusCategory]; ok {
		return t
	}
	return statusTone(it.Status)
}

// statusLabel is an action's bar in the status chart: its category in
// words, so "B", "Blue" and "Complete" are one bar.
func statusLabel(it *normalize.Item) string {
	switch {
	case it.Status == "":
		return "(no status)"
	case it.StatusCategory == "":
		return "(unclassified)"
	}
	return strings.ReplaceAll(it.StatusCategory, "_", " ")
}

// statusTone says how a status reads: done, good, warn, bad, none or info.
// It rests on how plans write statuses (RAG and BRAG colours or their
// letters, "On track", "At risk", "Delayed", "Not started", "Not yet
// due"), word by word, not on one plan's legend. A concern is a warning
// unless it is negated ("no concerns") or qualified as serious
// ("significant concerns").
func statusTone(s string) string {
	f := strings.ToLower(strings.TrimSpace(s))
	words := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
	has := func(phrases ...string) bool {
		return slices.ContainsFunc(phrases, func(p string) bool {
			return containsWords(words, strings.Fields(p))
		})
	}
	concern := has("concern", "concerns")
	switch {
	case f == "":
		return "none"
	case has("complete", "completed", "embedded", "sustained", "achieved", "closed", "done", "blue", "b", "purple", "p"):
		return "done"
	case has("off track", "behind", "delayed", "overdue", "red", "r") ||
		concern && has("significant", "serious", "major", "high"):
		return "bad"
	case has("at risk", "amber", "a", "partial", "partially", "slippage") || concern && !has("no", "not"):
		return "warn"
	case has("on track", "green", "g", "no concern", "no concerns"):
		return "good"
	case has("not due", "not yet due", "not started", "grey", "gray", "tbc"):
		return "none"
	}
	return "info"
}

// containsWords reports whether phrase occurs in words as whole words.
func containsWords(words, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

func dateText(d normalize.Date) string {
	switch d.Precision {
	case normalize.PrecisionYear:
		return d.Time.Format("2006")
	case normalize.PrecisionQuarter:
		return fmt.Sprintf("%d Q%d", d.Time.Year(), (int(d.Time.Month())+2)/3)
	case normalize.PrecisionMonth:
		return d.Time.Format("Jan 2006")
	}
	return d.Time.Format("2 Jan 2006")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
