package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/batch"
	"github.com/sendrecon/sendrecon/normalize"
)

// Every phase has its own count, and the phases after the last document
// (link, write) print as they finish, so a long one never looks like a
// hang at 100%.
func TestProgressPhases(t *testing.T) {
	var buf bytes.Buffer
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgress(&buf, "lines", func() time.Time { return now })
	var sink batch.PhaseSink = p
	sink.Start(2)
	for i := 1; i <= 2; i++ {
		sink.Phase(batch.PhaseExtract, i, 2)
		sink.Phase(batch.PhaseNormalize, i, 2)
		sink.Done(&normalize.Document{Status: normalize.StatusOK}, false)
	}
	sink.Phase(batch.PhaseNormalize, 1, 2) // a late worker never counts back
	sink.Phase(batch.PhaseLink, 0, 3)
	sink.Phase(batch.PhaseLink, 3, 3)
	sink.Phase(batch.PhaseWrite, 2, 2)
	out := buf.String()
	last := out[strings.LastIndex(strings.TrimSuffix(out, "\n"), "\n")+1:]
	for _, want := range []string{"extract 2/2", "normalize 2/2", "link 3/3 local areas", "write 2/2"} {
		if !strings.Contains(last, want) {
			t.Errorf("last line %q lacks %q\n%s", last, want, out)
		}
	}
	if !strings.Contains(out, "link 3/3 local areas\n") {
		t.Errorf("the link phase's end was not printed:\n%s", out)
	}
}
