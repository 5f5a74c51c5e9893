package pivot

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

// Features are a paragraph in the pivot vocabulary: its content words,
// each as the set of pivot IDs it may stand for, and the union of those
// sets. Word order is gone on purpose: translations reorder words.
type Features struct {
	Lang string // language the words were read in

	// Terms are the distinct content words: term i may stand for any of
	// Cands[Ends[i-1]:Ends[i]] (Ends[-1] = 0). A translated word has its
	// English translations; an English word its stem; a capitalised word
	// its name key besides; a number its digits.
	Cands []uint64
	Ends  []uint32

	// IDs is the sorted set of all candidates: a term of another
	// paragraph is found in this one when one of its candidates is
	// among them (the pivot keys a paragraph is looked up by are Keys).
	IDs []uint64

	Numbers []uint64 // sorted set of number keys (also in IDs)
}

// Terms returns the number of terms.
func (f *Features) Terms() int { return len(f.Ends) }

// Term returns the candidates of term i.
func (f *Features) Term(i int) []uint64 {
	begin := uint32(0)
	if i > 0 {
		begin = f.Ends[i-1]
	}
	return f.Cands[begin:f.Ends[i]]
}

// Extractor turns paragraphs into Features. It keeps a cache of the
// words it has looked up, so one Extractor serves one goroutine.
type Extractor struct {
	cache  map[string]*wordCache // lang -> the words of lang looked up (no candidates: not a content word)
	cached int                   // words in cache
	firsts []uint64              // the first candidate of each term, to drop repeated terms
	seen   map[uint64]struct{}   // firsts as a set, once there are more than linearTerms
	cands  []uint64              // Features' scratch: the candidates of the terms so far
	ends   []uint32              // and their ends
}

// linearTerms is the most terms looked up by linear search for repeats:
// paragraphs have tens of terms, where a search is cheaper than a map,
// but an untrusted paragraph may have millions.
const linearTerms = 64

// maxSeenKept is the largest set of terms reset empties for the next
// paragraph rather than drops: emptying a map costs its capacity, and
// an untrusted paragraph may have millions of terms, but making one
// anew for every paragraph of more than linearTerms terms was a twentieth
// of a two-language scan's key reading.
const maxSeenKept = 1 << 12

// reset empties the term set for a new paragraph.
func (x *Extractor) reset() {
	x.firsts = x.firsts[:0]
	switch n := len(x.seen); {
	case n > maxSeenKept:
		x.seen = nil
	case n > 0:
		clear(x.seen)
	}
}

// addTerm records a term by its first candidate c; false when the
// paragraph has it already.
func (x *Extractor) addTerm(c uint64) bool {
	if len(x.firsts) < linearTerms {
		if slices.Contains(x.firsts, c) {
			return false
		}
	} else {
		if len(x.seen) == 0 {
			if x.seen == nil {
				x.seen = make(map[uint64]struct{}, 2*linearTerms)
			}
			for _, f := range x.firsts {
				x.seen[f] = struct{}{}
			}
		}
		if _, ok := x.seen[c]; ok {
			return false
		}
		x.seen[c] = struct{}{}
	}
	x.firsts = append(x.firsts, c)
	return true
}

// cacheSize bounds an Extractor's cache: news vocabulary repeats, and a
// few hundred thousand words hold nearly every word of a large corpus;
// past that the cache starts again rather than grow without end.
const cacheSize = 1 << 18

// NewExtractor returns an Extractor.
func NewExtractor() *Extractor {
	return &Extractor{cache: map[string]*wordCache{}}
}

// Features returns the features of text read as lang (a code of
// Languages; English rules apply to any other). It returns an error only
// when an embedded lexicon cannot be read.
func (x *Extractor) Features(text, lang string) (Features, error) {
	f := Features{Lang: lang}
	lex, err := load(lang)
	if err != nil {
		return f, err
	}
	x.reset()
	// The terms are gathered in the Extractor's scratch and copied out
	// at their final sizes: growing each paragraph's slices from empty
	// was a tenth of a scan's translation stage.
	x.cands, x.ends = x.cands[:0], x.ends[:0]
	cache := x.langCache(lang)
	for w := range words(text) {
		cands := x.lookup(cache, lex, lang, w)
		if len(cands) == 0 || !x.addTerm(cands[0]) {
			continue
		}
		x.cands = append(x.cands, cands...)
		x.ends = append(x.ends, uint32(len(x.cands)))
		if w.number {
			f.Numbers = append(f.Numbers, cands[0])
		}
	}
	if len(x.ends) == 0 {
		return f, nil
	}
	// One allocation holds Cands and IDs.
	both := make([]uint64, 2*len(x.cands))
	f.Cands = both[:len(x.cands):len(x.cands)]
	copy(f.Cands, x.cands)
	f.Ends = slices.Clone(x.ends)
	ids := both[len(x.cands):]
	copy(ids, x.cands)
	slices.Sort(ids)
	f.IDs = slices.Clip(slices.Compact(ids))
	slices.Sort(f.Numbers)
	return f, nil
}

// Keys returns the keys of text read as lang: the sorted set of its
// terms' first candidates, as Features(text, lang).Keys(1) gives them,
// without the rest of the features.
func (x *Extractor) Keys(text, lang string) ([]uint64, error) {
	keys, err := x.LookupKeys(text, lang)
	if err != nil {
		return nil, err
	}
	keys = slices.Clone(keys)
	slices.Sort(keys)
	return keys, nil
}

// LookupKeys returns the keys of text read as lang, as Keys does, but
// in the order the terms come and in the Extractor's scratch space,
// which its next call reuses: keys to look up once (KeyIndex.Candidates
// does not need them sorted), without the copy and the sort, which were
// a fifth of reading a paragraph's keys.
func (x *Extractor) LookupKeys(text, lang string) ([]uint64, error) {
	lex, err := load(lang)
	if err != nil {
		return nil, err
	}
	x.reset()
	cache := x.langCache(lang)
	for w := range words(text) {
		if cands := x.lookup(cache, lex, lang, w); len(cands) > 0 {
			x.addTerm(cands[0])
		}
	}
	return x.firsts, nil
}

// langCache returns the cache of words read as lang.
func (x *Extractor) langCache(lang string) *wordCache {
	c := x.cache[lang]
	if c == nil {
		c = &wordCache{}
		x.cache[lang] = c
	}
	return c
}

// lookup returns the candidates of a word read as lang, nil for a
// function word, through cache, the words of lang looked up before. The
// cache is keyed by the word's 64-bit hash rather than the word: a
// string key costs a comparison of the word's bytes on every hit, and
// the lookups were a tenth of a two-language scan's CPU. Two words of a
// cache (at most cacheSize) share a hash with a probability of about
// 2^-29, and then one would be read as the other.
func (x *Extractor) lookup(cache *wordCache, lex *lexicon, lang string, w word) []uint64 {
	if w.number {
		return []uint64{numberID(NumberKey(w.text))}
	}
	h := xxh3.HashString(w.text)
	if c, ok := cache.get(h); ok {
		return c
	}
	c := candidates(lex, lang, w.text)
	if x.cached >= cacheSize {
		for _, c := range x.cache {
			c.reset()
		}
		x.cached = 0
	}
	x.cached++
	return cache.put(h, c)
}

// minWordLen: one-letter words are initials, elided articles (l', d')
// or list markers, not content. maxWordLen: no word of a dictionary is
// longer (German compounds reach about 40 letters), and compound
// splitting is quadratic in a word's length, so longer runs of letters
// (base64, garbage) are not content either.
const (
	minWordLen = 2
	maxWordLen = 64
)

// candidates returns the pivot IDs a word may stand for.
func candidates(lex *lexicon, lang, w string) []uint64 {
	if n := utf8.RuneCountInString(w); n < minWordLen || n > maxWordLen {
		return nil
	}
	lw := strings.ToLower(w)
	if IsStopword(lang, lw) {
		return nil
	}
	var c []uint64
	switch {
	case lang == "en" || lex == nil:
		c = append(c, pivotID(Stem("en", Latin(lw))))
	default:
		if t, ok := lookupStem(lex, lang, lw); ok {
			c = append(c, t...)
		} else if t := splitCompound(lex, lang, lw); t != nil {
			c = append(c, t...)
		} else {
			// Not in the dictionary: most such words in news are
			// names, loanwords and international words (Internet,
			// Pipeline, Stoltenberg), so the English stem of the
			// word as spelt is its best guess.
			c = append(c, pivotID(Stem("en", Latin(lw))))
		}
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		if k := NameKey(w); k != "" {
			c = append(c, nameID(k))
		}
	}
	return c
}

// lookupStem looks up a word's stem; for German, whose stemmer leaves the
// -t of weak past forms (sagte, sagten -> sagt) where the infinitive has
// none (sagen -> sag), the stem without it too.
func lookupStem(lex *lexicon, lang, lw string) ([]uint64, bool) {
	stem, ok := formKey(lang, lw)
	if !ok {
		stem = Stem(lang, lw)
	}
	if t, ok := lex.lookup(stem); ok {
		return t, true
	}
	if lang == "de" && strings.HasSuffix(stem, "t") && len(stem) > minPart {
		return lex.lookup(stem[:len(stem)-1])
	}
	return nil, false
}

// compounding lists the languages that write compounds as one word
// (Verteidigungsminister, ministerraad, försvarsminister).
var compounding = map[string]bool{"de": true, "nl": true, "sv": true, "da": true}

// minPart is the shortest head or tail of a split compound: shorter
// parts ("ab", "ein") match by chance.
const minPart = 4

// splitCompound finds the longest known tail of a compound and returns
// the candidates of its head (when known, a linking s or e dropped) and
// tail; nil when no split is found.
func splitCompound(lex *lexicon, lang, lw string) []uint64 {
	if !compounding[lang] || len(lw) < 2*minPart {
		return nil
	}
	for i := minPart; i <= len(lw)-minPart; i++ {
		if !utf8.RuneStart(lw[i]) {
			continue
		}
		tail, ok := lookupStem(lex, lang, lw[i:])
		if !ok {
			continue
		}
		c := slices.Clone(tail)
		head := lw[:i]
		for _, h := range []string{head, strings.TrimSuffix(head, "s"), strings.TrimSuffix(head, "e")} {
			if t, ok := lex.lookup(Stem(lang, h)); ok && len(h) >= minPart {
				c = append(c, t...)
				break
			}
		}
		return c
	}
	return nil
}

// Compare measures how much two paragraphs share in the pivot
// vocabulary: the share of a's terms with a candidate among b's IDs, the
// same for b, and the number of a's terms that match. Word order does
// not matter, and a word with several translations matches when any of
// them is there.
//
// A term of a has a candidate among b's IDs exactly when it has one
// among the IDs both share, which one merge of the two sorted sets
// finds; the terms are then tested against that set, most often a few
// IDs or none, instead of against b's. (Testing each term against b's
// IDs by binary search was a third of a scan's time on the stress
// corpus, where every paragraph has thousands of candidates.)
func Compare(a, b *Features) (inA, inB float64, shared int) {
	var buf [64]uint64
	both := intersect(buf[:0], a.IDs, b.IDs)
	if len(both) == 0 {
		return 0, 0, 0
	}
	var ma, mb int
	if len(both) > maxFiltered {
		var set idSet // cleared here only: 2 KiB
		if set.fill(both) {
			ma, mb = matchedSet(a, &set), matchedSet(b, &set)
			return share(ma, a.Terms()), share(mb, b.Terms()), min(ma, mb)
		}
	}
	var f idFilter
	for _, id := range both {
		f.add(id)
	}
	ma, mb = matchedFiltered(a, both, &f), matchedFiltered(b, both, &f)
	return share(ma, a.Terms()), share(mb, b.Terms()), min(ma, mb)
}

// maxFiltered is the most shared IDs Compare tests candidates against
// through an idFilter and a search; more are put in an idSet (as long as
// it holds them). Measured with BenchmarkCompare (pairs of 40 terms), in
// one session: the filter alone took 345 ns a pair sharing 2 terms and
// 860 ns a pair sharing 30 (its searches), the set alone 640 and 540.
const maxFiltered = 16

// matchedFiltered returns the number of terms of a with a candidate in
// the sorted set both, f being its filter.
func matchedFiltered(a *Features, both []uint64, f *idFilter) int {
	n, begin := 0, uint32(0)
	for _, end := range a.Ends {
		for _, c := range a.Cands[begin:end] {
			if f.mayHave(c) && contains(both, c) {
				n++
				break
			}
		}
		begin = end
	}
	return n
}

// matchedSet returns the number of terms of a with a candidate in s.
func matchedSet(a *Features, s *idSet) int {
	n, begin := 0, uint32(0)
	for _, end := range a.Ends {
		for _, c := range a.Cands[begin:end] {
			if s.has(c) {
				n++
				break
			}
		}
		begin = end
	}
	return n
}

// idFilter is a 256-bit filter of a few IDs: an ID whose bit is not set
// is not among them. Testing a term's candidates against a few IDs two
// paragraphs share costs a multiplication and a bit test each, and a
// search for the few that pass, where an idSet must be cleared first
// (2 KiB for every pair).
type idFilter [4]uint64

func (f *idFilter) add(id uint64) {
	s := slotOf(id)
	f[s>>6] |= 1 << (s & 63)
}

func (f *idFilter) mayHave(id uint64) bool {
	s := slotOf(id)
	return f[s>>6]&(1<<(s&63)) != 0
}

// idSet is a small hash set of IDs (open addressing, linear probing),
// on the stack: testing a term's candidates against the IDs two
// paragraphs share costs a probe or two each instead of a binary search.
type idSet struct {
	slot [idSlots]uint64
	used [idSlots]bool
}

// idSlots is the table size: a set holds at most half as many IDs.
const idSlots = 256

// fill puts ids in the set, or reports false, leaving it unusable, when
// there are too many.
func (s *idSet) fill(ids []uint64) bool {
	if 2*len(ids) > idSlots {
		return false
	}
	for _, id := range ids {
		i := slotOf(id)
		for s.used[i] {
			i = (i + 1) % idSlots
		}
		s.slot[i], s.used[i] = id, true
	}
	return true
}

func (s *idSet) has(id uint64) bool {
	for i := slotOf(id); s.used[i]; i = (i + 1) % idSlots {
		if s.slot[i] == id {
			return true
		}
	}
	return false
}

// slotOf spreads IDs (hashes already, but of few bits' worth of
// difference in places) over 256 slots or bits: Fibonacci hashing, the
// top 8 bits of the product.
func slotOf(id uint64) uint { return uint((id * 0x9e3779b97f4a7c15) >> 56) }

// contains reports whether the sorted set ids holds id: a scan of a few
// IDs, a binary search of more.
func contains(ids []uint64, id uint64) bool {
	if len(ids) <= 8 {
		return slices.Contains(ids, id)
	}
	_, ok := slices.BinarySearch(ids, id)
	return ok
}

// intersect appends to dst the values two sorted sets share, in order.
// Like cluster's count of common shingles, the merge takes no branch on
// the values, whose order the processor cannot predict: a shared value
// is written in any case and kept by moving on past it. The stress
// corpus spent 2.8 s of CPU here with a branch for each comparison
// (pprof), most of it in mispredictions.
func intersect(dst, a, b []uint64) []uint64 {
	n := len(dst)
	out := dst[:cap(dst)]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if n == len(out) { // full: rare, dst is sized for the common case
			out = append(out, 0)
			out = out[:cap(out)]
		}
		x, y := a[i], b[j]
		out[n] = x
		n += b2i(x == y)
		i += b2i(x <= y)
		j += b2i(y <= x)
	}
	return out[:n]
}

// b2i is 1 for true and 0 for false, which the compiler makes a flag
// copy (SETcc), not a branch.
func b2i(c bool) int {
	if c {
		return 1
	}
	return 0
}

func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Range is a passage of a text: bytes [Begin, End).
type Range struct{ Begin, End int }

// Shared returns the passages of text (read as lang) made of content
// words that have a candidate among other's IDs, adjacent ones joined
// when only function words or punctuation lie between them, with the
// number of content words inside them and in all. It explains a
// cross-language match: the names, numbers and translated words the two
// paragraphs share.
func (x *Extractor) Shared(text, lang string, other *Features) (spans []Range, shared, total int, err error) {
	lex, err := load(lang)
	if err != nil {
		return nil, 0, 0, err
	}
	gap := false // a content word not shared since the last span
	cache := x.langCache(lang)
	for w := range words(text) {
		cands := x.lookup(cache, lex, lang, w)
		if len(cands) == 0 {
			continue
		}
		total++
		if !anyIn(cands, other.IDs) {
			gap = true
			continue
		}
		shared++
		if n := len(spans); n > 0 && !gap {
			spans[n-1].End = w.end
		} else {
			spans = append(spans, Range{w.begin, w.end})
		}
		gap = false
	}
	return spans, shared, total, nil
}

// anyIn reports whether any of cands is in the sorted set ids.
func anyIn(cands, ids []uint64) bool {
	for _, c := range cands {
		if len(ids) <= 8 { // a few shared IDs: a scan is cheaper than a search
			if slices.Contains(ids, c) {
				return true
			}
		} else if _, ok := slices.BinarySearch(ids, c); ok {
			return true
		}
	}
	return false
}

// Keys returns the sorted set of each term's first k candidates: the
// pivot keys a paragraph is looked up by, as they are (not signed or
// banded): a scan's cross-language stage finds candidate pairs in
// posting lists of them, an archive files a paragraph under them (see
// package cluster).
func (f *Features) Keys(k int) []uint64 {
	out := make([]uint64, 0, len(f.Ends)*k)
	for i := range f.Terms() {
		t := f.Term(i)
		out = append(out, t[:min(k, len(t))]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
