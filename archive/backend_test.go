package archive

import (
	"errors"
	"testing"
)

func TestFirstProblem(t *testing.T) {
	checks := []IntegrityCheck{
		{What: "orphans", Query: "a"},
		{What: "strays", Query: "b"},
	}
	errRead := errors.New("read failed")
	tests := []struct {
		name   string
		counts map[string]int64
		fail   string // the query whose count fails
		want   string
	}{
		{"sound", map[string]int64{}, "", ""},
		{"first found", map[string]int64{"a": 2, "b": 5}, "", "2 orphans"},
		{"second found", map[string]int64{"b": 1}, "", "1 strays"},
		{"read error", map[string]int64{}, "b", ""},
		{"damage before the error", map[string]int64{"a": 3}, "b", "3 orphans"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FirstProblem(checks, func(q string) (int64, error) {
				if q == tt.fail {
					return 0, errRead
				}
				return tt.counts[q], nil
			})
			wantErr := tt.fail != "" && tt.want == ""
			if got != tt.want || (err != nil) != wantErr || err != nil && !errors.Is(err, errRead) {
				t.Errorf("FirstProblem = %q, %v; want %q, error %v", got, err, tt.want, wantErr)
			}
		})
	}
}
