package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/report"
	"github.com/wirecopy/wirecopy/web"
)

func serveCommand() command {
	return flagCommand[serveOptions]{
		name:    "serve",
		summary: "a local web page and JSON API to check articles",
		flags:   (*serveOptions).addFlags,
		want:    noOperands,
		run:     runServe,
		about: `Usage: wirecopy serve --db FILE [--addr 127.0.0.1:8080] [flags]

Serves an archive made with 'wirecopy index' over HTTP until interrupted
(Ctrl-C or SIGTERM, which let requests under way finish):

  GET  /              a page to paste or upload an article and check it
  GET  /report        the archive's HTML report (?since=DATE&until=DATE&source=S)
  POST /api/check     check one article: {"text": ..., "source": ..., "date": ...,
                      "lang": ..., "id": ...} as application/json, or the raw
                      text; answers as 'check --format json'
  GET  /api/clusters  the report as 'report --format json' (same query)
  GET  /api/sources   {"sources": [...]} of that report

The archive is opened read-only, so 'wirecopy index' can add to it
meanwhile; each request sees it as it is then. Binds to loopback unless
--addr names another address (then anyone who can reach it can read the
archive: there is no login). Requests must name the server in their Host
header as localhost, 127.0.0.1, ::1 or a name given with --allow-host
(421 otherwise), so that a web page cannot reach the archive through DNS
rebinding; bound to another address without --allow-host, serve checks
no Host and says so.

At most --max-checks checks run at once; others wait, and past 32 MiB of
request bodies under way serve answers 503 with Retry-After.

Flags:
`,
		more: `
Examples:
  wirecopy serve --db news.wca
  curl -s --data-binary @article.txt http://127.0.0.1:8080/api/check

Exit status: 0 after an interrupt; 1 when the archive cannot be opened or
the address not bound; 2 on bad usage.
`,
	}.command()
}

type serveOptions struct {
	pipeline
	db         dbFlags
	addr       string
	allowHosts []string
	maxBody    int64
	maxHits    int
	maxChecks  int
}

// addFlags registers serve's flags on fs, parsed into o.
func (o *serveOptions) addFlags(fs *pflag.FlagSet) {
	o.db.register(fs, false)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0 picks a free one)")
	fs.StringArrayVar(&o.allowHosts, "allow-host", nil, "also answer requests naming `HOST` in their Host header (repeat for several)")
	intFlag(fs, &o.maxBody, "max-body", web.DefaultMaxBody, 1, "refuse request bodies over `BYTES` (413)")
	intFlag(fs, &o.maxHits, "max-hits", archive.DefaultMaxHits, 1, "list at most `N` archived matches per paragraph")
	intFlag(fs, &o.maxChecks, "max-checks", web.DefaultMaxChecks, 1, "run at most `N` checks at once; others wait")
	o.pipeline.registerCluster(fs)
}

// Timeouts of the server. A client gets serveReadTimeout to send a
// request (4 MiB at 1 Mbit/s takes 34 s) and the report serveWriteTimeout
// to be built and sent (a 100 MB archive's report takes about 10 s here;
// the margin is for a busy machine); idle keep-alive connections close
// after serveIdleTimeout; shutdown waits serveShutdownTimeout for
// requests under way.
const (
	serveHeaderTimeout   = 10 * time.Second
	serveReadTimeout     = time.Minute
	serveWriteTimeout    = 5 * time.Minute
	serveIdleTimeout     = 2 * time.Minute
	serveShutdownTimeout = 30 * time.Second
)

func runServe(e *env, fs *pflag.FlagSet, o *serveOptions) error {
	for _, h := range o.allowHosts {
		if h == "" || strings.ContainsAny(h, ":/ ") && net.ParseIP(strings.Trim(h, "[]")) == nil {
			return errUsage("--allow-host %q: give a host name or address, without a port", h)
		}
	}
	a, opts, err := o.db.openReading(e, fs, o.cluster)
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	wopts := web.Options{Cluster: opts, MaxBody: o.maxBody, MaxHits: o.maxHits, MaxChecks: o.maxChecks}
	switch {
	case loopback(ln.Addr()) || len(o.allowHosts) > 0:
		wopts.Hosts = append([]string{"localhost", "127.0.0.1", "::1"}, o.allowHosts...)
		if !loopback(ln.Addr()) {
			e.warnf("serve: warning: listening on %s, not loopback: anyone who can reach it can read and query the archive", ln.Addr())
		}
	default:
		e.warnf("serve: WARNING: listening on %s, not loopback, with no --allow-host: the Host check is OFF, so any web page a browser on this network opens can read the archive through DNS rebinding, and anyone who can reach the port can query it; give --allow-host NAME for each name clients use", ln.Addr())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(e.stderr, "wirecopy: serving %s on http://%s/ (Ctrl-C to stop)\n", report.Clean(a.Path()), ln.Addr())
	if err := serve(ctx, ln, web.New(a, wopts)); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, "wirecopy: stopped")
	return nil
}

// loopback reports whether addr is a loopback address.
func loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// serve serves h on ln until ctx is done, then shuts the server down,
// letting requests under way finish.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: serveHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    64 << 10, // a browser's headers are a few KB
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
