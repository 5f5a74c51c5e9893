package dedup

import (
	"cmp"
	"iter"
	"slices"
	"sync"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/lsh"
)

// maxKeptCompared bounds the work in a cluster that chains many unlike
// units: each unit is compared with at most this many kept units, the
// most preferred. A unit that matches none of them is kept, so the bound
// can only keep too much, never remove too much; news clusters keep one
// or a few units, far below it.
const maxKeptCompared = 256

// verifyBatch is the number of candidate pairs verified together, as in
// package cluster: enough to keep every core busy, few enough that little
// of a batch is verified in vain after earlier pairs joined its units.
const verifyBatch = 4096

// decide finds the clusters and applies the keep policy.
func (d *Deduper) decide() (*Result, error) {
	st, res := d.st, d.res
	n := len(st.units)
	res.Units = n
	uf := newUnionFind(n)
	v := &verifier{d: d, uf: uf}
	ids := make([]int32, 0, lsh.MaxBucketPairs)
	for words := range d.sortedBands(n) {
		for lo := 0; lo < n; {
			hi := lo + 1
			for hi < n && words[hi]>>32 == words[lo]>>32 {
				hi++
			}
			if hi-lo > 1 {
				ids = ids[:0]
				for _, w := range words[lo:hi] {
					ids = append(ids, int32(uint32(w)))
				}
				lsh.BucketPairs(ids, func(a, b int32) bool {
					if uf.find(a) != uf.find(b) {
						v.add(a, b)
					}
					return true
				})
			}
			lo = hi
		}
	}
	v.flush()
	if d.cross != nil {
		d.cross.translated = make([]bool, n)
		d.crossJoin(uf)
	}

	// Keep policy: units in order of preference; the first of each
	// cluster stays.
	order := make([]int32, n)
	for u := range order {
		order[u] = int32(u)
	}
	switch d.opts.Keep {
	case KeepLongest:
		slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(st.units[b].words, st.units[a].words) })
	case KeepEarliest:
		slices.SortStableFunc(order, func(a, b int32) int {
			da, db := res.Docs[st.units[a].doc].Date, res.Docs[st.units[b].doc].Date
			switch {
			case da.IsZero() && db.IsZero():
				return 0
			case da.IsZero():
				return 1
			case db.IsZero():
				return -1
			}
			return da.Compare(db)
		})
	}
	// Within each cluster, in order of preference, a unit is kept unless
	// it matches a unit already kept, and is then that unit's duplicate.
	// A chain (a like b, b like c, a unlike c) thus keeps a and c: nothing
	// is removed that is not itself a near-duplicate of what stays.
	size := make([]int32, n)
	head := make([]int32, n) // by root: its most preferred member
	next := make([]int32, n) // the member after u in order of preference
	for u := range n {
		size[uf.find(int32(u))]++
		head[u] = -1
	}
	for i := n - 1; i >= 0; i-- {
		u := order[i]
		r := uf.find(u)
		next[u], head[r] = head[r], u
	}
	dupOf := make([]int32, n) // the kept unit u duplicates; -1 when u is kept
	var kept []int32
	for r := range n {
		dupOf[r] = -1
	}
	for r := range int32(n) {
		if size[r] < 2 || uf.find(r) != r {
			continue
		}
		kept = kept[:0]
		for u := head[r]; u >= 0; u = next[u] {
			for _, k := range kept[:min(len(kept), maxKeptCompared)] {
				if d.match(u, k) {
					dupOf[u] = k
					break
				}
				if d.crossMatch(u, k) {
					dupOf[u], d.cross.translated[u] = k, true
					break
				}
			}
			if dupOf[u] < 0 {
				kept = append(kept, u)
			}
		}
	}
	// Clusters are numbered in the input order of their first unit.
	res.unitDoc = make([]int32, n)
	res.unitPara = make([]int32, n)
	res.unitCluster = make([]int32, n)
	number := make([]int32, n) // by root
	for u := range n {
		r := uf.find(int32(u))
		if size[r] > 1 && number[r] == 0 {
			res.Clusters++
			number[r] = int32(res.Clusters)
		}
	}
	for u := range n {
		x := st.units[u]
		r := uf.find(int32(u))
		res.unitDoc[u], res.unitPara[u], res.unitCluster[u] = x.doc, x.para, number[r]
	}

	if d.opts.Unit == UnitDocument {
		for u := range n {
			r := uf.find(int32(u))
			doc := &res.Docs[st.units[u].doc]
			doc.Cluster = int(number[r])
			if k := dupOf[u]; k >= 0 {
				doc.Drop = Duplicate
				doc.DuplicateOf = int(st.units[k].doc)
				doc.Similarity = d.similarity(int32(u), k)
				doc.Translated = d.cross != nil && d.cross.translated[u]
			}
		}
		return res, nil
	}
	for d0 := range res.Docs {
		res.Docs[d0].KeptWords = res.Docs[d0].Words
	}
	for u := range n {
		r := uf.find(int32(u))
		k := dupOf[u]
		if k < 0 {
			continue
		}
		x := st.units[u]
		doc := &res.Docs[x.doc]
		if doc.removed == 0 {
			doc.firstRemoved = int32(len(res.Removed))
		}
		doc.removed++
		doc.KeptWords -= int(x.words)
		res.Removed = append(res.Removed, Removal{
			Doc: int(x.doc), Paragraph: int(x.para), Words: int(x.words),
			KeptDoc: int(st.units[k].doc), KeptParagraph: int(st.units[k].para),
			Similarity: d.similarity(int32(u), k), Cluster: int(number[r]),
			Translated: d.cross != nil && d.cross.translated[u],
		})
	}
	for i := range res.Docs {
		doc := &res.Docs[i]
		if doc.removed > 0 && doc.KeptWords < d.co.MinWords {
			doc.Drop = Empty
		}
	}
	return res, nil
}

// sortedBands yields, band after band, the band's keys in the high 32
// bits and the unit numbers in the low 32 bits, sorted: one integer sort
// groups equal keys, units in input order. The next band is sorted on
// another goroutine while the caller works through the current one.
func (d *Deduper) sortedBands(n int) iter.Seq[[]uint64] {
	return func(yield func([]uint64) bool) {
		st := d.st
		free := make(chan []uint64, 2)
		free <- make([]uint64, n)
		free <- make([]uint64, n)
		sorted := make(chan []uint64, 1)
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			defer close(sorted)
			for band := range st.bands {
				var words []uint64
				select {
				case words = <-free:
				case <-stop:
					return
				}
				for u := range n {
					words[u] = uint64(st.keys.at(u)[band])<<32 | uint64(u)
				}
				slices.Sort(words)
				select {
				case sorted <- words:
				case <-stop:
					return
				}
			}
		}()
		for words := range sorted {
			if !yield(words) {
				return
			}
			free <- words
		}
	}
}

// containment estimates the share of the smaller unit's shingles found in
// the larger: what scan reports as a member's similarity.
func (d *Deduper) containment(a, b int) float64 {
	na, nb := int(d.st.units[a].shingles), int(d.st.units[b].shingles)
	if min(na, nb) == 0 {
		return 0
	}
	return float64(cluster.EstimateShared(na, nb, d.st.jaccard(a, b))) / float64(min(na, nb))
}

// match reports whether units a and b are near-duplicates.
func (d *Deduper) match(a, b int32) bool {
	st := d.st
	ua, ub := st.units[a], st.units[b]
	if d.co.Within > 0 && !d.co.Near(d.res.Docs[ua.doc].Date, d.res.Docs[ub.doc].Date) {
		return false
	}
	return d.co.MatchEstimate(int(ua.shingles), int(ub.shingles), st.jaccard(int(a), int(b)), st.nums(int(a)), st.nums(int(b)))
}

// verifier checks candidate pairs in parallel batches and joins those that
// match, in the order the pairs came, so that the clusters do not depend
// on the number of workers.
type verifier struct {
	d     *Deduper
	uf    *unionFind
	batch [][2]int32
	ok    []bool
}

func (v *verifier) add(a, b int32) {
	v.batch = append(v.batch, [2]int32{a, b})
	if len(v.batch) == verifyBatch {
		v.flush()
	}
}

func (v *verifier) flush() {
	n := len(v.batch)
	v.ok = slices.Grow(v.ok[:0], n)[:n]
	workers := min(v.d.co.Workers, max(n/64, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				p := v.batch[i]
				v.ok[i] = v.d.match(p[0], p[1])
			}
		})
	}
	wg.Wait()
	for i, p := range v.batch {
		if v.ok[i] {
			v.uf.union(p[0], p[1])
		}
	}
	v.batch = v.batch[:0]
}

// unionFind joins units into clusters (union by size, path halving).
type unionFind struct {
	parent, size []int32
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
	}
	return u
}

func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b int32) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
}
