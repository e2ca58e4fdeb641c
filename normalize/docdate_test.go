package normalize_test

import (
	"context"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/normalize"
)

// TestDocumentDate reads a document's own date from a cover table's label
// cell and, failing that, from a month in its title; a document stating
// none has none.
func TestDocumentDate(t *testing.T) {
	for _, tc := range []struct {
		path string
		want string // YYYY-MM-DD, "" for none
	}{
		{"/work/shared/corpus/middlesbrough-send-progress-2020/source.html", "2020-03-05"},
		{"/work/shared/corpus/middlesbrough-send-progress-2020/middlesbrough-send-progress-2020.libreoffice.pdf", "2020-03-05"},
		{"/work/shared/corpus/middlesbrough-wsoa-2019/source.html", "2019-04-01"},
		{"/work/shared/corpus/herts-send-strategy-2024/source.html", ""},
	} {
		doc, err := extract.File(context.Background(), tc.path, extract.DefaultOptions())
		if err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		res, err := normalize.Run(doc, normalize.Meta{DocID: "d", SourcePath: tc.path}, config.Default().Normalize)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if !res.Document.Date.IsZero() {
			got = res.Document.Date.Time.Format(time.DateOnly)
		}
		if got != tc.want {
			t.Errorf("%s: date %q, want %q", tc.path, got, tc.want)
		}
	}
}
