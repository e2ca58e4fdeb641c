package batch

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Shard is one of n stable subsets of a batch's inputs: an input belongs to
// shard hash(path) mod n, so every machine given the same paths agrees
// without talking to the others. The zero Shard is the whole batch.
type Shard struct {
	i, n int
}

// ParseShard reads "i/n", 0 <= i < n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("--shard %q: want i/n with 0 <= i < n, such as 0/4", s)
	}
	return Shard{i: i, n: n}, nil
}

func (s Shard) on() bool { return s.n > 0 }

// part names this shard's file in each table's folder.
func (s Shard) part() string {
	if !s.on() {
		return ""
	}
	return fmt.Sprintf("part-%d", s.i)
}

// pick keeps the inputs of this shard, in their order.
func (s Shard) pick(inputs []Input) []Input {
	if !s.on() || s.n == 1 {
		return inputs
	}
	var out []Input
	for _, in := range inputs {
		if shardOf(in.Path, s.n) == s.i {
			out = append(out, in)
		}
	}
	return out
}

func shardOf(path string, n int) int {
	sum := sha256.Sum256([]byte(filepath.ToSlash(filepath.Clean(path))))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(n))
}

// tables are the tables a shard writes: those made one document at a time.
// The batch-wide ones are `sendrecon merge`'s.
func (s Shard) tables() []string {
	if !s.on() {
		return nil
	}
	return []string{"documents", "items", "cells", "item_orgs", "item_refs", "changes"}
}

// On reports whether the shard is set: a part of a batch, not all of it.
func (s Shard) On() bool { return s.on() }

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.i, s.n) }
