package emit

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sendrecon/sendrecon/normalize"
)

// FuzzItemRoundTrip writes one item of arbitrary text and numbers and reads
// it back: a row the writer accepts must come back as converted, and
// nothing may panic.
func FuzzItemRoundTrip(f *testing.F) {
	f.Add("1.1", "Publish the offer", "Jo Bloggs", "2023", int64(19722), 4)
	f.Add("", "", "", "", int64(0), 0)
	f.Add("AFI2", "line\nbreak \x00 and ünïcode", "", "Q3 2024/25", int64(-1), -3)
	f.Fuzz(func(t *testing.T, key, text, lead, timescale string, due int64, page int) {
		it := normalize.Item{
			ID: "i", DocID: "d", Kind: normalize.KindAction, Key: key, Text: text,
			Leads: []string{lead}, Timescale: timescale, Page: page,
			Due: normalize.Date{Time: time.Unix(due%1e6*86400, 0).UTC(), Precision: normalize.PrecisionDay},
		}
		dir := t.TempDir()
		w, err := Create(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		addErr := w.AddItems([]normalize.Item{it})
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got, err := readRows[ItemRow](filepath.Join(dir, "items.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		if addErr != nil {
			if len(got) != 0 {
				t.Fatalf("rejected (%v) but written", addErr)
			}
			return
		}
		want, _ := itemRow(&it, nil)
		if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			t.Fatalf("\n got %s\nwant %s", asJSON(got), asJSON(want))
		}
	})
}

func readRows[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return parquet.Read[T](f, st.Size())
}
