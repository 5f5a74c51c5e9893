package cluster_test

import (
	"fmt"

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
	// Output:
	// cluster 1: herald-7 paragraph 0 (herald) similarity 1.00
	// cluster 1: wire-1 paragraph 0 (reuters) similarity 1.00
}
