package archive

import (
	"sync"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// DefaultBatchParagraphs is the number of paragraphs Indexer commits
// at once: each commit rewrites the index pages its keys touch, so
// larger batches index faster, and a process killed during indexing
// loses at most this many paragraphs (a few MB of input).
const DefaultBatchParagraphs = 20000

// Indexer adds documents to an archive in batches: documents are signed
// on several goroutines while the previous batch is written, and each
// batch is one transaction. Use it from one goroutine.
type Indexer struct {
	b       Backend
	opts    cluster.Options
	batch   int
	pending []corpus.Document
	paras   int
	commit  func(Batch)

	write chan []Entry
	done  chan error
	err   error

	mu     sync.Mutex
	failed error // the writer's error, seen by Add
}

// Batch describes a committed batch.
type Batch struct {
	Documents, Paragraphs int
	LastID                string // id of the batch's last document
}

// NewIndexer returns an Indexer that commits every batch paragraphs (0
// means DefaultBatchParagraphs) and calls committed, if not nil, after
// each commit. opts must be compatible with the archive's (Compatible);
// only Workers and Monolingual (no languages and pivot keys are stored
// with it) are used besides.
func (a *Archive) NewIndexer(opts cluster.Options, batch int, committed func(Batch)) (*Indexer, error) {
	if err := a.Compatible(opts); err != nil {
		return nil, err
	}
	if batch <= 0 {
		batch = DefaultBatchParagraphs
	}
	o := a.opts
	o.Workers = opts.WithDefaults().Workers
	o.Monolingual = opts.Monolingual
	ix := &Indexer{b: a.b, opts: o, batch: batch, commit: committed, write: make(chan []Entry), done: make(chan error, 1)}
	go ix.writer()
	return ix, nil
}

// writer stores the signed batches in order; after an error it drains
// the rest.
func (ix *Indexer) writer() {
	var err error
	for entries := range ix.write {
		if err != nil {
			continue
		}
		if err = ix.b.Add(entries); err != nil {
			ix.mu.Lock()
			ix.failed = err
			ix.mu.Unlock()
		} else if ix.commit != nil {
			b := Batch{Documents: len(entries), LastID: entries[len(entries)-1].Doc.ID}
			for _, e := range entries {
				b.Paragraphs += len(e.Paragraphs)
			}
			ix.commit(b)
		}
	}
	ix.done <- err
}

// Add queues doc; it returns the error of an earlier batch, if any.
func (ix *Indexer) Add(doc corpus.Document) error {
	ix.mu.Lock()
	if ix.err == nil {
		ix.err = ix.failed
	}
	ix.mu.Unlock()
	if ix.err != nil {
		return ix.err
	}
	ix.pending = append(ix.pending, doc)
	ix.paras += len(corpus.Paragraphs(doc.Text))
	if ix.paras >= ix.batch {
		ix.flush()
	}
	return ix.err
}

// flush signs the pending documents and hands them to the writer.
func (ix *Indexer) flush() {
	if len(ix.pending) == 0 {
		return
	}
	docs := ix.pending
	entries := make([]Entry, len(docs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var signErr error
	for w := range ix.opts.Workers {
		wg.Go(func() {
			s, err := cluster.NewSigner(ix.opts)
			if err != nil {
				mu.Lock()
				signErr = err
				mu.Unlock()
				return
			}
			for i := w; i < len(docs); i += ix.opts.Workers {
				if entries[i], err = NewEntry(docs[i], s); err != nil {
					mu.Lock()
					signErr = err
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	ix.pending, ix.paras = nil, 0
	if signErr != nil {
		ix.err = signErr
		return
	}
	// The writer takes the batch while the next one is read and signed.
	ix.write <- entries
}

// Close stores what is pending, waits for the writer and returns the
// first error. The archive stays open.
func (ix *Indexer) Close() error {
	if ix.err == nil {
		ix.flush()
	}
	close(ix.write)
	err := <-ix.done
	if ix.err != nil {
		return ix.err
	}
	return err
}
