package store_test

import (
	"context"
	"errors"
	"sort"
	"sync"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestSignInCountIsExactUnderConcurrency fires many attempts at one key at
// once: each must get its own count, so exactly the limit are let through
// (the hole was a check before the record, which let ~130 of 150 through).
func TestSignInCountIsExactUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		const attempts, limit = 60, 5
		var mu sync.Mutex
		var counts []int
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range attempts {
			wg.Go(func() {
				<-start
				c, err := e.Store.CountSignInAttempt(ctx, "k-pair", "subj", limit, 15*time.Minute, 15*time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				counts = append(counts, c.Failures)
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		sort.Ints(counts)
		for i, c := range counts {
			if c != i+1 {
				t.Fatalf("counts are not 1..%d, each once: %v", attempts, counts)
			}
		}
	})
}

func TestSignInCountWindowsAndPauses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		count := func(key string, window, pause time.Duration) store.SignInCount {
			t.Helper()
			c, err := s.CountSignInAttempt(ctx, key, "subject-a", 3, window, pause)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		// Reaching the limit pauses the key from that attempt on.
		count("a", time.Minute, time.Hour)
		count("a", time.Minute, time.Hour)
		c := count("a", time.Minute, time.Hour)
		if c.Failures != 3 || time.Until(c.Until) < 50*time.Minute {
			t.Fatalf("third attempt: %+v, want 3 and paused about an hour", c)
		}
		// A success takes its attempt back; a clear ends the run.
		if err := s.ForgiveSignInAttempt(ctx, "a"); err != nil {
			t.Fatal(err)
		}
		if c := count("a", time.Minute, time.Hour); c.Failures != 3 {
			t.Fatalf("after forgiving one: %+v", c)
		}
		if err := s.ClearSignInAttempts(ctx, "a"); err != nil {
			t.Fatal(err)
		}
		if c := count("a", time.Minute, time.Hour); c.Failures != 1 {
			t.Fatalf("after clearing: %+v", c)
		}
		// A window that has run out starts again at one.
		count("b", -time.Second, -time.Second)
		if c := count("b", time.Minute, time.Minute); c.Failures != 1 {
			t.Fatalf("after the window ended: %+v", c)
		}
		// A reset clears every key of the subject, and only those.
		if _, err := s.CountSignInAttempt(ctx, "other", "subject-b", 3, time.Minute, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := s.ClearSignInSubject(ctx, "subject-a"); err != nil {
			t.Fatal(err)
		}
		if c := count("a", time.Minute, time.Hour); c.Failures != 1 {
			t.Fatalf("after clearing the subject: %+v", c)
		}
		if c, _ := s.CountSignInAttempt(ctx, "other", "subject-b", 3, time.Minute, time.Minute); c.Failures != 2 {
			t.Fatalf("another subject's key was cleared: %+v", c)
		}
		// Known places, and pruning.
		if known, err := s.SignInPlaceKnown(ctx, "place", time.Now().Add(-time.Hour)); err != nil || known {
			t.Fatalf("unknown place: %v %v", known, err)
		}
		if err := s.RememberSignInPlace(ctx, "place", "subject-a"); err != nil {
			t.Fatal(err)
		}
		if known, _ := s.SignInPlaceKnown(ctx, "place", time.Now().Add(-time.Hour)); !known {
			t.Fatal("a remembered place is not known")
		}
		if err := s.PruneSessions(ctx, time.Now().Add(2*time.Hour), time.Now().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if known, _ := s.SignInPlaceKnown(ctx, "place", time.Time{}); known {
			t.Fatal("pruning kept an old place")
		}
		if c := count("a", time.Minute, time.Hour); c.Failures != 1 {
			t.Fatalf("pruning kept an ended window: %+v", c)
		}
	})
}

func TestSetPasswordCanRevokeTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		acc := store.Account{Name: "Token Keeper", Email: "keeper@example.lk", Role: "reporter", PasswordHash: "h"}
		if err := s.CreateAccount(ctx, &acc, store.Change{Actor: "t", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateToken(ctx, acc.ID, "one", "hash-one", store.Change{Actor: "t"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPassword(ctx, acc.ID, "h2", false, store.Change{Actor: "t"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.TokenAccount(ctx, "hash-one"); err != nil {
			t.Fatalf("a change without revoking killed the token: %v", err)
		}
		if err := s.SetPassword(ctx, acc.ID, "h3", true, store.Change{Actor: "t"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.TokenAccount(ctx, "hash-one"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a token survived a change that revokes them: %v", err)
		}
	})
}
