package normalize

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// An acronym in brackets: two or more capitals, perhaps with lower-case
// letters between them (PfA, DfE, IPaSS) and a plural s (CCGs).
var reBracketAcronym = regexp.MustCompile(`\(([A-Z][A-Za-z&]*[A-Z][A-Za-z]*|[A-Z]{2,}'?s?)\)`)

var acronymStopWords = map[string]bool{"and": true, "of": true, "for": true, "the": true, "&": true, "in": true, "to": true, "on": true, "with": true, "at": true}

// Acronyms finds the acronyms a document defines: "Full Name (ACR)" in its
// text and two-column glossary tables whose first column is the acronym.
// The first definition of an acronym wins.
func Acronyms(doc *layout.Document) map[string]string {
	out := map[string]string{}
	add := func(acr, full string) {
		if _, ok := out[acr]; !ok && full != "" {
			out[acr] = full
		}
	}
	scan := func(s string) {
		for _, m := range reBracketAcronym.FindAllStringSubmatchIndex(s, -1) {
			acr := s[m[2]:m[3]]
			if full := expansionBefore(s[:m[0]], acr); full != "" {
				add(acr, full)
			}
		}
	}
	for _, b := range doc.Blocks {
		switch b.Kind {
		case layout.KindHeading, layout.KindParagraph:
			scan(oneLine(b.Text))
		case layout.KindList:
			for _, it := range b.List.Items {
				scan(oneLine(it.Text))
			}
		case layout.KindTable:
			glossary(b.Table, add)
			for i := range b.Table.Cells {
				for _, l := range cellLines(&b.Table.Cells[i]) {
					scan(oneLine(l.Text))
				}
			}
		}
	}
	return out
}

var reAcronymCell = regexp.MustCompile(`^[A-Z][A-Za-z&/+-]*[A-Z][A-Za-z+]*$|^[A-Z]{2,}s?$`)

// glossary reads a table whose rows pair an acronym with its expansion.
func glossary(t *layout.Table, add func(acr, full string)) {
	if t.Cols != 2 {
		return
	}
	var pairs [][2]string
	for r := 0; r < t.Rows; r++ {
		a, b := t.At(r, 0), t.At(r, 1)
		if a == nil || b == nil || a == b {
			continue
		}
		at, bt := oneLine(a.Text), oneLine(b.Text)
		if reAcronymCell.MatchString(at) && bt != "" && len(strings.Fields(bt)) <= 12 {
			pairs = append(pairs, [2]string{at, bt})
		}
	}
	if len(pairs) < 3 || len(pairs) < t.Rows/2 {
		return
	}
	for _, p := range pairs {
		add(p[0], p[1])
	}
}

// expansionBefore finds the words just before an acronym whose initials
// spell it, or "".
func expansionBefore(before, acr string) string {
	letters := []rune(strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(acr, "'s"), "s")))
	if len(letters) < 2 {
		letters = []rune(strings.ToUpper(acr))
	}
	words := strings.Fields(strings.TrimRight(before, " ,"))
	// Try the shortest run of words ending just before the bracket.
	maxWords := 2*len(letters) + 3
	for n := 1; n <= maxWords && n <= len(words); n++ {
		run := words[len(words)-n:]
		first := strings.Trim(run[0], `("'‘“`)
		if first == "" || acronymStopWords[strings.ToLower(first)] {
			continue
		}
		if spells(run, letters) {
			return strings.Trim(strings.Join(run, " "), `("'‘“,`)
		}
	}
	return ""
}

// spells reports whether the words' initials can spell letters: a stop word
// may be skipped, a capitalised word may give all its capitals (SEND in
// "SEND Information"), a hyphenated word the initials of its parts.
func spells(words []string, letters []rune) bool {
	if len(words) == 0 {
		return len(letters) == 0
	}
	w := strings.Trim(words[0], `("'‘“,.:;`)
	rest := words[1:]
	if w == "" {
		return spells(rest, letters)
	}
	if acronymStopWords[strings.ToLower(w)] && spells(rest, letters) {
		return true
	}
	for _, opt := range initialOptions(w) {
		if len(opt) <= len(letters) && string(letters[:len(opt)]) == opt && spells(rest, letters[len(opt):]) {
			return true
		}
	}
	return false
}

func initialOptions(w string) []string {
	up := []rune(strings.ToUpper(w))
	opts := []string{string(up[0])}
	if allUpper(w) && len(up) > 1 {
		opts = append(opts, string(up))
	}
	if strings.Contains(w, "-") {
		var b strings.Builder
		for _, p := range strings.Split(w, "-") {
			if p != "" {
				b.WriteRune(unicode.ToUpper([]rune(p)[0]))
			}
		}
		if b.Len() > 1 {
			opts = append(opts, b.String())
		}
	}
	// Inner capitals: "PfA"-style words are rare; "SENCo", "eLearning" give
	// their capitals.
	var caps []rune
	for _, r := range w {
		if unicode.IsUpper(r) {
			caps = append(caps, r)
		}
	}
	if len(caps) > 1 && !allUpper(w) {
		opts = append(opts, string(caps))
	}
	return opts
}

func allUpper(w string) bool {
	has := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			has = true
		}
	}
	return has
}
