package cluster

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/wirecopy/wirecopy/corpus"
)

// TestShortDocumentsCostLittle adds many documents too short to judge and
// checks what the Builder holds for them: their counts per source, not
// the documents (some 250 bytes each before).
func TestShortDocumentsCostLittle(t *testing.T) {
	const n = 200_000
	b, err := NewBuilder(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	for i := range n {
		b.Add(corpus.Document{ID: fmt.Sprintf("t%07d", i), Source: fmt.Sprintf("s%d", i%3), Text: fmt.Sprintf("w%d x", i%97), Path: "tiny.jsonl", Line: i + 1})
	}
	per := float64(int64(heap())-int64(before)) / n
	t.Logf("%.1f bytes per short document", per)
	if per > 16 {
		t.Errorf("%.0f bytes held per short document, want at most 16", per)
	}
	res, err := b.Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Docs) != 0 || res.Documents() != n || res.ParagraphCount() != n || len(res.Short) != 3 || res.Short[0] != (ShortCount{"s0", n/3 + 1, n/3 + 1}) {
		t.Errorf("%d documents listed, %d in all, %d paragraphs, short %v", len(res.Docs), res.Documents(), res.ParagraphCount(), res.Short)
	}
}
