package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dateline/internal/news"
)

// MediaFile is one rendition of an image ("page", "card", "thumb").
type MediaFile struct {
	Variant     string
	ContentType string
	Width       int
	Height      int
	SHA256      string
	Bytes       []byte
}

// CreateMedia stores an image's renditions, made by the caller (desk.Renditions), and sets img.ID (and its Width and
// Height from the "page" rendition). On SQLite each file is written to the
// data folder under its content hash before the rows are committed, so a
// committed row always has its file; a failed commit may leave an unused file.
func (s *Store) CreateMedia(ctx context.Context, img *news.Image, files []MediaFile) error {
	if len(files) == 0 {
		return errors.New("store: an image needs at least one rendition")
	}
	paths := make([]string, len(files))
	for i := range files {
		f := &files[i]
		sum := sha256.Sum256(f.Bytes)
		f.SHA256 = hex.EncodeToString(sum[:])
		if s.dialect == SQLite {
			rel, err := s.writeMediaFile(f.SHA256, img.Ext, f.Bytes)
			if err != nil {
				return err
			}
			paths[i] = rel
		}
		if f.Variant == "page" {
			img.Width, img.Height = f.Width, f.Height
		}
	}
	return s.inTx(ctx, func(tx *dbTx) error {
		if err := tx.QueryRowContext(ctx, s.q.InsertMedia, img.Filename, img.Ext, dbTime(time.Now())).Scan(&img.ID); err != nil {
			return err
		}
		for i, f := range files {
			var data any // NULL on SQLite, where the file holds the bytes
			if s.dialect == Postgres {
				data = f.Bytes
			}
			if _, err := tx.ExecContext(ctx, s.q.InsertMediaFile, img.ID, f.Variant, f.ContentType,
				f.Width, f.Height, f.SHA256, len(f.Bytes), paths[i], data); err != nil {
				return fmt.Errorf("store rendition %s: %w", f.Variant, err)
			}
		}
		return nil
	})
}

// writeMediaFile writes bytes to media/ab/abcdef....ext in the data folder
// through a temporary file and a rename, so a reader never sees half a file.
func (s *Store) writeMediaFile(sum, ext string, data []byte) (string, error) {
	rel := filepath.Join("media", sum[:2], sum+ext)
	full := filepath.Join(s.dataDir, rel)
	if _, err := os.Stat(full); err == nil {
		return rel, nil // same bytes already stored
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o750); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(full), ".upload-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return rel, os.Rename(tmp.Name(), full)
}

// Image returns a stored image's name (not its size or bytes), or
// ErrNotFound, for pages that name an image rather than show it.
func (s *Store) Image(ctx context.Context, id int64) (news.Image, error) {
	var img news.Image
	err := s.read.QueryRowContext(ctx, s.q.MediaByID, id).Scan(&img.ID, &img.Filename, &img.Ext)
	return img, err
}

// MediaFile returns an image and one rendition with its bytes, or ErrNotFound.
func (s *Store) MediaFile(ctx context.Context, id int64, variant string) (news.Image, MediaFile, error) {
	var img news.Image
	var f MediaFile
	var size int
	var path string
	err := s.read.QueryRowContext(ctx, s.q.MediaFile, id, variant).
		Scan(&img.ID, &img.Filename, &img.Ext, &f.ContentType, &f.Width, &f.Height, &f.SHA256, &size, &path, &f.Bytes)
	if err != nil {
		return img, f, err
	}
	f.Variant = variant
	if path != "" {
		if f.Bytes, err = os.ReadFile(filepath.Join(s.dataDir, path)); err != nil {
			return img, f, fmt.Errorf("store: read media file %s: %w", path, err)
		}
	}
	return img, f, nil
}
