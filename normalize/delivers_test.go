package normalize

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitLabelled(t *testing.T) {
	for in, want := range map[string][]string{
		"Priority 2: Identify needs early Priority 4: The right school": {"Priority 2: Identify needs early", "Priority 4: The right school"},
		"Priority 5: Leaders working as one partnership":                {"Priority 5: Leaders working as one partnership"},
		"2 and 3":                            {"2 and 3"},
		"Leaders working as one partnership": {"Leaders working as one partnership"},
		"Theme 1 and theme 2":                {"Theme 1 and", "theme 2"},
		"":                                   nil,
	} {
		if got := splitLabelled(in); !slices.Equal(got, want) {
			t.Errorf("splitLabelled(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSplitLabelled: the entries are the cell's words, in order, none lost.
func FuzzSplitLabelled(f *testing.F) {
	for _, s := range []string{"Priority 2: a Priority 4: b", "2 and 3", "Theme 1 theme 1 theme", "x 1", "", " 1 1 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := splitLabelled(s)
		var words []string
		for _, e := range got {
			if e == "" {
				t.Fatalf("splitLabelled(%q) has an empty entry: %q", s, got)
			}
			words = append(words, strings.Fields(e)...)
		}
		if want := strings.Fields(s); len(got) > 1 && !slices.Equal(words, want) {
			t.Fatalf("splitLabelled(%q) = %q loses words", s, got)
		}
	})
}
