package sqlite

import (
	"fmt"
	"testing"

	"github.com/wirecopy/wirecopy/archive"
)

// FuzzDecodeKeys: the keys blobs of a damaged or hand-edited archive
// give an error, never a panic, and what decodes survives encoding and
// decoding again unchanged.
func FuzzDecodeKeys(f *testing.F) {
	f.Add(encodeKeys(map[archive.Family][]uint64{archive.Shingles: {1, 2, 3}, 1: {4}}))
	f.Add([]byte{0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		if keys, err := decodeKeys(b); err == nil {
			again, err := decodeKeys(encodeKeys(keys))
			if err != nil || fmt.Sprint(again) != fmt.Sprint(keys) {
				t.Errorf("keys %x: %v, then %v %v", b, keys, again, err)
			}
		}
	})
}
