package corpus_test

import (
	"fmt"
	"strings"

	"github.com/wirecopy/wirecopy/corpus"
)

func ExampleRead() {
	const feed = `{"id":"r-1","url":"https://www.reuters.com/world/r-1","date":"2024-03-05","text":"The harbour was closed.\n\nBoats stayed in port."}
{"id":"r-2","text":"A record whose JSON is cut
{"id":"ap-7","source":"AP","text":"The council approved the bridge."}
`
	err := corpus.Read(strings.NewReader(feed), "news/feed.jsonl", corpus.Options{},
		func(d corpus.Document) error {
			fmt.Printf("%s from %s, line %d, %s:\n", d.ID, d.Source, d.Line, d.Date.Format("2 Jan 2006"))
			for _, p := range corpus.Paragraphs(d.Text) {
				fmt.Printf("  %s\n", d.Text[p.Begin:p.End])
			}
			return nil
		},
		func(err error) { fmt.Println("skipped:", err) })
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// r-1 from reuters.com, line 1, 5 Mar 2024:
	//   The harbour was closed.
	//   Boats stayed in port.
	// skipped: corpus: news/feed.jsonl line 2: malformed JSON: unexpected end of JSON input
	// ap-7 from AP, line 3, 1 Jan 0001:
	//   The council approved the bridge.
}
