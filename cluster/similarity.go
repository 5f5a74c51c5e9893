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

// overlapAtLeast reports whether two sorted sets share at least need
// elements.
func overlapAtLeast(a, b []uint64, need int) bool {
	return min(len(a), len(b)) >= need && countCommon(a, b, need) >= need
}

// countCommon counts the elements two sorted sets of distinct values have in
// common. With need > 0 it stops as soon as the count reaches need, or
// the rest of the shorter side could no longer make it up, which settles
// most candidate pairs that fail after reading a part of each set; the
// count is then exact only in saying which side of need it is on.
func countCommon(a, b []uint64, need int) int {
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if need > 0 && (common >= need || common+min(len(a)-i, len(b)-j) < need) {
			return common
		}
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return common
}
