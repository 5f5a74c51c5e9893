package cluster

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/wirecopy/wirecopy/align"
	"github.com/wirecopy/wirecopy/pivot"
)

// Explanations. Once the clusters stand, every member is aligned word by
// word with its cluster's representative (package align) and gets the
// passages it shares with it (Member.Spans), the share of its words they
// hold (Coverage) and the share of the representative's words it carries
// (OriginCoverage). The representative gets the union of what the others
// share with it: the parts of the likely origin that were reprinted.
// Members with the same text as one aligned before share its result.
// Clusters are spread over the workers; each is explained by one, so the
// result does not depend on their number.

// explain fills in the explanation of every member of r's clusters.
func (r *Result) explain(workers int) {
	all := make([]*Cluster, 0, len(r.Clusters)+len(r.Boilerplate))
	for i := range r.Clusters {
		all = append(all, &r.Clusters[i])
	}
	for i := range r.Boilerplate {
		all = append(all, &r.Boilerplate[i])
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(all)) {
		wg.Go(func() {
			e := explainer{al: align.New(), px: pivot.NewExtractor()}
			for {
				k := int(next.Add(1)) - 1
				if k >= len(all) {
					return
				}
				e.cluster(r, all[k])
			}
		})
	}
	wg.Wait()
}

// explainer holds one worker's aligner and scratch space.
type explainer struct {
	al    *align.Aligner
	rep   []align.Word
	words []align.Word
	union []align.Range
	seen  map[string]int // member text -> index of the member explained with it
	px    *pivot.Extractor

	// What translated members share with the representative, for when
	// no member in its own language does: passages of its text and the
	// largest share of its terms one member carries.
	repPivot    []Span
	repCoverage float64
}

func (e *explainer) cluster(r *Result, c *Cluster) {
	if len(c.Members) == 0 {
		return
	}
	repText := r.Paragraphs[c.Members[0].Paragraph].Text
	e.rep = e.al.AppendWords(e.rep[:0], repText)
	e.union = e.union[:0]
	e.repPivot, e.repCoverage = e.repPivot[:0], 0
	clear(e.seen)
	if e.seen == nil {
		e.seen = map[string]int{}
	}
	for i := 1; i < len(c.Members); i++ {
		m := &c.Members[i]
		text := r.Paragraphs[m.Paragraph].Text
		if k, ok := e.seen[text]; ok {
			same := c.Members[k]
			m.Spans, m.Coverage, m.OriginCoverage = same.Spans, same.Coverage, same.OriginCoverage
			continue
		}
		e.seen[text] = i
		if m.Translated {
			e.explainTranslation(r, m, c.Members[0].Paragraph)
			continue
		}
		e.words = e.al.AppendWords(e.words[:0], text)
		spans := e.al.Align(e.words, e.rep)
		m.Spans = make([]Span, len(spans))
		inMember, inRep := 0, 0
		for k, s := range spans {
			m.Spans[k] = Span{Begin: s.A.Begin, End: s.A.End}
			inMember += s.A.Words()
			inRep += s.B.Words()
			e.union = append(e.union, s.B)
		}
		m.Coverage = share(inMember, len(e.words))
		m.OriginCoverage = share(inRep, len(e.rep))
	}
	e.union = align.Union(e.union)
	rep := &c.Members[0]
	rep.Spans = make([]Span, len(e.union))
	for k, u := range e.union {
		rep.Spans[k] = Span{Begin: u.Begin, End: u.End}
	}
	rep.Coverage = share(align.Covered(e.union), len(e.rep))
	rep.OriginCoverage = 1
	if len(rep.Spans) == 0 && len(e.repPivot) > 0 {
		rep.Spans, rep.Coverage = unionSpans(e.repPivot), e.repCoverage
	}
}

// unionSpans sorts spans and merges those that overlap or touch.
func unionSpans(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int { return cmp.Compare(a.Begin, b.Begin) })
	out := []Span{spans[0]}
	for _, s := range spans[1:] {
		if last := &out[len(out)-1]; s.Begin <= last.End {
			last.End = max(last.End, s.End)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// explainTranslation explains a member in another language than the
// representative rep: its spans are the passages of its pivot terms
// (translated words, names, numbers) that the representative has too,
// Coverage the share of its terms they hold, OriginCoverage the share of
// the representative's terms found in it. The representative's own
// spans stay those of its monolingual members (word positions in two
// languages do not align); when it has none, they are the passages of
// its terms that translated members share, and its Coverage the largest
// share of its terms one of them carries. An error reading a lexicon (which cannot
// happen once the clusters stand: the lexicons were read to build them)
// leaves the member unexplained.
func (e *explainer) explainTranslation(r *Result, m *Member, rep int) {
	p, q := r.Paragraphs[m.Paragraph], r.Paragraphs[rep]
	fm, err1 := e.px.Features(p.Text, p.Lang)
	fr, err2 := e.px.Features(q.Text, q.Lang)
	spans, shared, total, err3 := e.px.Shared(p.Text, p.Lang, &fr)
	repSpans, repShared, repTotal, err4 := e.px.Shared(q.Text, q.Lang, &fm)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return
	}
	for _, s := range repSpans {
		e.repPivot = append(e.repPivot, Span(s))
	}
	e.repCoverage = max(e.repCoverage, share(repShared, repTotal))
	m.Spans = make([]Span, len(spans))
	for k, s := range spans {
		m.Spans[k] = Span(s)
	}
	m.Coverage = share(shared, total)
	m.OriginCoverage = share(repShared, repTotal)
}

// share returns part/whole, 0 when whole is 0.
func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}
