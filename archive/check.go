package archive

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
	"github.com/wirecopy/wirecopy/sign"
)

// Hit is an archived paragraph that a checked paragraph carries.
type Hit struct {
	Doc        string // the archived document's id
	Source     string
	Date       time.Time // zero when unknown
	Lang       string    // the archived paragraph's language, else its document's
	URL, Title string
	Paragraph  int     // the archived paragraph's number in its document
	Similarity float64 // containment of the smaller shingle set in the larger, 0..1; for a translation, cluster.CrossSimilarity
	Text       string  // the archived paragraph
	// Translated is true when the archived paragraph is in another
	// language and was found by the cross-language test (crosscheck.go);
	// Lang is then the archived paragraph's language.
	Translated bool
}

// CheckedParagraph is one paragraph of a checked article and the
// archived paragraphs it carries.
type CheckedParagraph struct {
	Index, Begin, End int // number in the article; byte offsets in its text
	Words             int
	Text              string
	// Lang is the paragraph's language as a scan sets it (the article's
	// lang, else detected) when it is indexed and the check is not
	// Monolingual.
	Lang string
	// Indexed is false for a paragraph under MinWords words: too short
	// to judge, and not looked up.
	Indexed bool
	// Boilerplate is true when the matches look like site furniture
	// (the scan's rule, see the cluster package, applied to the
	// paragraph and its hits); such paragraphs do not count as reuse.
	Boilerplate bool
	Hits        []Hit // by date (undated last), source, document id, paragraph
	// More counts hits left out beyond CheckOptions.MaxHits; Partial is
	// true when a band key was shared by more than MaxBucket archived
	// paragraphs, so some candidates were not looked at.
	More    int
	Partial bool
	// Candidates counts the archived paragraphs verified: those filed
	// under one of the paragraph's band keys, and those in another
	// language sharing enough pivot keys with it.
	Candidates int
}

// Checked is the result of checking one article.
type Checked struct {
	Doc        corpus.Document
	Paragraphs []CheckedParagraph
	Judged     int // paragraphs long enough to judge
	Reused     int // judged paragraphs, not boilerplate, with at least one hit
	// First is the earliest dated hit of any reused paragraph: the
	// likely first publication of the article's copy; nil when no hit
	// is dated. Ties on date (compared as cluster.CompareDates does) go
	// to the archived document that most of the article's paragraphs
	// match, then to the source, then the document id, in byte order.
	First *Hit
	// FirstParagraphs counts the reused paragraphs that First's
	// document carries.
	FirstParagraphs int
}

// CheckOptions configure a Checker. The zero value uses the archive's
// options and the defaults below.
type CheckOptions struct {
	// Cluster: Threshold, MinJaccard, MinShared, Within and
	// BoilerplateDocs decide which candidates match, as in a scan. The
	// shingle size, permutations and minimum words must be the
	// archive's (Archive.Compatible); zero fields take the archive's.
	Cluster cluster.Options
	// MaxHits bounds the hits listed per paragraph; 0 means
	// DefaultMaxHits.
	MaxHits int
	// MaxBucket bounds the archived paragraphs taken from one band key;
	// 0 means DefaultMaxBucket.
	MaxBucket int
}

const (
	// DefaultMaxHits: a paragraph that a hundred archived documents
	// carry is wire copy beyond doubt; more rows tell a reader nothing.
	DefaultMaxHits = 100
	// DefaultMaxBucket bounds the work of a paragraph that shares a band
	// with thousands of archived ones (a wire's credit line, a
	// newsletter pitch), as lsh.MaxBucketPairs bounds it in a scan,
	// which pairs the items of a larger bucket with its first item
	// only: the candidates are the bucket's first (oldest) paragraphs.
	// Such a paragraph is boilerplate or copy carried everywhere, and a
	// copy shares many bands with its original, so a cut bucket rarely
	// loses a match. Reading the stored features of candidates is most
	// of a check's time: on an archive of a million paragraphs
	// (bench/archive.sh) a quarter of lsh.MaxBucketPairs took the median
	// check from 31-34 to 19-20 ms, and 400 articles checked both ways
	// got the same verdicts, shares, first publishers and boilerplate;
	// only the long match lists of paragraphs carried everywhere, marked
	// partial either way, were shorter (35-48 matches instead of 100
	// and more).
	DefaultMaxBucket = lsh.MaxBucketPairs / 4
)

// Checker checks articles against an archive.
type Checker struct {
	a      *Archive
	looks  []Lookup // one or more (Backend.Lookups): the first for single reads, all for an article's band keys and features (split)
	opts   CheckOptions
	signer *sign.Signer
}

// NewChecker prepares to check articles against a. Zero fields of
// opts.Cluster take the archive's options.
func (a *Archive) NewChecker(opts CheckOptions) (*Checker, error) {
	stored := a.opts
	o := opts.Cluster
	if o.Shingle.Size == 0 {
		o.Shingle.Size = stored.Shingle.Size
	}
	if o.Permutations == 0 {
		o.Permutations = stored.Permutations
	}
	if o.MinWords == 0 {
		o.MinWords = stored.MinWords
	}
	if o.Threshold == 0 {
		o.Threshold = stored.Threshold
	}
	if err := a.Compatible(o); err != nil {
		return nil, err
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	opts.Cluster = o.WithDefaults()
	signer, err := sign.New(opts.Cluster.Signing())
	if err != nil {
		return nil, err
	}
	if opts.MaxHits <= 0 {
		opts.MaxHits = DefaultMaxHits
	}
	if opts.MaxBucket <= 0 {
		opts.MaxBucket = DefaultMaxBucket
	}
	c := &Checker{a: a, opts: opts, signer: signer}
	for range max(a.b.Lookups(), 1) {
		l, err := a.b.Lookup()
		if err != nil {
			c.Close()
			return nil, err
		}
		c.looks = append(c.looks, l)
	}
	return c, nil
}

// Close releases the Checker's lookups.
func (c *Checker) Close() error {
	var errs []error
	for _, l := range c.looks {
		errs = append(errs, l.Close())
	}
	return errors.Join(errs...)
}

// split runs fn on each of the Checker's lookups at once, with the part
// of n items (in order, contiguous) that lookup takes, and returns the
// first error.
func (c *Checker) split(n int, fn func(l Lookup, lo, hi int) error) error {
	if n == 0 {
		return nil
	}
	parts := min(len(c.looks), n)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() { errs[i] = fn(c.looks[i], i*n/parts, (i+1)*n/parts) })
	}
	wg.Wait()
	return cmp.Or(errs...)
}

// Check checks one article: each paragraph long enough to judge is
// signed as a scan signs it, its band keys are looked up, and every
// candidate found is verified with the scan's exact rule
// (cluster.Options.Match) on the archived paragraph's features, which
// index computed from its text as a scan does. Unless the options are
// Monolingual, each paragraph is also looked up by its pivot keys and
// its translations are verified with the scan's cross-language rule
// (crosscheck.go).
// Archived documents with the article's own id are left out, so an
// article already in the archive is not its own match.
func (c *Checker) Check(doc corpus.Document) (Checked, error) {
	out := Checked{Doc: doc}
	feats := map[int64]shingle.Features{} // archived paragraphs' features, read once per article
	hits := map[int64]Hit{}
	cross := &crossState{feats: feats, hits: hits, pivots: map[int64]*pivot.Features{}}
	if !c.opts.Cluster.Monolingual {
		var err error
		if cross.families, err = pivotFamilies(c.looks[0]); err != nil {
			return out, err
		}
	}
	opts := c.opts.Cluster
	// The paragraphs are signed first, so that the archive is read for
	// all of them at once, on every lookup: their band keys' paragraphs,
	// then the features of all those candidates.
	type signed struct {
		f     shingle.Features
		keys  []uint64
		paras []int64 // candidates
		cut   bool    // a band key had more than MaxBucket paragraphs
	}
	spans := corpus.Paragraphs(doc.Text)
	sigs := make([]signed, len(spans))
	var keys []uint64
	var owner []int // per key, its paragraph
	for i, sp := range spans {
		s := &sigs[i]
		s.f, s.keys = c.signer.Paragraph(doc.Text[sp.Begin:sp.End])
		keys = append(keys, s.keys...)
		for range s.keys {
			owner = append(owner, i)
		}
	}
	var mu sync.Mutex
	err := c.split(len(keys), func(l Lookup, lo, hi int) error {
		return l.Postings(Shingles, keys[lo:hi], c.opts.MaxBucket, func(k int, paras []int64, cut bool) {
			mu.Lock()
			defer mu.Unlock()
			s := &sigs[owner[lo+k]]
			s.paras, s.cut = append(s.paras, paras...), s.cut || cut
		})
	})
	if err != nil {
		return out, err
	}
	var all []int64
	for i := range sigs {
		s := &sigs[i]
		slices.Sort(s.paras)
		s.paras = slices.Compact(s.paras)
		all = append(all, s.paras...)
	}
	slices.Sort(all)
	if err := c.features(feats, slices.Compact(all)); err != nil {
		return out, err
	}
	for i, sp := range spans {
		text := doc.Text[sp.Begin:sp.End]
		f, keys := sigs[i].f, sigs[i].keys
		cp := CheckedParagraph{Index: i, Begin: sp.Begin, End: sp.End, Words: f.Words, Text: text, Indexed: keys != nil}
		if keys != nil {
			out.Judged++
			paras := sigs[i].paras
			cp.Partial, cp.Candidates = sigs[i].cut, len(paras)
			matched := map[int64]bool{}
			for _, para := range paras {
				cf, ok := feats[para]
				if !ok || cf.Words < opts.MinWords || !opts.Match(f, cf) {
					continue
				}
				matched[para] = true
				h, err := c.hit(hits, para)
				if err != nil {
					return out, err
				}
				if h.Doc == doc.ID || !opts.Near(doc.Date, h.Date) {
					continue
				}
				_, _, h.Similarity = cluster.Overlap(f.Shingles, cf.Shingles)
				cp.Hits = append(cp.Hits, h)
			}
			if !opts.Monolingual {
				cp.Lang = opts.ParagraphLang(doc.Lang, text)
			}
			if pivot.Code(cp.Lang) != "" {
				th, n, err := c.crossHits(cross, doc, text, cp.Lang, f, matched)
				if err != nil {
					return out, err
				}
				cp.Hits, cp.Candidates = append(cp.Hits, th...), cp.Candidates+n
			}
			slices.SortFunc(cp.Hits, compareHits)
		}
		out.Paragraphs = append(out.Paragraphs, cp)
	}
	if err := c.setBoilerplate(&out, feats); err != nil {
		return out, err
	}
	for i := range out.Paragraphs {
		cp := &out.Paragraphs[i]
		if len(cp.Hits) > c.opts.MaxHits {
			cp.More = len(cp.Hits) - c.opts.MaxHits
			cp.Hits = cp.Hits[:c.opts.MaxHits]
		}
		if len(cp.Hits) > 0 && !cp.Boilerplate {
			out.Reused++
		}
	}
	out.First, out.FirstParagraphs = first(out.Paragraphs, cluster.Credits(doc.Text))
	return out, nil
}

// features reads the features of the paragraphs not yet in feats.
func (c *Checker) features(feats map[int64]shingle.Features, paras []int64) error {
	var want []int64
	for _, p := range paras {
		if _, ok := feats[p]; !ok {
			want = append(want, p)
		}
	}
	var damaged error
	var mu sync.Mutex
	err := c.split(len(want), func(l Lookup, lo, hi int) error {
		return l.Features(want[lo:hi], func(para int64, b []byte) {
			f, err := decodeFeatures(b)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				damaged = cmp.Or(damaged, fmt.Errorf("archive: %s: paragraph %d: %w", c.a.b.Name(), para, err))
				return
			}
			feats[para] = f
		})
	})
	return cmp.Or(err, damaged)
}

// hit reads what a Hit shows of an archived paragraph, once per article.
func (c *Checker) hit(hits map[int64]Hit, para int64) (Hit, error) {
	if h, ok := hits[para]; ok {
		return h, nil
	}
	h, date, err := c.looks[0].Hit(para)
	if err != nil {
		return h, err
	}
	if h.Date, err = parseDate(date); err != nil {
		return h, fmt.Errorf("archive: %s: loading paragraph: %w", c.a.b.Name(), err)
	}
	hits[para] = h
	return h, nil
}

// compareHits orders hits by date (undated last), source, document id
// and paragraph.
func compareHits(x, y Hit) int {
	if x.Date.IsZero() != y.Date.IsZero() {
		if x.Date.IsZero() {
			return 1
		}
		return -1
	}
	return cmp.Or(cluster.CompareDates(x.Date, y.Date), cmp.Compare(x.Source, y.Source),
		cmp.Compare(x.Doc, y.Doc), cmp.Compare(x.Paragraph, y.Paragraph))
}

// setBoilerplate applies the scan's rule (see the cluster package) to
// each paragraph of a checked article and its hits, which stand in for
// its cluster. Two archived documents of one source are one story when
// more than half of the other paragraphs of the one with fewer match a
// paragraph of the other (Match, as the scan's clusters would join
// them); the article and an archived document of its own source, when
// more than half of the fewer other paragraphs carry one another.
func (c *Checker) setBoilerplate(out *Checked, feats map[int64]shingle.Features) error {
	st := &storyCheck{c: c, feats: feats, paras: map[string][]DocParagraph{}}
	for i := range out.Paragraphs {
		cp := &out.Paragraphs[i]
		if len(cp.Hits) == 0 {
			continue
		}
		// The documents of each source that carry the paragraph: the
		// article itself, then its hits' documents.
		type carrier struct {
			doc  string
			para int // the paragraph carrying this one, by number in its document
		}
		bySource := map[string][]carrier{out.Doc.Source: {{doc: "", para: cp.Index}}}
		seen := map[string]bool{}
		for _, h := range cp.Hits {
			if !seen[h.Doc] {
				seen[h.Doc] = true
				bySource[h.Source] = append(bySource[h.Source], carrier{h.Doc, h.Paragraph})
			}
		}
		docs := make(map[string]int, len(bySource))
		for src, cs := range bySource {
			docs[src] = len(cs)
		}
		same := func(src string, i, j int) bool {
			a, b := bySource[src][i], bySource[src][j]
			return st.same(out, a.doc, a.para, b.doc, b.para)
		}
		cp.Boilerplate = cluster.IsBoilerplate(docs, c.opts.Cluster.BoilerplateDocs, same)
		if st.err != nil {
			return st.err
		}
	}
	return nil
}

// storyCheck compares documents for setBoilerplate, reading archived
// documents' paragraphs once per article.
type storyCheck struct {
	c     *Checker
	feats map[int64]shingle.Features
	paras map[string][]DocParagraph
	// article holds the checked article's paragraphs' features, by
	// number, once read.
	article map[int]shingle.Features
	err     error // the first error met
}

// others returns the features of the paragraphs of doc (the article when
// doc is "") other than its paragraph number skip.
func (st *storyCheck) others(out *Checked, doc string, skip int) []shingle.Features {
	var fs []shingle.Features
	if doc == "" {
		if st.article == nil {
			st.article = map[int]shingle.Features{}
			for _, p := range out.Paragraphs {
				if p.Indexed {
					st.article[p.Index], _ = st.c.signer.Paragraph(p.Text)
				}
			}
		}
		for _, p := range out.Paragraphs {
			if f, ok := st.article[p.Index]; ok && p.Index != skip {
				fs = append(fs, f)
			}
		}
		return fs
	}
	ps, ok := st.paras[doc]
	if !ok {
		var err error
		if ps, err = st.c.looks[0].Paragraphs(doc); err != nil {
			st.err = cmp.Or(st.err, err)
			return nil
		}
		st.paras[doc] = ps
		var want []int64
		for _, p := range ps {
			want = append(want, p.Para)
		}
		if err := st.c.features(st.feats, want); err != nil {
			st.err = cmp.Or(st.err, err)
			return nil
		}
	}
	for _, p := range ps {
		if f, ok := st.feats[p.Para]; ok && p.Index != skip {
			fs = append(fs, f)
		}
	}
	return fs
}

// same reports whether two documents carrying a paragraph are one story
// (cluster.SameStory): the one with fewer other paragraphs is read for
// those that match a paragraph of the other.
func (st *storyCheck) same(out *Checked, a string, pa int, b string, pb int) bool {
	fa, fb := st.others(out, a, pa), st.others(out, b, pb)
	if len(fa) > len(fb) {
		fa, fb = fb, fa
	}
	shared := 0
	for _, f := range fa {
		if slices.ContainsFunc(fb, func(g shingle.Features) bool { return st.c.opts.Cluster.Match(f, g) }) {
			shared++
		}
	}
	return cluster.SameStory(shared, len(fa), len(fb))
}

// first picks the hit the article's copy most likely comes from (see
// Checked.First) and counts the reused paragraphs its document carries.
// As a scan picks a cluster's origin: when some hit comes from an agency
// the article credits (a dateline such as "(Reuters)", a sign-off;
// cluster.Credits), only such hits are considered; of those considered,
// the earliest dated (an undated one only when none is dated), then the
// one whose document carries most of the reused paragraphs.
func first(paras []CheckedParagraph, credits []string) (*Hit, int) {
	keep := func(Hit) bool { return true }
	credited := func(h Hit) bool {
		a := cluster.Agency(h.Source)
		return a != "" && slices.Contains(credits, a)
	}
	for _, p := range paras {
		if !p.Boilerplate && slices.ContainsFunc(p.Hits, credited) {
			keep = credited
			break
		}
	}
	var earliest, undated []Hit // dated hits tied on the earliest date; undated hits
	for _, p := range paras {
		if p.Boilerplate {
			continue
		}
		var hits []Hit // sorted, so the paragraph's earliest first
		for _, h := range p.Hits {
			if keep(h) {
				hits = append(hits, h)
			}
		}
		if len(hits) == 0 {
			continue
		}
		h := hits[0]
		if h.Date.IsZero() {
			undated = append(undated, hits...)
			continue
		}
		switch {
		case len(earliest) == 0 || cluster.CompareDates(h.Date, earliest[0].Date) < 0:
			earliest = []Hit{}
		case cluster.CompareDates(h.Date, earliest[0].Date) > 0:
			continue
		}
		for _, x := range hits {
			if x.Date.IsZero() || cluster.CompareDates(x.Date, h.Date) != 0 {
				break
			}
			earliest = append(earliest, x)
		}
	}
	if len(earliest) == 0 {
		// Only undated hits: an origin by date is not known, but one by
		// credit is.
		if len(undated) == 0 || len(credits) == 0 || !credited(undated[0]) {
			return nil, 0
		}
		earliest = undated
	}
	carried := func(doc string) int {
		n := 0
		for _, p := range paras {
			if !p.Boilerplate && slices.ContainsFunc(p.Hits, func(h Hit) bool { return h.Doc == doc }) {
				n++
			}
		}
		return n
	}
	best, bestN := earliest[0], carried(earliest[0].Doc)
	for _, h := range earliest[1:] {
		n := carried(h.Doc)
		if c := cmp.Or(cmp.Compare(bestN, n), cmp.Compare(h.Source, best.Source), cmp.Compare(h.Doc, best.Doc)); c < 0 || (c == 0 && h.Paragraph < best.Paragraph) {
			best, bestN = h, n
		}
	}
	return &best, bestN
}
