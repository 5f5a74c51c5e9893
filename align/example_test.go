package align_test

import (
	"fmt"

	"github.com/wirecopy/wirecopy/align"
)

func ExampleAligner_Align() {
	wire := "The Federal Reserve held interest rates steady on Tuesday and signalled that it still expects to cut borrowing costs twice this year."
	reprint := "WASHINGTON (Reuters) – The Federal Reserve held interest rates steady on Tuesday and signaled that it still expects to cut borrowing costs this year. Local lenders welcomed the news."
	al := align.New()
	x, y := al.Words(reprint), al.Words(wire)
	for _, s := range al.Align(x, y) {
		fmt.Printf("reprint %d-%d = wire %d-%d: %q\n", s.A.Begin, s.A.End, s.B.Begin, s.B.End, reprint[s.A.Begin:s.A.End])
	}
	// Output:
	// reprint 25-150 = wire 0-132: "The Federal Reserve held interest rates steady on Tuesday and signaled that it still expects to cut borrowing costs this year"
}
