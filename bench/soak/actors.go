package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"dateline/internal/demo"
)

// soak holds what every actor shares.
type soak struct {
	c       *client
	cat     *catalogue
	ledger  *ledger
	addrs   addresses
	tokens  staffTokens
	think   time.Duration // a reader's mean pause between pages
	publish time.Duration // the editor's pause between writes
	review  time.Duration // the moderator's pause between looks at the queue
}

// editions are the demo site's path prefixes (DATELINE_EDITIONS default).
var editions = []string{"", "/si", "/ta"}

// searchWords are words the demo stories use, in the three scripts, and a
// word that finds nothing.
var searchWords = []string{"colombo", "cricket", "rain", "port", "election", "tea", "budget", "train", "කොළඹ", "கொழும்பு", "zanzibarite"}

// pause waits d or until ctx ends; it reports whether the actor goes on.
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// jitter is d give or take half.
func jitter(r *rand.Rand, d time.Duration) time.Duration {
	return d/2 + time.Duration(r.Int64N(int64(d)+1))
}

// reader browses: front pages, articles (with their view beacon), section
// lists, searches and video pages, pausing between pages. Searches and
// beacons stay inside the reader's own per-address budgets.
func (s *soak) reader(ctx context.Context, i int) {
	r := rand.New(rand.NewPCG(uint64(i), 1))
	id := s.addrs.identity(i)
	for ctx.Err() == nil {
		prefix := editions[r.IntN(len(editions))]
		switch n := r.IntN(100); {
		case n < 20:
			s.c.call("GET / (front)", http.MethodGet, prefix+"/", id, "", nil, "", 200)
		case n < 30:
			sec := demo.Sections[r.IntN(len(demo.Sections))].Slug
			s.c.call("GET /section/{slug}", http.MethodGet, prefix+"/section/"+sec, id, "", nil, "", 200)
		case n < 42 && id.search.take(time.Now()):
			q := url.Values{"q": {searchWords[r.IntN(len(searchWords))]}}
			s.c.call("GET /search", http.MethodGet, prefix+"/search?"+q.Encode(), id, "", nil, "", 200)
		case n < 50:
			s.c.call("GET /video", http.MethodGet, prefix+"/video", id, "", nil, "", 200)
		case n < 60:
			if v, ok := s.cat.video(r); ok {
				if _, ok := s.c.call("GET /video/{id}/{slug}", http.MethodGet, v.path, id, "", nil, "", 200); ok {
					s.beacon(id, "video", v.id)
				}
			}
		default:
			st := s.cat.story(r)
			if _, ok := s.c.call("GET /news/{id}/{slug}", http.MethodGet, st.path, id, "", nil, "", 200); ok {
				s.beacon(id, "article", st.id)
			}
		}
		if !pause(ctx, jitter(r, s.think)) {
			return
		}
	}
}

// beacon sends the view a page's script sends once it is shown.
func (s *soak) beacon(id *identity, kind string, item int64) {
	if !id.beacon.take(time.Now()) {
		return
	}
	b, _ := json.Marshal(map[string]any{"kind": kind, "id": item})
	s.c.call("POST /api/v1/views", http.MethodPost, "/api/v1/views", id, "", bytes.NewReader(b), "application/json", 204)
}

var (
	formAction = regexp.MustCompile(`<form id="comment-form"[^>]* action="([^"]+)"`)
	formTime   = regexp.MustCompile(`<input type="hidden" name="ts" value="([^"]+)">`)
)

// commentForm finds the comment form in an article page: where it posts
// and the form time it carries.
func commentForm(page []byte) (action, ts string, ok bool) {
	a, t := formAction.FindSubmatch(page), formTime.FindSubmatch(page)
	if a == nil || t == nil {
		return "", "", false
	}
	return string(a[1]), string(t[1]), true
}

// commentID reads the comment's id from the 303 that answers the form.
func commentID(location string) int64 {
	u, err := url.Parse(location)
	if err != nil {
		return 0
	}
	id, _ := strconv.ParseInt(u.Query().Get("comment"), 10, 64)
	return id
}

// commenter plays one reader after another, each from an address of its
// own: open an article, take the comment form (with a fresh form time, as
// the page's script asks for), spend a few seconds writing, send it, and
// now and then flag an approved comment. Each reader sends at most two
// posts, inside the per-address burst of four.
func (s *soak) commenter(ctx context.Context, i int) {
	r := rand.New(rand.NewPCG(uint64(i), 2))
	for n := 1; ctx.Err() == nil; n++ {
		id := s.addrs.identity(i)
		st := s.cat.story(r)
		page, ok := s.c.call("GET /news/{id}/{slug}", http.MethodGet, st.path, id, "", nil, "", 200)
		if !ok {
			pause(ctx, time.Second)
			continue
		}
		action, ts, ok := commentForm(page.body)
		if !ok {
			s.c.rec.observe("comment form in the page", 0, 0, "no comment form on "+st.path)
			continue
		}
		if a, ok := s.c.call("GET /api/v1/comments/form-time", http.MethodGet, "/api/v1/comments/form-time", id, "", nil, "", 200); ok {
			var fresh struct {
				TS string `json:"ts"`
			}
			if json.Unmarshal(a.body, &fresh) == nil && fresh.TS != "" {
				ts = fresh.TS
			}
		}
		// A person takes a few seconds to write; the spam check knows
		// anything under three is not typed.
		if !pause(ctx, 4*time.Second+time.Duration(r.IntN(4000))*time.Millisecond) {
			return
		}
		body := fmt.Sprintf("Reader %d-%d asks when the work described here will be finished, and who will pay for the next phase.", i, n)
		a, ok := s.c.form("POST /news/{id}/comments", action, id, url.Values{
			"name": {fmt.Sprintf("Soak reader %d-%d", i, n)}, "email": {fmt.Sprintf("reader%d.%d@example.lk", i, n)},
			"body": {body}, "website": {""}, "ts": {ts}}, http.StatusSeeOther)
		if ok {
			if cid := commentID(a.header.Get("Location")); cid > 0 {
				s.ledger.comment(cid, st.id, body)
			} else {
				s.c.rec.observe("comment id in the redirect", 0, 0, "no comment id in "+a.header.Get("Location"))
			}
		}
		if r.IntN(3) == 0 {
			// Two flags at most per comment, below the policy's three,
			// so approved comments stay visible for the final check.
			if cid, ok := s.cat.flagTarget(r, 2); ok {
				if _, ok := s.c.form("POST /comments/{id}/flag", fmt.Sprintf("/comments/%d/flag", cid), id,
					url.Values{"reason": {"other"}, "note": {"Seems off topic for this story."}}, http.StatusSeeOther); ok {
					s.ledger.flag(cid)
				}
			}
		}
	}
}

// editor publishes a new story through the admin API, and every third time
// appends a correction to one published earlier.
func (s *soak) editor(ctx context.Context) {
	r := rand.New(rand.NewPCG(7, 3))
	for n := 1; ctx.Err() == nil; n++ {
		if id, ok := s.ledger.published(r); ok && n%3 == 0 {
			body := fmt.Sprintf("Correction %d: an earlier version of this story gave the wrong phase of the works.", n)
			if s.c.json("POST /api/v1/admin/articles/{id}/corrections", http.MethodPost, fmt.Sprintf("/api/v1/admin/articles/%d/corrections", id),
				s.tokens.editor, map[string]string{"kind": "correction", "body": body}, nil, http.StatusCreated) {
				s.ledger.correction(id, body)
			}
		} else {
			headline := fmt.Sprintf("Soak story %d: harbour works reach phase %d", n, n)
			var out struct {
				ID  int64  `json:"id"`
				URL string `json:"url"`
			}
			req := map[string]any{
				"headline":      headline,
				"summary":       "Work on the harbour moves to its next phase.",
				"body_markdown": fmt.Sprintf("The harbour authority said phase %d began this morning.\n\nEngineers expect it to take a month.", n),
				"section":       demo.Sections[n%len(demo.Sections)].Slug,
				"lang":          "en",
				"tags":          []string{"Harbour"},
				"source":        map[string]string{"type": "staff"},
				"action":        "publish",
			}
			if s.c.json("POST /api/v1/admin/articles", http.MethodPost, "/api/v1/admin/articles", s.tokens.editor, req, &out, http.StatusCreated) {
				path := pathOf(out.URL)
				s.ledger.article(out.ID, path, headline)
				s.cat.addStory(story{id: out.ID, path: path, lang: "en"})
			}
		}
		if !pause(ctx, jitter(r, s.publish)) {
			return
		}
	}
}

// moderator looks at the pending queue and approves most comments,
// rejecting some with a reason.
func (s *soak) moderator(ctx context.Context) {
	r := rand.New(rand.NewPCG(9, 4))
	for ctx.Err() == nil {
		var queue struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		if s.c.json("GET /api/v1/admin/comments", http.MethodGet, "/api/v1/admin/comments?status=pending", s.tokens.moderator, nil, &queue, 200) {
			for _, it := range queue.Items[:min(len(queue.Items), 20)] {
				path := fmt.Sprintf("/api/v1/admin/comments/%d/", it.ID)
				if r.IntN(100) < 85 {
					if s.c.json("POST /api/v1/admin/comments/{id}/approve", http.MethodPost, path+"approve", s.tokens.moderator, nil, nil, 200) {
						s.ledger.decided(it.ID, "approved")
						s.cat.addApproved(it.ID)
					} else {
						s.ledger.decided(it.ID, "unknown")
					}
				} else if s.c.json("POST /api/v1/admin/comments/{id}/reject", http.MethodPost, path+"reject", s.tokens.moderator,
					map[string]string{"reason": "Off topic."}, nil, 200) {
					s.ledger.decided(it.ID, "rejected")
				} else {
					s.ledger.decided(it.ID, "unknown")
				}
			}
		}
		if !pause(ctx, jitter(r, s.review)) {
			return
		}
	}
}
