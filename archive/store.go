package archive

import "github.com/wirecopy/wirecopy/corpus"

// Store is what the commands need of an archive, so that another
// database (a server for many desks) can stand behind the same
// commands. *Archive implements it on an embedded SQLite file.
type Store interface {
	// Add stores entries atomically, each replacing a stored document
	// with its id.
	Add(entries []Entry) error
	// Forget deletes the documents a non-empty Filter selects and
	// returns their ids.
	Forget(f Filter) ([]string, error)
	// Documents calls fn with the selected documents in id order.
	Documents(f Filter, fn func(corpus.Document) error) error
	// NewChecker prepares candidate lookups by band key and their
	// verification.
	NewChecker(opts CheckOptions) (*Checker, error)
	Stats() (Stats, error)
	Close() error
}

var _ Store = (*Archive)(nil)
