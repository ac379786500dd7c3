package moderation

// Sinhala lists. Sinhala words take many endings (හොරා, හොරු, හොරෙක්), so most
// entries are stems ending in *. Write entries in Sinhala script without the
// zero-width joiner (මන්ත්රී, not මන්ත්‍රී): the joiner only changes how a
// conjunct is drawn, and the checker drops it from comments too. Readers
// often write Sinhala in Latin letters ("Singlish"); those spellings live
// here as well. A native speaker should review and extend these lists.

// obsceneSinhala holds common Sinhala vulgar words and slurs.
const obsceneSinhala = `
හුත්ත*
පක
පකය*
වේසි*
පොන්නය*
හුකන*
හුකප*
හුකාප*
හුකාගෙන*
කැරිය*
පුක
පුකේ
පුකට
හම්බයා
හම්බයෝ
කල්ලතෝනි*
# Singlish
huththa*
hutta*
hutto
huththo
pakaya*
pako
ponnaya*
wesi
wesige*
hukapan
hukanna
hambaya
`

// accusationsSinhala accuse the person named in the same sentence of a
// crime: thief, bribe, corrupt, murderer, killer, fraud, drug dealer,
// racketeer, extortion.
const accusationsSinhala = `
හොරා
හොරු
හොරුන්*
හොරෙක්
හොරකම*
අල්ලස*
දූෂිත*
මිනීමරු*
ඝාතක*
වංචා*
වංචනික*
කුඩුකාර*
ජාවාරම්කාර*
කප්පම*
# Singlish
hora
horu
horek
allas*
`

// rolesSinhala name an office, and so a person, on their own: the minister,
// the president, the prime minister, the MP, the editor, the mayor, the
// chairman, the governor, the police chief.
const rolesSinhala = `
ඇමති
ඇමතිවරය*
ඇමතිතුමා*
අමාත්යවරය*
අමාත්යතුමා*
ජනාධිපති
ජනාධිපතිවරය*
ජනාධිපතිතුමා*
අගමැති
අගමැතිවරය*
අගමැතිතුමා*
මන්ත්රී
මන්ත්රීවරය*
මන්ත්රීතුමා*
කතුවරය*
නගරාධිපති
නගරාධිපතිවරය*
සභාපති
සභාපතිවරය*
ආණ්ඩුකාර
ආණ්ඩුකාරවරය*
පොලිස්පති*
`

// honorificsSinhala follow a name: "නිමල් පෙරේරා මහතා" (Mr Nimal Perera).
const honorificsSinhala = `
මහතා*
මහත්මිය*
මහත්මයා*
මහත්තයා*
මැතිනිය*
`

// titlesSinhala come before a name: Hon., Dr, Professor and the offices.
const titlesSinhala = `
ගරු
ආචාර්ය
මහාචාර්ය
ජනාධිපති
අගමැති
ඇමති
අමාත්ය
මන්ත්රී
`

// pronounsSinhala: he, she, and the colloquial "that one".
const pronounsSinhala = `
ඔහු
ඇය
එයා
`

// notAccusationsSinhala follow an accusation word when it names an
// institution or a proceeding rather than accusing someone: commission,
// case, investigation, court, against (anti-).
const notAccusationsSinhala = `
කොමිෂන්*
කොමිසම*
නඩු*
විමර්ශන*
පරීක්ෂණ*
අධිකරණ*
විරෝධී*
`
