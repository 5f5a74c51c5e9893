package pivot

import (
	"slices"
	"testing"
)

// TestKeyIndexParts: a translation is found although most keys it
// shares with its original are too common in another language. The
// French paragraph below shares 5 rare keys and 10 keys that more than
// MaxPosting German paragraphs have with a 60-key query; it has 55 keys.
// Counted as before this index had parts, over all keys with the common
// ones as unshared (5 of min(60, 55) < 15%), it is no candidate.
func TestKeyIndexParts(t *testing.T) {
	query := make([]uint64, 0, 60)
	for k := range uint64(60) {
		query = append(query, 1000+k)
	}
	var keys [][]uint64
	var langs []string
	for range MaxPosting + 1 { // German paragraphs with the query's first 30 keys
		keys = append(keys, slices.Clone(query[:30]))
		langs = append(langs, "de")
	}
	fr := slices.Concat(query[50:55], query[:10])
	for k := range uint64(40) {
		fr = append(fr, 5000+k)
	}
	keys = append(keys, fr)
	langs = append(langs, "fr")
	frItem := int32(len(keys) - 1)
	if CandidatePair(5, len(query), len(fr)) {
		t.Fatalf("the case needs a pair that fails over all keys")
	}

	found := func(x *KeyIndex) bool {
		var h KeyHits
		ok := false
		x.Candidates(query, "", &h, func(q int32) { ok = ok || q == frItem })
		return ok
	}
	// By language: in the French part no key is common, so all 15
	// shared keys count.
	if !found(NewKeyIndex(keys, langs)) {
		t.Errorf("by language: the French paragraph is not a candidate")
	}
	// One part: the 30 German keys are left out and count on neither
	// side: 5 shared of min(30, 45) known keys.
	if !found(NewKeyIndex(keys, nil)) {
		t.Errorf("one part: the French paragraph is not a candidate")
	}
}

// TestCandidatesSkipLanguage: the items of the language named are not
// looked up; those of other languages are, with the same keys.
func TestCandidatesSkipLanguage(t *testing.T) {
	shared := []uint64{1, 2, 3, 4, 5, 6}
	keys := [][]uint64{shared, shared}
	langs := []string{"de", "fr"}
	x := NewKeyIndex(keys, langs)
	var h KeyHits
	var got []int32
	x.Candidates(shared, "de", &h, func(q int32) { got = append(got, q) })
	if !slices.Equal(got, []int32{1}) {
		t.Errorf("skipping German: candidates %v, want [1] (the French item)", got)
	}
	got = got[:0]
	x.Candidates(shared, "", &h, func(q int32) { got = append(got, q) })
	slices.Sort(got)
	if !slices.Equal(got, []int32{0, 1}) {
		t.Errorf("skipping none: candidates %v, want [0 1]", got)
	}
}
