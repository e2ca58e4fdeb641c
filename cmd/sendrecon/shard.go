package main

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// shard is one of n stable subsets of a batch's inputs: an input belongs to
// shard hash(path) mod n, so every machine given the same paths agrees
// without talking to the others. The zero shard is the whole batch.
type shard struct {
	i, n int
}

// parseShard reads "i/n", 0 <= i < n.
func parseShard(s string) (shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return shard{}, fmt.Errorf("--shard %q: want i/n with 0 <= i < n, such as 0/4", s)
	}
	return shard{i: i, n: n}, nil
}

func (s shard) on() bool { return s.n > 0 }

// part names this shard's file in each table's folder.
func (s shard) part() string {
	if !s.on() {
		return ""
	}
	return fmt.Sprintf("part-%d", s.i)
}

// pick keeps the inputs of this shard, in their order.
func (s shard) pick(inputs []input) []input {
	if !s.on() || s.n == 1 {
		return inputs
	}
	var out []input
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
func (s shard) tables() []string {
	if !s.on() {
		return nil
	}
	return []string{"documents", "items", "cells", "item_orgs", "item_refs", "changes"}
}
