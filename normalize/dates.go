package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Timescale is what a timescale, start or due cell says.
type Timescale struct {
	Start Date
	Due   Date
	// Null is set when the text says there is no date yet (TBC, ongoing).
	Null bool
}

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// Terms and seasons, as the months they start and end in.
var terms = map[string][2]time.Month{
	"autumn": {9, 12}, "spring": {1, 4}, "summer": {4, 7}, "winter": {12, 2},
}

const monthRE = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	reDay       = regexp.MustCompile(`\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b`)
	reISO       = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	reDayMonth  = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRE + `,?\s+(\d{4})\b`)
	reMonthYear = regexp.MustCompile(`(?i)\b` + monthRE + `(?:\s*[-/' ]\s*|\s+)(\d{4}|\d{2})\b`)
	reYearMonth = regexp.MustCompile(`(?i)\b(\d{2})\s*-\s*` + monthRE + `\b`)
	reMonthOnly = regexp.MustCompile(`(?i)\b` + monthRE + `\b`)
	reQuarter   = regexp.MustCompile(`(?i)\bQ([1-4])\s*[-/ ]?\s*(\d{4}|\d{2})\b`)
	// A quarter of a financial year: "Q3 2019/20", "Quarter 1 2024-25".
	reFYQuarter = regexp.MustCompile(`(?i)\b(?:Q|quarter\s*)([1-4])\s*(?:of\s+)?(?:FY\s*)?(20\d{2}|19\d{2})\s*[/-]\s*(\d{4}|\d{2})\b`)
	reTerm      = regexp.MustCompile(`(?i)\b(autumn|spring|summer|winter)(?:\s+term)?\s*(\d{4}|\d{2})\b`)
	reYear      = regexp.MustCompile(`\b(19\d{2}|20\d{2})\b`)
	reYearRange = regexp.MustCompile(`\b(19\d{2}|20\d{2})\s*(?:[-–—/]|to)\s*(19\d{2}|20\d{2}|\d{2})\b`)
)

// DateWords are the words around a date that change what it means. They
// come from the configuration (normalize.date_words).
type DateWords struct {
	// Null are timescales that mean "no date" (TBC, ongoing).
	Null []string `mapstructure:"null"`
	// Start words make the date after them a start with no due date:
	// "From Jan 2024", "Quarterly from Apr 2024".
	Start []string `mapstructure:"start"`
	// Revised words introduce a date that replaces the one before it:
	// "31.03.18 (revised 30.09.18)".
	Revised []string `mapstructure:"revised"`
	// Superseded words introduce an old date that no longer holds:
	// "Q4 2019/20 (was Q4 2018/19)".
	Superseded []string `mapstructure:"superseded"`
}

// DefaultDateWords are used for the lists a configuration leaves empty.
var DefaultDateWords = DateWords{
	Start:      []string{"from", "starting", "starting from", "commencing", "beginning"},
	Revised:    []string{"revised", "revised to", "now", "extended to", "moved to", "rescheduled to"},
	Superseded: []string{"was", "previously", "originally", "original"},
}

// withDefaults fills the lists w leaves empty from DefaultDateWords.
func (w DateWords) withDefaults() DateWords {
	if w.Start == nil {
		w.Start = DefaultDateWords.Start
	}
	if w.Revised == nil {
		w.Revised = DefaultDateWords.Revised
	}
	if w.Superseded == nil {
		w.Superseded = DefaultDateWords.Superseded
	}
	return w
}

// ParseTimescale reads a timescale cell: a single date is the due date, a
// range gives a start and a due date. ok is false when the text holds no
// date it could read and is not one of the null words.
func ParseTimescale(s string, nullWords []string) (ts Timescale, ok bool) {
	return DateWords{Null: nullWords}.Parse(s)
}

// Parse reads a timescale cell as ParseTimescale does, with w's words: a
// revised date replaces the original, a superseded one is dropped, and a
// date after a start word is a start only.
func (w DateWords) Parse(s string) (ts Timescale, ok bool) {
	w = w.withDefaults()
	s = strings.TrimSpace(s)
	if s == "" {
		return ts, true
	}
	s = dropSuperseded(s, w.Superseded)
	if r, at, ok := afterWord(s, w.Revised); ok {
		if t, ok := w.Parse(r); ok && !t.Null && (t != Timescale{}) {
			return t, true
		}
		// "Dec-18 (revised)": the word alone changes nothing.
		if head := strings.TrimSpace(strings.TrimRight(s[:at], " (")); head != "" {
			s = head
		}
	}
	if r, _, ok := afterWord(s, w.Start); ok && splitRange(r) == nil && !reYearRange.MatchString(r) {
		if d, ok := parseOne(r, false); ok {
			return Timescale{Start: d}, true
		}
	}
	low := strings.ToLower(strings.Trim(s, " .;:"))
	for _, nw := range w.Null {
		if low == nw || strings.HasPrefix(low, nw+" ") {
			ts.Null = true
			return ts, true
		}
	}
	// Month ranges within a year: "Jan-Mar 2023", "April 2023 - March 2024".
	if parts := splitRange(s); parts != nil {
		a, aok := parseOne(parts[0], false)
		b, bok := parseOne(parts[1], true)
		if aok && bok {
			return Timescale{Start: a, Due: b}, true
		}
		if !aok && bok && b.Precision == PrecisionMonth {
			if m := reMonthOnly.FindStringSubmatch(parts[0]); m != nil && strings.TrimSpace(reMonthOnly.ReplaceAllString(parts[0], "")) == "" {
				// In year 1, January 1st is time's zero value, which means
				// "no date": such a start is left out, not kept as zero.
				if start := firstDay(b.Time.Year(), months[monthKey(m[1])]); !start.IsZero() {
					return Timescale{Start: Date{start, PrecisionMonth}, Due: b}, true
				}
			}
		}
	}
	if m := reYearRange.FindStringSubmatch(s); m != nil && !reMonthYear.MatchString(s) && !reFYQuarter.MatchString(s) {
		y1, _ := strconv.Atoi(m[1])
		y2 := expandYear(m[2], y1)
		if y2 >= y1 {
			return Timescale{
				Start: Date{time.Date(y1, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear},
				Due:   Date{time.Date(y2, 12, 31, 0, 0, 0, 0, time.UTC), PrecisionYear},
			}, true
		}
	}
	if d, ok := parseOne(s, true); ok {
		return Timescale{Due: d}, true
	}
	return ts, false
}

// ParseDate reads one date. end says which end of a partial date to take: a
// due date is the last day of its year, quarter or month, a start date the
// first.
func ParseDate(s string, end bool) (Date, bool) {
	return parseOne(s, end)
}

// indexFold is strings.Index ignoring ASCII case. Lower-casing s first
// would be wrong: case mapping can change a string's length in bytes, and
// the index is used to slice s.
func indexFold(s, sep string) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

// splitRange splits "X - Y" or "X to Y" where both sides hold a month; nil
// otherwise.
func splitRange(s string) []string {
	for _, sep := range []string{" to ", " - ", " – ", "-", "–", "/"} {
		i := indexFold(s, sep)
		if i <= 0 {
			continue
		}
		a, b := s[:i], s[i+len(sep):]
		if reMonthOnly.MatchString(a) && reMonthOnly.MatchString(b) && !reYearMonth.MatchString(s) {
			if reMonthYear.MatchString(s) && !reMonthYear.MatchString(b) {
				continue
			}
			return []string{a, b}
		}
	}
	return nil
}

func parseOne(s string, end bool) (Date, bool) {
	if m := reISO.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return dayDate(y, mo, d)
	}
	if m := reDay.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y := expandYear(m[3], 2000)
		return dayDate(y, mo, d)
	}
	if m := reDayMonth.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[3])
		return dayDate(y, int(months[monthKey(m[2])]), d)
	}
	if m := reFYQuarter.FindStringSubmatch(s); m != nil {
		q, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		if y2 := expandYear(m[3], y); y2 == y+1 {
			// Q1 is April to June of the first year, Q4 January to March
			// of the second.
			first := time.Month(3*q + 1)
			if first > 12 {
				first -= 12
				y++
			}
			if end {
				return Date{lastDay(y, first+2), PrecisionQuarter}, true
			}
			return Date{firstDay(y, first), PrecisionQuarter}, true
		}
	}
	if m := reQuarter.FindStringSubmatch(s); m != nil {
		q, _ := strconv.Atoi(m[1])
		y := expandYear(m[2], 2000)
		first := time.Month(3*(q-1) + 1)
		if end {
			return Date{lastDay(y, first+2), PrecisionQuarter}, true
		}
		return Date{firstDay(y, first), PrecisionQuarter}, true
	}
	if m := reTerm.FindStringSubmatch(s); m != nil {
		t := terms[strings.ToLower(m[1])]
		y := expandYear(m[2], 2000)
		if end {
			ey := y
			if t[1] < t[0] {
				ey++
			}
			return Date{lastDay(ey, t[1]), PrecisionMonth}, true
		}
		return Date{firstDay(y, t[0]), PrecisionMonth}, true
	}
	if m := reMonthYear.FindStringSubmatch(s); m != nil {
		y := expandYear(m[2], 2000)
		return monthDate(y, months[monthKey(m[1])], end), true
	}
	// "24-Apr": a two-digit year before the month, as spreadsheets print it.
	if m := reYearMonth.FindStringSubmatch(s); m != nil && !reYear.MatchString(s) {
		y := expandYear(m[1], 2000)
		return monthDate(y, months[monthKey(m[2])], end), true
	}
	if m := reYear.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		if end {
			return Date{time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), PrecisionYear}, true
		}
		return Date{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear}, true
	}
	return Date{}, false
}

func monthKey(s string) string {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if _, ok := months[s]; ok {
		return s
	}
	if len(s) >= 3 {
		return s[:3]
	}
	return s
}

func monthDate(y int, m time.Month, end bool) Date {
	if end {
		return Date{lastDay(y, m), PrecisionMonth}
	}
	return Date{firstDay(y, m), PrecisionMonth}
}

func dayDate(y, m, d int) (Date, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, false
	}
	return Date{t, PrecisionDay}, true
}

func firstDay(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

func lastDay(y int, m time.Month) time.Time {
	return time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

// expandYear reads a two- or four-digit year; a two-digit one is taken in the
// century of ref (or after it, for the end of a range like 2023-24).
func expandYear(s string, ref int) int {
	y, _ := strconv.Atoi(s)
	if len(s) == 2 {
		y += ref / 100 * 100
		if y < ref && ref%100 != 0 {
			y += 100
		}
	}
	return y
}

// Period finds the years a heading or title covers ("for 2020 – 2023",
// "(2021 to 2023)"); ok is false when it names no range of years.
func Period(s string) (start, end Date, ok bool) {
	m := reYearRange.FindStringSubmatch(s)
	if m == nil {
		return start, end, false
	}
	y1, _ := strconv.Atoi(m[1])
	y2 := expandYear(m[2], y1)
	if y2 < y1 || y2-y1 > 15 {
		return start, end, false
	}
	return Date{time.Date(y1, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear},
		Date{time.Date(y2, 12, 31, 0, 0, 0, 0, time.UTC), PrecisionYear}, true
}

// afterWord finds the first of words standing as whole words in s and
// returns the text after it, brackets trimmed, and where the word starts.
func afterWord(s string, words []string) (rest string, at int, ok bool) {
	best, bestEnd := -1, 0
	for _, w := range words {
		for from := 0; from < len(s); {
			i := indexFold(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			end := i + len(w)
			if wordBoundary(s, i-1) && wordBoundary(s, end) && (best < 0 || i < best || i == best && end > bestEnd) {
				best, bestEnd = i, end
			}
			from = i + 1
		}
	}
	if best < 0 {
		return "", 0, false
	}
	return strings.TrimSpace(strings.Trim(s[bestEnd:], " :()[]")), best, true
}

// wordBoundary reports whether s[i] is outside s or not a letter or digit.
func wordBoundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

// dropSuperseded removes an old date and the word that introduces it:
// "Q4 2019/20 (was Q4 2018/19)" is "Q4 2019/20".
func dropSuperseded(s string, words []string) string {
	for _, w := range words {
		i := indexFold(s, w)
		for i >= 0 && !(wordBoundary(s, i-1) && wordBoundary(s, i+len(w))) {
			j := indexFold(s[i+1:], w)
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i <= 0 {
			continue
		}
		head := strings.TrimRight(s[:i], " ")
		rest := s[i:]
		if strings.HasSuffix(head, "(") {
			head = strings.TrimRight(strings.TrimSuffix(head, "("), " ")
			if j := strings.Index(rest, ")"); j >= 0 {
				rest = rest[j+1:]
			} else {
				rest = ""
			}
		} else {
			rest = ""
		}
		if strings.TrimSpace(head) != "" {
			return strings.TrimSpace(head + " " + rest)
		}
	}
	return s
}

// HeadingPeriod is the period a section heading gives the items under it:
// a range of years as Period reads it, or a financial-year quarter the
// section is due by ("What we'll do next (by end of Q1 2020/21)"), which
// gives a due date and no start.
func HeadingPeriod(s string) (start, end Date, ok bool) {
	if reFYQuarter.MatchString(s) {
		if d, ok := parseOne(s, true); ok && d.Precision == PrecisionQuarter {
			return Date{}, d, true
		}
	}
	return Period(s)
}
