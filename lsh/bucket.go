package lsh

// BucketPairs yields the candidate pairs of one bucket of items the way
// Index.Pairs does (see MaxBucketPairs), for callers that group band keys
// themselves, such as the dedup stage's compact 32-bit keys. It returns
// false when yield asked to stop.
func BucketPairs[E any](bucket []E, yield func(E, E) bool) bool {
	return bucketPairs(bucket, yield)
}
