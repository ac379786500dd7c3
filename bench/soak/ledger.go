package main

import (
	"math/rand/v2"
	"sync"
)

// story is an article readers can open.
type story struct {
	id   int64
	path string
	lang string
}

// catalogue is what the actors know exists: the demo's stories and videos,
// stories the editor published, and comments the moderator approved.
type catalogue struct {
	mu       sync.RWMutex
	stories  []story
	videos   []story // video pages
	approved []int64 // comment ids readers may flag
	flagged  map[int64]int
}

func (c *catalogue) addStory(s story) {
	c.mu.Lock()
	c.stories = append(c.stories, s)
	c.mu.Unlock()
}

func (c *catalogue) story(r *rand.Rand) story {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.stories[r.IntN(len(c.stories))]
}

func (c *catalogue) video(r *rand.Rand) (story, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if len(c.videos) == 0 {
		return story{}, false
	}
	return c.videos[r.IntN(len(c.videos))], true
}

func (c *catalogue) addApproved(id int64) {
	c.mu.Lock()
	c.approved = append(c.approved, id)
	c.mu.Unlock()
}

// flagTarget picks an approved comment with fewer than limit flags from the
// soak and counts the flag about to be sent, so that no comment reaches the
// policy's threshold and is hidden: approved comments must stay visible for
// the check at the end. It returns false when there is none.
func (c *catalogue) flagTarget(r *rand.Rand, limit int) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.flagged == nil {
		c.flagged = map[int64]int{}
	}
	for range 8 {
		if len(c.approved) == 0 {
			return 0, false
		}
		id := c.approved[r.IntN(len(c.approved))]
		if c.flagged[id] < limit {
			c.flagged[id]++
			return id, true
		}
	}
	return 0, false
}

// ackComment is a comment the server acknowledged (a 303 naming its id).
type ackComment struct {
	article int64
	body    string
}

// ackArticle is a story the editor published (a 201), with the corrections
// acknowledged on it.
type ackArticle struct {
	path        string
	headline    string
	corrections []string
}

// ledger records every write the server acknowledged, to be found again at
// the end.
type ledger struct {
	mu       sync.Mutex
	comments map[int64]*ackComment
	// decisions holds the moderator's acknowledged calls ("approved",
	// "rejected"; "unknown" when the call failed and may or may not have
	// been made) apart from comments: the moderator can approve a comment
	// in the moment between the server's answer and the commenter's entry.
	decisions map[int64]string
	flags     map[int64]int // comment id → flags acknowledged
	articles  map[int64]*ackArticle
}

func newLedger() *ledger {
	return &ledger{comments: map[int64]*ackComment{}, decisions: map[int64]string{}, flags: map[int64]int{}, articles: map[int64]*ackArticle{}}
}

func (l *ledger) comment(id, article int64, body string) {
	l.mu.Lock()
	l.comments[id] = &ackComment{article: article, body: body}
	l.mu.Unlock()
}

func (l *ledger) decided(id int64, decision string) {
	l.mu.Lock()
	l.decisions[id] = decision
	l.mu.Unlock()
}

func (l *ledger) flag(id int64) {
	l.mu.Lock()
	l.flags[id]++
	l.mu.Unlock()
}

func (l *ledger) article(id int64, path, headline string) {
	l.mu.Lock()
	l.articles[id] = &ackArticle{path: path, headline: headline}
	l.mu.Unlock()
}

func (l *ledger) correction(id int64, body string) {
	l.mu.Lock()
	if a := l.articles[id]; a != nil {
		a.corrections = append(a.corrections, body)
	}
	l.mu.Unlock()
}

// published returns a story the editor published, to correct.
func (l *ledger) published(r *rand.Rand) (int64, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.articles) == 0 {
		return 0, false
	}
	n := r.IntN(len(l.articles))
	for id := range l.articles {
		if n == 0 {
			return id, true
		}
		n--
	}
	return 0, false
}
