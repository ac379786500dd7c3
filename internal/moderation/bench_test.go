package moderation

import (
	"testing"
	"time"
)

// benchArticle is the kind of article text comments are checked against.
const benchArticle = `Cabinet approves new fuel pricing formula
Colombo, May 3 — Minister Keheliya Rambukwella told Parliament on Tuesday that the Cabinet had approved a monthly fuel pricing formula. Opposition MP Harsha de Silva said the formula would be reviewed by the Committee on Public Finance before it takes effect.`

// benchDirty is a realistic 500-character comment with one link and one
// masked swear word.
const benchDirty = `I have been following this fuel pricing story for months and honestly the whole thing is a f*cking mess. ` +
	`The formula was promised in January, then in March, and now we are told it will be reviewed again by a committee. ` +
	`Anyone who wants to see how other countries do it can read the comparison at www.energyprices-asia.com/report which ` +
	`explains the Singapore model clearly. Why can't our officials learn from that? Three wheeler drivers like my brother ` +
	`cannot plan a single week.`

// benchClean is a realistic 500-character comment with nothing wrong.
const benchClean = `I have been following this fuel pricing story for months and honestly the whole thing has been handled badly. ` +
	`The formula was promised in January, then in March, and now we are told it will be reviewed again by a committee. ` +
	`Other countries publish their pricing formula and stick to it, and the Singapore model in particular is explained ` +
	`clearly in the Central Bank's own annual report. Why can't our officials learn from that? Three wheeler drivers like ` +
	`my brother cannot plan a single week.`

func benchmarkCheck(b *testing.B, body string, wantFindings int) {
	c := New("dateline.lk", nil)
	in := Input{Body: body, Name: "Kamal from Kandy", Lang: "en", ArticleText: benchArticle, Elapsed: 95 * time.Second}
	p := DefaultPolicy()
	if _, fs := c.Check(in, p); len(fs) != wantFindings {
		b.Fatalf("findings = %v, want %d", fs, wantFindings)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Check(in, p)
	}
}

func BenchmarkCheck(b *testing.B) { benchmarkCheck(b, benchDirty, 2) }

func BenchmarkCheckClean(b *testing.B) { benchmarkCheck(b, benchClean, 0) }
