package archive

import (
	"fmt"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/sign"
)

var featureTexts = []string{
	"Story 1: council harbour budget minister storm rail union court river school council harbour budget minister storm rail union court.",
	"Prices rose 4.5% to 1,200 in 2024, up from 980 in 2023 and 870 in 2022, the report said.",
}

func TestFeaturesRoundTrip(t *testing.T) {
	s, _ := sign.New(cluster.Options{}.Signing())
	for _, text := range featureTexts {
		f := s.Features(text)
		got, err := decodeFeatures(encodeFeatures(f))
		if err != nil || fmt.Sprint(got) != fmt.Sprint(f) {
			t.Errorf("%q: %v %v", text, got, err)
		}
		b := encodeFeatures(f)
		if _, err := decodeFeatures(b[:len(b)-1]); err == nil {
			t.Errorf("%q: a cut blob decoded", text)
		}
	}
}

// FuzzDecodeFeatures: the features of a damaged or hand-edited archive
// give an error, never a panic, and what decodes survives encoding and
// decoding again unchanged.
func FuzzDecodeFeatures(f *testing.F) {
	s, _ := sign.New(cluster.Options{}.Signing())
	for _, text := range featureTexts {
		f.Add(encodeFeatures(s.Features(text)))
	}
	f.Add([]byte{0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		if feats, err := decodeFeatures(b); err == nil {
			again, err := decodeFeatures(encodeFeatures(feats))
			if err != nil || fmt.Sprint(again) != fmt.Sprint(feats) {
				t.Errorf("features %x: %v, then %v %v", b, feats, again, err)
			}
		}
	})
}
