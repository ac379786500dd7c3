package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
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

// DefaultMaxConns is the size of a node's PostgreSQL pool when
// Options.MaxConns (DATELINE_DB_MAX_CONNS) is zero.
const DefaultMaxConns = 20

func openPostgres(ctx context.Context, o Options) (*Store, error) {
	cfg, err := pgx.ParseConfig(o.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("store: DATABASE_URL: %w", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	s := &Store{dialect: Postgres, pgConfig: cfg, servingWatch: o.ServingWatch, lost: make(chan struct{})}
	if s.servingWatch <= 0 {
		s.servingWatch = DefaultServingWatch
	}
	// The pool's connections refuse queries while the serving lock is lost
	// (see HoldServing); the lock's own connection is not one of them.
	db := sql.OpenDB(fencedConnector{Connector: stdlib.GetConnector(*cfg), s: s})
	maxConns := o.MaxConns
	if maxConns <= 0 {
		maxConns = DefaultMaxConns
	}
	db.SetMaxOpenConns(maxConns)
	s.maxIdle = min(maxConns, 10)
	db.SetMaxIdleConns(s.maxIdle)
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
	s.write, s.read, s.pagesChannel, s.schema = dbPool{db}, &readPool{dbPool: dbPool{db}}, pagesChannel(schema), schema
	return s, nil
}

// MaxOpenConns is the size of the store's connection pool (PostgreSQL: the
// connections requests and jobs share, the page-change LISTEN included; the
// serving lock has one more of its own).
func (s *Store) MaxOpenConns() int { return s.write.Stats().MaxOpenConnections }

// fencedConnector hands out pgx connections that refuse every query while
// the store's serving lock is lost.
type fencedConnector struct {
	driver.Connector
	s *Store
}

func (c fencedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &fencedConn{Conn: conn.(*stdlib.Conn), s: c.s}, nil
}

// fencedConn is a pgx connection whose statements fail with ErrUnavailable
// while the store is fenced. Every other method is pgx's own.
type fencedConn struct {
	*stdlib.Conn
	s *Store
}

func (c *fencedConn) fence() error {
	if c.s.fenced.Load() {
		return &unavailable{errServingLockLost}
	}
	return nil
}

func (c *fencedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.fence(); err != nil {
		return nil, err
	}
	return c.Conn.PrepareContext(ctx, query)
}

func (c *fencedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := c.fence(); err != nil {
		return nil, err
	}
	return c.Conn.BeginTx(ctx, opts)
}

func (c *fencedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.fence(); err != nil {
		return nil, err
	}
	return c.Conn.ExecContext(ctx, query, args)
}

func (c *fencedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.fence(); err != nil {
		return nil, err
	}
	return c.Conn.QueryContext(ctx, query, args)
}
