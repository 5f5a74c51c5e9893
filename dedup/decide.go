package dedup

import (
	"cmp"
	"slices"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/internal/join"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
)

// maxKeptCompared bounds the work in a large cluster whose units differ
// (trimmed copies, copies with insertions): each unit is compared with at
// most this many kept units, the most preferred. A unit that none of them
// holds is kept, so the bound can only keep too much, never remove too
// much; news clusters keep one or a few units, far below it.
const maxKeptCompared = 256

// decide finds the clusters and applies the keep policy.
func (d *Deduper) decide() (*Result, error) {
	st, res := d.st, d.res
	n := len(st.units)
	res.Units = n
	v := join.NewVerifier(d.co.Workers, func(p, q int) (float32, float32, bool) {
		if !d.match(int32(p), int32(q)) {
			return 0, 0, false
		}
		sp, sq := d.shares(p, q)
		return float32(sp), float32(sq), true
	})
	ids := make([]int32, 0, lsh.MaxBucketPairs)
	word := func(u, band int) uint64 { return uint64(st.keys.at(u)[band])<<32 | uint64(u) }
	for words := range lsh.SortedBands(n, st.bands, d.co.Workers, word) {
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
					v.Add(a, b)
					return true
				})
			}
			lo = hi
		}
	}
	links := v.Links()
	if d.cross != nil {
		d.cross.translated = make([]bool, n)
		links = append(links, d.crossLinks()...)
	}
	groups := join.Groups(n, links, members{d}, d.co.Workers)

	// Keep policy: units in order of preference, which decides between
	// units that hold as many others (cover).
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
			return cluster.CompareDates(da, db) // a bare day is the whole day, as in scan
		})
	}
	// Within each cluster, in order of preference, a unit is kept unless
	// its own text is held, at the threshold, by a unit already kept: it
	// is then that unit's duplicate. Every member matches its cluster's
	// core (package join), not each other, so a trimmed copy and one
	// with a long insertion may both stay: nothing is removed that is not
	// itself contained in what stays. Nor is a unit removed as the
	// duplicate of a copy of another story that inserted a passage of it
	// (clusterPairs.inserted).
	rank := make([]int32, n) // position in order of preference
	for i, u := range order {
		rank[u] = int32(i)
	}
	dupOf := make([]int32, n) // the kept unit u duplicates; -1 when u is kept
	for u := range dupOf {
		dupOf[u] = -1
	}
	res.unitDoc = make([]int32, n)
	res.unitPara = make([]int32, n)
	res.unitCluster = make([]int32, n)
	// Clusters are numbered in the input order of their first unit.
	slices.SortFunc(groups, func(x, y []int) int { return cmp.Compare(x[0], y[0]) })
	var kept []int32
	pairs := &clusterPairs{d: d}
	for i, group := range groups {
		slices.SortFunc(group, func(x, y int) int { return cmp.Compare(rank[x], rank[y]) })
		if d.opts.Keep == KeepCentral && len(group) <= maxCovered {
			d.byCentrality(group)
		}
		for _, x := range group {
			res.unitCluster[x] = int32(i + 1)
		}
		if len(group) <= maxCovered {
			pairs.estimate(group)
			dup := cover(len(group), func(i, j int) bool {
				return pairs.contained(j, i) && !pairs.inserted(j, i) || d.crossContained(int32(group[j]), int32(group[i]))
			})
			for j, i := range dup {
				if i >= 0 {
					d.duplicate(int32(group[j]), int32(group[i]), dupOf)
				}
			}
			continue
		}
		kept = kept[:0]
		for _, x := range group {
			u := int32(x)
			for _, k := range kept[:min(len(kept), maxKeptCompared)] {
				if d.holds(k, u) {
					d.duplicate(u, k, dupOf)
					break
				}
			}
			if dupOf[u] < 0 {
				kept = append(kept, u)
			}
		}
	}
	res.Clusters = len(groups)
	for u := range n {
		x := st.units[u]
		res.unitDoc[u], res.unitPara[u] = x.doc, x.para
	}

	if d.opts.Unit == UnitDocument {
		for u := range n {
			doc := &res.Docs[st.units[u].doc]
			doc.Cluster = int(res.unitCluster[u])
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
			Similarity: d.similarity(int32(u), k), Cluster: int(res.unitCluster[u]),
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

// maxCovered is the largest cluster whose kept units are chosen by
// cover, which compares every pair of its units; a larger one (a story
// carried by hundreds of outlets, mostly word for word) keeps, in order
// of preference, each unit no kept unit holds, without the test for
// insertions, which would compare each unit with every other.
const maxCovered = 64

// cover chooses the units of a cluster to keep: the fewest that hold all
// the others, greedily (the unit that holds the most units not yet held,
// the first of those that tie), given k units in order of preference and
// holds(i, j) reporting whether unit i holds unit j. It returns, for each
// unit, the unit it is a duplicate of, or -1 for a kept unit. With
// reprints that each trim their original and add text of their own, the
// first copy may hold only some of the others while the fuller copy holds
// them all: it is kept, and the order of preference decides between units
// that hold as many.
func cover(k int, holds func(i, j int) bool) []int {
	held := make([]bool, k*k) // held[i*k+j]: unit i holds unit j
	for i := range k {
		for j := range k {
			held[i*k+j] = i != j && holds(i, j)
		}
	}
	dup := make([]int, k)
	settled := make([]bool, k)
	for left := k; left > 0; {
		best, bestN := -1, 0
		for i := range k {
			if settled[i] {
				continue
			}
			n := 1
			for j := range k {
				if !settled[j] && held[i*k+j] {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		settled[best], dup[best] = true, -1
		left--
		for j := range k {
			if !settled[j] && held[best*k+j] {
				settled[j], dup[j] = true, best
				left--
			}
		}
	}
	return dup
}

// clusterPairs is what cover needs to know of every pair of one
// cluster's units, estimated once per pair from the sketches: whether
// the two match and how many shingles they share. Units are numbered by
// their place in the cluster. Its slices are reused from cluster to
// cluster.
type clusterPairs struct {
	d        *Deduper
	n        int
	shingles []int     // per unit
	best     []float64 // per unit: the strength of its strongest match
	match    []bool    // [i*n+j], symmetric
	shared   []int32   // [i*n+j], symmetric: estimated shingles in common
}

// estimate fills p with the pairs of the units of group.
func (p *clusterPairs) estimate(group []int) {
	d, n := p.d, len(group)
	p.n = n
	p.shingles = slices.Grow(p.shingles[:0], n)[:n]
	p.best = slices.Grow(p.best[:0], n)[:n]
	p.match = slices.Grow(p.match[:0], n*n)[:n*n]
	p.shared = slices.Grow(p.shared[:0], n*n)[:n*n]
	for i, u := range group {
		p.shingles[i] = int(d.st.units[u].shingles)
		p.match[i*n+i], p.shared[i*n+i] = false, 0
	}
	for i, a := range group {
		for j := i + 1; j < n; j++ {
			b := group[j]
			jac := d.st.jaccard(a, b)
			m := d.matchEstimate(int32(a), int32(b), jac)
			c := int32(cluster.EstimateShared(p.shingles[i], p.shingles[j], jac))
			p.match[i*n+j], p.match[j*n+i] = m, m
			p.shared[i*n+j], p.shared[j*n+i] = c, c
		}
	}
	for i := range n {
		p.best[i] = 0
		for j := range n {
			if p.match[i*n+j] {
				p.best[i] = max(p.best[i], p.strength(i, j))
			}
		}
	}
}

// share is the share of unit i's text found in unit j.
func (p *clusterPairs) share(i, j int) float64 {
	return float64(p.shared[i*p.n+j]) / float64(max(p.shingles[i], 1))
}

// strength is the containment of the smaller of units i and j in the
// other, as package join measures a link.
func (p *clusterPairs) strength(i, j int) float64 { return max(p.share(i, j), p.share(j, i)) }

// contained reports whether unit u is a duplicate of unit k by their
// shingles: the two match, and k holds at least the threshold of u's
// own text (Deduper.contained).
func (p *clusterPairs) contained(u, k int) bool {
	return p.match[u*p.n+k] && p.share(u, k) >= p.d.co.Threshold-1e-9
}

// wholeShare is the share of a unit's text that, held in a kept unit,
// makes it that unit's duplicate whatever else the cluster holds
// (inserted). A reprint inserts a sentence of another story, a third to
// a half of a short one, while a reprint that carries one paragraph of
// an original whole is held whole; its estimated share falls below 2/3
// about once in a hundred when it is a quarter of the original (J =
// 0.25, 300 random cases), never when it is a third. Below that share,
// more than a third of the unit's text would be lost with it.
const wholeShare = 2.0 / 3

// inserted reports whether the kept unit k holds unit u only through text
// that k's own copies lack: k matches other units of the cluster nearly
// as strongly as its best match (join.LinkShare), and u shares text (the
// fewest shingles a match needs, MinShared) with none of them. k is then
// a copy of another story that inserted a passage of u's, such as a
// reprint that carries one long sentence of a short story: it holds half
// of that story's text, and removing the story's copies as its
// duplicates would leave the story with no copy at all. A unit k holds
// at wholeShare or more is its duplicate all the same: little of it
// would be lost, and reprints that each carry a different part of an
// original share no text with one another either.
func (p *clusterPairs) inserted(u, k int) bool {
	if p.share(u, k) >= wholeShare {
		return false
	}
	copies := 0
	for m := range p.n {
		if m == u || m == k || !p.match[k*p.n+m] || p.strength(k, m) < join.LinkShare*p.best[k] {
			continue
		}
		if int(p.shared[u*p.n+m]) >= p.d.co.MinShared {
			return false
		}
		copies++
	}
	return copies > 0
}

// byCentrality orders the units of a cluster, given in input order, by
// how alike they are to the rest of it: the sum, over the other units
// each one matches, of the shares of either one's text found in the
// other; most first. A reprint that carries a long passage of another
// story shares less of its text with the cluster than the story's own
// copies do, so one of those is kept: a reprint clustered with the story
// whose passage it carries would hold that story's copies only through
// the passage, and keeping it would leave that story with no copy of its
// own. Clusters of more than maxCovered units stay in input order.
//
// Equal sums are the rule in a cluster of two. With UnitDocument the unit
// less of whose text the others hold comes first: when two documents
// hold each other, keeping that one, the longer, loses less text, and
// the other's share, the larger, is the surer estimate (on synd-dev, a
// short story and a reprint of another story that carries a long
// sentence of it: the story is held at 0.44 by the estimate, 0.36 in
// fact). With UnitParagraph equal sums keep input order, so that the
// paragraphs two documents share stay together in one of them.
func (d *Deduper) byCentrality(group []int) {
	sum := make(map[int]float64, len(group))
	held := make(map[int]float64, len(group)) // the shares of its text the units it matches hold
	for i, p := range group {
		for _, q := range group[i+1:] {
			if !d.match(int32(p), int32(q)) {
				continue
			}
			sp, sq := d.shares(p, q)
			sum[p] += sp + sq
			sum[q] += sp + sq
			held[p] += sp
			held[q] += sq
		}
	}
	slices.SortStableFunc(group, func(x, y int) int {
		if c := cmp.Compare(sum[y], sum[x]); c != 0 || d.opts.Unit != UnitDocument {
			return c
		}
		return cmp.Compare(held[x], held[y])
	})
}

// holds reports whether the kept unit k holds unit u: u is a duplicate of
// k (contained) or, with Options.Translate, a translation of it
// (crossContained).
func (d *Deduper) holds(k, u int32) bool { return d.contained(u, k) || d.crossContained(u, k) }

// duplicate marks unit u a duplicate of the kept unit k, and a
// translation of it when it is not contained in k's language.
func (d *Deduper) duplicate(u, k int32, dupOf []int32) {
	dupOf[u] = k
	if d.cross != nil {
		d.cross.translated[u] = !d.contained(u, k)
	}
}

// shares estimates the share of unit a's shingles found in b, and of b's
// in a.
func (d *Deduper) shares(a, b int) (float64, float64) {
	na, nb := int(d.st.units[a].shingles), int(d.st.units[b].shingles)
	if na == 0 || nb == 0 {
		return 0, 0
	}
	c := float64(cluster.EstimateShared(na, nb, d.st.jaccard(a, b)))
	return c / float64(na), c / float64(nb)
}

// contained reports whether unit u is a duplicate of the kept unit k: the
// two match, and k holds at least the threshold of u's own text.
func (d *Deduper) contained(u, k int32) bool {
	if !d.match(u, k) {
		return false
	}
	own, _ := d.shares(int(u), int(k))
	return own >= d.co.Threshold-1e-9
}

// members tells join.Groups about a Deduper's units.
type members struct{ d *Deduper }

// Compare orders units by input order.
func (m members) Compare(p, q int) int { return cmp.Compare(p, q) }

// Translation reports whether p and q are in two different languages
// the cross-language test reads.
func (m members) Translation(p, q int) bool {
	cs := m.d.cross
	return cs != nil && cs.langs[p] != "" && cs.langs[q] != "" && cs.langs[p] != cs.langs[q]
}

// Fit reports whether unit p matches the core c, with the shares of each
// one's text found in the other: estimated shingles, or pivot terms
// across languages.
func (m members) Fit(p, c int) (own, core float64, ok bool) {
	d := m.d
	if d.match(int32(p), int32(c)) {
		own, core = d.shares(p, c)
		return own, core, true
	}
	if d.crossMatch(int32(p), int32(c)) {
		own, core, _ = pivot.Compare(&d.cross.feats[p], &d.cross.feats[c])
		return own, core, true
	}
	return 0, 0, false
}

// match reports whether units a and b are near-duplicates.
func (d *Deduper) match(a, b int32) bool {
	return d.matchEstimate(a, b, d.st.jaccard(int(a), int(b)))
}

// matchEstimate is match given the estimated Jaccard similarity of a and
// b.
func (d *Deduper) matchEstimate(a, b int32, jaccard float64) bool {
	st := d.st
	ua, ub := st.units[a], st.units[b]
	if d.co.Within > 0 && !d.co.Near(d.res.Docs[ua.doc].Date, d.res.Docs[ub.doc].Date) {
		return false
	}
	return d.co.MatchEstimate(int(ua.shingles), int(ub.shingles), jaccard, st.nums(int(a)), st.nums(int(b)))
}
