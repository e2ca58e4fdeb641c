package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/internal/testduck"
)

// readmeQueries are the ```sql blocks of the README's "Questions in SQL"
// section, by the question in their first line.
func readmeQueries(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "### Questions in SQL")
	if !ok {
		t.Fatal("README has no Questions in SQL section")
	}
	if i := strings.Index(section, "\n#"); i >= 0 {
		section = section[:i]
	}
	out := map[string]string{}
	for _, block := range strings.Split(section, "```sql\n")[1:] {
		query, _, _ := strings.Cut(block, "```")
		first, _, _ := strings.Cut(query, "\n")
		out[strings.TrimSpace(strings.TrimPrefix(first, "--"))] = query
	}
	return out
}

// rowsOf runs query and returns its rows as column → text.
func rowsOf(t *testing.T, db *sql.DB, query string) []map[string]string {
	t.Helper()
	cols, rows := testduck.Query(t, db, query)
	var out []map[string]string
	for _, vals := range rows {
		row := map[string]string{}
		for i, c := range cols {
			if vals[i] != nil {
				row[c] = fmt.Sprint(vals[i])
			}
		}
		out = append(out, row)
	}
	return out
}

func count(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	return n
}

// TestQuestionsInSQL runs the README's first command and answers the
// mission's questions with the README's own SQL over what it wrote: which
// actions address a finding, who leads them, which are overdue, where two
// plans disagree, which findings nothing answers. It also holds the
// version 2 contract to what BI tools rely on: DuckDB reads every table,
// item_people joins every lead who is a person to people, and every item
// with a status has a status_category.
func TestQuestionsInSQL(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"run", samples, "--out", out, "--quiet"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	db := duck(t)
	path := func(table string) string { return "'" + filepath.ToSlash(filepath.Join(out, table)) + ".parquet'" }

	t.Run("DuckDB reads every table with the contract's columns", func(t *testing.T) {
		for _, tb := range emit.Schema {
			var want []string
			for _, c := range tb.Columns {
				want = append(want, c.Name)
			}
			var got []string
			for _, r := range rowsOf(t, db, "DESCRIBE SELECT * FROM "+path(tb.Name)) {
				got = append(got, r["column_name"])
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: columns %q, want %q", tb.Name, got, want)
			}
		}
		if n := count(t, db, "SELECT count(*) FROM "+path("item_people")); n == 0 {
			t.Error("item_people is empty")
		}
	})

	t.Run("item_people joins every person lead to people", func(t *testing.T) {
		dangling := count(t, db, `SELECT count(*) FROM `+path("item_people")+` ip
			LEFT JOIN `+path("people")+` p USING (person_id) WHERE p.person_id IS NULL`)
		missing := count(t, db, `WITH leads AS (SELECT i.item_id, l.lead FROM `+path("items")+` i, unnest(i.leads) AS l(lead)),
			spellings AS (SELECT person_id, name AS spelling FROM `+path("people")+`
				UNION ALL SELECT person_id, unnest(variants) FROM `+path("people")+`)
			SELECT count(*) FROM leads JOIN spellings s ON s.spelling = leads.lead
			LEFT JOIN `+path("item_people")+` ip ON ip.item_id = leads.item_id AND ip.person_id = s.person_id
			WHERE ip.item_id IS NULL`)
		if dangling != 0 || missing != 0 {
			t.Errorf("%d item_people rows name no person; %d person leads have no item_people row", dangling, missing)
		}
	})

	t.Run("statuses, overdue and bridges agree with items", func(t *testing.T) {
		for what, query := range map[string]string{
			"items with a status but no status_category":     `SELECT count(*) FROM ` + path("items") + ` WHERE status IS NOT NULL AND status_category IS NULL`,
			"items whose is_overdue and flag disagree":       `SELECT count(*) FROM ` + path("items") + ` WHERE is_overdue <> list_contains(flags, 'overdue')`,
			"complete items overdue":                         `SELECT count(*) FROM ` + path("items") + ` WHERE is_overdue AND status_category = 'complete'`,
			"item_refs rows missing or extra":                `SELECT abs((SELECT count(*) FROM ` + path("item_refs") + `) - (SELECT coalesce(sum(len(refs)), 0) FROM ` + path("items") + `))`,
			"item_orgs rows missing or extra":                `SELECT abs((SELECT count(*) FROM ` + path("item_orgs") + `) - (SELECT coalesce(sum(len(lead_orgs)), 0) FROM ` + path("items") + `))`,
			"items whose local_area is not their document's": `SELECT count(*) FROM ` + path("items") + ` i JOIN ` + path("documents") + ` d USING (doc_id) WHERE i.local_area IS DISTINCT FROM d.local_area`,
		} {
			if n := count(t, db, query); n != 0 {
				t.Errorf("%d %s", n, what)
			}
		}
	})

	queries := readmeQueries(t)
	run := func(t *testing.T, question string) []map[string]string {
		t.Helper()
		q, ok := queries[question]
		if !ok {
			t.Fatalf("README has no query %q (it has %q)", question, slices.Sorted(maps.Keys(queries)))
		}
		rows := rowsOf(t, db, strings.ReplaceAll(q, "'out/", "'"+filepath.ToSlash(out)+"/"))
		if len(rows) == 0 {
			t.Errorf("%s: no rows", question)
		}
		return rows
	}

	t.Run("which actions address a finding", func(t *testing.T) {
		got := map[string]bool{}
		for _, r := range run(t, "Which actions address finding AFI2?") {
			got[r["action"]] = true
		}
		// The same answer read the other way, from coverage.
		want := map[string]bool{}
		for _, r := range rowsOf(t, db, `SELECT DISTINCT a.key FROM `+path("coverage")+` c, unnest(c.action_ids) AS x(id)
			JOIN `+path("items")+` a ON a.item_id = x.id WHERE c.key = 'AFI2'`) {
			want[r["key"]] = true
		}
		if len(got) == 0 || !maps.Equal(got, want) {
			t.Errorf("actions addressing AFI2: %v; coverage says %v", got, want)
		}
	})

	t.Run("who leads them", func(t *testing.T) {
		people := map[string]bool{}
		for _, r := range rowsOf(t, db, `SELECT name FROM `+path("people")) {
			people[r["name"]] = true
		}
		for _, r := range run(t, "Who leads them, and for which organisations?") {
			if !people[r["lead"]] {
				t.Errorf("lead %q of %s is not in people", r["lead"], r["action"])
			}
		}
	})

	t.Run("which are overdue, as of when", func(t *testing.T) {
		for _, r := range run(t, "Which actions are overdue, as of when? (DISTINCT folds the HTML and PDF copies of a document)") {
			if r["due_date"] >= r["as_of"] {
				t.Errorf("%s due %s is not before its as-of date %s", r["key"], r["due_date"], r["as_of"])
			}
			if r["status_category"] == "complete" {
				t.Errorf("%s is complete but listed overdue", r["key"])
			}
		}
	})

	t.Run("where two plans disagree", func(t *testing.T) {
		for _, r := range run(t, "Where do two plans disagree?") {
			if r["src_value"] == r["dst_value"] {
				t.Errorf("conflict on %s between %s and %s with one value %q", r["field"], r["src_key"], r["dst_key"], r["src_value"])
			}
		}
	})

	t.Run("which findings nothing answers", func(t *testing.T) {
		rows := run(t, "Which findings does nothing answer?")
		if rows[0]["status"] != "gap" || rows[0]["actions"] != "0" {
			t.Errorf("first row %v, want a gap with no actions (the samples leave one finding unanswered)", rows[0])
		}
		covered := 0
		for _, r := range rows {
			if r["status"] == "covered" {
				covered++
			}
		}
		if covered == 0 {
			t.Error("no finding is covered")
		}
	})

	t.Run("actions per status category", func(t *testing.T) {
		for _, r := range run(t, "Actions per status category, whatever words, letters or colours each plan used") {
			if c, ok := r["status_category"]; ok && !slices.Contains([]string{"not_started", "on_track", "at_risk", "off_track", "complete"}, c) {
				t.Errorf("status_category %q", c)
			}
		}
	})
}
