package store

import (
	"context"
	"time"

	"dateline/internal/news"
)

// CreateStaff adds a staff member who can be credited in bylines. An empty
// email is stored as NULL so that several members may lack one.
func (s *Store) CreateStaff(ctx context.Context, a *news.Author, email, bio string) error {
	var mail any
	if email != "" {
		mail = email
	}
	err := s.write.QueryRowContext(ctx, s.q.get("insert-staff"), a.Slug, a.Name, mail, bio, dbTime(time.Now())).Scan(&a.ID)
	return mapError(err)
}

// StaffBySlug finds a staff member or returns ErrNotFound.
func (s *Store) StaffBySlug(ctx context.Context, slug string) (news.Author, error) {
	var a news.Author
	err := s.read.QueryRowContext(ctx, s.q.get("staff-by-slug"), slug).Scan(&a.ID, &a.Slug, &a.Name)
	return a, mapError(err)
}
