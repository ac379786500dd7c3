package markup

import (
	"html/template"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stored returns an article body that Render produced earlier (and the
// store kept) ready to output, with the rules Render applies now: bodies
// saved before a rule was added get it too, without re-rendering every
// article. siteURL is the site's base URL (see Clean).
func Stored(stored, siteURL string) template.HTML {
	return template.HTML(Clean(stored, hostOf(siteURL))) // #nosec: sanitised when saved, cleaned now
}

// hostOf is the host and port of a base URL ("news.lk:443"), "" when it
// has none.
func hostOf(siteURL string) string {
	u, err := url.Parse(siteURL)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return hostPort(u)
}

// hostPort is u's lower-case host name and port, the scheme's default port
// when it names none: another port on the same name is another server.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}

// Clean removes from sanitised HTML what the sanitiser lets through but a
// page of ours must not carry:
//   - id and name attributes (and usemap, which points at a name): an
//     article body must not name elements, or it could clobber the page's
//     own DOM names and ids that scripts look up;
//   - images from any host but siteHost (relative sources are the site's
//     own): loading one tells a third party who reads the article, from a
//     reader's page, the API's body_html or any client that shows it. The
//     image becomes its alt text, so the sentence around it still reads.
//
// Markdown headings get no generated ids (goldmark's auto heading ids are
// off), so nothing on the site links to an id in a body.
func Clean(fragment, siteHost string) string {
	if !strings.Contains(fragment, "<") {
		return fragment
	}
	body := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return html.EscapeString(fragment) // cannot happen for a strings.Reader; fail closed
	}
	var out strings.Builder
	for _, n := range nodes {
		n = cleanNode(n, siteHost)
		if err := html.Render(&out, n); err != nil {
			return html.EscapeString(fragment)
		}
	}
	return out.String()
}

// cleanNode cleans n and its descendants and returns what takes its place.
func cleanNode(n *html.Node, siteHost string) *html.Node {
	if n.Type != html.ElementNode {
		return n
	}
	if n.DataAtom == atom.Img && !ownImage(attr(n, "src"), siteHost) {
		return &html.Node{Type: html.TextNode, Data: attr(n, "alt")}
	}
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		if a.Namespace == "" && (a.Key == "id" || a.Key == "name" || a.Key == "usemap" || a.Key == "srcset") {
			continue
		}
		kept = append(kept, a)
	}
	n.Attr = kept
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if r := cleanNode(c, siteHost); r != c {
			n.InsertBefore(r, c)
			n.RemoveChild(c)
		}
		c = next
	}
	return n
}

// ownImage reports whether an image source is on the site: a relative path,
// or an http(s) URL whose host and port are siteHost's (see hostOf).
func ownImage(src, siteHost string) bool {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || src == "" {
		return false
	}
	if u.Scheme == "" && u.Host == "" && !strings.HasPrefix(strings.TrimSpace(src), "//") {
		return true
	}
	return (u.Scheme == "http" || u.Scheme == "https") && siteHost != "" && hostPort(u) == siteHost
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}
