package cluster

import (
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// Signer computes what the Builder keeps of one paragraph (its features
// and band keys) outside a Builder, with the same options and so the same
// results: an archive stores the keys and later checks new paragraphs
// against them. A Signer is used from one goroutine.
type Signer struct {
	opts   Options
	sh     *shingle.Shingler
	signer *lsh.Signer
	ix     *lsh.Index       // for Keys only
	px     *pivot.Extractor // made on first use (crosskeys.go)
}

// NewSigner checks opts and returns a Signer for them.
func NewSigner(opts Options) (*Signer, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.WithDefaults()
	params, err := LSHParams(opts)
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

// Paragraph returns the features of text and, when it has at least
// Options.MinWords words (it is indexed), its band keys; keys is nil for
// a paragraph too short to judge, as in a scan.
func (s *Signer) Paragraph(text string) (f shingle.Features, keys []uint64) {
	f = s.sh.Features(text)
	if f.Words < s.opts.MinWords {
		return f, nil
	}
	// The signature has Permutations >= Bands*Rows values, so Keys cannot
	// fail.
	keys, _ = s.ix.Keys(s.signer.Sign(f.Shingles))
	return f, keys
}

// Features returns the features of text without signing it: what Match
// compares.
func (s *Signer) Features(text string) shingle.Features { return s.sh.Features(text) }

// Options returns the Signer's options, with defaults.
func (s *Signer) Options() Options { return s.opts }
