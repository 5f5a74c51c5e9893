package join

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/wirecopy/wirecopy/lsh"
)

// units is a Members over hand-made relations: fits[p] maps the cores p
// fits to p's own share and the core's share; langs gives each unit's
// language.
type units struct {
	fits  map[int]map[int][2]float64
	langs []string
}

func (u units) Fit(p, c int) (float64, float64, bool) {
	s, ok := u.fits[p][c]
	return s[0], s[1], ok
}

func (u units) Translation(p, q int) bool { return u.langs != nil && u.langs[p] != u.langs[q] }

func (u units) Compare(p, q int) int { return p - q }

// symmetric builds fits from links: each unit fits each unit it is
// linked to, with the link's shares.
func symmetric(links []Link) map[int]map[int][2]float64 {
	fits := map[int]map[int][2]float64{}
	add := func(p, c int, own, core float32) {
		if fits[p] == nil {
			fits[p] = map[int][2]float64{}
		}
		fits[p][c] = [2]float64{float64(own), float64(core)}
	}
	for _, l := range links {
		add(int(l.A), int(l.B), l.SA, l.SB)
		add(int(l.B), int(l.A), l.SB, l.SA)
	}
	return fits
}

func TestGroups(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		links []Link
		langs []string
		want  string
	}{
		{
			// 0 wire A, 1-2 its copies; 3 wire B, 4-5 its copies, 5
			// carrying a sentence of A that 2 (a short copy of A)
			// shares: 2-5 verifies, but is nobody's strongest link.
			name: "an inserted sentence does not join two stories",
			n:    6,
			links: []Link{
				{0, 1, 1, 1}, {0, 2, 0.5, 1}, {1, 2, 0.5, 1},
				{3, 4, 1, 1}, {3, 5, 0.75, 1}, {4, 5, 0.75, 1},
				{2, 5, 0.6, 0.3},
			},
			want: "[[0 1 2] [3 4 5]]",
		},
		{
			// A chain 0-1-2-3 where each shares half its text with the
			// next: every member must match its core.
			name:  "a chain does not make one cluster",
			n:     4,
			links: []Link{{0, 1, 0.5, 0.5}, {1, 2, 0.5, 0.5}, {2, 3, 0.5, 0.5}},
			want:  "[[0 1 2]]",
		},
		{
			// 0 English original and 3 its copy; 1 French and 2 Polish
			// translations; the Polish one matches the French, not the
			// original (the core): one step through a member that
			// matches the core.
			name:  "a translation joins through one member",
			n:     4,
			links: []Link{{0, 3, 1, 1}, {0, 1, 0.6, 0.6}, {3, 1, 0.6, 0.6}, {1, 2, 0.5, 0.5}},
			langs: []string{"en", "fr", "pl", "en"},
			want:  "[[0 1 2 3]]",
		},
		{
			name:  "the same in one language does not",
			n:     4,
			links: []Link{{0, 3, 1, 1}, {0, 1, 0.6, 0.6}, {3, 1, 0.6, 0.6}, {1, 2, 0.5, 0.5}},
			want:  "[[0 1 3]]",
		},
		{
			// 1 and 2 are copies of each other closer than either is
			// to 0: absorbed into 0's cluster since both match 0.
			name:  "a tighter pair inside a cluster is absorbed",
			n:     4,
			links: []Link{{0, 3, 1, 1}, {0, 1, 0.8, 0.8}, {0, 2, 0.8, 0.8}, {1, 2, 1, 1}, {1, 3, 0.8, 0.8}, {2, 3, 0.8, 0.8}},
			want:  "[[0 1 2 3]]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := units{fits: symmetric(tt.links), langs: tt.langs}
			if got := describe(Groups(tt.n, tt.links, m, 1)); got != tt.want {
				t.Errorf("Groups = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestGroupsOrder: the groups do not depend on the order of the links.
func TestGroupsOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var links []Link
	for range 300 {
		a, b := rng.Int32N(60), rng.Int32N(60)
		if a != b {
			links = append(links, Link{a, b, 0.4 + 0.6*rng.Float32(), 0.4 + 0.6*rng.Float32()})
		}
	}
	m := units{fits: symmetric(links)}
	want := describe(Groups(60, links, m, 1))
	for range 10 {
		shuffled := slices.Clone(links)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := describe(Groups(60, shuffled, m, 1)); got != want {
			t.Fatalf("shuffled links give %s, want %s", got, want)
		}
	}
}

// TestGroupsWorkers: the groups do not depend on the number of workers
// (steps 2 to 4 run on them: many groups here, some linked to others,
// and enough paragraphs for several blocks of step 4).
func TestGroupsWorkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 5000
	var links []Link
	for range 3 * n {
		a := rng.Int32N(n)
		b := a - a%10 + rng.Int32N(10) // blocks of ten
		if rng.Int32N(10) == 0 {
			b = (a + 10 + rng.Int32N(40)) % n // and a link to a block nearby
		}
		if a != b {
			links = append(links, Link{a, b, 0.4 + 0.6*rng.Float32(), 0.4 + 0.6*rng.Float32()})
		}
	}
	m := units{fits: symmetric(links)}
	want := describe(Groups(n, links, m, 1))
	if got := describe(Groups(n, links, m, 4)); got != want {
		t.Fatalf("4 workers give other groups than 1")
	}
}

func TestVerifier(t *testing.T) {
	match := func(p, q int) (float32, float32, bool) { return float32(p), float32(q), p+q != 9 }
	for _, workers := range []int{1, 4} {
		v := NewVerifier(workers, match)
		for _, p := range [][2]int32{{3, 1}, {0, 2}, {1, 3}, {4, 5}, {3, 1}} {
			v.Add(p[0], p[1])
		}
		got := v.Links()
		want := []Link{{1, 3, 1, 3}, {0, 2, 1e-6, 2}}
		if !slices.Equal(got, want) {
			t.Errorf("%d workers: Links = %v, want %v", workers, got, want)
		}
	}
	// Many pairs, in batches: the same links in the same order.
	var want []Link
	for _, workers := range []int{1, 2, 3} {
		v := NewVerifier(workers, func(p, q int) (float32, float32, bool) { return 1, 1, (p+q)%3 == 0 })
		for a := range int32(300) {
			for b := a + 1; b < 300; b++ {
				v.Add(b, a)
				v.Add(a, b)
			}
		}
		got := v.Links()
		if want == nil {
			want = got
		}
		if len(got) != 14950 || !slices.Equal(got, want) {
			t.Fatalf("%d workers: %d links, want 14950 in one order", workers, len(got))
		}
	}
}

// TestIndexVerifier holds a Verifier of an index's candidates, which
// tells repeats by lsh.Index.Seen, to a plain one given the same pairs:
// the same links in the same order, on any number of workers. The index
// has large buckets, whose pairs only a set tells apart, and repeats.
func TestIndexVerifier(t *testing.T) {
	ix, err := lsh.NewIndex(lsh.Params{Bands: 6, Rows: 1})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 400 {
		keys := make([]uint64, 6)
		for band := range keys {
			// Few keys in the first bands (buckets of about 130, 80),
			// more in the others (buckets of 1 to 20).
			// (The index groups keys by their high bits.)
			keys[band] = (uint64(band)<<16 | uint64(rng.IntN([]int{3, 5, 20, 40, 80, 400}[band]))) << 32
		}
		if _, err := ix.Add(keys); err != nil {
			t.Fatal(err)
		}
	}
	match := func(p, q int) (float32, float32, bool) { return float32(p), float32(q), (p*7+q)%5 < 2 }
	var cands []lsh.Candidate
	for c := range ix.Candidates(2) {
		cands = append(cands, c)
	}
	plain := NewVerifier(1, match)
	for _, c := range cands {
		plain.Add(c.A, c.B)
	}
	want := plain.Links()
	if len(want) < 1000 {
		t.Fatalf("only %d links from %d candidates: the test needs more", len(want), len(cands))
	}
	for _, workers := range []int{1, 2, 3} {
		v := NewIndexVerifier(workers, ix, match)
		for _, c := range cands {
			v.AddCandidate(c)
		}
		if got := v.Links(); !slices.Equal(got, want) {
			t.Fatalf("%d workers: %d links, want %d in the plain Verifier's order", workers, len(got), len(want))
		}
	}
}

func describe(groups [][]int) string {
	slices.SortFunc(groups, func(a, b []int) int { return a[0] - b[0] })
	return fmt.Sprint(groups)
}
