// Package join builds clusters from links, the verified pairs of a
// corpus's units (paragraphs in a scan, documents or paragraphs in
// dedup). Which pairs match is for the caller to say; who belongs with
// whom is decided here, once, for scan and dedup alike.
//
// Membership. A verified pair is evidence that two paragraphs share
// copy, not that they are the same copy: a reprint that carries one
// sentence of another story shares real text with that story's
// paragraphs, and joining every verified pair (connected components)
// merges the two stories and, through more such paragraphs, many. So
// verified pairs are links, and a cluster is built around a core:
//
//  1. Strongest links. A link's strength is the containment of the
//     smaller side in the other. Each paragraph keeps the links that are
//     nearly as strong as its strongest (at least LinkShare of it); a
//     link stays when either end keeps it, and is strong when both do. A
//     reprint matches its own story's copies at a containment near 1 and
//     the story it quotes a sentence of near the threshold, so that link
//     goes, while a heavily edited copy whose links are all weak keeps
//     its best.
//
//  2. Cores. The links that stay make groups (connected components). The
//     core of a group is the copy the others agree on: of its two members
//     with the largest sum of strong link strengths inside it (then of
//     all its links), the one that more members match (step 3), ties to
//     the heavier, then to the first by Compare.
//
//  3. Membership. A paragraph stays in the group only when it matches
//     the core itself, by the test every verified pair passed. A
//     translation (a paragraph in another language than the core) also
//     stays when it is linked to a member that matches the core: the
//     dictionaries miss words, so two translations often match each
//     other and the original but not every other translation; this is
//     one step, never a chain. The paragraphs left over are grouped again
//     among themselves by steps 2 and 3, at most maxCoreRounds times
//     (see maxTriedAll for large groups).
//
//  4. Best home. A paragraph linked into other groups than its own then
//     moves to the group whose core it shares most with (the share of its
//     text the core holds times the share of the core it holds),
//     provided it matches that core. A reprint carries most of its
//     original; a sentence of another story inserted into it, a small
//     part of that story.
//
//  5. Absorption. A group whose core, and every member, match the core
//     of a group at least as large that it is linked to joins that
//     group, smallest groups first: two copies of a reprint that are
//     closer to each other than to the original (the same evasion
//     applied twice) would otherwise make a cluster of their own.
//
// Every member of a cluster thus matches its core (or, for a translation,
// a member that does): membership cannot run from story to story through
// paragraphs that merely touch both. The result does not depend on the
// order of the links: strengths are summed as integers, ties go to the
// order of compare. The work is linear in the links in each round.
package join

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
)

// LinkShare is the share of a paragraph's strongest link that its other
// links need to be kept (step 1). On synd-dev (reprints with an inserted
// sentence of another story), 0.8 to 0.95 give the same clusters; 0.7
// begins to let inserted sentences chain, and 1.0 drops edited copies
// whose links are all slightly different. Dedup takes a kept unit's own
// copies to be those it matches this nearly as strongly as its best.
const LinkShare = 0.9

// coreTrials is the number of a group's heaviest members tried as its
// core (step 2): the one most other members fit is taken, ties to the
// heavier. Strength sums alone can crown a trimmed copy whose strongest
// link ties the original's, and lose the original's heavily edited
// copies (testdata/reprints/hard s06).
const coreTrials = 2

// maxTriedAll is the largest group whose every member is tried against a
// candidate core (step 3), linked to it or not: the LSH index misses some
// pairs. In a larger group (a sentence that recurs in thousands of
// paragraphs) only the paragraphs linked to the candidate are tried, so
// that a round costs the candidate's links, not the group's size.
const maxTriedAll = 64

// maxCoreRounds bounds the regrouping of step 3, each round linear in
// the paragraphs left: a group that sheds members round after round (a
// chain of paragraphs each sharing half its text with the next, or
// copies a day apart under Options.Within) is then finished in one pass
// over its links, each paragraph left becoming, heaviest first, the
// core of its linked paragraphs that fit it.
const maxCoreRounds = 16

// Link is a verified pair of paragraphs and the strength of their match
// from either side: the share of a's text found in b, and of b's in a
// (shingles, or pivot terms across languages).
type Link struct {
	A, B   int32
	SA, SB float32
}

// strength is the containment of the smaller side in the other.
func (l Link) strength() float32 { return max(l.SA, l.SB) }

// weight turns a strength into the integer a core's sum adds up, so that
// sums are exact in any order.
func weight(s float32) int64 { return int64(s*1e6 + 0.5) }

// Members is what Groups needs to know of the units it groups.
type Members interface {
	// Fit reports whether paragraph p carries the copy of a core c, with
	// the share of p's text that c holds and of c's text that p holds.
	Fit(p, c int) (own, core float64, ok bool)
	// Translation reports whether p and q are in different languages
	// and matched through the dictionaries.
	Translation(p, q int) bool
	// Compare orders paragraphs for ties.
	Compare(p, q int) int
}

// Groups groups the n units joined by links into clusters under the
// membership rule of the package comment. Groups of one are left out;
// each group is sorted by Compare. Steps 2 to 4 run on workers
// goroutines, which call m's methods at once.
func Groups(n int, links []Link, m Members, workers int) [][]int {
	best := make([]float32, n)
	for _, l := range links {
		best[l.A] = max(best[l.A], l.strength())
		best[l.B] = max(best[l.B], l.strength())
	}
	var kept, strong []Link
	for _, l := range links {
		s := l.strength()
		atA, atB := s >= LinkShare*best[l.A], s >= LinkShare*best[l.B]
		if atA || atB {
			kept = append(kept, l)
		}
		if atA && atB {
			strong = append(strong, l)
		}
	}
	all, weak, firm := newGraph(n, links), newGraph(n, kept), newGraph(n, strong)
	core := rounds(n, all, weak, firm, m, workers)
	home := bestHomes(n, all, core, m, workers)

	groups := absorb(all, home, m)
	var out [][]int
	for _, group := range groups {
		if len(group) > 1 {
			out = append(out, group)
		}
	}
	return out
}

// absorb applies step 5 to the groups of home (paragraph -> core) and
// returns them, each sorted by compare.
func absorb(all *graph, home []int32, m Members) [][]int {
	byCore := map[int32][]int{}
	for p, c := range home {
		if c >= 0 {
			byCore[c] = append(byCore[c], p)
		}
	}
	cores := make([]int32, 0, len(byCore))
	for c, group := range byCore {
		slices.SortFunc(group, m.Compare)
		cores = append(cores, c)
	}
	size := func(c int32) int { return len(byCore[c]) }
	slices.SortFunc(cores, func(x, y int32) int {
		return cmp.Or(cmp.Compare(size(x), size(y)), m.Compare(int(x), int(y)))
	})
	for _, c := range cores {
		group := byCore[c]
		best, bestShare := int32(-1), -1.0
		for _, q := range all.linked(int(c)) {
			h := home[q]
			if h < 0 || h == c || size(h) < len(group) {
				continue
			}
			own, share, ok := m.Fit(int(c), int(h))
			if s := own * share; ok && (best < 0 || s > bestShare || s == bestShare && m.Compare(int(h), int(best)) < 0) {
				best, bestShare = h, s
			}
		}
		if best < 0 {
			continue
		}
		fits := true
		for _, p := range group {
			if p != int(c) {
				if _, _, ok := m.Fit(p, int(best)); !ok {
					fits = false
					break
				}
			}
		}
		if !fits {
			continue
		}
		for _, p := range group {
			home[p] = best
		}
		byCore[best] = append(byCore[best], group...)
		slices.SortFunc(byCore[best], m.Compare)
		delete(byCore, c)
	}
	out := make([][]int, 0, len(byCore))
	for _, group := range byCore {
		out = append(out, group)
	}
	return out
}

// rounds applies steps 2 and 3: it returns each paragraph's core (itself
// for a core), or -1 for a paragraph in no group. The groups of a round
// are disjoint and linked to no paragraph of another group still to be
// placed, so they are placed at once on workers goroutines: each writes
// only its own paragraphs' cores, and reads the others' only where they
// were settled in an earlier round.
func rounds(n int, all, weak, firm *graph, m Members, workers int) []int32 {
	core := make([]int32, n)
	in := make([]bool, n)     // in the set being grouped
	stamp := make([]int32, n) // the number of the group a node was last seen in
	var todo []int
	for p := range n {
		core[p] = -1
		if weak.degree(p) > 0 {
			in[p] = true
			todo = append(todo, p)
		}
	}
	groupNo := int32(0)
	for round := 0; round < maxCoreRounds && len(todo) > 0; round++ {
		groups := weak.components(todo, in)
		for _, group := range groups {
			groupNo++
			for _, p := range group {
				stamp[p] = groupNo
			}
		}
		first := groupNo - int32(len(groups)) + 1 // the number of groups[0]
		rest := make([][]int, len(groups))        // per group, its paragraphs left for the next round
		var next atomic.Int64
		var wg sync.WaitGroup
		for range max(workers, 1) {
			wg.Go(func() {
				var g grouper
				for {
					i := int(next.Add(1) - 1)
					if i >= len(groups) {
						return
					}
					rest[i] = g.place(groups[i], first+int32(i), all, weak, firm, m, core, in, stamp)
				}
			})
		}
		wg.Wait()
		todo = slices.Concat(rest...)
	}
	// Past the last round, each paragraph left, heaviest first, becomes
	// a core for those of its linked paragraphs that are left and fit
	// it: linear in the links, and nothing is lost.
	slices.SortFunc(todo, func(p, q int) int {
		return cmp.Or(cmp.Compare(firm.sum(q, in), firm.sum(p, in)), m.Compare(p, q))
	})
	for _, c := range todo {
		if core[c] >= 0 {
			continue
		}
		for _, q := range weak.linked(c) {
			if in[q] && core[q] < 0 {
				if _, _, ok := m.Fit(int(q), c); ok {
					core[q], core[c] = int32(c), int32(c)
				}
			}
		}
	}
	return core
}

// grouper places the groups of a round, one at a time, with its own
// scratch.
type grouper struct{ fits, members, hop, rest []int }

// place finds the core of group (numbered no in stamp) and its members,
// records them in core and takes them out of in, and returns the group's
// paragraphs left over (a new slice).
func (g *grouper) place(group []int, no int32, all, weak, firm *graph, m Members, core []int32, in []bool, stamp []int32) []int {
	c := -1
	for _, x := range heaviest(firm, weak, group, in, m.Compare) {
		g.fits = g.fits[:0]
		try := func(p int) {
			if p != x && stamp[p] == no {
				if _, _, ok := m.Fit(p, x); ok {
					g.fits = append(g.fits, p)
				}
			}
		}
		if len(group) <= maxTriedAll {
			for _, p := range group {
				try(p)
			}
		} else {
			for _, p := range all.linked(x) {
				try(int(p))
			}
		}
		if c < 0 || len(g.fits) > len(g.members) {
			c, g.members = x, append(g.members[:0], g.fits...)
		}
	}
	core[c] = int32(c)
	for _, p := range g.members {
		core[p] = int32(c)
	}
	g.hop = g.hop[:0]
	for _, p := range group {
		if core[p] >= 0 {
			continue
		}
		for _, q := range weak.linked(p) {
			if q != int32(c) && core[q] == int32(c) {
				if m.Translation(p, c) {
					g.hop = append(g.hop, p)
				}
				break
			}
		}
	}
	for _, p := range g.hop {
		core[p] = int32(c)
	}
	var rest []int
	for _, p := range group {
		if core[p] >= 0 {
			in[p] = false
		} else {
			rest = append(rest, p)
		}
	}
	return rest
}

// bestHomes applies step 4 to the cores that rounds found, on workers
// goroutines: each paragraph's home depends on the cores alone, so the
// result is the same on any number.
func bestHomes(n int, all *graph, core []int32, m Members, workers int) []int32 {
	home := slices.Clone(core)
	const block = 1024 // paragraphs a worker takes at once
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			var cores []int32
			for {
				lo := int(next.Add(block) - block)
				if lo >= n {
					return
				}
				for p := lo; p < min(lo+block, n); p++ {
					if c := bestHome(p, all, core, m, &cores); c >= 0 {
						home[p] = c
					}
				}
			}
		})
	}
	wg.Wait()
	return home
}

// bestHome returns the best home of paragraph p among the cores it is
// linked to (step 4), or -1 to leave it where rounds put it; cores is
// scratch.
func bestHome(p int, all *graph, core []int32, m Members, cores *[]int32) int32 {
	if core[p] == int32(p) {
		return -1
	}
	cs := (*cores)[:0]
	for _, q := range all.linked(p) {
		if c := core[q]; c >= 0 && c != int32(p) && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	*cores = cs
	if len(cs) == 0 || len(cs) == 1 && cs[0] == core[p] {
		return -1
	}
	best, bestShare := int32(-1), -1.0
	for _, c := range cs {
		own, share, ok := m.Fit(p, int(c))
		if !ok {
			continue
		}
		if s := own * share; best < 0 || s > bestShare || s == bestShare && m.Compare(int(c), int(best)) < 0 {
			best, bestShare = c, s
		}
	}
	return best
}

// graph holds links as adjacency lists (compressed rows).
type graph struct {
	start  []int32 // node p's links are at[start[p]:start[p+1]]
	at     []int32
	weight []int64
}

func newGraph(n int, links []Link) *graph {
	g := &graph{start: make([]int32, n+1)}
	for _, l := range links {
		g.start[l.A+1]++
		g.start[l.B+1]++
	}
	for p := range n {
		g.start[p+1] += g.start[p]
	}
	g.at = make([]int32, g.start[n])
	g.weight = make([]int64, g.start[n])
	next := slices.Clone(g.start[:n])
	for _, l := range links {
		w := weight(l.strength())
		g.at[next[l.A]], g.weight[next[l.A]] = l.B, w
		g.at[next[l.B]], g.weight[next[l.B]] = l.A, w
		next[l.A]++
		next[l.B]++
	}
	return g
}

func (g *graph) degree(p int) int { return int(g.start[p+1] - g.start[p]) }

// linked returns the nodes p is linked to.
func (g *graph) linked(p int) []int32 { return g.at[g.start[p]:g.start[p+1]] }

// components returns the connected groups of the nodes in todo over the
// links between nodes that are in the set.
func (g *graph) components(todo []int, in []bool) [][]int {
	// A flag per node rather than a map of those seen: the map's probes
	// were half of this walk on the stress corpus (0.6 of 1.4 s, on one
	// goroutine).
	seen := make([]bool, len(g.start)-1)
	var groups [][]int
	var stack []int
	for _, s := range todo {
		if seen[s] {
			continue
		}
		seen[s] = true
		group := []int{}
		stack = append(stack[:0], s)
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			group = append(group, p)
			for _, q := range g.linked(p) {
				if in[q] && !seen[q] {
					seen[q] = true
					stack = append(stack, int(q))
				}
			}
		}
		groups = append(groups, group)
	}
	return groups
}

// sum adds up the weights of p's links to nodes in the set.
func (g *graph) sum(p int, in []bool) int64 {
	var sum int64
	for i := g.start[p]; i < g.start[p+1]; i++ {
		if in[g.at[i]] {
			sum += g.weight[i]
		}
	}
	return sum
}

// heaviest returns the coreTrials members of group (fewer in a smaller
// group) with the largest sum of strong link weights to members of the
// set, then of all kept links, then first in compare order.
func heaviest(strong, kept *graph, group []int, in []bool, compare func(p, q int) int) []int {
	type cand struct {
		p            int
		strong, kept int64
	}
	var top []cand
	for _, p := range group {
		x := cand{p, strong.sum(p, in), kept.sum(p, in)}
		i, _ := slices.BinarySearchFunc(top, x, func(a, b cand) int {
			return cmp.Or(cmp.Compare(b.strong, a.strong), cmp.Compare(b.kept, a.kept), compare(a.p, b.p))
		})
		if i < coreTrials {
			top = slices.Insert(top, i, x)
			top = top[:min(len(top), coreTrials)]
		}
	}
	out := make([]int, len(top))
	for i, x := range top {
		out[i] = x.p
	}
	return out
}
