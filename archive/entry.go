package archive

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
	"github.com/wirecopy/wirecopy/sign"
)

// Family tells kinds of band key apart; each is looked up separately.
type Family uint8

// The key families.
const (
	// Shingles: the band keys of a paragraph's word-shingle MinHash
	// signature, as a scan makes them (sign.Signer).
	Shingles Family = 0
	// Pivot is the first pivot family: the pivot keys of a paragraph in
	// language pivot.Languages[i] (sign.Signer.PivotKeys, a term's
	// first English candidate each) are family Pivot+i. A check looks a
	// paragraph up in the families of the other languages only, as a
	// scan indexes only the paragraphs outside the corpus's main
	// language: an English article is not compared with the English
	// archive through its dictionary terms, which the shingles already
	// do far more sharply. Made unless the options are
	// Monolingual.
	Pivot Family = 16
)

// pivotFamily returns the family of the pivot keys of a paragraph in
// lang; ok is false for a language pivot does not read.
func pivotFamily(lang string) (f Family, ok bool) {
	i := slices.Index(pivot.Languages, pivot.Code(lang))
	if i < 0 {
		return 0, false
	}
	return Pivot + Family(i), true
}

// Entry is a document ready to store: the document and its paragraphs,
// signed.
type Entry struct {
	Doc        corpus.Document
	Paragraphs []Paragraph
}

// Paragraph is a stored paragraph: where it lies in its document's text,
// its length in words, its language, the band keys it is filed under,
// by family, and its features (none when it is too short to judge).
type Paragraph struct {
	Index      int // 0-based paragraph number in the document
	Begin, End int // byte offsets in the document's text
	Words      int
	Lang       string
	Keys       map[Family][]uint64
	// Features are an indexed paragraph's shingle.Features, encoded as
	// the package comment says: what a check verifies candidates on.
	Features []byte
}

// Indexed reports whether the paragraph is filed under any band key.
func (p Paragraph) Indexed() bool {
	for _, k := range p.Keys {
		if len(k) > 0 {
			return true
		}
	}
	return false
}

// NewEntry splits doc into paragraphs and signs them with s, as a scan
// with opts does (s signs with opts.Signing()): each paragraph long
// enough to judge gets its band keys and features and, unless opts are
// Monolingual, its language (the document's, else detected) and, in a
// language pivot reads, its pivot keys. It fails only when an embedded
// lexicon cannot be read.
func NewEntry(doc corpus.Document, s *sign.Signer, opts cluster.Options) (Entry, error) {
	spans := corpus.Paragraphs(doc.Text)
	e := Entry{Doc: doc, Paragraphs: make([]Paragraph, len(spans))}
	cross := !opts.Monolingual
	for i, sp := range spans {
		text := doc.Text[sp.Begin:sp.End]
		f, keys := s.Paragraph(text)
		p := Paragraph{Index: i, Begin: sp.Begin, End: sp.End, Words: f.Words}
		if keys != nil {
			p.Keys = map[Family][]uint64{Shingles: keys}
			p.Features = encodeFeatures(f)
			p.Lang = opts.ParagraphLang(doc.Lang, text)
			if fam, ok := pivotFamily(p.Lang); cross && ok {
				pk, err := s.PivotKeys(text, p.Lang)
				if err != nil {
					return e, fmt.Errorf("archive: %s paragraph %d: %w", doc.ID, i, err)
				}
				if len(pk) > 0 {
					p.Keys[fam] = pk
				}
			}
		}
		e.Paragraphs[i] = p
	}
	return e, nil
}

// Filter selects stored documents. The zero Filter selects all.
type Filter struct {
	IDs     []string  // only these ids (none: any id)
	Sources []string  // only these sources (none: any source)
	Since   time.Time // only documents dated at or after Since (zero: no bound)
	Before  time.Time // only documents dated before Before (zero: no bound)
}

// encodeFeatures writes f as a uvarint word count, then the shingles
// and the numbers, each a uvarint count and little-endian uint64s.
func encodeFeatures(f shingle.Features) []byte {
	b := make([]byte, 0, 3*binary.MaxVarintLen64+8*(len(f.Shingles)+len(f.Numbers)))
	b = binary.AppendUvarint(b, uint64(f.Words))
	for _, list := range [][]uint64{f.Shingles, f.Numbers} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, h := range list {
			b = binary.LittleEndian.AppendUint64(b, h)
		}
	}
	return b
}

func decodeFeatures(b []byte) (shingle.Features, error) {
	var f shingle.Features
	words, w := binary.Uvarint(b)
	if w <= 0 {
		return f, errors.New("damaged features")
	}
	f.Words, b = int(words), b[w:]
	for _, list := range []*[]uint64{&f.Shingles, &f.Numbers} {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)) || uint64(len(b[w:])) < 8*n {
			return f, errors.New("damaged features")
		}
		b = b[w:]
		*list = make([]uint64, n)
		for i := range *list {
			(*list)[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
		b = b[8*n:]
	}
	if len(b) > 0 {
		return f, errors.New("damaged features")
	}
	return f, nil
}

// parseDate reads a stored date: RFC 3339, "" for none.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("damaged date %q", s)
	}
	return t, nil
}
