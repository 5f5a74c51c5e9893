package pivot

// wordCache maps the 64-bit hash of a word to its candidates: the words
// of one language an Extractor has looked up. It is an open-addressing
// table probed linearly, the candidates of all its words kept end to
// end in one slice. A Go map of hashes to slices served the same
// look-ups in twice the time (a word's look-up was half of reading a
// paragraph's keys): its slots are twice as large, and it hashes the
// hash again.
type wordCache struct {
	slots []cacheSlot // a power of two of them, at most 3/4 full
	cands []uint64
	n     int // words held
}

// cacheSlot is a word's hash (0: the slot is empty; a word whose hash is
// 0 is held under 1) and where its candidates are in wordCache.cands.
type cacheSlot struct {
	hash     uint64
	off, end uint32
}

// minCacheSlots is the size of a new table.
const minCacheSlots = 1 << 10

// slotHash is the hash a word is held under.
func slotHash(h uint64) uint64 { return max(h, 1) }

// get returns the candidates of the word hashing to h, and whether the
// cache holds it (a function word has none). They are valid until the
// next put.
func (c *wordCache) get(h uint64) ([]uint64, bool) {
	if len(c.slots) == 0 {
		return nil, false
	}
	h = slotHash(h)
	mask := uint64(len(c.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &c.slots[i]
		switch s.hash {
		case h:
			return c.cands[s.off:s.end:s.end], true
		case 0:
			return nil, false
		}
	}
}

// put adds the word hashing to h, which the cache does not hold, with
// its candidates, and returns them as the cache keeps them.
func (c *wordCache) put(h uint64, cands []uint64) []uint64 {
	if 4*(c.n+1) > 3*len(c.slots) {
		c.grow()
	}
	off := uint32(len(c.cands))
	c.cands = append(c.cands, cands...)
	end := uint32(len(c.cands))
	c.insert(cacheSlot{hash: slotHash(h), off: off, end: end})
	c.n++
	return c.cands[off:end:end]
}

// insert puts s in the first free slot from its hash on.
func (c *wordCache) insert(s cacheSlot) {
	mask := uint64(len(c.slots) - 1)
	i := s.hash & mask
	for c.slots[i].hash != 0 {
		i = (i + 1) & mask
	}
	c.slots[i] = s
}

// grow doubles the table.
func (c *wordCache) grow() {
	old := c.slots
	c.slots = make([]cacheSlot, max(2*len(old), minCacheSlots))
	for _, s := range old {
		if s.hash != 0 {
			c.insert(s)
		}
	}
}

// reset empties the cache, keeping its table.
func (c *wordCache) reset() {
	clear(c.slots)
	c.cands = c.cands[:0]
	c.n = 0
}
