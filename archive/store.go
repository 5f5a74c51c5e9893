package archive

import (
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// Store is what the commands need of an archive, so that another
// database (a server for many desks) can stand behind the same
// commands. *Archive implements it on an embedded SQLite file; the
// pgarchive package on PostgreSQL. A Checker's verification is shared:
// a store provides its candidate lookups (Lookup) and NewStoreChecker
// does the rest, as NewStoreIndexer does for indexing.
type Store interface {
	Adder
	// Forget deletes the documents a non-empty Filter selects and
	// returns their ids.
	Forget(f Filter) ([]string, error)
	// Documents calls fn with the selected documents in id order.
	Documents(f Filter, fn func(corpus.Document) error) error
	// NewChecker prepares candidate lookups by band key and their
	// verification.
	NewChecker(opts CheckOptions) (*Checker, error)
	// NewIndexer adds documents in signed batches (see Indexer).
	NewIndexer(opts cluster.Options, batch int, committed func(Batch)) (*Indexer, error)
	Stats() (Stats, error)
	// PivotLanguages returns the languages whose dictionary keys the
	// store holds (see Archive.PivotLanguages).
	PivotLanguages() ([]string, error)
	// Verify checks the store's consistency and returns the first
	// problem found.
	Verify() error
	// Path names the store for messages (a file name, or a server
	// address without its password).
	Path() string
	Close() error
}

var _ Store = (*Archive)(nil)
