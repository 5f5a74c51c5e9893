package archive

import (
	"sync"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/sign"
)

// DefaultBatchParagraphs is the number of paragraphs Indexer commits
// at once: each commit rewrites the index pages its keys touch, so
// larger batches index faster, and a process killed during indexing
// loses at most this many paragraphs (a few MB of input).
const DefaultBatchParagraphs = 20000

// Indexer adds documents to an archive in batches: documents are signed
// on several goroutines (a sign.Pool) as they are added and while the
// previous batch is written, and each batch is one transaction. Use it
// from one goroutine.
type Indexer struct {
	b       Backend
	opts    cluster.Options
	batch   int
	pool    *sign.Pool[corpus.Document, Entry]
	entries []Entry // signed, of the batch being filled
	paras   int     // of the batch being filled
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
	signDoc := func(s *sign.Signer, d corpus.Document) (Entry, error) { return NewEntry(d, s, o) }
	keep := func(_ corpus.Document, e Entry) { ix.entries = append(ix.entries, e) }
	var err error
	if ix.pool, err = sign.NewPool(o.Signing(), o.Workers, signDoc, keep); err != nil {
		return nil, err
	}
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
	ix.pool.Add(doc, len(doc.Text))
	ix.paras += len(corpus.Paragraphs(doc.Text))
	if ix.paras >= ix.batch {
		ix.flush()
	}
	return ix.err
}

// flush waits for the batch to be signed and hands it to the writer.
func (ix *Indexer) flush() {
	if ix.err = ix.pool.Flush(); ix.err != nil {
		return
	}
	entries := ix.entries
	ix.entries, ix.paras = nil, 0
	if len(entries) == 0 {
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
	if err := ix.pool.Close(); ix.err == nil {
		ix.err = err
	}
	close(ix.write)
	err := <-ix.done
	if ix.err != nil {
		return ix.err
	}
	return err
}
