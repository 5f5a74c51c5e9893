package report

import (
	"strconv"

	"github.com/wirecopy/wirecopy/cluster"
)

// originEvidence says why a cluster's representative is its likely
// origin, in the words every format shows: "credited: reuters" when the
// members' documents credit its source (cluster.Cluster.Credited, with
// how many of them do), "earliest: 2024-04-03" when it is the earliest
// dated member, "dated: 2024-04-05" when it is dated but another member
// is earlier, "credits: reuters" when the members credit an agency that
// has no member here. Empty when the cluster has no origin and no
// credit.
func originEvidence(res *cluster.Result, c *cluster.Cluster) []string {
	if len(c.Members) == 0 {
		return nil
	}
	var why []string
	if c.Credit != "" {
		docs, credit := map[int]bool{}, map[int]bool{}
		for _, m := range c.Members {
			d := res.Paragraphs[m.Paragraph].Doc
			docs[d] = true
			for _, a := range m.Credits {
				if a == c.Credit {
					credit[d] = true
				}
			}
		}
		n := " (" + strconv.Itoa(len(credit)) + " of " + strconv.Itoa(len(docs)) + " documents)"
		if c.Credited {
			why = append(why, "credited: "+clean(c.Credit)+n)
		} else {
			why = append(why, "credits: "+clean(c.Credit)+n)
		}
	}
	if !c.Origin {
		return why
	}
	repDate := res.Docs[res.Paragraphs[c.Members[0].Paragraph].Doc].Date
	if repDate.IsZero() {
		return why
	}
	earliest := true
	for _, m := range c.Members[1:] {
		if d := res.Docs[res.Paragraphs[m.Paragraph].Doc].Date; !d.IsZero() && cluster.CompareDates(d, repDate) < 0 {
			earliest = false
		}
	}
	if earliest {
		return append(why, "earliest: "+date(repDate))
	}
	return append(why, "dated: "+date(repDate))
}
