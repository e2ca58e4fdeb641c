package normalize

import "testing"

func TestColumnRole(t *testing.T) {
	m := newColumnMatcher(testOptions().Columns)
	tests := []struct{ header, want string }{
		{"What do we need to do to achieve this priority?", RoleText},
		{"What do we want to achieve and what is needed to make this happen?", RoleObjective},
		{"What is needed to make this happen and what we will do to achieve our improvement ambition", RoleText},
		{"Named Lead", RoleLead},
		{"Lead Name", RoleLead},
		{"Strategic Lead", RoleLead},
		{"Lead organisations", RoleLeadOrg},
		{"Timescale", RoleTimescale},
		{"By when", RoleTimescale},
		{"Start Date", RoleStart},
		{"Due Date", RoleDue},
		{"Status (RAGP)", RoleStatus},
		{"SEF/DBV/ AFI (no)", RoleRefs},
		{"How will we know when this has been achieved?", RoleMeasures},
		{"Impact Measures", RoleMeasures},
		{"Intended outcomes and Impact", RoleOutcomes},
		{"Outcome", RoleOutcomes},
		{"Why is this a priority for the Local Area?", RoleRationale},
		{"Our priority", RolePriority},
		{"SEND Strategic Action Plan Priority", RoleItemRef},
		{"Key action(s) arising from Peer Challenge", RoleText},
		{"Progress to date", RoleProgress},
		{"Ref", RoleKey},
		{"Ref No.", RoleKey},
		{"Inspection finding", RoleRefs},
		{"Contents", ""},
	}
	for _, tt := range tests {
		if got := m.Role(tt.header); got != tt.want {
			t.Errorf("Role(%q) = %q; want %q", tt.header, got, tt.want)
		}
	}
}

func TestRoleIgnoresFootnoteMark(t *testing.T) {
	m := newColumnMatcher(map[string][]string{RoleDue: {"target date"}, RoleText: {"action"}})
	if got := m.Role("Target date1"); got != RoleDue {
		t.Errorf("Role(Target date1) = %q; want %q", got, RoleDue)
	}
	if got := dropFootnoteMark("q3"); got != "q3" {
		t.Errorf("dropFootnoteMark(q3) = %q", got)
	}
}
