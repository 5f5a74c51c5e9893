package pivot

import (
	"os"
	"strings"
	"testing"
)

// tatoebaDir holds Tatoeba sentence pairs in the shared evaluation data
// beside the checkout (line i of tatoeba.XXX-eng.XXX translates line i of
// tatoeba.XXX-eng.eng); the tests skip when it is absent.
const tatoebaDir = "../../shared/eval/tatoeba/"

// tatoebaLangs maps Tatoeba's three-letter codes to ours.
var tatoebaLangs = map[string]string{"deu": "de", "fra": "fr", "spa": "es", "ita": "it", "pol": "pl", "rus": "ru", "tur": "tr"}

func tatoeba(t *testing.T, code string) (foreign, english []string) {
	t.Helper()
	read := func(name string) []string {
		b, err := os.ReadFile(tatoebaDir + name)
		if os.IsNotExist(err) {
			t.Skipf("%s absent", tatoebaDir)
		}
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	}
	foreign, english = read("tatoeba."+code+"-eng."+code), read("tatoeba."+code+"-eng.eng")
	if len(foreign) != len(english) {
		t.Fatalf("%s: %d and %d lines", code, len(foreign), len(english))
	}
	return foreign, english
}

// TestTatoebaCoverage measures the lexicon's coverage: over all sentence
// pairs, the share of the foreign sentence's content words (terms) that
// have a candidate among the pivot IDs of its English translation. The
// floors are a little under the figures measured when the lexicon was
// generated (README), so a broken lexicon or stemmer fails the test.
func TestTatoebaCoverage(t *testing.T) {
	floors := map[string]float64{"de": 0.5, "fr": 0.35, "es": 0.42, "it": 0.4, "pl": 0.2, "ru": 0.15, "tr": 0.3}
	for code, lang := range tatoebaLangs {
		t.Run(lang, func(t *testing.T) {
			foreign, english := tatoeba(t, code)
			x := NewExtractor()
			shared, total := 0, 0
			for i := range foreign {
				f, err := x.Features(foreign[i], lang)
				if err != nil {
					t.Fatal(err)
				}
				e, _ := x.Features(english[i], "en")
				inF, _, _ := Compare(&f, &e)
				shared += int(inF*float64(f.Terms()) + 0.5)
				total += f.Terms()
			}
			cov := share(shared, total)
			t.Logf("%s: coverage %.3f (%d of %d content words)", lang, cov, shared, total)
			if cov < floors[lang] {
				t.Errorf("%s: coverage %.3f under %.2f", lang, cov, floors[lang])
			}
		})
	}
}

// TestTatoebaDetect measures language identification on the sentences
// of both sides (short, everyday sentences: harder than news
// paragraphs).
func TestTatoebaDetect(t *testing.T) {
	for code, lang := range tatoebaLangs {
		t.Run(lang, func(t *testing.T) {
			foreign, english := tatoeba(t, code)
			right, rightEn, unknown := 0, 0, 0
			for i := range foreign {
				switch Detect(foreign[i]) {
				case lang:
					right++
				case "":
					unknown++
				}
				if Detect(english[i]) == "en" {
					rightEn++
				}
			}
			acc, accEn := share(right, len(foreign)), share(rightEn, len(english))
			t.Logf("%s: %.3f right (%d unknown); their English sides: %.3f right", lang, acc, unknown, accEn)
			if acc < 0.6 || accEn < 0.75 {
				t.Errorf("%s: accuracy %.3f, English %.3f", lang, acc, accEn)
			}
		})
	}
}
