package cluster

import (
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// The cross-language test outside Find: an archive files each paragraph
// under its pivot keys (sign.Signer.PivotKeys) and a check finds
// translations by them in a pivot.KeyIndex's way, deciding candidates
// and matches as Find's cross-language stage does (see translate.go).

// Translated reports whether two paragraphs in languages langA and langB
// with features a and b form a translation pair as Find marks one
// (Member.Translated): two different known languages, and shingles that
// do not match (documents whose lang fields differ but whose texts are
// the same copy are not translations).
func (o Options) Translated(langA, langB string, a, b shingle.Features) bool {
	return langA != langB && pivot.Code(langA) != "" && pivot.Code(langB) != "" && !o.Match(a, b)
}
