package cluster

import (
	"slices"
	"strings"
	"sync"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// Builder runs the pipeline on documents as they are read: Add splits a
// document into paragraphs and hands them to signing goroutines, so that
// reading and signing overlap; Result waits for the signatures and
// clusters. A Builder is used from one goroutine.
type Builder struct {
	opts   Options
	params lsh.Params
	res    *Result

	pending int            // first paragraph not yet handed to the signers
	jobs    chan signJob   // to the signers
	wg      sync.WaitGroup // the signers
	mu      sync.Mutex
	done    []signed // by job number

	feats  []shingle.Features // per paragraph, after Result
	keys   [][]uint64         // per paragraph band keys; nil when not indexed
	pfeats []pivot.Features   // per paragraph pivot features, when the corpus mixes languages (translate.go)
	px     *pivot.Extractor   // for pivot features read after the cross-language stage

	sh      *shingle.Shingler      // counts the words of short texts in Add
	short   map[string]*ShortCount // by source
	listAll bool
	// sameCopy holds the pairs (lower paragraph first) joined as
	// translations of the same copy in one language (samelang.go).
	sameCopy map[[2]int]bool
}

// shortBytesPerWord bounds the texts whose words Add counts itself: those
// of at most this many bytes per Options.MinWords word. A text that short
// rarely has MinWords words, so the words of real articles are never
// counted twice, while a corpus of tiny records (a title, a tag, an empty
// body) is caught whole.
const shortBytesPerWord = 8

// signChunk is the number of paragraphs handed to a signer at once: large
// enough to make the hand-over cheap, small enough to spread the work.
const signChunk = 256

type signJob struct {
	seq   int
	texts []string
	langs []string // the documents' Lang
}

type signed struct {
	words []int
	feats []shingle.Features
	keys  [][]uint64
	langs []string
}

// NewBuilder checks opts and starts the signers.
func NewBuilder(opts Options) (*Builder, error) {
	// One Signer per worker: a Signer is used from one goroutine, and
	// the one made first also checks opts and gives the banding.
	signers := make([]*Signer, max(opts.WithDefaults().Workers, 1))
	for i := range signers {
		var err error
		if signers[i], err = NewSigner(opts); err != nil {
			return nil, err
		}
	}
	opts = signers[0].Options()
	b := &Builder{opts: opts, params: signers[0].Params(), res: &Result{}, jobs: make(chan signJob, 2*len(signers))}
	for _, s := range signers {
		b.wg.Go(func() {
			for job := range b.jobs {
				out := signed{words: make([]int, len(job.texts)), feats: make([]shingle.Features, len(job.texts)), keys: make([][]uint64, len(job.texts)), langs: job.langs}
				for i, text := range job.texts {
					f, keys := s.Paragraph(text)
					out.words[i] = f.Words
					if keys == nil {
						continue
					}
					out.langs[i] = opts.ParagraphLang(job.langs[i], text)
					out.feats[i] = f
					out.keys[i] = keys
				}
				b.mu.Lock()
				b.done[job.seq] = out
				b.mu.Unlock()
			}
		})
	}
	return b, nil
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
		b.res.Paragraphs = append(b.res.Paragraphs, Paragraph{
			Doc: d, Index: i, Begin: sp.Begin, End: sp.End, Text: doc.Text[sp.Begin:sp.End],
		})
	}
	for len(b.res.Paragraphs)-b.pending >= signChunk {
		b.send(b.pending + signChunk)
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

// send hands paragraphs pending..end to the signers.
func (b *Builder) send(end int) {
	texts := make([]string, 0, end-b.pending)
	langs := make([]string, 0, end-b.pending)
	for _, p := range b.res.Paragraphs[b.pending:end] {
		texts = append(texts, p.Text)
		langs = append(langs, b.res.Docs[p.Doc].Lang)
	}
	b.mu.Lock()
	seq := len(b.done)
	b.done = append(b.done, signed{})
	b.mu.Unlock()
	b.jobs <- signJob{seq: seq, texts: texts, langs: langs}
	b.pending = end
}

// Result waits for the signers, clusters, and returns the Result. The
// Builder must not be used afterwards.
func (b *Builder) Result() (*Result, error) {
	if b.pending < len(b.res.Paragraphs) {
		b.send(len(b.res.Paragraphs))
	}
	close(b.jobs)
	b.wg.Wait()
	b.feats = make([]shingle.Features, 0, len(b.res.Paragraphs))
	b.keys = make([][]uint64, 0, len(b.res.Paragraphs))
	for _, s := range b.done {
		for i, w := range s.words {
			p := &b.res.Paragraphs[len(b.feats)]
			p.Words = w
			p.Indexed = s.keys[i] != nil
			p.Lang = s.langs[i]
			b.feats = append(b.feats, s.feats[i])
			b.keys = append(b.keys, s.keys[i])
		}
	}
	b.done = nil
	for _, c := range b.short {
		b.res.Short = append(b.res.Short, *c)
	}
	slices.SortFunc(b.res.Short, func(x, y ShortCount) int { return strings.Compare(x.Source, y.Source) })
	b.short = nil
	return b.cluster()
}
