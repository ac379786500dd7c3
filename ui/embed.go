// Package ui holds Dateline's templates and static files, embedded in the
// binary. Templates are parsed once at start-up: a page that fails to parse
// stops the process before it serves anything.
package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed templates static
var files embed.FS

// Templates renders named pages. Each page is parsed together with the
// layouts and partials, so pages may redefine blocks without clashing.
type Templates struct {
	pages map[string]*template.Template
}

// LoadTemplates parses the public site's pages (templates/pages) with its
// layouts and partials and the given functions (plus "asset").
func LoadTemplates(funcs template.FuncMap, assets *Assets) (*Templates, error) {
	return loadSet(funcs, assets, []string{"templates/layouts/*.html", "templates/partials/*.html"}, "templates/pages/*.html")
}

// LoadNewsroomTemplates parses the newsroom's pages (templates/newsroom)
// with its own layout (templates/newsroom/shared) and the public article's
// parts (templates/partials/story.html), which the live preview shows as
// the site will. funcs must give those parts "isoTime" and "mediaURL".
func LoadNewsroomTemplates(funcs template.FuncMap, assets *Assets) (*Templates, error) {
	return loadSet(funcs, assets, []string{"templates/newsroom/shared/*.html", "templates/partials/story.html"}, "templates/newsroom/*.html")
}

func loadSet(funcs template.FuncMap, assets *Assets, sharedGlobs []string, pageGlob string) (*Templates, error) {
	all := template.FuncMap{"asset": assets.Path}
	for k, v := range funcs {
		all[k] = v
	}
	shared, err := template.New("").Funcs(all).ParseFS(files, sharedGlobs...)
	if err != nil {
		return nil, fmt.Errorf("ui: parse layouts: %w", err)
	}
	pages, err := fs.Glob(files, pageGlob)
	if err != nil {
		return nil, err
	}
	t := &Templates{pages: map[string]*template.Template{}}
	for _, p := range pages {
		clone, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.ParseFS(files, p); err != nil {
			return nil, fmt.Errorf("ui: parse %s: %w", p, err)
		}
		t.pages[strings.TrimSuffix(path.Base(p), ".html")] = clone
	}
	return t, nil
}

// Has reports whether a page template exists.
func (t *Templates) Has(page string) bool { _, ok := t.pages[page]; return ok }

// Render executes the page's "page" template into a buffer, so that an
// error never leaves half a page on the wire.
func (t *Templates) Render(page string, data any) ([]byte, error) {
	tmpl, ok := t.pages[page]
	if !ok {
		return nil, fmt.Errorf("ui: no page template %q", page)
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "page", data); err != nil {
		return nil, fmt.Errorf("ui: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// Assets serves the files under static/ at content-hashed URLs such as
// /static/site.3f2a1b9c.css, so they can be cached for a year.
type Assets struct {
	byName map[string]string // "css/site.css" -> "/static/css/site.3f2a1b9c.css"
	byURL  map[string]asset
}

type asset struct {
	body  []byte
	ctype string
	etag  string
}

// LoadAssets reads and hashes every static file.
func LoadAssets() (*Assets, error) {
	a := &Assets{byName: map[string]string{}, byURL: map[string]asset{}}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])[:12]
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		url := "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext
		a.byName[name] = url
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a.byURL[url] = asset{body: body, ctype: ctype, etag: `"` + hash + `"`}
		return nil
	})
	return a, err
}

// Path returns the hashed URL of a static file; an unknown name is an error,
// which fails template rendering rather than linking to nothing.
func (a *Assets) Path(name string) (string, error) {
	if u, ok := a.byName[name]; ok {
		return u, nil
	}
	return "", fmt.Errorf("ui: no static file %q", name)
}

// Serve writes a hashed static file with a year-long immutable lifetime, and
// reports false, writing nothing, when there is no such file.
func (a *Assets) Serve(w http.ResponseWriter, r *http.Request) bool {
	f, ok := a.byURL[r.URL.Path]
	if !ok {
		return false
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", f.etag)
	if r.Header.Get("If-None-Match") == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	h.Set("Content-Length", fmt.Sprint(len(f.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.Copy(w, bytes.NewReader(f.body))
	}
	return true
}
