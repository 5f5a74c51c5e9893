package main

import (
	"testing"
	"time"
)

func TestParseSpan(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{"30d", 30 * day, false},
		{"2w", 14 * day, false},
		{"1w3d", 10 * day, false},
		{"1.5d", 36 * time.Hour, false},
		{"12h", 12 * time.Hour, false},
		{"36h30m", 36*time.Hour + 30*time.Minute, false},
		{" 90m ", 90 * time.Minute, false},
		{"0", 0, false},
		{"0d", 0, false},
		{"", 0, true},
		{"30", 0, true},
		{"d", 0, true},
		{"-3d", 0, true},
		{"3 days", 0, true},
		{"3y", 0, true},
		{"1..5d", 0, true},
		{"99999999999w", 0, true},
	}
	for _, tt := range tests {
		got, err := parseSpan(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("parseSpan(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
