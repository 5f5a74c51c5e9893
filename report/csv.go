package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/wirecopy/wirecopy/cluster"
)

// csvHeader names the columns of the CSV format, one row per member.
// Columns are only ever added at the end.
var csvHeader = []string{"cluster", "boilerplate", "doc", "paragraph", "source", "lang", "date", "similarity", "origin", "text",
	"coverage", "origin_coverage", "doc_begin", "doc_end", "spans", "translated", "credits"}

// writeCSV writes one row per cluster member. "origin" is true for the
// representative of a cluster that has a likely origin
// (cluster.Cluster.Origin); "date" is empty when unknown; "credits" lists
// the agencies the member's document credits, separated by ";". The
// explanation columns are those of JSON, with "spans" written
// "begin-end;begin-end". The article view (Articles) has no CSV form: it
// is another table, in JSON and the other formats.
func writeCSV(w io.Writer, res *cluster.Result, opts Options) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	row := make([]string, len(csvHeader))
	err := eachListed(res, opts, func(c *cluster.Cluster, boilerplate bool) error {
		for i, m := range c.Members {
			p := res.Paragraphs[m.Paragraph]
			d := &res.Docs[p.Doc]
			row[0] = strconv.Itoa(c.ID)
			row[1] = strconv.FormatBool(boilerplate)
			row[2] = d.ID
			row[3] = strconv.Itoa(p.Index)
			row[4] = d.Source
			row[5] = memberLang(res, m.Paragraph)
			row[6] = date(d.Date)
			row[7] = strconv.FormatFloat(round4(m.Similarity), 'f', -1, 64)
			row[8] = strconv.FormatBool(c.Origin && i == 0)
			row[9] = p.Text
			row[10] = strconv.FormatFloat(round4(m.Coverage), 'f', -1, 64)
			row[11] = strconv.FormatFloat(round4(m.OriginCoverage), 'f', -1, 64)
			row[12] = strconv.Itoa(p.Begin)
			row[13] = strconv.Itoa(p.End)
			row[14] = csvSpans(m.Spans)
			row[15] = strconv.FormatBool(m.Translated)
			row[16] = strings.Join(m.Credits, ";")
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return nil
}

// csvSpans writes spans as "begin-end;begin-end".
func csvSpans(spans []cluster.Span) string {
	var b strings.Builder
	for i, s := range spans {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(strconv.Itoa(s.Begin))
		b.WriteByte('-')
		b.WriteString(strconv.Itoa(s.End))
	}
	return b.String()
}
