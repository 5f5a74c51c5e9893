package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/sign"
)

// wirecopy runs the command in process and returns stdout, stderr and
// the exit status.
func wirecopy(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errs bytes.Buffer
	status := run(args, strings.NewReader(""), &out, &errs)
	return out.String(), errs.String(), status
}

// TestArchiveAgreesWithScan: report over an archive writes exactly what
// scan writes for the same documents, and checking each document
// against the archive (which leaves the document itself out: an archive
// of the others) finds only its scan cluster-mates, and every
// cluster-mate that shares a band key with it and that the scan's exact
// rule matches with it directly. A scan also joins paragraphs through a
// third one (clusters are connected components), which a check of one
// article does not follow.
func TestArchiveAgreesWithScan(t *testing.T) {
	for _, input := range []string{"../../testdata/reprints/dev.jsonl", "../../testdata/reprints/hard.jsonl", "../../testdata/example", "../../testdata/translations/dev.jsonl"} {
		t.Run(filepath.Base(input), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "a.wca")
			if _, errs, status := wirecopy(t, "index", "--db", db, "--batch", "50", input); status != 0 {
				t.Fatalf("index: %d %s", status, errs)
			}
			scan, _, status := wirecopy(t, "scan", "--format", "json", "--show-boilerplate", input)
			if status != 0 {
				t.Fatalf("scan: %d", status)
			}
			rep, errs, status := wirecopy(t, "report", "--db", db, "--format", "json", "--show-boilerplate")
			if status != 0 {
				t.Fatalf("report: %d %s", status, errs)
			}
			if rep != scan {
				t.Fatalf("report differs from scan:\n%s", firstDiff(rep, scan))
			}

			var sr struct {
				Clusters []struct {
					Members []struct {
						Doc       string
						Paragraph int
						Text      string
					}
				}
			}
			if err := json.Unmarshal([]byte(scan), &sr); err != nil {
				t.Fatal(err)
			}
			type ref struct {
				doc  string
				para int
			}
			mates := map[ref][]ref{}
			text := map[ref]string{}
			for _, c := range sr.Clusters {
				for _, m := range c.Members {
					text[ref{m.Doc, m.Paragraph}] = m.Text
					for _, o := range c.Members {
						if o.Doc != m.Doc {
							mates[ref{m.Doc, m.Paragraph}] = append(mates[ref{m.Doc, m.Paragraph}], ref{o.Doc, o.Paragraph})
						}
					}
				}
			}
			var ck struct {
				Articles []struct {
					Doc        string
					Paragraphs []struct {
						Paragraph int
						Text      string
						Matches   []match
					}
				}
			}
			out, errs, status := wirecopy(t, "check", "--db", db, "--format", "json", "--max-hits", "1000", input)
			if status != 0 && status != exitFound {
				t.Fatalf("check: %d %s", status, errs)
			}
			if err := json.Unmarshal([]byte(out), &ck); err != nil {
				t.Fatal(err)
			}
			opts := cluster.Options{}.WithDefaults()
			s, _ := sign.New(opts.Signing())
			hits, direct, translated, lshMissed := 0, 0, 0, 0
			for _, a := range ck.Articles {
				for _, p := range a.Paragraphs {
					me := ref{a.Doc, p.Paragraph}
					for _, m := range p.Matches {
						hits++
						if m.Translated {
							translated++
						}
						if !slices.Contains(mates[me], ref{m.Doc, m.Paragraph}) {
							t.Errorf("check %s paragraph %d matched %s:%d, not a scan cluster-mate", a.Doc, p.Paragraph, m.Doc, m.Paragraph)
						}
					}
					for _, o := range mates[me] {
						fa, ka := s.Paragraph(p.Text)
						fb, kb := s.Paragraph(text[o])
						if la, lb := opts.ParagraphLang("", p.Text), opts.ParagraphLang("", text[o]); opts.Translated(la, lb, fa, fb) {
							if !crossMatch(t, s, opts, p.Text, la, text[o], lb) {
								continue // joined in the scan through a third paragraph
							}
							direct++
							if !slices.ContainsFunc(p.Matches, func(m match) bool {
								return m.Doc == o.doc && m.Paragraph == o.para && m.Translated
							}) {
								t.Errorf("check %s paragraph %d missed translated cluster-mate %s:%d", a.Doc, p.Paragraph, o.doc, o.para)
							}
							continue
						}
						if !opts.Match(fa, fb) {
							continue // joined in the scan through a third paragraph
						}
						if !slices.ContainsFunc(ka, func(k uint64) bool { return slices.Contains(kb, k) }) {
							// No band in common: LSH does not propose the
							// pair, in a scan either, which joins it
							// through a third paragraph.
							lshMissed++
							continue
						}
						direct++
						if !slices.ContainsFunc(p.Matches, func(m match) bool {
							return m.Doc == o.doc && m.Paragraph == o.para && !m.Translated
						}) {
							t.Errorf("check %s paragraph %d missed cluster-mate %s:%d", a.Doc, p.Paragraph, o.doc, o.para)
						}
					}
				}
			}
			if hits == 0 || hits != direct {
				t.Errorf("%d hits, %d direct cluster-mates", hits, direct)
			}
			if strings.Contains(input, "translations") && translated == 0 {
				t.Errorf("no translated hit")
			}
			t.Logf("%d hits (%d translated); %d matching cluster-mates share no band key", hits, translated, lshMissed)
		})
	}
}

// match is a hit in check's JSON.
type match struct {
	Doc        string
	Paragraph  int
	Text       string
	Translated bool
}

// crossMatch applies the scan's cross-language rule to two paragraphs:
// a candidate by their shared pivot keys, then CrossMatch.
func crossMatch(t *testing.T, s *sign.Signer, opts cluster.Options, a, la, b, lb string) bool {
	t.Helper()
	pa, err := s.Pivot(a, la)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := s.Pivot(b, lb)
	if err != nil {
		t.Fatal(err)
	}
	ka, kb := pa.Keys(cluster.CrossKeys), pb.Keys(cluster.CrossKeys)
	shared := 0
	for _, k := range ka {
		if _, ok := slices.BinarySearch(kb, k); ok {
			shared++
		}
	}
	return pivot.CandidatePair(shared, len(ka), len(kb)) && opts.CrossMatch(&pa, &pb)
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}
