package video

import (
	"strings"
	"unicode"
)

// maxFilename bounds SafeFilename's result in bytes, ".mp4" included.
const maxFilename = 80

// SafeFilename turns an uploaded file's name into one safe to store and
// serve: lower-case letters and digits joined by single hyphens, ending in
// ".mp4", at most 80 bytes. Path separators, "..", control and invisible
// characters all become hyphens or vanish, so "../../etc/passwd" gives
// "etc-passwd.mp4" and "Prime Time 22-09.MP4" gives "prime-time-22-09.mp4".
// Common Latin accents are dropped ("café" → "cafe"); letters of other
// scripts, Sinhala and Tamil among them, are kept. A name with nothing usable
// in it gives "video.mp4".
func SafeFilename(name string) string {
	name = trimVideoExtension(name)
	var b strings.Builder
	hyphen := false
	var last rune   // the last letter written
	var joiner rune // a zero-width joiner seen after a letter, kept if a letter follows
	for _, r := range name {
		switch {
		case r >= 0x0300 && r <= 0x036f:
			// combining accents, as macOS writes "é" in file names: drop
		case r == '\'' || r == '’':
			// "Editor's cut" reads better as "editors-cut"
		case r == '\u200c' || r == '\u200d':
			// Sinhala needs the joiner inside words such as ශ්‍රී; anywhere
			// else it is an invisible trick and goes.
			if !hyphen && last >= 0x80 {
				joiner = r
			}
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'),
			r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			} else if joiner != 0 && r >= 0x80 {
				b.WriteRune(joiner)
			}
			hyphen, joiner, last = false, 0, r
			b.WriteString(foldLatin(unicode.ToLower(r)))
		default:
			hyphen, joiner = true, 0
		}
	}
	base := b.String()
	const room = maxFilename - len(".mp4")
	if len(base) > room {
		cut := room
		for cut > 0 && base[cut]&0xC0 == 0x80 {
			cut--
		}
		base = strings.TrimRight(base[:cut], "-\u200c\u200d")
	}
	if base == "" || reservedOnWindows(base) {
		// Downloads land on producers' Windows machines, where "con.mp4"
		// cannot be saved.
		base = strings.TrimPrefix(base+"-video", "-")
	}
	return base + ".mp4"
}

// trimVideoExtension drops a video file extension, so it is not slugged
// into the name ("clip.mov" is "clip.mp4", not "clip-mov.mp4"). Other dots
// are kept as part of the name: "Prime Time 22.09" is a date, not a type.
func trimVideoExtension(name string) string {
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 {
		return name
	}
	switch strings.ToLower(strings.TrimSpace(name[dot+1:])) {
	case "mp4", "m4v", "mov", "qt", "mkv", "webm", "avi", "wmv", "flv", "mpg", "mpeg", "ts", "3gp":
		return name[:dot]
	}
	return name
}

// reservedOnWindows reports device names Windows will not use as file names.
func reservedOnWindows(base string) bool {
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (base[:3] == "com" || base[:3] == "lpt") && base[3] >= '1' && base[3] <= '9'
}

// foldLatin writes the accented Latin letters of Western European names
// without their accents, so names slug the same whether typed with "é" or
// arriving decomposed. Other letters are returned as they are.
func foldLatin(r rune) string {
	if r < 0xc0 || r > 0x17f {
		return string(r)
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return "a"
	case 'æ':
		return "ae"
	case 'ç', 'ć', 'č':
		return "c"
	case 'ď', 'đ':
		return "d"
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return "e"
	case 'ğ':
		return "g"
	case 'ì', 'í', 'î', 'ï', 'ī', 'į', 'ı':
		return "i"
	case 'ł', 'ľ':
		return "l"
	case 'ñ', 'ń', 'ň':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return "o"
	case 'œ':
		return "oe"
	case 'ř':
		return "r"
	case 'ß':
		return "ss"
	case 'ś', 'š', 'ş':
		return "s"
	case 'ť', 'ţ':
		return "t"
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return "u"
	case 'ý', 'ÿ':
		return "y"
	case 'ź', 'ż', 'ž':
		return "z"
	case 'ð':
		return "d"
	case 'þ':
		return "th"
	}
	return string(r)
}
