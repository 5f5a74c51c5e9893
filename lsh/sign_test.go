package lsh

import (
	"encoding/binary"
	"slices"
	"testing"

	minhash "github.com/dgryski/go-minhash"
)

// goMinhash signs as Sign did before sign.go: with go-minhash itself.
func goMinhash(perms int, shingles []uint64) Signature {
	mw := minhash.NewMinWise(h1, h2, perms)
	var buf [8]byte
	for _, sh := range shingles {
		binary.LittleEndian.PutUint64(buf[:], sh)
		mw.Push(buf[:])
	}
	return append(Signature(nil), mw.Signature()...)
}

func TestSignMatchesGoMinhash(t *testing.T) {
	for _, perms := range []int{1, 3, 4, 7, 64, 128, 130} {
		for _, st := range [][]uint64{nil, set(0, 1), set(0, 3), set(7, 67), set(100, 1100)} {
			if got, want := NewSigner(perms).Sign(st), goMinhash(perms, st); !slices.Equal(got, want) {
				t.Fatalf("%d permutations, %d shingles: signatures differ", perms, len(st))
			}
		}
	}
}

func BenchmarkSignGoMinhash(b *testing.B) {
	st := set(0, 60)
	b.ReportAllocs()
	for b.Loop() {
		goMinhash(DefaultPermutations, st)
	}
}
