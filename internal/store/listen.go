package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// ListenPages calls f with the page tags of every write committed by any
// node, as PostgreSQL delivers them through LISTEN/NOTIFY, until ctx ends.
// A lost connection is retried every second; changes made while it was down
// are unknown, so after a reconnection f is told PagesAll. ready, if not
// nil, is called once the first LISTEN is in place. On SQLite there is only
// one node, whose writes already reach OnPagesChanged, so it returns at once.
func (s *Store) ListenPages(ctx context.Context, ready func(), f func(tags []string)) error {
	if s.dialect != Postgres {
		if ready != nil {
			ready()
		}
		return nil
	}
	first := true
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, func() {
			if first {
				if ready != nil {
					ready()
				}
			} else {
				f([]string{PagesAll})
			}
			first = false
		}, f)
		if ctx.Err() != nil {
			return nil
		}
		slog.Warn("page change listener lost its connection; retrying", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
	return nil
}

// listenOnce holds one connection with LISTEN until it fails or ctx ends.
func (s *Store) listenOnce(ctx context.Context, listening func(), f func(tags []string)) error {
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var failure error
	conn.Raw(func(driverConn any) error {
		failure = waitForNotices(ctx, driverConn, s.pagesChannel, listening, f)
		// The connection carries a LISTEN: it must never return to the pool.
		return driver.ErrBadConn
	})
	return failure
}

func waitForNotices(ctx context.Context, driverConn any, channel string, listening func(), f func(tags []string)) error {
	if fc, ok := driverConn.(*fencedConn); ok {
		driverConn = fc.Conn
	}
	pc, ok := driverConn.(*stdlib.Conn)
	if !ok {
		return errors.New("store: the PostgreSQL driver is not pgx")
	}
	c := pc.Conn()
	if _, err := c.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	listening()
	for {
		n, err := c.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		f(strings.Fields(n.Payload))
	}
}
