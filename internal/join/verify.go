package join

import "sync"

// Verifier checks candidate pairs as they are found: each pair once,
// however often it is added (an LSH index proposes a pair once for every
// band it shares, and a reprint shares most of them), in batches on
// worker goroutines while the caller goes on finding more.
type Verifier struct {
	match func(p, q int) (sp, sq float32, ok bool)
	seen  pairSet
	batch []uint64
	jobs  chan verifyJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	found [][]Link // by batch number
}

type verifyJob struct {
	seq   int
	pairs []uint64
}

// verifyBatch is the number of pairs handed to a worker at once: enough
// to make the hand-over cheap, few enough to keep every worker busy.
const verifyBatch = 4096

// NewVerifier starts workers goroutines that verify pairs with match,
// which returns the share of each unit's text found in the other and
// must be safe to call from several goroutines.
func NewVerifier(workers int, match func(p, q int) (sp, sq float32, ok bool)) *Verifier {
	v := &Verifier{match: match, jobs: make(chan verifyJob, workers)}
	for range max(workers, 1) {
		v.wg.Go(v.work)
	}
	return v
}

// Add proposes the pair of units a and b.
func (v *Verifier) Add(a, b int32) {
	p := Pair(a, b)
	if !v.seen.add(p) {
		return
	}
	v.batch = append(v.batch, p)
	if len(v.batch) == verifyBatch {
		v.send()
	}
}

func (v *Verifier) send() {
	v.mu.Lock()
	seq := len(v.found)
	v.found = append(v.found, nil)
	v.mu.Unlock()
	v.jobs <- verifyJob{seq, v.batch}
	v.batch = make([]uint64, 0, verifyBatch)
}

func (v *Verifier) work() {
	for job := range v.jobs {
		var links []Link
		for _, p := range job.pairs {
			a, b := int32(p>>32), int32(uint32(p))
			if sa, sb, ok := v.match(int(a), int(b)); ok {
				links = append(links, Link{a, b, max(sa, 1e-6), max(sb, 1e-6)})
			}
		}
		v.mu.Lock()
		v.found[job.seq] = links
		v.mu.Unlock()
	}
}

// Links waits for the pairs added so far and returns those that match,
// in the order they were first added; the Verifier is done then.
func (v *Verifier) Links() []Link {
	if len(v.batch) > 0 {
		v.send()
	}
	close(v.jobs)
	v.wg.Wait()
	v.seen = pairSet{}
	var links []Link
	for _, l := range v.found {
		links = append(links, l...)
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
