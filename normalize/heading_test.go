package normalize

import (
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func TestHeadingLabels(t *testing.T) {
	opts := testOptions()
	opts.HeadingLabels = []string{"ambition", "next step"}
	b := newBuilder(&layout.Document{}, &Document{}, opts)
	for _, tc := range []struct{ in, code, rest string }{
		{"Ambition 2: Early help", "2", "Early help"},
		{"NEXT  STEP 3 - SEND Systems", "3", "SEND Systems"},
		{"1. Next Step - SEND Partnership", "1", "Next Step - SEND Partnership"},
		{"Workstream 4 - Transitions", "", "Workstream 4 - Transitions"},
	} {
		code, rest := b.headingCode(tc.in)
		if code != tc.code || rest != tc.rest {
			t.Errorf("headingCode(%q) = %q, %q; want %q, %q", tc.in, code, rest, tc.code, tc.rest)
		}
	}
	opts.HeadingLabels = append(opts.HeadingLabels, "workstream")
	if code, _ := newBuilder(&layout.Document{}, &Document{}, opts).headingCode("Workstream 4 - Transitions"); code != "4" {
		t.Errorf("a label added in configuration is not read: code %q", code)
	}
	opts.HeadingLabels = []string{" "}
	if errs := opts.Validate(); len(errs) == 0 {
		t.Error("an empty heading label passes Validate")
	}
}
