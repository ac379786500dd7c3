// Package markup turns article Markdown into HTML that is safe to show: it is
// the only source of template.HTML in Dateline. Raw HTML in the Markdown is
// passed through the sanitiser, never trusted.
package markup

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// Renderer renders Markdown and sanitises the result. It is safe for
// concurrent use.
type Renderer struct {
	md       goldmark.Markdown
	policy   *bluemonday.Policy
	siteHost string // images from elsewhere are dropped (see Clean)
}

// New returns a Renderer with the article policy: the elements of ordinary
// journalism (paragraphs, headings, lists, quotes, tables, links, images),
// with links forced to rel="nofollow noopener" and no scripts, styles, frames
// or event handlers, no id or name attributes, and no images but the site's
// own. siteURL is the site's base URL; without it (tests, tools that only
// render), only relative image sources are kept.
func New(siteURL ...string) *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Typographer),
		// Raw HTML is let through goldmark only so that the sanitiser, not the
		// Markdown parser, decides what survives; escaping it instead would show
		// reporters' harmless <em> as literal text.
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(false)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.AllowURLSchemes("http", "https", "mailto")
	r := &Renderer{md: md, policy: p}
	if len(siteURL) > 0 {
		r.siteHost = hostOf(siteURL[0])
	}
	return r
}

// Render converts Markdown to sanitised HTML. Markdown nested or left open
// beyond the limits in limits.go is refused with an error wrapping
// ErrTooComplex, whose message names the line and what is too deep: it
// would cost goldmark time growing with the square of its length.
func (r *Renderer) Render(markdown string) (template.HTML, error) {
	if err := check(markdown); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(markdown), &buf); err != nil {
		return "", err
	}
	return template.HTML(Clean(r.policy.Sanitize(buf.String()), r.siteHost)), nil // #nosec: sanitised just now
}
