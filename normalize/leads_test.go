package normalize

import (
	"slices"
	"strings"
	"testing"
)

func TestParseLeads(t *testing.T) {
	acr := map[string]string{"NCC": "Nottinghamshire County Council", "CCG": "Clinical Commissioning Group",
		"HCC": "Hertfordshire County Council", "DCO": "Designated Clinical Officer", "HPCI": "Herts Parent Carer Involvement"}
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
	tests = append(tests, []struct {
		name        string
		in          string
		leads, orgs []string
	}{
		{"ampersand between people", "Kate Lumley & Helen Crossley", []string{"Kate Lumley", "Helen Crossley"}, nil},
		{"joiner at line end", "Gareth Rowntree &\nKaren Lister (Director of Commissioning, South Tees CCG)", []string{"Gareth Rowntree", "Karen Lister"}, []string{"South Tees CCG"}},
		{"and with a bracketed role", "Kate Lumley (Principal Educational Psychologist) and Helen Crossley", []string{"Kate Lumley", "Helen Crossley"}, nil},
		{"title with bracketed org acronym", "Head of Attendance and Inclusion (HCC)", []string{"Head of Attendance and Inclusion"}, []string{"HCC"}},
		{"title comma org", "Chief Nurse, South Tees CCG", []string{"Chief Nurse"}, []string{"South Tees CCG"}},
		{"comma inside a title", "Associate Director, Children's Commissioning (HWE ICB)", []string{"Associate Director, Children's Commissioning"}, []string{"HWE ICB"}},
		{"title and title", "Head of Information Governance (HCC) /\nData Protection Officer, HWE ICB", []string{"Head of Information Governance", "Data Protection Officer"}, []string{"HCC", "HWE ICB"}},
		{"title keeps its subject", "Head of SEN & Vulnerable Learners", []string{"Head of SEN & Vulnerable Learners"}, nil},
		{"title and words stay whole", "Director of Inclusion and Skills (HCC)", []string{"Director of Inclusion and Skills"}, []string{"HCC"}},
		{"org list", "South Tees CCG, TEWV and STHFT", nil, []string{"South Tees CCG", "TEWV", "STHFT"}},
		{"team", "Participation and Engagement Team", nil, []string{"Participation and Engagement Team"}},
		{"role and employer in brackets", "Lisa Moran (Chair, Parents4Change) and Joanne Hebden", []string{"Lisa Moran", "Joanne Hebden"}, []string{"Parents4Change"}},
		{"department with org acronym", "Claire Ashworth, Executive Director, Children's Services (HCC)", []string{"Claire Ashworth"}, []string{"HCC"}},
		{"post acronym", "Stephen Railton and DCO", []string{"Stephen Railton", "DCO"}, nil},
		{"bracketed post acronym dropped", "Rachael Whitfield (DCO)", []string{"Rachael Whitfield"}, nil},
		{"org acronym alone", "HPCI", nil, []string{"HPCI"}},
	}...)
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

func FuzzParseLeads(f *testing.F) {
	// Invented people and bodies, in the shapes lead cells take.
	for _, s := range []string{"Alex Doe & Sam Roe", "Jo Bloggs &\nKim Poe (Director, Northshire CCG)",
		"Head of Attendance and Inclusion (NCC)", "Associate Director, Children's Commissioning (NW ICB)", "Northshire CCG, NPFT and NHFT",
		"Lee Moe (Chair, Parents Forum) and Pat Loe", "(", ")", "& &", " and ", "A (B (C, D)) and E", "/\n/", ",\v."} {
		f.Add(s)
	}
	acr := map[string]string{"NCC": "Northshire County Council", "DCO": "Designated Clinical Officer"}
	p := newLeadParser(testOptions(), acr)
	f.Fuzz(func(t *testing.T, s string) {
		leads, orgs := p.Parse(s)
		for _, l := range append(append([]string{}, leads...), orgs...) {
			if strings.TrimSpace(l) == "" {
				t.Fatalf("Parse(%q) gave an empty entry: %q %q", s, leads, orgs)
			}
			if !strings.Contains(s, strings.Fields(l)[0]) {
				t.Fatalf("Parse(%q) gave %q, not in the cell", s, l)
			}
		}
	})
}
