package emit

import (
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// keptZstd is parquet-go's zstd codec with its encoders kept for the life
// of the process. parquet-go pools them in a sync.Pool, which every garbage
// collection empties, and a new encoder allocates and clears its history
// window: in a run of a few hundred documents that was a sixth of the
// parent's CPU and 48 MB of allocation per run of the corpus. The encoder
// options are parquet-go's own, so the files are byte for byte the same.
type keptZstd struct {
	mu   sync.Mutex
	idle []*zstd.Encoder
}

var zstdCodec = &keptZstd{}

func (c *keptZstd) String() string                            { return parquet.Zstd.String() }
func (c *keptZstd) CompressionCodec() format.CompressionCodec { return format.Zstd }

// Decode is parquet-go's: reading is not on the hot path.
func (c *keptZstd) Decode(dst, src []byte) ([]byte, error) { return parquet.Zstd.Decode(dst, src) }

func (c *keptZstd) Encode(dst, src []byte) ([]byte, error) {
	e, err := c.get()
	if err != nil {
		return nil, err
	}
	defer c.put(e)
	return e.EncodeAll(src, dst[:0]), nil
}

func (c *keptZstd) get() (*zstd.Encoder, error) {
	c.mu.Lock()
	if n := len(c.idle); n > 0 {
		e := c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.mu.Unlock()
		return e, nil
	}
	c.mu.Unlock()
	return zstd.NewWriter(nil,
		zstd.WithEncoderConcurrency(1),
		zstd.WithEncoderLevel(zstd.SpeedDefault),
		zstd.WithZeroFrames(true),
		zstd.WithEncoderCRC(false),
	)
}

// put keeps e for the next page. The encoders idle at once are bounded by
// the goroutines that encoded at once (a run's workers), so the list stays
// short.
func (c *keptZstd) put(e *zstd.Encoder) {
	c.mu.Lock()
	c.idle = append(c.idle, e)
	c.mu.Unlock()
}
