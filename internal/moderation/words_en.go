package moderation

// The word lists are constants, one entry per line, so that an editor can
// extend them without touching the code. A line starting with # is a note.
// Entries are matched after the comment is normalised (lower case, accents,
// look-alike letters and leetspeak undone), so write them plainly in lower
// case. An entry ending in * also matches every word that starts with it;
// use that only when no innocent word does ("fuck*" is safe, "shit*" would
// catch "shiitake", "wank*" would catch the Wankhede stadium).

// obsceneEnglish is the English profanity and slur list. Words are matched
// whole, so "Scunthorpe", "cocktail", "Dickens" and "assassination" are safe.
// Mild words ("damn", "hell", "crap", "bloody") are left out on purpose, as
// are words with a common innocent meaning: "cum" (office-cum-residence),
// "tit", "hoe", "prick", "chink" (a chink in the armour), "spic" (spic and
// span), "coon", "dyke". Words matched whole cannot tell "Dick Cheney" from
// an insult; "dick" stays because the insult is the commoner use.
const obsceneEnglish = `
# sexual and scatological
fuck*
fuk
fuks
fukker
fukkers
fuking
fukin
fuq
fck
fcking
phuck*
motherfuck*
muthafuck*
clusterfuck*
shit
shits
shite
shitty
shittier
shittiest
shitting
shitted
shitter
shithead*
shithole*
shitstorm*
shitshow*
shitpost*
bullshit*
horseshit*
dipshit*
batshit
ass
asses
asshole*
arse
arses
arsehole*
asshat*
asswipe*
dumbass*
jackass*
smartass*
fatass*
cunt*
twat
twats
wank
wanks
wanked
wanker
wankers
wanking
bollocks
bellend*
knobhead*
dickhead*
dick
dicks
cock
cocks
cocksucker*
pussy
pussies
bitch*
biatch*
sonofabitch*
bastard
bastards
whore*
slut
sluts
slutty
skank*
dildo*
blowjob*
handjob*
jizz*
stfu
gtfo
# slurs
nigger*
nigga
niggas
niggaz
faggot*
fag
fags
retard
retards
retarded
tranny
trannies
gook
gooks
kike
kikes
wetback*
paki
pakis
raghead*
towelhead*
`

// accusationsEnglish are words that accuse someone of a crime. The tag
// "verb" marks words that accuse only the person doing it: the person must
// come just before ("Perera stole"), and a passive ("was killed") makes the
// person a victim, not a suspect. Other entries accuse anyone named in the
// same sentence ("Perera is a thief", "the thief Perera").
const accusationsEnglish = `
thief
thieves
stole | verb
steals | verb
steal | verb
stealing | verb
bribe
bribes
bribed | verb
bribing | verb
bribery
corrupt
murder
murderer
murderers
murdered | verb
killer
killers
killed | verb
rapist
rapists
raped | verb
embezzled | verb
embezzling | verb
embezzler
embezzlers
embezzlement
fraud
frauds
fraudster
fraudsters
drug dealer
drug dealers
drug lord
drug baron
paid agent
smuggler
smugglers
money launderer
laundered | verb
crook
crooks
criminal
criminals
looted | verb
looting | verb
looter
looters
plundered | verb
robbed | verb
robber
robbers
swindled | verb
swindler
swindlers
conman
con man
con artist
scammer
scammers
extorted | verb
extortionist
paedophile
pedophile
kickback
kickbacks
`

// notAccusationsEnglish follow an accusation word when it names an
// institution, a proceeding or a victim rather than accusing anyone:
// "fraud case", "Bribery Commission", "murder investigation".
const notAccusationsEnglish = `
case
cases
charge
charges
investigation
investigations
inquiry
probe
trial
trials
commission
court
courts
law
laws
act
allegation
allegations
complaint
complaints
squad
division
unit
department
bureau
hearing
hearings
record
records
justice
proceedings
prevention
suspect
suspects
victim
victims
lawyer
lawyers
investigator
investigators
detective
detectives
`

// titlesEnglish come before a name: "Mr Perera", "Minister Silva",
// "Dr.Fernando".
const titlesEnglish = `
mr
mrs
ms
miss
dr
prof
professor
hon
honourable
sir
madam
minister
president
mp
pm
senator
governor
mayor
justice
judge
gen
general
maj
major
col
colonel
capt
captain
lt
sgt
igp
dig
ssp
asp
rev
ven
father
bishop
cardinal
chairman
speaker
ambassador
commissioner
inspector
superintendent
councillor
`

// rolesEnglish identify a person after "the", "this", "that", "our" or
// "your", with up to two words between: "the editor", "this reporter",
// "the former health minister".
const rolesEnglish = `
editor
minister
mayor
chairman
chairperson
chairwoman
ceo
reporter
journalist
writer
columnist
author
governor
chief
president
premier
mp
judge
magistrate
igp
secretary
director
principal
commissioner
speaker
owner
boss
inspector
officer
priest
monk
ambassador
councillor
manager
treasurer
auditor
lawyer
`

// pronounsEnglish stand for a person only when the article names one.
const pronounsEnglish = `
he
she
`

// notNamesEnglish are capitalised words that are not people's names: they
// appear at the start of sentences, or in the names of places,
// institutions and parties, so "Central Bank" or "Sri Lanka" next to
// "thieves" is not an accusation against a person.
const notNamesEnglish = `
the a an this that these those our my your his her their its we i you he she they it
in on at if when but and or why what who how all every some many no not so yes
dear must should will would can could may might shall is are was were be been am
has have had do does did then there here also just only even very much more most
please thanks thank well oh hey hi ok okay shame sad good bad great real true
let let's now today yesterday tomorrow where which while because after before
sri lanka lankan lanka's colombo kandy jaffna galle batticaloa trincomalee kurunegala
anuradhapura matara negombo hambantota government parliament cabinet ministry
department police army navy air force bank central court supreme high appeal
commission council municipal provincial province district party front alliance
peramuna balawegaya sandanaya pakshaya national united people's peoples freedom
democratic socialist republic state corporation authority board company ltd plc
university college school hospital road street mawatha lane avenue city port airport
harbour temple church kovil mosque cricket club association union trust fund group
holdings media news times daily mirror island observer sunday monday tuesday
wednesday thursday friday saturday january february march april may june july
august september october november december act bill budget committee secretariat
office bureau agency customs development prevention terrorism cid fcid imf un eu
india china indian chinese america american british europe world international asia
asian south north east west eastern western northern southern easter christmas
vesak poson sinhala tamil muslim buddhist hindu christian catholic english facebook
twitter youtube google whatsapp covid treasury rupee dollar god lord buddha jesus
allah
`

// abbreviationsEnglish end with a full stop that does not end the sentence.
const abbreviationsEnglish = `
mr mrs ms dr prof hon rev ven st no nos rs sgt gen lt col capt maj jr sr vs fig
dept govt approx mt ltd co inc
`
