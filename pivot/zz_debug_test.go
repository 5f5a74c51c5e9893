package pivot

import (
	"fmt"
	"testing"
)

func TestZZMisses(t *testing.T) {
	for _, code := range []string{"fra", "deu", "pol"} {
		foreign, english := tatoeba(t, code)
		x := NewExtractor()
		lang := tatoebaLangs[code]
		for i := range foreign[:12] {
			_, _ = x.Features(foreign[i], lang)
			e, _ := x.Features(english[i], "en")
			var miss []string
			for w := range words(foreign[i]) {
				c := x.lookup(mustLoad(lang), lang, w)
				if len(c) > 0 && !anyIn(c, e.IDs) {
					miss = append(miss, w.text+"/"+Stem(lang, w.text))
				}
			}
			fmt.Printf("%s | %s | miss %v\n", foreign[i], english[i], miss)
		}
	}
}

func mustLoad(l string) lexicon { x, _ := load(l); return x }
