package report_test

import (
	"fmt"
	"os"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/report"
)

func example() *cluster.Result {
	return &cluster.Result{
		Docs: []corpus.Document{
			{ID: "ap-1", Source: "ap", Date: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Lang: "en"},
			{ID: "herald-7", Source: "herald", Date: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC), Lang: "en"},
		},
		Paragraphs: []cluster.Paragraph{
			{Doc: 0, Index: 0, Begin: 0, End: 55, Words: 9, Indexed: true, Text: "Lawmakers agreed on Tuesday to extend hospital funding."},
			{Doc: 0, Index: 1, Begin: 57, End: 79, Words: 6, Indexed: true, Text: "The vote was 61 to 38."},
			{Doc: 1, Index: 3, Begin: 310, End: 362, Words: 8, Indexed: true, Text: "Lawmakers agreed Tuesday to extend hospital funding."},
		},
		// The explanations are what cluster.Find gives: the whole
		// of both, but for the full stops; "agreed Tuesday" is one
		// passage with "agreed on Tuesday". The herald's article
		// credits AP (an "(AP)" dateline, say), so AP's member is the
		// origin for that reason too.
		Clusters: []cluster.Cluster{{ID: 1, Origin: true, Credit: "ap", Credited: true, Members: []cluster.Member{
			{Paragraph: 0, Similarity: 1, Spans: []cluster.Span{{Begin: 0, End: 54}}, Coverage: 1, OriginCoverage: 1},
			{Paragraph: 2, Similarity: 0.8123, Spans: []cluster.Span{{Begin: 0, End: 51}}, Coverage: 1, OriginCoverage: 1, Credits: []string{"ap"}},
		}}},
	}
}

func ExampleWrite() {
	if err := report.Write(os.Stdout, example(), report.Options{Width: 80}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 2 documents from 2 sources, 3 paragraphs (3 indexed), 1 cluster of reused copy.
	//
	// Articles
	// --------
	// COPY              REUSE            WORDS  ORIGINAL  WHY                CLUSTERS
	// herald: herald-7  reprints 1 of 2   100%  ap: ap-1  credited, earlier  1
	// Most reused first: herald's herald-7 reprints 1 of the 2 paragraphs of ap's ap-1
	// (100% of its words). WHY: credited (the text credits the original's source),
	// earlier (published first); the shared paragraphs are the clusters below.
	//
	// Reused copy
	// -----------
	// ID  SOURCES   DOCS  ORIGIN             LANGS  SIMILARITY  COVERAGE  SNIPPET
	//  1  2: ap, …     2  2024-03-05 ap (c…  en     0.81        100%      Lawmakers…
	//
	// Sources
	// -------
	// SOURCE  DOCS  PARAGRAPHS  SHARED   REUSE    COPY  FIRST  TOP PARTNERS
	// herald     1           1       1  100.0%  100.0%      0  ap (1)
	// ap         1           2       1   60.0%    0.0%      1  herald (1)
	//
	// Shared paragraphs, source x source
	// ----------------------------------
	// SOURCE  ap  herald
	// ap       -       1
	// herald   1       -
	// Each count is paragraphs of the row source in a cluster with the column source;
	// the diagonal counts paragraphs shared by two documents of the same source.
}

func ExampleWrite_csv() {
	if err := report.Write(os.Stdout, example(), report.Options{Format: report.FormatCSV}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// cluster,boilerplate,doc,paragraph,source,lang,date,similarity,origin,text,coverage,origin_coverage,doc_begin,doc_end,spans,translated,credits
	// 1,false,ap-1,0,ap,en,2024-03-05,1,true,Lawmakers agreed on Tuesday to extend hospital funding.,1,1,0,55,0-54,false,
	// 1,false,herald-7,3,herald,en,2024-03-06,0.8123,false,Lawmakers agreed Tuesday to extend hospital funding.,1,1,310,362,0-51,false,ap
}

func ExampleSources() {
	for _, s := range report.Sources(example()) {
		fmt.Println(s, s.Partners)
	}
	// Output:
	// herald: 1 docs, 1/1 paragraphs, 8/8 words shared (100.0%) [ap (1)]
	// ap: 1 docs, 1/2 paragraphs, 9/15 words shared (60.0%) [herald (1)]
}
