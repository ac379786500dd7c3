package moderation

// Tamil lists. Tamil words take many endings (திருடன், திருடர்கள், திருடினார்),
// so most entries are stems ending in *. Readers sometimes write Tamil in
// Latin letters; those spellings live here as well. A native speaker should
// review and extend these lists. Note the traps already avoided: சுன்னி is
// also how Tamil writes "Sunni", and கூதிர் is a season, so neither is a stem.

// obsceneTamil holds common Tamil vulgar words.
const obsceneTamil = `
புண்டை*
தேவடியா*
தேவிடியா*
தேவுடியா*
ஓத்தா
ஓத்த
ங்கோத்தா
உங்கோத்தா
ஓம்மால*
ஓம்மாள*
கூதி
கூதிய
சூத்து
ஊம்பு*
# Latin letters
thevidiya*
thevdiya*
thevudiya*
pundai*
koothi
ommala*
oombu*
`

// accusationsTamil accuse the person named in the same sentence of a
// crime: thief, bribe, corrupt, murderer, killer, fraud, smuggler, robber.
const accusationsTamil = `
திருட*
கள்வன்*
லஞ்ச*
ஊழல்வாதி*
கொலைகார*
கொலையாளி*
மோசடி*
கடத்தல்கார*
கொள்ளையடி*
கொள்ளைக்கார*
`

// rolesTamil name an office, and so a person, on their own: minister,
// president, prime minister, mayor, governor, chairman, reporter.
const rolesTamil = `
அமைச்சர்*
ஜனாதிபதி
ஜனாதிபதிய*
பிரதமர்*
மேயர்*
ஆளுநர்*
தவிசாளர்*
நிருபர்*
`

// titlesTamil come before a name: Mr, Mrs, Miss, Dr, Hon.
const titlesTamil = `
திரு
திருமதி
செல்வி
கலாநிதி
டாக்டர்
கௌரவ
`

// pronounsTamil: he or she (respectful), he, she, this person.
const pronounsTamil = `
அவர்
அவன்
அவள்
இவர்
இவன்
`

// notAccusationsTamil follow an accusation word when it names an
// institution or a proceeding: commission, eradication (anti-), case,
// investigation, court.
const notAccusationsTamil = `
ஆணைக்குழு*
ஒழிப்பு*
வழக்கு*
விசாரணை*
நீதிமன்ற*
`
