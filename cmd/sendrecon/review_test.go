package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewDecisionsSurviveRuns is the reviewer's round trip: run, accept
// one link and reject another, run again, and find both decisions in links;
// then an orphaned decision is reported and a damaged decisions file stops
// the run with the line named and nothing in it lost.
func TestReviewDecisionsSurviveRuns(t *testing.T) {
	dir := t.TempDir()
	decisions := filepath.Join(dir, "decisions.jsonl")
	cfg := filepath.Join(dir, "westshire.yaml")
	writeFile(t, cfg, "normalize:\n  local_areas:\n    - {name: Westshire}\nreconcile:\n  decisions: "+decisions+"\n")
	out := filepath.Join(dir, "out")
	run := func() string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := Run(context.Background(), []string{"run", "--config", cfg, "--quiet", "--out", out, "testdata/area"}, &stdout, &stderr); err != nil {
			t.Fatalf("run: %v\n%s", err, stderr.String())
		}
		return stderr.String()
	}
	run()
	links := linkTable(t, out)
	accept := links.find(t, "1.3", "addresses", "AFI2")
	reject := links.find(t, "1.2", "addresses", "AFI1")
	if accept.review != "proposed" || reject.review != "proposed" {
		t.Fatalf("first run: reviews %q and %q, want proposed", accept.review, reject.review)
	}
	review(t, cfg, "accept", accept.id, "--out", out, "--note", "checked", "--by", "tester")
	review(t, cfg, "reject", reject.id, "--out", out, "--by", "tester")

	run()
	links = linkTable(t, out)
	if got := links.find(t, "1.3", "addresses", "AFI2").review; got != "accepted" {
		t.Errorf("accepted link is %q after a second run", got)
	}
	if got := links.find(t, "1.2", "addresses", "AFI1").review; got != "rejected" {
		t.Errorf("rejected link is %q after a second run", got)
	}
	if got := links.find(t, "1.1", "addresses", "AFI1").review; got != "proposed" {
		t.Errorf("an unreviewed link is %q", got)
	}

	// A reviewer's own link to an item that no longer exists: orphaned.
	review(t, cfg, "add", "i_gone", links.find(t, "1.1", "addresses", "AFI1").dst, "--relation", "addresses", "--by", "tester")
	if msg := run(); !strings.Contains(msg, "orphaned decision") || !strings.Contains(msg, "i_gone") {
		t.Errorf("orphan not reported:\n%s", msg)
	}

	// A damaged line: the run stops, names the line, and keeps the file.
	before, err := os.ReadFile(decisions)
	if err != nil {
		t.Fatal(err)
	}
	damaged := append(before, []byte("{not json\n")...)
	writeFile(t, decisions, string(damaged))
	var stdout, stderr bytes.Buffer
	err = Run(context.Background(), []string{"run", "--config", cfg, "--quiet", "--out", out, "testdata/area"}, &stdout, &stderr)
	if err == nil || exitCode(err) != exitFatal || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("run with a damaged decisions file: %v, want exit 2 naming line 4", err)
	}
	after, _ := os.ReadFile(decisions)
	if !bytes.Equal(after, damaged) {
		t.Error("the decisions file changed")
	}
}

func review(t *testing.T, cfg string, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), append([]string{"review", "--config", cfg}, args...), &stdout, &stderr); err != nil {
		t.Fatalf("review %v: %v\n%s", args, err, stderr.String())
	}
}

type linkRow struct{ id, src, dst, relation, review string }

type links []linkRow

// linkTable reads links with the keys of their ends, through DuckDB.
func linkTable(t *testing.T, out string) links {
	t.Helper()
	rows, err := duck(t).Query(`
		SELECT l.link_id, s.key, d.key, l.relation, l.review, l.dst_item_id
		FROM read_parquet(?) l
		JOIN read_parquet(?) s ON s.item_id = l.src_item_id
		JOIN read_parquet(?) d ON d.item_id = l.dst_item_id`,
		filepath.Join(out, "links.parquet"), filepath.Join(out, "items.parquet"), filepath.Join(out, "items.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ls links
	for rows.Next() {
		var r linkRow
		var dstID string
		if err := rows.Scan(&r.id, &r.src, &r.dst, &r.relation, &r.review, &dstID); err != nil {
			t.Fatal(err)
		}
		if r.dst == "AFI1" {
			r.id += "|" + dstID
		}
		ls = append(ls, r)
	}
	return ls
}

func (ls links) find(t *testing.T, src, rel, dst string) linkRow {
	t.Helper()
	for _, l := range ls {
		if l.src == src && l.relation == rel && l.dst == dst {
			id, dstID, _ := strings.Cut(l.id, "|")
			l.id = id
			if dstID != "" {
				l.dst = dstID
			}
			return l
		}
	}
	t.Fatalf("no link %s -%s-> %s in %v", src, rel, dst, ls)
	return linkRow{}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
