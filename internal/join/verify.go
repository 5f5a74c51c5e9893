package join

import (
	"sync"

	"github.com/wirecopy/wirecopy/lsh"
)

// Verifier checks candidate pairs as they are found: each pair once,
// however often it is added (an LSH index proposes a pair once for every
// band it shares, and a reprint shares most of them), on worker
// goroutines while the caller goes on finding more.
//
// The pairs are sharded by their hash, one shard a worker, and each
// worker keeps its shard's set of pairs seen: when the caller kept the
// one set, its random probes were 4.8-5.1 s of CPU on the 100 MB stress
// corpus on the one goroutine that walks the LSH buckets (pprof), work
// that could not grow with the cores. Each proposal
// carries its number, so that the links come out in the order their
// pairs were first proposed, whatever the number of workers.
//
// A Verifier of an LSH index's candidates (NewIndexVerifier) tells most
// repeats by the index instead (lsh.Index.Seen), and keeps in its set
// only the pairs of large buckets: on the stress corpus the set of all
// pairs grew to 12.6 million, and probing and growing it was 5.3 s of
// the scan's 50 s of CPU (pprof).
type Verifier struct {
	match   func(p, q int) (sp, sq float32, ok bool)
	ix      *lsh.Index   // nil unless made by NewIndexVerifier
	batches [][]proposal // per shard, the proposals not yet handed over
	shards  []*shard
	added   uint64 // proposals so far
	wg      sync.WaitGroup
}

// proposal is a pair, as a candidate of the Verifier's index (Band and
// Large say nothing without one), and its number among the proposals.
type proposal struct {
	cand lsh.Candidate // A < B
	seq  uint64
}

// pair packs pr's pair (Pair).
func (pr proposal) pair() uint64 { return Pair(pr.cand.A, pr.cand.B) }

// shard is one worker's part of the pairs: those seen, and the links
// found, in the order first proposed.
type shard struct {
	jobs  chan []proposal
	done  chan []proposal // batches verified, for Add to fill again
	seen  pairSet
	links []Link
	seqs  []uint64 // per link, the number of its pair's first proposal
}

// verifyBatch is the number of proposals handed to a worker at once:
// enough to make the hand-over cheap, few enough to keep every worker
// busy.
const verifyBatch = 4096

// NewVerifier starts workers goroutines that verify pairs with match,
// which returns the share of each unit's text found in the other and
// must be safe to call from several goroutines.
func NewVerifier(workers int, match func(p, q int) (sp, sq float32, ok bool)) *Verifier {
	n := max(workers, 1)
	v := &Verifier{match: match, batches: make([][]proposal, n), shards: make([]*shard, n)}
	for i := range n {
		sh := &shard{jobs: make(chan []proposal, 2), done: make(chan []proposal, 3)}
		v.shards[i] = sh
		v.wg.Go(func() { v.work(sh) })
	}
	return v
}

// NewIndexVerifier is NewVerifier for the candidates of ix, which are
// added by AddCandidate and whose units are ix's items.
func NewIndexVerifier(workers int, ix *lsh.Index, match func(p, q int) (sp, sq float32, ok bool)) *Verifier {
	v := NewVerifier(workers, match)
	v.ix = ix
	return v
}

// Add proposes the pair of units a and b.
func (v *Verifier) Add(a, b int32) {
	v.add(proposal{cand: lsh.Candidate{A: min(a, b), B: max(a, b)}})
}

// AddCandidate proposes a candidate pair of a Verifier's index.
func (v *Verifier) AddCandidate(c lsh.Candidate) { v.add(proposal{cand: c}) }

func (v *Verifier) add(pr proposal) {
	p := pr.pair()
	i := 0
	if len(v.shards) > 1 {
		i = int(uint64(len(v.shards)) * (p * 0x9e3779b97f4a7c15 >> 32) >> 32)
	}
	if v.batches[i] == nil {
		// A batch the shard's worker is done with, else a new one: on
		// the stress corpus, making a batch for every 4,096 of 19
		// million proposals cleared 0.6 GB on the goroutine that walks
		// the buckets.
		select {
		case b := <-v.shards[i].done:
			v.batches[i] = b[:0]
		default:
			v.batches[i] = make([]proposal, 0, verifyBatch)
		}
	}
	pr.seq = v.added
	v.batches[i] = append(v.batches[i], pr)
	v.added++
	if len(v.batches[i]) == verifyBatch {
		v.shards[i].jobs <- v.batches[i]
		v.batches[i] = nil
	}
}

// work verifies the pairs of one shard not seen before.
func (v *Verifier) work(sh *shard) {
	for batch := range sh.jobs {
		for _, pr := range batch {
			if !v.first(sh, pr) {
				continue
			}
			a, b := pr.cand.A, pr.cand.B
			if sa, sb, ok := v.match(int(a), int(b)); ok {
				sh.links = append(sh.links, Link{a, b, max(sa, 1e-6), max(sb, 1e-6)})
				sh.seqs = append(sh.seqs, pr.seq)
			}
		}
		select {
		case sh.done <- batch:
		default: // Add has batches enough
		}
	}
	sh.seen = pairSet{}
}

// first reports whether pr is the first proposal of its pair, which
// each pair's shard sees in the order proposed.
func (v *Verifier) first(sh *shard, pr proposal) bool {
	if v.ix == nil {
		return sh.seen.add(pr.pair())
	}
	switch v.ix.Seen(pr.cand) {
	case lsh.SeenBefore:
		return false
	case lsh.MaybeSeen:
		// The earlier proposals, if any, were of large buckets, whose
		// pairs are all in the set.
		if !pr.cand.Large {
			return !sh.seen.has(pr.pair())
		}
	case lsh.NotSeen:
		if !pr.cand.Large {
			return true
		}
	}
	return sh.seen.add(pr.pair())
}

// Links waits for the pairs added so far and returns those that match,
// in the order they were first added; the Verifier is done then.
func (v *Verifier) Links() []Link {
	for i, sh := range v.shards {
		if len(v.batches[i]) > 0 {
			sh.jobs <- v.batches[i]
		}
		close(sh.jobs)
	}
	v.wg.Wait()
	// Merge the shards' links, each in proposal order, by their numbers.
	total := 0
	for _, sh := range v.shards {
		total += len(sh.links)
	}
	links := make([]Link, 0, total)
	next := make([]int, len(v.shards))
	for len(links) < total {
		best := -1
		for i, sh := range v.shards {
			if next[i] < len(sh.links) && (best < 0 || sh.seqs[next[i]] < v.shards[best].seqs[next[best]]) {
				best = i
			}
		}
		links = append(links, v.shards[best].links[next[best]])
		next[best]++
	}
	return links
}

// Pair packs a pair of units, the smaller number first.
func Pair(a, b int32) uint64 { return uint64(min(a, b))<<32 | uint64(max(a, b)) }

// pairSet is a set of packed pairs: open addressing with linear probing,
// at most three quarters full. No pair packs to 0, the empty slot, since
// its two numbers differ.
type pairSet struct {
	table []uint64
	n     int
}

// add adds p and reports whether it was new.
func (s *pairSet) add(p uint64) bool {
	if 4*(s.n+1) > 3*len(s.table) {
		s.grow()
	}
	if s.insert(p) {
		s.n++
		return true
	}
	return false
}

// has reports whether p is in the set.
func (s *pairSet) has(p uint64) bool {
	if len(s.table) == 0 {
		return false
	}
	mask := uint64(len(s.table) - 1)
	for i := (p * 0x9e3779b97f4a7c15 >> 32) & mask; ; i = (i + 1) & mask {
		switch s.table[i] {
		case 0:
			return false
		case p:
			return true
		}
	}
}

func (s *pairSet) insert(p uint64) bool {
	mask := uint64(len(s.table) - 1)
	for i := (p * 0x9e3779b97f4a7c15 >> 32) & mask; ; i = (i + 1) & mask {
		switch s.table[i] {
		case 0:
			s.table[i] = p
			return true
		case p:
			return false
		}
	}
}

func (s *pairSet) grow() {
	old := s.table
	s.table = make([]uint64, max(2*len(old), 1<<12))
	for _, p := range old {
		if p != 0 {
			s.insert(p)
		}
	}
}
