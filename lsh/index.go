// Package lsh signs shingle sets with MinHash and finds candidate pairs of
// similar sets by locality-sensitive hashing (banding).
//
// Signing computes github.com/dgryski/go-minhash's signatures (permutation
// i of a shingle is h1 + i*h2, with two seeded xxh3 hash functions), bit
// for bit but about a third faster (sign.go), so signatures are
// deterministic and can be stored. The index
// cuts each signature into b bands of r rows and hashes each band to one
// 64-bit key; items whose keys agree in some band are candidates. Two sets
// of Jaccard similarity s become candidates with probability
// 1 - (1 - s^r)^b, an S-curve whose steep part sits near (1/b)^(1/r).
// Optimal chooses b and r for a threshold by minimising the weighted area
// of false positives and false negatives under that curve (see Optimal).
//
// The index is built for batch work: Add stores b keys per item (8 bytes
// each; the signature itself is not kept) and Pairs then sorts each band's
// keys once, which needs far less memory than a hash map of buckets and
// visits every bucket in one pass.
package lsh

import (
	"encoding/binary"
	"fmt"
	"iter"
	"math/bits"
	"slices"
	"sync/atomic"

	"github.com/zeebo/xxh3"

	"github.com/wirecopy/wirecopy/internal/hashsort"
)

// MaxBucketPairs bounds the work for one bucket. A bucket of m items
// yields all m(m-1)/2 pairs while m is at most this size; a larger bucket
// (the same boilerplate line on thousands of pages) yields only each item
// paired with the bucket's first and with its neighbour, 2m pairs, which
// is enough to connect every item whose pair would verify, since items
// that share a whole band are nearly always near-duplicates of each
// other.
const MaxBucketPairs = 64

// Index holds band keys of items numbered 0, 1, 2... in the order added.
type Index struct {
	params Params
	keys   []uint64 // keys[i*Bands+band]
	// Set by Candidates: the bits of a key that group buckets, and per
	// band the items in its Large buckets (nil for a band with none).
	idMask uint64
	large  [][]uint64
}

// NewIndex returns an empty index with the given banding.
func NewIndex(p Params) (*Index, error) {
	if p.Bands < 1 || p.Rows < 1 {
		return nil, fmt.Errorf("lsh: invalid banding %v", p)
	}
	return &Index{params: p}, nil
}

// Params returns the index's banding.
func (ix *Index) Params() Params { return ix.params }

// Len returns the number of items added.
func (ix *Index) Len() int { return len(ix.keys) / ix.params.Bands }

// Keys returns the band keys of a signature, one per band.
func (ix *Index) Keys(sig Signature) ([]uint64, error) {
	p := ix.params
	if len(sig) < p.Bands*p.Rows {
		return nil, fmt.Errorf("lsh: signature of %d values is too short for %v", len(sig), p)
	}
	keys := make([]uint64, p.Bands)
	buf := make([]byte, 8*p.Rows)
	for b := range p.Bands {
		for r, v := range sig[b*p.Rows : (b+1)*p.Rows] {
			binary.LittleEndian.PutUint64(buf[8*r:], v)
		}
		// The band number is the seed, so equal rows in different bands
		// give different keys.
		keys[b] = xxh3.HashSeed(buf, uint64(b))
	}
	return keys, nil
}

// Grow makes room for n more items, so that adding them does not copy
// the index again and again.
func (ix *Index) Grow(n int) { ix.keys = slices.Grow(ix.keys, n*ix.params.Bands) }

// Add appends an item by its band keys (from Keys) and returns its number.
func (ix *Index) Add(keys []uint64) (int, error) {
	if len(keys) != ix.params.Bands {
		return 0, fmt.Errorf("lsh: %d band keys, want %d", len(keys), ix.params.Bands)
	}
	ix.keys = append(ix.keys, keys...)
	return ix.Len() - 1, nil
}

// Pairs yields candidate pairs (a < b), the bands sorted on up to
// sorters goroutines (SortedBands): Candidates without what it says of
// each pair's band and bucket. A pair that shares several bands is
// yielded once per band.
func (ix *Index) Pairs(sorters int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for c := range ix.Candidates(sorters) {
			if !yield(int(c.A), int(c.B)) {
				return
			}
		}
	}
}

// Candidate is a pair of items A < B whose keys agree in band Band, in a
// bucket of more than MaxBucketPairs items when Large (a bucket that
// yields only some of its pairs).
type Candidate struct {
	A, B  int32
	Band  int32
	Large bool
}

// Candidates yields the candidate pairs, band after band, the bands
// sorted on up to sorters goroutines (SortedBands). A pair that shares
// several bands is yielded once per band; Seen tells the repeats.
//
// Each band is one sort of n 64-bit words: the band key's high bits with
// the item number in the low bits, so that a plain integer sort groups
// equal keys and orders items within a bucket. Keys keep 64-log2(n) bits,
// at least 38 for up to 2^26 items; two different keys that agree in them
// only add a candidate pair that verification then rejects.
func (ix *Index) Candidates(sorters int) iter.Seq[Candidate] {
	return func(yield func(Candidate) bool) {
		n := ix.Len()
		idBits := uint(bits.Len(uint(n)))
		idMask := uint64(1)<<idBits - 1
		nb := ix.params.Bands
		ix.idMask = idMask
		ix.large = make([][]uint64, nb)
		ids := make([]int32, 0, MaxBucketPairs)
		word := func(i, band int) uint64 { return ix.keys[i*nb+band]&^idMask | uint64(i) }
		band := int32(0)
		for words := range SortedBands(n, nb, sorters, word) {
			for lo := 0; lo < n; {
				hi := lo + 1
				for hi < n && words[hi]&^idMask == words[lo]&^idMask {
					hi++
				}
				if hi-lo > 1 {
					ids = ids[:0]
					for _, w := range words[lo:hi] {
						ids = append(ids, int32(w&idMask))
					}
					large := len(ids) > MaxBucketPairs
					if large {
						ix.markLarge(band, ids)
					}
					if !bucketPairs(ids, func(a, b int32) bool { return yield(Candidate{a, b, band, large}) }) {
						return
					}
				}
				lo = hi
			}
			band++
		}
	}
}

// markLarge notes that items ids are in a large bucket of band.
func (ix *Index) markLarge(band int32, ids []int32) {
	if ix.large[band] == nil {
		ix.large[band] = make([]uint64, (ix.Len()+63)/64)
	}
	for _, i := range ids {
		ix.large[band][i/64] |= 1 << (i % 64)
	}
}

// Seen says what an Index knows of a candidate pair having been yielded
// in an earlier band than the candidate's.
type Seen uint8

const (
	// NotSeen: the pair agrees in no earlier band.
	NotSeen Seen = iota
	// SeenBefore: the pair agrees in an earlier band whose bucket was
	// not Large, and so yielded all its pairs.
	SeenBefore
	// MaybeSeen: the pair agrees in earlier bands, all in Large buckets,
	// which may or may not have yielded it.
	MaybeSeen
)

// Seen tells whether Candidates yielded c's pair in an earlier band. It
// compares the two items' keys of the earlier bands, which the index
// holds anyway, where a set of the pairs seen would grow to every pair
// (12.6 million on the 100 MB stress corpus: tables of 256 MiB probed
// at random). It may be called on other goroutines than the one
// Candidates yields to, for a candidate already yielded: the walk of a
// band is done before any pair of a later band is yielded.
func (ix *Index) Seen(c Candidate) Seen {
	nb := ix.params.Bands
	ka := ix.keys[int(c.A)*nb : int(c.A)*nb+int(c.Band)]
	kb := ix.keys[int(c.B)*nb : int(c.B)*nb+int(c.Band)]
	seen := NotSeen
	for band, k := range ka {
		if (k^kb[band])&^ix.idMask != 0 {
			continue
		}
		if l := ix.large[band]; l == nil || l[c.A/64]&(1<<(c.A%64)) == 0 {
			return SeenBefore
		}
		seen = MaybeSeen
	}
	return seen
}

// SortedBands yields, band after band, the n words word(i, band) gives
// for items i = 0..n-1, sorted: band keys with the item in their low
// bits, so that one integer sort groups a band's buckets. The next bands
// are sorted on up to sorters other goroutines (at least one) while the
// caller works through the current one; a yielded slice is reused once
// the caller moves on. (With one sorting goroutine on two cores, a scan
// of 100 MB of realnews waited 0.6 s for the sorts, one core idle.)
func SortedBands(n, bands, sorters int, word func(i, band int) uint64) iter.Seq[[]uint64] {
	return func(yield func([]uint64) bool) {
		sorters := max(1, min(sorters, bands))
		// A sorter takes a buffer, then the next band: so the bands are
		// taken in order, and the one the caller waits for is always
		// being sorted into a buffer it holds.
		free := make(chan []uint64, sorters+1)
		for range sorters + 1 {
			free <- make([]uint64, n)
		}
		sorted := make([]chan []uint64, bands)
		for b := range sorted {
			sorted[b] = make(chan []uint64, 1)
		}
		var next atomic.Int64
		stop := make(chan struct{})
		defer close(stop)
		for range sorters {
			go func() {
				var s hashsort.Sorter // a band's keys are hashes
				for {
					var words []uint64
					select {
					case words = <-free:
					case <-stop:
						return
					}
					band := int(next.Add(1) - 1)
					if band >= bands {
						return
					}
					for i := range n {
						words[i] = word(i, band)
					}
					sorted[band] <- s.Sorted(words) // buffered: never blocks
				}
			}()
		}
		for band := range bands {
			words := <-sorted[band]
			if !yield(words) {
				return
			}
			free <- words
		}
	}
}

// bucketPairs yields the pairs of one bucket, as MaxBucketPairs describes.
func bucketPairs[E any](b []E, yield func(E, E) bool) bool {
	m := len(b)
	if m <= MaxBucketPairs {
		for i := range m {
			for j := i + 1; j < m; j++ {
				if !yield(b[i], b[j]) {
					return false
				}
			}
		}
		return true
	}
	for j := 1; j < m; j++ {
		if !yield(b[0], b[j]) {
			return false
		}
		if j > 1 && !yield(b[j-1], b[j]) {
			return false
		}
	}
	return true
}
