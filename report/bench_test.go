package report

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// bigResult is a scan of 30 sources with 5,000 clusters of 2 to 6
// members each: the size of a month of regional news.
func bigResult() *cluster.Result {
	const sources, clusters = 30, 5000
	res := &cluster.Result{}
	lead := strings.Repeat("Officials said on Tuesday that the plan would go ahead as announced, ", 3)
	for c := range clusters {
		var members []cluster.Member
		for k := range 2 + c%5 {
			src := (c + 7*k) % sources
			res.Docs = append(res.Docs, corpus.Document{
				ID:     fmt.Sprintf("doc-%d-%d", c, k),
				Source: fmt.Sprintf("outlet%02d", src),
				Date:   day("2024-01-01").AddDate(0, 0, (c+k)%90),
				Lang:   "en",
			})
			res.Paragraphs = append(res.Paragraphs, cluster.Paragraph{
				Doc: len(res.Docs) - 1, Words: 40, Indexed: true,
				Text: fmt.Sprintf("Story %d. %s", c, lead),
			})
			members = append(members, cluster.Member{Paragraph: len(res.Paragraphs) - 1, Similarity: 1 - float64(k)/20})
		}
		res.Clusters = append(res.Clusters, cluster.Cluster{ID: c + 1, Origin: c%3 != 0, Members: members})
	}
	return res
}

func BenchmarkWriteTable(b *testing.B) {
	res := bigResult()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, res, Options{Width: 120}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	res := bigResult()
	for _, f := range []Format{FormatMarkdown, FormatCSV, FormatJSON, FormatJSONL, FormatHTML} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, res, Options{Format: f}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
