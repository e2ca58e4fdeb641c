package normalize

import (
	"slices"
	"strings"
	"testing"
)

func TestRefsSubCodes(t *testing.T) {
	p := newRefParser(testOptions())
	for in, want := range map[string][]string{
		"PAIP AFI2.1":            {"AFI2.1"},
		"PAIP PA2.4a and PA2.4b": {"PA2.4a", "PA2.4b"},
		"AFI 2. Leaders":         {"AFI2"},
		"AF15":                   {"AFI5"},  // I read as 1, and AFI5 is known
		"AFI15":                  {"AFI15"}, // written with its I: no correction
		"PA12":                   {"PA12"},  // the family has no I to misread
	} {
		if got := p.Parse(in, map[string]bool{"AFI5": true, "PA2": true}); !slices.Equal(got, want) {
			t.Errorf("Parse(%q) = %q, want %q", in, got, want)
		}
	}
	if got := p.Codes("Accurate, Compassionate and Timely"); len(got) != 0 {
		t.Errorf("Codes of plain words = %q, want none", got)
	}
}

func TestLabelText(t *testing.T) {
	p := newRefParser(testOptions())
	tests := []struct {
		in, code, rest string
		ok             bool
	}{
		{"Area for Improvement 1", "AFI1", "", true},
		{"Area for improvement 2: Leaders should act", "AFI2", "Leaders should act", true},
		{"Area for Improvement 1 – what the inspectors said (March 2017)", "AFI1", "what the inspectors said (March 2017)", true},
		{"AFI 2.1 is late", "", "", false}, // an action's code, not a label
		{"Areas for improvement identified in 2023", "", "", false},
		{"Priority action 3 - Data", "PA3", "Data", true},
	}
	for _, tt := range tests {
		code, _, rest, ok := p.LabelText(tt.in)
		if code != tt.code || rest != tt.rest || ok != tt.ok {
			t.Errorf("LabelText(%q) = %q, %q, %v; want %q, %q, %v", tt.in, code, rest, ok, tt.code, tt.rest, tt.ok)
		}
	}
}

func TestQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"“I am listened to.”":       "I am listened to.",
		`"Leaders should act."`:     "Leaders should act.",
		"“I know who to contact”.":  "I know who to contact.",
		"Not quoted.":               "Not quoted.",
		"“Two” and “three” quotes.": "“Two” and “three” quotes.",
	} {
		if got := unquote(in); got != want {
			t.Errorf("unquote(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzLabelText(f *testing.F) {
	for _, s := range []string{"Area for Improvement 1", "Area of weakness 2: Leaders", "AFI 2.1", "PA1 – x", "“quoted”", "Area for improvement 0:"} {
		f.Add(s)
	}
	p := newRefParser(testOptions())
	f.Fuzz(func(t *testing.T, s string) {
		code, kind, rest, ok := p.LabelText(s)
		if !ok {
			if code != "" || rest != "" {
				t.Fatalf("%q: not a label but gave %q, %q", s, code, rest)
			}
			return
		}
		if code == "" || kind == "" || strings.HasSuffix(code, "0") && len(code) == 3 {
			t.Fatalf("%q: label with code %q kind %q", s, code, kind)
		}
		if len(rest) > len(s) {
			t.Fatalf("%q: statement %q longer than the text", s, rest)
		}
		_ = unquote(s)
		_ = isQuoted(s)
	})
}
