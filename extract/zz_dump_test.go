package extract

import (
	"context"
	"os"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func TestZZDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	d, err := File(context.Background(), p, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Error(err)
	}
	layout.WriteText(os.Stdout, d)
}
