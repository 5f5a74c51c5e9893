package pivot

// Stopwords: the function words of each language (articles, pronouns,
// prepositions, conjunctions, auxiliaries, the commonest adverbs),
// written for this package from grammars of each language, lower case.
// They serve twice: a paragraph's language is the one whose function
// words it uses most (see Detect), and they carry no content, so they are
// left out of the pivot bag. Short lists on purpose: a word that is a
// function word in one language and a content word in another ("die",
// "also", "man") is listed only where it is a function word, and the
// detector needs only the commonest few dozen to decide a paragraph.
var stopwordLists = map[string]string{
	"en": `a about after again against all also am an and any are as at be because been before being
between both but by can could did do does during each few for from further had has have having he her
here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
only or other our ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yet upon s t`,
	"de": `aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim
bin bis bist da damit dann das dass dein deine dem den denn der des dessen dich die dies diese diesem
diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer für
gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer im in indem ins ist jede jedem jeden jeder jedes jetzt kann kein keine können könnte man manche
mein mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
seiner sich sie sind so solche soll sollte sondern sonst über um und uns unser unter vom von vor war
waren warum was weil welche welchem welchen welcher wenn wer werde werden wie wieder will wir wird wo
wollen würde würden zu zum zur zwar zwischen bereits sowie laut`,
	"fr": `au aux avec ce ces cette celle celui dans de des du elle elles en et eux il ils je la le les
leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses
son sur ta te tes toi ton tu un une vos votre vous été être avoir ont est sont était étaient sera
seront fait plus aussi comme entre après avant sans sous selon depuis lors leur dont cet ni si tout
tous toutes très déjà encore`,
	"es": `al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante el
ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estado estas este esto estos
fue fueron ha han hasta hay la las le les lo los más me mi mis mucho muy nada ni no nos nosotros o otra
otras otro otros para pero poco por porque que quien se sea ser si sido sin sobre son su sus también
tanto te tiene tienen todo todos tu tus un una uno unos usted ya según tras había habían`,
	"it": `ad al alla alle allo ai agli anche che chi ci come con contro cui da dal dalla dalle dai dagli
degli dei del della delle dello di dove e ed era erano essere fra gli ha hanno ho il in io la le lei lo
loro lui ma mi mia mio ne negli nei nel nella nelle nello noi non nostro o per perché più può quale
quando quella quelle quello questa queste questo se sei si sia siamo sono sta stato su sua sue sugli
sui sul sulla sulle suo suoi tra tutti tutto un una uno vi voi è già dopo secondo anche stati stata`,
	"pt": `ao aos as até com como da das de dela dele deles depois do dos e ela elas ele eles em entre era
eram essa essas esse esses esta estas este estes está estão eu foi foram há isso isto já lhe lhes mais
mas me mesmo meu minha muito na nas nem no nos nossa nosso num numa não o os ou para pela pelas pelo
pelos por qual quando que quem se sem ser seu seus sob sobre sua suas também te tem têm um uma umas uns
você à às é segundo após ainda disse`,
	"nl": `aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een
eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja
je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons
ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen
wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou volgens`,
	"sv": `alla allt att av blev bli blir de dem den denna deras dess det detta dig din dina ditt du där
efter ej eller en er era ett från för ha hade han hans har hon honom hur här i icke ingen inom inte jag
ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på
samma sedan sig sin sina sitta själv skulle som så sådan till under upp ut utan vad var vara varit
vi vid vilka vilken vår våra är än ännu över enligt`,
	"da": `af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse
dog du efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis
hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned noget nogle nu når og
også om op os over på selv sig sin sine sit skal skulle som sådan thi til ud under var vi vil ville
vor være været ifølge`,
	"pl": `a aby ale bez będzie był była było były być ci co czy dla do gdy gdzie go i ich im jak jako jego
jej jest jeszcze już ja je jednak ku lub ma mają mi między mnie może na nad nam nas nie nich nim nią o
od oraz po pod przez przy się są ta tak takie także tam te tego tej ten to tu tylko tym w we więc z za
ze że żeby został została zostały według który która które których którzy już po`,
	"ru": `а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для
до его ее её если есть еще ещё же за здесь и из или им их к как ко когда который которые ли либо мне
может мы на над надо наш не него нее неё нет ни них но ну о об однако он она они оно от очень по под
при с со так также такой там те тем то того тоже только том ты у уже хотя чего чей чем что чтобы эта
эти это этот я заявил по`,
	"tr": `acaba ama ancak aslında az bazı belki ben benim beri bile bir biri birkaç birşey biz bu buna
bunda bundan bunu bunun da daha de defa diye en gibi hem hep hepsi her hiç için ile ise kadar ki kim
mi mu mü nasıl ne neden nerde nerede nereye niye o olan olarak oldu olduğu olmak olup on onlar onu onun
sadece sen siz şey şu tüm ve veya ya yani çok çünkü göre ayrıca sonra`,
	"hu": `a az és egy hogy nem is van volt de csak meg már mint ez azt ami aki el ki be fel le most még
vagy kell lehet lesz után alatt között szerint miatt mellett ezt azok ezek ennek annak amely amelyek
akik ahol amikor mert pedig sem ha mi te ő mi ti ők nekem neki nagyon sok minden`,
	"cs": `a aby ale ani ano asi až bez bude budou by byl byla byli bylo být co či další do ho i jak jako je
jeho jej její jejich jen jenž ještě již jsem jsme jsou k kde kdy když která které který kteří má mají
mezi mi mně mu my na nad ne než nebo o od po pod podle pro proti před při s se si také tak tam to tom
tu ty u už v ve však z za ze že`,
	"el": `και το η ο τα την της του των τον οι σε με για από που στο στη στην στον στα στις στους θα
να δεν είναι ήταν ένα μια ένας αυτό αυτή αυτός αλλά ή ως όπως μετά πριν κατά προς χωρίς επίσης έχει
έχουν σύμφωνα`,
}
