package main

import (
	"bytes"
	"regexp"
	"testing"
)

// The first frame after the first document must not divide its bytes by
// the microsecond since the bar was made.
func TestProgressFirstRate(t *testing.T) {
	var buf bytes.Buffer
	bar := newProgressBar(&buf, 100e6)
	bar.Add(26e6)
	if m := regexp.MustCompile(`[0-9.]+ [KMGT]?B/s`).FindString(buf.String()); m != "" {
		t.Errorf("first frame shows a rate of %s: %q", m, buf.String())
	}
}
