package report

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
)

// TestInOrder checks that inOrder writes every item once, in order,
// whatever the workers and however the items fall into batches, and that
// it never has more items encoded and not written than its window.
func TestInOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		for _, n := range []int{0, 1, inOrderBatch - 1, inOrderBatch, inOrderBatch + 1, 1000} {
			t.Run(fmt.Sprintf("workers %d, %d items", workers, n), func(t *testing.T) {
				var encoded, written atomic.Int64
				most := int64(0)
				// A bound inOrder must keep: the window's batches, and
				// one batch being encoded by each worker at its end.
				limit := int64((4*workers + workers) * inOrderBatch)
				var got []byte
				err := inOrder(n, workers, func(w, i int, dst []byte) ([]byte, error) {
					if w < 0 || w >= max(workers, 1) {
						return dst, fmt.Errorf("worker %d of %d", w, workers)
					}
					encoded.Add(1)
					return fmt.Appendf(dst, "%d,", i), nil
				}, func(b []byte) error {
					most = max(most, encoded.Load()-written.Load())
					written.Add(int64(bytes.Count(b, []byte{','})))
					got = append(got, b...)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				var want []byte
				for i := range n {
					want = strconv.AppendInt(want, int64(i), 10)
					want = append(want, ',')
				}
				if string(got) != string(want) {
					t.Errorf("wrote %.80q..., want %.80q...", got, want)
				}
				if most > limit {
					t.Errorf("%d items encoded and not written at once, more than %d", most, limit)
				}
			})
		}
	}
}

// TestInOrderErrors checks that inOrder returns the first error in item
// order, encode's or write's, writes nothing from the item that failed
// on, and returns (its goroutines done) rather than hanging.
func TestInOrderErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, workers := range []int{1, 2, 5} {
		for _, bad := range []int{0, 7, inOrderBatch, 3*inOrderBatch + 5, 999} {
			t.Run(fmt.Sprintf("workers %d, encode fails at %d", workers, bad), func(t *testing.T) {
				var got []byte
				err := inOrder(1000, workers, func(w, i int, dst []byte) ([]byte, error) {
					if i == bad || i == bad+40 { // a later error must not win
						return dst, fmt.Errorf("item %d: %w", i, boom)
					}
					return fmt.Appendf(dst, "%d,", i), nil
				}, func(b []byte) error {
					got = append(got, b...)
					return nil
				})
				if err == nil || err.Error() != fmt.Sprintf("item %d: boom", bad) {
					t.Fatalf("error %v, want item %d's", err, bad)
				}
				// What was written is items 0 to some k before bad.
				var want []byte
				for i := 0; len(want) < len(got) && i < bad; i++ {
					want = fmt.Appendf(want, "%d,", i)
				}
				if string(got) != string(want) {
					t.Errorf("wrote %q, want a run of items before %d", got, bad)
				}
			})
			t.Run(fmt.Sprintf("workers %d, write fails at batch %d", workers, bad/inOrderBatch), func(t *testing.T) {
				writes := 0
				err := inOrder(1000, workers, func(w, i int, dst []byte) ([]byte, error) {
					return append(dst, 'x'), nil
				}, func(b []byte) error {
					if writes == bad/inOrderBatch {
						return boom
					}
					writes++
					return nil
				})
				if !errors.Is(err, boom) || writes != bad/inOrderBatch {
					t.Errorf("error %v after %d writes, want boom after %d", err, writes, bad/inOrderBatch)
				}
			})
		}
	}
}
