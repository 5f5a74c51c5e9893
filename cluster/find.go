// Package cluster finds reused copy: it splits documents into paragraphs,
// shingles and signs them, takes candidate pairs from the LSH index,
// verifies each pair on the exact shingle sets, builds clusters around
// cores from the verified pairs (internal/join: every member matches its
// cluster's core, so clusters do not chain from story to story), and
// separates site boilerplate from syndicated copy.
//
// Verification. The MinHash estimate has a standard error of about 0.04
// at 128 permutations, too coarse to decide pairs near the threshold, and
// the exact shingle sets are at hand during a scan, so each candidate pair
// is compared exactly. Two paragraphs carry the same copy when the
// containment of the smaller shingle set in the larger,
// |A∩B| / min(|A|,|B|), reaches the threshold: a reprint cut to half its
// length, or one with a dateline, a credit line or a local sentence added,
// keeps a containment near 1 while its Jaccard similarity falls to 0.5 or
// below. Containment alone would let a short paragraph match any long one
// that quotes it, so the pair must also share at least MinShared shingles
// and reach MinJaccard.
//
// The LSH index works on Jaccard similarity, so it is tuned (lsh.Optimal)
// for the Jaccard similarity t/(2-t) that a copy at containment t has when
// it is as long as its original (0.25 at the default t = 0.4). A copy cut
// to half its original's length has a Jaccard similarity of c/(3-c) at
// containment c, 0.5 when nothing else changed; lower targets (t/(3-t))
// were measured to multiply the false candidates by four and gain half a
// percent of the verified pairs on the synthetic corpus.
//
// Boilerplate. A paragraph that a source repeats across its own
// documents (share buttons, newsletter pitches, author bios, copyright
// lines, a wire's "originally published by" line that every client
// appends) is furniture, not syndicated copy. Syndicated copy appears
// about once per source, or again only with its story (an update, the
// same document ingested twice); furniture appears again and again
// under different stories. So a cluster is boilerplate when some source
// repeats it in documents of at least BoilerplateDocs different stories,
// and the sources that repeat it (in two documents or more) hold at
// least half of the cluster's documents (boilerplate.go says when two
// documents are one story).
//
// Dates. With Options.Within set, a candidate pair from two dated
// documents further apart than Within is not linked, like passim's pair
// filters, and a member must lie within Within of its cluster's core;
// undated documents are not restricted. So copies of 1, 20 and 40 days
// in make one cluster at a Within of 30 days only when the core is the
// 20th day's.
//
// Origins. A cluster's representative is its likely origin: when its
// members' documents credit an agency (a dateline such as "BRUSSELS
// (Reuters) -", a sign-off, a copyright line; credit.go) and a member's
// source is that agency, one of that agency's members; else, and among
// them, the earliest dated member, then the one closest to the others
// (see representative).
//
// Explanations. Every member is then aligned word by word with its
// cluster's representative (package align): the passages it shares with
// it, as byte ranges of its text, and the share of each side's words they
// cover (see Member and explain.go).
//
// Order. Nothing in the Result depends on the order documents are added
// or on the number of workers: ties are broken by document ID, then
// paragraph number, never by reading position, and the LSH index numbers
// its items in that order too.
package cluster

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/internal/join"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/shingle"
	"github.com/wirecopy/wirecopy/sign"
)

// Defaults, used where Options leave a field zero. Each was chosen with
// `wirecopy eval` (bench/tune.sh) on the labelled reprints in
// testdata/reprints, the dev set and, since every nearby setting scores
// 1.0 there, the hard set, and on the synthetic corpus of bench/newsgen;
// the test set was checked last. The README's "Choosing the defaults" has
// the figures.
const (
	// DefaultThreshold is the containment a pair needs to join: best F1
	// on the hard set (0.843; 0.636 at 0.5), 1.0 on dev and test.
	DefaultThreshold = 0.4
	// DefaultMinJaccard keeps a short paragraph from matching a long one
	// that merely contains it: at 0.1 a 22-word subscription notice joined
	// a 168-word article paragraph of another story (SemEval test); a copy
	// cut to a fifth of its original still passes.
	DefaultMinJaccard = 0.2
	// DefaultMinShared is the fewest shingles a pair must share: with 3,
	// 8-word credit lines that differ only in the writer's name ("Staff
	// writer X Y contributed to this report.") joined across stories.
	DefaultMinShared = 4
	// DefaultMinWords: shorter paragraphs ("SHARE:", datelines, photo
	// credits, one-line captions) are too short to judge; at 8 the
	// synthetic corpus lost 3 pairs of precision to credit lines.
	DefaultMinWords = 10
	// DefaultBoilerplateDocs: a source repeating a paragraph in this many
	// of its documents makes it a boilerplate candidate; two would catch
	// a story and its update.
	DefaultBoilerplateDocs = 3
)

// Options configure Find. The zero value uses the defaults above.
type Options struct {
	Shingle         shingle.Options
	Permutations    int     // MinHash signature length; 0 means lsh.DefaultPermutations
	Threshold       float64 // containment needed to join, in (0, 1); 0 means DefaultThreshold
	MinJaccard      float64 // Jaccard similarity needed to join; 0 means DefaultMinJaccard, negative means none
	MinShared       int     // shingles a pair must share; 0 means DefaultMinShared
	MinWords        int     // paragraphs with fewer words are not indexed; 0 means DefaultMinWords
	BoilerplateDocs int     // see the package comment; 0 means DefaultBoilerplateDocs
	Workers         int     // goroutines for shingling, signing, verifying and explaining; 0 means GOMAXPROCS

	// Within, when positive, joins only paragraphs of documents dated at
	// most Within apart (see Options.Near): a pair when it is verified,
	// a member and its cluster's core when a cluster is built; a pair
	// with an undated document is not restricted. 0 means no limit.
	Within time.Duration

	// Monolingual turns off matching across languages (translate.go):
	// paragraphs are then only compared with the monolingual shingles.
	Monolingual bool
	// CrossThreshold is the pivot containment a pair of paragraphs in
	// different languages needs to join (see translate.go); 0 means
	// DefaultCrossThreshold.
	CrossThreshold float64
}

func (o Options) WithDefaults() Options {
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.MinJaccard == 0 {
		o.MinJaccard = DefaultMinJaccard
	}
	if o.MinShared == 0 {
		o.MinShared = DefaultMinShared
	}
	if o.MinWords == 0 {
		o.MinWords = DefaultMinWords
	}
	if o.BoilerplateDocs == 0 {
		o.BoilerplateDocs = DefaultBoilerplateDocs
	}
	if o.Permutations == 0 {
		o.Permutations = lsh.DefaultPermutations
	}
	if o.CrossThreshold == 0 {
		o.CrossThreshold = DefaultCrossThreshold
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// Validate reports options out of range.
func (o Options) Validate() error {
	o = o.WithDefaults()
	switch {
	case !(o.Threshold > 0 && o.Threshold < 1):
		return fmt.Errorf("cluster: threshold %v out of range (0, 1)", o.Threshold)
	case o.MinJaccard >= 1:
		return fmt.Errorf("cluster: minimum Jaccard similarity %v out of range [0, 1)", o.MinJaccard)
	case o.MinWords < 1:
		return fmt.Errorf("cluster: minimum words %d must be at least 1", o.MinWords)
	case o.Permutations < 1:
		return fmt.Errorf("cluster: %d permutations", o.Permutations)
	case o.BoilerplateDocs < 2:
		return fmt.Errorf("cluster: boilerplate documents %d must be at least 2", o.BoilerplateDocs)
	case !(o.CrossThreshold > 0 && o.CrossThreshold < 1):
		return fmt.Errorf("cluster: cross-language threshold %v out of range (0, 1)", o.CrossThreshold)
	case o.Within < 0:
		return fmt.Errorf("cluster: within %v must not be negative", o.Within)
	}
	return nil
}

// Signing returns the options paragraphs are signed with for o, with
// defaults: a scan's, which dedup and the archive sign with too.
func (o Options) Signing() sign.Options {
	o = o.WithDefaults()
	return sign.Options{Shingle: o.Shingle, Permutations: o.Permutations, Threshold: o.Threshold, MinWords: o.MinWords}
}

// Find runs the pipeline over docs and returns the clusters of reused
// copy, every member explained (see Member). docs are kept in the Result
// in the order given, but the clusters do not depend on that order: ties
// are broken by document ID and paragraph number, so the same documents
// in any order, on any number of workers, give the same clusters (when
// IDs are unique; reading order breaks ties between equal IDs).
func Find(docs []corpus.Document, opts Options) (*Result, error) {
	b, err := NewBuilder(opts)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		b.Add(d)
	}
	return b.Result()
}

// cluster verifies the candidate pairs of the signed paragraphs and builds
// the clusters.
func (b *Builder) cluster() (*Result, error) {
	res, opts, feats, keys := b.res, b.opts, b.feats, b.keys
	ix, err := lsh.NewIndex(b.params)
	if err != nil {
		return nil, err
	}
	// Index items are numbered in document ID order, not reading order:
	// the index pairs up the items of a large bucket by their numbers
	// (lsh.MaxBucketPairs), and the candidates must not depend on the
	// order the documents came in.
	var ids []int // index item -> paragraph
	for p := range res.Paragraphs {
		if keys[p] != nil {
			ids = append(ids, p)
		}
	}
	res.rankKeys()
	slices.SortFunc(ids, res.compareKeys)
	ix.Grow(len(ids))
	for _, p := range ids {
		if _, err := ix.Add(keys[p]); err != nil {
			return nil, err
		}
	}
	// The index holds the band keys now. Collecting here, between the
	// stages, frees them and the signing's garbage before the pairs are
	// found, rather than letting the heap grow to twice the signed corpus
	// first: measured on the 100 MB benchmark, 660 MB peak instead of
	// 735 MB, for about 0.1 s.
	b.keys, keys = nil, nil
	runtime.GC()

	// Pairs within a document, or of documents too far apart in time,
	// are dropped by the verifying workers, once a pair rather than once
	// a proposal, and off the goroutine that finds the pairs. The
	// verifier's units are index items; its links are turned into
	// paragraphs' below, as if the pairs had been proposed by paragraph.
	v := join.NewIndexVerifier(opts.Workers, ix, func(a, b int) (float32, float32, bool) {
		p, q := ids[a], ids[b]
		da, db := res.Paragraphs[p].Doc, res.Paragraphs[q].Doc
		if da == db || !res.near(opts, da, db) {
			return 0, 0, false
		}
		common, ok := opts.matchCommon(feats[p], feats[q])
		if !ok {
			return 0, 0, false
		}
		return float32(common) / float32(len(feats[p].Shingles)), float32(common) / float32(len(feats[q].Shingles)), true
	})
	for c := range ix.Candidates(opts.Workers) {
		v.AddCandidate(c)
	}
	links := v.Links()
	for i, l := range links {
		l.A, l.B = int32(ids[l.A]), int32(ids[l.B])
		if l.A > l.B {
			l.A, l.B, l.SA, l.SB = l.B, l.A, l.SB, l.SA
		}
		links[i] = l
	}
	// Likewise once the pairs are verified: the verifier's batches and
	// its set of pairs seen are gone, and the collector's next goal is set from what is
	// left rather than from the peak of verification. Measured on the
	// stress corpus, 1.33 GiB peak instead of 1.45 GiB, in the same
	// time; realnews does not change.
	runtime.GC()
	cross, err := b.translationLinks(ids, links)
	if err != nil {
		return nil, err
	}
	links = append(links, cross...)
	multi := join.Groups(len(res.Paragraphs), links, joinMembers{b}, opts.Workers)
	res.Clusters = b.build(multi, res.firsts(multi))
	res.SetBoilerplate(opts)
	res.order(res.Clusters)
	res.order(res.Boilerplate)
	res.explain(opts.Workers)
	return res, nil
}

// build makes the clusters of the groups multi on every worker, each
// taking the next group: finding a representative compares up to
// medoidSample squared pairs, a sixth of a scan's CPU on the stress
// corpus's large clusters. Pivot features are read once a paragraph,
// on whichever worker first needs them (pivotFeatures); each worker has
// its own memo of credits.
func (b *Builder) build(multi [][]int, firsts map[string]int) []Cluster {
	res := b.res
	all := make([]Cluster, len(multi))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(b.opts.Workers, 1) {
		wg.Go(func() {
			credits := res.newCredits()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(multi) {
					return
				}
				all[i] = res.build(multi[i], b.similarities, b.isTranslation, firsts, credits)
			}
		})
	}
	wg.Wait()
	return all
}

// Near reports whether documents dated a and b may be joined under
// Within: always when Within is 0 or either date is unknown, else when
// they lie at most Within apart. When either is a bare day (see
// compareDates), both are taken as their day, so with Within 24h a
// document of 5 March matches one of 4 or 6 March, at any hour.
func (o Options) Near(a, b time.Time) bool {
	if o.Within <= 0 || a.IsZero() || b.IsZero() {
		return true
	}
	if bareDay(a) || bareDay(b) {
		a, b = a.UTC().Truncate(24*time.Hour), b.UTC().Truncate(24*time.Hour)
	}
	d := a.Sub(b)
	return -o.Within <= d && d <= o.Within
}

// near is o.Near for documents da and db of r, which reads their dates
// only when Within is set: verification asks it for every candidate
// pair, and two documents' dates are two more loads from memory that
// is not in cache (0.5 s of CPU on the stress corpus, pprof).
func (r *Result) near(o Options, da, db int) bool {
	return o.Within <= 0 || o.Near(r.Docs[da].Date, r.Docs[db].Date)
}

// Match reports whether two paragraphs carry the same copy under o: the
// test Find applies to every candidate pair the LSH index proposes. The
// zero Options apply the defaults.
func (o Options) Match(a, b shingle.Features) bool {
	_, ok := o.matchCommon(a, b)
	return ok
}

// matchCommon is Match, with the number of shingles a and b share when
// they match.
func (o Options) matchCommon(a, b shingle.Features) (int, bool) {
	need := o.shared(len(a.Shingles), len(b.Shingles))
	if min(len(a.Shingles), len(b.Shingles)) < need {
		return 0, false
	}
	common := countCommon(a.Shingles, b.Shingles, need)
	if common < need || !numbersAgree(a.Numbers, b.Numbers) {
		return 0, false
	}
	return common, true
}

// shared returns the fewest common shingles that sets of sizes na and nb
// need to reach MinShared, the containment Threshold and MinJaccard: from
// c/min(na,nb) >= t and c/(na+nb-c) >= j, that is c >= j(na+nb)/(1+j).
// Zero fields take their defaults here, so that Match on the zero
// Options is the default test, not one that accepts anything.
func (o Options) shared(na, nb int) int {
	t, minShared, j := cmp.Or(o.Threshold, DefaultThreshold), cmp.Or(o.MinShared, DefaultMinShared), cmp.Or(o.MinJaccard, DefaultMinJaccard)
	need := max(minShared, int(math.Ceil(t*float64(min(na, nb))-1e-9)))
	if j > 0 {
		need = max(need, int(math.Ceil(j*float64(na+nb)/(1+j)-1e-9)))
	}
	return need
}

// Numbers. Copy keeps the numbers of its original: a reprint may drop
// some (a trimmed ending) or add its own (a local sentence), but the
// numbers of the shorter side are nearly all in the longer. Stories
// written on one template (recalls, earnings, market reports, results)
// share most shingles and differ in their numbers. So when both
// paragraphs state at least numbersToCompare numbers, at least
// numbersAgreement of the shorter list must recur in the other.
const (
	numbersToCompare = 2
	numbersAgreement = 0.5
)

// numbersAgree is the numbers test: true when either side states fewer
// than numbersToCompare numbers, else when numbersAgreement of the
// shorter list recur in the other.
func numbersAgree(a, b []uint64) bool {
	if min(len(a), len(b)) < numbersToCompare {
		return true
	}
	_, _, agree := Overlap(a, b)
	return agree >= numbersAgreement
}

// similarity is what the report shows for a member: its containment
// against the representative.
func similarity(a, b shingle.Features) float64 {
	_, _, c := Overlap(a.Shingles, b.Shingles)
	return c
}

// build makes a cluster of paragraphs: it picks the representative and
// measures every member against it.
func (r *Result) build(members []int, sim func(p, q int) (pq, qp float64), translated func(p, q int) bool, firsts map[string]int, credits *credits) Cluster {
	c := Cluster{Members: make([]Member, 0, len(members))}
	pool := members
	if c.Credit = credits.cluster(members); c.Credit != "" {
		var agency []int
		for _, p := range members {
			if Agency(r.Source(p)) == c.Credit {
				agency = append(agency, p)
			}
		}
		if len(agency) > 0 {
			pool, c.Credited = agency, true
		}
	}
	rep := r.representative(pool, members, sim, firsts)
	c.Origin = c.Credited || !r.Docs[r.Paragraphs[rep].Doc].Date.IsZero()
	for _, p := range members {
		m := Member{Paragraph: p, Similarity: 1, Translated: translated(p, rep), Credits: credits.doc(r.Paragraphs[p].Doc)}
		if p != rep {
			m.Similarity, _ = sim(p, rep)
		}
		c.Members = append(c.Members, m)
	}
	slices.SortFunc(c.Members, func(x, y Member) int {
		switch {
		case x.Paragraph == rep:
			return -1
		case y.Paragraph == rep:
			return 1
		}
		return r.compareMembers(x.Paragraph, y.Paragraph)
	})
	return c
}

// credits memoises Credits per document, and so reads the head and tail
// of only the documents that are in a cluster.
type credits struct {
	r     *Result
	byDoc map[int][]string
}

func (r *Result) newCredits() *credits { return &credits{r: r, byDoc: map[int][]string{}} }

// doc returns the agencies document d credits (Credits); read-only.
func (c *credits) doc(d int) []string {
	names, ok := c.byDoc[d]
	if !ok {
		names = Credits(c.r.Docs[d].Text)
		c.byDoc[d] = names
	}
	return names
}

// cluster returns the agency credited by most of the members'
// documents, the first in Credits order on a tie; "" when none credits
// one.
func (c *credits) cluster(members []int) string {
	count := map[string]int{}
	seen := map[int]bool{}
	for _, p := range members {
		d := c.r.Paragraphs[p].Doc
		if seen[d] {
			continue
		}
		seen[d] = true
		for _, a := range c.doc(d) {
			count[a]++
		}
	}
	best := ""
	for _, a := range agencies {
		if count[a.name] > count[best] {
			best = a.name
		}
	}
	return best
}

// medoidSample bounds the work of choosing among tied candidates: at most
// this many of them (the first in compareKeys order) are each compared
// with at most this many members.
const medoidSample = 64

// earliest returns the members with the earliest date (all members when
// none is dated).
func (r *Result) earliest(members []int) []int {
	date := func(p int) time.Time { return r.Docs[r.Paragraphs[p].Doc].Date }
	var first time.Time
	for _, p := range members {
		if d := date(p); !d.IsZero() && (first.IsZero() || compareDates(d, first) < 0) {
			first = d
		}
	}
	var tied []int
	for _, p := range members {
		if d := date(p); d.IsZero() == first.IsZero() && compareDates(d, first) == 0 {
			tied = append(tied, p)
		}
	}
	return tied
}

// firsts counts, per source, the clusters in which that source alone
// published first: a corpus-wide sign of which sources originate copy.
func (r *Result) firsts(groups [][]int) map[string]int {
	n := map[string]int{}
	for _, members := range groups {
		tied := r.earliest(members)
		src := r.Source(tied[0])
		alone := !r.Docs[r.Paragraphs[tied[0]].Doc].Date.IsZero()
		for _, p := range tied[1:] {
			alone = alone && r.Source(p) == src
		}
		if alone {
			n[src]++
		}
	}
	return n
}

// representative picks the likely origin among pool (the members of the
// credited agency, see build; else all members): among the candidates
// with the earliest date (all of pool when none is dated), the one
// closest to all the members (the highest sum of similarities, since
// each reprint departs from the original in edits of its own, summed
// over the first medoidSample members); then the one whose source most
// often publishes first elsewhere in the corpus (firsts); then the
// longest; then the first by document ID and paragraph. members must be
// sorted by compareKeys. With dates of one-day resolution the wire and
// its same-day reprints tie on date, and these rules pick the wire.
//
// The member that carries most of the others (the superset: the
// similarity scaled down by the length ratio when the candidate is the
// shorter) was tried in place of the sum of similarities, so that a
// reprint that dropped the wire's dateline would not win: on synd-dev
// it moved 216 of 505 representatives, mostly to reprints that had
// added a dateline, a credit line or a sentence of their own, and on
// xl-multi-dev 71 of 215 to a longer translation. The credit rule (see
// build) settles the dateline case instead.
//
// sim gives the similarity of p to q and of q to p. A pair of tied
// candidates is met from both sides, and read once: the search was a
// sixth of a scan's CPU on the stress corpus, where most members tie.
func (r *Result) representative(pool, members []int, sim func(p, q int) (pq, qp float64), firsts map[string]int) int {
	tied := r.earliest(pool)
	if len(tied) == 1 {
		return tied[0]
	}
	tied = tied[:min(len(tied), medoidSample)]
	sample := members[:min(len(members), medoidSample)]
	back := map[[2]int]float64{} // q's similarity to p, by (p, q), once p-q has been read
	best, bestSum := -1, -1.0
	for _, p := range tied {
		sum := 0.0
		for _, q := range sample {
			if q == p {
				continue
			}
			s, ok := back[[2]int{p, q}]
			if !ok {
				var qp float64
				s, qp = sim(p, q)
				back[[2]int{q, p}] = qp
			}
			sum += s
		}
		switch {
		case best < 0 || sum > bestSum+1e-9:
			best, bestSum = p, sum
		case sum < bestSum-1e-9:
		case firsts[r.Source(p)] != firsts[r.Source(best)]:
			if firsts[r.Source(p)] > firsts[r.Source(best)] {
				best = p
			}
		case r.Paragraphs[p].Words > r.Paragraphs[best].Words:
			best = p
		}
	}
	return best
}

// compareDates orders two publication dates. Many feeds give the day
// only, which reads as midnight UTC and would precede every timestamp of
// that day; so when either date is a bare day, only days are compared.
func compareDates(a, b time.Time) int {
	if bareDay(a) || bareDay(b) {
		ay, am, ad := a.UTC().Date()
		by, bm, bd := b.UTC().Date()
		return cmp.Or(cmp.Compare(ay, by), cmp.Compare(am, bm), cmp.Compare(ad, bd))
	}
	return a.Compare(b)
}

func bareDay(t time.Time) bool {
	u := t.UTC()
	return u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0
}

// compareMembers orders members by date (undated last), source, then
// document ID and paragraph (compareKeys).
func (r *Result) compareMembers(p, q int) int {
	dp, dq := r.Docs[r.Paragraphs[p].Doc].Date, r.Docs[r.Paragraphs[q].Doc].Date
	if dp.IsZero() != dq.IsZero() {
		if dp.IsZero() {
			return 1
		}
		return -1
	}
	if c := compareDates(dp, dq); c != 0 {
		return c
	}
	if c := cmp.Compare(r.Source(p), r.Source(q)); c != 0 {
		return c
	}
	return r.compareKeys(p, q)
}

// compareKeys orders paragraphs by their document's ID, then by their
// number in the document: keys that do not depend on the order the
// documents were read in. IDs are unique in a scan (the command drops
// repeats); the position in Result.Paragraphs breaks ties between
// documents that share one.
func (r *Result) compareKeys(p, q int) int {
	if r.keyRank != nil {
		return cmp.Compare(r.keyRank[p], r.keyRank[q])
	}
	pp, pq := &r.Paragraphs[p], &r.Paragraphs[q]
	if pp.Doc != pq.Doc {
		if c := cmp.Compare(r.Docs[pp.Doc].ID, r.Docs[pq.Doc].ID); c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(pp.Index, pq.Index), cmp.Compare(p, q))
}

// rankKeys numbers the paragraphs in compareKeys order (Result.keyRank),
// so that the stages after signing compare two numbers, not two
// document IDs: on the stress corpus, comparing IDs was 1.5 s of
// CPU in join.Groups alone (pprof). It runs once Docs and Paragraphs
// are final.
func (r *Result) rankKeys() {
	byDoc := make([][]int32, len(r.Docs))
	for p := range r.Paragraphs {
		d := r.Paragraphs[p].Doc
		byDoc[d] = append(byDoc[d], int32(p))
	}
	docs := make([]int, len(r.Docs))
	for d := range docs {
		docs[d] = d
	}
	slices.SortFunc(docs, func(a, b int) int { return cmp.Or(cmp.Compare(r.Docs[a].ID, r.Docs[b].ID), cmp.Compare(a, b)) })
	r.keyRank = nil // compareKeys on IDs, for the documents that share one
	rank := make([]int32, len(r.Paragraphs))
	next := int32(0)
	for i := 0; i < len(docs); {
		// The paragraphs of the documents with one ID, in compareKeys
		// order: most often one document's, in order already.
		j := i + 1
		for j < len(docs) && r.Docs[docs[j]].ID == r.Docs[docs[i]].ID {
			j++
		}
		var ps []int32
		for _, d := range docs[i:j] {
			ps = append(ps, byDoc[d]...)
		}
		slices.SortFunc(ps, func(p, q int32) int { return r.compareKeys(int(p), int(q)) })
		for _, p := range ps {
			rank[p] = next
			next++
		}
		i = j
	}
	r.keyRank = rank
}

// order sorts clusters most widely reused first (most sources, then most
// documents, then by their first member in compareKeys order, which is
// unique to a cluster) and numbers them from 1.
func (r *Result) order(cs []Cluster) {
	type key struct{ sources, docs, first int }
	keys := make(map[int]key, len(cs)) // by first member paragraph, unique per cluster
	for _, c := range cs {
		srcs, docs := map[string]bool{}, map[int]bool{}
		first := c.Members[0].Paragraph
		for _, m := range c.Members {
			srcs[r.Source(m.Paragraph)] = true
			docs[r.Paragraphs[m.Paragraph].Doc] = true
			if r.compareKeys(m.Paragraph, first) < 0 {
				first = m.Paragraph
			}
		}
		keys[c.Members[0].Paragraph] = key{len(srcs), len(docs), first}
	}
	slices.SortFunc(cs, func(x, y Cluster) int {
		kx, ky := keys[x.Members[0].Paragraph], keys[y.Members[0].Paragraph]
		if c := cmp.Compare(ky.sources, kx.sources); c != 0 {
			return c
		}
		if c := cmp.Compare(ky.docs, kx.docs); c != 0 {
			return c
		}
		return r.compareKeys(kx.first, ky.first)
	})
	for i := range cs {
		cs[i].ID = i + 1
	}
}
