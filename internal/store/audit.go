package store

import (
	"context"
	"time"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID           int64
	At           time.Time
	StaffID      int64
	Actor        string
	Action       string
	ObjectType   string
	ObjectID     int64
	BeforeStatus string
	AfterStatus  string
	Detail       string
}

// audit writes a log entry inside the transaction of the change it records,
// so a change and its entry are stored together or not at all.
func (s *Store) audit(ctx context.Context, tx *dbTx, ch Change, objectType string, objectID int64, before, after string) error {
	_, err := tx.ExecContext(ctx, s.q.InsertAudit, dbTime(time.Now()), nullID(ch.StaffID), ch.Actor, ch.Action,
		objectType, objectID, before, after, ch.Detail)
	return err
}

// Audit records a change that has no other row to write (a login, a token
// revoked elsewhere) in its own transaction.
func (s *Store) Audit(ctx context.Context, ch Change, objectType string, objectID int64, before, after string) error {
	return s.inTx(ctx, func(tx *dbTx) error { return s.audit(ctx, tx, ch, objectType, objectID, before, after) })
}

// AuditFilter narrows the log to one kind of object or one object.
type AuditFilter struct {
	ObjectType string
	ObjectID   int64
	Limit      int
	Offset     int
}

// AuditLog returns log entries, newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	rows, err := s.read.QueryContext(ctx, s.q.AuditPage, f.ObjectType, f.ObjectID, f.Limit, f.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at utc
		if err := rows.Scan(&e.ID, &at, &e.StaffID, &e.Actor, &e.Action, &e.ObjectType, &e.ObjectID,
			&e.BeforeStatus, &e.AfterStatus, &e.Detail); err != nil {
			return nil, err
		}
		e.At = at.t
		out = append(out, e)
	}
	return out, rows.Err()
}
