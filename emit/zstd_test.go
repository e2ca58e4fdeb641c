package emit

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestKeptZstdMatchesParquetGo: the kept encoders write the bytes
// parquet-go's own codec writes, and they round-trip, also when several
// goroutines encode at once and encoders are reused.
func TestKeptZstdMatchesParquetGo(t *testing.T) {
	var pages [][]byte
	for i := range 20 {
		var b bytes.Buffer
		for j := range 200 * (i + 1) {
			fmt.Fprintf(&b, "action %d.%d: review the local offer with partners %d\n", i, j, j%7)
		}
		pages = append(pages, b.Bytes())
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				for i, src := range pages {
					got, err := zstdCodec.Encode(nil, src)
					if err != nil {
						t.Error(err)
						return
					}
					want, _ := parquet.Zstd.Encode(nil, src)
					if !bytes.Equal(got, want) {
						t.Errorf("goroutine %d round %d page %d: %d bytes, parquet-go writes %d", g, round, i, len(got), len(want))
					}
					back, err := zstdCodec.Decode(nil, got)
					if err != nil || !bytes.Equal(back, src) {
						t.Errorf("page %d does not round-trip: %v", i, err)
					}
				}
			}
		}()
	}
	wg.Wait()
	if n := len(zstdCodec.idle); n == 0 || n > 4 {
		t.Errorf("%d idle encoders after 4 goroutines: want 1 to 4", n)
	}
}
