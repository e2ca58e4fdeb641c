package normalize

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

var (
	// A word broken at a line-end hyphen: "multi- agency", "roll- out".
	reBrokenHyphen = regexp.MustCompile(`([a-z])- ([a-z])`)
	// A leading item code: "1.2 Develop", "2.To ensure", "3) Review", a
	// sub-action "3.2a Agree".
	reLeadCode = regexp.MustCompile(`^\s*(\d{1,2}(?:\.\d{1,2})+[a-z]?|\d{1,2})(?:[.):]\s*|\s+)(?:[-–—]\s*)?(\S)`)
	reBulletCh = regexp.MustCompile(`^\s*[•●▪■◦○·\-–*✓✔]\s*`)
)

// cleanText folds whitespace, drops bullet characters and rejoins words
// broken at a line-end hyphen.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = reBulletCh.ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	if !strings.Contains(s, "- ") {
		return s // nothing to rejoin: skip the regexp
	}
	return reBrokenHyphen.ReplaceAllString(s, "$1-$2")
}

// oneLine joins the lines of s with spaces, as written (no hyphen repair):
// no-break spaces become spaces, the ends are trimmed and every run of
// ASCII white space (what the regexp \s matches) becomes one space.
//
// It is called for nearly every block, cell and list item, several times
// over, so it is a single scan that returns s itself when nothing needs
// changing (the common case), instead of a regexp replacement (which was a
// quarter of normalize's CPU).
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if !needsOneLine(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	// Byte by byte: the white space folded is ASCII, and other bytes
	// (invalid UTF-8 included) are copied as they are, as the regexp did.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' {
			space = true
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteByte(c)
	}
	return sb.String()
}

// needsOneLine reports whether s (already trimmed) holds a no-break space,
// a white space other than a single space, or two spaces together.
func needsOneLine(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ':
			if prevSpace {
				return true
			}
			prevSpace = true
		case '\t', '\n', '\f', '\r':
			return true
		case 0xC2: // first byte of U+00A0
			if i+1 < len(s) && s[i+1] == 0xA0 {
				return true
			}
			prevSpace = false
		default:
			prevSpace = false
		}
	}
	return false
}

// splitCode separates a leading item code from the text after it.
func splitCode(s string) (code, rest string) {
	s = strings.TrimSpace(s)
	m := reLeadCode.FindStringSubmatchIndex(s)
	if m == nil {
		return "", s
	}
	return s[m[2]:m[3]], strings.TrimSpace(s[m[4]:])
}

// fold lowercases, folds quotes and dashes, and drops punctuation, for
// comparing header and heading text.
func fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	return foldRunes(s)
}

// foldASCII is fold for the common case, without strings.ToLower's copy
// or the unicode tables: the same letters, digits and single spaces.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b.WriteByte(c)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

func foldRunes(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cellLines returns a cell's lines, from Lines where the extractor kept them,
// else from Text.
func cellLines(c *layout.Cell) []layout.Line {
	if c == nil {
		return nil
	}
	if len(c.Lines) > 0 {
		return c.Lines
	}
	var out []layout.Line
	for _, l := range strings.Split(c.Text, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, layout.Line{Text: l, Bullet: reBulletCh.MatchString(l)})
		}
	}
	return out
}

// cellText is a cell's text on one line, cleaned.
func cellText(c *layout.Cell) string {
	if c == nil {
		return ""
	}
	var parts []string
	for _, l := range cellLines(c) {
		if t := strings.TrimSpace(l.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return cleanText(strings.Join(parts, " "))
}

// entryMode says how a list field breaks a cell into entries.
type entryMode int

const (
	// bySentence: bullets are entries; other lines are split into sentences
	// (measures, outcomes, rationale).
	bySentence entryMode = iota
	// byParagraph: bullets and lines are entries as they are (milestones,
	// progress).
	byParagraph
)

// entries breaks a cell's lines into list entries. A bullet nested under
// another belongs to its parent's entry; a line that starts in lower case
// after one that does not end a sentence continues it (a wrapped line).
func entries(lines []layout.Line, mode entryMode) []string {
	type logical struct {
		parts  []string
		bullet bool
	}
	var ls []logical
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		bullet := l.Bullet || reBulletCh.MatchString(t)
		n := len(ls)
		switch {
		case n > 0 && bullet && l.Depth > 0 && ls[n-1].bullet:
			ls[n-1].parts = append(ls[n-1].parts, t)
		case n > 0 && !bullet && startsLower(t) && !endsSentence(ls[n-1].parts[len(ls[n-1].parts)-1]):
			ls[n-1].parts = append(ls[n-1].parts, t)
		default:
			ls = append(ls, logical{parts: []string{t}, bullet: bullet})
		}
	}
	var out []string
	for _, l := range ls {
		t := cleanText(strings.Join(l.parts, " "))
		switch {
		case t == "":
		case l.bullet || mode == byParagraph:
			out = append(out, t)
		default:
			out = append(out, sentences(t)...)
		}
	}
	return out
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)")
	return s != "" && strings.ContainsRune(".!?:", rune(s[len(s)-1]))
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "eg": true, "ie": true, "no": true,
	"dr": true, "mr": true, "mrs": true, "ms": true, "st": true, "vs": true,
	"approx": true, "incl": true, "cf": true,
}

// sentences splits s after ".", "!" or "?" followed by a space, keeping
// abbreviations and initials together.
func sentences(s string) []string {
	s = cleanText(s)
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if i+1 < len(s) && s[i+1] != ' ' {
			continue
		}
		if i+1 >= len(s) {
			break
		}
		if c == '.' {
			w := lastWord(s[start:i])
			if abbreviations[strings.ToLower(w)] || len(w) == 1 && unicode.IsUpper(rune(w[0])) {
				continue
			}
		}
		if t := strings.TrimSpace(s[start : i+1]); t != "" {
			out = append(out, t)
		}
		start = i + 1
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

func lastWord(s string) string {
	i := strings.LastIndexAny(s, " (")
	return s[i+1:]
}

// isSubheading reports whether a cell line reads as a heading inside the
// cell rather than an entry: short, capitalised, no final punctuation and no
// colon.
func isSubheading(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || strings.ContainsAny(t, ":;") {
		return false
	}
	last := t[len(t)-1]
	if strings.ContainsRune(".!?,)", rune(last)) {
		return false
	}
	words := strings.Fields(t)
	if len(words) > 14 {
		return false
	}
	r := []rune(t)[0]
	return unicode.IsUpper(r)
}

// compiled caches the configuration's patterns: every document of a batch
// would otherwise compile the same few dozen again. The set is bounded by
// the configuration; Options.Validate has already refused bad patterns.
var compiled sync.Map // string -> *regexp.Regexp

func mustCompile(expr string) *regexp.Regexp {
	re, err := compile(expr)
	if err != nil {
		panic(err)
	}
	return re
}

// compile is regexp.Compile through the cache. Only patterns that compile
// are kept, so a bad one costs its error each time it is asked for (that
// is Validate's business, once per run).
func compile(expr string) (*regexp.Regexp, error) {
	if re, ok := compiled.Load(expr); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	stored, _ := compiled.LoadOrStore(expr, re)
	return stored.(*regexp.Regexp), nil
}
