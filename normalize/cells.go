package normalize

import (
	"regexp"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// What a table's cells say beyond their column: a rating with a comment
// under it, "Lead: ..." lines inside an action's cell, codes that carry the
// finding they answer ("PA1.3").

// reItemCodeSub is an item's own number with an optional sub-action letter:
// 1.2, 3.10, 2.4a.
var reItemCodeSub = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,2})+[a-z]?$`)

// reCommaCode is an item number typed with a comma for its point ("1,7").
var reCommaCode = regexp.MustCompile(`^(\d{1,2}),(\d{1,2}[a-z]?)$`)

// reFindingAction is an action code that starts with its finding's code:
// "PA1.3", "AFI 2.1", "PA2.4a". Group 1 is the finding label, 2 its number,
// 3 the action's own number.
var reFindingAction = regexp.MustCompile(`^([A-Za-z][A-Za-z ]{0,40}?)\s*(\d{1,2})((?:\.\d{1,2})+[a-z]?)$`)

// itemCode reads a cell that holds nothing but an item's code: its own
// number (1.2, 2.4a, "1,7" for 1.7) or a finding's action code (PA1.3).
// finding is the finding the code names, canonical ("PA1"), or "".
func (b *builder) itemCode(s string) (code, finding string, ok bool) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".:"))
	if m := reCommaCode.FindStringSubmatch(s); m != nil {
		s = m[1] + "." + m[2]
	}
	if reItemCodeSub.MatchString(s) {
		return s, "", true
	}
	if m := reFindingAction.FindStringSubmatch(s); m != nil {
		if f, kind, ok := b.refs.Label(m[1] + " " + m[2]); ok && kind == KindFinding {
			return f + m[3], f, true
		}
	}
	return "", "", false
}

// itemRefs reads a cell that refers to other items' codes ("2.3 & 2.8",
// "3.6b / 3.8", "1,7"): the canonical codes, or nil when the cell holds
// anything else.
func (b *builder) itemRefs(s string) []string {
	var out []string
	for _, part := range splitTop(s, "/", "&", ";", " and ", "\n") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		var codes []string
		if code, _, ok := b.itemCode(part); ok {
			codes = []string{code}
		} else {
			for _, w := range strings.FieldsFunc(part, func(r rune) bool { return r == ',' || r == ' ' }) {
				code, _, ok := b.itemCode(w)
				if !ok {
					return nil
				}
				codes = append(codes, code)
			}
		}
		for _, c := range codes {
			if !containsString(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// splitStatus splits a status cell: its first line is the rating as
// written ("Blue", "G", "On track"); lines under it are a comment on
// progress ("Lived experience page added August 2024").
func (b *builder) splitStatus(rw *row) {
	f := rw.fields[RoleStatus]
	if f.empty() {
		return
	}
	var lines []layout.Line
	for _, l := range f.lines {
		if strings.TrimSpace(l.Text) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return
	}
	// A reader that joined the comment to the rating's line: "Amber
	// Social care audit tool still being aligned".
	if first := strings.TrimSpace(lines[0].Text); !b.statusWord(first) {
		word, rest := b.statusPrefix(first)
		if word == "" {
			return
		}
		head, tail := lines[0], lines[0]
		head.Text, tail.Text = word, rest
		lines = append([]layout.Line{head, tail}, lines[1:]...)
	}
	if len(lines) < 2 || !b.statusWord(lines[0].Text) || !isComment(lines[1:]) {
		return
	}
	rw.fields[RoleStatus] = &field{lines: lines[:1], cells: f.cells}
	p := rw.fields[RoleProgress]
	if p == nil {
		p = &field{}
		rw.fields[RoleProgress] = p
	}
	// The comment goes before the progress column's own text: it is
	// nearer the rating it explains.
	p.lines = append(append([]layout.Line{}, lines[1:]...), p.lines...)
}

// statusWord reports whether s is a rating as a status column writes one:
// a configured status word or phrase, or a RAG letter (R, A, G, B; "A/G").
func (b *builder) statusWord(s string) bool {
	f := fold(s)
	if f == "" {
		return false
	}
	for _, w := range b.opts.StatusWords {
		if f == fold(w) {
			return true
		}
	}
	// Letters and combinations: "G", "A/G", "R-A".
	letters := strings.Fields(f)
	if len(letters) > 3 {
		return false
	}
	for _, l := range letters {
		if len(l) != 1 || !strings.Contains(b.ragLetters(), l) {
			return false
		}
	}
	return true
}

// ragLetters are the initials of the configured one-word colour statuses
// ("red", "amber", "green", "blue" give "ragb").
func (b *builder) ragLetters() string {
	var out strings.Builder
	for _, w := range b.opts.StatusColours {
		if f := fold(w); f != "" && !strings.Contains(out.String(), f[:1]) {
			out.WriteByte(f[0])
		}
	}
	return out.String()
}

// labelledLines moves the "Label: value" lines of an action's text cell to
// the fields their labels name ("Lead: Alex Doe", "Due: Q3 2019/20"),
// when the label is a configured column heading of another role and the
// row has no cell of that role of its own.
func (b *builder) labelledLines(rw *row) {
	tf := rw.fields[RoleText]
	if tf.empty() {
		return
	}
	var split []layout.Line
	for _, l := range tf.lines {
		split = append(split, b.splitAtLabels(l)...)
	}
	var keep []layout.Line
	for i, l := range split {
		label, value, ok := strings.Cut(l.Text, ":")
		role := ""
		if ok && i > 0 && len(strings.Fields(label)) <= 4 && strings.TrimSpace(value) != "" {
			role = b.cols.Role(label)
		}
		if role == "" || role == RoleText || role == RoleKey || rw.own[role] && !rw.fields[role].empty() {
			keep = append(keep, l)
			continue
		}
		f := rw.fields[role]
		if f == nil {
			f = &field{}
			rw.fields[role] = f
		}
		l.Text = strings.TrimSpace(value)
		f.lines = append(f.lines, l)
	}
	if len(keep) != len(tf.lines) || len(split) != len(tf.lines) {
		rw.fields[RoleText] = &field{lines: keep, cells: tf.cells}
	}
}

// reLabelWord is a capitalised word and a colon inside a line: where a
// reader that joined lines left "... Governing Body. Lead: Alex Doe
// Due: Ongoing".
var reLabelWord = regexp.MustCompile(`\s(\p{Lu}\pL*):\s`)

// splitAtLabels splits a line before each word that is a configured column
// heading of a field role followed by a colon ("Lead:", "Due:").
func (b *builder) splitAtLabels(l layout.Line) []layout.Line {
	var out []layout.Line
	text := l.Text
	for {
		cut := -1
		for _, m := range reLabelWord.FindAllStringSubmatchIndex(text, -1) {
			role := b.cols.Role(text[m[2]:m[3]])
			if role != "" && role != RoleText && role != RoleKey && m[2] > 0 {
				cut = m[2]
				break
			}
		}
		if cut < 0 {
			break
		}
		head := l
		head.Text = strings.TrimSpace(text[:cut])
		out = append(out, head)
		text = text[cut:]
	}
	rest := l
	rest.Text = text
	return append(out, rest)
}

// statusPrefix splits a line that starts with a rating and goes on with a
// capitalised comment ("Blue Live from September 2024"): the rating and
// the comment, or "" when the line does not start so.
func (b *builder) statusPrefix(s string) (word, rest string) {
	words := strings.Fields(s)
	for n := min(3, len(words)-1); n >= 1; n-- {
		head := strings.Join(words[:n], " ")
		if b.statusWord(head) && startsUpper(words[n]) && len(words)-n >= 3 {
			return head, strings.Join(words[n:], " ")
		}
	}
	return "", ""
}

// startsStatus reports whether a cell's first line is a rating, alone or
// followed by a comment.
func (b *builder) startsStatus(s string) bool {
	if b.statusWord(s) {
		return true
	}
	w, _ := b.statusPrefix(s)
	return w != ""
}

// isComment reports whether lines under a rating say something of their
// own (three words or more), not more of the rating ("Embedded /
// Sustained").
func isComment(lines []layout.Line) bool {
	n := 0
	for _, l := range lines {
		n += len(strings.Fields(l.Text))
	}
	return n >= 3
}
