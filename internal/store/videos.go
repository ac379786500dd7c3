package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"dateline/internal/news"
)

// CreateProgramme adds a programme with its slots; a taken slug is ErrConflict.
func (s *Store) CreateProgramme(ctx context.Context, p *news.Programme, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		s.touch(tx, PagesVideos) // programme pages and episode lists
		if err := tx.QueryRowContext(ctx, s.q.InsertProgramme, p.Slug, p.Name, p.Description, p.Lang, dbTime(time.Now())).Scan(&p.ID); err != nil {
			return err
		}
		for i := range p.Slots {
			sl := &p.Slots[i]
			sl.ProgrammeID = p.ID
			if err := tx.QueryRowContext(ctx, s.q.InsertSlot, p.ID, sl.Slug, sl.Name, sl.Position).Scan(&sl.ID); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, ch, "programme", p.ID, "", "")
	})
}

// AddSlot adds a slot to a programme.
func (s *Store) AddSlot(ctx context.Context, sl *news.Slot, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		s.touch(tx, PagesVideos) // programme pages and episode lists
		if err := tx.QueryRowContext(ctx, s.q.InsertSlot, sl.ProgrammeID, sl.Slug, sl.Name, sl.Position).Scan(&sl.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "programme", sl.ProgrammeID, "", "slot "+sl.Name)
	})
}

// UpdateProgramme saves a programme's own fields.
func (s *Store) UpdateProgramme(ctx context.Context, p news.Programme, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		s.touch(tx, PagesVideos) // programme pages and episode lists
		res, err := tx.ExecContext(ctx, s.q.UpdateProgramme, p.ID, p.Slug, p.Name, p.Description, p.Lang)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, ch, "programme", p.ID, "", "")
	})
}

func (s *Store) programme(ctx context.Context, query string, arg any) (news.Programme, error) {
	var p news.Programme
	if err := s.read.QueryRowContext(ctx, query, arg).Scan(&p.ID, &p.Slug, &p.Name, &p.Description, &p.Lang); err != nil {
		return p, err
	}
	rows, err := s.read.QueryContext(ctx, s.q.SlotsOfProgramme, p.ID)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var sl news.Slot
		if err := rows.Scan(&sl.ID, &sl.ProgrammeID, &sl.Slug, &sl.Name, &sl.Position); err != nil {
			return p, err
		}
		p.Slots = append(p.Slots, sl)
	}
	return p, rows.Err()
}

// ProgrammeBySlug returns a programme with its slots, or ErrNotFound.
func (s *Store) ProgrammeBySlug(ctx context.Context, slug string) (news.Programme, error) {
	return s.programme(ctx, s.q.ProgrammeBySlug, slug)
}

// ProgrammeByID returns a programme with its slots, or ErrNotFound.
func (s *Store) ProgrammeByID(ctx context.Context, id int64) (news.Programme, error) {
	return s.programme(ctx, s.q.ProgrammeByID, id)
}

// Programmes lists every programme (with slots) by name.
func (s *Store) Programmes(ctx context.Context) ([]news.Programme, error) {
	rows, err := s.read.QueryContext(ctx, s.q.Programmes)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var p news.Programme
		if err := rows.Scan(&p.ID, &p.Slug, &p.Name, &p.Description, &p.Lang); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, p.ID)
	}
	rows.Close()
	out := make([]news.Programme, 0, len(ids))
	for _, id := range ids {
		p, err := s.ProgrammeByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// VideoFile describes an uploaded video file.
type VideoFile struct {
	ID          int64
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
	path        string
	Created     time.Time
}

// pgChunk is how much of an upload goes to PostgreSQL per statement, so a
// large file never sits in memory whole.
const pgChunk = 4 << 20

// SaveVideoFile streams an upload into storage: a file in the data folder on
// SQLite, the database on PostgreSQL. max bounds the size; a larger upload
// is refused with ErrTooLarge after reading max+1 bytes, and nothing is kept.
func (s *Store) SaveVideoFile(ctx context.Context, filename string, r io.Reader, max int64) (VideoFile, error) {
	f := VideoFile{Filename: filename, ContentType: "video/mp4", Created: time.Now().UTC()}
	hash := sha256.New()
	limited := io.LimitReader(r, max+1)
	if s.dialect == SQLite {
		dir := filepath.Join(s.dataDir, "video")
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return f, err
		}
		tmp, err := os.CreateTemp(dir, ".upload-*")
		if err != nil {
			return f, err
		}
		defer os.Remove(tmp.Name())
		n, err := io.Copy(io.MultiWriter(tmp, hash), limited)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return f, err
		}
		if n > max {
			return f, ErrTooLarge
		}
		f.Size, f.SHA256 = n, hex.EncodeToString(hash.Sum(nil))
		f.path = filepath.Join("video", f.SHA256+".mp4")
		if err := os.Rename(tmp.Name(), filepath.Join(s.dataDir, f.path)); err != nil {
			return f, err
		}
		err = s.write.QueryRowContext(ctx, s.q.InsertVideoFile, f.Filename, f.ContentType, f.Size, f.SHA256, f.path, dbTime(f.Created)).Scan(&f.ID)
		return f, err
	}
	err := s.inTx(ctx, func(tx *dbTx) error {
		if err := tx.QueryRowContext(ctx, s.q.InsertVideoFile, f.Filename, f.ContentType, 0, "", "", dbTime(f.Created)).Scan(&f.ID); err != nil {
			return err
		}
		buf := make([]byte, pgChunk)
		for seq := 0; ; seq++ {
			n, err := io.ReadFull(limited, buf)
			if n > 0 {
				f.Size += int64(n)
				if f.Size > max {
					return ErrTooLarge
				}
				hash.Write(buf[:n])
				if _, err := tx.ExecContext(ctx, s.q.InsertVideoChunk, f.ID, seq, buf[:n]); err != nil {
					return err
				}
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				break
			}
			if err != nil {
				return err
			}
		}
		f.SHA256 = hex.EncodeToString(hash.Sum(nil))
		_, err := tx.ExecContext(ctx, s.q.FinishVideoFile, f.ID, f.Size, f.SHA256)
		return err
	})
	return f, err
}

// ErrTooLarge means an upload was over its limit.
var ErrTooLarge = errors.New("the upload is over the size limit")

// VideoFileByID returns a file's description, or ErrNotFound.
func (s *Store) VideoFileByID(ctx context.Context, id int64) (VideoFile, error) {
	var f VideoFile
	var created utc
	err := s.read.QueryRowContext(ctx, s.q.VideoFile, id).Scan(&f.ID, &f.Filename, &f.ContentType, &f.Size, &f.SHA256, &f.path, &created)
	f.Created = created.t
	return f, err
}

// OpenVideoFile returns a reader that can seek anywhere in the file, for
// range requests. On PostgreSQL it reads the bytes a window at a time.
func (s *Store) OpenVideoFile(ctx context.Context, f VideoFile) (io.ReadSeekCloser, error) {
	if f.path != "" {
		return os.Open(filepath.Join(s.dataDir, f.path))
	}
	return &dbVideoReader{ctx: ctx, s: s, id: f.ID, size: f.Size}, nil
}

// dbVideoReader reads a video stored in PostgreSQL one chunk row at a time.
type dbVideoReader struct {
	ctx    context.Context
	s      *Store
	id     int64
	size   int64
	off    int64
	window []byte
	winOff int64
}

func (r *dbVideoReader) Read(p []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	if r.off < r.winOff || r.off >= r.winOff+int64(len(r.window)) {
		seq := r.off / pgChunk
		var chunk []byte
		if err := r.s.read.QueryRowContext(r.ctx, r.s.q.VideoChunk, r.id, seq).Scan(&chunk); err != nil {
			return 0, err
		}
		if len(chunk) == 0 {
			return 0, io.ErrUnexpectedEOF
		}
		r.window, r.winOff = chunk, seq*pgChunk
	}
	n := copy(p, r.window[r.off-r.winOff:])
	r.off += int64(n)
	return n, nil
}

func (r *dbVideoReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += r.size
	default:
		return 0, fmt.Errorf("store: bad whence %d", whence)
	}
	if offset < 0 {
		return 0, errors.New("store: seek before the start of the file")
	}
	r.off = offset
	return offset, nil
}

func (r *dbVideoReader) Close() error { return nil }
