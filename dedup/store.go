package dedup

import (
	"encoding/binary"
	"math/bits"
)

// store holds what the first pass keeps of every indexed unit, in
// fixed-size blocks so that growing never copies what is already held
// (a doubling slice would need 1.5 times its size while it grows).
type store struct {
	perms, bands int
	sigs         blocks[uint8]  // unit u: perms values
	keys         blocks[uint32] // unit u: bands values
	units        []unit
	numbers      []uint64
	sources      map[string]string // interned: a corpus has few sources
}

// unit is one indexed document or paragraph.
type unit struct {
	doc, para        int32
	shingles, words  int32
	numOff, numCount int32 // store.numbers[numOff : numOff+numCount]
}

// blockUnits is the number of units per block: 4096 units of 128 8-bit
// values is 512 KiB, small next to the whole and large enough that the
// block list stays short.
const blockUnits = 4096

// blocks is a slice of n-value records stored in blocks of blockUnits.
type blocks[T any] struct {
	n   int
	bs  [][]T
	len int
}

func (b *blocks[T]) add(v []T) {
	if b.len%blockUnits == 0 {
		b.bs = append(b.bs, make([]T, 0, blockUnits*b.n))
	}
	last := len(b.bs) - 1
	b.bs[last] = append(b.bs[last], v...)
	b.len++
}

func (b *blocks[T]) at(i int) []T {
	blk := b.bs[i/blockUnits]
	off := (i % blockUnits) * b.n
	return blk[off : off+b.n]
}

func newStore(perms, bands int) *store {
	return &store{perms: perms, bands: bands, sigs: blocks[uint8]{n: perms}, keys: blocks[uint32]{n: bands}, sources: map[string]string{}}
}

func (s *store) add(doc, para, words int32, u unitSig) {
	s.sigs.add(u.sig)
	s.keys.add(u.keys)
	s.units = append(s.units, unit{doc: doc, para: para, shingles: u.shingles, words: words,
		numOff: int32(len(s.numbers)), numCount: int32(len(u.numbers))})
	s.numbers = append(s.numbers, u.numbers...)
}

func (s *store) nums(u int) []uint64 {
	x := s.units[u]
	return s.numbers[x.numOff : x.numOff+x.numCount]
}

func (s *store) intern(source string) string {
	if v, ok := s.sources[source]; ok {
		return v
	}
	s.sources[source] = source
	return source
}

// jaccard estimates the Jaccard similarity of units a and b from their
// 8-bit sketches: the share of equal values, less the chance 1/256 that
// two different minimums agree in their low 8 bits.
func (s *store) jaccard(a, b int) float64 {
	x, y := s.sigs.at(a), s.sigs.at(b)
	same := equalBytes(x, y)
	const chance = 1.0 / 256
	j := (float64(same)/float64(len(x)) - chance) / (1 - chance)
	return max(j, 0)
}

// equalBytes counts the positions where x and y (of equal length) hold
// the same byte, eight at a time: a byte of x^y is zero exactly where
// they agree, and the high bit of each byte of
// ^(((v & 0x7f..) + 0x7f..) | v) is set exactly where v's byte is zero.
func equalBytes(x, y []uint8) int {
	const low7, high = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	same := 0
	for len(x) >= 8 && len(y) >= 8 {
		v := binary.LittleEndian.Uint64(x) ^ binary.LittleEndian.Uint64(y)
		same += bits.OnesCount64(^((v & low7) + low7 | v) & high)
		x, y = x[8:], y[8:]
	}
	for i := range x {
		if x[i] == y[i] {
			same++
		}
	}
	return same
}
