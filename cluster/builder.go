package cluster

import (
	"slices"
	"strings"
	"sync"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
	"github.com/wirecopy/wirecopy/sign"
)

// Builder runs the pipeline on documents as they are read: Add splits a
// document into paragraphs and hands them to a signing pool
// (sign.Pool), so that reading and signing overlap; Result waits for the
// signatures and clusters. A Builder is used from one goroutine.
type Builder struct {
	opts   Options
	params lsh.Params
	res    *Result
	pool   *sign.Pool[signJob, signed]

	// Per paragraph, in order, kept by the pool: its words, language,
	// features and band keys (nil when not indexed). The words and
	// languages are copied into res.Paragraphs by Result.
	words  []int
	langs  []string
	feats  []shingle.Features
	keys   [][]uint64
	pfeats []pivot.Features   // per paragraph pivot features, when the corpus mixes languages (translate.go)
	pfOnce []sync.Once        // per paragraph, reads its pfeats when first needed (pivotFeatures)
	pkeys  [][]uint64         // per paragraph pivot keys the cross-language stage read, for the same-language one
	xs     sync.Pool          // *pivot.Extractor, for pivotFeatures on any goroutine
	px     []*pivot.Extractor // per worker, for the stages' loops (extractor)

	sh      *shingle.Shingler      // counts the words of short texts in Add
	short   map[string]*ShortCount // by source
	listAll bool
	// sameCopy holds the pairs (lower paragraph first) joined as
	// translations of the same copy in one language (samelang.go).
	sameCopy map[[2]int]bool
	sameMu   sync.Mutex // guards sameCopy once clusters are built in parallel
}

// shortBytesPerWord bounds the texts whose words Add counts itself: those
// of at most this many bytes per Options.MinWords word. A text that short
// rarely has MinWords words, so the words of real articles are never
// counted twice, while a corpus of tiny records (a title, a tag, an empty
// body) is caught whole.
const shortBytesPerWord = 8

// signJob is a paragraph to sign: its text and its document's Lang.
type signJob struct{ text, lang string }

// signed is what the Builder keeps of a paragraph.
type signed struct {
	words int
	lang  string // of an indexed paragraph
	feats shingle.Features
	keys  []uint64 // nil when not indexed
}

// NewBuilder checks opts and starts the signers.
func NewBuilder(opts Options) (*Builder, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	b := &Builder{opts: opts.WithDefaults(), res: &Result{}}
	b.px = make([]*pivot.Extractor, b.opts.Workers)
	var err error
	if b.pool, err = sign.NewPool(b.opts.Signing(), b.opts.Workers, b.sign, b.keep); err != nil {
		return nil, err
	}
	b.params = b.pool.Params()
	return b, nil
}

// sign signs one paragraph; it runs on the pool's workers.
func (b *Builder) sign(s *sign.Signer, j signJob) (signed, error) {
	f, keys := s.Paragraph(j.text)
	if keys == nil {
		return signed{words: f.Words}, nil
	}
	return signed{words: f.Words, lang: b.opts.ParagraphLang(j.lang, j.text), feats: f, keys: keys}, nil
}

// keep appends a signed paragraph; the pool calls it in paragraph order.
func (b *Builder) keep(_ signJob, s signed) {
	b.words = append(doubled(b.words), s.words)
	b.langs = append(doubled(b.langs), s.lang)
	b.feats = append(doubled(b.feats), s.feats)
	b.keys = append(doubled(b.keys), s.keys)
}

// doubled returns s with room for one more element, doubling its
// capacity when full. append grows a large slice by a quarter at a time,
// and so copies it about four times over on the way to its final
// length: the per-paragraph slices' copying was 0.5 s of the reading
// goroutine's CPU on 100 MB of realnews (pprof).
func doubled[T any](s []T) []T {
	if len(s) == cap(s) {
		return slices.Grow(s, max(len(s), 64))
	}
	return s
}

// ListAll makes the Builder keep every document in Result.Docs, the
// short ones too (see Result.Short), as Score needs.
func (b *Builder) ListAll() { b.listAll = true }

// Add queues a document. A document too short to judge (no paragraph of
// Options.MinWords words) is only counted, in Result.Short.
func (b *Builder) Add(doc corpus.Document) {
	if b.isShort(doc.Text) {
		c := b.short[doc.Source]
		if c == nil {
			if b.short == nil {
				b.short = map[string]*ShortCount{}
			}
			c = &ShortCount{Source: doc.Source}
			b.short[doc.Source] = c
		}
		c.Documents++
		c.Paragraphs += len(corpus.Paragraphs(doc.Text))
		return
	}
	d := len(b.res.Docs)
	b.res.Docs = append(b.res.Docs, doc)
	for i, sp := range corpus.Paragraphs(doc.Text) {
		text := doc.Text[sp.Begin:sp.End]
		b.res.Paragraphs = append(doubled(b.res.Paragraphs), Paragraph{
			Doc: d, Index: i, Begin: sp.Begin, End: sp.End, Text: text,
		})
		b.pool.Add(signJob{text: text, lang: doc.Lang}, len(text))
	}
}

// isShort reports whether no paragraph of text has MinWords words, as
// the signers count them.
func (b *Builder) isShort(text string) bool {
	if b.listAll || len(text) > shortBytesPerWord*b.opts.MinWords {
		return false
	}
	if b.sh == nil {
		b.sh = shingle.New(b.opts.Shingle)
	}
	for _, sp := range corpus.Paragraphs(text) {
		if len(b.sh.Words(text[sp.Begin:sp.End])) >= b.opts.MinWords {
			return false
		}
	}
	return true
}

// Result waits for the signers, clusters, and returns the Result. The
// Builder must not be used afterwards.
func (b *Builder) Result() (*Result, error) {
	if err := b.pool.Close(); err != nil {
		return nil, err // Signer.Paragraph does not fail
	}
	for i := range b.res.Paragraphs {
		p := &b.res.Paragraphs[i]
		p.Words, p.Indexed, p.Lang = b.words[i], b.keys[i] != nil, b.langs[i]
	}
	b.words, b.langs = nil, nil
	for _, c := range b.short {
		b.res.Short = append(b.res.Short, *c)
	}
	slices.SortFunc(b.res.Short, func(x, y ShortCount) int { return strings.Compare(x.Source, y.Source) })
	b.short = nil
	return b.cluster()
}
