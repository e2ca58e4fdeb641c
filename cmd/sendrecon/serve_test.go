package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sendrecon/sendrecon/reconcile"
)

// reviewFixture runs the pipeline on the diff fixture's first version (a
// plan with findings and actions that name them) and returns its output
// folder, its link ids and the decisions file the run and the server use.
func reviewFixture(t *testing.T) (out string, links []string, decisions string) {
	t.Helper()
	dir := t.TempDir()
	out, decisions = filepath.Join(dir, "out"), filepath.Join(dir, "decisions.jsonl")
	t.Setenv("SENDRECON_RECONCILE_DECISIONS", decisions)
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"run", "--quiet", "--out", out, filepath.Join(diffFixture, "v1.html")}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	rows, err := readLinks(out)
	if err != nil {
		t.Fatal(err)
	}
	for id := range rows {
		links = append(links, id)
	}
	slices.Sort(links)
	if len(links) < 2 {
		t.Fatalf("the fixture gave %d links, want at least 2", len(links))
	}
	return out, links, decisions
}

func post(t *testing.T, url, origin, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/api/decisions", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeRequests(t *testing.T) {
	out, links, decisions := reviewFixture(t)
	srv := newReviewServer(out, decisions, "tester")
	ts := httptest.NewServer(srv.handler())
	defer ts.Close()
	accept := fmt.Sprintf(`{"link_id":%q,"action":"accept","note":"checked"}`, links[0])
	tests := []struct {
		name     string
		origin   string
		body     string
		wantCode int
		wantBody string
	}{
		{"another site's page", "http://evil.example", accept, http.StatusForbidden, `origin \"http://evil.example\" is not this page's`},
		{"no origin at all", "", accept, http.StatusForbidden, `origin \"\" is not this page's`},
		{"same host, another port", "http://127.0.0.1:1", accept, http.StatusForbidden, "is not this page's"},
		{"no such link", ts.URL, `{"link_id":"link-0000000000000000","action":"accept"}`, http.StatusNotFound,
			`no link \"link-0000000000000000\" in ` + filepath.Join(out, "links.parquet")},
		{"bad action", ts.URL, fmt.Sprintf(`{"link_id":%q,"action":"approve"}`, links[0]), http.StatusBadRequest, `action \"approve\": want accept or reject`},
		{"not JSON", ts.URL, `link_id=x`, http.StatusBadRequest, "decision: invalid character"},
		{"unknown field", ts.URL, fmt.Sprintf(`{"link_id":%q,"action":"accept","by":"someone else"}`, links[0]), http.StatusBadRequest, `unknown field \"by\"`},
		{"note too long", ts.URL, fmt.Sprintf(`{"link_id":%q,"action":"accept","note":%q}`, links[0], strings.Repeat("x", 2001)), http.StatusBadRequest, "note of 2001 bytes"},
		{"accepted from the page", ts.URL, accept, http.StatusOK, `"action":"accept","note":"checked","by":"tester"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, body := post(t, ts.URL, tc.origin, tc.body)
			if code != tc.wantCode || !strings.Contains(body, tc.wantBody) {
				t.Errorf("POST = %d %s\nwant %d containing %s", code, body, tc.wantCode, tc.wantBody)
			}
		})
	}
	ds, err := reconcile.ReadDecisions(decisions)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].LinkID != links[0] || ds[0].Action != "accept" || ds[0].Note != "checked" || ds[0].By != "tester" || ds[0].Src == "" {
		t.Errorf("decisions file holds %+v, want the one accepted decision", ds)
	}

	// The page and its state, and nothing for a name that merely resolves
	// here (DNS rebinding).
	for _, tc := range []struct {
		path, host string
		wantCode   int
		wantBody   string
	}{
		{"/", "", http.StatusOK, "<title>sendrecon review</title>"},
		{"/api/state", "", http.StatusOK, `"reviewer":"tester"`},
		{"/api/state", "evil.example", http.StatusForbidden, `host \"evil.example\" is not this review server`},
		{"/", "localhost:8417", http.StatusOK, `data-act="accept"`},
		{"/nothing", "", http.StatusNotFound, ""},
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
		if tc.host != "" {
			req.Host = tc.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.wantCode || !strings.Contains(string(b), tc.wantBody) {
			t.Errorf("GET %s (Host %q) = %d %.200s, want %d containing %s", tc.path, tc.host, resp.StatusCode, b, tc.wantCode, tc.wantBody)
		}
		if tc.path == "/" && resp.StatusCode == http.StatusOK && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("GET / has no frame-ancestors policy: %q", resp.Header.Get("Content-Security-Policy"))
		}
	}
}

// TestServeConcurrentDecisions posts many decisions at once; every one
// must be in the decisions file.
func TestServeConcurrentDecisions(t *testing.T) {
	out, links, decisions := reviewFixture(t)
	ts := httptest.NewServer(newReviewServer(out, decisions, "tester").handler())
	defer ts.Close()
	// Two servers on one file, as two reviewers' terminals would be.
	ts2 := httptest.NewServer(newReviewServer(out, decisions, "other").handler())
	defer ts2.Close()
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		wg.Go(func() {
			url := []string{ts.URL, ts2.URL}[i%2]
			action := []string{"accept", "reject"}[i%2]
			body := fmt.Sprintf(`{"link_id":%q,"action":%q,"note":"click %d"}`, links[i%len(links)], action, i)
			code, resp := post(t, url, url, body)
			if code != http.StatusOK {
				errs <- fmt.Sprintf("click %d: %d %s", i, code, resp)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	ds, err := reconcile.ReadDecisions(decisions)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]bool{}
	for _, d := range ds {
		notes[d.Note] = true
	}
	for i := range n {
		if !notes[fmt.Sprintf("click %d", i)] {
			t.Errorf("click %d is not in the decisions file", i)
		}
	}
	if len(ds) != n {
		t.Errorf("decisions file has %d decisions, want %d", len(ds), n)
	}
}

func TestServeStateShowsNewDecisions(t *testing.T) {
	out, links, decisions := reviewFixture(t)
	ts := httptest.NewServer(newReviewServer(out, decisions, "tester").handler())
	defer ts.Close()
	if code, body := post(t, ts.URL, ts.URL, fmt.Sprintf(`{"link_id":%q,"action":"reject"}`, links[1])); code != http.StatusOK {
		t.Fatalf("POST = %d %s", code, body)
	}
	resp, err := http.Get(ts.URL + "/api/state")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var state struct {
		Decisions map[string]decisionView `json:"decisions"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&state); err != nil {
		t.Fatal(err)
	}
	if d := state.Decisions[links[1]]; d.Action != "reject" || d.By != "tester" || len(state.Decisions) != 1 {
		t.Errorf("state = %+v, want the one rejection", state.Decisions)
	}
}
