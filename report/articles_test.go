package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
)

// TestArticles: the pairs of the fixture, each with what the copy
// carries of the original, most reused first; mt-8 and vp-9 share copy
// with no dated origin, so neither reprints the other.
func TestArticles(t *testing.T) {
	res := fixture()
	var got []string
	for _, a := range Articles(res) {
		got = append(got, fmt.Sprintf("%s %s %d/%d of %s, copy %d paragraphs %.4f, directed %v credited %v translated %v, why %q, clusters %v",
			res.Docs[a.Copy].ID, a.verb(), a.Paragraphs, a.OriginalParagraphs, res.Docs[a.Original].ID,
			a.CopyParagraphs, a.Share, a.Directed, a.Credited, a.Translated, a.why(res), a.Clusters))
	}
	want := []string{
		`mt-7 reprints 2/3 of ap-001, copy 2 paragraphs 1.0000, directed true credited false translated false, why "earlier", clusters [1 2]`,
		`mt-8 shares 1/2 of vp-9, copy 1 paragraphs 1.0000, directed false credited false translated false, why "no dates", clusters [3]`,
		`vp-9 reprints 1/3 of ap-001, copy 1 paragraphs 0.6250, directed true credited false translated false, why "only one dated", clusters [1]`,
		`dh-102 reprints 1/3 of dh-101, copy 1 paragraphs 0.5556, directed true credited false translated false, why "earlier", clusters [4]`,
		`dh-101 reprints 1/3 of ap-001, copy 1 paragraphs 0.5263, directed true credited false translated false, why "earlier", clusters [1]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Articles:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := Articles(nil); got == nil || len(got) != 0 {
		t.Errorf("Articles(nil) = %#v, want an empty slice", got)
	}
	// Members and paragraphs that point outside the Result are skipped.
	res.Clusters[0].Members = append(res.Clusters[0].Members, mem(99, 1), mem(-1, 1))
	res.Paragraphs[7].Doc = 42 // mt-7's first paragraph
	if n := len(Articles(res)); n != 5 {
		t.Errorf("Articles of a damaged Result: %d pairs, want 5", n)
	}
}

// TestCreditedAbsentAgency: a copy that credits an agency the corpus
// does not hold carries the agency's copy, so it does not reprint the
// cluster's earlier, uncrediting representative: the two share copy.
// A member that credits no one still reprints it.
func TestCreditedAbsentAgency(t *testing.T) {
	res := fixture()
	c := &res.Clusters[0] // ap-001 first and earliest; dh-101, vp-9, mt-7
	c.Credit, c.Credited = "reuters", false
	c.Members[1].Credits = []string{"reuters"} // dh-101
	why := map[string]string{}
	for _, a := range Articles(res) {
		if res.Docs[a.Original].ID == "ap-001" {
			why[res.Docs[a.Copy].ID] = a.verb() + ", " + a.why(res)
		}
	}
	if got := why["dh-101"]; got != "shares, credits reuters" {
		t.Errorf("dh-101 and ap-001: %q, want shares, credits reuters", got)
	}
	if got := why["mt-7"]; got != "reprints, earlier" {
		t.Errorf("mt-7 and ap-001: %q, want reprints, earlier", got)
	}
	// Per source: dh-101's paragraph is still copy, but not ap-001's.
	for _, st := range Sources(res) {
		if st.Source == res.Docs[res.Paragraphs[c.Members[1].Paragraph].Doc].Source {
			if st.Copied == 0 || len(st.CopiedFrom) != 0 {
				t.Errorf("%s: copied %d, from %v; want copy from no source", st.Source, st.Copied, st.CopiedFrom)
			}
		}
	}
}

// TestAcross: with ap-001 on one side, only the clusters it shares with
// the other side are left, numbered from 1; the boilerplate, all
// dailyherald's, goes; the Result given is unchanged.
func TestAcross(t *testing.T) {
	res := fixture()
	out := Across(res, func(d int) bool { return res.Docs[d].ID == "ap-001" })
	var got []string
	for _, c := range out.Clusters {
		got = append(got, fmt.Sprintf("%d:%s", c.ID, res.Docs[res.Paragraphs[c.Members[0].Paragraph].Doc].ID))
	}
	if s := strings.Join(got, " "); s != "1:ap-001 2:ap-001" || len(out.Boilerplate) != 0 {
		t.Errorf("Across: clusters %s, %d boilerplate; want 1:ap-001 2:ap-001 and none", s, len(out.Boilerplate))
	}
	if len(res.Clusters) != 4 || res.Clusters[3].ID != 4 || len(res.Boilerplate) != 1 {
		t.Errorf("Across changed the Result it was given")
	}
	// The other side alone: vp-9 and mt-8 share cluster 3, both off the
	// ap-001 side, so it goes too.
	out = Across(res, func(d int) bool { return res.Docs[d].ID == "vp-9" })
	if len(out.Clusters) != 2 || out.Clusters[0].ID != 1 || out.Clusters[1].ID != 2 {
		t.Errorf("Across vp-9: %d clusters, want 2 (clusters 1 and 3 renumbered)", len(out.Clusters))
	}
}

// TestOriginEvidence: why a cluster's first member is its origin.
func TestOriginEvidence(t *testing.T) {
	res := fixture()
	c := res.Clusters[0] // ap-001 first, dated 2024-03-05, the earliest
	for _, tc := range []struct {
		name   string
		change func(c *cluster.Cluster)
		want   string
	}{
		{"dated", func(*cluster.Cluster) {}, "earliest: 2024-03-05"},
		{"credited", func(c *cluster.Cluster) {
			c.Credit, c.Credited = "ap", true
			c.Members[1].Credits = []string{"ap"}
			c.Members[2].Credits = []string{"reuters", "ap"}
		}, "credited: ap (2 of 4 documents); earliest: 2024-03-05"},
		{"credits an absent agency", func(c *cluster.Cluster) {
			c.Credit = "dpa"
			c.Members[3].Credits = []string{"dpa"}
		}, "credits: dpa (1 of 4 documents); earliest: 2024-03-05"},
		{"not the earliest", func(c *cluster.Cluster) {
			c.Members[0], c.Members[1] = c.Members[1], c.Members[0] // dh-101, a day after ap-001
		}, "dated: 2024-03-06"},
		{"no origin", func(c *cluster.Cluster) { c.Origin = false }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cc := c
			cc.Members = slices.Clone(c.Members)
			tc.change(&cc)
			if got := strings.Join(originEvidence(res, &cc), "; "); got != tc.want {
				t.Errorf("originEvidence = %q, want %q", got, tc.want)
			}
		})
	}
}
