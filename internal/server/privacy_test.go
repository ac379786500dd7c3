package server_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestReadersAddressesAreNotStored has one reader, from an address of their
// own, do everything a reader can (read, comment, flag, be counted, search),
// then reads every row of every table in the database and fails if the
// address appears anywhere: readers are known only by keyed hashes. On
// SQLite only, where every table can be read without knowing its schema;
// both engines are written by the same code.
func TestReadersAddressesAreNotStored(t *testing.T) {
	e := storetest.Open(t, "sqlite")
	f := servertest.New(t, e)
	const ip = "127.77.66.55" // outside the ranges other tests' visitors use
	c := clientFrom(t, ip)
	c.Jar, _ = cookiejar.New(nil)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	do := func(method, path, contentType, body string) servertest.Reply {
		t.Helper()
		req, err := http.NewRequest(method, f.Srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("User-Agent", chromeUA)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		r := servertest.Send(t, f, c, req)
		if r.Status == http.StatusTemporaryRedirect { // the reader cookie is handed out: post again, as a browser does
			req, _ = http.NewRequest(method, f.Srv.URL+r.Header.Get("Location"), strings.NewReader(body))
			req.Header.Set("User-Agent", chromeUA)
			req.Header.Set("Content-Type", contentType)
			r = servertest.Send(t, f, c, req)
		}
		return r
	}

	page := do(http.MethodGet, f.Staff.Path(), "", "")
	r := do(http.MethodPost, fmt.Sprintf("/news/%d/comments", f.Staff.ID), "application/x-www-form-urlencoded",
		servertest.CommentForm("Anoma", "anoma@reader.test", "Well reported.", servertest.FormTimeOf(t, page)).Encode()) // short: no spam sent at once
	id := servertest.YourCommentID(t, r, f.Staff)
	servertest.ApproveByAPI(t, f, servertest.NewTokenUser(t, f, auth.Moderator, "Mala Moderator").Token, id)
	if r := do(http.MethodPost, fmt.Sprintf("/comments/%d/flag", id), "application/x-www-form-urlencoded",
		url.Values{"reason": {"other"}, "note": {"Rude to the family."}}.Encode()); r.Status != http.StatusSeeOther {
		t.Fatalf("flag: %d\n%s", r.Status, servertest.MainText(r.Body))
	}
	if got := beacon(t, f, ip, chromeUA, fmt.Sprintf(`{"kind":"article","id":%d}`, f.Staff.ID), nil); got != http.StatusNoContent {
		t.Fatalf("beacon: %d", got)
	}
	if got := beacon(t, f, ip, chromeUA, fmt.Sprintf(`{"kind":"article","id":%d}`, f.Lead.ID), nil); got != http.StatusNoContent {
		t.Fatalf("beacon: %d", got)
	}
	if err := f.Tracker.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if top := mostViewed(t, f, "kind=article&window=24h&lang=en&limit=2"); len(top.Items) != 2 || top.Items[0].Views != 1 || top.Items[1].Views != 1 {
		t.Fatalf("the views were not counted: %+v", top)
	}
	do(http.MethodGet, "/search?q=kelani", "", "").Expect(t, http.StatusOK)

	db, err := sql.Open("sqlite", "file:"+store.SQLitePath(e.Options.DataDir)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var name string
		if err := tables.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	tables.Close()
	rows := 0
	for _, table := range names {
		rows += scanForText(t, db, table, ip)
	}
	if rows == 0 {
		t.Fatal("read no rows at all")
	}
	// The keys that count a reader once a day are per story: the reader's
	// rows for the two stories share no value, so they cannot be joined into
	// a reading list.
	for _, q := range []string{`SELECT reader FROM view_readers`, `SELECT address FROM view_addresses`} {
		var keys []string
		if err := scanAll(db, q, &keys); err != nil {
			t.Fatal(err)
		}
		if len(keys) != 2 || keys[0] == keys[1] || len(keys[0]) != 32 {
			t.Errorf("%s: %q, want two different keys, one per story", q, keys)
		}
	}
	if c := servertest.StoredComment(t, f, id); c.Visitor == "" || c.Flags != 1 {
		t.Errorf("the comment was not stored with a visitor key and one flag: %+v", c)
	}
}

// scanForText reads every row of a table and fails the test for each value
// that contains text; it returns how many rows it read.
func scanForText(t *testing.T, db *sql.DB, table, text string) int {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM "` + strings.ReplaceAll(table, `"`, `""`) + `"`)
	if err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		for i, v := range vals {
			s := fmt.Sprint(v)
			if b, ok := v.([]byte); ok {
				s = string(b)
			}
			if strings.Contains(s, text) {
				t.Errorf("%s.%s holds the reader's address: %.120q", table, cols[i], s)
			}
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	return n
}

// scanAll reads a one-column query's values as text.
func scanAll(db *sql.DB, query string, out *[]string) error {
	rows, err := db.Query(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		*out = append(*out, v)
	}
	return rows.Err()
}
