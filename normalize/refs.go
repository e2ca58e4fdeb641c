package normalize

import (
	"regexp"
	"slices"
	"strings"
)

// refParser canonicalises cross-references: finding codes of the configured
// families, item codes like "1.2", and programme tokens like SEF.
type refParser struct {
	codes      []codeMatcher
	programmes map[string]string // upper-case token -> as configured
	itemCode   *regexp.Regexp
}

type codeMatcher struct {
	code string
	kind Kind
	re   *regexp.Regexp // matches "<pattern> <number>", number in group 1
	// label matches a whole label such as "Area for Improvement 2:".
	label *regexp.Regexp
}

// reItemCode is an item's own number: 1.2, 3.10, 2.1.4.
var reItemCode = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,2})+$`)

func newRefParser(o Options) *refParser {
	p := &refParser{programmes: map[string]string{}, itemCode: reItemCode}
	for _, c := range o.Codes {
		pats := slices.Clone(c.Patterns)
		// Longest first, so "AFI" wins over "AF".
		slices.SortFunc(pats, func(a, b string) int { return len(b) - len(a) })
		alt := strings.Join(pats, "|")
		p.codes = append(p.codes, codeMatcher{
			code:  c.Code,
			kind:  Kind(c.Kind),
			re:    mustCompile(`(?i)(?:^|[^A-Za-z])(?:` + alt + `)\s*(?:no\.?\s*)?([0-9]{1,2})\b`),
			label: mustCompile(`(?i)^\s*(?:` + alt + `)\s*(?:no\.?\s*)?([0-9]{1,2})\s*[:.]?\s*$`),
		})
	}
	for _, t := range o.Programmes {
		p.programmes[strings.ToUpper(t)] = strings.ToUpper(t)
	}
	return p
}

// Label reads a label that is nothing but a code ("Area for Improvement 1",
// "Improvement Area 4:", "AFI 2"), giving the canonical code and the kind
// of item it labels.
func (p *refParser) Label(s string) (code string, kind Kind, ok bool) {
	for _, c := range p.codes {
		// Findings are numbered from 1: "Area for improvement 0" is no code.
		if m := c.label.FindStringSubmatch(s); m != nil && strings.TrimLeft(m[1], "0") != "" {
			return c.code + strings.TrimLeft(m[1], "0"), c.kind, true
		}
	}
	return "", "", false
}

// Parse returns the canonical references in s, in order, without repeats.
// known, when not empty, holds the keys of the document's items: a code
// that is not one of them but becomes one when a digit 1 is read as the
// letter I ("AF15" for AFI5) is corrected. A cell with no code at all is
// kept whole as one reference (a named strategy or programme).
func (p *refParser) Parse(s string, known map[string]bool) []string {
	// One space between words, as the configured patterns write them: a
	// PDF cell may break "Area for" / "improvement 2" over two lines.
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	var out []string
	add := func(r string) {
		if r != "" && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	type hit struct {
		at  int
		ref string
	}
	var hits []hit
	covered := make([]bool, len(s))
	for _, c := range p.codes {
		for _, m := range c.re.FindAllStringSubmatchIndex(s, -1) {
			num := strings.TrimLeft(s[m[2]:m[3]], "0")
			if num == "" {
				continue // numbered from 1: a 0 is not a code
			}
			ref := c.code + num
			if len(known) > 0 && !known[ref] && strings.HasPrefix(num, "1") && len(num) == 2 && known[c.code+num[1:]] {
				ref = c.code + num[1:]
			}
			start := m[0]
			if !isLetter(s[start]) {
				start++ // the separator before the code
			}
			overlap := false
			for i := start; i < m[1]; i++ {
				if covered[i] {
					overlap = true
				}
			}
			if overlap {
				continue
			}
			for i := start; i < m[1]; i++ {
				covered[i] = true
			}
			hits = append(hits, hit{start, ref})
		}
	}
	// Programme tokens and item codes in what is left.
	for _, tok := range tokenSpans(s) {
		if covered[tok.start] {
			continue
		}
		w := strings.Trim(tok.text, ".,;:()")
		if prog, ok := p.programmes[strings.ToUpper(w)]; ok {
			hits = append(hits, hit{tok.start, prog})
		} else if p.itemCode.MatchString(w) {
			hits = append(hits, hit{tok.start, w})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.at - b.at })
	for _, h := range hits {
		add(h.ref)
	}
	if len(out) == 0 {
		add(cleanText(s))
	}
	return out
}

type span struct {
	start int
	text  string
}

// tokenSpans splits s at spaces, slashes, commas, ampersands and "and".
func tokenSpans(s string) []span {
	var out []span
	start := -1
	for i := 0; i <= len(s); i++ {
		sep := i == len(s) || strings.ContainsRune(" \t\n/,;&+", rune(s[i]))
		if sep {
			if start >= 0 {
				out = append(out, span{start, s[start:i]})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
