package normalize

import (
	"testing"
	"time"
)

var testNull = []string{"tbc", "ongoing", "to be confirmed"}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseTimescale(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Timescale
		ok   bool
	}{
		{"month year", "July 2021", Timescale{Due: Date{day(2021, 7, 31), PrecisionMonth}}, true},
		{"abbrev hyphen two-digit", "Apr-24", Timescale{Due: Date{day(2024, 4, 30), PrecisionMonth}}, true},
		{"sept", "Sept 2022", Timescale{Due: Date{day(2022, 9, 30), PrecisionMonth}}, true},
		{"two-digit year after month", "April 21", Timescale{Due: Date{day(2021, 4, 30), PrecisionMonth}}, true},
		{"reversed day-month as year", "24-Apr", Timescale{Due: Date{day(2024, 4, 30), PrecisionMonth}}, true},
		{"year range", "2021-2023", Timescale{Start: Date{day(2021, 1, 1), PrecisionYear}, Due: Date{day(2023, 12, 31), PrecisionYear}}, true},
		{"year range spaced", "2021- 2023", Timescale{Start: Date{day(2021, 1, 1), PrecisionYear}, Due: Date{day(2023, 12, 31), PrecisionYear}}, true},
		{"year range en dash to", "2020 – 2023", Timescale{Start: Date{day(2020, 1, 1), PrecisionYear}, Due: Date{day(2023, 12, 31), PrecisionYear}}, true},
		{"year only", "2022", Timescale{Due: Date{day(2022, 12, 31), PrecisionYear}}, true},
		{"quarter", "Q3 2024", Timescale{Due: Date{day(2024, 9, 30), PrecisionQuarter}}, true},
		{"term", "Summer term 2024", Timescale{Due: Date{day(2024, 7, 31), PrecisionMonth}}, true},
		{"review prefix", "Review August 2024", Timescale{Due: Date{day(2024, 8, 31), PrecisionMonth}}, true},
		{"day", "31/03/2024", Timescale{Due: Date{day(2024, 3, 31), PrecisionDay}}, true},
		{"long day", "16 October 2023", Timescale{Due: Date{day(2023, 10, 16), PrecisionDay}}, true},
		{"month range", "Jan-Mar 2023", Timescale{Start: Date{day(2023, 1, 1), PrecisionMonth}, Due: Date{day(2023, 3, 31), PrecisionMonth}}, true},
		{"financial-year quarter", "Q3 2019/20", Timescale{Due: Date{day(2019, 12, 31), PrecisionQuarter}}, true},
		{"financial-year Q4 is next January to March", "Q4 2024-25", Timescale{Due: Date{day(2025, 3, 31), PrecisionQuarter}}, true},
		{"financial-year Q1", "Quarter 1 2024/2025", Timescale{Due: Date{day(2024, 6, 30), PrecisionQuarter}}, true},
		{"superseded date dropped", "Q4 2019/20 (was Q4 2018/19)", Timescale{Due: Date{day(2020, 3, 31), PrecisionQuarter}}, true},
		{"revised date replaces", "31.03.18 (revised 30.09.18)", Timescale{Due: Date{day(2018, 9, 30), PrecisionDay}}, true},
		{"revised without a date", "Dec-18 (revised)", Timescale{Due: Date{day(2018, 12, 31), PrecisionMonth}}, true},
		{"from gives a start only", "From Jan 2024", Timescale{Start: Date{day(2024, 1, 1), PrecisionMonth}}, true},
		{"recurring from", "Quarterly from Apr 2024", Timescale{Start: Date{day(2024, 4, 1), PrecisionMonth}}, true},
		{"from to is a range", "from Jan 2024 to March 2025", Timescale{Start: Date{day(2024, 1, 1), PrecisionMonth}, Due: Date{day(2025, 3, 31), PrecisionMonth}}, true},
		{"two-digit month", "Sept 23", Timescale{Due: Date{day(2023, 9, 30), PrecisionMonth}}, true},
		{"dotted day", "31.03.24", Timescale{Due: Date{day(2024, 3, 31), PrecisionDay}}, true},
		{"end of term", "End of Spring term 2020", Timescale{Due: Date{day(2020, 4, 30), PrecisionMonth}}, true},
		{"range kept as written", "Oct 24 – Mar 24", Timescale{Start: Date{day(2024, 10, 1), PrecisionMonth}, Due: Date{day(2024, 3, 31), PrecisionMonth}}, true},
		{"TBC", "TBC", Timescale{Null: true}, true},
		{"ongoing", "Ongoing", Timescale{Null: true}, true},
		{"empty", "", Timescale{}, true},
		{"unreadable", "when funding allows", Timescale{}, false},
		{"bad day", "31/02/2024", Timescale{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseTimescale(tt.in, testNull)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ParseTimescale(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseDateStart(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Date
	}{
		{"month", "Feb-23", Date{day(2023, 2, 1), PrecisionMonth}},
		{"year", "2021", Date{day(2021, 1, 1), PrecisionYear}},
		{"quarter", "Q2 2025", Date{day(2025, 4, 1), PrecisionQuarter}},
		{"autumn", "Autumn 2020", Date{day(2020, 9, 1), PrecisionMonth}},
		{"financial-year quarter start", "Q3 2017/18", Date{day(2017, 10, 1), PrecisionQuarter}},
		{"financial-year Q4 start", "Q4 2017/18", Date{day(2018, 1, 1), PrecisionQuarter}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseDate(tt.in, false)
			if !ok || got != tt.want {
				t.Errorf("ParseDate(%q, start) = %+v, %v; want %+v", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct {
		in         string
		start, end int
		ok         bool
	}{
		{"Nottinghamshire's SEND Strategic Action Plan (2021 to 2023)", 2021, 2023, true},
		{"Our commissioning priorities for 2020 – 2023", 2020, 2023, true},
		{"In 2020 - 21", 2020, 2021, true},
		{"Peer Challenge June 2022", 0, 0, false},
	}
	for _, tt := range tests {
		s, e, ok := Period(tt.in)
		if ok != tt.ok || ok && (s.Time.Year() != tt.start || e.Time.Year() != tt.end) {
			t.Errorf("Period(%q) = %v, %v, %v; want %d-%d %v", tt.in, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"July 2021", "Apr-24", "Sept 2022", "2021-2023", "2021- 2023", "Q3 2024",
		"Summer term 2024", "Review August 2024", "31/03/2024", "TBC", "Ongoing", "24-Apr", "Jan-Mar 2023", "2023/24", "99/99/9999",
		"Q3 2019/20", "Q4 2019/20 (was Q4 2018/19)", "31.03.18 (revised 30.09.18)", "Dec-18 (revised)", "From Jan 2024",
		"Quarterly from Apr 2024", "Sept 23", "31.03.24", "Oct 24 – Mar 24", "(was", "revised (", "from from"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, ok := ParseTimescale(s, testNull)
		if !ok && (ts != Timescale{}) {
			t.Fatalf("%q: not ok but %+v", s, ts)
		}
		for _, d := range []Date{ts.Start, ts.Due} {
			if d.IsZero() != (d.Precision == "") {
				t.Fatalf("%q: date %+v has precision without time or time without precision", s, d)
			}
		}
		if !ts.Due.IsZero() && ts.Due.Precision == PrecisionMonth && ts.Due.Time.AddDate(0, 0, 1).Day() != 1 {
			t.Fatalf("%q: month due %v is not the last day of its month", s, ts.Due.Time)
		}
		if !ts.Start.IsZero() && ts.Start.Precision != PrecisionDay && ts.Start.Time.Day() != 1 {
			t.Fatalf("%q: start %v is not the first day", s, ts.Start.Time)
		}
		if d, ok := ParseDate(s, true); ok && d.IsZero() {
			t.Fatalf("%q: ok but zero", s)
		}
	})
}

func TestHeadingPeriod(t *testing.T) {
	s, e, ok := HeadingPeriod("What we'll do next (by end of Q1 2020/21)")
	if !ok || !s.IsZero() || e != (Date{day(2020, 6, 30), PrecisionQuarter}) {
		t.Errorf("financial-year quarter heading: %v %v %v; want no start, due June 2020", s, e, ok)
	}
	s, e, ok = HeadingPeriod("Our commissioning priorities for 2020 – 2023")
	if !ok || s.Time.Year() != 2020 || e.Time.Year() != 2023 {
		t.Errorf("year range heading: %v %v %v", s, e, ok)
	}
}
