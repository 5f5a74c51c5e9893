package lsh

import (
	"fmt"
	"math"
)

// Params is a banding: a signature is cut into Bands bands of Rows values
// each, and two items become candidates when all the rows of at least one
// band agree. Bands*Rows may be less than the signature length; the rest
// is unused by the index.
type Params struct {
	Bands, Rows int
}

func (p Params) String() string { return fmt.Sprintf("%d bands x %d rows", p.Bands, p.Rows) }

// Probability returns the chance that two items of Jaccard similarity s
// become candidates: 1 - (1 - s^r)^b.
func (p Params) Probability(s float64) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(p.Rows)), float64(p.Bands))
}

// Weights of false positives and false negatives in Optimal. A false
// positive costs one exact comparison of two shingle sets, which is cheap;
// a false negative is reused copy the report misses. Hence misses weigh
// more.
const (
	FalsePositiveWeight = 0.3
	FalseNegativeWeight = 0.7
)

// Optimal returns the banding of at most perms rows in all that minimises
//
//	wFP * ∫_0^t P(s) ds  +  wFN * ∫_t^1 (1 - P(s)) ds,    P(s) = 1 - (1 - s^r)^b
//
// the weighted areas under the candidate-probability curve below the
// threshold t (false positives) and above it (false negatives), with the
// weights FalsePositiveWeight and FalseNegativeWeight. The integrals are
// taken numerically; every b, r with b*r <= perms is tried.
func Optimal(t float64, perms int) (Params, error) {
	if !(t > 0 && t < 1) {
		return Params{}, fmt.Errorf("lsh: threshold %v out of range (0, 1)", t)
	}
	if perms < 1 {
		return Params{}, fmt.Errorf("lsh: %d permutations", perms)
	}
	best, bestCost := Params{}, math.Inf(1)
	for b := 1; b <= perms; b++ {
		for r := 1; b*r <= perms; r++ {
			p := Params{Bands: b, Rows: r}
			fp := integrate(p.Probability, 0, t)
			fn := integrate(func(s float64) float64 { return 1 - p.Probability(s) }, t, 1)
			if cost := FalsePositiveWeight*fp + FalseNegativeWeight*fn; cost < bestCost {
				best, bestCost = p, cost
			}
		}
	}
	return best, nil
}

// integrate is the composite Simpson rule with a fixed number of steps,
// ample for these smooth curves.
func integrate(f func(float64) float64, a, b float64) float64 {
	const steps = 100 // even
	h := (b - a) / steps
	sum := f(a) + f(b)
	for i := 1; i < steps; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(a+float64(i)*h)
	}
	return sum * h / 3
}
