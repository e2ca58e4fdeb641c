package normalize

import (
	"slices"
	"testing"
)

func TestParseLeads(t *testing.T) {
	acr := map[string]string{"NCC": "Nottinghamshire County Council", "CCG": "Clinical Commissioning Group"}
	p := newLeadParser(testOptions(), acr)
	tests := []struct {
		name        string
		in          string
		leads, orgs []string
	}{
		{"line breaks", "Jill Norman\nKatharine Browne\nTerry Hayes", []string{"Jill Norman", "Katharine Browne", "Terry Hayes"}, nil},
		{"bracketed role dropped", "Michelle Sherlock\nTerry Hayes (Designated Clinical Officer (DCO) team)", []string{"Michelle Sherlock", "Terry Hayes"}, nil},
		{"org in role", "Terry Hayes (Head of Children's Nursing, Bassetlaw Clinical Commissioning Group (CCG))", []string{"Terry Hayes"}, []string{"Bassetlaw Clinical Commissioning Group (CCG)"}},
		{"two orgs in role", "Kerrie Adams (Senior Public Health and Commissioning Manager, NCC Public Health and Bassetlaw CCG)", []string{"Kerrie Adams"}, []string{"NCC Public Health", "Bassetlaw CCG"}},
		{"one org with and", "Nicola Ryan, Deputy Chief Nurse, NHS Nottingham and Nottinghamshire Integrated Care Board (ICB).", []string{"Nicola Ryan"}, []string{"NHS Nottingham and Nottinghamshire Integrated Care Board (ICB)"}},
		{"prose leads", "Joint Leads: Peter McConnochie, Service Director – Education, Learning and Inclusion, Nottinghamshire County Council (NCC) and Laurence Jones, Service Director, Commissioning and Resources, NCC",
			[]string{"Peter McConnochie", "Laurence Jones"}, []string{"Nottinghamshire County Council (NCC)"}},
		{"job titles split at slash", "Assistant Director Safeguarding /\nHead Of Service", []string{"Assistant Director Safeguarding", "Head Of Service"}, nil},
		{"job title keeps bracket and drops full stop", "Head of Service (SEND).", []string{"Head of Service (SEND)"}, nil},
		{"placeholder", "Special School representative - to be confirmed.", []string{"Special School representative"}, nil},
		{"group of organisations", "Health service providers", nil, []string{"Health service providers"}},
		{"spacing variant kept", "Jac Rout- Lysandrou", []string{"Jac Rout- Lysandrou"}, nil},
		{"comma list of people", "Jane Starbuck, Simon Ray and Jude Burgess", []string{"Jane Starbuck", "Simon Ray", "Jude Burgess"}, nil},
		{"reflowed names", "Jill Norman Katharine Browne Terry Hayes", []string{"Jill Norman", "Katharine Browne", "Terry Hayes"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leads, orgs := p.Parse(tt.in)
			if !slices.Equal(leads, tt.leads) || !slices.Equal(orgs, tt.orgs) {
				t.Errorf("Parse(%q) = %q, %q; want %q, %q", tt.in, leads, orgs, tt.leads, tt.orgs)
			}
		})
	}
}

func TestParseOrgs(t *testing.T) {
	acr := map[string]string{"NCC": "Nottinghamshire County Council", "CCG": "Clinical Commissioning Group"}
	p := newLeadParser(testOptions(), acr)
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"one a line", "All statutory partners\nParents & carers\nYoung people", []string{"All statutory partners", "Parents & carers", "Young people"}},
		{"commas stay", "Parents, carers and young people", []string{"Parents, carers and young people"}},
		{"acronym repeat dropped", "Nottinghamshire County Council (NCC)\nNCC", []string{"Nottinghamshire County Council (NCC)"}},
		{"initials repeat dropped", "Nottingham and Nottinghamshire CCG\nNNCCG CCG", []string{"Nottingham and Nottinghamshire CCG"}},
		{"reflowed", "All statutory partners Parents & carers Young people", []string{"All statutory partners", "Parents & carers", "Young people"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.ParseOrgs(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("ParseOrgs(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
