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

// TestMinimumsPaths checks the AVX-512 path (where the CPU has it)
// against the portable loop on sets of every batch boundary.
func TestMinimumsPaths(t *testing.T) {
	if !hasAVX512 {
		t.Skip("no AVX-512 on this CPU: minimums is the portable loop")
	}
	for _, n := range []int{0, 1, 63, 64, 65, 128, 200} {
		st := set(n*1000, n*1000+n)
		got, want := make(Signature, 128), make(Signature, 128)
		minimums(got, st)
		minimumsGeneric(want, st)
		if !slices.Equal(got, want) {
			t.Fatalf("%d shingles: the AVX-512 signature differs from the portable one", n)
		}
	}
}

// BenchmarkSignPortable is BenchmarkSign on the portable loop.
func BenchmarkSignPortable(b *testing.B) {
	st := set(0, 60)
	sig := make(Signature, DefaultPermutations)
	b.ReportAllocs()
	for b.Loop() {
		minimumsGeneric(sig, st)
	}
}
