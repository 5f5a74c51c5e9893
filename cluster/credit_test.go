package cluster

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirecopy/wirecopy/corpus"
)

func TestCredits(t *testing.T) {
	long := strings.Repeat("The council met on Tuesday and voted on the budget for next year. ", 30)
	for _, tc := range []struct {
		text string
		want string
	}{
		{"BRUSSELS (Reuters) - NATO foreign ministers agreed on Wednesday.", "reuters"},
		{"BRUSSELS, April 3 (Reuters) - NATO foreign ministers agreed.", "reuters"},
		{"DALLAS (AP) — Skylark Airlines grounded all of its flights.", "ap"},
		{"Berlin (dpa) - Die Bundesregierung hat am Mittwoch beschlossen.", "dpa"},
		{"Berlin (dpa/lby) - Die Bundesregierung hat beschlossen.", "dpa"},
		{"Die Regierung hat am Mittwoch beschlossen.\n\n- dpa", "dpa"},
		{"PARIS (AFP) - Le gouvernement a annoncé mercredi.", "afp"},
		{"Le gouvernement a annoncé mercredi un plan. (avec AFP)", "afp"},
		{"MADRID, 3 abr (EFE).- El Gobierno aprobó este miércoles.", "efe"},
		{"El Gobierno aprobó este miércoles un plan.\n\nCon información de EFE", "efe"},
		{"The board met.\n\nReporting by Jan Novak; Editing by Mary Jones", "reuters"},
		{"Die Regierung beschloss. (Bericht von Hans Maier, redigiert von Eva Schulz)", "reuters"},
		{"By The Associated Press\n\nThe board met.", "ap"},
		{"The board met.\n\nCopyright 2024 The Associated Press. All rights reserved.", "ap"},
		{"The board met. The Associated Press contributed to this report.", "ap"},
		{"Die Regierung beschloss.\n\nMit Material von dpa", "dpa"},
		{long + "WASHINGTON (Reuters) - in the middle" + long, ""}, // a credit in the middle is not read
		{"Officials told Reuters on Tuesday that the plan was ready.", ""},
		{"Eine Reuters-Umfrage zeigte am Dienstag ein anderes Bild.", ""},
		{"APPLE and CAPITAL are no agencies; nor is the ap in a word.", ""},
		{"A photo (AP Photo/Jane Doe) shows the scene.", ""},
		{"The council met on Tuesday.", ""},
	} {
		got := strings.Join(Credits(tc.text), ",")
		if got != tc.want {
			t.Errorf("Credits(%.50q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestAgency(t *testing.T) {
	for source, want := range map[string]string{
		"reuters": "reuters", "Reuters": "reuters", "www.reuters.com": "reuters", "Thomson Reuters": "reuters",
		"ap": "ap", "apnews.com": "ap", "The Associated Press": "ap", "afp": "afp", "dpa": "dpa", "efe.com": "efe",
		"dailyherald": "", "apple.com": "", "": "",
	} {
		if got := Agency(source); got != want {
			t.Errorf("Agency(%q) = %q, want %q", source, got, want)
		}
	}
}

// TestCreditedOrigin: the members credit Reuters, so Reuters' member is
// the origin though another is as early and is a subset of it; without
// a Reuters member the cluster is still credited to Reuters, and the
// earliest member is the origin.
func TestCreditedOrigin(t *testing.T) {
	wire := "NATO foreign ministers agreed on Wednesday to start planning a new alliance mission to coordinate arms deliveries to Ukraine."
	day := time.Date(2024, 4, 3, 0, 0, 0, 0, time.UTC)
	docs := []corpus.Document{
		{ID: "a-herald", Source: "herald", Date: day, Text: wire},
		{ID: "b-reuters", Source: "reuters", Date: day, Text: "BRUSSELS (Reuters) - " + wire},
		{ID: "c-post", Source: "post", Date: day.AddDate(0, 0, 1), Text: "BRUSSELS, April 3 (Reuters) - " + wire},
	}
	for _, tc := range []struct {
		docs           []corpus.Document
		want           string // representative's document, credit, credited
		credit         string
		credited, orig bool
	}{
		{docs, "b-reuters", "reuters", true, true},
		{[]corpus.Document{docs[0], docs[2]}, "a-herald", "reuters", false, true},
	} {
		res, err := Find(tc.docs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Clusters) != 1 {
			t.Fatalf("%d clusters, want 1", len(res.Clusters))
		}
		c := res.Clusters[0]
		rep := res.Docs[res.Paragraphs[c.Members[0].Paragraph].Doc].ID
		if rep != tc.want || c.Credit != tc.credit || c.Credited != tc.credited || c.Origin != tc.orig {
			t.Errorf("representative %s, credit %q, credited %v, origin %v; want %s, %q, %v, %v",
				rep, c.Credit, c.Credited, c.Origin, tc.want, tc.credit, tc.credited, tc.orig)
		}
	}
}

// FuzzCredits: any text gives agencies Credits knows, each once, in
// their order, and windows cut at any byte never panic.
func FuzzCredits(f *testing.F) {
	for _, s := range []string{
		"BRUSSELS (Reuters) - NATO agreed.", "Die Regierung beschloss.\n\n- dpa", "(Bericht von Hans, redigiert von Eva)",
		"Reporting by ", "AP", "\nAP —\n", "Copyright 2024 The Associated Press", strings.Repeat("é(AFP)", 300),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Credits(text)
		last := -1
		for _, name := range got {
			i := slices.IndexFunc(agencies, func(a agency) bool { return a.name == name })
			if i <= last {
				t.Fatalf("Credits(%q) = %v: unknown, repeated or out of order", text, got)
			}
			last = i
		}
	})
}
