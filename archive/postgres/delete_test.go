package postgres

import (
	"context"
	"errors"
	"hash/fnv"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/wirecopy/wirecopy/archive"
)

// TestDeleteUsesParaIndex checks the plan of the band-key delete that
// replacing and forgetting run: the paragraph numbers are looked up in
// bands_para, not found by reading every paragraph filed under each of
// the deleted paragraphs' keys (a reprinted story's keys are shared by
// all its copies, so that read grows with the archive).
func TestDeleteUsesParaIndex(t *testing.T) {
	dsn := freshDB(t)
	s, _, err := openStore(dsn, Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Every document twice under two ids, as a reprint is.
	es := append(bigBatch(t, 400, "a"), bigBatch(t, 400, "b")...)
	if err := s.Add(es); err != nil {
		t.Fatal(err)
	}
	exec1(t, dsn, "ANALYZE")
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "EXPLAIN "+deleteBands, []string{"a00001", "a00002", "b00003"})
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	plan := strings.Join(lines, "\n")
	if !strings.Contains(plan, "using bands_para") || !strings.Contains(plan, "Index Cond: (para = ANY") {
		t.Fatalf("the band-key delete does not look paragraphs up in bands_para:\n%s", plan)
	}
}

// idLock holds, in an open transaction on a connection of its own, the
// advisory lock that a writer takes for id (see lockIDs), so that a
// writer of id waits inside its statement until release is called.
func idLock(t *testing.T, dsn, id string) (release func()) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(h.Sum64())); err != nil {
		t.Fatal(err)
	}
	return func() {
		tx.Rollback(ctx)
		conn.Close(ctx)
	}
}

// lockWaiters returns how many backends wait on an advisory lock that
// a writer takes.
func lockWaiters(t *testing.T, dsn string) int {
	return count(t, dsn, `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock(k)%'`)
}

// waitFor polls cond every 20 ms for at most d and reports whether it
// held.
func waitFor(d time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// TestClientGoneStopsStatement starts `wirecopy forget`, lets it wait
// inside its transaction for a document lock held here, and stops the
// process with SIGINT, SIGTERM and SIGKILL: each time the server ends
// the statement and the transaction (whose locks would otherwise stay
// held for as long as the statement waits) within a few seconds, while
// the lock it waited for is still held.
func TestClientGoneStopsStatement(t *testing.T) {
	dsn := freshDB(t)
	s, _, err := openStore(dsn, Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(bigBatch(t, 3, "d")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	release := idLock(t, dsn, "d00001")
	defer release()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(wirecopy(t), "forget", "--db", dsn, "d00001")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if !waitFor(20*time.Second, func() bool { return lockWaiters(t, dsn) == 1 }) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatal("forget never waited for the lock")
			}
			cmd.Process.Signal(sig)
			cmd.Wait()
			start := time.Now()
			if !waitFor(10*time.Second, func() bool { return lockWaiters(t, dsn) == 0 }) {
				t.Fatalf("the server still runs the statement of a forget stopped by %v 10 s ago", sig)
			}
			t.Logf("statement ended %v after the client", time.Since(start).Round(10*time.Millisecond))
		})
	}
	if n := count(t, dsn, "SELECT count(*) FROM documents"); n != 3 {
		t.Fatalf("%d documents, want 3", n)
	}
}

// TestContextCancelsStatement cancels Options.Context while Forget waits
// on the server: Forget returns the context's error without retrying,
// and the server is no longer running the statement.
func TestContextCancelsStatement(t *testing.T) {
	dsn := freshDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, _, err := openStore(dsn, Options{Write: true, Context: ctx, Retried: func(err error, _ int, _ time.Duration) {
		t.Errorf("retried after %v", err)
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Add(bigBatch(t, 3, "d")); err != nil {
		t.Fatal(err)
	}
	release := idLock(t, dsn, "d00001")
	defer release()
	done := make(chan error, 1)
	go func() {
		_, err := s.Forget(archive.Filter{IDs: []string{"d00001"}})
		done <- err
	}()
	if !waitFor(20*time.Second, func() bool { return lockWaiters(t, dsn) == 1 }) {
		t.Fatal("Forget never waited for the lock")
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Forget after cancel: %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Forget still waits 10 s after its context was cancelled")
	}
	if !waitFor(5*time.Second, func() bool { return lockWaiters(t, dsn) == 0 }) {
		t.Fatal("the server still runs the cancelled statement")
	}
}

// TestStatementTimeout lets Forget wait past Options.StatementTimeout:
// it fails with the server's statement timeout (SQLSTATE 57014), not
// retried, and nothing is deleted.
func TestStatementTimeout(t *testing.T) {
	dsn := freshDB(t)
	s, _, err := openStore(dsn, Options{Write: true, StatementTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Add(bigBatch(t, 3, "d")); err != nil {
		t.Fatal(err)
	}
	release := idLock(t, dsn, "d00001")
	defer release()
	done := make(chan error, 1)
	go func() {
		_, err := s.Forget(archive.Filter{IDs: []string{"d00001"}})
		done <- err
	}()
	select {
	case err := <-done:
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "57014" {
			t.Fatalf("Forget past the statement timeout: %v, want SQLSTATE 57014", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Forget still waits 20 s into a 300 ms statement timeout")
	}
	if n := count(t, dsn, "SELECT count(*) FROM documents"); n != 3 {
		t.Fatalf("%d documents, want 3", n)
	}
}
