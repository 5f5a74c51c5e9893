package pgarchive

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// bigBatch is a batch that takes the server a while to store: long
// enough for another connection to see it running and terminate it.
func bigBatch(t *testing.T, n int, prefix string) []archive.Entry {
	t.Helper()
	s, err := cluster.NewSigner(cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("council harbour budget minister storm rail union court river school wire desk")
	var es []archive.Entry
	for i := range n {
		var b strings.Builder
		for p := range 4 {
			for w := range 30 {
				fmt.Fprintf(&b, "%s%d ", words[(i*7+w*w+p)%len(words)], (i*31+w+p)%997)
			}
			b.WriteString("\n\n")
		}
		es = append(es, archive.NewEntry(corpus.Document{ID: fmt.Sprintf("%s%05d", prefix, i), Source: "wire", Text: b.String()}, s))
	}
	return es
}

// killWhileBusy terminates the backend with the given pid as soon as it
// is copying rows (after the batch's deletes and first rows); it returns
// how many times it did.
func killWhileBusy(t *testing.T, dsn string, pid uint32, stop <-chan struct{}) *atomic.Int32 {
	t.Helper()
	var kills atomic.Int32
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer conn.Close(ctx)
		for {
			select {
			case <-stop:
				return
			default:
			}
			var killed bool
			err := conn.QueryRow(ctx, `SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity
				WHERE pid = $1 AND state = 'active' AND query ILIKE 'copy%'`, int32(pid)).Scan(&killed)
			if err == nil && killed {
				kills.Add(1)
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return &kills
}

// TestConnectionKilled terminates the writer's backend in the middle of
// a batch (pg_terminate_backend from another connection): without
// retries Add fails and nothing of the batch is stored; with retries
// the batch is stored whole, once, and the retry is reported.
func TestConnectionKilled(t *testing.T) {
	for _, tc := range []struct {
		name    string
		retries int
	}{{"no retry", -1}, {"retried", 3}} {
		t.Run(tc.name, func(t *testing.T) {
			dsn := freshDB(t)
			var retried []string
			s, err := Open(dsn, Options{Write: true, Retries: tc.retries, RetryWait: 10 * time.Millisecond,
				Retried: func(err error, attempt int, wait time.Duration) {
					retried = append(retried, fmt.Sprintf("attempt %d after %v: %v", attempt, wait, err))
				}})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			// A first batch, committed before the kill, must survive.
			if err := s.Add(bigBatch(t, 10, "before")); err != nil {
				t.Fatal(err)
			}
			batch := bigBatch(t, 3000, "d")
			stop := make(chan struct{})
			kills := killWhileBusy(t, dsn, s.conn.PgConn().PID(), stop)
			err = s.Add(batch)
			close(stop)
			if kills.Load() == 0 {
				t.Skip("the batch finished before it could be terminated")
			}
			docs := count(t, dsn, "SELECT count(*) FROM documents")
			paras := count(t, dsn, "SELECT count(*) FROM paragraphs")
			bands := count(t, dsn, "SELECT count(*) FROM bands")
			switch tc.retries {
			case -1:
				if err == nil {
					t.Fatal("Add succeeded on a terminated connection without retrying")
				}
				if docs != 10 || paras != 40 || bands != 40*28 {
					t.Fatalf("after a failed batch: %d documents, %d paragraphs, %d band keys; want only the first batch's 10, 40, %d", docs, paras, bands, 40*28)
				}
			default:
				if err != nil {
					t.Fatalf("Add after a retry: %v", err)
				}
				if len(retried) == 0 {
					t.Fatal("the retry was not reported")
				}
				t.Log(retried)
				if docs != 3010 || paras != 4*3010 || bands != 28*4*3010 {
					t.Fatalf("after a retried batch: %d documents, %d paragraphs, %d band keys", docs, paras, bands)
				}
				if err := s.Verify(); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
