package cluster

// Overlap compares two sorted sets of distinct shingle hashes. It returns
// the size of their intersection, their Jaccard similarity |A∩B|/|A∪B| and
// the containment of the smaller in the larger |A∩B|/min(|A|,|B|).
func Overlap(a, b []uint64) (common int, jaccard, containment float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0, 0
	}
	common = countCommon(a, b, 0)
	union := len(a) + len(b) - common
	jaccard = float64(common) / float64(union)
	containment = float64(common) / float64(min(len(a), len(b)))
	return common, jaccard, containment
}

// countCommon counts the elements two sorted sets of distinct values have in
// common. With need > 0 it stops as soon as the rest of the shorter side
// could no longer bring the count up to need, which settles most
// candidate pairs that fail after reading a part of each set; a count
// below need is then only a lower bound, while a count of need or more
// is exact, so that a pair that passes is read once for both the test
// and its shares (verifying pairs read each passing pair twice, a fifth
// of the stress corpus's CPU). BenchmarkCountCommon: a passing pair of
// paragraphs, counted once, 143 ns where the test and the count took 280
// ns; a failing pair unchanged (95 ns).
func countCommon(a, b []uint64, need int) int {
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if common+min(len(a)-i, len(b)-j) < need {
			return common
		}
		switch x, y := a[i], b[j]; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return common
}
