package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The tests run against a real PostgreSQL server: $WIRECOPY_TEST_PG (a
// URL of a database the tests may connect to and create databases
// from), by default the local server .ci/run starts. Each test gets a
// database of its own, dropped at the end.

var (
	serverOnce sync.Once
	serverURL  string
	serverErr  error
)

func adminURL() string {
	if u := os.Getenv("WIRECOPY_TEST_PG"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres"
}

// server returns the admin URL of a reachable server, starting the
// local cluster when one is installed but stopped; it skips the test
// when there is none.
func server(t *testing.T) string {
	t.Helper()
	serverOnce.Do(func() {
		serverURL = adminURL()
		if serverErr = ping(serverURL); serverErr == nil {
			return
		}
		// An installed Debian cluster that is not running.
		versions, _ := filepath.Glob("/etc/postgresql/*")
		for _, v := range versions {
			exec.Command("pg_ctlcluster", "--skip-systemctl-redirect", filepath.Base(v), "main", "start").Run()
		}
		for range 20 {
			if serverErr = ping(serverURL); serverErr == nil {
				return
			}
			time.Sleep(250 * time.Millisecond)
		}
	})
	if serverErr != nil {
		t.Skipf("no PostgreSQL server at %s and none could be started (%v); set WIRECOPY_TEST_PG or run .ci/run, which installs one", serverURL, serverErr)
	}
	return serverURL
}

func ping(u string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.Ping(ctx)
}

// freshDB creates an empty database for one test and returns its URL;
// it is dropped when the test ends.
func freshDB(t *testing.T) string {
	t.Helper()
	admin := server(t)
	b := make([]byte, 6)
	rand.Read(b)
	name := "wirecopy_test_" + hex.EncodeToString(b)
	exec1(t, admin, "CREATE DATABASE "+name)
	t.Cleanup(func() {
		ctx := context.Background()
		if conn, err := pgx.Connect(ctx, admin); err == nil {
			conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			conn.Close(ctx)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func exec1(t *testing.T, dsn, q string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func count(t *testing.T, dsn, q string, args ...any) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
