package normalize

import (
	"reflect"
	"testing"
)

func TestPeople(t *testing.T) {
	items := []Item{
		{DocID: "a", Leads: []string{"Jaq Rout-Lysandrou", "Jill Norman", "Assistant Director Learning and Skills"}},
		{DocID: "a", Leads: []string{"Jac Rout- Lysandrou", "Jill Norman"}},
		{DocID: "b", Leads: []string{"Jill Normann", "Louise Benson", "Louise Beaven", "J. Norman"}},
		{DocID: "b", Leads: []string{"Chris Jones", "Chris Jonas"}},
	}
	got := People(items, 1)
	for i := range got {
		got[i].ID = ""
	}
	want := []Person{
		{Name: "Chris Jonas", Variants: []string{"Chris Jones"}, DocIDs: []string{"b"}},
		{Name: "Jaq Rout-Lysandrou", Variants: []string{"Jac Rout- Lysandrou"}, DocIDs: []string{"a"}},
		{Name: "Jill Norman", Variants: []string{"J. Norman", "Jill Normann"}, DocIDs: []string{"a", "b"}},
		{Name: "Louise Beaven", DocIDs: []string{"b"}},
		{Name: "Louise Benson", DocIDs: []string{"b"}},
	}
	for i := range want {
		if want[i].Variants == nil {
			want[i].Variants = []string{}
		}
	}
	for i := range got {
		if got[i].Variants == nil {
			got[i].Variants = []string{}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("People =\n%+v\nwant\n%+v", got, want)
	}
}

func TestPersonIDStable(t *testing.T) {
	a := People([]Item{{DocID: "x", Leads: []string{"Jill Norman"}}}, 1)
	b := People([]Item{{DocID: "y", Leads: []string{"Jill Norman", "Colin Pettigrew"}}}, 1)
	if a[0].ID == "" || a[0].ID != b[1].ID {
		t.Errorf("person id not stable: %q vs %q", a[0].ID, b[1].ID)
	}
}
