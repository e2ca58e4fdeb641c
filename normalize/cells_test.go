package normalize

import (
	"slices"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func testBuilder() *builder {
	o := testOptions()
	o.StatusWords = []string{"red", "amber", "green", "blue", "complete", "on track", "delayed", "not started"}
	o.StatusColours = []string{"red", "amber", "green", "blue"}
	return &builder{opts: o, refs: newRefParser(o), leads: newLeadParser(o, nil), cols: newColumnMatcher(o.Columns)}
}

func TestItemCode(t *testing.T) {
	b := testBuilder()
	tests := []struct{ in, code, finding string }{
		{"1.2", "1.2", ""},
		{"2.4a", "2.4a", ""},
		{"1,7", "1.7", ""},
		{"PA1.3", "PA1.3", "PA1"},
		{"AFI 2.1", "AFI2.1", "AFI2"},
		{"PA2.4b", "PA2.4b", "PA2"},
		{"Area for improvement 3.2", "AFI3.2", "AFI3"},
	}
	for _, tt := range tests {
		code, finding, ok := b.itemCode(tt.in)
		if !ok || code != tt.code || finding != tt.finding {
			t.Errorf("itemCode(%q) = %q, %q, %v; want %q, %q", tt.in, code, finding, ok, tt.code, tt.finding)
		}
	}
	for _, bad := range []string{"", "–", "Q3 2019/20", "Action 1", "XY1.2", "1.2 Develop the plan"} {
		if code, _, ok := b.itemCode(bad); ok {
			t.Errorf("itemCode(%q) = %q; want no code", bad, code)
		}
	}
}

func TestItemRefs(t *testing.T) {
	b := testBuilder()
	tests := []struct {
		in   string
		want []string
	}{
		{"2.3 & 2.8", []string{"2.3", "2.8"}},
		{"3.6b / 3.8", []string{"3.6b", "3.8"}},
		{"1,7", []string{"1.7"}},
		{"1.1, 1.2", []string{"1.1", "1.2"}},
		{"3.9 Ensure that transitions are managed", nil},
	}
	for _, tt := range tests {
		if got := b.itemRefs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("itemRefs(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestStatusWord(t *testing.T) {
	b := testBuilder()
	for _, s := range []string{"Blue", "G", "A/G", "On track", "not started", "R"} {
		if !b.statusWord(s) {
			t.Errorf("statusWord(%q) = false", s)
		}
	}
	for _, s := range []string{"", "X", "Lived experience page added", "Dec-24", "Green light for funding"} {
		if b.statusWord(s) {
			t.Errorf("statusWord(%q) = true", s)
		}
	}
}

func FuzzItemCode(f *testing.F) {
	for _, s := range []string{"1.2", "2.4a", "1,7", "PA1.3", "AFI 2.1", "2.3 & 2.8", "3.6b / 3.8", "–", "(", "PA", "AF15.1"} {
		f.Add(s)
	}
	b := testBuilder()
	f.Fuzz(func(t *testing.T, s string) {
		if code, finding, ok := b.itemCode(s); ok {
			if code == "" || finding != "" && !strings.HasPrefix(code, finding) {
				t.Fatalf("itemCode(%q) = %q, %q", s, code, finding)
			}
		}
		for _, r := range b.itemRefs(s) {
			if r == "" {
				t.Fatalf("itemRefs(%q) has an empty code", s)
			}
		}
	})
}

// A reader that joined an action cell's lines leaves its "Lead:" and
// "Due:" labels inside one line: they are still read as those fields.
func TestLabelledLinesJoined(t *testing.T) {
	b := testBuilder()
	b.opts.Columns = map[string][]string{RoleText: {"action"}, RoleLead: {"lead"}, RoleDue: {"due"}}
	b.cols = newColumnMatcher(b.opts.Columns)
	rw := &row{fields: map[string]*field{RoleText: {lines: []layout.Line{{Text: "Report regularly to elected members. Lead: Gareth Rowntree / Karen Lister Due: Ongoing"}}}}, own: map[string]bool{RoleText: true}}
	b.labelledLines(rw)
	if got := rw.fields[RoleText].text(); got != "Report regularly to elected members." {
		t.Errorf("text %q", got)
	}
	if got := rw.fields[RoleLead].text(); got != "Gareth Rowntree / Karen Lister" {
		t.Errorf("lead %q", got)
	}
	if got := rw.fields[RoleDue].text(); got != "Ongoing" {
		t.Errorf("due %q", got)
	}
}
