package shingle

import (
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// The UAX #29 word segmentation of text that is all ASCII, which most
// normalised news paragraphs are: the same tokens as the uax29 package
// gives (TestASCIITokensMatchUAX29), without its general tables. The
// package's iterator was a twelfth of a realnews scan's CPU.
//
// In ASCII, the rules of UAX #29 (Unicode 15) that apply are few: CR LF
// is one token, and every other line break a token of its own (WB3 to
// WB3b); a run of spaces is one token (WB3d; a tab is not WSegSpace);
// letters, digits and '_' join one another (WB5, WB8 to WB10, WB13a,
// WB13b); a letter, then ':', '.' or an apostrophe, then a letter is
// one token (WB6, WB7), and so is a digit, then ',', ';', '.' or an
// apostrophe, then a digit (WB11, WB12); any other character is a token
// of its own (WB999).

// eachToken calls fn with each UAX #29 token of text, in order. The
// text is cut into pieces, each a run of spaces and what follows it up
// to the next run: a token never spans two pieces, and the rules never
// look across a cut (a cut is made only where an ASCII character other
// than a space comes before the run), so each piece is segmented on its
// own: by eachASCIIToken when it is all ASCII, by the uax29 package
// else. In German, most words are ASCII, and the words around an umlaut
// are not sent to the package with it.
func eachToken(text string, fn func(string)) {
	begin, ascii := 0, true
	piece := func(end int) {
		if ascii {
			eachASCIIToken(text[begin:end], fn)
		} else {
			for t := words.FromString(text[begin:end]); t.Next(); {
				fn(t.Value())
			}
		}
		begin, ascii = end, true
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == ' ' && i > begin && text[i-1] != ' ' && text[i-1] < utf8.RuneSelf:
			piece(i)
		}
	}
	if begin < len(text) {
		piece(len(text))
	}
}

// asciiClass is an ASCII character's word-break property, as far as the
// rules above tell them apart.
type asciiClass uint8

const (
	otherClass  asciiClass = iota
	letterClass            // ALetter
	digitClass             // Numeric
	joinClass              // ExtendNumLet: '_'
	midLetter              // MidLetter: ':'
	midNum                 // MidNum: ',' ';'
	midBoth                // MidNumLet and Single_Quote: '.' '\''
	spaceClass             // WSegSpace: ' '
	breakClass             // CR, LF, Newline: '\r' '\n' '\v' '\f'
)

var asciiClasses = func() (t [utf8.RuneSelf]asciiClass) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = letterClass, letterClass
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = digitClass
	}
	t['_'] = joinClass
	t[':'] = midLetter
	t[','], t[';'] = midNum, midNum
	t['.'], t['\''] = midBoth, midBoth
	t[' '] = spaceClass
	t['\r'], t['\n'], t['\v'], t['\f'] = breakClass, breakClass, breakClass, breakClass
	return t
}()

// eachASCIIToken calls fn with each UAX #29 token of text, which must be
// all ASCII, in order.
func eachASCIIToken(text string, fn func(string)) {
	for i := 0; i < len(text); {
		j := i + 1
		switch c := asciiClasses[text[i]]; c {
		case breakClass:
			if text[i] == '\r' && j < len(text) && text[j] == '\n' {
				j++
			}
		case spaceClass:
			for j < len(text) && text[j] == ' ' {
				j++
			}
		case letterClass, digitClass, joinClass:
			for j < len(text) {
				n := asciiClasses[text[j]]
				if n == letterClass || n == digitClass || n == joinClass {
					c = n
					j++
					continue
				}
				if j+1 >= len(text) {
					break
				}
				// A middle character joins two letters or two digits.
				after := asciiClasses[text[j+1]]
				if c == letterClass && after == letterClass && (n == midLetter || n == midBoth) ||
					c == digitClass && after == digitClass && (n == midNum || n == midBoth) {
					c = after
					j += 2
					continue
				}
				break
			}
		}
		fn(text[i:j])
		i = j
	}
}
