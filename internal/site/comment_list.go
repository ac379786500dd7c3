package site

import (
	"html/template"
	"strconv"
	"strings"
)

// The approved-comment list is written here in Go rather than by the
// template. A busy story lists hundreds of comments, and html/template
// spends most of an uncached article render on them: a reflective field
// lookup and an escaper call per value, for every comment (BenchmarkPages
// measured the list at about two thirds of the page). The markup is small
// and fixed, every reader-written value passes through escapeText, and
// TestCommentListEscapes and the browser XSS corpus hold it to that.

// commentListHTML is the <ol> of threads with their replies and each
// comment's reply and flag links.
func commentListHTML(sec *CommentSection) template.HTML {
	var b strings.Builder
	b.Grow(len(sec.Threads) * 640)
	reply := escapeText(sec.Labels.Reply)
	flag := `" title="` + escapeText(sec.Labels.FlagTitle) + `" aria-label="` + escapeText(sec.Labels.FlagTitle) +
		`" rel="nofollow">⚑ ` + escapeText(sec.Labels.Flag) + `</a></p>`
	open := sec.Mode != "closed"
	b.WriteString(`<ol class="comment-list">`)
	for i := range sec.Threads {
		th := &sec.Threads[i]
		writeComment(&b, &th.CommentItem)
		b.WriteString(`<p class="comment-actions">`)
		if open {
			b.WriteString(`<a class="reply" href="?reply=`)
			b.WriteString(strconv.FormatInt(th.ID, 10))
			b.WriteString(`#comment-form">`)
			b.WriteString(reply)
			b.WriteString(`</a> `)
		}
		writeFlag(&b, th.ID, flag)
		if len(th.Replies) > 0 {
			b.WriteString("\n<ol class=\"replies\">")
			for j := range th.Replies {
				writeComment(&b, &th.Replies[j])
				b.WriteString(`<p class="comment-actions">`)
				writeFlag(&b, th.Replies[j].ID, flag)
				b.WriteString("</li>")
			}
			b.WriteString("</ol>")
		}
		b.WriteString("</li>")
	}
	b.WriteString("\n</ol>")
	return template.HTML(b.String())
}

// writeComment opens the comment's <li> and writes its name, time and body.
func writeComment(b *strings.Builder, c *CommentItem) {
	id := strconv.FormatInt(c.ID, 10)
	b.WriteString("\n<li class=\"comment\" id=\"comment-")
	b.WriteString(id)
	b.WriteString(`"><p class="comment-meta"><strong class="comment-name">`)
	b.WriteString(escapeText(c.Name))
	b.WriteString(`</strong> <time datetime="`)
	b.WriteString(escapeText(c.ISO))
	b.WriteString(`">`)
	b.WriteString(escapeText(c.When))
	b.WriteString(`</time></p><p class="comment-body">`)
	b.WriteString(escapeText(c.Body))
	b.WriteString(`</p>`)
}

func writeFlag(b *strings.Builder, id int64, rest string) {
	b.WriteString(`<a class="flag" href="/comments/`)
	b.WriteString(strconv.FormatInt(id, 10))
	b.WriteString(`/flag`)
	b.WriteString(rest)
}

// escapeText makes s safe as element text and as a double- or single-quoted
// attribute value: the five characters with meaning in HTML become
// references, and NUL, which browsers treat inconsistently, becomes U+FFFD
// as html/template does.
var textEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "\x00", "\uFFFD")

func escapeText(s string) string {
	if strings.ContainsAny(s, "&<>\"'\x00") {
		return textEscaper.Replace(s)
	}
	return s
}
