package cluster

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Credits. A reprint of agency copy usually says so: a dateline
// ("BRUSSELS (Reuters) -", "Berlin (dpa) -", "Madrid, 3 abr (EFE).-"), a
// sign-off ("- dpa", "Reporting by ...; Editing by ..."), a byline ("By
// The Associated Press") or a copyright line ("Copyright 2024 The
// Associated Press. All rights reserved."), in English, German, French or
// Spanish. The text then names its source better than any date: a wire
// and its same-day reprints tie on the day, and a reprint that dropped
// the dateline is a subset of the wire's paragraph, so the rules that
// break date ties (see representative) can pick the reprint.
//
// Credits names the agencies a document's text credits. Find uses it
// when it picks a cluster's representative: when members' documents
// credit an agency and some member's source is that agency (Agency), the
// representative is chosen among that agency's members, before dates.
// A document that credits an agency the corpus does not hold still marks
// the cluster's Credit, so the report can say whose copy it is.
//
// Only the head and the tail of a document are read (creditHead,
// creditTail): datelines and bylines open a story and sign-offs and
// copyright lines close it, while a name in the middle is more often a
// citation ("told Reuters", "according to AFP") than a credit.

// The parts of a document Credits reads, in bytes: the first creditHead
// bytes hold a title, a byline and the dateline of the first paragraph;
// the last creditTail bytes a sign-off with several names and a
// copyright line, with a line of site furniture after them.
const (
	creditHead = 400
	creditTail = 600
)

// agency is an agency Credits knows.
type agency struct {
	name    string
	credit  string   // regexp alternation of the names in credit lines
	names   []string // literals, one of which every name in credit contains
	sources []string // normalised source names (see Agency)
}

// agencies are the agencies Credits knows, by canonical name, with the
// spellings of their names in credit lines (case matters: "AP" is the
// agency, "ap" is not) and the names a source may carry (Agency).
var agencies = []agency{
	{"reuters", `Reuters|REUTERS|Thomson Reuters`, []string{"Reuters", "REUTERS"}, []string{"reuters", "thomsonreuters"}},
	{"ap", `AP|The Associated Press|Associated Press|THE ASSOCIATED PRESS`, []string{"AP", "Associated Press"}, []string{"ap", "apnews", "associatedpress", "theassociatedpress"}},
	{"afp", `AFP|Agence France-Presse|Agence France Presse|l'AFP|l’AFP`, []string{"AFP", "Agence France"}, []string{"afp", "agencefrancepresse"}},
	{"dpa", `dpa|DPA|Deutsche Presse-Agentur`, []string{"dpa", "DPA", "Deutsche Presse"}, []string{"dpa", "deutschepresseagentur"}},
	{"efe", `EFE|Efe|Agencia EFE`, []string{"EFE", "Efe"}, []string{"efe", "agenciaefe"}},
}

// creditForms are the credit lines, each with one %s for an agency's
// names. A form anchored at a line start or end sets its multi-line flag
// inside its own group, so that it does not reach the forms after it.
var creditForms = []string{
	// Datelines and tags: "(Reuters)", "(dpa/lby)", "(avec AFP)", "(con EFE)".
	`\((?:avec |con |mit |with )?(?:%s)(?:/[\p{L}\d]+)?\)`,
	// Sign-offs at the end of a line: "- dpa", "— AP".
	`(?m:(?:^|\s)[-–—]\s*(?:%s)(?:/[\p{L}\d]+)?\.?\s*$)`,
	// Datelines without brackets: "MADRID, 3 abr EFE.-", "dpa - "; not
	// "Eine Reuters-Umfrage".
	`(?m:^(?:[\p{Lu}][\p{L}.,' \d]{0,40}\s)?(?:%s)(?:\.-|\s+[-–—]\s))`,
	// Bylines: "By The Associated Press", "Von Reuters".
	`(?m:^(?:By|Von|Par|Por)\s+(?:%s)\s*$)`,
	// Copyright lines: "Copyright 2024 The Associated Press", "© AFP 2024".
	`(?:Copyright|©|\([cC]\))\s*(?:\d{4}\s*)?(?:%s)\b`,
	// Acknowledgements: "The Associated Press contributed to this report",
	// "Mit Material von dpa", "avec AFP", "con información de EFE",
	// "Quelle: dpa", "Source : AFP", "Fuente: EFE".
	`(?:%s) contributed to this report`,
	`(?:Mit Material (?:von|der) |Material von |avec |con información de |Con información de |Quelle: |Source ?: |Fuente: )(?:%s)\b`,
}

// reutersSignoffs open the Reuters sign-off, in English ("Reporting by
// Jan Novak; Editing by Mary Jones", a capital after each) and German
// ("(Bericht von Hans Maier, redigiert von Eva Schulz)").
var reutersSignoffs = []string{"Reporting by ", "Writing by ", "Editing by ", "(Bericht von "}

// creditPatterns holds, per agency, its credit lines as one regexp.
var creditPatterns = func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(agencies))
	for i, a := range agencies {
		forms := make([]string, len(creditForms))
		for k, f := range creditForms {
			forms[k] = strings.ReplaceAll(f, "%s", a.credit)
		}
		res[i] = regexp.MustCompile(strings.Join(forms, "|"))
	}
	return res
}()

// Credits returns the agencies (by canonical name: "reuters", "ap",
// "afp", "dpa", "efe") that text credits as its source, in the order
// above; nil when it credits none. Only the head and tail of text are
// read (see creditHead).
func Credits(text string) []string {
	head, tail := text, ""
	if len(text) > creditHead+creditTail {
		head, tail = text[:creditHead], text[len(text)-creditTail:]
	}
	var names []string
	for i, a := range agencies {
		if creditedIn(head, a.names, creditPatterns[i]) || creditedIn(tail, a.names, creditPatterns[i]) {
			names = append(names, a.name)
		}
	}
	if !slices.Contains(names, "reuters") && (signoff(head) || signoff(tail)) {
		names = append(names, "reuters")
	}
	return names
}

// creditLine bounds the text around a name that credits reads: a credit
// line is shorter, and a dateline's place and date (at most 42 bytes in
// creditForms) come before the name.
const creditLine = 200

// creditedIn reports whether s holds a credit line of re. Matching the
// whole of s costs about 0.8 ms for the five agencies (measured on a
// 1,000-byte head and tail), more than the rest of a scan spends on a
// document; so re runs only on the line around each of the agency's
// names in s (at most creditLine bytes either side), and a text that
// names no agency costs a few substring searches.
func creditedIn(s string, names []string, re *regexp.Regexp) bool {
	for _, name := range names {
		for at := 0; ; {
			i := strings.Index(s[at:], name)
			if i < 0 {
				break
			}
			i += at
			begin := max(0, i-creditLine)
			if nl := strings.LastIndexByte(s[begin:i], '\n'); nl >= 0 {
				begin += nl + 1
			}
			end := min(len(s), i+len(name)+creditLine)
			if nl := strings.IndexByte(s[i:end], '\n'); nl >= 0 {
				end = i + nl
			}
			if re.MatchString(s[begin:end]) {
				return true
			}
			at = i + len(name)
		}
	}
	return false
}

// signoff reports whether s holds a Reuters sign-off (reutersSignoffs)
// followed by a name.
func signoff(s string) bool {
	for _, open := range reutersSignoffs {
		for at := 0; ; {
			i := strings.Index(s[at:], open)
			if i < 0 {
				break
			}
			at += i + len(open)
			r, _ := utf8.DecodeRuneInString(s[at:])
			if unicode.IsUpper(r) && (open != "(Bericht von " || strings.Contains(s[at:], "redigiert von")) {
				return true
			}
		}
	}
	return false
}

// Agency returns the canonical name of the agency a source is ("reuters"
// for "Reuters", "reuters.com", "www.reuters.com" or "Thomson Reuters";
// "ap" for "AP" or "apnews.com"), or "" when the source is not an agency
// Credits knows.
func Agency(source string) string {
	s := strings.ToLower(strings.TrimSpace(source))
	s = strings.TrimPrefix(s, "www.")
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		s = s[:i] // the top-level domain of a host
	}
	s = strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return -1
	}, s)
	for _, a := range agencies {
		if slices.Contains(a.sources, s) {
			return a.name
		}
	}
	return ""
}
