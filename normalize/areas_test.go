package normalize

import "testing"

func TestAreaMatcher(t *testing.T) {
	m := newAreaMatcher([]LocalArea{
		{Name: "Nottingham", Aliases: []string{"Nottingham City", "Nottingham City Council"}},
		{Name: "Nottinghamshire"},
		{Name: "Bournemouth, Christchurch and Poole"},
		{Name: "Reading", Aliases: []string{"Reading Borough Council"}, Strict: true},
	})
	tests := []struct{ name, text, want string }{
		{"longest name wins", "Nottingham City Council and Nottinghamshire and Nottinghamshire", "Nottinghamshire"},
		{"a longer name is not also counted short", "Nottingham City Council, Nottingham City Council, Nottinghamshire", "Nottingham"},
		{"whole words only", "Nottinghamshire's plan", "Nottinghamshire"},
		{"punctuation between words", "the Bournemouth Christchurch and Poole partnership", "Bournemouth, Christchurch and Poole"},
		{"a strict name needs its alias", "reading and Reading for pleasure", ""},
		{"strict alias", "Reading Borough Council SEND plan", "Reading"},
		{"case matters", "nottinghamshire", ""},
		{"tie goes to the first name", "Nottinghamshire and Nottingham", "Nottingham"},
		{"none", "a plan", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := m.best(tc.text); got != tc.want {
				t.Errorf("best(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}
