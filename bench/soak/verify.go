package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"slices"
	"sort"
	"strings"

	"dateline/internal/store"
)

// verifyHTTP checks, through the running site, what readers must see of
// the acknowledged writes: every published story at its address with its
// corrections, every approved comment in its article's list and no rejected
// one. It returns one line per problem.
func (s *soak) verifyHTTP() []string {
	var problems []string
	l := s.ledger
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range sortedKeys(l.articles) {
		a := l.articles[id]
		page, ok := s.c.call("verify: GET story", http.MethodGet, a.path, nil, "", nil, "", 200)
		if !ok {
			problems = append(problems, fmt.Sprintf("story %d at %s: answered %d", id, a.path, page.status))
			continue
		}
		for _, want := range append([]string{a.headline}, a.corrections...) {
			if !strings.Contains(string(page.body), html.EscapeString(want)) {
				problems = append(problems, fmt.Sprintf("story %d at %s lacks %q", id, a.path, want))
			}
		}
	}
	byArticle := map[int64][]int64{}
	for id, c := range l.comments {
		byArticle[c.article] = append(byArticle[c.article], id)
	}
	for _, article := range sortedKeys(byArticle) {
		var list struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		a, ok := s.c.call("verify: GET /api/v1/articles/{id}/comments", http.MethodGet, fmt.Sprintf("/api/v1/articles/%d/comments", article), nil, "", nil, "", 200)
		if !ok || json.Unmarshal(a.body, &list) != nil {
			problems = append(problems, fmt.Sprintf("comments of article %d: answered %d", article, a.status))
			continue
		}
		shown := map[int64]bool{}
		for _, it := range list.Items {
			shown[it.ID] = true
		}
		for _, id := range byArticle[article] {
			switch decision := l.decisions[id]; {
			case decision == "unknown":
			case decision == "approved" && !shown[id]:
				problems = append(problems, fmt.Sprintf("approved comment %d is not shown under article %d", id, article))
			case decision != "approved" && shown[id]:
				problems = append(problems, fmt.Sprintf("comment %d (%s) is shown under article %d", id, or(decision, "pending"), article))
			}
		}
	}
	return problems
}

// verifyStore checks the database itself, after the server stopped, for
// every acknowledged write: each comment with its text, article and the
// status the moderator gave it (pending if none), each flag, each story and
// each correction.
func (s *soak) verifyStore(ctx context.Context, opts store.Options) []string {
	st, err := store.Open(ctx, opts)
	if err != nil {
		return []string{"open the database: " + err.Error()}
	}
	defer st.Close()
	var problems []string
	l := s.ledger
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range sortedKeys(l.comments) {
		want := l.comments[id]
		c, err := st.CommentByID(ctx, id)
		if err != nil {
			problems = append(problems, fmt.Sprintf("comment %d: %v", id, err))
			continue
		}
		status := store.CommentStatus(or(l.decisions[id], string(store.CommentPending)))
		if c.Body != want.body || c.ArticleID != want.article || (c.Status != status && status != "unknown") {
			problems = append(problems, fmt.Sprintf("comment %d is %s on article %d (%q), want %s on %d (%q)", id, c.Status, c.ArticleID, c.Body, status, want.article, want.body))
		}
	}
	for _, id := range sortedKeys(l.flags) {
		flags, err := st.Flags(ctx, id)
		if err != nil || len(flags) < l.flags[id] {
			problems = append(problems, fmt.Sprintf("comment %d has %d flags, %d were acknowledged (%v)", id, len(flags), l.flags[id], err))
		}
	}
	for _, id := range sortedKeys(l.articles) {
		want := l.articles[id]
		a, err := st.PublishedArticle(ctx, id)
		if err != nil || a.Headline != want.headline {
			problems = append(problems, fmt.Sprintf("story %d: %q, %v; want it published as %q", id, a.Headline, err, want.headline))
			continue
		}
		list, err := st.Corrections(ctx, id)
		if err != nil {
			problems = append(problems, fmt.Sprintf("corrections of story %d: %v", id, err))
			continue
		}
		var bodies []string
		for _, c := range list {
			bodies = append(bodies, c.Body)
		}
		for _, body := range want.corrections {
			if !slices.Contains(bodies, body) {
				problems = append(problems, fmt.Sprintf("story %d lacks correction %q", id, body))
			}
		}
	}
	return problems
}

// counts summarises the ledger: comments by the moderator's decision,
// flags, stories and corrections.
func (l *ledger) counts() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	decided := map[string]int{}
	for id := range l.comments {
		decided[or(l.decisions[id], "pending")]++
	}
	flags, corrections := 0, 0
	for _, n := range l.flags {
		flags += n
	}
	for _, a := range l.articles {
		corrections += len(a.corrections)
	}
	return fmt.Sprintf("%d comments (%d approved, %d rejected, %d left pending), %d flags, %d stories published, %d corrections",
		len(l.comments), decided["approved"], decided["rejected"], decided["pending"], flags, len(l.articles), corrections)
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func sortedKeys[V any](m map[int64]V) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
