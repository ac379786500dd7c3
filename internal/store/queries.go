package store

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
)

//go:embed *.sql
var queryFiles embed.FS

// dialects are the engines every query must be written for.
var dialects = []Dialect{SQLite, Postgres}

// A sqlBlock is one named block of a .sql file:
//
//	-- name: article-by-id
//	SELECT ...
//
// A block named "x (postgres)" or "x (sqlite)" replaces "x" for that
// dialect only, so a query forks only where the engines truly differ.
type sqlBlock struct {
	file    string
	name    string  // the query's name, without the dialect
	dialect Dialect // "" for a block shared by every dialect
	sql     string
}

// label names the block as its file does.
func (b sqlBlock) label() string {
	if b.dialect == "" {
		return b.name
	}
	return b.name + " (" + string(b.dialect) + ")"
}

// loadQueries fills dst, a pointer to a struct whose string fields are
// tagged with a query name (`query:"article-by-id"`), with the SQL of the
// .sql files in fsys for dialect d. A tag may name the one dialect a query
// exists for (`query:"notify-pages,postgres"`); on other dialects the field
// stays empty. Every query is checked for every dialect, not only d, so a
// store on either engine refuses to open when a field has no SQL for a
// dialect it needs, when a block fills no field, or when a block is
// defined twice.
func loadQueries(fsys fs.FS, d Dialect, dst any) error {
	blocks, err := readBlocks(fsys)
	if err != nil {
		return err
	}
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("store: queries: %T is not a pointer to a struct", dst)
	}
	v = v.Elem()
	type field struct {
		index int
		only  Dialect // the one dialect the query exists for, or ""
	}
	fields := map[string]field{}
	var order []string // the fields' queries, in the struct's order
	for i := range v.NumField() {
		f := v.Type().Field(i)
		tag, ok := f.Tag.Lookup("query")
		if !ok || f.Type.Kind() != reflect.String {
			return fmt.Errorf("store: queries: field %s needs a string type and a query tag", f.Name)
		}
		name, only, _ := strings.Cut(tag, ",")
		if only != "" && !slices.Contains(dialects, Dialect(only)) {
			return fmt.Errorf("store: queries: field %s names unknown dialect %q", f.Name, only)
		}
		if _, dup := fields[name]; dup {
			return fmt.Errorf("store: queries: query %q has two fields", name)
		}
		fields[name] = field{index: i, only: Dialect(only)}
		order = append(order, name)
	}

	// sqlFor[name][dialect] is the block a dialect runs for a query.
	sqlFor := map[string]map[Dialect]sqlBlock{}
	seen := map[string]sqlBlock{}
	for _, b := range blocks {
		if prev, dup := seen[b.label()]; dup {
			return fmt.Errorf("store: queries: %s: query %q defined twice (first in %s)", b.file, b.label(), prev.file)
		}
		seen[b.label()] = b
		f, ok := fields[b.name]
		if !ok {
			return fmt.Errorf("store: queries: %s: query %q fills no field of the catalogue", b.file, b.label())
		}
		if f.only != "" && b.dialect != f.only {
			return fmt.Errorf("store: queries: %s: query %q is never used: the catalogue runs %q on %s only", b.file, b.label(), b.name, f.only)
		}
		if sqlFor[b.name] == nil {
			sqlFor[b.name] = map[Dialect]sqlBlock{}
		}
		for _, dd := range dialects {
			if b.dialect == dd || b.dialect == "" && sqlFor[b.name][dd].dialect == "" {
				sqlFor[b.name][dd] = b
			}
		}
	}
	for _, b := range blocks {
		if b.dialect != "" {
			continue
		}
		used := false
		for _, dd := range dialects {
			used = used || sqlFor[b.name][dd].dialect == ""
		}
		if !used {
			return fmt.Errorf("store: queries: %s: query %q is never used: every dialect has its own", b.file, b.name)
		}
	}
	for _, name := range order {
		f := fields[name]
		for _, dd := range dialects {
			if f.only != "" && f.only != dd {
				continue
			}
			b, ok := sqlFor[name][dd]
			if !ok {
				return fmt.Errorf("store: queries: query %q has no SQL for %s", name, dd)
			}
			if dd == d {
				v.Field(f.index).SetString(b.sql)
			}
		}
	}
	return nil
}

// readBlocks parses every .sql file of fsys into its named blocks, in order.
func readBlocks(fsys fs.FS) ([]sqlBlock, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var blocks []sqlBlock
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		fileBlocks, err := parseBlocks(f, string(data))
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, fileBlocks...)
	}
	return blocks, nil
}

func parseBlocks(file, text string) ([]sqlBlock, error) {
	var blocks []sqlBlock
	var name string
	var body strings.Builder
	flush := func() error {
		if name == "" {
			return nil
		}
		b := sqlBlock{file: file, name: name, sql: strings.TrimSpace(body.String())}
		if open := strings.IndexByte(name, '('); open > 0 && strings.HasSuffix(name, ")") {
			b.name = strings.TrimSpace(name[:open])
			b.dialect = Dialect(name[open+1 : len(name)-1])
			if !slices.Contains(dialects, b.dialect) {
				return fmt.Errorf("store: queries: %s: query %q names unknown dialect %q", file, name, b.dialect)
			}
		}
		if b.sql == "" {
			return fmt.Errorf("store: queries: %s: query %q is empty", file, name)
		}
		blocks = append(blocks, b)
		name, body = "", strings.Builder{}
		return nil
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name:"); ok {
			if err := flush(); err != nil {
				return nil, err
			}
			name = strings.TrimSpace(n)
			continue
		}
		if name != "" {
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("store: queries: %s: %w", file, err)
	}
	return blocks, flush()
}
