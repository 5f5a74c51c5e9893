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
