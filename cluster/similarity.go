package cluster

// Overlap compares two sorted sets of distinct shingle hashes. It returns
// the size of their intersection, their Jaccard similarity |A∩B|/|A∪B| and
// the containment of the smaller in the larger |A∩B|/min(|A|,|B|).
func Overlap(a, b []uint64) (common int, jaccard, containment float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0, 0
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
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
	union := len(a) + len(b) - common
	jaccard = float64(common) / float64(union)
	containment = float64(common) / float64(min(len(a), len(b)))
	return common, jaccard, containment
}

// overlapAtLeast reports whether two sorted sets share at least need
// elements. It stops as soon as the rest of the shorter side could no
// longer make up the difference, which settles most candidate pairs that
// fail after reading a part of each set.
func overlapAtLeast(a, b []uint64, need int) bool {
	if min(len(a), len(b)) < need {
		return false
	}
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if common >= need {
			return true
		}
		if common+min(len(a)-i, len(b)-j) < need {
			return false
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
	return common >= need
}
