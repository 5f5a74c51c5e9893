package main

import "strings"

// The vocabulary. Each list is ordered roughly from common to rare, because
// words are drawn from it with a Zipf distribution over the list order. No
// entry may contain ". " (a period followed by a space): reprint edits find
// sentence ends by looking for it.

const nounsSingular = `
government year week month day company plan report city state country market
price policy budget law bill deal agreement decision program service system
project investigation court case election campaign vote council committee
board meeting statement proposal industry economy business bank rate tax fund
police community school hospital health study increase decline growth crisis
support demand production plant factory region area site district road bridge
airport port station network platform contract sale stake loan debt interest
inflation trade energy oil gas power electricity water weather storm flood fire
drought season climate rule regulation agency ministry department office center
organization union strike protest rally attack incident accident crash trial
hearing verdict sentence appeal ruling charge complaint lawsuit settlement
payment fee cost fine revenue profit loss quarter forecast estimate figure
record level vaccine virus outbreak disease treatment patient doctor nurse
teacher student family child woman man resident worker employee farmer driver
passenger customer consumer voter candidate leader president minister mayor
governor senator lawmaker judge lawyer prosecutor spokesman spokeswoman director
manager executive founder analyst economist researcher scientist expert officer
soldier army military border security safety threat risk danger warning concern
question issue problem challenge effort response reaction pressure impact
effect result outcome change reform measure step move action operation mission
conference summit visit trip tour event festival match game team player coach
club league title championship tournament victory defeat goal win point score
stadium film book show series story interview message letter phone computer
software technology internet information privacy app device car vehicle truck
train bus flight plane ship boat fleet shipment supply chain shortage surplus
merger acquisition offer bid portfolio asset property housing home apartment
building construction development neighborhood street town village county
province capital coast island river lake mountain valley forest farm field
crop harvest food restaurant shop store retailer brand product order delivery
warehouse job unemployment wage salary pension benefit insurance subsidy grant
aid donation charity volunteer group party coalition opposition majority
minority parliament congress senate assembly cabinet administration regime ally
partner neighbor rival war conflict ceasefire peace truce negotiation treaty
sanction embargo tariff quota deadline schedule timeline delay launch opening
closure shutdown collapse recovery rebound surge drop rise fall jump slump boom
downturn recession expansion audit inquiry probe review survey poll census
report card license permit exemption waiver loophole dispute standoff backlash
scandal controversy resignation appointment nomination confirmation hearing
referendum ballot turnout recount coalition manifesto platform agenda priority
strategy framework initiative pilot scheme blueprint roadmap target benchmark
threshold cap ceiling floor limit ban moratorium freeze pause halt suspension
extension renewal expansion upgrade overhaul renovation cleanup evacuation
rescue search shelter camp convoy checkpoint patrol raid arrest detention
custody bail release parole pardon sentence conviction acquittal indictment
testimony witness evidence document filing memo transcript recording footage
video photo image broadcast podcast newsletter column editorial headline
deadline shift overtime payroll layoff hiring recruitment training
apprenticeship scholarship tuition curriculum classroom campus semester exam
graduation enrollment clinic ward ambulance emergency surgery diagnosis
prescription pharmacy insurer premium claim coverage mortgage rent lease tenant
landlord developer contractor engineer architect planner inspector regulator
watchdog ombudsman auditor treasurer trustee shareholder creditor lender
borrower broker trader exchange index benchmark currency dollar euro bond
yield spread margin dividend earnings outlook guidance slowdown stimulus
package relief recovery transition pipeline refinery reactor grid turbine
panel battery charger mine quarry mill smelter foundry shipyard terminal
runway highway tunnel railway corridor lane junction crossing intersection
`

const nounsPlural = `
officials people residents workers companies prices markets investors analysts
experts lawmakers voters students teachers families children parents patients
doctors nurses farmers drivers passengers customers consumers employees members
leaders authorities soldiers troops forces protesters critics supporters
opponents fans players teams candidates ministers governments countries states
cities towns communities schools hospitals businesses banks firms shares stocks
bonds rates taxes costs fees wages salaries jobs sales profits revenues losses
gains exports imports goods products services homes houses buildings roads
bridges vehicles cars trucks flights ships talks negotiations elections results
figures numbers records reports documents messages plans proposals measures
rules regulations laws bills reforms changes efforts concerns questions issues
problems challenges risks threats warnings charges allegations claims lawsuits
cases trials hearings sanctions tariffs subsidies benefits pensions funds assets
loans debts donations supplies shortages crops harvests storms floods fires
conditions months years weeks decades
volunteers visitors tourists shoppers commuters tenants landlords developers
contractors engineers inspectors regulators shareholders lenders borrowers
traders retailers suppliers manufacturers exporters importers producers
growers fishermen miners pilots crews firefighters paramedics officers
detectives prosecutors judges jurors witnesses victims survivors refugees
migrants asylum-seekers pensioners retirees veterans athletes coaches
musicians artists writers journalists reporters editors researchers
scientists economists scholars activists campaigners organizers delegates
envoys diplomats negotiators mediators observers monitors sources insiders
executives directors managers founders partners rivals allies neighbors
`

const adjectives = `
new local national federal former public private political economic financial
international global regional foreign domestic major key senior recent last
next early late high low strong weak large small big long short final full
open free legal official independent annual monthly weekly daily quarterly
initial preliminary further additional significant serious severe critical
urgent important possible potential likely unlikely similar different several
certain previous current future past same main top leading chief general
special central northern southern eastern western rural urban coastal
industrial commercial medical social environmental digital online human
natural civil criminal joint temporary permanent emergency rapid sharp steady
slow gradual modest dramatic massive huge record historic controversial popular
widespread limited broad narrow fresh renewed growing rising falling declining
higher lower wider stronger weaker better worse nearby remote safe dangerous
deadly violent peaceful tense heated bitter tough difficult clear unclear
uncertain stable unstable cheap expensive affordable available necessary
unprecedented long-term short-term full-time part-time so-called well-known
surprise sudden unexpected expected planned proposed disputed contested
troubled struggling thriving booming ailing aging crowded empty busy quiet
vacant abandoned damaged flooded burned collapsed rebuilt renovated upgraded
outdated modern traditional conservative liberal progressive moderate radical
centrist populist nationalist reformist opposition ruling governing caretaker
interim acting outgoing incoming newly-elected veteran young elderly senior
junior skilled unskilled low-income high-income middle-class wealthy poor
homeless unemployed underfunded overdue outstanding pending unresolved
ongoing lengthy brief costly profitable loss-making state-owned family-owned
publicly-traded privately-held cross-border nationwide statewide citywide
countywide worldwide
`

// verbsTransitive holds base, past and third-person present forms.
const verbsTransitive = `
approve approved approves
announce announced announces
reject rejected rejects
launch launched launches
unveil unveiled unveils
propose proposed proposes
sign signed signs
support supported supports
oppose opposed opposes
criticize criticized criticizes
defend defended defends
raise raised raises
cut cut cuts
reduce reduced reduces
increase increased increases
extend extended extends
expand expanded expands
delay delayed delays
block blocked blocks
suspend suspended suspends
cancel canceled cancels
review reviewed reviews
investigate investigated investigates
examine examined examines
confirm confirmed confirms
deny denied denies
report reported reports
release released releases
publish published publishes
win won wins
lose lost loses
face faced faces
receive received receives
seek sought seeks
demand demanded demands
request requested requests
order ordered orders
ban banned bans
restrict restricted restricts
allow allowed allows
require required requires
build built builds
open opened opens
close closed closes
sell sold sells
buy bought buys
acquire acquired acquires
hire hired hires
appoint appointed appoints
name named names
elect elected elects
pass passed passes
adopt adopted adopts
introduce introduced introduces
end ended ends
begin began begins
start started starts
complete completed completes
reach reached reaches
hit hit hits
boost boosted boosts
lift lifted lifts
ease eased eases
tighten tightened tightens
impose imposed imposes
lower lowered lowers
fund funded funds
finance financed finances
pay paid pays
spend spent spends
invest invested invests
borrow borrowed borrows
owe owed owes
collect collected collects
attract attracted attracts
warn warned warns
urge urged urges
ask asked asks
meet met meets
visit visited visits
host hosted hosts
attend attended attends
join joined joins
leave left leaves
lead led leads
manage managed manages
run ran runs
control controlled controls
challenge challenged challenges
question questioned questions
accuse accused accuses
charge charged charges
arrest arrested arrests
sue sued sues
fine fined fines
convict convicted convicts
overturn overturned overturns
uphold upheld upholds
settle settled settles
resolve resolved resolves
address addressed addresses
discuss discussed discusses
consider considered considers
weigh weighed weighs
study studied studies
track tracked tracks
monitor monitored monitors
protect protected protects
improve improved improves
restore restored restores
repair repaired repairs
replace replaced replaces
remove removed removes
destroy destroyed destroys
damage damaged damages
threaten threatened threatens
affect affected affects
help helped helps
save saved saves
rescue rescued rescues
evacuate evacuated evacuates
deliver delivered delivers
provide provided provides
offer offered offers
share shared shares
produce produced produces
export exported exports
import imported imports
test tested tests
develop developed develops
design designed designs
create created creates
expect expected expects
predict predicted predicts
estimate estimated estimates
welcome welcomed welcomes
praise praised praises
condemn condemned condemns
mark marked marks
honor honored honors
follow followed follows
prompt prompted prompts
trigger triggered triggers
spark sparked sparks
fuel fueled fuels
highlight highlighted highlights
`

// verbsIntransitive holds base, past and third-person present forms of verbs
// that take no object.
const verbsIntransitive = `
rise rose rises
fall fell falls
climb climbed climbs
drop dropped drops
slip slipped slips
jump jumped jumps
surge surged surges
decline declined declines
grow grew grows
shrink shrank shrinks
recover recovered recovers
rebound rebounded rebounds
stall stalled stalls
collapse collapsed collapses
resign resigned resigns
retire retired retires
testify testified testifies
vote voted votes
protest protested protests
arrive arrived arrives
return returned returns
respond responded responds
agree agreed agrees
struggle struggled struggles
continue continued continues
react reacted reacts
happen happened happens
spread spread spreads
expand expanded expands
improve improved improves
`

const reportingVerbs = `
said said said said said said added noted argued warned stressed insisted
acknowledged explained wrote claimed suggested predicted confirmed estimated
cautioned emphasized conceded
`

const adverbs = `
also already still recently previously repeatedly quickly sharply slightly
largely mostly nearly roughly widely publicly formally officially initially
eventually ultimately reportedly apparently allegedly separately jointly
quietly briefly partly fully immediately gradually steadily significantly
`

// openers start sentences and are followed by a comma.
const openers = `
Meanwhile
However
Still
Earlier
Later
Separately
In addition
At the same time
Last week
Since then
By contrast
Even so
For now
In recent years
Elsewhere
In a statement
Despite the setback
After the announcement
On the other hand
As a result
In the meantime
Until then
Under the plan
`

const prepositions = `
in in in at for for with after before during over under amid despite against
across near following
`

const conjunctions = `
and
but
while
after
because
although
as
even as
`

const timePhrases = `
on Monday
on Tuesday
on Wednesday
on Thursday
on Friday
on Saturday
on Sunday
last week
last month
last year
earlier this year
this week
next month
next year
over the weekend
by the end of the year
in the coming weeks
on Friday night
late on Tuesday
early on Thursday
in January
in March
in June
in September
in November
`

const roles = `
spokesman
spokeswoman
spokesperson
minister
official
director
chief executive
chairman
chairwoman
president
vice president
secretary
commissioner
analyst
economist
professor
researcher
lawyer
attorney
prosecutor
judge
adviser
mayor
governor
senator
lawmaker
councilor
manager
founder
chief economist
police chief
fire chief
superintendent
principal
coach
historian
consultant
`

// titles precede a person's name.
const titles = `
President
Prime Minister
Governor
Mayor
Senator
Minister
Judge
Finance Minister
Health Minister
Foreign Minister
Police Chief
Councilwoman
Councilman
Representative
Commissioner
General
`

const firstNames = `
John Maria David Anna Michael Sarah James Elena Robert Laura William Sofia
Daniel Emma Thomas Olivia Carlos Fatima Ahmed Mei Wei Hiroshi Yuki Priya Raj
Ana Luis Jorge Isabel Pedro Lucia Marco Giulia Hans Greta Lars Ingrid Pierre
Claire Jean Sophie Ivan Olga Dmitri Natalia Kwame Amara Chinedu Ngozi Omar
Leila Yusuf Aisha Mohammed Nadia Samuel Grace Peter Rachel Paul Helen Mark
Susan Andrew Karen Steven Linda Kevin Patricia Brian Jennifer George Nancy
Edward Lisa Richard Barbara Joseph Margaret Charles Dorothy Christopher Sandra
Matthew Ashley Anthony Kimberly Joshua Donna Ryan Michelle Jacob Emily Nicholas
Amanda Eric Melissa Jonathan Deborah Stephen Stephanie Larry Rebecca Justin
Sharon Scott Cynthia Brandon Kathleen Benjamin Amy Gregory Angela Frank Shirley
Raymond Brenda Patrick Pamela Jack Nicole Dennis Katherine Jerry Samantha
Tyler Christine Aaron Catherine Jose Virginia Adam Debra Henry Rachel Nathan
Carolyn Douglas Janet Zachary Maria Kenji Sung-min Ji-woo Arjun Ananya Tomasz
Katarzyna Mateus Beatriz Diego Camila Andrés Valentina Mateo Renata Chiara
`

const lastNames = `
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez
Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee
Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young
Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker
Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez
Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes
Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell
Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales
Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham
Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis
Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman
Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez
Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black
Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza
Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn
Okafor Mensah Haddad Nakamura Tanaka Sato Kowalski Novak Schneider Dubois
Rossi Bianchi Jensen Larsen Petrov Ivanova Singh Sharma Gupta Khan Ali
Hussein Rahman Yilmaz Demir Kaya Costa Pereira Oliveira Santos Almeida
`

const places = `
Washington
London
Paris
Berlin
Brussels
Tokyo
Beijing
New Delhi
Moscow
Kyiv
Madrid
Rome
Ottawa
Canberra
Mexico City
Brasilia
Buenos Aires
Cairo
Nairobi
Lagos
Johannesburg
Istanbul
Tehran
Jerusalem
Dubai
Riyadh
Singapore
Seoul
Jakarta
Manila
Bangkok
Hanoi
Sydney
Melbourne
Toronto
Vancouver
Montreal
New York
Los Angeles
Chicago
Houston
Phoenix
Philadelphia
San Antonio
San Diego
Dallas
Austin
Denver
Seattle
Boston
Atlanta
Miami
Detroit
Minneapolis
Portland
Nashville
Baltimore
Milwaukee
Albuquerque
Tucson
Sacramento
Kansas City
Omaha
Raleigh
Cleveland
Pittsburgh
Cincinnati
St Louis
Orlando
Tampa
New Orleans
Salt Lake City
Honolulu
Anchorage
Manchester
Birmingham
Glasgow
Edinburgh
Dublin
Belfast
Cardiff
Liverpool
Leeds
Bristol
Amsterdam
Rotterdam
Vienna
Zurich
Geneva
Frankfurt
Munich
Hamburg
Warsaw
Prague
Budapest
Bucharest
Athens
Lisbon
Barcelona
Milan
Naples
Stockholm
Oslo
Copenhagen
Helsinki
Tallinn
Riga
Vilnius
Mumbai
Karachi
Dhaka
Lahore
Kabul
Baghdad
Damascus
Beirut
Amman
Doha
Abu Dhabi
Accra
Addis Ababa
Kampala
Kinshasa
Dakar
Casablanca
Tunis
Algiers
Lima
Bogota
Santiago
Caracas
Quito
Havana
Panama City
Guatemala City
Auckland
Wellington
Perth
Brisbane
Adelaide
Osaka
Shanghai
Hong Kong
Taipei
Kuala Lumpur
Colombo
Kathmandu
Springfield
Riverside
Fairview
Greenville
Madison
Franklin
Clinton
Georgetown
Salem
Arlington
Ashland
Milford
Oakland
Bridgeport
Lancaster
`

const organizations = `
the United Nations
the World Bank
the International Monetary Fund
the European Commission
the World Health Organization
the Supreme Court
the Federal Reserve
the central bank
the city council
the state legislature
the national weather service
the election commission
the Red Cross
the stock exchange
the port authority
the transit authority
the teachers union
the chamber of commerce
the school board
the planning commission
the public health department
the fire department
the police department
the energy regulator
the competition authority
the data protection agency
the environmental protection agency
the national statistics office
the Ministry of Health
the Ministry of Finance
the Ministry of Defense
the Ministry of Education
the Ministry of Transport
the Ministry of Agriculture
the Ministry of Energy
the Ministry of Justice
the Ministry of the Interior
the Ministry of Labor
the Ministry of Foreign Affairs
Northwind Energy
Atlas Logistics
Summit Holdings
Pioneer Airlines
Redwood Bank
Bluewater Shipping
Granite Steel
Silverline Telecom
Horizon Pharmaceuticals
Keystone Insurance
Crescent Foods
Evergreen Mining
Ironbridge Capital
Lakeshore Motors
Harborview Health
Sterling Partners
Vanguard Systems
Orion Media
Cobalt Power
Falcon Aerospace
Beacon Retail
Cedar Group
Frontier Rail
Apex Semiconductors
Juniper Networks Group
Halcyon Biotech
Tidewater Utilities
Westbrook Properties
Brightline Software
Copperfield Construction
`

// usToUK maps American spellings in the vocabulary to British ones; outlets
// with British style apply it to the copy they reprint.
var usToUK = map[string]string{
	"percent":      "per cent",
	"organization": "organisation",
	"center":       "centre",
	"defense":      "defence",
	"Defense":      "Defence",
	"labor":        "labour",
	"Labor":        "Labour",
	"program":      "programme",
	"neighborhood": "neighbourhood",
	"neighbor":     "neighbour",
	"neighbors":    "neighbours",
	"criticize":    "criticise",
	"criticized":   "criticised",
	"criticizes":   "criticises",
	"canceled":     "cancelled",
	"honor":        "honour",
	"honored":      "honoured",
	"fueled":       "fuelled",
	"emphasized":   "emphasised",
	"license":      "licence",
}

// synonyms are the substitutions an editor makes in reprinted copy.
var synonyms = map[string]string{
	"about":      "around",
	"roughly":    "about",
	"company":    "firm",
	"officials":  "authorities",
	"began":      "started",
	"said":       "stated",
	"told":       "informed",
	"bought":     "purchased",
	"helped":     "assisted",
	"also":       "additionally",
	"recently":   "lately",
	"quickly":    "rapidly",
	"big":        "large",
	"huge":       "massive",
	"people":     "residents",
	"children":   "kids",
	"cars":       "vehicles",
	"agreement":  "deal",
	"plan":       "proposal",
	"warned":     "cautioned",
	"unveiled":   "announced",
	"rose":       "climbed",
	"fell":       "dropped",
	"lawmakers":  "legislators",
	"attorney":   "lawyer",
	"nearly":     "almost",
	"spokesman":  "spokesperson",
	"neighbors":  "residents",
	"approved":   "passed",
	"expected":   "anticipated",
	"previously": "earlier",
}

func fields(s string) []string { return strings.Fields(s) }

// lines splits a list with one entry per line, for entries of several words.
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
