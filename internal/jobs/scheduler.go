// Package jobs runs Dateline's background work: the Runner starts and
// stops a process's loops in one order, and the Scheduler publishes
// scheduled articles and prunes expired sessions. Every loop stops when its
// context ends.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"dateline/internal/store"
)

// PublishDue publishes every scheduled article whose time has come and
// returns how many this node published. Several nodes may run it at once:
// the store's version check lets exactly one of them publish each article.
func PublishDue(ctx context.Context, st *store.Store, now time.Time) (int, error) {
	ids, err := st.DueScheduled(ctx, now, 100)
	if err != nil {
		return 0, err
	}
	published := 0
	for _, id := range ids {
		ok, err := st.PublishScheduled(ctx, id, now)
		if err != nil {
			return published, err
		}
		if ok {
			published++
			slog.Info("published scheduled article", "id", id)
		}
	}
	return published, nil
}

// Scheduler runs PublishDue every Interval and prunes sessions hourly.
type Scheduler struct {
	Store    *store.Store
	Interval time.Duration // how often to look for due articles; 15 s keeps "within a minute"
}

// Run loops until ctx ends.
func (s Scheduler) Run(ctx context.Context) {
	interval := s.Interval
	if interval <= 0 {
		interval = 15 * time.Second
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if _, err := PublishDue(ctx, s.Store, now); err != nil && ctx.Err() == nil {
				slog.Error("scheduled publishing", "err", err)
			}
		case now := <-prune.C:
			if err := s.Store.PruneSessions(ctx, now, now.Add(-store.SignInPlacesKept)); err != nil && ctx.Err() == nil {
				slog.Error("pruning sessions", "err", err)
			}
		}
	}
}
