package report

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// largeBatch is a batch the size of the visible corpus and more: areas
// local areas of five documents, each as an HTML page and four printings
// (one edition of five copies), with findings, actions and the links,
// coverage and conflicts reconcile proposes on the representatives.
func largeBatch(areas int) Data {
	var d Data
	for a := range areas {
		area := fmt.Sprintf("Area %02d", a)
		for doc := range 5 {
			title := fmt.Sprintf("%s document %d", area, doc)
			var copies []string
			for c, name := range []string{"source.html", "a.chromium.pdf", "a.libreoffice.pdf", "a.weasyprint.pdf", "a.wkhtmltopdf.pdf"} {
				id := fmt.Sprintf("d%02d-%d-%d", a, doc, c)
				copies = append(copies, id)
				d.Documents = append(d.Documents, normalize.Document{ID: id, Title: title, LocalArea: area, Status: "ok",
					SourcePath: fmt.Sprintf("corpus/%s/%d/%s", area, doc, name), Format: strings.TrimPrefix(filepath.Ext(name), ".")})
				for i := range 30 {
					kind := normalize.KindAction
					key := fmt.Sprintf("%d.%d", i/5+1, i%5+1)
					if doc == 0 && i < 8 {
						kind, key = normalize.KindFinding, fmt.Sprintf("AFI%d", i+1)
					}
					d.Items = append(d.Items, normalize.Item{ID: fmt.Sprintf("%s-%d", id, i), DocID: id, Kind: kind, Key: key,
						Text:  "Leaders should make sure the quality assurance of education, health and care plans improves across the partnership " + key,
						Leads: []string{"Head of SEND"}, Status: "On track"})
				}
			}
			d.Editions = append(d.Editions, reconcile.Edition{ID: "ed-" + copies[0], Representative: copies[0], Copies: copies, LocalArea: area, Title: title})
		}
		for doc := 1; doc < 5; doc++ {
			for i := range 30 {
				src := fmt.Sprintf("d%02d-%d-0-%d", a, doc, i)
				dst := fmt.Sprintf("d%02d-0-0-%d", a, i%8)
				id := reconcile.LinkID(src, dst, reconcile.RelAddresses)
				d.Links = append(d.Links, reconcile.Link{ID: id, Src: src, Dst: dst, Relation: reconcile.RelAddresses, Score: 0.7,
					Method: "explicit_ref+text", Evidence: "refs name AFI; 0.6 text similarity on 'quality assurance plans'", Review: reconcile.ReviewProposed})
				d.Conflicts = append(d.Conflicts, reconcile.Conflict{LinkID: id, SrcItemID: src, DstItemID: dst, Field: "status", SrcValue: "On track", DstValue: "Complete"})
			}
		}
		for i := range 8 {
			d.Coverage = append(d.Coverage, reconcile.Coverage{FindingID: fmt.Sprintf("d%02d-0-0-%d", a, i), DocID: fmt.Sprintf("d%02d-0-0", a),
				LocalArea: area, Key: fmt.Sprintf("AFI%d", i+1), Actions: 15, Status: reconcile.Covered})
		}
	}
	return d
}

// TestBrowserLargeBatch opens the page of a batch the size of the visible
// corpus (fifty files: ten editions of five copies, with ten times the
// corpus's links) in headless Chromium at 1366 px wide: it must stay under
// 3 MB, show each table a page at a time, and clip no button.
func TestBrowserLargeBatch(t *testing.T) {
	path, ok := chromiumPath()
	if !ok {
		t.Skip("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, File)
	if err := Write(file, largeBatch(2)); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 3<<20 {
		t.Errorf("page of 50 files is %d bytes, over 3 MB", st.Size())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1366, 900))
	defer cancelAlloc()
	bctx, cancelB := chromedp.NewContext(alloc)
	defer cancelB()
	type result struct {
		MaxRows  int      `json:"maxRows"`
		Pagers   int      `json:"pagers"`
		Clipped  []string `json:"clipped"`
		Height   int      `json:"height"`
		Overflow bool     `json:"overflow"`
		Next     int      `json:"next"`
	}
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+file), chromedp.WaitReady(chromedp.CSS(`main`))); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	res, err := chromedp.Run(bctx, chromedp.Evaluate[result](`(function () {
			var out = {maxRows: 0, pagers: 0, clipped: [], height: document.documentElement.scrollHeight,
				overflow: document.documentElement.scrollWidth > window.innerWidth};
			document.querySelectorAll("table.grid").forEach(function (t) {
				var n = Array.prototype.filter.call(t.querySelectorAll("tr.fr"), function (r) { return r.offsetParent !== null; }).length;
				out.maxRows = Math.max(out.maxRows, n);
			});
			document.querySelectorAll(".pager").forEach(function (p) { if (!p.hidden) { out.pagers++; } });
			document.querySelectorAll("button").forEach(function (b) {
				var r = b.getBoundingClientRect();
				if (b.offsetParent !== null && (r.right > window.innerWidth || r.left < 0)) { out.clipped.push(b.textContent.trim()); }
			});
			var next = document.querySelector(".pager:not([hidden]) .next");
			var table = next.closest(".pager").previousElementSibling;
			next.click();
			out.next = +table.dataset.page;
			return out;
		})()`))
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxRows > 25 || res.Pagers == 0 {
		t.Errorf("tables show up to %d rows at once with %d pagers; want 25 a page", res.MaxRows, res.Pagers)
	}
	if len(res.Clipped) > 0 || res.Overflow {
		t.Errorf("at 1366 px: clipped buttons %q, horizontal overflow %v", res.Clipped, res.Overflow)
	}
	if res.Next != 1 {
		t.Errorf("next turned the table to page %d, want 1", res.Next)
	}
	t.Logf("page %d bytes, %d px tall, %d pagers", st.Size(), res.Height, res.Pagers)
}

func chromiumPath() (string, bool) {
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
