// Command storecmp compares three pure-Go embedded stores on the
// archive's workload: paragraphs (text plus a blob of their band keys)
// and an index from band key to paragraph, written in batches of one
// transaction each, then probed with the band keys of a checked
// article. It is a module of its own so that the stores not chosen stay
// out of wirecopy's go.mod.
//
//	go run . -paragraphs 300000 -dir /tmp/storecmp
//
// Every store gets the same rows in the same order: each batch's band
// keys sorted, as the archive writes them. Keys are random 64-bit values,
// like band keys; texts are 450 bytes, the synthetic corpus's mean.
package main

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cockroachdb/pebble/v2"
	bolt "go.etcd.io/bbolt"
	_ "modernc.org/sqlite"
)

const (
	bands     = 28  // band keys per paragraph at wirecopy's defaults
	textBytes = 450 // mean paragraph of bench/newsgen
	probes    = 10  // paragraphs of a checked article
)

type row struct{ key, para uint64 }

// store is one candidate.
type store interface {
	batch(paras []uint64, texts [][]byte, rows []row) error
	lookup(key uint64) ([]uint64, error)
	close() error
}

func main() {
	n := flag.Int("paragraphs", 300000, "paragraphs to store")
	batch := flag.Int("batch", 20000, "paragraphs per transaction")
	dir := flag.String("dir", os.TempDir(), "where the stores are made")
	flag.Parse()
	for _, name := range []string{"sqlite", "bbolt", "pebble"} {
		if err := measure(name, *dir, *n, *batch); err != nil {
			fmt.Fprintf(os.Stderr, "storecmp: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}

func measure(name, dir string, n, batch int) error {
	path := filepath.Join(dir, "storecmp-"+name)
	os.RemoveAll(path)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	var s store
	var err error
	switch name {
	case "sqlite":
		s, err = openSQLite(path)
	case "bbolt":
		s, err = openBolt(path)
	case "pebble":
		s, err = openPebble(path)
	}
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	text := []byte(strings.Repeat("x", textBytes))
	var sample []uint64 // keys to probe later
	start := time.Now()
	for first := 0; first < n; first += batch {
		var paras []uint64
		var texts [][]byte
		var rows []row
		for p := first; p < min(first+batch, n); p++ {
			paras = append(paras, uint64(p))
			texts = append(texts, text)
			for range bands {
				k := rng.Uint64()
				rows = append(rows, row{k, uint64(p)})
				if rng.IntN(n*bands/1000+1) == 0 {
					sample = append(sample, k)
				}
			}
		}
		slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.para, b.para)) })
		if err := s.batch(paras, texts, rows); err != nil {
			return err
		}
	}
	write := time.Since(start)
	// Probes: an article's worth of keys, half found, half not.
	var lat []time.Duration
	for i := 0; i+probes*bands/2 <= len(sample); i += probes * bands / 2 {
		t := time.Now()
		for _, k := range sample[i : i+probes*bands/2] {
			if got, err := s.lookup(k); err != nil || len(got) == 0 {
				return fmt.Errorf("lookup %x: %v %v", k, got, err)
			}
			if _, err := s.lookup(rng.Uint64()); err != nil {
				return err
			}
		}
		lat = append(lat, time.Since(t))
	}
	if err := s.close(); err != nil {
		return err
	}
	size := diskSize(path)
	slices.Sort(lat)
	fmt.Printf("%-7s %d paragraphs: write %.1f s (%.0f paragraphs/s), %.0f bytes/paragraph on disk, %d probes of %d keys: median %v\n",
		name, n, write.Seconds(), float64(n)/write.Seconds(), float64(size)/float64(n), len(lat), probes*bands,
		lat[len(lat)/2].Round(10*time.Microsecond))
	return nil
}

func diskSize(path string) int64 {
	var total int64
	filepath.Walk(filepath.Dir(path), func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && strings.HasPrefix(p, path) {
			total += fi.Size()
		}
		return nil
	})
	return total
}

// SQLite: the archive's tables, in WAL mode.
type sqliteStore struct {
	db *sql.DB
}

func openSQLite(path string) (store, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-262144)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	_, err = db.Exec(`CREATE TABLE paragraphs(para INTEGER PRIMARY KEY, text BLOB);
		CREATE TABLE bands(key INTEGER, para INTEGER, PRIMARY KEY (key, para)) WITHOUT ROWID;`)
	return &sqliteStore{db}, err
}

func (s *sqliteStore) batch(paras []uint64, texts [][]byte, rows []row) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, p := range paras {
		if _, err := tx.Exec("INSERT INTO paragraphs VALUES (?, ?)", int64(p), texts[i]); err != nil {
			return err
		}
	}
	const per = 32 // rows per INSERT, as the archive writes them
	stmt, err := tx.Prepare("INSERT INTO bands VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?), ", per), ", "))
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, 0, 2*per)
	for i, r := range rows {
		args = append(args, int64(r.key), int64(r.para))
		if len(args) == 2*per {
			if _, err := stmt.Exec(args...); err != nil {
				return err
			}
			args = args[:0]
		} else if i == len(rows)-1 {
			for j := 0; j < len(args); j += 2 {
				if _, err := tx.Exec("INSERT INTO bands VALUES (?, ?)", args[j:j+2]...); err != nil {
					return err
				}
			}
		}
	}
	return tx.Commit()
}

func (s *sqliteStore) lookup(key uint64) ([]uint64, error) {
	rows, err := s.db.QueryContext(context.Background(), "SELECT para FROM bands WHERE key = ?", int64(key))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []uint64
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, uint64(p))
	}
	return out, rows.Err()
}

func (s *sqliteStore) close() error {
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	return s.db.Close()
}

// bbolt: buckets of paragraphs and of key+para (16 bytes, big-endian, so
// a key's paragraphs are adjacent), one read-write transaction a batch.
type boltStore struct{ db *bolt.DB }

func openBolt(path string) (store, error) {
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second, NoSync: false})
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists([]byte("paragraphs")); err != nil {
			return err
		}
		_, err := tx.CreateBucketIfNotExists([]byte("bands"))
		return err
	})
	return &boltStore{db}, err
}

func kp(key, para uint64) []byte {
	b := make([]byte, 16)
	binary.BigEndian.PutUint64(b, key)
	binary.BigEndian.PutUint64(b[8:], para)
	return b
}

func (s *boltStore) batch(paras []uint64, texts [][]byte, rows []row) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		pb, bb := tx.Bucket([]byte("paragraphs")), tx.Bucket([]byte("bands"))
		for i, p := range paras {
			if err := pb.Put(binary.BigEndian.AppendUint64(nil, p), texts[i]); err != nil {
				return err
			}
		}
		for _, r := range rows {
			if err := bb.Put(kp(r.key, r.para), nil); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *boltStore) lookup(key uint64) ([]uint64, error) {
	var out []uint64
	prefix := binary.BigEndian.AppendUint64(nil, key)
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket([]byte("bands")).Cursor()
		for k, _ := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, _ = c.Next() {
			out = append(out, binary.BigEndian.Uint64(k[8:]))
		}
		return nil
	})
	return out, err
}

func (s *boltStore) close() error { return s.db.Close() }

// pebble: the same keys in an LSM tree, one synced batch a batch.
type pebbleStore struct{ db *pebble.DB }

func openPebble(path string) (store, error) {
	db, err := pebble.Open(path, &pebble.Options{})
	return &pebbleStore{db}, err
}

func (s *pebbleStore) batch(paras []uint64, texts [][]byte, rows []row) error {
	b := s.db.NewBatch()
	for i, p := range paras {
		if err := b.Set(append([]byte("p"), binary.BigEndian.AppendUint64(nil, p)...), texts[i], nil); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if err := b.Set(append([]byte("b"), kp(r.key, r.para)...), nil, nil); err != nil {
			return err
		}
	}
	return b.Commit(pebble.Sync)
}

func (s *pebbleStore) lookup(key uint64) ([]uint64, error) {
	prefix := append([]byte("b"), binary.BigEndian.AppendUint64(nil, key)...)
	upper := append([]byte("b"), binary.BigEndian.AppendUint64(nil, key+1)...)
	if key == ^uint64(0) {
		upper = []byte("c")
	}
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: upper})
	if err != nil {
		return nil, err
	}
	var out []uint64
	for it.First(); it.Valid(); it.Next() {
		out = append(out, binary.BigEndian.Uint64(it.Key()[9:]))
	}
	return out, it.Close()
}

func (s *pebbleStore) close() error { return s.db.Close() }
