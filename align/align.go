// Package align finds the passages two texts share, word by word, and
// locates them in the texts as written: byte ranges that cover whole
// words, so that a reprint's dateline, credit line or inserted sentence
// lies outside them and a trimmed ending shows as missing.
//
// Words. A text is cut into words by the Unicode word-boundary rules
// (UAX #29, the segmentation shingle uses), keeping the tokens that hold a
// letter or a digit, each with its byte range in the text as given. Words
// are compared in the form shingle gives them (shingle.Normalize: quotes,
// apostrophes and dashes folded, NFKC, full case folding), so "Straße" and
// "STRASSE", or "don’t" and "don't", are one word, while punctuation,
// spacing and line ends (\n or \r\n) never take part.
//
// Alignment is seed-and-extend, as in BLAST, on words instead of letters:
//
//  1. Seeds: every run of Seed equal words (the shingle size, so that each
//     shared shingle gives a seed), found by sorting the hashed runs of
//     both texts. A run that would pair up more than MaxSeedPairs times
//     (a refrain repeated in both texts) is left out, which bounds the
//     seeds at MaxSeedPairs per word.
//  2. Chain: the longest chain of seeds that runs forward in both texts
//     (a longest increasing subsequence, O(m log m) for m seeds). Seeds
//     that cross the chain are chance matches of common phrases.
//  3. Blocks: chained seeds on one diagonal that touch make one block of
//     equal words; a seed that overlaps the block before it is cut to the
//     words after it.
//  4. Extend: each block grows outwards into the words between it and its
//     neighbours (or the ends of the texts) by the best-scoring alignment
//     of those words: +1 for an equal word, -1 for each changed, inserted
//     or dropped word, at most MaxGap words off the block's diagonal,
//     given up once the score falls more than XDrop below its best. The extension
//     stops at its best score, the first reached, so a word that happens
//     to be equal after a changed one does not lengthen a passage, while
//     "said Tuesday night" against "announced Tuesday night" does.
//  5. Join: consecutive blocks with at most MaxGap words between them in
//     each text are one passage: a substituted word, a synonym of one or
//     two words, a dropped word. A longer insertion (a sentence) splits
//     the passage in two.
//  6. Drop: passages of fewer than MinSpan words in either text are
//     chance (a "said on Tuesday" in two different sentences).
//
// A span covers its words from the first word's first byte to the last
// word's last byte: the punctuation and spaces around it are outside,
// those between its words inside. Coverage counts words: the words inside
// a text's spans, over the words of the text.
//
// Cost. Tokenising is linear in the text; seeding sorts the runs of both
// texts, O(n log n) in their words; the chain is O(m log m) in the seeds
// (m <= MaxSeedPairs·n); extension does at most (2·MaxGap+1) comparisons
// per word it looks at and stops XDrop words past the last gain. No step
// is quadratic, however long the texts.
package align

import (
	"cmp"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
	"github.com/zeebo/xxh3"

	"github.com/wirecopy/wirecopy/shingle"
)

// Tuning constants; the package comment gives the algorithm they tune.
const (
	// Seed is the run of equal words that anchors an alignment: the
	// shingle size, since the paragraphs compared were matched on shared
	// three-word shingles and each of those is then a seed. Two words
	// would seed on every "of the".
	Seed = shingle.DefaultSize

	// MaxSeedPairs: a run found a times in one text and b times in the
	// other gives a·b seeds; runs with a·b above this are left out. 16
	// keeps a phrase said four times in each text and bounds the seeds at
	// 16 per word on degenerate input (a line repeated a thousand times).
	MaxSeedPairs = 16

	// MaxGap is the most words a passage may skip in either text and stay
	// one passage: a substituted word, a two-word synonym ("said" for
	// "told reporters"), a dropped "on". Three words would bridge short
	// inserted clauses ("in a statement"), which are the outlet's own.
	MaxGap = 2

	// XDrop is how far below its best score an extension may fall before
	// it is given up: room to look past two changed words in a row, not
	// three (a passage that goes on after three changed words has a seed
	// there and is joined or extended from that side).
	XDrop = 2

	// MinSpan is the fewest words a passage needs in each text: one more
	// than a seed, so that one common three-word phrase ("said on
	// Tuesday") in sentences that differ otherwise is not a passage.
	MinSpan = Seed + 1
)

// Word is a word of a text: bytes [Begin, End) of the text as given, and
// the hash of its normalised form. Words are equal when their hashes are.
type Word struct {
	Begin, End int
	Hash       uint64
}

// Range is a run of whole words of a text: words [From, To) of its Words
// and bytes [Begin, End) of the text, from the first word's first byte to
// the last word's last byte.
type Range struct {
	From, To   int // word indexes
	Begin, End int // byte offsets
}

// Words returns the number of words in r.
func (r Range) Words() int { return r.To - r.From }

func (r Range) String() string {
	return fmt.Sprintf("words %d-%d bytes %d-%d", r.From, r.To, r.Begin, r.End)
}

// Span is a passage two texts share: its place in the first text (A) and
// in the second (B). The two ranges may differ in length by the words a
// passage skips (see MaxGap).
type Span struct {
	A, B Range
}

func (s Span) String() string {
	return fmt.Sprintf("A[%d:%d] B[%d:%d] (%d/%d words)", s.A.Begin, s.A.End, s.B.Begin, s.B.End, s.A.Words(), s.B.Words())
}

// Aligner tokenises and aligns texts. It keeps scratch buffers, so one
// Aligner must not be used by two goroutines at once; make one per
// goroutine. The zero value is not ready: use New.
type Aligner struct {
	sh     *shingle.Shingler
	tokens *words.Iterator[string]
	lower  []byte

	ga, gb  []gram
	matches []match
	tails   []int32
	pred    []int32
	blocks  []block
}

// New returns an Aligner.
func New() *Aligner {
	return &Aligner{sh: shingle.New(shingle.Options{}), tokens: words.FromString("")}
}

// Words returns the words of text, newly allocated.
func (a *Aligner) Words(text string) []Word { return a.AppendWords(nil, text) }

// AppendWords appends the words of text to dst and returns the extended
// slice.
func (a *Aligner) AppendWords(dst []Word, text string) []Word {
	a.tokens.SetText(text)
	for a.tokens.Next() {
		tok := a.tokens.Value()
		if shingle.IsWord(tok) {
			dst = append(dst, Word{Begin: a.tokens.Start(), End: a.tokens.End(), Hash: a.hash(tok)})
		}
	}
	a.tokens.SetText("")
	return dst
}

// hash returns the hash of tok's normalised form. An ASCII word is
// lower-cased in a scratch buffer, which is what shingle.Normalize does to
// ASCII text (TestHashAgreesWithNormalize holds it to that), without
// allocating a string per word.
func (a *Aligner) hash(tok string) uint64 {
	for i := 0; i < len(tok); i++ {
		if tok[i] >= utf8.RuneSelf {
			return xxh3.HashString(a.sh.Normalize(tok))
		}
	}
	a.lower = a.lower[:0]
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		a.lower = append(a.lower, c)
	}
	return xxh3.Hash(a.lower)
}

// gram is a run of Seed words: its hash and the index of its first word.
type gram struct {
	hash uint64
	pos  int32
}

// match is a seed: the run at word i of A equals the run at word j of B.
type match struct{ i, j int32 }

// block is a passage being built: words [a0, a1) of A against [b0, b1)
// of B.
type block struct{ a0, a1, b0, b1 int }

// Align returns the passages that x (text A) and y (text B) share, in
// order; both advance through their texts. x and y come from Words or
// AppendWords of the two texts. The result is newly allocated.
func (a *Aligner) Align(x, y []Word) []Span {
	a.seeds(x, y)
	chain := a.chain()
	a.blocks = a.blocks[:0]
	for _, m := range chain {
		a.addSeed(x, y, int(m.i), int(m.j))
	}
	a.extend(x, y)
	a.join()
	var spans []Span
	for _, b := range a.blocks {
		if b.a1-b.a0 < MinSpan || b.b1-b.b0 < MinSpan {
			continue
		}
		spans = append(spans, Span{A: rangeOf(x, b.a0, b.a1), B: rangeOf(y, b.b0, b.b1)})
	}
	return spans
}

func rangeOf(ws []Word, from, to int) Range {
	return Range{From: from, To: to, Begin: ws[from].Begin, End: ws[to-1].End}
}

// grams returns the hashed runs of Seed words of ws, sorted by hash, then
// by position.
func grams(dst []gram, ws []Word) []gram {
	dst = dst[:0]
	for i := 0; i+Seed <= len(ws); i++ {
		var h uint64
		for _, w := range ws[i : i+Seed] {
			h = (h ^ w.Hash) * 0x9e3779b97f4a7c15
			h ^= h >> 29
		}
		dst = append(dst, gram{hash: h, pos: int32(i)})
	}
	slices.SortFunc(dst, func(p, q gram) int {
		return cmp.Or(cmp.Compare(p.hash, q.hash), cmp.Compare(p.pos, q.pos))
	})
	return dst
}

// seeds fills a.matches with the seeds of x and y, sorted by position in
// A, then by position in B from last to first (so that a chain strictly
// increasing in B takes at most one seed per word of A).
func (a *Aligner) seeds(x, y []Word) {
	a.ga = grams(a.ga, x)
	a.gb = grams(a.gb, y)
	a.matches = a.matches[:0]
	ga, gb := a.ga, a.gb
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i].hash < gb[j].hash:
			i++
		case ga[i].hash > gb[j].hash:
			j++
		default:
			h := ga[i].hash
			ei, ej := i, j
			for ei < len(ga) && ga[ei].hash == h {
				ei++
			}
			for ej < len(gb) && gb[ej].hash == h {
				ej++
			}
			if (ei-i)*(ej-j) <= MaxSeedPairs {
				for _, p := range ga[i:ei] {
					for _, q := range gb[j:ej] {
						a.matches = append(a.matches, match{p.pos, q.pos})
					}
				}
			}
			i, j = ei, ej
		}
	}
	slices.SortFunc(a.matches, func(p, q match) int {
		return cmp.Or(cmp.Compare(p.i, q.i), cmp.Compare(q.j, p.j))
	})
}

// chain returns the longest run of a.matches strictly increasing in both
// texts (patience sorting with back links). It reuses a.matches.
func (a *Aligner) chain() []match {
	ms := a.matches
	a.tails = a.tails[:0]
	a.pred = slices.Grow(a.pred[:0], len(ms))[:len(ms)]
	for k, m := range ms {
		// The first tail whose seed is not below m in B.
		p, _ := slices.BinarySearchFunc(a.tails, m.j, func(t int32, j int32) int {
			return cmp.Compare(ms[t].j, j)
		})
		a.pred[k] = -1
		if p > 0 {
			a.pred[k] = a.tails[p-1]
		}
		if p == len(a.tails) {
			a.tails = append(a.tails, int32(k))
		} else {
			a.tails[p] = int32(k)
		}
	}
	if len(a.tails) == 0 {
		return nil
	}
	n := len(a.tails)
	chain := make([]match, n)
	for k := a.tails[n-1]; k >= 0; k = a.pred[k] {
		n--
		chain[n] = ms[k]
	}
	return chain
}

// addSeed adds the chained seed at (i, j) to a.blocks: it lengthens the
// last block when on its diagonal and touching it, else starts a block
// with the seed's words that come after the last block in both texts.
func (a *Aligner) addSeed(x, y []Word, i, j int) {
	end := i + Seed // the seed's end in A; its end in B is j + Seed
	if n := len(a.blocks); n > 0 {
		last := &a.blocks[n-1]
		if j-i == last.b0-last.a0 && i <= last.a1 {
			if end > last.a1 && equalRun(x, y, last.a1, last.b1, end-last.a1) {
				last.b1 += end - last.a1
				last.a1 = end
			}
			return
		}
		d := max(0, last.a1-i, last.b1-j)
		if d >= Seed {
			return
		}
		i, j = i+d, j+d
	}
	// Equal hashes of the runs make equal words but for a hash
	// collision, which this rules out.
	if !equalRun(x, y, i, j, end-i) {
		return
	}
	a.blocks = append(a.blocks, block{a0: i, a1: end, b0: j, b1: j + end - i})
}

// equalRun reports whether n words of x from i equal n words of y from j.
func equalRun(x, y []Word, i, j, n int) bool {
	for k := range n {
		if x[i+k].Hash != y[j+k].Hash {
			return false
		}
	}
	return true
}

// extend grows every block into the words around it, bounded by its
// neighbours: leftwards as far as the block before it has grown, and
// rightwards as far as the block after it starts.
func (a *Aligner) extend(x, y []Word) {
	for k := range a.blocks {
		b := &a.blocks[k]
		loA, loB := 0, 0
		if k > 0 {
			loA, loB = a.blocks[k-1].a1, a.blocks[k-1].b1
		}
		a0, b0 := b.a0, b.b0
		da, db := grow(func(r, c int) bool { return x[a0-r].Hash == y[b0-c].Hash }, a0-loA, b0-loB)
		b.a0, b.b0 = a0-da, b0-db

		hiA, hiB := len(x), len(y)
		if k+1 < len(a.blocks) {
			hiA, hiB = a.blocks[k+1].a0, a.blocks[k+1].b0
		}
		a1, b1 := b.a1, b.b1
		da, db = grow(func(r, c int) bool { return x[a1+r-1].Hash == y[b1+c-1].Hash }, hiA-a1, hiB-b1)
		b.a1, b.b1 = a1+da, b1+db
	}
}

// grow finds the best extension of a block into na words of A and nb
// words of B beyond its edge, where eq(r, c) compares the r-th word out
// in A with the c-th word out in B (from 1). It aligns them by dynamic
// programming in a band of MaxGap words either side of the block's
// diagonal: +1 for an equal word, -1 for a changed, inserted or dropped
// one. It stops when a whole row falls more than XDrop below the best
// score and returns the words taken in each text at the first point of
// best score; (0, 0) when nothing scores above 0.
func grow(eq func(r, c int) bool, na, nb int) (ra, rb int) {
	const width = 2*MaxGap + 1 // cell d of a row is c = r + d - MaxGap
	const none = -1 << 30
	var prev, cur [width]int
	for d := range prev {
		prev[d] = none
		if c := d - MaxGap; c >= 0 && c <= nb {
			prev[d] = -c // row 0: words of B skipped
		}
	}
	best := 0
	for r := 1; r <= na; r++ {
		rowMax := none
		for d := range cur {
			cur[d] = none
			c := r + d - MaxGap
			if c < 0 || c > nb {
				continue
			}
			h := none
			if c >= 1 && prev[d] > none { // from (r-1, c-1): a pair of words
				if eq(r, c) {
					h = prev[d] + 1
				} else {
					h = prev[d] - 1
				}
			}
			if d+1 < width && prev[d+1] > none { // from (r-1, c): a word of A skipped
				h = max(h, prev[d+1]-1)
			}
			if d > 0 && cur[d-1] > none { // from (r, c-1): a word of B skipped
				h = max(h, cur[d-1]-1)
			}
			cur[d] = h
			rowMax = max(rowMax, h)
			if h > best {
				best, ra, rb = h, r, c
			}
		}
		if rowMax < best-XDrop {
			break
		}
		prev = cur
	}
	return ra, rb
}

// join makes one block of consecutive blocks at most MaxGap words apart
// in both texts.
func (a *Aligner) join() {
	out := a.blocks[:0]
	for _, b := range a.blocks {
		if n := len(out); n > 0 && b.a0-out[n-1].a1 <= MaxGap && b.b0-out[n-1].b1 <= MaxGap {
			out[n-1].a1, out[n-1].b1 = b.a1, b.b1
			continue
		}
		out = append(out, b)
	}
	a.blocks = out
}

// Covered returns the number of words inside rs, which must be sorted by
// From and not overlap (as the A or the B ranges of one Align are).
func Covered(rs []Range) int {
	n := 0
	for _, r := range rs {
		n += r.Words()
	}
	return n
}

// Union sorts rs and merges the ranges that overlap or touch (word k
// ending one, word k starting the next), in place, and returns the merged
// ranges: the words of a text that any of several alignments covers.
func Union(rs []Range) []Range {
	slices.SortFunc(rs, func(p, q Range) int { return cmp.Or(cmp.Compare(p.From, q.From), cmp.Compare(p.To, q.To)) })
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 && r.From <= out[n-1].To {
			if r.To > out[n-1].To {
				out[n-1].To, out[n-1].End = r.To, r.End
			}
			continue
		}
		out = append(out, r)
	}
	return out
}
