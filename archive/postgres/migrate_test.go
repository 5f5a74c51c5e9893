package postgres

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/wirecopy/wirecopy/archive"
)

// TestMigrateFrom1 makes a version-1 schema with a document in it,
// checks that readers refuse it, migrates it to the latest version and
// checks that the document survives and the new indexes exist; a second
// migration does nothing.
func TestMigrateFrom1(t *testing.T) {
	dsn := freshDB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	applied, err := Migrate(ctx, conn, 1)
	if err != nil || !slices.Equal(applied, []int{1}) {
		t.Fatalf("migrate to 1: applied %v, %v", applied, err)
	}
	exec1(t, dsn, "INSERT INTO documents(id, source, date, day, lang, url, title, path, text) VALUES ('d1', 'wire', '', NULL, '', '', '', '', 'Text.')")
	if _, err := Open(dsn, Options{}); err == nil || !strings.Contains(err.Error(), "db migrate") {
		t.Fatalf("a reader opened a version-1 schema: %v", err)
	}
	hasIndex := func() int {
		return count(t, dsn, "SELECT count(*) FROM pg_indexes WHERE indexname IN ('documents_source', 'documents_day', 'bands_para')")
	}
	if n := hasIndex(); n != 0 {
		t.Fatalf("version 1 has %d of versions 2 and 3's indexes", n)
	}
	if applied, err = Migrate(ctx, conn, Latest); err != nil || !slices.Equal(applied, []int{2, 3}) {
		t.Fatalf("migrate 1 -> %d: applied %v, %v", Latest, applied, err)
	}
	if n := hasIndex(); n != 3 {
		t.Fatalf("after migrating: %d of 3 indexes", n)
	}
	if applied, err = Migrate(ctx, conn, Latest); err != nil || len(applied) != 0 {
		t.Fatalf("second migration applied %v, %v", applied, err)
	}
	if v, err := Current(ctx, conn); err != nil || v != Latest {
		t.Fatalf("version %d, %v", v, err)
	}
	s, err := Open(dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if docs := all(t, s, archive.Filter{}); len(docs) != 1 || docs[0].ID != "d1" {
		t.Fatalf("after migrating: %v", docs)
	}
}

// TestMigrateConcurrent runs four migrations at once on an empty
// database: each version is applied exactly once.
func TestMigrateConcurrent(t *testing.T) {
	dsn := freshDB(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := MigrateURL(dsn)
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, dsn, "SELECT count(*) FROM schema_version"); n != Latest {
		t.Fatalf("%d versions recorded, want %d", n, Latest)
	}
}
