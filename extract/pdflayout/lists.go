package pdflayout

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bulletRunes are glyphs that mark an unordered list item.
const bulletRunes = "•◦▪▫‣⁃∙●○■□·*-–—➢➤►▶✓✔❖◆◇"

// markerNumber reads an ordered-list marker ("3.", "12)", "(a)", "iv.")
// as the item's number.
func markerNumber(m string) (int, bool) {
	m = strings.Trim(m, "()[]")
	m = strings.TrimRight(m, ".):")
	if m == "" || len(m) > 6 {
		return 0, false
	}
	if n, err := strconv.Atoi(m); err == nil && n >= 0 {
		return n, true
	}
	if len(m) == 1 && m[0] >= 'a' && m[0] <= 'z' {
		return int(m[0]-'a') + 1, true
	}
	if len(m) == 1 && m[0] >= 'A' && m[0] <= 'Z' {
		return int(m[0]-'A') + 1, true
	}
	if n := romanValue(strings.ToLower(m)); n > 0 {
		return n, true
	}
	return 0, false
}

func romanValue(s string) int {
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	total := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return total
}

// listMarker is the marker at the start of a list item's first line.
type listMarker struct {
	marker  string // as written: "•", "3.", "a)"
	body    string // the text after it
	ordered bool
	number  int
}

// splitMarker recognises a line starting a list item: a bullet glyph, or
// a number or letter followed by "." or ")" and then the text ("3. Text",
// "10.Text", "(a) text", "iv) text"). A number followed by more digits
// ("1.1 Develop") is a section number, not a marker.
func splitMarker(text string) (listMarker, bool) {
	if body, ok := splitBullet(text); ok {
		r, _ := utf8.DecodeRuneInString(text)
		return listMarker{marker: string(r), body: body}, true
	}
	end := strings.IndexAny(text, ".)")
	if end <= 0 || end > 5 || end+1 >= len(text) {
		return listMarker{}, false
	}
	m := text[:end+1]
	n, ok := markerNumber(m)
	if !ok || strings.ContainsAny(m[:end], " ") || n > 999 {
		return listMarker{}, false
	}
	rest := text[end+1:]
	r, _ := utf8.DecodeRuneInString(rest)
	if r != ' ' && !unicode.IsUpper(r) {
		return listMarker{}, false
	}
	body := strings.TrimSpace(rest)
	if body == "" {
		return listMarker{}, false
	}
	// A lone letter marker must be followed by a space ("a) text"), so
	// that "A.Doe" is not an item.
	if _, err := strconv.Atoi(strings.Trim(m[:end], "(")); err != nil && r != ' ' {
		return listMarker{}, false
	}
	return listMarker{marker: m, body: body, ordered: true, number: n}, true
}
