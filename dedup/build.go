package dedup

import (
	"fmt"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
	"github.com/wirecopy/wirecopy/sign"
)

// Deduper runs the first pass: Add queues documents, which are shingled
// and signed on Options.Cluster.Workers goroutines (a sign.Pool) while
// later ones are read; Decide waits for them and decides. A Deduper is
// used from one goroutine.
type Deduper struct {
	opts   Options
	co     cluster.Options // with defaults
	params lsh.Params
	res    *Result
	st     *store
	pool   *sign.Pool[unitText, unitSig]

	words []int32           // per document, as signed
	cross *crossStore       // with Options.Translate
	sh    *shingle.Shingler // counts the words of short texts in Add
}

// unitText is a unit to sign: its text, its document's lang, and where
// it stands.
type unitText struct {
	text, lang string
	doc, para  int32
}

// unitSig is what the first pass keeps of a unit: its words and, when
// it is indexed, its sketch.
type unitSig struct {
	words    int32
	indexed  bool
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
	d := &Deduper{opts: opts, co: co, res: &Result{Options: opts}}
	if opts.Translate {
		d.cross = &crossStore{}
	}
	var err error
	if d.pool, err = sign.NewPool(co.Signing(), co.Workers, d.sign, d.keep); err != nil {
		return nil, err
	}
	d.params = d.pool.Params()
	d.st = newStore(co.Permutations, d.params.Bands)
	return d, nil
}

// sign sketches one unit; it runs on the pool's workers. It fails only
// when an embedded lexicon cannot be read.
func (d *Deduper) sign(s *sign.Signer, t unitText) (unitSig, error) {
	f := s.Bag(t.text)
	u := unitSig{words: int32(f.Words)}
	if f.Words < d.co.MinWords {
		return u, nil
	}
	sig, keys := s.Sign(f.Shingles)
	u.indexed, u.shingles, u.numbers = true, int32(f.Distinct), f.Numbers
	u.sig, u.keys = make([]uint8, len(sig)), make([]uint32, len(keys))
	for k, v := range sig {
		u.sig[k] = uint8(v)
	}
	for k, v := range keys {
		u.keys[k] = uint32(v)
	}
	if d.cross != nil {
		var err error
		if u.lang, u.pivot, err = crossFeatures(d.co, s, t.text, t.lang); err != nil {
			return u, err
		}
	}
	return u, nil
}

// keep stores a signed unit; the pool calls it in input order.
func (d *Deduper) keep(t unitText, u unitSig) {
	// Add appends to res.Docs meanwhile, so the words are counted apart
	// and copied in by Decide.
	for int(t.doc) >= len(d.words) {
		d.words = append(d.words, 0)
	}
	d.words[t.doc] += u.words
	if !u.indexed {
		return
	}
	d.st.add(t.doc, t.para, u.words, u)
	if d.cross != nil {
		d.cross.langs = append(d.cross.langs, u.lang)
		d.cross.feats = append(d.cross.feats, u.pivot)
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
	d.pool.Add(unitText{text: text, lang: lang, doc: doc, para: para}, len(text))
}

// Decide waits for the signers and decides what is kept. The Deduper must
// not be used afterwards.
func (d *Deduper) Decide() (*Result, error) {
	err := d.pool.Close()
	for i, w := range d.words {
		d.res.Docs[i].Words = int(w)
	}
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	return d.decide()
}
