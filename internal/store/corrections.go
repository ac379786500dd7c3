package store

import (
	"context"
	"time"

	"dateline/internal/news"
)

// AddCorrection appends a dated note to an article and bumps its modified
// time (and version), in one transaction with the audit entry.
func (s *Store) AddCorrection(ctx context.Context, articleID int64, c *news.Correction, ch Change) error {
	c.CreatedAt = time.Now().UTC()
	return s.inTx(ctx, func(tx *dbTx) error {
		var status string
		if err := tx.QueryRowContext(ctx, s.q.BumpArticle, articleID, dbTime(c.CreatedAt)).Scan(&status); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q.InsertCorrection, articleID, string(c.Kind), c.Body,
			nullID(ch.StaffID), dbTime(c.CreatedAt)).Scan(&c.ID); err != nil {
			return err
		}
		if err := s.touchArticle(ctx, tx, articleID); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "article", articleID, status, status)
	})
}

// Corrections lists an article's notes, oldest first.
func (s *Store) Corrections(ctx context.Context, articleID int64) ([]news.Correction, error) {
	rows, err := s.read.QueryContext(ctx, s.q.CorrectionsOfArticle, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []news.Correction
	for rows.Next() {
		var c news.Correction
		var at utc
		if err := rows.Scan(&c.ID, &c.Kind, &c.Body, &at); err != nil {
			return nil, err
		}
		c.CreatedAt = at.t
		out = append(out, c)
	}
	return out, rows.Err()
}
