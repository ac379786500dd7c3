package store

import "context"

// PublishedVideoByFile returns the id of the newest published video story
// that shows the uploaded file fileID, or ErrNotFound when none does: a file
// of a draft, an unpublished story or no story at all is not for readers.
func (s *Store) PublishedVideoByFile(ctx context.Context, fileID int64) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, s.q.PublishedVideoByFile, fileID).Scan(&id)
	return id, err
}
