package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCatalogueComplete loads the real catalogue for each dialect without a
// database: every field has SQL and every block of the .sql files fills a
// field, on both engines.
func TestCatalogueComplete(t *testing.T) {
	for _, d := range dialects {
		var q catalogue
		if err := loadQueries(queryFiles, d, &q); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if q.ArticleByID == "" {
			t.Errorf("%s: ArticleByID is empty", d)
		}
	}
	var pg, lite catalogue
	if err := loadQueries(queryFiles, Postgres, &pg); err != nil {
		t.Fatal(err)
	}
	if err := loadQueries(queryFiles, SQLite, &lite); err != nil {
		t.Fatal(err)
	}
	if pg.NotifyPages == "" || lite.NotifyPages != "" {
		t.Errorf("notify-pages is PostgreSQL's only: postgres %q, sqlite %q", pg.NotifyPages, lite.NotifyPages)
	}
	if pg.InsertViewReaders == lite.InsertViewReaders {
		t.Error("insert-view-readers forks per dialect, yet both dialects got the same SQL")
	}
}

type testCatalogue struct {
	One    string `query:"one"`
	Notify string `query:"notify,postgres"`
}

func TestLoadQueries(t *testing.T) {
	const good = "-- name: one\nSELECT 1;\n-- name: one (sqlite)\nSELECT 'lite';\n-- name: notify (postgres)\nSELECT pg_notify('x', '');\n"
	var q testCatalogue
	if err := loadQueries(fstest.MapFS{"a.sql": {Data: []byte(good)}}, SQLite, &q); err != nil {
		t.Fatal(err)
	}
	if q.One != "SELECT 'lite';" || q.Notify != "" {
		t.Errorf("sqlite: got %+v", q)
	}
	if err := loadQueries(fstest.MapFS{"a.sql": {Data: []byte(good)}}, Postgres, &q); err != nil {
		t.Fatal(err)
	}
	if q.One != "SELECT 1;" || q.Notify != "SELECT pg_notify('x', '');" {
		t.Errorf("postgres: got %+v", q)
	}

	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // in the error
	}{
		{"missing query", map[string]string{"a.sql": "-- name: notify (postgres)\nSELECT 2;\n"}, `query "one" has no SQL for sqlite`},
		{"missing for one dialect", map[string]string{"a.sql": "-- name: one (postgres)\nSELECT 1;\n-- name: notify (postgres)\nSELECT 2;\n"}, `query "one" has no SQL for sqlite`},
		{"dialect-only query missing", map[string]string{"a.sql": "-- name: one\nSELECT 1;\n"}, `query "notify" has no SQL for postgres`},
		{"unused block", map[string]string{"a.sql": good, "b.sql": "-- name: two\nSELECT 2;\n"}, `b.sql: query "two" fills no field`},
		{"block for the wrong dialect", map[string]string{"a.sql": good + "-- name: notify (sqlite)\nSELECT 2;\n"}, `query "notify (sqlite)" is never used`},
		{"shared block of a dialect-only query", map[string]string{"a.sql": good + "-- name: notify\nSELECT 2;\n"}, `query "notify" is never used`},
		{"shared block hidden by both forks", map[string]string{"a.sql": good + "-- name: one (postgres)\nSELECT 2;\n"}, `query "one" is never used: every dialect has its own`},
		{"duplicate across files", map[string]string{"a.sql": good, "b.sql": "-- name: one\nSELECT 3;\n"}, `b.sql: query "one" defined twice (first in a.sql)`},
		{"duplicate fork", map[string]string{"a.sql": good + "-- name: one (sqlite)\nSELECT 3;\n"}, `query "one (sqlite)" defined twice`},
		{"unknown dialect", map[string]string{"a.sql": good + "-- name: one (mysql)\nSELECT 3;\n"}, `unknown dialect "mysql"`},
		{"empty block", map[string]string{"a.sql": "-- name: one\n\n" + good}, `query "one" is empty`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, text := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			for _, d := range dialects {
				var q testCatalogue
				err := loadQueries(fsys, d, &q)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: got error %v, want one containing %q", d, err, tc.want)
				}
			}
		})
	}
}

func TestLoadQueriesRefusesBadCatalogue(t *testing.T) {
	fsys := fstest.MapFS{"a.sql": {Data: []byte("-- name: one\nSELECT 1;\n")}}
	for name, dst := range map[string]any{
		"not a pointer":  testCatalogue{},
		"untagged field": &struct{ One string }{},
		"non-string": &struct {
			One int `query:"one"`
		}{},
		"two fields, one query": &struct {
			A string `query:"one"`
			B string `query:"one"`
		}{},
		"unknown dialect": &struct {
			One string `query:"one,mysql"`
		}{},
	} {
		if err := loadQueries(fsys, SQLite, dst); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

// TestCatalogueFieldsUsed keeps the .sql files free of dead queries: every
// field of the catalogue is read somewhere in the store's code (as s.q.X,
// or q.X through a local q), so no block is kept that nothing runs.
func TestCatalogueFieldsUsed(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "catalogue.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch x := sel.X.(type) {
			case *ast.SelectorExpr:
				used[sel.Sel.Name] = used[sel.Sel.Name] || x.Sel.Name == "q"
			case *ast.Ident:
				used[sel.Sel.Name] = used[sel.Sel.Name] || x.Name == "q"
			}
			return true
		})
	}
	typ := reflect.TypeFor[catalogue]()
	for i := range typ.NumField() {
		if f := typ.Field(i); !used[f.Name] {
			t.Errorf("catalogue field %s (%s) is never run", f.Name, f.Tag.Get("query"))
		}
	}
}
