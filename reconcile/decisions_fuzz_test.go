package reconcile

import (
	"strings"
	"testing"
)

// FuzzDecisions: no decisions file makes the parser panic, and what it
// accepts passes its own check.
func FuzzDecisions(f *testing.F) {
	f.Add([]byte(`{"link_id":"` + LinkID("a", "b", RelAddresses) + `","action":"accept","src":"a","dst":"b","relation":"addresses","by":"me","at":"2024-01-02T03:04:05Z"}` + "\n# note\n"))
	f.Add([]byte("{\"link_id\":\"x\",\"action\":\"reject\"}\n{bad json\n"))
	f.Add([]byte(strings.Repeat("{", 1000)))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := parseDecisions("decisions.jsonl", b)
		if err != nil {
			if !strings.Contains(err.Error(), "decisions.jsonl") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		for _, d := range ds {
			if err := d.check(); err != nil {
				t.Errorf("accepted a decision its check refuses: %+v: %v", d, err)
			}
		}
	})
}
