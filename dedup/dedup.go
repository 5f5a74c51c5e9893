// Package dedup removes near-duplicate documents, or near-duplicate
// paragraphs, from large JSONL corpora, streaming: the text of a document
// is held only while it is signed.
//
// Two passes. The first reads every document (package corpus), shingles
// and signs it on every core (packages shingle and lsh), and keeps per
// unit (a document, or with UnitParagraph each indexed paragraph) only
// what the decision needs:
//
//   - an 8-bit MinHash sketch: the low 8 bits of each of the Permutations
//     minimums (b-bit minwise hashing, Li and König 2010; the low bits,
//     since the high bits of a minimum are mostly zero), 128 bytes at 128
//     permutations;
//   - one 32-bit key per LSH band, 112 bytes at 28 bands;
//   - the shingle and word counts, the document and paragraph numbers and
//     the stated numbers' hashes (8 bytes each; 24 bytes plus the numbers);
//
// about 270 bytes per unit at the defaults, plus about 100 bytes and the
// id per document (id, source, date, file and line). Decide then sorts
// each band's keys once to find candidate pairs, verifies each pair on the
// sketches with the same tests scan applies to exact shingle sets
// (cluster.Options.MatchEstimate: containment of the shorter >= Threshold,
// Jaccard >= MinJaccard, enough shingles shared, numbers agreeing), builds
// clusters from the verified pairs by scan's membership rule (package
// join: every member matches its cluster's core, so clusters do not chain
// from story to story), and within each cluster keeps the fewest units
// that hold all the others, preferring them in the order of the Keep
// policy (see cover). A unit is removed only when the kept unit it is
// marked a duplicate of holds at least Threshold of its own text: a
// paragraph that shares a sentence with a kept one stays, and so does a
// unit held only through a passage that the kept unit inserted and its
// own copies lack (clusterPairs.inserted). The second
// pass (Result.Write) reads the input again and
// copies each kept line byte for byte, drops the others, and with
// UnitParagraph rewrites only the text field of documents that lost
// paragraphs.
//
// Estimates. The Jaccard similarity of two sketches is the share p of
// equal 8-bit values, corrected for the chance c = 1/256 that two different
// minimums agree in their low bits: J = (p - c)/(1 - c). Its standard
// error is sqrt(p(1-p)/Permutations)/(1-c), 0.0386 at J = 0.25 and 128
// permutations against 0.0383 for full 64-bit values, for an eighth of the
// memory; pairs within about that of a threshold may be decided either
// way. The README measures what this costs against scan's exact
// verification.
//
// Clusters are built as in scan. The order of preference is, within each
// cluster, the most alike the rest first (KeepCentral, see byCentrality),
// input order (KeepFirst), most words first (KeepLongest) or earliest
// date first, undated last (KeepEarliest); ties fall to input order, so
// the decisions depend only on the input and the options, not on the
// number of workers.
package dedup

import (
	"fmt"
	"strings"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/score"
)

// Unit is what is deduplicated.
type Unit int

const (
	UnitDocument  Unit = iota // whole documents: near-duplicates are dropped
	UnitParagraph             // paragraphs: repeats are cut from their documents
)

// ParseUnit reads "document" or "paragraph".
func ParseUnit(s string) (Unit, error) {
	switch strings.ToLower(s) {
	case "document", "doc", "":
		return UnitDocument, nil
	case "paragraph", "para":
		return UnitParagraph, nil
	}
	return 0, fmt.Errorf("dedup: unknown unit %q (want document or paragraph)", s)
}

func (u Unit) String() string {
	if u == UnitParagraph {
		return "paragraph"
	}
	return "document"
}

// Keep is the policy choosing which unit of a cluster stays.
type Keep int

const (
	KeepCentral  Keep = iota // the one most alike the rest of its cluster, then (documents) the least held by the others, then the first
	KeepFirst                // the first in input order
	KeepLongest              // the one with most words
	KeepEarliest             // the earliest dated; undated units come last
)

// ParseKeep reads "central", "first", "longest" or "earliest".
func ParseKeep(s string) (Keep, error) {
	switch strings.ToLower(s) {
	case "central", "":
		return KeepCentral, nil
	case "first":
		return KeepFirst, nil
	case "longest":
		return KeepLongest, nil
	case "earliest":
		return KeepEarliest, nil
	}
	return 0, fmt.Errorf("dedup: unknown keep policy %q (want central, first, longest or earliest)", s)
}

func (k Keep) String() string {
	return [...]string{"central", "first", "longest", "earliest"}[k]
}

// Options configure a Deduper. The zero value deduplicates documents with
// scan's defaults and keeps the central units of each cluster.
type Options struct {
	// Cluster holds the options shared with scan: shingle size,
	// permutations, Threshold, MinJaccard, MinShared, MinWords (shorter
	// units are never removed), Within and Workers. BoilerplateDocs is not
	// used.
	Cluster cluster.Options
	Unit    Unit
	Keep    Keep
	// Translate also removes a unit that is a translation of a kept one
	// (see translate.go), with Cluster.CrossThreshold. Off by default,
	// unlike scan: a cleaner of training text usually wants both
	// languages kept. Cluster.Monolingual is ignored.
	Translate bool
	// ListAll lists every document in Result.Docs, the short ones too
	// (see Result.Short), for Result.Score.
	ListAll bool
}

// Reason says why a document or paragraph was dropped.
type Reason int

const (
	Kept      Reason = iota
	Duplicate        // a near-duplicate of a kept unit
	Empty            // UnitParagraph: fewer than MinWords words left
	Bad              // the record could not be read (with skipping on)
)

func (r Reason) String() string {
	return [...]string{"kept", "duplicate", "empty", "bad"}[r]
}

// Doc is the decision about one input record, in input order.
type Doc struct {
	ID, Source string
	Path       string // the file as given; "-" for standard input
	Line       int    // 1-based line in Path; 0 for a problem with the whole file
	Words      int
	Date       time.Time

	Drop Reason
	// Duplicate (UnitDocument): the document kept in its place, the
	// estimated containment of the shorter in the longer, and the cluster.
	DuplicateOf int // index into Result.Docs; -1 when none
	Similarity  float64
	Cluster     int    // 1-based; 0 when the document is in no cluster
	Translated  bool   // a translation of DuplicateOf (Options.Translate); Similarity is then the pivot one
	Err         string // Bad: what was wrong

	// UnitParagraph: Result.Removed[firstRemoved : firstRemoved+removed]
	// are this document's removed paragraphs, and KeptWords the words left.
	firstRemoved, removed int32
	KeptWords             int
}

// Removal is one paragraph removed with UnitParagraph.
type Removal struct {
	Doc, Paragraph int // the document (index into Result.Docs) and its 0-based paragraph
	Words          int
	KeptDoc        int // the copy that stays: document and paragraph
	KeptParagraph  int
	Similarity     float64 // estimated containment of the shorter in the longer
	Cluster        int     // 1-based paragraph cluster
	Translated     bool    // a translation of the kept paragraph (Options.Translate); Similarity is then the pivot one
}

// Removed returns the paragraphs removed from document d, in order.
func (r *Result) RemovedFrom(d int) []Removal {
	doc := r.Docs[d]
	return r.Removed[doc.firstRemoved : doc.firstRemoved+doc.removed]
}

// Result holds the decisions. Nothing in it depends on the number of
// workers.
type Result struct {
	Options Options
	// Docs are the records read, in input order, but for the short
	// ones: documents too short to hold a unit of MinWords words, which
	// nothing can match and which are always kept. Of those only their
	// place in the input is held (Short), about 16 bytes against some 200
	// for a Doc, unless Options.ListAll.
	Docs      []Doc
	Short     int // documents not in Docs, too short to match anything
	short     []shortDoc
	inputs    []string  // the files of the short documents
	Removed   []Removal // UnitParagraph
	Units     int       // documents or paragraphs indexed (at least MinWords words)
	Clusters  int       // clusters of two units or more
	TextBytes int64     // bytes of document text read

	// For scoring: every indexed unit's document, paragraph and cluster
	// (0 when alone).
	unitDoc, unitPara, unitCluster []int32
}

// shortDoc is where a short document is in the input: the line of file
// inputs[input], before Docs[before].
type shortDoc struct {
	before, input int32
	line          int
}

// addShort records a short document read at path and line.
func (r *Result) addShort(path string, line int) {
	if n := len(r.inputs); n == 0 || r.inputs[n-1] != path {
		r.inputs = append(r.inputs, path)
	}
	r.short = append(r.short, shortDoc{before: int32(len(r.Docs)), input: int32(len(r.inputs) - 1), line: line})
	r.Short++
}

// Counts returns the number of documents read, written and dropped, and
// of records that could not be read.
func (r *Result) Counts() (in, out, dropped, bad int) {
	in, out = r.Short, r.Short
	for _, d := range r.Docs {
		switch d.Drop {
		case Kept:
			in++
			out++
		case Bad:
			bad++
		default:
			in++
			dropped++
		}
	}
	return in, out, dropped, bad
}

// Score scores the clusters against gold labels as wirecopy eval
// scores scan's (score.Pairs): pairwise precision, recall and F1 over
// pairs of documents from different sources, a pair predicted when some
// cluster holds a unit of each; with UnitParagraph, clusters that are
// site boilerplate by scan's rule predict nothing. Documents that could
// not be read are left out.
func (r *Result) Score(gold map[string]string) score.Scores {
	var docs []score.Doc
	var sources []string
	docIndex := make([]int, len(r.Docs)) // Result.Docs -> docs
	for i, d := range r.Docs {
		docIndex[i] = len(docs)
		if d.Drop != Bad {
			docs = append(docs, score.Doc{ID: d.ID, Source: d.Source})
			sources = append(sources, d.Source)
		}
	}
	var unitDoc []int
	groups := make([][]int, r.Clusters) // cluster c is groups[c-1]
	for u, c := range r.unitCluster {
		if r.Docs[r.unitDoc[u]].Drop == Bad {
			continue
		}
		if c != 0 {
			groups[c-1] = append(groups[c-1], len(unitDoc))
		}
		unitDoc = append(unitDoc, docIndex[r.unitDoc[u]])
	}
	boilerplate := make([]bool, len(groups))
	if r.Options.Unit == UnitParagraph {
		// As for scan: a paragraph a source repeats across its own
		// documents is its boilerplate, and says nothing about copy.
		boilerplate = cluster.BoilerplateGroups(sources, unitDoc, groups, r.Options.Cluster)
	}
	var clusters [][]int
	for g, units := range groups {
		if boilerplate[g] {
			continue
		}
		c := make([]int, len(units))
		for i, u := range units {
			c[i] = unitDoc[u]
		}
		clusters = append(clusters, c)
	}
	return score.Pairs(docs, clusters, gold)
}

// Kept counts the gold labels by how many of their documents are kept,
// whole or in part (score.KeptPerLabel).
func (r *Result) Kept(gold map[string]string) score.Kept {
	docs := make([]score.Doc, len(r.Docs))
	kept := make([]bool, len(r.Docs))
	for i, d := range r.Docs {
		docs[i], kept[i] = score.Doc{ID: d.ID, Source: d.Source}, d.Drop == Kept
	}
	return score.KeptPerLabel(docs, kept, gold)
}
