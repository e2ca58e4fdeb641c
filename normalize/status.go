package normalize

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// The status categories of items.status_category: what a status says of
// progress, whatever words, letters or colours the document wrote it in.
const (
	StatusNotStarted = "not_started"
	StatusOnTrack    = "on_track"
	StatusAtRisk     = "at_risk"
	StatusOffTrack   = "off_track"
	StatusComplete   = "complete"
)

// StatusCategories lists the categories, from least to most done.
var StatusCategories = []string{StatusNotStarted, StatusOnTrack, StatusAtRisk, StatusOffTrack, StatusComplete}

// FlagStatusUnclassified marks an item whose status matched no category:
// it keeps its status as written and gets no status_category, rather than
// a guessed one.
const FlagStatusUnclassified = "status_unclassified"

// StatusOptions is the vocabulary of statuses (normalize.statuses).
type StatusOptions struct {
	// Categories maps each category to the phrases that mean it (matched as
	// whole words, case-folded). A single capital letter ("B", "G") matches
	// only a status that starts with that letter standing alone, so the
	// article "a" is never Amber.
	Categories map[string][]string `mapstructure:"categories"`
	// Colours are the words a document's own colour legend may define ("Blue
	// = complete"); with single capital letters they are the keys of a
	// legend.
	Colours []string `mapstructure:"colours"`
}

// Validate reports unknown categories and empty phrases.
func (o StatusOptions) Validate() []error {
	var errs []error
	for c, phrases := range o.Categories {
		if !slices.Contains(StatusCategories, c) {
			errs = append(errs, fmt.Errorf("normalize.statuses.categories.%s: not one of %s", c, strings.Join(StatusCategories, ", ")))
		}
		for _, p := range phrases {
			if strings.TrimSpace(p) == "" {
				errs = append(errs, fmt.Errorf("normalize.statuses.categories.%s: empty phrase", c))
			}
		}
	}
	return errs
}

// StatusLegend is a document's own key to its statuses: a colour word
// (folded) or a capital letter, and the category it stands for.
type StatusLegend map[string]string

// severity orders the categories for a status that gives several: the
// gravest wins, so "On track - some concerns" is at risk, "A 54%" is at
// risk and "75% complete" is on track. Not started ranks above on track
// and complete: work that has not begun is the more telling thing to say.
var severity = map[string]int{
	StatusComplete: 0, StatusOnTrack: 1, StatusNotStarted: 2, StatusAtRisk: 3, StatusOffTrack: 4,
}

// ClassifyStatus maps a status as written to one of StatusCategories, or ""
// when nothing in it says which. Every signal in it counts: a key of the
// document's legend (a colour word, or a capital letter opening the
// status), else a configured phrase at that word, and a percentage (100%
// complete, 0% not started, anything between on track); when they differ
// the gravest wins (see severity). A phrase after "not" or "no" ("not
// complete", "no concerns") does not count.
//
// The reconcile stage compares two linked items' categories rather than
// their spellings; legend may be nil.
func ClassifyStatus(status string, legend StatusLegend, opts StatusOptions) string {
	toks := statusTokens(status)
	if len(toks) == 0 {
		return ""
	}
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t)
	}
	best := ""
	take := func(c string) {
		if c != "" && (best == "" || severity[c] > severity[best]) {
			best = c
		}
	}
	for i, t := range toks {
		if c := legendAt(legend, toks, lower, i); c != "" {
			// The document's own key says what its colour or letter means.
			take(c)
			continue
		}
		take(phraseAt(opts.Categories, toks, lower, i))
		if p, ok := percent(t); ok {
			switch {
			case p >= 100:
				take(StatusComplete)
			case p <= 0:
				take(StatusNotStarted)
			default:
				take(StatusOnTrack)
			}
		}
	}
	return best
}

// legendAt is the legend's category for the token at i: a colour word
// anywhere, a capital letter only as the status's first token.
func legendAt(legend StatusLegend, toks, lower []string, i int) string {
	if legend == nil {
		return ""
	}
	if isLetterKey(toks[i]) {
		if i == 0 {
			return legend[toks[i]]
		}
		return ""
	}
	return legend[lower[i]]
}

// phraseAt is the category of the longest configured phrase starting at
// token i, unless "not" or "no" comes right before it. Categories are tried in
// StatusCategories order so a tie is stable.
func phraseAt(categories map[string][]string, toks, lower []string, i int) string {
	if i > 0 && (lower[i-1] == "not" || lower[i-1] == "no") {
		return ""
	}
	best, bestLen := "", 0
	for _, c := range StatusCategories {
		for _, p := range categories[c] {
			if isLetterKey(p) {
				if i == 0 && toks[0] == p && bestLen < 1 {
					best, bestLen = c, 1
				}
				continue
			}
			words := strings.Fields(strings.ToLower(p))
			if len(words) > bestLen && i+len(words) <= len(lower) && slices.Equal(lower[i:i+len(words)], words) {
				best, bestLen = c, len(words)
			}
		}
	}
	return best
}

// isLetterKey reports a single capital letter, as BRAG letters are written.
func isLetterKey(s string) bool {
	r := []rune(s)
	return len(r) == 1 && unicode.IsUpper(r[0])
}

// statusTokens splits a status into words, keeping a percentage ("54%")
// as one token.
func statusTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '%' && r != '.'
	})
}

func percent(tok string) (float64, bool) {
	n, ok := strings.CutSuffix(tok, "%")
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(n, 64)
	return v, err == nil
}

// Legend reads a document's own status key: table rows and lines such as
// "B | Blue – action complete", "Blue / B / Complete | Action complete" or
// "Blue = complete; Green = on track". Every key (a configured colour word
// or a capital letter) before the separator takes the category of the
// meaning after it. A document without one has an empty legend.
func Legend(doc *layout.Document, opts StatusOptions) StatusLegend {
	legend := StatusLegend{}
	add := func(keys []string, meaning string) {
		c := ClassifyStatus(meaning, nil, opts)
		if c == "" {
			return
		}
		for _, k := range keys {
			if _, seen := legend[k]; !seen {
				legend[k] = c
			}
		}
	}
	line := func(s string) {
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
			head, meaning, ok := cutLegendSeparator(part)
			if !ok {
				continue
			}
			if keys := legendKeys(head, opts.Colours); keys != nil {
				add(keys, meaning)
			}
		}
	}
	for _, b := range doc.Blocks {
		switch {
		case b.Table != nil:
			// A key is a table of several short definitions; one row of an
			// action table that starts with a letter is not one.
			var rows []legendRow
			for r := 0; r < b.Table.Rows; r++ {
				row := b.Table.Row(r)
				if len(row) < 2 {
					continue
				}
				keys := legendKeys(row[0].Text, opts.Colours)
				if keys == nil {
					continue
				}
				meaning := oneLine(row[1].Text)
				// "Blue – action complete": the colour is a key too.
				if head, rest, ok := cutLegendSeparator(meaning); ok {
					if more := legendKeys(head, opts.Colours); more != nil {
						keys, meaning = append(keys, more...), rest
					}
				}
				if len(strings.Fields(meaning)) <= maxLegendWords {
					rows = append(rows, legendRow{keys, meaning})
				}
			}
			if len(rows) >= 2 {
				for _, r := range rows {
					add(r.keys, r.meaning)
				}
			}
		case b.List != nil:
			for _, it := range b.List.Items {
				line(it.Text)
			}
		default:
			line(b.Text)
		}
	}
	return legend
}

// maxLegendWords is the longest meaning a legend table row may give: a key
// says what a colour means in a phrase, not in a paragraph.
const maxLegendWords = 16

type legendRow struct {
	keys    []string
	meaning string
}

// cutLegendSeparator splits "KEY = meaning", "KEY: meaning" or "KEY – meaning".
func cutLegendSeparator(s string) (head, meaning string, ok bool) {
	for _, sep := range []string{"=", ":", " – ", " — ", " - ", "–", "—"} {
		if h, m, found := strings.Cut(s, sep); found && strings.TrimSpace(m) != "" {
			return strings.TrimSpace(h), strings.TrimSpace(m), true
		}
	}
	return "", "", false
}

// legendKeys are the keys named by a legend's key text ("Blue / B /
// Complete" gives blue and B; a word that is not a key is allowed beside
// them), or nil when it names none or is too long to be a key.
func legendKeys(s string, colours []string) []string {
	toks := statusTokens(s)
	if len(toks) == 0 || len(toks) > 6 {
		return nil
	}
	var keys []string
	for _, t := range toks {
		switch {
		case isLetterKey(t):
			keys = append(keys, t)
		case slices.Contains(colours, strings.ToLower(t)):
			keys = append(keys, strings.ToLower(t))
		}
	}
	// Mostly keys, or it is a sentence that happens to hold a capital letter.
	if 2*len(keys) < len(toks) {
		return nil
	}
	return keys
}

// classifyStatuses sets every item's StatusCategory from its status and
// the document's legend, flagging a status no rule understood.
func classifyStatuses(doc *layout.Document, items []Item, opts StatusOptions) {
	var legend StatusLegend
	for i := range items {
		it := &items[i]
		if strings.TrimSpace(it.Status) == "" {
			continue
		}
		if legend == nil {
			legend = Legend(doc, opts)
		}
		it.StatusCategory = ClassifyStatus(it.Status, legend, opts)
		if it.StatusCategory == "" && !slices.Contains(it.Flags, FlagStatusUnclassified) {
			it.Flags = append(it.Flags, FlagStatusUnclassified)
		}
	}
}
