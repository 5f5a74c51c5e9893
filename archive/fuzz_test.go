package archive

import (
	"fmt"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
)

// FuzzDecode: the blobs of a damaged or hand-edited archive give an
// error, never a panic, and what decodes survives encoding and decoding
// again unchanged.
func FuzzDecode(f *testing.F) {
	s, _ := cluster.NewSigner(cluster.Options{})
	f.Add(encodeFeatures(s.Features(story(1))))
	f.Add(encodeKeys(map[Family][]uint64{Shingles: {1, 2, 3}, 1: {4}}))
	f.Add([]byte{0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		if feats, err := decodeFeatures(b); err == nil {
			again, err := decodeFeatures(encodeFeatures(feats))
			if err != nil || fmt.Sprint(again) != fmt.Sprint(feats) {
				t.Errorf("features %x: %v, then %v %v", b, feats, again, err)
			}
		}
		if keys, err := decodeKeys(b); err == nil {
			again, err := decodeKeys(encodeKeys(keys))
			if err != nil || fmt.Sprint(again) != fmt.Sprint(keys) {
				t.Errorf("keys %x: %v, then %v %v", b, keys, again, err)
			}
		}
	})
}
