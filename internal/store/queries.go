package store

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed *.sql
var queryFiles embed.FS

// queries maps a query name to its SQL for one dialect.
type queries map[string]string

// loadQueries reads every .sql file beside the store code. Each file holds
// named blocks:
//
//	-- name: article-by-id
//	SELECT ...
//
// A block named "x (postgres)" or "x (sqlite)" replaces "x" for that dialect
// only, so a query forks only where the engines truly differ.
func loadQueries(d Dialect) (queries, error) {
	shared := queries{}
	own := queries{}
	files, err := fs.Glob(queryFiles, "*.sql")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := queryFiles.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := parseQueries(f, string(data), d, shared, own); err != nil {
			return nil, err
		}
	}
	for k, v := range own {
		shared[k] = v
	}
	return shared, nil
}

func parseQueries(file, text string, d Dialect, shared, own queries) error {
	var name string
	var body strings.Builder
	flush := func() error {
		if name == "" {
			return nil
		}
		sql := strings.TrimSpace(body.String())
		if sql == "" {
			return fmt.Errorf("%s: query %q is empty", file, name)
		}
		target, base := shared, name
		if open := strings.IndexByte(name, '('); open > 0 && strings.HasSuffix(name, ")") {
			base = strings.TrimSpace(name[:open])
			if Dialect(name[open+1:len(name)-1]) != d {
				name, body = "", strings.Builder{}
				return nil
			}
			target = own
		}
		if _, dup := target[base]; dup {
			return fmt.Errorf("%s: query %q defined twice", file, name)
		}
		target[base] = sql
		name, body = "", strings.Builder{}
		return nil
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name:"); ok {
			if err := flush(); err != nil {
				return err
			}
			name = strings.TrimSpace(n)
			continue
		}
		if name != "" {
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	return flush()
}

// get returns the named query; a missing name is a programming error caught by
// the store tests, which run every query on both engines.
func (q queries) get(name string) string {
	sql, ok := q[name]
	if !ok {
		panic("store: no query named " + name)
	}
	return sql
}
