package report

import (
	"encoding/json"
	"io"
	"slices"

	"github.com/wirecopy/wirecopy/cluster"
)

// The JSON types below are the public JSON contract (see the package
// comment): keys are added, never renamed or removed.

type jsonReport struct {
	Clusters []jsonCluster `json:"clusters"`
	Articles []jsonPair    `json:"articles"`
	Sources  []jsonSource  `json:"sources"`
	Stats    jsonStats     `json:"stats"`
}

type jsonCluster struct {
	ID            int          `json:"id"`
	Boilerplate   bool         `json:"boilerplate"`
	Sources       []string     `json:"sources"`
	Documents     int          `json:"documents"`
	Origin        *jsonOrigin  `json:"origin,omitempty"`
	Credit        string       `json:"credit,omitempty"` // the agency the members' documents credit (cluster.Cluster.Credit)
	Languages     []string     `json:"languages"`
	Translated    bool         `json:"translated"` // some member is in another language than the representative
	SimilarityMin float64      `json:"similarity_min"`
	SimilarityMax float64      `json:"similarity_max"`
	Members       []jsonMember `json:"members"`
}

type jsonOrigin struct {
	Doc      string   `json:"doc"`
	Source   string   `json:"source"`
	Date     string   `json:"date"`
	Credited bool     `json:"credited,omitempty"` // chosen because the members credit its source
	Evidence []string `json:"evidence"`           // why: "credited: reuters (3 of 4 documents)", "earliest: 2024-04-03"
}

// jsonPair is a pair of documents that share copy (Article).
type jsonPair struct {
	Copy               jsonDoc `json:"copy"`
	Original           jsonDoc `json:"original"`
	Verb               string  `json:"verb"`                // "reprints", "translates", or "shares" when not directed
	Paragraphs         int     `json:"paragraphs"`          // paragraphs of the original the copy carries
	OriginalParagraphs int     `json:"original_paragraphs"` // indexed paragraphs of the original
	CopyParagraphs     int     `json:"copy_paragraphs"`     // paragraphs of the copy that carry them
	Share              float64 `json:"share"`               // share of the copy's words in those paragraphs
	Directed           bool    `json:"directed"`
	Credited           bool    `json:"credited"`
	Translated         bool    `json:"translated"`
	Why                string  `json:"why"`
	Clusters           []int   `json:"clusters"`
}

// jsonDoc names a document.
type jsonDoc struct {
	Doc    string `json:"doc"`
	Source string `json:"source"`
	Date   string `json:"date,omitempty"`
}

type jsonMember struct {
	Doc            string     `json:"doc"`       // corpus.Document.ID
	Paragraph      int        `json:"paragraph"` // 0-based paragraph number within the document
	Source         string     `json:"source"`
	Lang           string     `json:"lang"`              // the language the paragraph was read in: detected, or its document's
	Translated     bool       `json:"translated"`        // in another language than the representative: matched through translation
	Credits        []string   `json:"credits,omitempty"` // agencies its document credits as its source
	Date           string     `json:"date,omitempty"`
	Similarity     float64    `json:"similarity"`
	MatchedTo      jsonRef    `json:"matched_to"`      // the representative, which the spans were aligned with; itself for the representative
	Coverage       float64    `json:"coverage"`        // share of the member's words inside spans
	OriginCoverage float64    `json:"origin_coverage"` // share of the representative's words the member carries
	Spans          []jsonSpan `json:"spans"`           // byte offsets into text
	DocBegin       int        `json:"doc_begin"`       // byte offsets of text in the document's text
	DocEnd         int        `json:"doc_end"`
	Text           string     `json:"text"`
}

// jsonRef names a paragraph.
type jsonRef struct {
	Doc       string `json:"doc"`
	Paragraph int    `json:"paragraph"`
}

// jsonSpan is a passage of a member's text: bytes [begin, end) of it.
type jsonSpan struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

type jsonSource struct {
	Source      string        `json:"source"`
	Documents   int           `json:"documents"`
	Paragraphs  int           `json:"paragraphs"`
	Shared      int           `json:"shared"`
	Words       int           `json:"words"`
	SharedWords int           `json:"shared_words"`
	Reuse       float64       `json:"reuse"`
	Partners    []jsonPartner `json:"partners"`
	Originated  int           `json:"originated"`
	Copied      int           `json:"copied"`
	CopiedWords int           `json:"copied_words"`
	Copy        float64       `json:"copy"`
	CopiedFrom  []jsonPartner `json:"copied_from"`
}

type jsonPartner struct {
	Source     string `json:"source"`
	Paragraphs int    `json:"paragraphs"`
}

type jsonStats struct {
	Documents           int `json:"documents"`
	Paragraphs          int `json:"paragraphs"`           // all paragraphs
	IndexedParagraphs   int `json:"indexed_paragraphs"`   // long enough to compare
	Clusters            int `json:"clusters"`             // reused copy, boilerplate not counted
	BoilerplateClusters int `json:"boilerplate_clusters"` // listed or not
	ReusedParagraphs    int `json:"reused_paragraphs"`    // distinct paragraphs in reused-copy clusters
	Sources             int `json:"sources"`
}

// toJSON converts a cluster to its JSON object. The similarity range
// leaves out the representative; a cluster of one member reports the
// representative's own similarity. Every member is matched to the
// representative, the first member.
func toJSON(res *cluster.Result, c *cluster.Cluster, boilerplate bool) jsonCluster {
	v := describe(res, c)
	jc := jsonCluster{
		ID:          c.ID,
		Boilerplate: boilerplate,
		Sources:     v.sources,
		Documents:   v.documents,
		Languages:   v.languages,
		Translated:  v.translated,
		Members:     make([]jsonMember, len(c.Members)),
	}
	var rep jsonRef
	for i, m := range c.Members {
		p := res.Paragraphs[m.Paragraph]
		d := &res.Docs[p.Doc]
		if i == 0 {
			rep = jsonRef{Doc: d.ID, Paragraph: p.Index}
		}
		spans := make([]jsonSpan, len(m.Spans))
		for k, s := range m.Spans {
			spans[k] = jsonSpan(s)
		}
		jc.Members[i] = jsonMember{
			Doc:            d.ID,
			Paragraph:      p.Index,
			Source:         d.Source,
			Lang:           memberLang(res, m.Paragraph),
			Translated:     m.Translated,
			Credits:        m.Credits,
			Date:           date(d.Date),
			Similarity:     round4(m.Similarity),
			MatchedTo:      rep,
			Coverage:       round4(m.Coverage),
			OriginCoverage: round4(m.OriginCoverage),
			Spans:          spans,
			DocBegin:       p.Begin,
			DocEnd:         p.End,
			Text:           p.Text,
		}
	}
	switch {
	case v.ok:
		jc.SimilarityMin, jc.SimilarityMax = round4(v.simMin), round4(v.simMax)
	case len(c.Members) > 0:
		jc.SimilarityMin = round4(c.Members[0].Similarity)
		jc.SimilarityMax = jc.SimilarityMin
	}
	if c.Origin && len(c.Members) > 0 {
		rep := jc.Members[0]
		jc.Origin = &jsonOrigin{Doc: rep.Doc, Source: rep.Source, Date: rep.Date, Credited: c.Credited, Evidence: []string{}}
		jc.Origin.Evidence = append(jc.Origin.Evidence, originEvidence(res, c)...)
	}
	jc.Credit = c.Credit
	return jc
}

// jsonWriter encodes values with HTML escaping off, the way a report is
// read by programs and people rather than embedded in a page.
type jsonWriter struct {
	w              io.Writer
	prefix, indent string
	out            appender // what enc writes
	buf            []byte   // write's scratch
	enc            *json.Encoder
}

// appender is an io.Writer that appends to b.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

func newJSONWriter(w io.Writer, prefix, indent string) *jsonWriter {
	j := &jsonWriter{w: w, prefix: prefix, indent: indent}
	j.enc = json.NewEncoder(&j.out)
	j.enc.SetEscapeHTML(false)
	j.enc.SetIndent(prefix, indent)
	return j
}

// write writes before, v encoded without its final newline, and after.
func (j *jsonWriter) write(before string, v any, after string) error {
	b, err := j.encode(j.buf[:0], before, v, after)
	j.buf = b[:0]
	if err != nil {
		return err
	}
	_, err = j.w.Write(b)
	return err
}

// writeEach writes n values as write does, value i being item(i)
// (before, v, after), encoded on workers goroutines, each with an encoder
// laid out as j's (inOrder), and written in order.
func (j *jsonWriter) writeEach(n, workers int, item func(i int) (before string, v any, after string)) error {
	js := make([]*jsonWriter, workerCount(workers, n))
	for w := range js {
		js[w] = newJSONWriter(nil, j.prefix, j.indent)
	}
	return inOrder(n, len(js), func(w, i int, dst []byte) ([]byte, error) {
		before, v, after := item(i)
		return js[w].encode(dst, before, v, after)
	}, func(b []byte) error {
		_, err := j.w.Write(b)
		return err
	})
}

// encode appends before, v encoded without its final newline, and after
// to dst.
func (j *jsonWriter) encode(dst []byte, before string, v any, after string) ([]byte, error) {
	j.out.b = append(dst, before...)
	err := j.enc.Encode(v)
	b := j.out.b
	j.out.b = nil
	if err != nil {
		return dst, err
	}
	b = b[:len(b)-1]
	return append(b, after...), nil
}

// jsonArray writes a JSON array one element at a time, each encoded on
// its own by j, laid out as json.Encoder with SetIndent("", "  ") lays
// out an array that is the value of a key of the top object: "[]" when
// empty, else one element per line.
type jsonArray struct {
	j *jsonWriter // with prefix "    " and indent "  "
	n int         // elements written
}

func (a *jsonArray) add(v any) error {
	a.n++
	return a.j.write(a.sep(a.n-1), v, "")
}

// sep is what comes before element i.
func (a *jsonArray) sep(i int) string {
	if i == 0 {
		return "[\n    "
	}
	return ",\n    "
}

// addEach adds n elements, element i being item(i), built and encoded on
// workers goroutines (inOrder) and written in order.
func (a *jsonArray) addEach(n, workers int, item func(i int) any) error {
	first := a.n
	a.n += n
	return a.j.writeEach(n, workers, func(i int) (string, any, string) { return a.sep(first + i), item(i), "" })
}

func (a *jsonArray) close() error {
	end := "\n  ]"
	if a.n == 0 {
		end = "[]"
	}
	_, err := io.WriteString(a.j.w, end)
	return err
}

// writeJSON writes the report as one JSON object indented by two spaces.
// It streams: each cluster, article pair and source is encoded on its
// own and written before the next is built, so the output is never held
// in memory whole (what is held is the Result and the sorted list of
// pairs, Articles). It is byte for byte what json.Encoder with
// SetIndent("", "  ") writes for the whole jsonReport.
func writeJSON(w io.Writer, res *cluster.Result, opts Options) error {
	inner := newJSONWriter(w, "    ", "  ") // elements of the top object's arrays
	if _, err := io.WriteString(w, "{\n  \"clusters\": "); err != nil {
		return err
	}
	clusters := jsonArray{j: inner}
	listed := listedClusters(res, opts)
	err := clusters.addEach(len(listed), opts.Workers, func(i int) any {
		return toJSON(res, listed[i].c, listed[i].boilerplate)
	})
	if err != nil {
		return err
	}
	if err := clusters.close(); err != nil {
		return err
	}

	if _, err := io.WriteString(w, ",\n  \"articles\": "); err != nil {
		return err
	}
	pairs := jsonArray{j: inner}
	articles := Articles(res)
	err = pairs.addEach(len(articles), opts.Workers, func(i int) any { return toJSONPair(res, articles[i]) })
	if err != nil {
		return err
	}
	if err := pairs.close(); err != nil {
		return err
	}

	if _, err := io.WriteString(w, ",\n  \"sources\": "); err != nil {
		return err
	}
	sum := summarize(res)
	sources := jsonArray{j: inner}
	for _, s := range sortSources(slices.Clone(sum.stats)) {
		if err := sources.add(toJSONSource(s)); err != nil {
			return err
		}
	}
	if err := sources.close(); err != nil {
		return err
	}

	return newJSONWriter(w, "  ", "  ").write(",\n  \"stats\": ", jsonStats{
		Documents:           res.Documents(),
		Paragraphs:          res.ParagraphCount(),
		IndexedParagraphs:   sum.indexed,
		Clusters:            len(res.Clusters),
		BoilerplateClusters: len(res.Boilerplate),
		ReusedParagraphs:    sum.reused,
		Sources:             len(sum.names),
	}, "\n}\n")
}

// toJSONPair converts an article pair to its JSON object.
func toJSONPair(res *cluster.Result, a Article) jsonPair {
	doc := func(d int) jsonDoc {
		return jsonDoc{Doc: res.Docs[d].ID, Source: res.Docs[d].Source, Date: date(res.Docs[d].Date)}
	}
	return jsonPair{
		Copy:               doc(a.Copy),
		Original:           doc(a.Original),
		Verb:               a.verb(),
		Paragraphs:         a.Paragraphs,
		OriginalParagraphs: a.OriginalParagraphs,
		CopyParagraphs:     a.CopyParagraphs,
		Share:              round4(a.Share),
		Directed:           a.Directed,
		Credited:           a.Credited,
		Translated:         a.Translated,
		Why:                a.why(res),
		Clusters:           a.Clusters,
	}
}

// toJSONSource converts a source's figures to its JSON object.
func toJSONSource(s SourceStat) jsonSource {
	js := jsonSource{
		Source:      s.Source,
		Documents:   s.Documents,
		Paragraphs:  s.Paragraphs,
		Shared:      s.Shared,
		Words:       s.Words,
		SharedWords: s.SharedWords,
		Reuse:       round4(s.Reuse),
		Partners:    make([]jsonPartner, len(s.Partners)),
		Originated:  s.Originated,
		Copied:      s.Copied,
		CopiedWords: s.CopiedWords,
		Copy:        round4(s.Copy),
		CopiedFrom:  make([]jsonPartner, len(s.CopiedFrom)),
	}
	for k, p := range s.Partners {
		js.Partners[k] = jsonPartner(p)
	}
	for k, p := range s.CopiedFrom {
		js.CopiedFrom[k] = jsonPartner(p)
	}
	return js
}

// writeJSONL writes one cluster object per line.
func writeJSONL(w io.Writer, res *cluster.Result, opts Options) error {
	listed := listedClusters(res, opts)
	return newJSONWriter(w, "", "").writeEach(len(listed), opts.Workers, func(i int) (string, any, string) {
		return "", toJSON(res, listed[i].c, listed[i].boilerplate), "\n"
	})
}
