package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// connectTimeout bounds one attempt to open a PostgreSQL connection when
// DATABASE_URL does not set connect_timeout. Without it a server that drops
// packets (rather than refusing the connection) would hold each request
// until the operating system gives up, minutes later; with it a request
// answers 503 within seconds.
const connectTimeout = 5 * time.Second

func openPostgres(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: DATABASE_URL: %w", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to PostgreSQL: %w", err)
	}
	// Page-change notices go out on a channel named for the schema, so
	// sites (or test runs) sharing one database never hear each other's.
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: read the current schema: %w", err)
	}
	return &Store{dialect: Postgres, write: db, read: &readPool{DB: db}, pagesChannel: pagesChannel(schema)}, nil
}
