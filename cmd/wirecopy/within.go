package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// spanValue is a pflag.Value that parses a length of time straight into
// a time.Duration (cluster.Options.Within): Go's durations ("36h",
// "90m") plus days and weeks ("30d", "2w", "1w3d", "1.5d"), which is how
// editors count the time between a story and its reprints.
type spanValue struct{ d *time.Duration }

func (v spanValue) String() string {
	if v.d == nil || *v.d == 0 {
		return "0"
	}
	return v.d.String()
}

func (v spanValue) Set(s string) error {
	d, err := parseSpan(s)
	if err != nil {
		return err
	}
	*v.d = d
	return nil
}

func (v spanValue) Type() string { return "duration" }

// Days and weeks, which time.ParseDuration does not know.
var spanUnits = map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour}

// parseSpan parses a sequence of numbers with units: w (weeks), d
// (days), and those of time.ParseDuration (h, m, s, ms, us, ns). "0" is
// zero; negative lengths are not accepted.
func parseSpan(s string) (time.Duration, error) {
	bad := fmt.Errorf("invalid length of time %q (want a number and a unit, e.g. 30d, 2w, 36h)", s)
	rest := strings.TrimSpace(s)
	if rest == "0" {
		return 0, nil
	}
	if rest == "" {
		return 0, bad
	}
	isNum := func(c byte) bool { return '0' <= c && c <= '9' || c == '.' }
	total := 0.0
	for rest != "" {
		i := 0
		for i < len(rest) && isNum(rest[i]) {
			i++
		}
		j := i
		for j < len(rest) && !isNum(rest[j]) {
			j++
		}
		num, unit := rest[:i], rest[i:j]
		rest = rest[j:]
		n, err := strconv.ParseFloat(num, 64)
		if err != nil || unit == "" {
			return 0, bad
		}
		per, ok := spanUnits[unit]
		if !ok {
			if per, err = time.ParseDuration("1" + unit); err != nil {
				return 0, bad
			}
		}
		total += n * float64(per)
	}
	if total >= math.MaxInt64 {
		return 0, fmt.Errorf("length of time %q is too long", s)
	}
	return time.Duration(total), nil
}
