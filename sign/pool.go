package sign

import (
	"sync"

	"github.com/wirecopy/wirecopy/lsh"
)

// Hand-over sizes: a chunk is handed to a worker when it holds this many
// items or bytes, large enough to make the hand-over cheap against the
// 10-20 µs a paragraph takes to sign, small enough to spread the work
// and to bound the text waiting to be signed (two chunks per worker).
// Signed chunks wait, unbounded, only behind an earlier chunk still
// being signed.
const (
	chunkItems = 256
	chunkBytes = 1 << 20
)

// Pool signs items on several goroutines, each with its own Signer.
// sign makes an item's result; keep receives each item and its result,
// one at a time and in the order the items were added. A Pool is fed
// from one goroutine; keep runs on the workers.
type Pool[In, Out any] struct {
	sign   func(*Signer, In) (Out, error)
	keep   func(In, Out)
	params lsh.Params

	chunk []In // being filled
	bytes int  // of the chunk being filled
	sent  int  // chunks handed over
	jobs  chan chunk[In]
	wg    sync.WaitGroup

	mu      sync.Mutex
	kept    *sync.Cond              // signalled when a chunk has been kept
	next    int                     // the next chunk to keep
	waiting map[int]signed[In, Out] // signed chunks waiting for earlier ones
	err     error                   // the first of sign's
}

type chunk[In any] struct {
	seq   int
	items []In
}

type signed[In, Out any] struct {
	items []In
	outs  []Out
	err   error
}

// NewPool starts workers goroutines (at least one), each with a Signer
// for opts.
func NewPool[In, Out any](opts Options, workers int, sign func(*Signer, In) (Out, error), keep func(In, Out)) (*Pool[In, Out], error) {
	signers := make([]*Signer, max(workers, 1))
	for i := range signers {
		var err error
		if signers[i], err = New(opts); err != nil {
			return nil, err
		}
	}
	p := &Pool[In, Out]{sign: sign, keep: keep, params: signers[0].Params(), jobs: make(chan chunk[In], 2*len(signers)), waiting: map[int]signed[In, Out]{}}
	p.kept = sync.NewCond(&p.mu)
	for _, s := range signers {
		p.wg.Go(func() {
			for c := range p.jobs {
				p.done(c.seq, p.signChunk(s, c.items))
			}
		})
	}
	return p, nil
}

// Params returns the banding of the keys the Pool's Signers make.
func (p *Pool[In, Out]) Params() lsh.Params { return p.params }

// signChunk signs items with s, up to the first error.
func (p *Pool[In, Out]) signChunk(s *Signer, items []In) signed[In, Out] {
	out := signed[In, Out]{items: items, outs: make([]Out, len(items))}
	for i, it := range items {
		if out.outs[i], out.err = p.sign(s, it); out.err != nil {
			break
		}
	}
	return out
}

// done keeps chunk seq, and every one after it that was waiting, in
// order. After an error nothing more is kept.
func (p *Pool[In, Out]) done(seq int, s signed[In, Out]) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.waiting[seq] = s
	for {
		s, ok := p.waiting[p.next]
		if !ok {
			break
		}
		delete(p.waiting, p.next)
		p.next++
		if p.err == nil {
			p.err = s.err
		}
		if p.err != nil {
			continue
		}
		for i, it := range s.items {
			p.keep(it, s.outs[i])
		}
	}
	p.kept.Broadcast()
}

// Add queues item, of size bytes (its text's length), for signing.
func (p *Pool[In, Out]) Add(item In, size int) {
	p.chunk = append(p.chunk, item)
	p.bytes += size
	if len(p.chunk) >= chunkItems || p.bytes >= chunkBytes {
		p.send()
	}
}

// send hands the chunk being filled to the workers.
func (p *Pool[In, Out]) send() {
	if len(p.chunk) == 0 {
		return
	}
	p.jobs <- chunk[In]{seq: p.sent, items: p.chunk}
	p.sent++
	p.chunk, p.bytes = nil, 0
}

// Flush waits until every item added has been kept, and returns the
// first error of sign, if any.
func (p *Pool[In, Out]) Flush() error {
	p.send()
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.next < p.sent {
		p.kept.Wait()
	}
	return p.err
}

// Close keeps what is queued, stops the workers and returns the first
// error of sign, if any. The Pool must not be used afterwards.
func (p *Pool[In, Out]) Close() error {
	p.send()
	close(p.jobs)
	p.wg.Wait()
	return p.err
}
