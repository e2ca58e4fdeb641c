package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium to drive: $CHROMIUM_PATH, or the usual names
// on PATH.
func chromium() (string, bool) {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p, true
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// browser starts a headless Chromium with a fresh profile and nothing that
// reaches the network by itself.
func browser(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	path, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1400, 1000),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return bctx
}

// artefacts is where a test keeps what a person may want to look at
// afterwards: $ARTIFACTS_DIR, or beside the test's output. (Not a
// SENDRECON_* name: the configuration takes every one of those for a key,
// and refuses the ones it does not know.)
func artefacts(t *testing.T, fallback string) string {
	dir := os.Getenv("ARTIFACTS_DIR")
	if dir == "" {
		dir = fallback
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// syncBuffer is a bytes.Buffer safe for a server goroutine to write while
// the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serve runs `sendrecon review serve` until the test ends and returns the
// page's address.
func serve(t *testing.T, out string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"review", "serve", "--out", out, "--addr", "127.0.0.1:0", "--by", "browser-test"}, &stdout, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("review serve: %v\n%s", err, stderr.String())
		}
	})
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if u := addr.FindString(stdout.String()); u != "" {
			return u
		}
		select {
		case err := <-done:
			t.Fatalf("review serve stopped: %v\n%s", err, stderr.String())
		default:
		}
	}
	t.Fatalf("review serve printed no address:\n%s\n%s", stdout.String(), stderr.String())
	return ""
}

// TestBrowserReview opens the served review page in headless Chromium,
// accepts one link and rejects another (with a note) by clicking, runs the
// pipeline again and checks links.parquet holds both decisions.
func TestBrowserReview(t *testing.T) {
	if _, ok := chromium(); !ok {
		t.Skip("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped")
	}
	out, links, decisions := reviewFixture(t)
	keep := artefacts(t, filepath.Join(out, "artefacts"))
	url := serve(t, out)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	b := browser(t, ctx)

	accept, reject := links[0], links[1]
	in := func(id, sel string) chromedp.CSS { return chromedp.CSS(fmt.Sprintf(`tr[data-link=%q] %s`, id, sel)) }
	err := chromedp.Do(b,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(`#mode.served`)),
		chromedp.ScrollIntoView(in(accept, `button[data-act="accept"]`)),
		chromedp.Click(in(accept, `button[data-act="accept"]`)),
		chromedp.WaitVisible(in(accept, `.res.ok`)),
		chromedp.Click(in(reject, `button[data-act="note"]`)),
		chromedp.SendKeys(in(reject, `textarea.note`), "not the same commitment"),
		chromedp.Click(in(reject, `button[data-act="reject"]`)),
		chromedp.WaitVisible(in(reject, `.res.ok`)),
		chromedp.ScrollIntoView(in(accept, `.res`)),
	)
	if err != nil {
		t.Fatalf("reviewing in the browser: %v", err)
	}
	text := func(sel chromedp.CSS) string {
		s, err := chromedp.Run(b, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	banner, acceptRes, rejectRes := text(`#mode`), text(in(accept, `.res`)), text(in(reject, `.res`))
	shot, err := chromedp.Run(b, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(keep, "review-served.png")
	if err := os.WriteFile(png, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the served page: %s", png)
	if !strings.Contains(banner, "browser-test") || !strings.Contains(banner, decisions) {
		t.Errorf("banner %q names neither the reviewer nor the decisions file", banner)
	}
	if !strings.Contains(acceptRes, "accepted by browser-test") {
		t.Errorf("accept said %q", acceptRes)
	}
	if !strings.Contains(rejectRes, "rejected by browser-test (not the same commitment)") {
		t.Errorf("reject said %q", rejectRes)
	}

	// The next run applies both.
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"run", "--quiet", "--out", out, filepath.Join(diffFixture, "v1.html")}, &stdout, &stderr); err != nil {
		t.Fatalf("run again: %v\n%s", err, stderr.String())
	}
	rows, err := duck(t).Query(`SELECT link_id, review FROM read_parquet(?) WHERE link_id IN (?, ?) ORDER BY link_id`,
		filepath.Join(out, "links.parquet"), accept, reject)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var id, review string
		if err := rows.Scan(&id, &review); err != nil {
			t.Fatal(err)
		}
		got[id] = review
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if got[accept] != "accepted" || got[reject] != "rejected" {
		t.Errorf("links.parquet after the next run: %v, want %s accepted and %s rejected", got, accept, reject)
	}
}

// TestBrowserFilePage opens review.html as a file: the buttons are off and
// the page says how to turn them on; search and filters work without a
// server.
func TestBrowserFilePage(t *testing.T) {
	if _, ok := chromium(); !ok {
		t.Skip("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped")
	}
	out, _, _ := reviewFixture(t)
	keep := artefacts(t, filepath.Join(out, "artefacts"))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b := browser(t, ctx)
	page, err := filepath.Abs(filepath.Join(out, "review.html"))
	if err != nil {
		t.Fatal(err)
	}
	count := func(js string) int {
		n, err := chromedp.Run(b, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	if err := chromedp.Do(b, chromedp.Navigate("file://"+page), chromedp.WaitReady(chromedp.CSS(`#mode`))); err != nil {
		t.Fatalf("opening the file: %v", err)
	}
	banner, err := chromedp.Run(b, chromedp.Text(chromedp.CSS(`#mode`)))
	if err != nil {
		t.Fatal(err)
	}
	enabled := count(`document.querySelectorAll("button.act:not(:disabled)").length`)
	links := count(`document.querySelectorAll("tr[data-link]").length`)
	shot, err := chromedp.Run(b, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b, chromedp.SendKeys(chromedp.CSS(`#q`), "AFI3"), chromedp.Sleep(400*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	shown := count(`document.querySelectorAll("tr[data-link]:not(.hidden)").length`)
	clear := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(q => { q.value = ""; q.dispatchEvent(new Event("input")); return true })(document.getElementById("q"))`)(ctx, t)
		return err
	})
	if err := chromedp.Do(b, clear, chromedp.Sleep(400*time.Millisecond),
		chromedp.Click(chromedp.CSS(`.chips[data-group="coverage"] button[data-v="gap"]`))); err != nil {
		t.Fatal(err)
	}
	gaps := count(`document.querySelectorAll("tr[data-coverage]:not(.hidden)").length`)
	covered := count(`document.querySelectorAll("tr[data-coverage=covered]:not(.hidden)").length`)
	// Tables show a page of rows at a time: count the rows the filters
	// let through, on any page.
	all := count(`document.querySelectorAll("tr[data-link][data-match='1']").length`)
	png := filepath.Join(keep, "review-file.png")
	if err := os.WriteFile(png, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the page opened as a file: %s", png)
	if enabled != 0 {
		t.Errorf("%d review buttons enabled in a page opened as a file", enabled)
	}
	if !strings.Contains(banner, "sendrecon review serve --out "+out) {
		t.Errorf("banner %q does not say how to serve the page", banner)
	}
	if links == 0 || shown == 0 || shown >= links {
		t.Errorf("search for AFI3 shows %d of %d links, want some but not all", shown, links)
	}
	if covered != 0 {
		t.Errorf("the gap filter still shows %d covered findings (%d shown)", covered, gaps)
	}
	if all != links {
		t.Errorf("with the search cleared %d of %d links show", all, links)
	}
}
