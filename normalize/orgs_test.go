package normalize

import "testing"

func TestCanonicalOrg(t *testing.T) {
	known := []OrgAcronym{{"CCG", "Clinical Commissioning Group"}, {"DfE", "Department for Education"}}
	doc := map[string]string{"MBC": "Middlesbrough Borough Council"}
	for _, tc := range []struct{ in, want string }{
		{"South Tees CCG", "South Tees Clinical Commissioning Group"},
		{"South Tees Clinical Commissioning Group (CCG)", "South Tees Clinical Commissioning Group"},
		{"south tees clinical commissioning group", "South Tees Clinical Commissioning Group"},
		{"MBC", "Middlesbrough Borough Council"},
		{"Parents & Carers  Forum", "Parents and Carers Forum"},
		{"CCGs", "Clinical Commissioning Groups"},
		{"Department for Education", "Department for Education"},
		{"NHS England", "NHS England"},
	} {
		if got := CanonicalOrg(tc.in, doc, known); got != tc.want {
			t.Errorf("CanonicalOrg(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
