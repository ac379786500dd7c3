package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"dateline/internal/news"
)

// Media is a stored file with its bytes.
type Media struct {
	news.Image
	SHA256 string
	Bytes  []byte
}

// CreateMedia stores an image and sets img.ID.
func (s *Store) CreateMedia(ctx context.Context, img *news.Image, data []byte) error {
	sum := sha256.Sum256(data)
	err := s.write.QueryRowContext(ctx, s.q.get("insert-media"), img.Filename, img.ContentType,
		img.Width, img.Height, hex.EncodeToString(sum[:]), data, dbTime(time.Now())).Scan(&img.ID)
	return mapError(err)
}

// Media returns a stored file or ErrNotFound.
func (s *Store) Media(ctx context.Context, id int64) (Media, error) {
	var m Media
	err := s.read.QueryRowContext(ctx, s.q.get("media-by-id"), id).
		Scan(&m.ID, &m.Filename, &m.ContentType, &m.Width, &m.Height, &m.SHA256, &m.Bytes)
	return m, mapError(err)
}
