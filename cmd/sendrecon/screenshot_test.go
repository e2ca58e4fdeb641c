package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var docsShots = flag.Bool("docs", false, "write the README's screenshots (docs/review.png, docs/chart.png) from the samples' review page")

// TestBrowserSampleScreenshots runs the README's first command on the
// bundled samples, opens the review page as a file and photographs it and
// its charts: the README shows these. With -docs they replace
// docs/review.png and docs/chart.png; otherwise they go to the artefacts.
func TestBrowserSampleScreenshots(t *testing.T) {
	if _, ok := chromium(); !ok {
		t.Skip("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped")
	}
	// Run from a scratch folder with --out out, as the README does, so the
	// page's hint reads as it will for a reader.
	src, err := filepath.Abs(samples)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Abs(filepath.Join("..", "..", "docs"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	out := "out"
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"run", src, "--out", out, "--quiet"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "review page: "+filepath.Join(out, "review.html")) {
		t.Errorf("the run does not say where its review page is:\n%s", stderr.String())
	}
	dir := artefacts(t, filepath.Join(out, "artefacts"))
	if *docsShots {
		dir = docs
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b := browser(t, ctx)
	page, err := filepath.Abs(filepath.Join(out, "review.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b,
		chromedp.EmulateViewport(1200, 900),
		chromedp.Navigate("file://"+page),
		chromedp.WaitVisible(chromedp.CSS(`section.area .charts`)),
	); err != nil {
		t.Fatal(err)
	}
	whole, err := chromedp.Run(b, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	charts, err := chromedp.Run(b, chromedp.Screenshot(chromedp.CSS(`section.area .charts`)))
	if err != nil {
		t.Fatal(err)
	}
	for name, shot := range map[string][]byte{"review.png": whole, "chart.png": charts} {
		if !bytes.HasPrefix(shot, []byte("\x89PNG\r\n\x1a\n")) {
			t.Fatalf("%s is not a PNG", name)
		}
		// Small enough to keep in the repository.
		if len(shot) > 300<<10 {
			t.Errorf("%s is %d KB, want at most 300", name, len(shot)>>10)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s", p)
	}
}
