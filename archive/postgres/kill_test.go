package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/sign"
)

// bigBatch is a batch of n documents of 4 indexed paragraphs each.
func bigBatch(t *testing.T, n int, prefix string) []archive.Entry {
	t.Helper()
	s, err := sign.New(cluster.Options{}.Signing())
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
		e, err := archive.NewEntry(corpus.Document{ID: fmt.Sprintf("%s%05d", prefix, i), Source: "wire", Text: b.String()}, s, cluster.Options{})
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	return es
}

// killMidCopy makes the writer with backend pid stop in the middle of
// copying its documents and terminates it there: another transaction
// inserts (and holds, uncommitted) a document with the id of the
// batch's last document, so the writer's COPY, having written the rows
// before it, waits on the unique index; once pg_stat_activity shows it
// waiting, its backend is terminated and the blocking transaction
// rolled back (after 30 s without seeing it wait, it is rolled back
// without a kill). The returned channel yields the number of kills (0 or 1)
// once the writer's Add has returned and stop is closed.
func killMidCopy(t *testing.T, dsn string, pid uint32, lastID string, stop <-chan struct{}) <-chan int {
	t.Helper()
	ctx := context.Background()
	blocker, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := blocker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO documents(id, source, date, lang, url, title, path, text) VALUES ($1, 'blocker', '', '', '', '', '', '')", lastID); err != nil {
		t.Fatal(err)
	}
	watcher, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	kills := make(chan int, 1)
	go func() {
		defer blocker.Close(ctx)
		defer watcher.Close(ctx)
		n := 0
		for deadline := time.Now().Add(30 * time.Second); n == 0 && time.Now().Before(deadline); {
			var killed bool
			err := watcher.QueryRow(ctx, `SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity
				WHERE pid = $1 AND wait_event_type = 'Lock' AND query ILIKE 'copy%documents%'`, int32(pid)).Scan(&killed)
			if err != nil {
				t.Error(err)
				break
			}
			if killed {
				n++
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		tx.Rollback(ctx)
		<-stop
		kills <- n
	}()
	return kills
}

// TestConnectionKilled terminates the writer's backend in the middle of
// a batch (pg_terminate_backend from another connection, see
// killMidCopy): without
// retries Add fails and nothing of the batch is stored; with retries
// the batch is stored whole, once, and the retry is reported.
func TestConnectionKilled(t *testing.T) {
	server(t)
	first, batch := bigBatch(t, 10, "before"), bigBatch(t, 300, "d")
	for _, tc := range []struct {
		name    string
		retries int
	}{{"no retry", -1}, {"retried", 3}} {
		t.Run(tc.name, func(t *testing.T) {
			dsn := freshDB(t)
			var retried []string
			s, _, err := openStore(dsn, Options{Write: true, Retries: tc.retries, RetryWait: 10 * time.Millisecond,
				Retried: func(err error, attempt int, wait time.Duration) {
					retried = append(retried, fmt.Sprintf("attempt %d after %v: %v", attempt, wait, err))
				}})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			// A first batch, committed before the kill, must survive.
			if err := s.Add(first); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			kills := killMidCopy(t, dsn, s.conn.PgConn().PID(), batch[len(batch)-1].Doc.ID, stop)
			err = s.Add(batch)
			close(stop)
			if n := <-kills; n != 1 {
				t.Fatalf("%d kills", n)
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
				if docs != 310 || paras != 4*310 || bands != 28*4*310 {
					t.Fatalf("after a retried batch: %d documents, %d paragraphs, %d band keys", docs, paras, bands)
				}
				if err := s.Verify(); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestNULInMetadata: a NUL byte in a document's metadata, which text
// columns cannot hold, is refused with the document and field named,
// and the batch stores nothing; a NUL in the text itself is stored.
func TestNULInMetadata(t *testing.T) {
	dsn := freshDB(t)
	s, a, err := openStore(dsn, Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	batch := bigBatch(t, 2, "n")
	batch[0].Doc.Text = "nul \x00 inside" // no paragraphs to check offsets against
	batch[0].Paragraphs = nil
	batch[1].Doc.Title = "a\x00b"
	err = s.Add(batch)
	if err == nil || !strings.Contains(err.Error(), `document "n00001": its title holds a NUL byte`) {
		t.Fatalf("Add: %v", err)
	}
	if n := count(t, dsn, "SELECT count(*) FROM documents"); n != 0 {
		t.Fatalf("%d documents stored from a refused batch", n)
	}
	if err := s.Add(batch[:1]); err != nil {
		t.Fatal(err)
	}
	docs := all(t, a, archive.Filter{})
	if len(docs) != 1 || docs[0].Text != batch[0].Doc.Text {
		t.Fatalf("read back %q", docs)
	}
}

// TestReadersSeeCommitted holds a writer in the middle of copying a
// batch (a conflicting row held by another transaction, as in
// killMidCopy) and reads the archive meanwhile: a reader sees the
// committed batch only, then, once the writer commits, all of it.
func TestReadersSeeCommitted(t *testing.T) {
	dsn := freshDB(t)
	w, _, err := openStore(dsn, Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(bigBatch(t, 5, "before")); err != nil {
		t.Fatal(err)
	}
	batch := bigBatch(t, 50, "d")
	ctx := context.Background()
	blocker, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Close(ctx)
	tx, err := blocker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO documents(id, source, date, lang, url, title, path, text) VALUES ($1, 'blocker', '', '', '', '', '', '')", batch[len(batch)-1].Doc.ID); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- w.Add(batch) }()
	pid := int32(w.conn.PgConn().PID())
	for deadline := time.Now().Add(30 * time.Second); count(t, dsn, "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", pid) == 0; {
		if time.Now().After(deadline) {
			tx.Rollback(ctx)
			t.Fatalf("the writer never waited on the held row: %v", <-done)
		}
		time.Sleep(5 * time.Millisecond)
	}
	r, err := Open(dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if docs := all(t, r, archive.Filter{}); len(docs) != 5 {
		t.Fatalf("a reader sees %d documents while a batch is being written, want the 5 committed", len(docs))
	}
	if st, err := r.Stats(); err != nil || st.Paragraphs != 20 || st.Keys != 20*28 {
		t.Fatalf("a reader's stats while a batch is being written: %+v, %v", st, err)
	}
	tx.Rollback(ctx)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if docs := all(t, r, archive.Filter{}); len(docs) != 55 {
		t.Fatalf("after the commit a reader sees %d documents, want 55", len(docs))
	}
}
