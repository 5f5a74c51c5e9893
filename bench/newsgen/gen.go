package main

import (
	"bufio"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// Shape of the feed. The values are picked to look like a day's intake of a
// regional news aggregator; none is critical.
const (
	// wireShare of original documents come from a wire service; the rest
	// are local stories that nobody reprints.
	wireShare = 0.6
	// ringSize recent wire stories are kept as reprint sources: at the
	// default -dup this spans about a week of copy, and it bounds memory to
	// a few megabytes whatever -size is.
	ringSize = 1024
	// docsPerDay sets how fast the date advances.
	docsPerDay = 400
	// boilerPercent of documents end with their outlet's boilerplate.
	boilerPercent = 85
	// Reprint edits, in percent: keeping the wire headline, copying a
	// leading run of paragraphs (otherwise an ordered selection), trimming
	// a copied paragraph's last sentence, inserting one new sentence, and
	// crediting the wire or a staff writer at the end.
	sameTitlePercent = 60
	prefixPercent    = 75
	trimPercent      = 15
	insertPercent    = 50
	creditPercent    = 40
)

var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

var sections = []string{"news", "world", "business", "politics", "local", "national", "health", "science"}

// config says what to generate.
type config struct {
	size       int64   // stop once this many bytes of JSONL are written
	seed       uint64  // the same seed gives the same bytes
	dup        float64 // fraction of documents that reprint a wire story
	paragraphs float64 // mean body paragraphs of an original story
	// perStory, when above 0, makes every story a wire story carried by
	// perStory outlets: the wire's own document followed at once by
	// perStory-1 reprints, each by another outlet (heavy syndication;
	// dup is then unused).
	perStory int
}

// stats describes a generated corpus.
type stats struct {
	docs     int   // documents written
	reprints int   // documents that reprint a wire story
	stories  int   // wire stories reprinted at least once
	bytes    int64 // bytes of JSONL written
}

// story is a wire document kept so that later documents can reprint it.
type story struct {
	id        string
	source    int // index into outlets
	title     string
	text      string // body paragraphs, in canonical form
	paras     []span // paragraphs of text
	reprinted bool
}

type span struct{ begin, end int }

// generator writes one document at a time. Its buffers are reused from
// document to document; only wire stories kept in the ring allocate.
type generator struct {
	cfg    config
	r      *rand.Rand
	w      writer // w.buf holds the text of the document being built
	ring   []story
	head   int // ring slot to fill next
	stats  stats
	day    int
	date   []byte // YYYY-MM-DD of day
	id     []byte
	label  []byte // the gold cluster label of the current document
	spans  []span
	ends   []int
	picks  []int
	line   []byte
	lower  [32]byte
	uk     bool    // the current reprint uses British spelling
	synP   float64 // chance the current reprint swaps a word for a synonym
	source int     // outlet of the current document

	outlets  []outlet // the outlets: the global list, or more with perStory
	carriers []int    // with perStory: the outlets still to reprint the current story, last first
	current  *story   // with perStory: the story being reprinted
}

func newGenerator(cfg config) *generator {
	r := rand.New(rand.NewPCG(cfg.seed, 0x9e3779b97f4a7c15))
	g := &generator{cfg: cfg, r: r, day: -1, outlets: outlets}
	g.w.r = r
	if cfg.perStory > 0 {
		g.outlets = moreOutlets(cfg.perStory)
	}
	return g
}

// generate writes documents to out as JSON lines until cfg.size bytes are
// written, and, if gold is not nil, each document's id and cluster label.
func generate(cfg config, out, gold io.Writer) (stats, error) {
	g := newGenerator(cfg)
	var gw *bufio.Writer
	if gold != nil {
		gw = bufio.NewWriterSize(gold, 64<<10)
	}
	for g.stats.bytes < cfg.size {
		line := g.next()
		if _, err := out.Write(line); err != nil {
			return g.stats, err
		}
		g.stats.bytes += int64(len(line))
		if gw != nil {
			gw.Write(g.id)
			gw.WriteByte('\t')
			gw.Write(g.label)
			gw.WriteByte('\n')
		}
	}
	if gw != nil {
		if err := gw.Flush(); err != nil {
			return g.stats, err
		}
	}
	return g.stats, nil
}

// next builds the next document and returns its JSON line, valid until the
// following call.
func (g *generator) next() []byte {
	g.stats.docs++
	n := g.stats.docs
	g.id = append(g.id[:0], 'g')
	for p := 100000; p > 1 && n < p; p /= 10 {
		g.id = append(g.id, '0')
	}
	g.id = strconv.AppendInt(g.id, int64(n), 10)
	if d := n / docsPerDay; d != g.day {
		g.day = d
		g.date = epoch.AddDate(0, 0, d).AppendFormat(g.date[:0], "2006-01-02")
	}

	var titleEnd int
	if g.cfg.perStory > 0 {
		titleEnd = g.syndicated()
	} else if g.ring != nil && g.r.Float64() < g.cfg.dup {
		titleEnd = g.reprint()
		g.stats.reprints++
	} else {
		titleEnd = g.original()
		g.label = append(g.label[:0], g.id...)
	}
	o := &g.outlets[g.source]
	if g.r.IntN(100) < boilerPercent {
		for _, b := range o.boiler {
			g.w.buf = append(g.w.buf, "\n\n"...)
			g.w.buf = append(g.w.buf, b...)
		}
	}
	return g.record(o, titleEnd)
}

// original writes a new story and returns where its headline ends.
func (g *generator) original() int {
	if g.r.Float64() < wireShare {
		g.source = wires[g.r.IntN(len(wires))]
	} else {
		g.source = locals[localZ.draw(g.r)]
	}
	return g.story()
}

// story writes a new story by g.source, kept in the ring when g.source is
// a wire, and returns where its headline ends.
func (g *generator) story() int {
	w := &g.w
	w.buf = w.buf[:0]
	w.headline()
	titleEnd := len(w.buf)
	body := titleEnd + 2
	g.spans = g.spans[:0]
	for range g.paragraphCount() {
		w.buf = append(w.buf, "\n\n"...)
		b := len(w.buf)
		w.paragraph()
		g.spans = append(g.spans, span{b - body, len(w.buf) - body})
	}
	if g.outlets[g.source].wire {
		g.keep(titleEnd, body)
	}
	return titleEnd
}

// paragraphCount draws a story's number of body paragraphs: about the mean
// give or take a third, at least 2.
func (g *generator) paragraphCount() int {
	m := g.cfg.paragraphs
	n := int(math.Round(m + g.r.NormFloat64()*m/3))
	return max(2, min(n, int(3*m)+2))
}

// keep stores the wire story in w.buf in the ring, replacing the oldest.
func (g *generator) keep(titleEnd, body int) {
	if g.ring == nil {
		g.ring = make([]story, 0, ringSize)
	}
	if len(g.ring) < ringSize {
		g.ring = append(g.ring, story{})
	}
	s := &g.ring[g.head]
	g.head = (g.head + 1) % ringSize
	s.id = string(g.id)
	s.source = g.source
	s.title = string(g.w.buf[:titleEnd])
	s.text = string(g.w.buf[body:])
	s.paras = append(s.paras[:0], g.spans...)
	s.reprinted = false
}

// syndicated writes the next document of a corpus where every story is
// carried by cfg.perStory outlets: a new wire story when the last one has
// all its carriers, else the current story reprinted by its next carrier,
// an outlet drawn without replacement from all but the wire itself.
func (g *generator) syndicated() int {
	if len(g.carriers) == 0 {
		g.source = wires[g.r.IntN(len(wires))]
		titleEnd := g.story()
		g.label = append(g.label[:0], g.id...)
		g.current = &g.ring[(g.head-1+ringSize)%ringSize]
		g.carriers = g.carriers[:0]
		for i := range g.outlets {
			if i != g.source {
				g.carriers = append(g.carriers, i)
			}
		}
		g.r.Shuffle(len(g.carriers), func(i, j int) { g.carriers[i], g.carriers[j] = g.carriers[j], g.carriers[i] })
		g.carriers = g.carriers[:g.cfg.perStory-1]
		return titleEnd
	}
	s := g.current
	if !s.reprinted {
		s.reprinted = true
		g.stats.stories++
	}
	g.stats.reprints++
	g.label = append(g.label[:0], s.id...)
	g.source = g.carriers[len(g.carriers)-1]
	g.carriers = g.carriers[:len(g.carriers)-1]
	return g.reprintOf(s)
}

// reprint writes a document that copies part of a recent wire story, with
// the edits outlets make, and returns where its headline ends.
func (g *generator) reprint() int {
	u := g.r.Float64()
	back := int(float64(len(g.ring)) * u * u) // favour recent stories
	s := &g.ring[(g.head-1-back+2*ringSize)%ringSize]
	if !s.reprinted {
		s.reprinted = true
		g.stats.stories++
	}
	g.label = append(g.label[:0], s.id...)
	for {
		if g.r.IntN(10) < 9 {
			g.source = locals[localZ.draw(g.r)]
		} else {
			g.source = wires[g.r.IntN(len(wires))]
		}
		if g.source != s.source {
			break
		}
	}
	return g.reprintOf(s)
}

// reprintOf writes g.source's reprint of s and returns where its headline
// ends.
func (g *generator) reprintOf(s *story) int {
	o := &g.outlets[g.source]
	g.uk = o.style.uk
	g.synP = 0
	if g.r.IntN(100) < 60 { // a few substitutions in most reprints
		g.synP = 0.05 + 0.25*g.r.Float64()
	}

	w := &g.w
	w.buf = w.buf[:0]
	if g.r.IntN(100) < sameTitlePercent {
		w.buf = append(w.buf, s.title...)
	} else {
		w.headline()
	}
	titleEnd := len(w.buf)
	if g.r.IntN(100) < 15 { // a local angle before the wire copy
		w.buf = append(w.buf, "\n\n"...)
		w.paragraph()
	}

	n := len(s.paras)
	k := max(1, int(math.Ceil((0.3+0.7*g.r.Float64())*float64(n))))
	g.picks = g.picks[:0]
	for i := range n {
		g.picks = append(g.picks, i)
	}
	if g.r.IntN(100) >= prefixPercent {
		g.r.Shuffle(n, func(i, j int) { g.picks[i], g.picks[j] = g.picks[j], g.picks[i] })
		slices.Sort(g.picks[:k])
	}
	insert := -1
	if g.r.IntN(100) < insertPercent {
		insert = g.r.IntN(k)
	}
	for j, pi := range g.picks[:k] {
		w.buf = append(w.buf, "\n\n"...)
		if pi == 0 {
			g.dateline(o, s)
		}
		p := s.paras[pi]
		g.copyParagraph(s.text[p.begin:p.end], j == insert)
	}

	tail := 0
	switch t := g.r.IntN(10); {
	case t < 3:
		tail = 1
	case t < 5:
		tail = 2
	case t < 6:
		tail = 3
	}
	for range tail {
		w.buf = append(w.buf, "\n\n"...)
		w.paragraph()
	}
	if g.r.IntN(100) < creditPercent {
		w.buf = append(w.buf, "\n\n"...)
		wire := g.outlets[s.source].name
		switch g.r.IntN(3) {
		case 0:
			w.buf = append(w.buf, "Staff writer "...)
			w.buf = append(w.buf, vFirst.pick(g.r)...)
			w.buf = append(w.buf, ' ')
			w.buf = append(w.buf, vLast.pick(g.r)...)
			w.buf = append(w.buf, " contributed to this report."...)
		case 1:
			w.buf = append(w.buf, "This story was originally published by "...)
			w.buf = append(w.buf, wire...)
			w.buf = append(w.buf, '.')
		default:
			w.buf = append(w.buf, wire...)
			w.buf = append(w.buf, " contributed to this report."...)
		}
	}
	return titleEnd
}

// dateline prefixes a reprinted lede in the outlet's style.
func (g *generator) dateline(o *outlet, s *story) {
	if o.style.dateline == 0 {
		return
	}
	b := len(g.w.buf)
	g.w.buf = append(g.w.buf, vPlace.pick(g.r)...)
	for i := b; i < len(g.w.buf); i++ {
		if c := g.w.buf[i]; 'a' <= c && c <= 'z' {
			g.w.buf[i] = c - 'a' + 'A'
		}
	}
	if o.style.dateline == 1 {
		g.w.buf = append(g.w.buf, " ("...)
		g.w.buf = append(g.w.buf, g.outlets[s.source].name...)
		g.w.buf = append(g.w.buf, ')')
	}
	g.w.buf = append(g.w.buf, " \u2014 "...)
}

// copyParagraph appends p with an editor's changes: perhaps its last
// sentence trimmed, perhaps (when insert is set) a new sentence added, and
// the outlet's spelling and synonym substitutions.
func (g *generator) copyParagraph(p string, insert bool) {
	ends := g.ends[:0]
	for i := 0; i+1 < len(p); i++ {
		if p[i] != '.' {
			continue
		}
		switch {
		case p[i+1] == ' ':
			ends = append(ends, i+1)
		case p[i+1] == '"' && i+2 < len(p) && p[i+2] == ' ':
			ends = append(ends, i+2)
		}
	}
	ends = append(ends, len(p))
	g.ends = ends
	if len(ends) >= 2 && g.r.IntN(100) < trimPercent {
		ends = ends[:len(ends)-1]
	}
	end := ends[len(ends)-1]
	if !insert {
		g.appendEdited(p[:end])
		return
	}
	at := ends[g.r.IntN(len(ends))]
	g.appendEdited(p[:at])
	g.w.space = true
	g.w.sentence()
	g.appendEdited(p[at:end])
}

// appendEdited appends s, swapping words for their British spelling or a
// synonym as the current reprint's settings say.
func (g *generator) appendEdited(s string) {
	buf := g.w.buf
	if !g.uk && g.synP == 0 {
		g.w.buf = append(buf, s...)
		return
	}
	for i := 0; i < len(s); {
		if !isLetter(s[i]) {
			buf = append(buf, s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && (isLetter(s[j]) || s[j] == '-') {
			j++
		}
		tok := s[i:j]
		i = j
		if len(tok) > len(g.lower) {
			buf = append(buf, tok...)
			continue
		}
		low := g.lower[:len(tok)]
		copy(low, tok)
		upper := 'A' <= low[0] && low[0] <= 'Z'
		if upper {
			low[0] += 'a' - 'A'
		}
		rep := ""
		if g.uk {
			rep = usToUK[string(low)]
		}
		if rep == "" && g.synP > 0 {
			if syn, ok := synonyms[string(low)]; ok && g.r.Float64() < g.synP {
				rep = syn
			}
		}
		if rep == "" {
			buf = append(buf, tok...)
			continue
		}
		b := len(buf)
		buf = append(buf, rep...)
		if upper {
			buf[b] -= 'a' - 'A'
		}
	}
	g.w.buf = buf
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// record renders the current document as a JSON line in outlet o's style.
func (g *generator) record(o *outlet, titleEnd int) []byte {
	text := g.w.buf
	l := append(g.line[:0], `{"id":"`...)
	l = append(l, g.id...)
	l = append(l, `","source":"`...)
	l = append(l, o.slug...)
	l = append(l, `","date":"`...)
	l = append(l, g.date...)
	l = append(l, `","url":"https://`...)
	l = append(l, o.slug...)
	l = append(l, ".example/"...)
	l = append(l, sections[g.r.IntN(len(sections))]...)
	l = append(l, '/')
	l = append(l, g.date[0:4]...)
	l = append(l, '/')
	l = append(l, g.date[5:7]...)
	l = append(l, '/')
	l = append(l, g.date[8:10]...)
	l = append(l, '/')
	l = appendSlug(l, text[:titleEnd])
	l = append(l, '-')
	l = strconv.AppendInt(l, int64(g.stats.docs), 10)
	l = append(l, `","title":"`...)
	l = appendText(l, text[:titleEnd], o.style)
	l = append(l, `","text":"`...)
	l = appendText(l, text, o.style)
	l = append(l, "\"}\n"...)
	g.line = l
	return l
}

// appendSlug appends the first words of a headline, lower case, joined by
// hyphens.
func appendSlug(dst, title []byte) []byte {
	words, sep := 0, false
	for _, c := range title {
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if sep {
				if words == 8 {
					return dst
				}
				dst = append(dst, '-')
				sep = false
			}
			dst = append(dst, c)
		case c == ' ' || c == '-':
			if !sep {
				words++
			}
			sep = true
		}
	}
	return dst
}

var dashes = [...]string{"\u2014", "--", "-"}

// special marks the bytes appendText must look at: JSON escapes and the
// first byte of an em dash.
var special = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'], t[0xE2] = true, true, true
	return t
}()

// appendText appends s as the inside of a JSON string, printing quotes and
// dashes in style st.
func appendText(dst, s []byte, st style) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !special[c] {
			continue
		}
		var rep string
		switch {
		case c == '"':
			switch {
			case !st.curly:
				rep = `\"`
			case i == 0 || s[i-1] == ' ' || s[i-1] == '\n':
				rep = "\u201c"
			default:
				rep = "\u201d"
			}
		case c == '\\':
			rep = `\\`
		case c == '\n':
			rep = `\n`
		case c == 0xE2: // em dash is E2 80 94
			if st.dash == 0 || i+2 >= len(s) || s[i+1] != 0x80 || s[i+2] != 0x94 {
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, dashes[st.dash]...)
			i += 2
			start = i + 1
			continue
		default:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\u00`...)
			dst = append(dst, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			start = i + 1
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, rep...)
		start = i + 1
	}
	return append(dst, s[start:]...)
}
