package normalize

import (
	"slices"
	"strings"
	"testing"
)

func testOptions() Options {
	return Options{
		Codes: []CodeRule{
			{Code: "AFI", Kind: "finding", Patterns: []string{`areas? for improvement`, `improvement areas?`, `AFIs?`, `AF`}},
			{Code: "PA", Kind: "finding", Patterns: []string{`areas? for priority action`, `priority actions?`, `PA`}},
		},
		Programmes: []string{"SEF", "DBV"},
		OrgWords:   []string{"council", "county council", "clinical commissioning group", "ccg", "icb", "nhs", "public health", "trust", "providers", "partners", "team", "service", "services"},
		TitleWords: []string{"director", "head", "manager", "officer", "lead", "representative", "assistant", "deputy", "chief", "nurse", "psychologist", "chair", "partner", "dco"},
		NullDates:  testNull,
		Columns: map[string][]string{
			RoleText:      {"what do we need to do", "what we will do", "key action", "action", "what"},
			RoleObjective: {"what do we want to achieve"},
			RolePriority:  {"priority", "our priority", "next step"},
			RoleItemRef:   {"action plan priority"},
			RoleLead:      {"named lead", "lead name", "strategic lead", "lead", "leads"},
			RoleLeadOrg:   {"lead organisations"},
			RoleTimescale: {"timescale", "by when"},
			RoleStart:     {"start date"},
			RoleDue:       {"due date"},
			RoleStatus:    {"status", "rag"},
			RoleRefs:      {"sef dbv afi", "inspection finding"},
			RoleKey:       {"ref", "ref no"},
			RoleMeasures:  {"how will we know", "impact measures", "how will we measure success"},
			RoleOutcomes:  {"intended outcomes", "outcome", "impact"},
			RoleRationale: {"why is this a priority"},
			RoleProgress:  {"progress to date", "progress update"},
		},
	}
}

func TestParseRefs(t *testing.T) {
	p := newRefParser(testOptions())
	known := map[string]bool{"AFI1": true, "AFI2": true, "AFI4": true, "AFI5": true, "1.1": true}
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"canonical", "AFI2", []string{"AFI2"}},
		{"spaced", "AFI 2", []string{"AFI2"}},
		{"long form", "Area for improvement 2", []string{"AFI2"}},
		{"slash list", "AFI4/AFI5", []string{"AFI4", "AFI5"}},
		{"programmes", "SEF/DBV", []string{"SEF", "DBV"}},
		{"typo digit for I", "AFI4 AF15", []string{"AFI4", "AFI5"}},
		{"short alias", "AF5", []string{"AFI5"}},
		{"priority action", "Priority Action 1", []string{"PA1"}},
		{"item code", "see 1.1 and AFI1", []string{"1.1", "AFI1"}},
		{"named strategy kept whole", "SEND Sufficiency high needs capital spend strategy", []string{"SEND Sufficiency high needs capital spend strategy"}},
		{"repeats dropped", "AFI2, AFI 2", []string{"AFI2"}},
		{"empty", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.Parse(tt.in, known); !slices.Equal(got, tt.want) {
				t.Errorf("Parse(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRefLabel(t *testing.T) {
	p := newRefParser(testOptions())
	tests := []struct {
		in   string
		code string
		ok   bool
	}{
		{"Area for Improvement 1", "AFI1", true},
		{"Improvement Area 4", "AFI4", true},
		{"Area for Priority Action 2:", "PA2", true},
		{"Progress to date", "", false},
		{"Areas for improvement identified in 2023", "", false},
	}
	for _, tt := range tests {
		code, _, ok := p.Label(tt.in)
		if code != tt.code || ok != tt.ok {
			t.Errorf("Label(%q) = %q, %v; want %q, %v", tt.in, code, ok, tt.code, tt.ok)
		}
	}
}

func FuzzParseRefs(f *testing.F) {
	for _, s := range []string{"AFI2", "AFI 2", "Area for improvement 2", "AFI4 AF15", "SEF/DBV", "1.1", "ASC Programme", "PA1, AFI3", "((("} {
		f.Add(s)
	}
	p := newRefParser(testOptions())
	known := map[string]bool{"AFI5": true}
	f.Fuzz(func(t *testing.T, s string) {
		refs := p.Parse(s, known)
		if strings.TrimSpace(s) != "" && len(refs) == 0 && cleanText(s) != "" {
			t.Fatalf("%q: no refs and not kept whole", s)
		}
		seen := map[string]bool{}
		for _, r := range refs {
			if r == "" || seen[r] {
				t.Fatalf("%q: empty or repeated ref in %q", s, refs)
			}
			seen[r] = true
		}
		// Canonical refs parse to themselves.
		for _, r := range refs {
			if _, _, ok := p.Label(r); ok {
				if again := p.Parse(r, known); len(again) != 1 || again[0] != r {
					t.Fatalf("%q: canonical %q re-parses as %q", s, r, again)
				}
			}
		}
	})
}
