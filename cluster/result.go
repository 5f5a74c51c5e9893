package cluster

import (
	"fmt"

	"github.com/wirecopy/wirecopy/corpus"
)

// Paragraph is one paragraph of one document, as the pipeline saw it.
type Paragraph struct {
	Doc     int    // index into Result.Docs
	Index   int    // 0-based paragraph number within the document
	Begin   int    // byte offset of Text in the document's text
	End     int    // byte offset just past Text
	Text    string // the paragraph as printed in the document
	Words   int    // number of words after normalisation
	Indexed bool   // long enough to judge (Options.MinWords) and so shingled and indexed
	// Lang is the paragraph's language: its document's Lang when that
	// names a language package pivot knows, else the one pivot.Detect
	// finds (when translation is on and the paragraph is indexed), else
	// the document's Lang as given; "" when unknown.
	Lang string
}

// Member is one paragraph of a cluster.
type Member struct {
	Paragraph  int     // index into Result.Paragraphs
	Similarity float64 // similarity to the cluster's representative, 0..1 (1 for the representative)
	// Translated is true when the member's language differs from the
	// representative's and their shingles do not match, or when the two
	// were joined as translations of the same copy in one language
	// (samelang.go): it was matched through the pivot vocabulary (see
	// translate.go), and Similarity and the explanation are the pivot
	// ones. Always false with Options.Monolingual.
	Translated bool
	// Credits lists the agencies the member's document credits as its
	// source (Credits); nil when none. Shared between members of one
	// document, so read-only.
	Credits []string

	// The explanation: what the member shares with the cluster's
	// representative (Members[0]), aligned word by word (package align).
	// For the representative itself, Spans are the passages any other
	// member shares with it, so Coverage is the share of it that others
	// carry, and OriginCoverage is 1.
	Spans          []Span  // passages of the member's Text, in order; shared between members with equal texts, so read-only
	Coverage       float64 // share of the member's words inside Spans, 0..1
	OriginCoverage float64 // share of the representative's words inside the passages aligned with Spans, 0..1
}

// Span is a passage of a paragraph: bytes [Begin, End) of its Text, from
// the first byte of its first word to the last byte of its last word.
type Span struct {
	Begin, End int
}

// Cluster is a group of paragraphs that carry the same copy.
type Cluster struct {
	ID      int      // 1-based, in report order
	Members []Member // representative first, then by date, source, document ID, paragraph
	// Origin is true when the representative is the likely first
	// publication: a member of the agency the members credit (Credited),
	// else the earliest dated member; false when neither holds and the
	// representative is the member that carries most of the others.
	Origin bool
	// Credit is the agency the members' documents credit as their source
	// (credit.go: "reuters", "ap", "afp", "dpa", "efe"), the one most of
	// them credit; "" when none does.
	Credit string
	// Credited is true when the representative's source is the Credit
	// agency: it was chosen among that agency's members before dates.
	Credited    bool
	Boilerplate bool // site boilerplate rather than syndicated copy
}

// Result is everything a scan found: the documents it read, their
// paragraphs, and the clusters of reused copy.
type Result struct {
	Docs       []corpus.Document
	Paragraphs []Paragraph
	// Clusters lists reused copy: clusters whose members come from at
	// least two documents (or from one bilingual document whose
	// paragraphs translate each other, see translate.go), most widely reused first (most sources, then
	// most documents, then the member whose document ID, then paragraph
	// number, comes first).
	Clusters []Cluster
	// Boilerplate lists clusters judged to be site boilerplate, in the
	// same order; they are kept out of Clusters.
	Boilerplate []Cluster
	// Short counts, per source (in order), the documents too short to
	// judge: none of their paragraphs has Options.MinWords words, so they
	// can share no copy. The Builder keeps them only as these counts, not
	// in Docs and Paragraphs (unless Builder.ListAll).
	Short []ShortCount

	// keyRank numbers the paragraphs in compareKeys order, once the
	// clustering has begun (rankKeys); nil before.
	keyRank []int32
}

// ShortCount is a source's documents too short to judge, and their
// paragraphs.
type ShortCount struct {
	Source                string
	Documents, Paragraphs int
}

// Documents returns the number of documents read: Docs and the short
// ones.
func (r *Result) Documents() int {
	n := len(r.Docs)
	for _, c := range r.Short {
		n += c.Documents
	}
	return n
}

// ParagraphCount returns the number of paragraphs read: Paragraphs and
// those of the short documents.
func (r *Result) ParagraphCount() int {
	n := len(r.Paragraphs)
	for _, c := range r.Short {
		n += c.Paragraphs
	}
	return n
}

// Source returns the source of a paragraph.
func (r *Result) Source(p int) string { return r.Docs[r.Paragraphs[p].Doc].Source }

// sourceNumbers numbers the sources of the documents: per document, its
// source's number, the same for every document of one source.
func (r *Result) sourceNumbers() []uint32 {
	number := map[string]uint32{}
	docs := make([]uint32, len(r.Docs))
	for d := range r.Docs {
		n, ok := number[r.Docs[d].Source]
		if !ok {
			n = uint32(len(number))
			number[r.Docs[d].Source] = n
		}
		docs[d] = n
	}
	return docs
}

func (p Paragraph) String() string {
	return fmt.Sprintf("doc %d para %d [%d:%d] %d words", p.Doc, p.Index, p.Begin, p.End, p.Words)
}

func (m Member) String() string {
	return fmt.Sprintf("para %d sim %.3f spans %v coverage %.3f origin %.3f", m.Paragraph, m.Similarity, m.Spans, m.Coverage, m.OriginCoverage)
}

func (s Span) String() string { return fmt.Sprintf("%d-%d", s.Begin, s.End) }
