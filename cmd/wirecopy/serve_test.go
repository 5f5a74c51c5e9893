package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/wirecopy/wirecopy/internal/browsertest"
)

// The serve command end to end: index the README's example, start
// 'wirecopy serve' on a free loopback port, talk to it over HTTP and in
// a headless browser, and stop it with SIGTERM as a user would.
//
//	go test ./cmd/wirecopy -run ServeBrowser -screenshots   # also rewrites docs/check*.png

var screenshots = flag.Bool("screenshots", false, "write the browser test's screenshots to docs/")

// lockedBuffer is stderr written by the server's goroutine and read by
// the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var servingRE = regexp.MustCompile(`serving .* on (http://127\.0\.0\.1:\d+/)`)

// startServe indexes testdata/example, without the Daily Herald (whose
// article the tests check as new), and serves it from the repository
// root, so that ids read as in the README; it returns the
// server's URL and stop, which sends SIGTERM and checks the command
// stopped cleanly with status 0.
func startServe(t *testing.T) (base string, stop func()) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "news.wca")
	t.Chdir("../..")
	var out, errs strings.Builder
	args := []string{"index", "--db", db}
	for _, s := range []string{"ap", "feeds", "metrotimes", "newsnow24", "reuters", "valleypost"} {
		args = append(args, filepath.Join("testdata/example", s))
	}
	if status := run(args, nil, &out, &errs); status != exitOK {
		t.Fatalf("index: status %d: %s", status, errs.String())
	}
	stderr := &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- run([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, nil, io.Discard, stderr) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := servingRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case status := <-done:
			t.Fatalf("serve stopped with status %d: %s", status, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopped := false
	stop = func() {
		t.Helper()
		if stopped {
			return
		}
		stopped = true
		// serve handles SIGTERM from the moment it prints its address.
		if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case status := <-done:
			if status != exitOK || !strings.Contains(stderr.String(), "wirecopy: stopped") {
				t.Errorf("serve: status %d after SIGTERM: %s", status, stderr)
			}
		case <-time.After(time.Minute):
			t.Fatalf("serve did not stop: %s", stderr)
		}
	}
	t.Cleanup(stop)
	return base, stop
}

func TestServe(t *testing.T) {
	base, stop := startServe(t)
	article, err := os.ReadFile("testdata/example/dailyherald/fed-rates-local-lenders.txt")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"api/check", "text/plain", strings.NewReader(string(article)))
	if err != nil {
		t.Fatal(err)
	}
	var res struct{ Articles []struct{ Reused int } }
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(res.Articles) != 1 || res.Articles[0].Reused == 0 {
		t.Fatalf("POST /api/check: %d %v %+v", resp.StatusCode, err, res)
	}
	// Bound to loopback: a request naming another host is refused.
	req, _ := http.NewRequest("GET", base+"api/sources", nil)
	req.Host = "attacker.example"
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host attacker.example: status %d, want 421", resp.StatusCode)
	}
	// A keep-alive connection stays open; shutdown must still end.
	resp, err = http.Get(base + "api/sources")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	stop()
	if _, err := http.Get(base + "api/sources"); err == nil {
		t.Errorf("the server still answers after SIGTERM")
	}
}

// TestServeBrowser opens the check page, pastes an article, submits it
// and reads the result: the verdict, the article's paragraphs beside
// their archived matches, the shared passages highlighted.
func TestServeBrowser(t *testing.T) {
	b := browsertest.New(t)
	base, _ := startServe(t)
	article, err := os.ReadFile("testdata/example/dailyherald/fed-rates-local-lenders.txt")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := json.Marshal(string(article))
	b.Viewport(t, 1280, 900, false)
	b.Call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible(`textarea[name=text]`))
	})
	if *screenshots {
		b.Screenshot(t, "docs/check-form.png")
	}
	// Paste: the value set as a paste sets it, then the Check button.
	browsertest.Eval[bool](t, b, fmt.Sprintf(`(() => { const a = document.querySelector("textarea[name=text]"); a.focus(); a.value = %s; a.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, text))
	b.Call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx,
			chromedp.SendKeys(`input[name=source]`, "dailyherald"),
			chromedp.Click(`button[type=submit]`),
			chromedp.WaitVisible(`p.verdict`))
	})
	verdict := browsertest.Eval[string](t, b, `document.querySelector("p.verdict").textContent`)
	if !strings.Contains(verdict, "archived copy, first published by reuters") {
		t.Errorf("verdict %q", verdict)
	}
	// The form keeps what was sent.
	if got := browsertest.Eval[string](t, b, `document.querySelector("textarea[name=text]").value`); got != string(article) {
		t.Errorf("the textarea holds %d bytes, want the %d sent", len(got), len(article))
	}
	type para struct {
		Marks, Matches    int
		MarkBG, TextBG    string
		SideBySide        bool
		MarkedText, Match string
	}
	paras := browsertest.Eval[[]para](t, b, `Array.from(document.querySelectorAll("li.para.hit")).map(li => {
		const mine = li.querySelector("article.first"), match = li.querySelector("article.match");
		const mark = li.querySelector("mark");
		return {Marks: li.querySelectorAll("mark").length, Matches: li.querySelectorAll("article.match").length,
			MarkBG: mark ? getComputedStyle(mark).backgroundColor : "", TextBG: getComputedStyle(mine).backgroundColor,
			SideBySide: match !== null && Math.abs(mine.getBoundingClientRect().top - match.getBoundingClientRect().top) < 1
				&& match.getBoundingClientRect().left > mine.getBoundingClientRect().right,
			MarkedText: mark ? mark.textContent : "", Match: match ? match.querySelector(".text").textContent : ""};
	})`)
	if len(paras) < 2 {
		t.Fatalf("%d paragraphs with matches, want several", len(paras))
	}
	for i, p := range paras {
		if p.Marks < 2 || p.Matches == 0 || !p.SideBySide || p.MarkBG == p.TextBG || len(p.MarkedText) < 20 {
			t.Errorf("paragraph %d: %+v: want marked passages beside the matches", i, p)
		}
		if !strings.Contains(p.Match, p.MarkedText) && !strings.Contains(string(article), p.MarkedText) {
			t.Errorf("paragraph %d: marked %q is in neither text", i, p.MarkedText)
		}
	}
	if origins := browsertest.Eval[int](t, b, `document.querySelectorAll(".match .badge.origin").length`); origins == 0 {
		t.Errorf("no match marked as the likely origin")
	}
	b.CheckQuiet(t, func(u string) bool { return strings.HasPrefix(u, base) })
	if *screenshots {
		b.Screenshot(t, "docs/check.png")
	}
	// On a phone: nothing wider than the screen, matches below the
	// paragraph instead of beside it.
	b.Viewport(t, 390, 844, true)
	phone := browsertest.Eval[[]float64](t, b, `(() => { const li = document.querySelector("li.para.hit");
		const mine = li.querySelector("article.first").getBoundingClientRect(), match = li.querySelector("article.match").getBoundingClientRect();
		return [document.documentElement.scrollWidth, window.innerWidth, mine.bottom, match.top]; })()`)
	if phone[0] > phone[1] || phone[3] < phone[2] {
		t.Errorf("on a phone: page %v px wide in %v, paragraph ends at %v, match starts at %v", phone[0], phone[1], phone[2], phone[3])
	}
	if *screenshots {
		b.Screenshot(t, "docs/check-phone.png")
	}
	b.Viewport(t, 1280, 900, false)

	// A hostile article: shown as text, runs nothing.
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)> "><svg onload=alert(3)>` + "\n\n" + string(article)
	text, _ = json.Marshal(hostile)
	// The verdict shown is removed first, so that waiting for one waits
	// for the new page.
	browsertest.Eval[bool](t, b, fmt.Sprintf(`(() => { document.querySelector("textarea[name=text]").value = %s;
		document.querySelector("p.verdict").remove(); return true })()`, text))
	b.Call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(`button[type=submit]`), chromedp.WaitVisible(`p.verdict`))
	})
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("script, img, svg").length`); n != 0 {
		t.Errorf("%d script, img or svg elements on the page", n)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector("li.para .text").textContent`); !strings.Contains(got, "<script>alert(1)</script>") {
		t.Errorf("the hostile paragraph shows as %q", got)
	}
	b.CheckQuiet(t, func(u string) bool { return strings.HasPrefix(u, base) })

	// The archive's report, linked from the page: its style and script
	// run under the header's CSP (the filters show only when the script
	// ran), and opening a cluster shows marked members.
	b.Call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible(`textarea[name=text]`),
			chromedp.Click(`a[href="/report"]`), chromedp.WaitVisible(`#filters`), chromedp.Click(`li.cluster summary`),
			chromedp.WaitVisible(`li.cluster mark`))
	})
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("li.cluster").length`); n < 5 {
		t.Errorf("%d clusters in the report", n)
	}
	b.CheckQuiet(t, func(u string) bool { return strings.HasPrefix(u, base) })

	// Empty text: the form says so.
	b.Call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible(`textarea[name=text]`),
			chromedp.Click(`button[type=submit]`), chromedp.WaitVisible(`p.error`))
	})
	if got := browsertest.Eval[string](t, b, `document.querySelector("p.error").textContent`); got != "Nothing checked: the text is empty." {
		t.Errorf("error %q", got)
	}
}

// TestServeNotLoopback binds serve to every address (0.0.0.0): without
// --allow-host it says loudly that the Host check is off and answers any
// Host; with --allow-host it answers that name (in any case) and the
// loopback ones, and refuses others with 421.
func TestServeNotLoopback(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.wca")
	var out, errs strings.Builder
	if status := run([]string{"index", "--db", db, "../../testdata/example/reuters"}, nil, &out, &errs); status != exitOK {
		t.Fatalf("index: status %d: %s", status, errs.String())
	}
	addrRE := regexp.MustCompile(`serving .* on http://\S+:(\d+)/`)
	for _, tt := range []struct {
		name    string
		args    []string
		warning string
		hosts   map[string]int
	}{
		{"open", nil, "the Host check is OFF", map[string]int{"attacker.example": 200, "localhost": 200}},
		{"allow-host", []string{"--allow-host", "news.example", "--allow-host", "10.1.2.3"}, "not loopback: anyone who can reach it",
			map[string]int{"news.example": 200, "NEWS.Example": 200, "10.1.2.3": 200, "LOCALHOST": 200, "attacker.example": 421}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stderr := &lockedBuffer{}
			done := make(chan int, 1)
			go func() {
				done <- run(append([]string{"serve", "--db", db, "--addr", "0.0.0.0:0"}, tt.args...), nil, io.Discard, stderr)
			}()
			var port string
			for deadline := time.Now().Add(30 * time.Second); port == ""; time.Sleep(20 * time.Millisecond) {
				if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
					port = m[1]
				}
				select {
				case status := <-done:
					t.Fatalf("serve stopped with status %d: %s", status, stderr)
				default:
				}
				if time.Now().After(deadline) {
					t.Fatalf("serve did not start: %s", stderr)
				}
			}
			defer func() {
				syscall.Kill(os.Getpid(), syscall.SIGTERM)
				if status := <-done; status != exitOK {
					t.Errorf("serve: status %d after SIGTERM: %s", status, stderr)
				}
			}()
			if !strings.Contains(stderr.String(), tt.warning) {
				t.Errorf("stderr does not say %q:\n%s", tt.warning, stderr)
			}
			for host, want := range tt.hosts {
				req, _ := http.NewRequest("GET", "http://127.0.0.1:"+port+"/api/sources", nil)
				req.Host = host
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != want {
					t.Errorf("Host %s: status %d, want %d", host, resp.StatusCode, want)
				}
			}
		})
	}
}
