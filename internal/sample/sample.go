// Package sample gives tests the documents bundled in testdata/samples, and
// noise to mix in with them, whatever the package the test is in.
package sample

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir is the folder of the bundled samples.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "samples")
}

// Read returns the bytes of one sample.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Copy writes one sample into dir and returns its path there.
func Copy(t testing.TB, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, Read(t, name), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Garbage is n bytes of deterministic binary noise.
func Garbage(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}
