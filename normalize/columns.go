package normalize

import (
	"sort"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// columnMatcher gives table headers their roles from the configured phrases.
type columnMatcher struct {
	phrases []rolePhrase
}

type rolePhrase struct {
	role  string
	words []string
}

func newColumnMatcher(columns map[string][]string) columnMatcher {
	var m columnMatcher
	for role, list := range columns {
		for _, p := range list {
			if w := strings.Fields(fold(p)); len(w) > 0 {
				m.phrases = append(m.phrases, rolePhrase{role, w})
			}
		}
	}
	// Stable order, so that equal matches always resolve the same way.
	sort.Slice(m.phrases, func(i, j int) bool {
		a, b := m.phrases[i], m.phrases[j]
		if a.role != b.role {
			return a.role < b.role
		}
		return strings.Join(a.words, " ") < strings.Join(b.words, " ")
	})
	return m
}

// Role returns the role of a header: that of the configured phrase found
// earliest in it, the longest on a tie; "" when none is found.
func (m columnMatcher) Role(header string) string {
	words := strings.Fields(fold(header))
	for i, w := range words {
		words[i] = dropFootnoteMark(w)
	}
	bestAt, bestLen, best := len(words)+1, 0, ""
	for _, p := range m.phrases {
		at := indexPhrase(words, p.words)
		if at < 0 {
			continue
		}
		if at < bestAt || at == bestAt && len(p.words) > bestLen {
			bestAt, bestLen, best = at, len(p.words), p.role
		}
	}
	return best
}

func indexPhrase(words, phrase []string) int {
	for i := 0; i+len(phrase) <= len(words); i++ {
		ok := true
		for j := range phrase {
			if words[i+j] != phrase[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// tableHeader is what the header row(s) of a table say about its columns.
type tableHeader struct {
	roles []string // per grid column, "" for none
	// rows is how many leading rows are header rows.
	rows int
	// texts are the folded header texts per column, to spot headers repeated
	// in the body (a PDF table continued over a page).
	texts []string
}

// readHeader finds a table's header rows and gives each column a role. The
// header rows are the leading rows marked as headers, or else the first row
// when it gives two or more columns a role.
func (m columnMatcher) readHeader(t *layout.Table) tableHeader {
	h := tableHeader{roles: make([]string, t.Cols), texts: make([]string, t.Cols)}
	for r := 0; r < t.Rows; r++ {
		row := t.Row(r)
		if len(row) == 0 {
			break
		}
		all := true
		for _, c := range row {
			if !c.Header {
				all = false
			}
		}
		if !all {
			break
		}
		h.rows = r + 1
	}
	if h.rows == 0 {
		h.rows = 1
	}
	for r := 0; r < h.rows; r++ {
		for c := 0; c < t.Cols; c++ {
			cell := t.At(r, c)
			if cell == nil {
				continue
			}
			if role := m.Role(oneLine(cell.Text)); role != "" {
				h.roles[c] = role
			}
			h.texts[c] = fold(cell.Text)
		}
	}
	return h
}

// count returns how many columns have a role.
func (h tableHeader) count() int {
	n := 0
	for _, r := range h.roles {
		if r != "" {
			n++
		}
	}
	return n
}

func (h tableHeader) has(role string) bool {
	for _, r := range h.roles {
		if r == role {
			return true
		}
	}
	return false
}

// isRepeat reports whether body row r repeats the header.
func (h tableHeader) isRepeat(t *layout.Table, r int) bool {
	same, filled := 0, 0
	for c := 0; c < t.Cols; c++ {
		cell := t.At(r, c)
		if cell == nil || cell.Row != r || strings.TrimSpace(cell.Text) == "" {
			continue
		}
		filled++
		if fold(cell.Text) == h.texts[c] {
			same++
		}
	}
	return filled > 0 && same*2 > filled
}

// dropFootnoteMark drops digits a footnote mark left on a header word
// ("Target date1" is "Target date").
func dropFootnoteMark(w string) string {
	t := strings.TrimRight(w, "0123456789")
	if t == "" || t == w {
		return w
	}
	for _, r := range t {
		if r < 'a' || r > 'z' {
			return w // "q3", "2024": not a word with a mark
		}
	}
	if len(t) < 3 {
		return w
	}
	return t
}
