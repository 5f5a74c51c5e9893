package report

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/internal/browsertest"
)

// The end-to-end test of the HTML report in a real headless Chromium:
// Debian's chromium package, which .ci/run installs. It is skipped, with
// a message saying so, only when no browser is found.
//
//	go test ./report -run Browser -screenshots   # also rewrites docs/report*.png

var screenshots = flag.Bool("screenshots", false, "write the browser test's screenshots to docs/")

// browser is the shared headless Chromium (internal/browsertest) with
// the short method names this file uses.
type browser struct{ *browsertest.Browser }

func newBrowser(t *testing.T) *browser { return &browser{browsertest.New(t)} }

func (b *browser) call(t *testing.T, fn func(ctx context.Context) error) {
	t.Helper()
	b.Call(t, fn)
}

// open writes page to a file and loads it, with the viewport given.
func (b *browser) open(t *testing.T, page []byte, width, height int64, mobile bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: path}).String()
	b.viewport(t, width, height, mobile)
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("footer")))
	})
	return u
}

func (b *browser) viewport(t *testing.T, width, height int64, mobile bool) {
	t.Helper()
	b.Viewport(t, width, height, mobile)
}

func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	return browsertest.Eval[T](t, b.Browser, expr)
}

// checkQuiet fails when the tab asked for anything but the page itself,
// or saw a dialog, an exception, a console call or a logged error.
func (b *browser) checkQuiet(t *testing.T, pageURL string) {
	t.Helper()
	b.CheckQuiet(t, func(u string) bool { return u == pageURL })
}

// checkContrast shows the page in a colour scheme ("light" or "dark")
// and reports the text that stands out from its background by less
// than WCAG AA's 4.5:1.
func (b *browser) checkContrast(t *testing.T, scheme string) {
	t.Helper()
	b.call(t, func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
	if low := eval[[]string](t, b, lowContrastJS); len(low) > 0 {
		t.Errorf("%s colour scheme: text below 4.5:1 contrast:\n%s", scheme, strings.Join(low, "\n"))
	}
}

func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	if *screenshots {
		b.Screenshot(t, filepath.Join("docs", name))
	}
}

// exampleResult scans testdata/example, as `wirecopy scan` does. The
// test runs from the repository root, so that IDs read as in the README.
func exampleResult(t *testing.T) *cluster.Result {
	t.Helper()
	t.Chdir("..")
	var docs []corpus.Document
	err := corpus.Walk([]string{"testdata/example"}, nil, corpus.Options{}, func(d corpus.Document) error {
		docs = append(docs, d)
		return nil
	}, func(err error) { t.Errorf("reading the example: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	res, err := cluster.Find(docs, cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) < 10 {
		t.Fatalf("the example has %d clusters; want at least 10", len(res.Clusters))
	}
	return res
}

func TestHTMLBrowser(t *testing.T) {
	b := newBrowser(t)
	t.Run("example", func(t *testing.T) { browseExample(t, b) })
	t.Run("articles", func(t *testing.T) { browseArticles(t, b) })
	t.Run("hostile", func(t *testing.T) { browseHostile(t, b) })
	t.Run("capped", func(t *testing.T) { browseCapped(t, b) })
}

// browseCapped opens the cluster of a story carried by 250 outlets: it
// shows pageMembers members and, readable in both colour schemes, the
// note of the others; filtering by the source of a member not shown
// keeps the cluster.
func browseCapped(t *testing.T, b *browser) {
	var buf strings.Builder
	if err := Write(&buf, syndicated(250), Options{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	u := b.open(t, []byte(buf.String()), 1280, 900, false)
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#c1 summary")), chromedp.KeyEvent(kb.Enter))
	})
	if got := eval[int](t, b, `[...document.querySelectorAll("#c1 article.member")].filter(a => a.getClientRects().length > 0).length`); got != pageMembers {
		t.Errorf("the open cluster shows %d members, want %d", got, pageMembers)
	}
	note := eval[string](t, b, `[...document.querySelectorAll("#c1 details > p.help")].filter(p => p.getClientRects().length > 0).map(p => p.innerText).join("|")`)
	if want := "Showing 20 of 250 members; the other 230 are in the JSON, JSONL and CSV reports (--format json)."; note != want {
		t.Errorf("the open cluster's note reads %q, want %q", note, want)
	}
	for _, scheme := range []string{"light", "dark"} {
		b.checkContrast(t, scheme)
	}
	b.call(t, func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	})
	status := eval[string](t, b, `(() => {
		const form = document.getElementById("filters");
		form.elements.source.value = "s249";
		form.elements.source.dispatchEvent(new Event("change", {bubbles: true}));
		return document.querySelectorAll("li.cluster:not([hidden])").length + " " + document.getElementById("shown").textContent;
	})()`)
	if want := "1 Showing 1 of 1 clusters."; status != want {
		t.Errorf("filtering by s249, whose member is not shown: %q, want %q", status, want)
	}
	b.checkQuiet(t, u)
}

// browseExample loads the report of testdata/example, opens a cluster
// from the keyboard, reads its highlighted members side by side, uses
// the filters, and checks a phone's width and a browser without
// JavaScript.
func browseExample(t *testing.T, b *browser) {
	res := exampleResult(t)
	var buf strings.Builder
	if err := Write(&buf, res, Options{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	page := []byte(buf.String())
	u := b.open(t, page, 1280, 900, false)

	// The script ran (the CSP let it) and shows the filters.
	if eval[bool](t, b, `document.getElementById("filters").hidden`) {
		t.Fatal("the filters are hidden: the script did not run")
	}
	n := len(res.Clusters)
	if got, want := eval[string](t, b, `document.getElementById("shown").textContent`), fmt.Sprintf("Showing all %d clusters.", n); got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	b.screenshot(t, "report.png")

	// Open the first cluster from the keyboard: tab to its summary, Enter.
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#c1 summary")), chromedp.KeyEvent(kb.Enter))
	})
	if !eval[bool](t, b, `document.querySelector("#c1 details").open`) {
		t.Fatal("Enter on the summary did not open cluster 1")
	}
	// Its members stand side by side, the shared passages highlighted.
	c := res.Clusters[0]
	var want []string
	for _, m := range c.Members {
		text := res.Paragraphs[m.Paragraph].Text
		for _, s := range m.Spans {
			want = append(want, shown(text[s.Begin:s.End]))
		}
	}
	got := eval[[]string](t, b, `[...document.querySelectorAll("#c1 mark")].map(m => m.textContent)`)
	if !slices.Equal(got, want) {
		t.Errorf("marked passages\n%q, want\n%q", got, want)
	}
	visible := eval[int](t, b, `[...document.querySelectorAll("#c1 mark")].filter(m => m.getClientRects().length > 0 && getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)").length`)
	if visible != len(want) || visible == 0 {
		t.Errorf("%d of %d marks are visible and coloured", visible, len(want))
	}
	tops := eval[[]float64](t, b, `[...document.querySelectorAll("#c1 article")].slice(0, 2).map(a => a.getBoundingClientRect().top)`)
	if len(tops) != 2 || tops[0] != tops[1] {
		t.Errorf("the first two members are not side by side at 1280 pixels: tops %v", tops)
	}
	if badge := eval[bool](t, b, `document.querySelector("#c1 article.first .badge.origin") !== null`); badge != c.Origin {
		t.Errorf("origin badge shown: %v, cluster has an origin: %v", badge, c.Origin)
	}
	if *screenshots {
		// Show the cluster whose members differ most: the one with the
		// lowest coverage among those of three members or more.
		show, low := 1, 2.0
		for _, c := range res.Clusters {
			for _, m := range c.Members {
				if len(c.Members) >= 3 && m.Coverage < low {
					show, low = c.ID, m.Coverage
				}
			}
		}
		b.call(t, func(ctx context.Context) error {
			return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
				`document.querySelector("#c1 details").open = false; document.querySelector("#c%d details").open = true; document.getElementById("c%[1]d").scrollIntoView()`, show)))
		})
		b.screenshot(t, "report-cluster.png")
	}

	// Filters: by source, language and date, then cleared.
	source := res.Docs[res.Paragraphs[c.Members[len(c.Members)-1].Paragraph].Doc].Source
	lang, day := "", ""
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			if l := memberLang(res, m.Paragraph); lang == "" && l != "" {
				lang = l
			}
		}
	}
	for _, d := range res.Docs {
		if !d.Date.IsZero() && (day == "" || date(d.Date) > day) {
			day = date(d.Date)
		}
	}
	filters := []struct {
		field, value string
		keep         func(cluster.Cluster) bool
	}{
		{"source", source, func(c cluster.Cluster) bool {
			return slices.ContainsFunc(c.Members, func(m cluster.Member) bool { return res.Source(m.Paragraph) == source })
		}},
		{"lang", lang, func(c cluster.Cluster) bool {
			return slices.ContainsFunc(c.Members, func(m cluster.Member) bool { return memberLang(res, m.Paragraph) == lang })
		}},
		{"from", day, func(c cluster.Cluster) bool {
			return slices.ContainsFunc(c.Members, func(m cluster.Member) bool { return date(res.Docs[res.Paragraphs[m.Paragraph].Doc].Date) >= day })
		}},
	}
	for _, f := range filters {
		want := 0
		for _, c := range res.Clusters {
			if f.keep(c) {
				want++
			}
		}
		value, _ := json.Marshal(f.value)
		shown := eval[int](t, b, fmt.Sprintf(`(() => {
			const form = document.getElementById("filters");
			form.reset();
			form.elements[%q].value = %s;
			form.elements[%[1]q].dispatchEvent(new Event("change", {bubbles: true}));
			return [...document.querySelectorAll("li.cluster")].filter(li => li.getClientRects().length > 0).length;
		})()`, f.field, value))
		if shown != want || want == 0 || want == n && f.field != "lang" {
			t.Errorf("filter %s=%q shows %d clusters, want %d of %d", f.field, f.value, shown, want, n)
		}
		status := eval[string](t, b, `document.getElementById("shown").textContent`)
		if wantStatus := fmt.Sprintf("Showing %d of %d clusters.", want, n); status != wantStatus {
			t.Errorf("filter %s: status %q, want %q", f.field, status, wantStatus)
		}
	}
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[type=reset]`)), chromedp.Sleep(100*time.Millisecond))
	})
	if got := eval[int](t, b, `document.querySelectorAll("li.cluster:not([hidden])").length`); got != n {
		t.Errorf("after Clear filters %d clusters shown, want %d", got, n)
	}
	b.checkQuiet(t, u)

	// Text stands out from its background by WCAG AA's 4.5:1, in the
	// light and the dark colour scheme.
	for _, scheme := range []string{"light", "dark"} {
		b.checkContrast(t, scheme)
		if scheme == "dark" && *screenshots {
			b.call(t, func(ctx context.Context) error {
				return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
			})
			b.screenshot(t, "report-dark.png")
		}
	}
	b.call(t, func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	})

	// A phone: nothing wider than the screen, members one under another.
	u = b.open(t, page, 390, 844, true)
	if w := eval[[]int](t, b, `[document.documentElement.scrollWidth, window.innerWidth]`); len(w) != 2 || w[0] > w[1] {
		t.Errorf("on a phone the page is %v pixels wide, wider than the screen", w)
	}
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("#c1 details").open = true`))
	})
	tops = eval[[]float64](t, b, `[...document.querySelectorAll("#c1 article")].slice(0, 2).map(a => a.getBoundingClientRect().top)`)
	if len(tops) != 2 || tops[0] >= tops[1] {
		t.Errorf("on a phone the members are not one under another: tops %v", tops)
	}
	b.screenshot(t, "report-phone.png")
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("c1").scrollIntoView()`))
	})
	b.screenshot(t, "report-phone-cluster.png")
	b.checkQuiet(t, u)

	// Without JavaScript every cluster is shown and the form stays hidden.
	b.call(t, func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	u = b.open(t, page, 1280, 900, false)
	b.call(t, func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		return err
	})
	// (Evaluate runs even with page scripts off; the page's own did not.)
	if got := eval[[]int](t, b, `[document.querySelectorAll("li.cluster:not([hidden])").length, document.getElementById("filters").hidden ? 1 : 0, document.getElementById("shown").textContent.length]`); !slices.Equal(got, []int{n, 1, 0}) {
		t.Errorf("without JavaScript: [clusters shown, form hidden, status length] = %v, want [%d 1 0]", got, n)
	}
	b.checkQuiet(t, u)
}

// browseArticles reads the article table of testdata/example's report:
// one row per pair of articles, metrotimes' Fed article reprinting 4 of
// the 7 paragraphs of Reuters'; a cluster link opens its cluster, whose
// origin says why it is one; and on a phone the table scrolls in its
// own region, not the page.
func browseArticles(t *testing.T, b *browser) {
	res := exampleResult(t)
	var buf strings.Builder
	if err := Write(&buf, res, Options{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	page := []byte(buf.String())
	u := b.open(t, page, 1280, 900, false)

	if got, want := eval[int](t, b, `document.querySelectorAll("#articles tbody tr").length`), len(Articles(res)); got != want || want == 0 {
		t.Errorf("%d article rows, want %d", got, want)
	}
	const row = `[...document.querySelectorAll("#articles tbody tr")].find(tr => tr.querySelector("th .docname").title === "testdata/example/metrotimes/fed-rate-decision.md")`
	got := eval[[]string](t, b, `[...`+row+`.children].map(c => c.innerText.trim())`)
	want := []string{
		"metrotimes Fed holds steady but hints at a September rate cut",
		"reprints 4 of 7 paragraphs",
		"74%",
		"reuters Fed holds rates steady, Powell says September cut could be on the table 2024-07-31",
		"credited",
		"#7 #8 #14 #21",
	}
	if !slices.Equal(got, want) {
		t.Errorf("metrotimes' Fed article row\n%q, want\n%q", got, want)
	}
	b.screenshot(t, "report-articles.png")

	// A cluster link opens the cluster and scrolls to it.
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](row+`.querySelector('a[href="#c14"]').click()`), chromedp.Sleep(100*time.Millisecond))
	})
	if open := eval[[]bool](t, b, `[document.querySelector("#c14 details").open, (r => r.top > -1 && r.top < innerHeight)(document.getElementById("c14").getBoundingClientRect())]`); !slices.Equal(open, []bool{true, true}) {
		t.Errorf("after clicking #14: [open, in view] = %v, want [true true]", open)
	}
	// Cluster 3's origin is Reuters', for its credit line, and says so.
	if got := eval[[]string](t, b, `[document.querySelector("#c3 .why").textContent, document.querySelector("#c3 article.first h4 bdi").textContent]`); !slices.Equal(got, []string{"credited: reuters (3 of 4 documents) · earliest: 2024-04-03", "reuters"}) {
		t.Errorf("cluster 3: [why, origin] = %q", got)
	}
	b.checkQuiet(t, u)

	if *screenshots {
		b.call(t, func(ctx context.Context) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
			})
			return err
		})
		b.call(t, func(ctx context.Context) error {
			return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
		})
		b.screenshot(t, "report-articles-dark.png")
		b.call(t, func(ctx context.Context) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
			return err
		})
	}

	// A phone: the page no wider than the screen, each pair a card
	// whose cells stand one under another.
	u = b.open(t, page, 390, 844, true)
	if w := eval[[]int](t, b, `[document.documentElement.scrollWidth, window.innerWidth]`); len(w) != 2 || w[0] > w[1] {
		t.Errorf("on a phone the page is %v pixels wide, wider than the screen", w)
	}
	if w := eval[[]int](t, b, `(s => [s.scrollWidth, s.clientWidth])(document.querySelector("#articles .scroll"))`); len(w) != 2 || w[0] > w[1] {
		t.Errorf("on a phone the article table is %v pixels wide, wider than its region", w)
	}
	tops := eval[[]float64](t, b, `[...`+row+`.children].map(c => c.getBoundingClientRect().top)`)
	if len(tops) != 6 || !slices.IsSorted(tops) || tops[0] == tops[len(tops)-1] {
		t.Errorf("on a phone the cells of a pair do not stand one under another: tops %v", tops)
	}
	b.screenshot(t, "report-articles-phone.png")
	b.checkQuiet(t, u)
}

// browseHostile loads a page of hostile documents: nothing may run,
// open a dialog, load or inject an element.
func browseHostile(t *testing.T, b *browser) {
	var buf strings.Builder
	if err := Write(&buf, hostileResult(), Options{Format: FormatHTML, ShowBoilerplate: true}); err != nil {
		t.Fatal(err)
	}
	u := b.open(t, []byte(buf.String()), 1280, 900, false)
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[data-expand=open]`)), chromedp.Sleep(200*time.Millisecond))
	})
	if got := eval[int](t, b, `document.querySelectorAll("img, iframe, svg, object, embed, link, base, meta[http-equiv=refresh], a[href^=javascript], script:not(:last-of-type)").length`); got != 0 {
		t.Errorf("%d injected elements in the page", got)
	}
	if got := eval[int](t, b, `document.querySelectorAll("details[open]").length`); got != len(hostile) {
		t.Errorf("%d clusters open after Expand shown, want %d", got, len(hostile))
	}
	// Every hostile string is in the page as text.
	text := eval[string](t, b, `document.body.innerText`)
	for _, h := range hostile[:7] {
		if !strings.Contains(text, h) {
			t.Errorf("%q is not shown as text", h)
		}
	}
	b.checkQuiet(t, u)
}

// lowContrastJS lists the elements whose own text has a contrast below
// 4.5:1 with the background behind it (the first opaque one among the
// element and its ancestors), as "selector: ratio".
const lowContrastJS = `(() => {
	const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
	const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
		.reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
	const back = el => {
		for (; el; el = el.parentElement) {
			const c = rgb(getComputedStyle(el).backgroundColor);
			if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const low = [];
	for (const el of document.querySelectorAll("body *")) {
		const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== "");
		if (!own || el.getClientRects().length === 0 || el.closest(".skip")) continue;
		const a = lum(rgb(getComputedStyle(el).color)), b = lum(back(el));
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		if (ratio < 4.5) low.push(el.tagName.toLowerCase() + "." + el.className + ": " + ratio.toFixed(2));
	}
	return low;
})()`

var loadPage = flag.String("load", "", "measure loading this HTML report in the browser (see bench/html.sh)")

// TestHTMLBrowserLoad measures, and does not judge, how a browser copes
// with a big report: the times to parse the page and run its script, to
// filter every cluster by a source, and to lay out the page with every
// cluster open. It runs only when -load names a page; bench/html.sh
// gives it one made from bench/newsgen.
func TestHTMLBrowserLoad(t *testing.T) {
	if *loadPage == "" {
		t.Skip("measures the page given with -load FILE; see bench/html.sh")
	}
	path, err := filepath.Abs(*loadPage)
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.Limit = 10 * time.Minute
	b.viewport(t, 1280, 900, false)
	start := time.Now()
	b.call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: path}).String()), chromedp.WaitReady(chromedp.CSS("footer")))
	})
	t.Logf("navigate until loaded, as seen from Go: %v", time.Since(start).Round(time.Millisecond))
	nav := eval[map[string]float64](t, b, `(() => { const n = performance.getEntriesByType("navigation")[0]; return {interactive: n.domInteractive, loaded: n.domContentLoadedEventEnd, load: n.loadEventEnd}; })()`)
	t.Logf("DOM interactive %.0f ms, DOMContentLoaded done %.0f ms, load done %.0f ms", nav["interactive"], nav["loaded"], nav["load"])
	t.Logf("clusters: %d, members: %d, elements: %d", eval[int](t, b, `document.querySelectorAll("li.cluster").length`),
		eval[int](t, b, `document.querySelectorAll("article").length`), eval[int](t, b, `document.getElementsByTagName("*").length`))
	filter := eval[float64](t, b, `(() => {
		const form = document.getElementById("filters"), t0 = performance.now();
		form.elements.source.selectedIndex = 1;
		form.elements.source.dispatchEvent(new Event("change", {bubbles: true}));
		document.body.offsetHeight;
		return performance.now() - t0;
	})()`)
	t.Logf("filter by a source, with layout: %.0f ms (%s)", filter, eval[string](t, b, `document.getElementById("shown").textContent`))
	open := eval[float64](t, b, `(() => {
		const form = document.getElementById("filters"), t0 = performance.now();
		form.reset(); form.elements.source.dispatchEvent(new Event("change", {bubbles: true}));
		document.querySelector("button[data-expand=open]").click();
		document.body.offsetHeight;
		return performance.now() - t0;
	})()`)
	t.Logf("open every cluster, with layout: %.0f ms", open)
}
