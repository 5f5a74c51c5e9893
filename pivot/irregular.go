package pivot

import "strings"

// English irregular verb forms and plurals, mapped to the base form that
// dictionaries give as a translation: a German "sagte" is translated
// "say", and the English copy writes "said", which the Snowball stemmer
// keeps as "said". Written for this package from English grammar: the
// irregular verbs and plurals common in news.
var irregular = func() map[string]string {
	m := map[string]string{}
	for _, row := range strings.Split(`say said|tell told|take took taken|make made|go went gone|come came|give gave given|hold held|leave left|meet met|send sent|spend spent|build built|bring brought|think thought|find found|begin began begun|fall fell fallen|rise rose risen|win won|lose lost|pay paid|sell sold|buy bought|keep kept|lead led|break broke broken|choose chose chosen|speak spoke spoken|write wrote written|know knew known|show shown|grow grew grown|drive drove driven|run ran|see saw seen|stand stood|understand understood|feel felt|hear heard|mean meant|strike struck|fight fought|catch caught|teach taught|seek sought|shoot shot|become became|hide hid hidden|hang hung|lay laid|lend lent|fly flew flown|forget forgot forgotten|freeze froze frozen|get got gotten|have has had|be is are was were been|do does did done|eat ate eaten|draw drew drawn|throw threw thrown|wear wore worn|sleep slept|sit sat|sing sang sung|swim swam swum|ride rode ridden|steal stole stolen|bear bore borne|beat beaten|bite bit bitten|blow blew blown|deal dealt|dig dug|feed fed|flee fled|forbid forbade forbidden|forgive forgave forgiven|light lit|overcome overcame|shake shook shaken|shine shone|sink sank sunk|slide slid|spread|stick stuck|sting stung|swear swore sworn|sweep swept|swing swung|tear tore torn|undertake undertook undertaken|wake woke woken|withdraw withdrew withdrawn|arise arose arisen|awake awoke|bend bent|bind bound|bleed bled|breed bred|burn burnt|dream dreamt|dwell dwelt|grind ground|kneel knelt|leap leapt|mislead misled|outgrow outgrew|overtake overtook overtaken|overthrow overthrew overthrown|rebuild rebuilt|repay repaid|rewrite rewrote rewritten|uphold upheld|withhold withheld|man men|woman women|child children|person people|foot feet|tooth teeth|mouse mice|crisis crises|analysis analyses|thesis theses|criterion criteria|phenomenon phenomena`, "|") {
		f := strings.Fields(row)
		for _, w := range f[1:] {
			m[w] = f[0]
		}
	}
	return m
}()
