package video

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSafeFilename(t *testing.T) {
	cases := []struct{ in, want string }{
		{"../../etc/passwd", "etc-passwd.mp4"},
		{"Prime Time 22-09.MP4", "prime-time-22-09.mp4"},
		{"Prime Time 22.09", "prime-time-22-09.mp4"},
		{"clip.mov", "clip.mp4"},
		{"clip.webm", "clip.mp4"},
		{"final.mp4.exe", "final-mp4-exe.mp4"},
		{`C:\Users\Producer\Desktop\Budget speech.mp4`, "c-users-producer-desktop-budget-speech.mp4"},
		{"/var/www/../../root/.ssh/authorized_keys", "var-www-root-ssh-authorized-keys.mp4"},
		{"..", "video.mp4"},
		{"..mp4", "video.mp4"},
		{".mp4", "video.mp4"},
		{"", "video.mp4"},
		{"   ", "video.mp4"},
		{"!!!.mp4", "video.mp4"},
		{"evil\x00.php\x00.mp4", "evil-php.mp4"},
		{"line\nbreak\r.mp4", "line-break.mp4"},
		{"tab\there.mp4", "tab-here.mp4"},
		{"<script>alert(1)</script>.mp4", "script-alert-1-script.mp4"},
		{"name\u202egnp.mp4", "name-gnp.mp4"},
		{"zero\u200bwidth.mp4", "zero-width.mp4"},
		{"Café owners' meeting.mp4", "cafe-owners-meeting.mp4"},
		{"Cafe\u0301 decomposed.mp4", "cafe-decomposed.mp4"},
		{"Straße.mp4", "strasse.mp4"},
		{"පුවත් 22.mp4", "පුවත්-22.mp4"},
		{"ශ්\u200dරී ලංකා.mp4", "ශ්\u200dරී-ලංකා.mp4"},
		{"a\u200db.mp4", "ab.mp4"},
		{"செய்திகள்.MP4", "செய்திகள்.mp4"},
		{"ＦＵＬＬ.mp4", "ｆｕｌｌ.mp4"},
		{"con.mp4", "con-video.mp4"},
		{"LPT1.mov", "lpt1-video.mp4"},
		{"com10.mp4", "com10.mp4"},
		{strings.Repeat("a", 200) + ".mp4", strings.Repeat("a", 76) + ".mp4"},
		{strings.Repeat("ab ", 60), strings.Repeat("ab-", 25) + "a.mp4"},
	}
	for _, tc := range cases {
		got := SafeFilename(tc.in)
		if got != tc.want {
			t.Errorf("SafeFilename(%q) = %q, want %q", tc.in, got, tc.want)
		}
		checkFilename(t, tc.in, got)
	}
}

func TestSafeFilenameLongScriptCutsOnRuneBoundary(t *testing.T) {
	got := SafeFilename(strings.Repeat("කොළඹ", 40))
	checkFilename(t, "long Sinhala", got)
	if !strings.HasPrefix(strings.Repeat("කොළඹ", 40), strings.TrimSuffix(got, ".mp4")) {
		t.Errorf("cut %q is not a prefix", got)
	}
}

// checkFilename fails unless name keeps every promise SafeFilename makes.
func checkFilename(t *testing.T, in, name string) {
	t.Helper()
	base, ok := strings.CutSuffix(name, ".mp4")
	switch {
	case !ok || base == "":
		t.Errorf("SafeFilename(%q) = %q: no name before .mp4", in, name)
	case len(name) > 80:
		t.Errorf("SafeFilename(%q) = %q: %d bytes", in, name, len(name))
	case !utf8.ValidString(name):
		t.Errorf("SafeFilename(%q) = %q: not UTF-8", in, name)
	case strings.ContainsAny(name, `/\`) || strings.Contains(name, ".."):
		t.Errorf("SafeFilename(%q) = %q: path characters", in, name)
	case strings.HasPrefix(base, "-") || strings.HasSuffix(base, "-") || strings.Contains(base, "--"):
		t.Errorf("SafeFilename(%q) = %q: stray hyphens", in, name)
	case strings.ContainsFunc(base, func(r rune) bool {
		return r == '.' || unicode.IsControl(r) || unicode.IsSpace(r) || unicode.ToLower(r) != r ||
			unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d'
	}):
		t.Errorf("SafeFilename(%q) = %q: unsafe characters", in, name)
	}
}
