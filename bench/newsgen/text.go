package main

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// zipf draws indexes 0..n-1 with probability proportional to 1/(i+q)^s, in
// constant time by Vose's alias method: one random number picks a column
// and decides between the column and its alias.
type zipf struct {
	prob  []uint64 // chance, scaled to 1<<32, of keeping column i
	alias []int32  // the other index sharing column i
}

func newZipf(n int, s, q float64) zipf {
	w := make([]float64, n)
	sum := 0.0
	for i := range w {
		w[i] = math.Pow(float64(i)+q, -s)
		sum += w[i]
	}
	z := zipf{prob: make([]uint64, n), alias: make([]int32, n)}
	var small, large []int
	for i := range w {
		w[i] *= float64(n) / sum
		if w[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		z.prob[s] = uint64(w[s] * (1 << 32))
		z.alias[s] = int32(l)
		w[l] -= 1 - w[s]
		if w[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) { // leftovers are 1 up to rounding
		z.prob[i] = 1 << 32
		z.alias[i] = int32(i)
	}
	return z
}

func (z zipf) draw(r *rand.Rand) int {
	x := r.Uint64()
	i := (x & 0xffffffff) * uint64(len(z.prob)) >> 32
	if x>>32 < z.prob[i] {
		return int(i)
	}
	return int(z.alias[i])
}

// list is a vocabulary list with its sampler.
type list struct {
	words []string
	z     zipf
}

func newList(words []string, s float64) list { return list{words, newZipf(len(words), s, zipfOffset)} }

func (l list) pick(r *rand.Rand) string { return l.words[l.z.draw(r)] }

type verb struct{ base, past, pres string }

type verbList struct {
	verbs []verb
	z     zipf
}

func newVerbs(s string) verbList {
	var vs []verb
	for _, l := range lines(s) {
		f := fields(l)
		vs = append(vs, verb{f[0], f[1], f[2]})
	}
	return verbList{vs, newZipf(len(vs), zipfWords, zipfOffset)}
}

func (l verbList) pick(r *rand.Rand) verb { return l.verbs[l.z.draw(r)] }

// Zipf parameters. Word frequencies in English follow the Zipf-Mandelbrot
// law 1/(rank+q)^s with s near 1 and q near 2.7 (Mandelbrot's fit); the
// offset keeps the first word of each short list from crowding out the
// rest. Names and places are spread more evenly (a news feed mentions many
// people a few times each), so they use a flatter curve.
const (
	zipfWords  = 1.0
	zipfNames  = 0.7
	zipfOffset = 2.7
)

var (
	vNounS    = newList(fields(nounsSingular), zipfWords)
	vNounP    = newList(fields(nounsPlural), zipfWords)
	vAdj      = newList(fields(adjectives), zipfWords)
	vAdv      = newList(fields(adverbs), zipfWords)
	vReport   = newList(fields(reportingVerbs), zipfWords)
	vPrep     = newList(fields(prepositions), zipfWords)
	vOpener   = newList(lines(openers), zipfWords)
	vConj     = newList(lines(conjunctions), zipfWords)
	vTime     = newList(lines(timePhrases), zipfWords)
	vRole     = newList(lines(roles), zipfWords)
	vTitle    = newList(lines(titles), zipfWords)
	vFirst    = newList(fields(firstNames), zipfNames)
	vLast     = newList(fields(lastNames), zipfNames)
	vPlace    = newList(lines(places), zipfNames)
	vOrg      = newList(lines(organizations), zipfNames)
	vVerbT    = newVerbs(verbsTransitive)
	vVerbI    = newVerbs(verbsIntransitive)
	vModal    = newList(lines("will\ncould\nwould\nmay\nmight\nshould\nagreed to\ndeclined to\nvoted to\npromised to\nrefused to\nmoved to\nsought to\nhoped to\nfailed to"), zipfWords)
	vSmallNum = newList(fields("two three four five six seven eight nine ten dozens several hundreds thousands"), zipfWords)
	vQuantity = newList(lines("more than\nabout\nnearly\nat least\nroughly\nalmost\nup to"), zipfWords)
)

// writer builds English-looking news prose into buf. It keeps just enough
// state to space and capitalise words: everything it appends comes from the
// vocabulary, so building text allocates nothing.
type writer struct {
	r       *rand.Rand
	buf     []byte
	n       int  // words written in the current sentence
	space   bool // a space is due before the next word
	capital bool // the next word starts a sentence
}

// word appends s (one or more words), spaced and capitalised as needed.
func (w *writer) word(s string) {
	if w.space {
		w.buf = append(w.buf, ' ')
	}
	start := len(w.buf)
	w.buf = append(w.buf, s...)
	if w.capital {
		if c := w.buf[start]; 'a' <= c && c <= 'z' {
			w.buf[start] = c - 'a' + 'A'
		}
		w.capital = false
	}
	w.space = true
	w.n++
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			w.n++
		}
	}
}

// start begins a word whose bytes the caller appends (a number, say).
func (w *writer) start() {
	if w.space {
		w.buf = append(w.buf, ' ')
	}
	w.space = true
	w.n++
}

// punct appends punctuation to the previous word.
func (w *writer) punct(s string) { w.buf = append(w.buf, s...) }

func (w *writer) openQuote() {
	if w.space {
		w.buf = append(w.buf, ' ')
	}
	w.buf = append(w.buf, '"')
	w.space = false
}

func (w *writer) closeQuote() { w.buf = append(w.buf, '"') }

// dash appends a spaced em dash; outlets render it in their own style.
func (w *writer) dash() { w.buf = append(w.buf, " \u2014"...) }

func (w *writer) chance(percent int) bool { return w.r.IntN(100) < percent }

// article appends "a" or "an" to suit next.
func (w *writer) article(next string) {
	switch next[0] {
	case 'a', 'e', 'i', 'o', 'u':
		w.word("an")
	default:
		w.word("a")
	}
}

// sentence appends one sentence of 12 to about 35 words.
func (w *writer) sentence() {
	target := 12 + w.r.IntN(10) + w.r.IntN(11)
	w.n = 0
	w.capital = true
	switch k := w.r.IntN(100); {
	case k < 28:
		w.subject(true)
		w.predicate()
	case k < 42:
		w.subject(true)
		v := vReport.pick(w.r)
		w.word(v)
		if v != "said" || w.chance(50) {
			w.word("that")
		}
		w.clause()
	case k < 50: // "...," Ruiz said.
		w.openQuote()
		w.capital = true
		w.clause()
		w.extend(target - 3)
		w.punct(",")
		w.closeQuote()
		w.speaker()
		w.punct(".")
		return
	case k < 56: // Ruiz said, "...."
		w.word(vLast.pick(w.r))
		w.word("said")
		w.punct(",")
		w.openQuote()
		w.capital = true
		w.clause()
		w.extend(target)
		w.punct(".")
		w.closeQuote()
		return
	case k < 64:
		w.word(vOpener.pick(w.r))
		w.punct(",")
		w.clause()
	case k < 72:
		w.subject(false)
		w.dash()
		w.apposition()
		w.dash()
		w.predicate()
	case k < 82:
		w.prepPhrase()
		w.punct(",")
		w.clause()
	default:
		w.clause()
		w.punct(",")
		w.word(vConj.pick(w.r))
		w.clause()
	}
	w.extend(target)
	w.punct(".")
}

// extend adds phrases until the sentence has target words. Each kind of
// phrase but the last two is used at most once or twice, so that sentences
// do not read as lists.
func (w *writer) extend(target int) {
	var pps, used int // used is a bit set of the phrase kinds below
	once := func(bit int) bool {
		if used&bit != 0 {
			return false
		}
		used |= bit
		return true
	}
	for w.n < target {
		switch k := w.r.IntN(100); {
		case k < 25 && pps < 2:
			w.prepPhrase()
			pps++
		case k < 35 && once(1):
			w.word(vTime.pick(w.r))
		case k < 39 && once(2):
			w.punct(",")
			w.word("according to")
			w.org()
		case k < 44 && once(4):
			w.word("with")
			w.number()
		case k < 49 && once(8):
			w.punct(",")
			w.word("which")
			w.word(vVerbT.pick(w.r).past)
			w.object()
		case k < 55 && once(16):
			w.word("to")
			w.word(vVerbT.pick(w.r).base)
			w.object()
		case k < 59 && once(32):
			w.punct(",")
			if w.chance(50) {
				w.word("citing")
				w.object()
			} else {
				w.word("saying")
				w.clause()
			}
		case target-w.n >= 6:
			w.punct(",")
			w.word(vConj.pick(w.r))
			w.clause()
		default:
			w.prepPhrase()
		}
	}
}

func (w *writer) clause() {
	w.subject(true)
	w.predicate()
}

// subject appends a sentence subject; a person may get a description
// between commas when appositive is set.
func (w *writer) subject(appositive bool) {
	switch k := w.r.IntN(100); {
	case k < 30:
		w.word("the")
		if w.chance(40) {
			w.word(vAdj.pick(w.r))
		}
		if w.chance(70) {
			w.word(vNounS.pick(w.r))
		} else {
			w.word(vNounP.pick(w.r))
		}
	case k < 45:
		if w.chance(40) {
			w.word(vAdj.pick(w.r))
		}
		w.word(vNounP.pick(w.r))
	case k < 60:
		w.person(appositive)
	case k < 72:
		w.org()
	case k < 80:
		w.word(vLast.pick(w.r))
	case k < 88:
		w.word("the")
		w.word(vPlace.pick(w.r))
		w.word(vNounS.pick(w.r))
	default:
		w.word(vNounP.pick(w.r))
		w.word("in")
		w.word(vPlace.pick(w.r))
	}
}

// person appends a name, perhaps with a title or, when appositive is set, a
// description between commas.
func (w *writer) person(appositive bool) {
	k := w.r.IntN(3)
	if k == 0 {
		w.word(vTitle.pick(w.r))
	}
	w.word(vFirst.pick(w.r))
	w.word(vLast.pick(w.r))
	if k == 1 && appositive {
		w.punct(",")
		w.role()
		w.punct(",")
	}
}

// role appends "a spokeswoman for the city council" and the like.
func (w *writer) role() {
	r := vRole.pick(w.r)
	w.article(r)
	w.word(r)
	if w.chance(50) {
		w.word("for")
	} else {
		w.word("at")
	}
	w.org()
}

// speaker appends the attribution after a quotation.
func (w *writer) speaker() {
	if w.chance(60) {
		w.word(vLast.pick(w.r))
		w.word("said")
		return
	}
	w.word("said")
	w.word(vFirst.pick(w.r))
	w.word(vLast.pick(w.r))
	w.punct(",")
	w.role()
}

func (w *writer) org() { w.word(vOrg.pick(w.r)) }

func (w *writer) apposition() {
	a := vAdj.pick(w.r)
	w.article(a)
	w.word(a)
	w.word(vNounS.pick(w.r))
	w.word("of")
	w.word("the")
	w.word(vNounS.pick(w.r))
}

func (w *writer) predicate() {
	switch k := w.r.IntN(100); {
	case k < 50:
		if w.chance(15) {
			w.word(vAdv.pick(w.r))
		}
		w.word(vVerbT.pick(w.r).past)
		w.object()
	case k < 70:
		w.word(vVerbI.pick(w.r).past)
	case k < 90:
		w.word(vModal.pick(w.r))
		w.word(vVerbT.pick(w.r).base)
		w.object()
	default:
		w.word(vModal.pick(w.r))
		w.word(vVerbI.pick(w.r).base)
	}
}

func (w *writer) object() {
	switch k := w.r.IntN(100); {
	case k < 45:
		var adj string
		if w.chance(35) {
			adj = vAdj.pick(w.r)
		}
		w.singular(adj, 6)
	case k < 60:
		if w.chance(40) {
			w.word("the")
		}
		if w.chance(40) {
			w.word(vAdj.pick(w.r))
		}
		w.word(vNounP.pick(w.r))
	case k < 70:
		w.number()
	case k < 78:
		w.org()
	case k < 85:
		w.person(false)
	default:
		w.word("the")
		w.word(vNounS.pick(w.r))
		w.word("of")
		if w.chance(50) {
			w.word("the")
			w.word(vNounS.pick(w.r))
		} else {
			w.org()
		}
	}
}

func (w *writer) prepPhrase() {
	switch k := w.r.IntN(100); {
	case k < 25:
		w.word("in")
		w.word(vPlace.pick(w.r))
	case k < 40:
		w.word(vTime.pick(w.r))
	default:
		w.word(vPrep.pick(w.r))
		var adj string
		if w.chance(30) {
			adj = vAdj.pick(w.r)
		}
		if w.chance(25) { // no article before a plural
			if adj != "" {
				w.word(adj)
			}
			w.word(vNounP.pick(w.r))
			return
		}
		w.singular(adj, 7)
	}
}

// singular writes a singular noun phrase with an optional adjective: "the"
// in the tenths the given number names, "a"/"an" in the rest but one, and
// "its" in the last.
func (w *writer) singular(adj string, theTenths int) {
	n := vNounS.pick(w.r)
	switch d := w.r.IntN(10); {
	case d < theTenths:
		w.word("the")
	case d < 9:
		if adj != "" {
			w.article(adj)
		} else {
			w.article(n)
		}
	default:
		w.word("its")
	}
	if adj != "" {
		w.word(adj)
	}
	w.word(n)
}

// number appends a quantity: a percentage, a sum of money or a count.
func (w *writer) number() {
	switch k := w.r.IntN(100); {
	case k < 25:
		w.start()
		w.buf = strconv.AppendInt(w.buf, int64(2+w.r.IntN(98)), 10)
		w.word("percent")
	case k < 45:
		w.start()
		w.buf = append(w.buf, '$')
		w.buf = strconv.AppendInt(w.buf, int64(1+w.r.IntN(99)), 10)
		if w.chance(50) {
			w.buf = append(w.buf, '.')
			w.buf = strconv.AppendInt(w.buf, int64(1+w.r.IntN(9)), 10)
		}
		if w.chance(70) {
			w.word("million")
		} else {
			w.word("billion")
		}
	case k < 65:
		if w.chance(70) {
			w.word(vQuantity.pick(w.r))
		}
		w.start()
		w.appendCount(100 + w.r.IntN(9900))
		w.word(vNounP.pick(w.r))
	default:
		w.word(vSmallNum.pick(w.r))
		if s := w.buf[len(w.buf)-1]; s == 's' { // "dozens", "hundreds"...
			w.word("of")
		}
		w.word(vNounP.pick(w.r))
	}
}

// appendCount appends n with a thousands separator.
func (w *writer) appendCount(n int) {
	if n >= 1000 {
		w.buf = strconv.AppendInt(w.buf, int64(n/1000), 10)
		w.buf = append(w.buf, ',')
		w.buf = append(w.buf, byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
		return
	}
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
}

// paragraph appends 2 to 5 sentences.
func (w *writer) paragraph() {
	w.space = false
	for range 2 + w.r.IntN(4) {
		w.sentence()
		w.space = true
	}
}

// headline appends a title-cased headline of about 5 to 12 words.
func (w *writer) headline() {
	start := len(w.buf)
	w.space = false
	w.capital = true
	plural := false
	switch k := w.r.IntN(100); {
	case k < 35:
		if w.chance(50) {
			w.word(vAdj.pick(w.r))
		}
		w.word(vNounP.pick(w.r))
		plural = true
	case k < 55:
		w.word(strings.TrimPrefix(vOrg.pick(w.r), "the "))
	case k < 75:
		w.word(vPlace.pick(w.r))
	default:
		w.word(vLast.pick(w.r))
	}
	form := func(v verb) string {
		if plural {
			return v.base
		}
		return v.pres
	}
	if w.chance(80) {
		w.word(form(vVerbT.pick(w.r)))
		if w.chance(50) {
			w.word(vAdj.pick(w.r))
		}
		if w.chance(50) {
			w.word(vNounS.pick(w.r))
		} else {
			w.word(vNounP.pick(w.r))
		}
	} else {
		w.word(form(vVerbI.pick(w.r)))
	}
	if w.chance(60) {
		w.word(vHeadPrep.pick(w.r))
		switch w.r.IntN(3) {
		case 0:
			w.word(vPlace.pick(w.r))
		case 1:
			w.word(vAdj.pick(w.r))
			w.word(vNounS.pick(w.r))
		default:
			w.word(vNounP.pick(w.r))
		}
	}
	titleCase(w.buf[start:])
}

var vHeadPrep = newList(fields("in after amid over for as despite"), zipfWords)

// titleCase capitalises the words of a headline except short function
// words after the first.
func titleCase(b []byte) {
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && b[j] != ' ' {
			j++
		}
		small := false
		if i > 0 {
			switch string(b[i:j]) {
			case "a", "an", "the", "of", "in", "on", "at", "for", "to", "and", "or", "as", "by", "with", "amid", "over", "after":
				small = true
			}
		}
		if c := b[i]; !small && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		i = j + 1
	}
}
