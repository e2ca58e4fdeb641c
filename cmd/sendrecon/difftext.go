package main

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// ANSI styles of the terminal diff.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// diffPrinter writes the terminal diff: a summary, then one block per item
// that changed, then the keys that only moved.
type diffPrinter struct {
	w     io.Writer
	color bool
	old   map[string]*normalize.Item
	new   map[string]*normalize.Item
}

func (p *diffPrinter) style(s, code string) string {
	if !p.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func printDiff(w io.Writer, old, new normalize.Result, changes []reconcile.Change, color bool) {
	p := &diffPrinter{w: w, color: color, old: byID(old.Items), new: byID(new.Items)}
	p.header("---", old, ansiRed)
	p.header("+++", new, ansiGreen)
	groups := groupChanges(changes)
	fmt.Fprintln(w, changeSummary(groups))
	// Items whose key alone moved (a row above them came or went) are
	// listed last, on one line per kind: they need no reading.
	var renumbered []string
	n, kind := 0, ""
	for _, g := range groups {
		if g.change == reconcile.ChangeModified && len(g.rows) == 1 && g.rows[0].Field == reconcile.FieldKey {
			move := g.rows[0].Before + "→" + g.rows[0].After
			if g.kind != kind {
				kind, move = g.kind, g.kind+" "+move
			}
			renumbered = append(renumbered, move)
			n++
			continue
		}
		fmt.Fprintln(w)
		p.group(g)
	}
	if n > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.style(fmt.Sprintf("renumbered, otherwise unchanged (%d): %s", n, strings.Join(renumbered, ", ")), ansiDim))
	}
}

func byID(items []normalize.Item) map[string]*normalize.Item {
	m := make(map[string]*normalize.Item, len(items))
	for i := range items {
		m[items[i].ID] = &items[i]
	}
	return m
}

func (p *diffPrinter) header(mark string, r normalize.Result, code string) {
	d := r.Document
	fmt.Fprintf(p.w, "%s  %s (%s, %d items)\n", p.style(mark+" "+d.SourcePath, ansiBold+code), d.Title, d.ID, len(r.Items))
}

// itemChanges are the rows of one item.
type itemChanges struct {
	change string
	kind   string
	key    string
	oldID  string
	newID  string
	rows   []reconcile.Change
}

func groupChanges(changes []reconcile.Change) []*itemChanges {
	var out []*itemChanges
	for _, c := range changes {
		if n := len(out); n > 0 {
			g := out[n-1]
			if g.change == c.Change && g.oldID == c.OldItemID && g.newID == c.NewItemID {
				g.rows = append(g.rows, c)
				continue
			}
		}
		out = append(out, &itemChanges{change: c.Change, kind: c.Kind, key: c.Key, oldID: c.OldItemID, newID: c.NewItemID, rows: []reconcile.Change{c}})
	}
	return out
}

// changeSummary counts what a reviewer looks for first.
func changeSummary(groups []*itemChanges) string {
	if len(groups) == 0 {
		return "no changes"
	}
	var n struct{ status, due, lead, text, other, added, removed, renumbered int }
	for _, g := range groups {
		switch g.change {
		case reconcile.ChangeAdded:
			n.added++
			continue
		case reconcile.ChangeRemoved:
			n.removed++
			continue
		}
		for _, r := range g.rows {
			switch r.Field {
			case reconcile.FieldStatus:
				n.status++
			case reconcile.FieldDue, reconcile.FieldTimescale:
				n.due++
			case reconcile.FieldLeads, reconcile.FieldLeadOrgs:
				n.lead++
			case reconcile.FieldText:
				n.text++
			case reconcile.FieldKey:
				n.renumbered++
			default:
				n.other++
			}
		}
	}
	var parts []string
	add := func(k int, one, many string) {
		if k == 1 {
			parts = append(parts, "1 "+one)
		} else if k > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", k, many))
		}
	}
	add(n.status, "status move", "status moves")
	add(n.due, "due date moved", "due dates moved")
	add(n.lead, "lead changed", "leads changed")
	add(n.text, "wording edit", "wording edits")
	add(n.other, "other field changed", "other fields changed")
	add(n.added, "item added", "items added")
	add(n.removed, "item removed", "items removed")
	add(n.renumbered, "key renumbered", "keys renumbered")
	return strings.Join(parts, ", ")
}

var fieldLabels = map[string]string{
	reconcile.FieldDue: "due", reconcile.FieldStart: "start", reconcile.FieldLeads: "lead",
	reconcile.FieldLeadOrgs: "lead org", reconcile.FieldParent: "parent", reconcile.FieldTimescale: "timescale",
}

func (p *diffPrinter) group(g *itemChanges) {
	var it *normalize.Item
	mark, code := "~", ansiYellow
	switch g.change {
	case reconcile.ChangeAdded:
		mark, code, it = "+", ansiGreen, p.new[g.newID]
	case reconcile.ChangeRemoved:
		mark, code, it = "-", ansiRed, p.old[g.oldID]
	default:
		it = p.new[g.newID]
	}
	head := fmt.Sprintf("%s %s %s", mark, g.kind, g.key)
	text := ""
	if it != nil {
		text = it.Text
	}
	var fields []reconcile.Change
	for _, r := range g.rows {
		if r.Field == reconcile.FieldKey {
			head += " (was " + r.Before + ")"
			continue
		}
		if r.Field == reconcile.FieldText {
			text = "" // the text rows below say it in full
		}
		fields = append(fields, r)
	}
	line := p.style(head, ansiBold+code)
	if text != "" {
		line += "  " + clip(text, 100)
	}
	fmt.Fprintln(p.w, line)
	if g.change != reconcile.ChangeModified {
		if it != nil {
			if facts := itemFacts(it); facts != "" {
				fmt.Fprintln(p.w, "    "+p.style(facts, ansiDim))
			}
		}
		return
	}
	for _, r := range fields {
		label := cmp.Or(fieldLabels[r.Field], r.Field)
		if r.Field == reconcile.FieldText || len(r.Before)+len(r.After) > 90 {
			fmt.Fprintf(p.w, "    %-9s %s\n", label, p.style("- "+r.Before, ansiRed))
			fmt.Fprintf(p.w, "    %-9s %s\n", "", p.style("+ "+r.After, ansiGreen))
			continue
		}
		fmt.Fprintf(p.w, "    %-9s %s → %s\n", label, p.style(orNone(r.Before), ansiRed), p.style(orNone(r.After), ansiGreen))
	}
}

// itemFacts is the one line that says who, when and how an item stands.
func itemFacts(it *normalize.Item) string {
	var parts []string
	if len(it.Leads) > 0 {
		parts = append(parts, "lead: "+strings.Join(it.Leads, "; "))
	}
	if !it.Due.IsZero() {
		parts = append(parts, "due: "+reconcile.DateText(it.Due))
	} else if it.Timescale != "" {
		parts = append(parts, "due: "+it.Timescale)
	}
	if it.Status != "" {
		parts = append(parts, "status: "+it.Status)
	}
	if it.Page > 0 {
		parts = append(parts, fmt.Sprintf("page %d", it.Page))
	}
	return strings.Join(parts, "; ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
