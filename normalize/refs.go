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
	// label matches a whole label such as "Area for Improvement 2:";
	// prefix the same label at the start of a longer text.
	label  *regexp.Regexp
	prefix *regexp.Regexp
}

// reItemCode is an item's own number: 1.2, 3.10, 2.1.4, and a sub-action
// 2.3a.
var reItemCode = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,2})+[a-z]?$`)

func newRefParser(o Options) *refParser {
	p := &refParser{programmes: map[string]string{}, itemCode: reItemCode}
	for _, c := range o.Codes {
		pats := slices.Clone(c.Patterns)
		// Longest first, so "AFI" wins over "AF".
		slices.SortFunc(pats, func(a, b string) int { return len(b) - len(a) })
		alt := strings.Join(pats, "|")
		p.codes = append(p.codes, codeMatcher{
			code: c.Code,
			kind: Kind(c.Kind),
			// The number may carry an action's own number and letter:
			// "AFI2.1", "PA2.4a" are references to actions of a finding.
			re:     mustCompile(`(?i)(?:^|[^A-Za-z])(?:` + alt + `)\s*(?:no\.?\s*)?(?P<n>[0-9]{1,2}(?:\.[0-9]{1,2}[a-z]?)?)\b`),
			label:  mustCompile(`(?i)^\s*(?:` + alt + `)\s*(?:no\.?\s*)?(?P<n>[0-9]{1,2})\s*[:.]?\s*$`),
			prefix: mustCompile(`(?i)^\s*(?:` + alt + `)\s*(?:no\.?\s*)?(?P<n>[0-9]{1,2})\b`),
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
		// A configured pattern may have groups of its own: the number is
		// the group named n.
		if m := c.label.FindStringSubmatch(s); m != nil && strings.TrimLeft(m[c.label.SubexpIndex("n")], "0") != "" {
			return c.code + strings.TrimLeft(m[c.label.SubexpIndex("n")], "0"), c.kind, true
		}
	}
	return "", "", false
}

// Parse returns the canonical references in s, in order, without repeats.
// known, when not empty, holds the keys of the document's items; see
// misreadI for the one correction made with them. A cell with no code at
// all is kept whole as one reference (a named strategy or programme).
func (p *refParser) Parse(s string, known map[string]bool) []string {
	out := p.parse(s, known)
	if c := cleanText(s); len(out) == 0 && c != "" {
		out = []string{c}
	}
	return out
}

// parse is Parse without keeping a cell that has no code.
func (p *refParser) parse(s string, known map[string]bool) []string {
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
			g := 2 * c.re.SubexpIndex("n")
			num := strings.TrimLeft(s[m[g]:m[g+1]], "0")
			if num == "" {
				continue // numbered from 1: a 0 is not a code
			}
			ref := c.code + num
			if fixed, ok := misreadI(c.code, s[m[0]:m[g]], num, known); ok {
				ref = fixed
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
	return out
}

// Codes returns the codes of the configured families and item codes in s,
// in order, without repeats; programme tokens alone do not count.
func (p *refParser) Codes(s string) []string {
	var out []string
	for _, r := range p.parse(s, nil) {
		if _, ok := p.programmes[r]; !ok {
			out = append(out, r)
		}
	}
	return out
}

// misreadI corrects a code whose final letter I was typed or read as the
// digit 1, the two glyphs being alike in most fonts: written is the text
// before the number, so "AF" + "15" for a family AFI is AFI5. It applies
// only when the written prefix is the code without its I, the code as read
// is not one of the document's items and the corrected one is.
func misreadI(code, written, num string, known map[string]bool) (string, bool) {
	short, ok := strings.CutSuffix(strings.ToUpper(code), "I")
	w := strings.ToUpper(strings.TrimSpace(strings.TrimLeft(written, " \t([/,;&")))
	if !ok || w != short || len(num) != 2 || num[0] != '1' || len(known) == 0 {
		return "", false
	}
	if known[code+num] || !known[code+num[1:]] {
		return "", false
	}
	return code + num[1:], true
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

// reLabelSep separates a label from the statement after it: "Area for
// improvement 2: ...", "Weakness 3 – ...".
var reLabelSep = regexp.MustCompile(`^\s*[:.\-–—]\s*`)

// reBracketCode is a code in brackets after a label: "(AFI1)".
var reBracketCode = regexp.MustCompile(`^\s*\([A-Za-z]{0,5}\s*\d{1,2}\)`)

// LabelText reads a label at the start of s, with or without a statement
// after it ("Area of weakness 2: Leaders do not ..."): the canonical code,
// the kind of item it labels and the statement, "" when s is the label
// alone.
func (p *refParser) LabelText(s string) (code string, kind Kind, rest string, ok bool) {
	if code, kind, ok := p.Label(s); ok {
		return code, kind, "", true
	}
	for _, c := range p.codes {
		m := c.prefix.FindStringSubmatchIndex(s)
		g := 2 * c.prefix.SubexpIndex("n")
		if m == nil || strings.TrimLeft(s[m[g]:m[g+1]], "0") == "" {
			continue
		}
		// "Area for improvement 1 (AFI1): ..." gives its code again.
		tail := reBracketCode.ReplaceAllString(s[m[1]:], "")
		sep := reLabelSep.FindString(tail)
		if sep == "" || startsDigit(tail[len(sep):]) {
			continue
		}
		return c.code + strings.TrimLeft(s[m[g]:m[g+1]], "0"), c.kind, strings.TrimSpace(tail[len(sep):]), true
	}
	return "", "", "", false
}

func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
