package report

import (
	"reflect"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// overlap has three sources with one document each and a paragraph in
// two clusters, which must count once per partner. The boilerplate
// cluster and the unindexed paragraph count nowhere.
func overlap() *cluster.Result {
	return &cluster.Result{
		Docs: []corpus.Document{{ID: "a1", Source: "a"}, {ID: "b1", Source: "b"}, {ID: "c1", Source: "c"}},
		Paragraphs: []cluster.Paragraph{
			{Doc: 0, Words: 10, Indexed: true},
			{Doc: 1, Words: 10, Indexed: true},
			{Doc: 2, Words: 10, Indexed: true},
			{Doc: 0, Index: 1, Words: 5},
			{Doc: 2, Index: 1, Words: 30, Indexed: true},
		},
		Clusters: []cluster.Cluster{
			{ID: 1, Members: []cluster.Member{mem(0, 1), mem(1, 0.9)}},
			{ID: 2, Members: []cluster.Member{mem(0, 1), mem(2, 0.9)}},
		},
		Boilerplate: []cluster.Cluster{
			{ID: 3, Boilerplate: true, Members: []cluster.Member{mem(3, 1), mem(4, 1)}},
		},
	}
}

// sameSource has one source whose two documents share a paragraph.
func sameSource() *cluster.Result {
	return &cluster.Result{
		Docs: []corpus.Document{{ID: "x1", Source: "x"}, {ID: "x2", Source: "x"}, {ID: "x3", Source: "x"}},
		Paragraphs: []cluster.Paragraph{
			{Doc: 0, Words: 10, Indexed: true},
			{Doc: 1, Words: 10, Indexed: true},
			{Doc: 2, Words: 20, Indexed: true},
		},
		Clusters: []cluster.Cluster{{ID: 1, Members: []cluster.Member{mem(0, 1), mem(1, 0.95)}}},
	}
}

func TestSources(t *testing.T) {
	none := []Partner{}
	tests := []struct {
		name string
		res  *cluster.Result
		want []SourceStat
	}{
		{"nil", nil, []SourceStat{}},
		{"empty", &cluster.Result{}, []SourceStat{}},
		{"fixture", fixture(), []SourceStat{
			// metrotimes: paragraphs 7, 8 and 14 (19+15+12 words), all shared:
			// 7 with ap, dailyherald and valleypost, 8 with ap, 14 with valleypost.
			{Source: "metrotimes", Documents: 2, Paragraphs: 3, Words: 46, Shared: 3, SharedWords: 46, Reuse: 1,
				Partners: []Partner{{"ap", 2}, {"valleypost", 2}, {"dailyherald", 1}}},
			// valleypost: 9 (20 words) with ap, dailyherald, metrotimes; 10 (12) with metrotimes.
			{Source: "valleypost", Documents: 1, Paragraphs: 2, Words: 32, Shared: 2, SharedWords: 32, Reuse: 1,
				Partners: []Partner{{"metrotimes", 2}, {"ap", 1}, {"dailyherald", 1}}},
			// ap: 0 (20) and 1 (15) shared out of 0, 1, 3 (25); 2 is not indexed.
			{Source: "ap", Documents: 1, Paragraphs: 3, Words: 60, Shared: 2, SharedWords: 35, Reuse: 35.0 / 60,
				Partners: []Partner{{"metrotimes", 2}, {"dailyherald", 1}, {"valleypost", 1}}},
			// dailyherald: 4 (20) shared with others out of 4, 5, 6, 11, 12
			// (20+8+10+8+10); 6 and 12 only with itself, 5 and 11 boilerplate.
			{Source: "dailyherald", Documents: 2, Paragraphs: 5, Words: 56, Shared: 1, SharedWords: 20, Reuse: 20.0 / 56,
				Partners: []Partner{{"ap", 1}, {"metrotimes", 1}, {"valleypost", 1}}},
			{Source: "quietgazette", Documents: 1, Paragraphs: 1, Words: 30, Partners: none},
		}},
		{"overlap", overlap(), []SourceStat{
			{Source: "a", Documents: 1, Paragraphs: 1, Words: 10, Shared: 1, SharedWords: 10, Reuse: 1,
				Partners: []Partner{{"b", 1}, {"c", 1}}},
			{Source: "b", Documents: 1, Paragraphs: 1, Words: 10, Shared: 1, SharedWords: 10, Reuse: 1,
				Partners: []Partner{{"a", 1}}},
			{Source: "c", Documents: 1, Paragraphs: 2, Words: 40, Shared: 1, SharedWords: 10, Reuse: 0.25,
				Partners: []Partner{{"a", 1}}},
		}},
		{"same source", sameSource(), []SourceStat{
			{Source: "x", Documents: 3, Paragraphs: 3, Words: 40, Partners: none},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sources(tt.res)
			for i := range got { // direction has a test of its own
				got[i].Originated, got[i].Copied, got[i].CopiedWords, got[i].Copy, got[i].CopiedFrom = 0, 0, 0, 0, nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sources:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestMatrix(t *testing.T) {
	tests := []struct {
		name    string
		res     *cluster.Result
		sources []string
		counts  [][]int
	}{
		{"nil", nil, []string{}, [][]int{}},
		{"fixture", fixture(),
			[]string{"ap", "dailyherald", "metrotimes", "quietgazette", "valleypost"},
			[][]int{
				// ap: 0 is with dailyherald, metrotimes, valleypost; 1 with metrotimes.
				{0, 1, 2, 0, 1},
				// dailyherald: 4 with the others; 6 and 12 with each other.
				{1, 2, 1, 0, 1},
				{2, 1, 0, 0, 2},
				{0, 0, 0, 0, 0},
				{1, 1, 2, 0, 0},
			}},
		{"overlap", overlap(), []string{"a", "b", "c"}, [][]int{
			{0, 1, 1},
			{1, 0, 0},
			{1, 0, 0},
		}},
		{"same source", sameSource(), []string{"x"}, [][]int{{2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sources, counts := Matrix(tt.res)
			if !reflect.DeepEqual(sources, tt.sources) || !reflect.DeepEqual(counts, tt.counts) {
				t.Errorf("Matrix:\n got %q %v\nwant %q %v", sources, counts, tt.sources, tt.counts)
			}
		})
	}
}

// TestDuplicateMembership checks that a paragraph listed in two
// clusters with the same partner counts once.
func TestDuplicateMembership(t *testing.T) {
	res := overlap()
	res.Clusters = append(res.Clusters, cluster.Cluster{ID: 4, Members: []cluster.Member{mem(1, 1), mem(0, 0.9)}})
	_, counts := Matrix(res)
	if want := [][]int{{0, 1, 1}, {1, 0, 0}, {1, 0, 0}}; !reflect.DeepEqual(counts, want) {
		t.Errorf("counts %v, want %v", counts, want)
	}
	if s := summarize(res); s.reused != 3 {
		t.Errorf("reused %d, want 3", s.reused)
	}
}

// TestInvalidIndexes checks that Sources and Matrix skip members that
// point outside the Result instead of panicking.
func TestInvalidIndexes(t *testing.T) {
	res := overlap()
	res.Clusters[0].Members = append(res.Clusters[0].Members, mem(-1, 1), mem(99, 1))
	res.Paragraphs = append(res.Paragraphs, cluster.Paragraph{Doc: 7, Indexed: true})
	res.Clusters[1].Members = append(res.Clusters[1].Members, mem(5, 1))
	got := Sources(res)
	if len(got) != 3 || got[0].Shared != 1 {
		t.Errorf("Sources = %v", got)
	}
	_, counts := Matrix(res)
	if want := [][]int{{0, 1, 1}, {1, 0, 0}, {1, 0, 0}}; !reflect.DeepEqual(counts, want) {
		t.Errorf("counts %v, want %v", counts, want)
	}
}

func TestStatString(t *testing.T) {
	got := Sources(fixture())[2].String()
	if want := "ap: 1 docs, 2/3 paragraphs, 35/60 words shared (58.3%)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := (Partner{"ap", 5}).String(); got != "ap (5)" {
		t.Errorf("Partner.String() = %q", got)
	}
}

// TestDirection: wire originates two clusters; herald copies both (one
// from wire), post copies one; an undated cluster has no direction.
func TestDirection(t *testing.T) {
	res := &cluster.Result{
		Docs: []corpus.Document{{ID: "w", Source: "wire"}, {ID: "h", Source: "herald"}, {ID: "p", Source: "post"}},
		Paragraphs: []cluster.Paragraph{
			{Doc: 0, Words: 10, Indexed: true},           // 0 wire
			{Doc: 0, Index: 1, Words: 20, Indexed: true}, // 1 wire
			{Doc: 1, Words: 10, Indexed: true},           // 2 herald, copy of 0
			{Doc: 1, Index: 1, Words: 20, Indexed: true}, // 3 herald, copy of 1
			{Doc: 2, Words: 30, Indexed: true},           // 4 post, copy of 1
			{Doc: 2, Index: 1, Words: 10, Indexed: true}, // 5 post, undated cluster with 6
			{Doc: 1, Index: 2, Words: 10, Indexed: true}, // 6 herald
		},
		Clusters: []cluster.Cluster{
			{ID: 1, Origin: true, Members: []cluster.Member{mem(1, 1), mem(3, 0.9), mem(4, 0.8)}},
			{ID: 2, Origin: true, Members: []cluster.Member{mem(0, 1), mem(2, 0.9)}},
			{ID: 3, Members: []cluster.Member{mem(5, 1), mem(6, 0.9)}},
		},
	}
	got := map[string]SourceStat{}
	for _, s := range Sources(res) {
		got[s.Source] = s
	}
	check := func(src string, originated, copied, words int, copy float64, from []Partner) {
		t.Helper()
		s := got[src]
		if s.Originated != originated || s.Copied != copied || s.CopiedWords != words || s.Copy != copy || !reflect.DeepEqual(s.CopiedFrom, from) {
			t.Errorf("%s: originated %d copied %d words %d copy %.3f from %v; want %d %d %d %.3f %v",
				src, s.Originated, s.Copied, s.CopiedWords, s.Copy, s.CopiedFrom, originated, copied, words, copy, from)
		}
	}
	check("wire", 2, 0, 0, 0, []Partner{})
	check("herald", 0, 2, 30, 30.0/40, []Partner{{"wire", 2}})
	check("post", 0, 1, 30, 30.0/40, []Partner{{"wire", 1}})
}
