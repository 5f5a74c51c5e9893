package pivot

import (
	"slices"
	"testing"
)

// FuzzFeatures reads arbitrary text in one of the languages (chosen by
// the second argument): nothing may panic, Detect names a known language
// or none, the features are consistent, Keys agree with them and the
// spans of Shared lie inside the text, in order.
func FuzzFeatures(f *testing.F) {
	for lang, text := range paragraphs {
		f.Add(text, uint8(langIndex(lang)))
	}
	f.Add("8,400 8.400 3,5 12. Januar \xff\xfe Тимошенко Ελλάδα l'OTAN Nato-Gipfel", uint8(1))
	x := NewExtractor()
	f.Fuzz(func(t *testing.T, text string, n uint8) {
		if l := Detect(text); l != "" && langIndex(l) < 0 {
			t.Fatalf("Detect = %q", l)
		}
		lang := Languages[int(n)%len(Languages)]
		en, err := x.Features(text, "en")
		if err != nil {
			t.Fatal(err)
		}
		fe, err := x.Features(text, lang)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSorted(fe.IDs) || len(fe.Ends) > 0 && int(fe.Ends[len(fe.Ends)-1]) != len(fe.Cands) {
			t.Fatalf("%s: inconsistent features", lang)
		}
		keys, err := x.Keys(text, lang)
		if err != nil || !slices.Equal(keys, fe.Keys(1)) {
			t.Fatalf("%s: Keys %v, Features.Keys(1) %v, %v", lang, keys, fe.Keys(1), err)
		}
		spans, shared, total, err := x.Shared(text, lang, &en)
		if err != nil {
			t.Fatal(err)
		}
		if shared > total || total != fe.Terms() && total < fe.Terms() {
			t.Fatalf("%s: %d of %d shared, %d terms", lang, shared, total, fe.Terms())
		}
		end := 0
		for _, s := range spans {
			if s.Begin < end || s.End <= s.Begin || s.End > len(text) {
				t.Fatalf("%s: span %v after %d in %d bytes", lang, s, end, len(text))
			}
			end = s.End
		}
	})
}
