package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/batch"
	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/reconcile"
	"github.com/sendrecon/sendrecon/report"
)

const defaultServeAddr = "127.0.0.1:8417"

func newServeCmd(g *globals, f *reviewFlags) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the review page with working accept, reject and note buttons",
		Long: `Serve the review page of a run (review.html in its output folder) on this
machine, with its accept, reject and note buttons turned on. Each click adds
a decision to the decisions file, exactly as 'sendrecon review accept' and
'reject' do (the file is locked, so clicks from several tabs, and the CLI at
the same time, all land). The next run re-applies them.

The server binds to 127.0.0.1 unless --addr says otherwise, answers only
requests addressed to this machine by name or loopback address, and refuses
(403) a POST that does not come from the page itself. Stop it with Ctrl-C.`,
		Example: `  sendrecon run docs/ --out out
  sendrecon review serve --out out
  sendrecon review serve --out out --addr 127.0.0.1:9000 --by "A Reviewer"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, out, err := reviewTarget(g, f)
			if err != nil {
				return err
			}
			srv := newReviewServer(out, batch.DecisionsFile(cfg), reviewer(f.by))
			return srv.listenAndServe(cmd.Context(), addr, g.stdout, g.stderr)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", defaultServeAddr, "`HOST:PORT` to listen on (port 0 picks a free one)")
	return cmd
}

// reviewServer serves one output folder's review page and records the
// decisions posted from it.
type reviewServer struct {
	out       string
	decisions string
	by        string
	now       func() time.Time
	// hosts are the Host header names the server answers to, besides
	// loopback addresses: a name that merely resolves here (DNS rebinding)
	// gets nothing.
	hosts map[string]bool

	mu       sync.Mutex // serialises decisions, and guards the cache below
	links    map[string]emit.LinkRow
	linksMod time.Time
}

func newReviewServer(out, decisions, by string) *reviewServer {
	return &reviewServer{out: out, decisions: decisions, by: by, now: time.Now, hosts: map[string]bool{"localhost": true}}
}

func (s *reviewServer) listenAndServe(ctx context.Context, addr string, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(s.out, report.File)); err != nil {
		return fmt.Errorf("review serve: %w (run sendrecon run first, or give --out)", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("review serve: %w", err)
	}
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "warning: listening on %s: anyone who can reach it can record decisions\n", ln.Addr())
	}
	s.hosts[host] = true
	hs := &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "review page: http://%s/ (decisions go to %s; Ctrl-C to stop)\n", ln.Addr(), s.decisions)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return hs.Shutdown(shut)
	}
}

func (s *reviewServer) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page)
	mux.HandleFunc("GET /"+report.File, s.page)
	mux.HandleFunc("GET /api/state", s.state)
	mux.HandleFunc("POST /api/decisions", s.decide)
	return s.guard(mux)
}

// guard answers only requests addressed to this machine, and only POSTs
// whose Origin is the page's own.
func (s *reviewServer) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(r.Host); err == nil {
			host = h
		}
		host = strings.Trim(host, "[]")
		if ip := net.ParseIP(host); !s.hosts[strings.ToLower(host)] && (ip == nil || !ip.IsLoopback()) {
			httpError(w, http.StatusForbidden, "host %q is not this review server", r.Host)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if origin := r.Header.Get("Origin"); origin != "http://"+r.Host {
				httpError(w, http.StatusForbidden, "origin %q is not this page's (http://%s)", origin, r.Host)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *reviewServer) page(w http.ResponseWriter, r *http.Request) {
	b, err := os.ReadFile(filepath.Join(s.out, report.File))
	if err != nil {
		httpError(w, http.StatusNotFound, "no review page in %s: run sendrecon run first", s.out)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.Write(b)
}

// decisionView is a decision as the page sees it.
type decisionView struct {
	LinkID string    `json:"link_id"`
	Action string    `json:"action"`
	Note   string    `json:"note,omitempty"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// state tells the page who reviews, where decisions go, and the decisions
// made since the page was written (the page already shows older ones).
func (s *reviewServer) state(w http.ResponseWriter, r *http.Request) {
	ds, err := reconcile.ReadDecisions(s.decisions)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	var since time.Time
	if info, err := os.Stat(filepath.Join(s.out, report.File)); err == nil {
		since = info.ModTime()
	}
	latest := map[string]decisionView{}
	for _, d := range ds {
		if d.At.After(since) && d.Action != reconcile.DecisionAdd {
			latest[d.LinkID] = decisionView{LinkID: d.LinkID, Action: d.Action, Note: d.Note, By: d.By, At: d.At}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"reviewer": s.by, "decisions_file": s.decisions, "decisions": latest,
	})
}

// maxDecisionBody bounds what one click may post; maxNote the note in it.
const (
	maxDecisionBody = 16 << 10
	maxNote         = 2000
)

func (s *reviewServer) decide(w http.ResponseWriter, r *http.Request) {
	var req struct {
		LinkID string `json:"link_id"`
		Action string `json:"action"`
		Note   string `json:"note"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxDecisionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		httpError(w, http.StatusBadRequest, "decision: %v", err)
		return
	}
	if req.Action != reconcile.DecisionAccept && req.Action != reconcile.DecisionReject {
		httpError(w, http.StatusBadRequest, "decision: action %q: want accept or reject", req.Action)
		return
	}
	if len(req.Note) > maxNote {
		httpError(w, http.StatusBadRequest, "decision: note of %d bytes: at most %d", len(req.Note), maxNote)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	links, err := s.readLinks()
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	l, ok := links[req.LinkID]
	if !ok {
		httpError(w, http.StatusNotFound, "decision: no link %q in %s", req.LinkID, filepath.Join(s.out, "links.parquet"))
		return
	}
	d := reconcile.Decision{
		LinkID: l.LinkID, Action: req.Action, Src: l.SrcItemID, Dst: l.DstItemID, Relation: l.Relation,
		Note: strings.TrimSpace(req.Note), By: s.by, At: s.now().UTC(),
	}
	if err := reconcile.AppendDecisions(s.decisions, d); err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, decisionView{LinkID: d.LinkID, Action: d.Action, Note: d.Note, By: d.By, At: d.At})
}

// readLinks reads links.parquet again only when it changed (a new run).
func (s *reviewServer) readLinks() (map[string]emit.LinkRow, error) {
	info, err := os.Stat(filepath.Join(s.out, "links.parquet"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no links.parquet in %s: run sendrecon run first", s.out)
	}
	if err != nil {
		return nil, err
	}
	if s.links == nil || !info.ModTime().Equal(s.linksMod) {
		links, err := readLinks(s.out)
		if err != nil {
			return nil, err
		}
		s.links, s.linksMod = links, info.ModTime()
	}
	return s.links, nil
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func httpError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, map[string]string{"error": fmt.Sprintf(format, args...)})
}
