package report

import (
	"bytes"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
)

// maxWriter records the largest single Write it is given and counts the
// bytes; it keeps none of them.
type maxWriter struct{ max, n int }

func (w *maxWriter) Write(p []byte) (int, error) {
	w.max = max(w.max, len(p))
	w.n += len(p)
	return len(p), nil
}

// TestWriteStreams checks that the file formats stream: on a result whose
// report runs to megabytes, no single write to the destination is larger
// than the 64 KiB buffer Write puts in front of it or one element (a
// cluster, an article pair, a source), so the report was never assembled
// whole. A report built as one tree and marshalled would arrive as one
// write the size of the output (or, for JSON's articles, of all pairs).
func TestWriteStreams(t *testing.T) {
	res := bigResult()
	const limit = 256 << 10 // the buffer, and an element of bigResult is about 2 KB
	for _, f := range []Format{FormatJSON, FormatJSONL, FormatCSV, FormatHTML} {
		t.Run(string(f), func(t *testing.T) {
			var w maxWriter
			if err := Write(&w, res, Options{Format: f}); err != nil {
				t.Fatal(err)
			}
			if w.n < 4*limit {
				t.Fatalf("report is %d bytes, too small to tell streaming from a whole-report write", w.n)
			}
			if w.max > limit {
				t.Errorf("a write of %d bytes (report %d bytes): the report was built in memory, not streamed", w.max, w.n)
			}
		})
	}
}

// TestJSONStreamEqualsTree checks that the streamed JSON is byte for byte
// what encoding/json writes for the whole report built as one value, the
// way the report was written before it streamed, on results larger than
// the goldens' (checkValid re-encodes the decoded report).
func TestJSONStreamEqualsTree(t *testing.T) {
	for name, res := range map[string]func() *cluster.Result{"big": bigResult, "many sources": manySources, "fixture": fixture} {
		for _, boiler := range []bool{false, true} {
			// One goroutine, and several encoding clusters at once.
			for _, workers := range []int{1, 3} {
				opts := Options{Format: FormatJSON, ShowBoilerplate: boiler, Workers: workers}
				var buf bytes.Buffer
				if err := Write(&buf, res(), opts); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				checkValid(t, res(), opts, buf.Bytes())
			}
		}
	}
}
