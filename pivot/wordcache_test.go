package pivot

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWordCache checks the cache against a map through growth and
// resets, with the hashes 0 and 1 (held in one slot) among the words.
func TestWordCache(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var c wordCache
	want := map[uint64][]uint64{}
	hashes := []uint64{0, 2, 3}
	for round := range 3 {
		for i := range 5000 {
			h := rng.Uint64() >> (i % 50) // small hashes too: neighbouring slots collide
			if i < len(hashes) {
				h = hashes[i]
			}
			if _, ok := want[h]; ok {
				continue
			}
			cands := make([]uint64, rng.IntN(4)) // none: a function word
			for j := range cands {
				cands[j] = rng.Uint64()
			}
			if got := c.put(h, cands); !slices.Equal(got, cands) {
				t.Fatalf("round %d: put(%#x) kept %v, want %v", round, h, got, cands)
			}
			want[h] = cands
		}
		if c.n != len(want) {
			t.Errorf("round %d: %d words held, want %d", round, c.n, len(want))
		}
		for h, cands := range want {
			got, ok := c.get(h)
			if !ok || !slices.Equal(got, cands) {
				t.Fatalf("round %d: get(%#x) = %v, %v; want %v", round, h, got, ok, cands)
			}
		}
		if _, ok := c.get(1); !ok {
			t.Errorf("round %d: hash 1 not found: it is held in 0's slot", round)
		}
		if got, ok := c.get(0x5eed); ok && want[0x5eed] == nil {
			t.Errorf("round %d: get of a word never put = %v", round, got)
		}
		c.reset()
		clear(want)
		if _, ok := c.get(2); ok {
			t.Errorf("round %d: a word found after reset", round)
		}
	}
}
