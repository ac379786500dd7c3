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
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New returns a Renderer with the article policy: the elements of ordinary
// journalism (paragraphs, headings, lists, quotes, tables, links, images),
// with links forced to rel="nofollow noopener" and no scripts, styles, frames
// or event handlers.
func New() *Renderer {
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
	return &Renderer{md: md, policy: p}
}

// Render converts Markdown to sanitised HTML.
func (r *Renderer) Render(markdown string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(markdown), &buf); err != nil {
		return "", err
	}
	return template.HTML(r.policy.SanitizeBytes(buf.Bytes())), nil // #nosec: sanitised just now
}

// Trusted marks HTML that was produced by Render earlier (and stored) as safe
// to output. Use it only for values that came out of Render.
func Trusted(stored string) template.HTML {
	return template.HTML(stored)
}
