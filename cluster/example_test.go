package cluster_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

func ExampleFind() {
	wire := "The European Union's top diplomat flew to Ukraine on Tuesday for a two-day trip to show support for Kyiv, which aspires to join the bloc and NATO."
	docs := []corpus.Document{
		{ID: "wire-1", Source: "reuters", Text: wire},
		{ID: "herald-7", Source: "herald", Text: "KYIV (Reuters) - " + wire + "\n\nSHARE:"},
		{ID: "post-3", Source: "post", Text: "Ukraine's president met the European Union's top diplomat in Kyiv on Tuesday to discuss security."},
	}
	res, err := cluster.Find(docs, cluster.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			p := res.Paragraphs[m.Paragraph]
			fmt.Printf("cluster %d: %s paragraph %d (%s) similarity %.2f\n",
				c.ID, res.Docs[p.Doc].ID, p.Index, res.Docs[p.Doc].Source, m.Similarity)
		}
	}
	// The herald credits Reuters in its dateline, so Reuters' copy is
	// the representative, listed first, though neither is dated.
	//
	// Output:
	// cluster 1: wire-1 paragraph 0 (reuters) similarity 1.00
	// cluster 1: herald-7 paragraph 0 (herald) similarity 1.00
}

// Every member is explained: the passages it shares with the
// representative, as byte offsets into its paragraph, and the share of
// its words (Coverage) and of the representative's (OriginCoverage) they
// hold. The reprint's dateline and added sentence are outside its span;
// the wire's ending, which the reprint dropped, is outside the wire's.
func ExampleFind_explain() {
	wire := "The European Union's top diplomat flew to Ukraine on Tuesday for a two-day trip to show support for Kyiv, which aspires to join the bloc and NATO."
	docs := []corpus.Document{
		{ID: "wire-1", Source: "reuters", Date: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Text: wire},
		{ID: "herald-7", Source: "herald", Date: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC),
			Text: "KYIV (Reuters) - " + wire[:strings.Index(wire, ", which")] + ". He met the mayor of our twin town."},
	}
	res, err := cluster.Find(docs, cluster.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range res.Clusters[0].Members {
		p := res.Paragraphs[m.Paragraph]
		fmt.Printf("%s: coverage %.2f, origin coverage %.2f\n", res.Docs[p.Doc].ID, m.Coverage, m.OriginCoverage)
		for _, s := range m.Spans {
			fmt.Printf("  %d-%d %q\n", s.Begin, s.End, p.Text[s.Begin:s.End])
		}
	}
	// Output:
	// wire-1: coverage 0.71, origin coverage 1.00
	//   0-104 "The European Union's top diplomat flew to Ukraine on Tuesday for a two-day trip to show support for Kyiv"
	// herald-7: coverage 0.67, origin coverage 0.71
	//   17-121 "The European Union's top diplomat flew to Ukraine on Tuesday for a two-day trip to show support for Kyiv"
}
