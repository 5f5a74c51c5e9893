package pivot

import (
	"slices"
	"testing"
)

// FuzzFeatures reads arbitrary text in every language: nothing may panic,
// Detect names a known language or none, features are consistent and
// spans lie inside the text, in order.
func FuzzFeatures(f *testing.F) {
	for _, text := range paragraphs {
		f.Add(text)
	}
	f.Add("8,400 8.400 3,5 12. Januar \xff\xfe Тимошенко Ελλάδα l'OTAN Nato-Gipfel")
	x := NewExtractor()
	f.Fuzz(func(t *testing.T, text string) {
		if l := Detect(text); l != "" && langIndex(l) < 0 {
			t.Fatalf("Detect = %q", l)
		}
		en, err := x.Features(text, "en")
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range Languages {
			fe, err := x.Features(text, lang)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.IsSorted(fe.IDs) || len(fe.Ends) > 0 && int(fe.Ends[len(fe.Ends)-1]) != len(fe.Cands) {
				t.Fatalf("%s: inconsistent features", lang)
			}
			spans, shared, total, err := x.Shared(text, lang, &en)
			if err != nil {
				t.Fatal(err)
			}
			if shared > total {
				t.Fatalf("%s: %d of %d shared", lang, shared, total)
			}
			end := 0
			for _, s := range spans {
				if s.Begin < end || s.End <= s.Begin || s.End > len(text) {
					t.Fatalf("%s: span %v after %d in %d bytes", lang, s, end, len(text))
				}
				end = s.End
			}
		}
	})
}
