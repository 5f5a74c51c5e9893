package dedup

import (
	"fmt"
	"sync"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// Deduper runs the first pass: Add queues documents, which are shingled
// and signed on Options.Cluster.Workers goroutines while later ones are
// read; Decide waits for them and decides. A Deduper is used from one
// goroutine.
type Deduper struct {
	opts   Options
	co     cluster.Options // with defaults
	params lsh.Params
	res    *Result
	st     *store

	batch   job
	seq     int
	jobs    chan job
	wg      sync.WaitGroup
	mu      sync.Mutex
	next    int               // next job to append to the store
	waiting map[int]signed    // finished jobs waiting for earlier ones
	words   []int32           // per document, as signed
	cross   *crossStore       // with Options.Translate
	err     error             // of a signer: an embedded lexicon could not be read
	sh      *shingle.Shingler // counts the words of short texts in Add
}

// Hand-over sizes: a job is handed to a signer when it holds this many
// texts or bytes, large enough to make the hand-over cheap against the
// 10-20 µs a paragraph takes to sign, small enough to spread the work
// and to bound the text held in flight (2 jobs per worker).
const (
	jobTexts = 512
	jobBytes = 1 << 20
)

type job struct {
	seq   int
	texts []string
	docs  []int32  // per text: its document
	paras []int32  // per text: its paragraph
	langs []string // per text: its document's lang
	bytes int
}

type signed struct {
	job   job
	words []int32
	units []unitSig // only the indexed texts, in order
}

type unitSig struct {
	text     int // index in the job
	shingles int32
	sig      []uint8
	keys     []uint32
	numbers  []uint64
	lang     string         // Options.Translate: its language, "" when unknown
	pivot    pivot.Features // and its pivot features
}

// New checks opts and starts the signers.
func New(opts Options) (*Deduper, error) {
	if err := opts.Cluster.Validate(); err != nil {
		return nil, err
	}
	co := opts.Cluster.WithDefaults()
	params, err := cluster.LSHParams(co)
	if err != nil {
		return nil, err
	}
	d := &Deduper{
		opts: opts, co: co, params: params,
		res:     &Result{Options: opts},
		st:      newStore(co.Permutations, params.Bands),
		jobs:    make(chan job, 2*co.Workers),
		waiting: map[int]signed{},
	}
	if opts.Translate {
		d.cross = &crossStore{}
	}
	ix, err := lsh.NewIndex(params) // for Keys only
	if err != nil {
		return nil, err
	}
	signer := lsh.NewSigner(co.Permutations)
	for range co.Workers {
		d.wg.Go(func() {
			sh := shingle.New(co.Shingle)
			px := pivot.NewExtractor()
			for j := range d.jobs {
				out := signed{job: j, words: make([]int32, len(j.texts))}
				for i, text := range j.texts {
					f := sh.Features(text)
					out.words[i] = int32(f.Words)
					if f.Words < co.MinWords {
						continue
					}
					sig := signer.Sign(f.Shingles)
					keys, _ := ix.Keys(sig) // Permutations >= Bands*Rows: cannot fail
					u := unitSig{text: i, shingles: int32(len(f.Shingles)), numbers: f.Numbers,
						sig: make([]uint8, len(sig)), keys: make([]uint32, len(keys))}
					for k, v := range sig {
						u.sig[k] = uint8(v)
					}
					for k, v := range keys {
						u.keys[k] = uint32(v)
					}
					if d.cross != nil {
						var err error
						if u.lang, u.pivot, err = crossFeatures(co, px, text, j.langs[i]); err != nil {
							d.mu.Lock()
							d.err = err
							d.mu.Unlock()
						}
					}
					out.units = append(out.units, u)
				}
				d.finish(out)
			}
		})
	}
	return d, nil
}

// finish stores a signed job, and every one after it that was waiting,
// in job order.
func (d *Deduper) finish(s signed) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.waiting[s.job.seq] = s
	for {
		s, ok := d.waiting[d.next]
		if !ok {
			return
		}
		delete(d.waiting, d.next)
		d.next++
		for i, doc := range s.job.docs {
			// Add appends to res.Docs meanwhile, so the words are
			// counted apart and copied in by Decide.
			for int(doc) >= len(d.words) {
				d.words = append(d.words, 0)
			}
			d.words[doc] += s.words[i]
		}
		for _, u := range s.units {
			d.st.add(s.job.docs[u.text], s.job.paras[u.text], s.words[u.text], u)
			if d.cross != nil {
				d.cross.langs = append(d.cross.langs, u.lang)
				d.cross.feats = append(d.cross.feats, u.pivot)
			}
		}
	}
}

// Add queues a document read from the input.
func (d *Deduper) Add(doc corpus.Document) {
	if d.short(doc) {
		d.res.addShort(doc.Path, doc.Line)
		d.res.TextBytes += int64(len(doc.Text))
		return
	}
	i := int32(len(d.res.Docs))
	d.res.Docs = append(d.res.Docs, Doc{
		ID: doc.ID, Source: d.st.intern(doc.Source), Path: doc.Path, Line: doc.Line, Date: doc.Date, DuplicateOf: -1,
	})
	d.res.TextBytes += int64(len(doc.Text))
	if d.opts.Unit == UnitDocument {
		d.queue(doc.Text, doc.Lang, i, 0)
		return
	}
	for p, sp := range corpus.Paragraphs(doc.Text) {
		d.queue(doc.Text[sp.Begin:sp.End], doc.Lang, i, int32(p))
	}
}

// shortBytesPerWord bounds the texts whose words Add counts itself: those
// of at most this many bytes per --min-words word. A text that short
// rarely has MinWords words, so the words of real articles are never
// counted twice, while a corpus of tiny records (a title, a tag, an
// empty body) is caught whole.
const shortBytesPerWord = 8

// short reports whether doc is too short to have a unit of MinWords
// words, counted as the signers count them: such a document is kept
// whatever else is read, so only its place in the input is kept (see
// Result.Short), not a Doc.
func (d *Deduper) short(doc corpus.Document) bool {
	if d.opts.ListAll || len(doc.Text) > shortBytesPerWord*d.co.MinWords {
		return false
	}
	if d.sh == nil {
		d.sh = shingle.New(d.co.Shingle)
	}
	if d.opts.Unit == UnitDocument {
		return len(d.sh.Words(doc.Text)) < d.co.MinWords
	}
	for _, sp := range corpus.Paragraphs(doc.Text) {
		if len(d.sh.Words(doc.Text[sp.Begin:sp.End])) >= d.co.MinWords {
			return false
		}
	}
	return true
}

// AddBad records a record that could not be read, so that the decisions
// list it in its place in the input.
func (d *Deduper) AddBad(path string, line int, err error) {
	d.res.Docs = append(d.res.Docs, Doc{Path: path, Line: line, Drop: Bad, Err: err.Error(), DuplicateOf: -1})
}

func (d *Deduper) queue(text, lang string, doc, para int32) {
	b := &d.batch
	b.texts = append(b.texts, text)
	b.langs = append(b.langs, lang)
	b.docs = append(b.docs, doc)
	b.paras = append(b.paras, para)
	b.bytes += len(text)
	if len(b.texts) >= jobTexts || b.bytes >= jobBytes {
		d.send()
	}
}

func (d *Deduper) send() {
	if len(d.batch.texts) == 0 {
		return
	}
	d.batch.seq = d.seq
	d.seq++
	d.jobs <- d.batch
	d.batch = job{}
}

// Decide waits for the signers and decides what is kept. The Deduper must
// not be used afterwards.
func (d *Deduper) Decide() (*Result, error) {
	d.send()
	close(d.jobs)
	d.wg.Wait()
	for i, w := range d.words {
		d.res.Docs[i].Words = int(w)
	}
	if d.err != nil {
		return nil, fmt.Errorf("dedup: %w", d.err)
	}
	return d.decide()
}
