// Package browsertest starts the headless Chromium that the end-to-end
// tests of the HTML pages drive (with github.com/chromedp/chromedp), and
// records what a page must not do: request anything unexpected, open a
// dialog, throw, log to the console, or break its Content-Security-
// Policy. It is imported only by tests.
//
// The browser is Debian's chromium package, which .ci/run installs, or
// the one $WIRECOPY_BROWSER names. A test is skipped, saying so, only
// when none is found.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Names are the commands tried, in order, when $WIRECOPY_BROWSER does
// not name one: Debian's, Ubuntu's and Google's builds.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell"}

// Find returns the browser to run, or "" when there is none.
func Find() string {
	if p := os.Getenv("WIRECOPY_BROWSER"); p != "" {
		return p
	}
	for _, name := range Names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// DefaultLimit is Browser.Limit's starting value: a page of the tests
// loads in well under a second; 30 s leaves room for a loaded machine.
const DefaultLimit = 30 * time.Second

// Browser is one headless Chromium with a fresh profile, one tab, and
// the events of that tab that show a page misbehaving.
type Browser struct {
	Ctx   context.Context
	Limit time.Duration // for each Call; see Call

	mu sync.Mutex
	// requests are the URLs the tab asked for; problems the dialogs,
	// exceptions and console or log errors it saw.
	requests, problems []string
}

// New starts a browser for t, which stops it at cleanup; it skips t when
// no browser is found.
func New(t testing.TB) *Browser {
	t.Helper()
	path := Find()
	if path == "" {
		t.Skipf("browser test skipped: no Chromium found (tried $WIRECOPY_BROWSER and %s); install Debian's chromium to run it", strings.Join(Names, ", "))
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	b := &Browser{Limit: DefaultLimit}
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(b.listen))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	b.Ctx = ctx
	// The first call starts the browser; it must not have a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	b.Call(t, func(ctx context.Context) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, log.Enable, cdp.Empty{})
		return err
	})
	return b
}

// listen records events; it runs in the tab's loop, so it only appends.
func (b *Browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *page.EventJavascriptDialogOpening:
		b.problems = append(b.problems, "dialog: "+ev.Message)
	case *runtime.EventExceptionThrown:
		b.problems = append(b.problems, "exception: "+ev.ExceptionDetails.Text)
	case *runtime.EventConsoleAPICalled:
		b.problems = append(b.problems, fmt.Sprintf("console.%s", ev.Type))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			b.problems = append(b.problems, "log: "+ev.Entry.Text)
		}
	}
}

// Call runs fn with a time limit (Limit): a page that opened a dialog
// would otherwise block it forever.
func (b *Browser) Call(t testing.TB, fn func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, b.Limit)
	defer cancel()
	if err := fn(ctx); err != nil {
		t.Fatal(err)
	}
}

// Viewport sets the tab's size, emulating a phone when mobile.
func (b *Browser) Viewport(t testing.TB, width, height int64, mobile bool) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	b.Call(t, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opts...))
	})
}

// Eval evaluates a JavaScript expression into a T.
func Eval[T any](t testing.TB, b *Browser, expr string) T {
	t.Helper()
	var v T
	b.Call(t, func(ctx context.Context) error {
		var err error
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr))
		if err != nil {
			return fmt.Errorf("%s: %w", expr, err)
		}
		return nil
	})
	return v
}

// CheckQuiet fails t when the tab asked for a URL allow refuses, or saw
// a dialog, an exception, a console call or a logged error (a CSP
// violation is one), since the last CheckQuiet.
func (b *Browser) CheckQuiet(t testing.TB, allow func(url string) bool) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.requests {
		// Chromium's own stylesheet draws the date inputs' calendar
		// icon from a data: URL; that is no fetch, and the pages' CSP
		// (img-src 'none') would stop any image of their own.
		if !allow(r) && !strings.HasPrefix(r, "data:image/svg+xml;") {
			t.Errorf("the page requested %s", r)
		}
	}
	if len(b.requests) == 0 {
		t.Errorf("no request seen: the network listener is not working")
	}
	for _, p := range b.problems {
		t.Errorf("the page saw %s", p)
	}
	b.requests, b.problems = nil, nil
}

// Screenshot writes what the tab shows, as PNG, to path.
func (b *Browser) Screenshot(t testing.TB, path string) {
	t.Helper()
	var png []byte
	b.Call(t, func(ctx context.Context) error {
		var err error
		png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		return err
	})
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}
