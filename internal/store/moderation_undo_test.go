package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestUndoRacesNeverLoseADecision: many undos of one decision at once
// undo it once; an undo racing another moderator's later decision either
// goes first (and the later decision stands) or is refused, so the later
// decision is never overwritten, whichever commits first.
func TestUndoRacesNeverLoseADecision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		_, acc, a := newsroomFixture(t, s)
		other := store.Account{Name: "Other Moderator", Email: "other@example.lk", Role: "moderator", PasswordHash: "x"}
		if err := s.CreateAccount(ctx, &other, store.Change{Actor: "test", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		me := store.Change{StaffID: acc.ID, Actor: acc.Name, Action: "approve"}
		comment := func(i int) int64 {
			t.Helper()
			c := store.Comment{ArticleID: a.ID, Name: "Reader", Body: fmt.Sprintf("comment %d", i), Lang: "en", Status: store.CommentPending, Findings: "[]"}
			if err := s.CreateComment(ctx, &c); err != nil {
				t.Fatal(err)
			}
			return c.ID
		}
		approve := func(id int64) store.UndoTicket {
			t.Helper()
			tk, err := s.Moderate(ctx, store.Moderation{Action: "approve", IDs: []int64{id}, Decide: to(store.CommentApproved, ""), Window: time.Minute}, me)
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}

		tk := approve(comment(0))
		var mu sync.Mutex
		results := map[string]int{}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range 12 {
			wg.Go(func() {
				<-start
				_, err := s.Undo(ctx, tk.ID, store.Change{StaffID: acc.ID, Actor: acc.Name, Action: "undo"})
				key := "ok"
				switch {
				case errors.Is(err, store.ErrUndone):
					key = "undone"
				case err != nil:
					key = err.Error()
				}
				mu.Lock()
				results[key]++
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		if results["ok"] != 1 || results["undone"] != 11 {
			t.Fatalf("12 undos of one decision at once: %v, want 1 ok and 11 already undone", results)
		}

		for i := 1; i <= 8; i++ {
			id := comment(i)
			tk := approve(id)
			var undoErr, decideErr error
			var wg sync.WaitGroup
			start := make(chan struct{})
			wg.Go(func() {
				<-start
				_, undoErr = s.Undo(ctx, tk.ID, store.Change{StaffID: acc.ID, Actor: acc.Name, Action: "undo"})
			})
			wg.Go(func() {
				<-start
				decideErr = s.DecideComment(ctx, id, to(store.CommentRejected, "spam"), store.Change{StaffID: other.ID, Actor: other.Name, Action: "reject"})
			})
			close(start)
			wg.Wait()
			if decideErr != nil {
				t.Fatal(decideErr)
			}
			var changed *store.ChangedSinceError
			if undoErr != nil && !errors.As(undoErr, &changed) {
				t.Fatalf("race %d: undo failed with %v", i, undoErr)
			}
			c, err := s.CommentByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if c.Status != store.CommentRejected || c.Reason != "spam" {
				t.Fatalf("race %d (undo error %v): the comment is %s %q, want the later rejection to stand", i, undoErr, c.Status, c.Reason)
			}
		}
	})
}

// to is a decision giving every comment the status, for tests below the
// comment rules (package comments).
func to(status store.CommentStatus, reason string) store.DecideRule {
	return func(store.CommentStatus) store.Transition { return store.Transition{Status: status, Reason: reason} }
}
