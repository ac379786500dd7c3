package search

import (
	"strings"

	"golang.org/x/net/html"
)

// PlainText returns the readable text of an HTML fragment (an article's
// rendered body): tags dropped, entities decoded, script and style content
// left out, and a space where a block ends, so that "<p>one</p><p>two</p>"
// reads "one two" while "<b>Col</b>ombo" stays one word. The index and the
// snippets both use it, so a snippet shows the words that were matched.
func PlainText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0 // depth inside <script> or <style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(foldSpace(b.String()))
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip++
			}
			if isBlock(name) {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip = max(0, skip-1)
			}
			if isBlock(name) {
				b.WriteByte(' ')
			}
		}
	}
}

// isBlock reports whether a tag ends a run of text: words on either side of
// it are separate words.
func isBlock(tag []byte) bool {
	switch string(tag) {
	case "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
		"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img",
		"li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul":
		return true
	}
	return false
}
