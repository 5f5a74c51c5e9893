package archive

import (
	"fmt"

	"github.com/wirecopy/wirecopy/corpus"
)

// Backend is a store an Archive keeps its documents in: what every
// store must do, and no more. What is signed, how candidates are
// verified, how features and settings are encoded is the Archive's, the
// same for every store. Paragraphs are named by the store's paragraph
// number. A Backend's methods are called from one goroutine at a time,
// but for its Lookups, each used by one goroutine.
type Backend interface {
	// Settings returns the settings the store keeps (name -> value).
	// A store open for writing that keeps none yet first keeps those
	// init makes (name, value), in their order; init is not called
	// otherwise. A store that may be made without them (a server
	// schema made by db migrate alone) returns nil while it keeps none,
	// and is read with the default options.
	Settings(init func() ([][2]string, error)) (map[string]string, error)
	// Add stores entries atomically, each replacing a stored document
	// with its id; entries with equal ids replace each other in order.
	Add(entries []Entry) error
	// Forget deletes the documents a Filter that is not the zero Filter
	// selects, atomically, and returns their ids in byte order.
	Forget(f Filter) ([]string, error)
	// Documents calls fn with the selected documents in id order (byte
	// order), and each one's stored date (see the package comment); the
	// Date field is left to the Archive. It stops at fn's first error
	// and returns it.
	Documents(f Filter, fn func(d corpus.Document, date string) error) error
	// Lookup prepares the lookups of one Checker.
	Lookup() (Lookup, error)
	// Lookups is the number of lookups that read faster at once than
	// one after another: a Checker splits an article's reads over that
	// many.
	Lookups() int
	// Stats counts what the store holds.
	Stats() (Stats, error)
	// Verify checks the store's consistency and returns the first
	// problem found.
	Verify() error
	// Name names the store for messages (a file name, or a server
	// address without its password).
	Name() string
	Close() error
}

// Lookup is what a Checker reads of a store: the paragraphs filed under
// band keys, their stored features and what a Hit shows of them.
type Lookup interface {
	// Postings calls fn for each of keys, in order, with the
	// paragraphs filed under it in family fam: the first maxBucket, in
	// paragraph order, and cut set when there were more. paras is only
	// valid during the call. Stores look keys up in batches (one
	// statement, or one round trip, for many keys).
	Postings(fam Family, keys []uint64, maxBucket int, fn func(i int, paras []int64, cut bool)) error
	// Features calls fn with the stored features (Paragraph.Features)
	// of each of paras that has them, in any order.
	Features(paras []int64, fn func(para int64, features []byte)) error
	// Hit reads an archived paragraph's document and text, and the
	// document's stored date; Date and Similarity are left to the
	// Checker.
	Hit(para int64) (h Hit, date string, err error)
	// Paragraphs returns the paragraphs of archived document doc that
	// are long enough to judge (those with features), with their numbers
	// in the document, in document order.
	Paragraphs(doc string) ([]DocParagraph, error)
	// HasFamily reports whether any paragraph is filed under a key of
	// family fam (a check looks up only the languages an archive holds).
	HasFamily(fam Family) (bool, error)
	Close() error
}

// DocParagraph is a paragraph of an archived document: the store's
// paragraph number and its number in the document.
type DocParagraph struct {
	Para  int64
	Index int
}

// DocumentColumns are the columns of a store's documents table that
// EachDocument reads, in its order.
const DocumentColumns = "id, source, date, lang, url, title, path, text"

// Rows is a query's result as a store reads it: database/sql's *Rows
// and pgx's Rows both are.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// EachDocument calls fn with the document of each row of rows, a query
// of DocumentColumns, and its stored date: the loop of a Backend's
// Documents. It stops at fn's first error and returns it as it is; an
// error reading rows it returns through fail, which says which store
// failed.
func EachDocument(rows Rows, fn func(d corpus.Document, date string) error, fail func(error) error) error {
	for rows.Next() {
		var d corpus.Document
		var date string
		var text []byte
		if err := rows.Scan(&d.ID, &d.Source, &date, &d.Lang, &d.URL, &d.Title, &d.Path, &text); err != nil {
			return fail(err)
		}
		d.Text = string(text)
		if err := fn(d, date); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return nil
}

// An IntegrityCheck is a query a store's Verify runs: it counts the rows
// of one kind of damage, named by What.
type IntegrityCheck struct {
	What, Query string
}

// FirstProblem runs checks in order, each query through count, and
// returns the first damage found ("3 band keys without a paragraph"),
// or "" when there is none. It returns count's first error as it is.
func FirstProblem(checks []IntegrityCheck, count func(query string) (int64, error)) (string, error) {
	for _, c := range checks {
		n, err := count(c.Query)
		if err != nil {
			return "", err
		}
		if n > 0 {
			return fmt.Sprintf("%d %s", n, c.What), nil
		}
	}
	return "", nil
}
