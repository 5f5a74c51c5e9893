package sign

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

var testOptions = Options{Permutations: 128, Threshold: 0.4, MinWords: 3}

// TestPoolOrder: results are kept in the order the items were added,
// on any number of workers, across chunks and after a Flush.
func TestPoolOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			var got []int
			p, err := NewPool(testOptions, workers,
				func(s *Signer, i int) (int, error) {
					s.Paragraph(fmt.Sprintf("paragraph %d of the test, long enough", i))
					return i * i, nil
				},
				func(i, sq int) {
					if sq != i*i {
						t.Errorf("item %d kept with %d", i, sq)
					}
					got = append(got, i)
				})
			if err != nil {
				t.Fatal(err)
			}
			n := 3*chunkItems + 5
			for i := range n {
				p.Add(i, 10)
				if i == chunkItems+3 {
					if err := p.Flush(); err != nil || len(got) != i+1 {
						t.Fatalf("after Flush: %d kept, %v", len(got), err)
					}
				}
			}
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			want := make([]int, n)
			for i := range want {
				want[i] = i
			}
			if !slices.Equal(got, want) {
				t.Errorf("kept %d items out of order", len(got))
			}
		})
	}
}

// TestPoolError: the first error of sign is returned, and nothing is
// kept after it.
func TestPoolError(t *testing.T) {
	bad := errors.New("bad item")
	kept := 0
	p, err := NewPool(testOptions, 2,
		func(_ *Signer, i int) (int, error) {
			if i == 300 {
				return 0, bad
			}
			return i, nil
		},
		func(int, int) { kept++ })
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		p.Add(i, 1)
	}
	if err := p.Close(); !errors.Is(err, bad) {
		t.Errorf("Close: %v, want %v", err, bad)
	}
	if kept >= 300 {
		t.Errorf("%d items kept, want fewer than 300", kept)
	}
}

// TestSignerParagraph: a paragraph too short gets no band keys; a
// longer one gets one key per band.
func TestSignerParagraph(t *testing.T) {
	s, err := New(testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if f, keys := s.Paragraph("two words"); keys != nil || f.Words != 2 {
		t.Errorf("short paragraph: %d words, keys %v", f.Words, keys)
	}
	_, keys := s.Paragraph("the council met on Tuesday to vote on the harbour budget")
	if len(keys) != s.Params().Bands {
		t.Errorf("%d keys, want %d", len(keys), s.Params().Bands)
	}
	if _, err := New(Options{}); err == nil {
		t.Error("New accepted a zero threshold")
	}
}
