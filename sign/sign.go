// Package sign computes what the pipeline keeps of a paragraph, and
// computes it on several cores while the input is read.
//
// A Signer turns a paragraph's text into its shingle features
// (shingle.Features), its MinHash signature and the band keys it is
// filed under in an LSH index (lsh), and, for the cross-language
// stages, its pivot features and keys (pivot). Scan, dedup and the
// archive all sign with it, so a paragraph gets the same keys in each.
//
// A Pool runs a Signer on each of its workers. Items are handed over in
// chunks, bounded in items and bytes, and their results are kept in the
// order the items were added, whatever the order the workers finish in:
// what a caller builds from them does not depend on the number of
// workers. Scan, dedup and the archive's indexer differ only in what
// they make of each item and keep of its result.
package sign

import (
	"errors"

	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// Options say how paragraphs are signed. cluster.Options.Signing gives
// the options of a scan, which dedup and the archive sign with too.
type Options struct {
	Shingle      shingle.Options
	Permutations int // MinHash signature length; 0 means lsh.DefaultPermutations
	// Threshold is the containment a pair of paragraphs needs to match,
	// in (0, 1): the banding is tuned for the Jaccard similarity t/(2-t)
	// that a containment of t gives two sets of the same size. There is
	// no default: it is the matching rule's (cluster.DefaultThreshold).
	Threshold float64
	MinWords  int // paragraphs with fewer words get no band keys
}

// Params returns the banding of the band keys signed with o.
func (o Options) Params() (lsh.Params, error) {
	if !(o.Threshold > 0 && o.Threshold < 1) {
		return lsh.Params{}, errors.New("sign: threshold out of range (0, 1)")
	}
	perms := o.Permutations
	if perms == 0 {
		perms = lsh.DefaultPermutations
	}
	t := o.Threshold
	return lsh.Optimal(t/(2-t), perms)
}

// Signer signs paragraphs. A Signer is used from one goroutine.
type Signer struct {
	opts   Options
	sh     *shingle.Shingler
	signer *lsh.Signer
	ix     *lsh.Index       // for Keys only
	px     *pivot.Extractor // made on first use
}

// New checks opts and returns a Signer for them.
func New(opts Options) (*Signer, error) {
	if opts.Permutations == 0 {
		opts.Permutations = lsh.DefaultPermutations
	}
	params, err := opts.Params()
	if err != nil {
		return nil, err
	}
	ix, err := lsh.NewIndex(params)
	if err != nil {
		return nil, err
	}
	return &Signer{opts: opts, sh: shingle.New(opts.Shingle), signer: lsh.NewSigner(opts.Permutations), ix: ix}, nil
}

// Params returns the banding of the keys the Signer makes.
func (s *Signer) Params() lsh.Params { return s.ix.Params() }

// Features returns the features of text without signing it: what the
// matching rules compare.
func (s *Signer) Features(text string) shingle.Features { return s.sh.Features(text) }

// Bag returns text's shingles as a bag, unsorted: what a sketch needs
// (Sign), without the set Features makes.
func (s *Signer) Bag(text string) shingle.Bag { return s.sh.Bag(text) }

// Sign returns the MinHash signature of shingles (a set or a bag:
// repeats change nothing) and its band keys.
func (s *Signer) Sign(shingles []uint64) (sig lsh.Signature, keys []uint64) {
	sig = s.signer.Sign(shingles)
	// The signature has Permutations >= Bands*Rows values, so Keys cannot
	// fail.
	keys, _ = s.ix.Keys(sig)
	return sig, keys
}

// Paragraph returns the features of text and, when it has at least
// Options.MinWords words (it is indexed), its band keys; keys is nil for
// a paragraph too short to judge.
func (s *Signer) Paragraph(text string) (f shingle.Features, keys []uint64) {
	f = s.sh.Features(text)
	if f.Words < s.opts.MinWords {
		return f, nil
	}
	_, keys = s.Sign(f.Shingles)
	return f, keys
}

// Pivot returns the pivot features of text read as lang, with the
// Signer's extractor (its word cache is kept between paragraphs). It
// fails only when an embedded lexicon cannot be read.
func (s *Signer) Pivot(text, lang string) (pivot.Features, error) {
	if s.px == nil {
		s.px = pivot.NewExtractor()
	}
	return s.px.Features(text, lang)
}

// PivotKeys returns the pivot keys of text read as lang: the keys the
// cross-language stages look candidates up by (pivot.KeyIndex).
func (s *Signer) PivotKeys(text, lang string) ([]uint64, error) {
	if s.px == nil {
		s.px = pivot.NewExtractor()
	}
	return s.px.Keys(text, lang)
}
