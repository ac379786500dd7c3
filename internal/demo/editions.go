package demo

// SectionNames gives each section's name and description in the Sinhala
// ("si") and Tamil ("ta") editions, keyed by language and then section slug;
// the English ones are in Sections.
var SectionNames = map[string]map[string][2]string{
	"si": {
		"local":    {"දේශීය", "ශ්\u200dරී ලංකාවේ පළාත් නවයෙන්ම පුවත්: කාලගුණය, ප්\u200dරවාහනය, පාසල්, සෞඛ්\u200dයය සහ එදිනෙදා ජීවිතය."},
		"world":    {"ලෝකය", "දකුණු ආසියාව සහ ඉන්දියන් සාගර කලාපය කෙරෙහි විශේෂ අවධානය යොමු කළ ජාත්\u200dයන්තර පුවත්."},
		"business": {"ව්\u200dයාපාර", "වෙළඳපොළ, වෙළඳාම, රුපියල සහ ශ්\u200dරී ලංකා ආර්ථිකය හැඩගස්වන කර්මාන්ත."},
		"sport":    {"ක්\u200dරීඩා", "පාසල් ක්\u200dරීඩා පිටියේ සිට ටෙස්ට් තරග දක්වා ක්\u200dරිකට්, රග්බි, මලල ක්\u200dරීඩා සහ තවත් බොහෝ දේ."},
	},
	"ta": {
		"local":    {"உள்நாடு", "இலங்கையின் ஒன்பது மாகாணங்களிலிருந்தும் செய்திகள்: வானிலை, போக்குவரத்து, பாடசாலைகள், சுகாதாரம் மற்றும் அன்றாட வாழ்க்கை."},
		"world":    {"உலகம்", "தெற்காசியா மற்றும் இந்து சமுத்திரப் பிராந்தியம் மீது விசேட கவனத்துடன் சர்வதேசச் செய்திகள்."},
		"business": {"வணிகம்", "சந்தைகள், வர்த்தகம், ரூபா மற்றும் இலங்கையின் பொருளாதாரத்தை வடிவமைக்கும் தொழில்துறைகள்."},
		"sport":    {"விளையாட்டு", "பாடசாலை மைதானங்கள் முதல் டெஸ்ட் போட்டிகள் வரை கிரிக்கெட், ரக்பி, தடகளம் மற்றும் பல."},
	},
}

// The Sinhala and Tamil editions' credit line for the generated pictures,
// the same words as illustrationCredit; the paper's name stays in Latin
// letters as it does on the masthead.
const (
	illustrationCreditSi = "නිදර්ශනය: Dateline චිත්\u200dර අංශය"
	illustrationCreditTa = "விளக்கப்படம்: Dateline வரைகலைப் பிரிவு"
)
