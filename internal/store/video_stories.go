package store

import (
	"context"
	"time"

	"dateline/internal/news"
)

func videoRefs(v *news.Video) (section, thumb, programme, slot any) {
	if v.Section != nil {
		section = nullID(v.Section.ID)
	}
	if v.Thumbnail != nil {
		thumb = nullID(v.Thumbnail.ID)
	}
	if v.Programme != nil {
		programme = nullID(v.Programme.ID)
	}
	if v.Slot != nil {
		slot = nullID(v.Slot.ID)
	}
	return
}

// CreateVideo inserts a video story with its tags and audits it.
func (s *Store) CreateVideo(ctx context.Context, v *news.Video, ch Change) error {
	now := time.Now().UTC()
	v.CreatedAt, v.UpdatedAt = now, now
	if v.Slug == "" {
		v.Slug = news.Slugify(v.Title)
	}
	sec, thumb, prog, slot := videoRefs(v)
	return s.inTx(ctx, func(tx *dbTx) error {
		err := tx.QueryRowContext(ctx, s.q.InsertVideo, v.Slug, v.Title, v.CustomTitle, v.Summary, v.Lang, sec,
			string(v.Status), v.Provider, v.ProviderID, v.ProviderHash, int(v.Start.Seconds()), nullID(v.FileID), thumb,
			int(v.Duration.Seconds()), prog, slot, v.AirDate, nullID(v.OwnerID),
			dbTime(v.PublishedAt), dbTime(v.CreatedAt), dbTime(v.UpdatedAt)).Scan(&v.ID)
		if err == nil {
			err = s.touchVideo(ctx, tx, v.ID)
		}
		if err != nil {
			return err
		}
		v.Version = 1
		if err := s.writeVideoTags(ctx, tx, v); err != nil {
			return err
		}
		if err := s.reindexVideo(ctx, tx, v.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "video", v.ID, "", string(v.Status))
	})
}

// UpdateVideo saves a video story if v.Version is still current (else
// ErrStale), replaces its tags and audits the change.
func (s *Store) UpdateVideo(ctx context.Context, v *news.Video, ch Change) error {
	v.UpdatedAt = time.Now().UTC()
	sec, thumb, prog, slot := videoRefs(v)
	return s.inTx(ctx, func(tx *dbTx) error {
		var before news.Status
		var version int
		if err := tx.QueryRowContext(ctx, s.q.VideoStatusVersion, v.ID).Scan(&before, &version); err != nil {
			return err
		}
		if err := s.touchVideo(ctx, tx, v.ID); err != nil {
			return err
		}
		if version != v.Version {
			return ErrStale
		}
		res, err := tx.ExecContext(ctx, s.q.UpdateVideo, v.ID, v.Slug, v.Title, v.CustomTitle, v.Summary, v.Lang, sec,
			string(v.Status), v.Provider, v.ProviderID, v.ProviderHash, int(v.Start.Seconds()), nullID(v.FileID), thumb,
			int(v.Duration.Seconds()), prog, slot, v.AirDate, dbTime(v.PublishedAt), dbTime(v.UpdatedAt), v.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrStale
		}
		v.Version++
		if _, err := tx.ExecContext(ctx, s.q.DeleteVideoTags, v.ID); err != nil {
			return err
		}
		if err := s.writeVideoTags(ctx, tx, v); err != nil {
			return err
		}
		if err := s.reindexVideo(ctx, tx, v.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "video", v.ID, string(before), string(v.Status))
	})
}

func (s *Store) writeVideoTags(ctx context.Context, tx *dbTx, v *news.Video) error {
	seen := map[int64]bool{}
	for i := range v.Tags {
		if err := s.ensureTag(ctx, tx, &v.Tags[i]); err != nil {
			return err
		}
		if seen[v.Tags[i].ID] {
			continue
		}
		seen[v.Tags[i].ID] = true
		if _, err := tx.ExecContext(ctx, s.q.InsertVideoTag, v.ID, v.Tags[i].ID, i); err != nil {
			return err
		}
	}
	return nil
}

// DeleteVideo removes a video story and audits it.
func (s *Store) DeleteVideo(ctx context.Context, id int64, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		var before news.Status
		var version int
		if err := tx.QueryRowContext(ctx, s.q.VideoStatusVersion, id).Scan(&before, &version); err != nil {
			return err
		}
		if err := s.touchVideo(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q.UnlinkVideoFromArticles, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q.DeleteVideo, id); err != nil {
			return err
		}
		if err := s.unindex(ctx, tx, SearchVideo, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "video", id, string(before), "deleted")
	})
}

// Video returns a video story of any status, or ErrNotFound.
func (s *Store) Video(ctx context.Context, id int64) (news.Video, error) {
	var v news.Video
	var sec news.Section
	var thumb news.Image
	var prog news.Programme
	var slot news.Slot
	var start, dur int
	var pub, created, updated utc
	err := s.read.QueryRowContext(ctx, s.q.VideoByID, id).Scan(&v.ID, &v.Slug, &v.Title, &v.CustomTitle, &v.Summary, &v.Lang,
		&sec.ID, &sec.Slug, &sec.Name, &v.Status, &v.Provider, &v.ProviderID, &v.ProviderHash, &start,
		&v.FileID, &v.FileName, &thumb.ID, &thumb.Filename, &thumb.Ext, &dur,
		&prog.ID, &prog.Slug, &prog.Name, &slot.ID, &slot.Slug, &slot.Name, &v.AirDate,
		&v.OwnerID, &v.Version, &pub, &created, &updated)
	if err != nil {
		return v, err
	}
	v.Start, v.Duration = time.Duration(start)*time.Second, time.Duration(dur)*time.Second
	v.PublishedAt, v.CreatedAt, v.UpdatedAt = pub.t, created.t, updated.t
	if sec.ID != 0 {
		v.Section = &sec
	}
	if thumb.ID != 0 {
		thumb.Width, thumb.Height = 480, 270
		v.Thumbnail = &thumb
	}
	if prog.ID != 0 {
		v.Programme = &prog
	}
	if slot.ID != 0 {
		slot.ProgrammeID = prog.ID
		v.Slot = &slot
	}
	rows, err := s.read.QueryContext(ctx, s.q.TagsOfVideo, id)
	if err != nil {
		return v, err
	}
	defer rows.Close()
	for rows.Next() {
		var t news.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return v, err
		}
		v.Tags = append(v.Tags, t)
	}
	return v, rows.Err()
}

// PublishedVideo returns a video story only if readers may see it.
func (s *Store) PublishedVideo(ctx context.Context, id int64) (news.Video, error) {
	v, err := s.Video(ctx, id)
	if err == nil && v.Status != news.StatusPublished {
		return news.Video{}, ErrNotFound
	}
	return v, err
}

// VideoFilter selects published video stories.
type VideoFilter struct {
	Lang        string
	ProgrammeID int64
	Limit       int
	Offset      int
}

// PublishedVideos lists published video stories, newest first, and counts them.
func (s *Store) PublishedVideos(ctx context.Context, f VideoFilter) ([]news.Video, int, error) {
	var total int
	if err := s.read.QueryRowContext(ctx, s.q.PublishedVideosCount, f.Lang, f.ProgrammeID).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := s.videosByIDs(ctx, s.q.PublishedVideos, f.Lang, f.ProgrammeID, f.Limit, f.Offset)
	return list, total, err
}

// ProgrammeEpisodes lists a programme's published episodes by air date, newest first.
func (s *Store) ProgrammeEpisodes(ctx context.Context, programmeID int64, limit, offset int) ([]news.Video, int, error) {
	var total int
	if err := s.read.QueryRowContext(ctx, s.q.PublishedVideosCount, "", programmeID).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := s.videosByIDs(ctx, s.q.ProgrammeEpisodes, programmeID, limit, offset)
	return list, total, err
}

// NewsroomVideos lists video stories of any status (or one), most recently changed first.
func (s *Store) NewsroomVideos(ctx context.Context, status string, onlyOf int64, limit, offset int) ([]news.Video, int, error) {
	var total int
	if err := s.read.QueryRowContext(ctx, s.q.NewsroomVideosCount, status, onlyOf).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := s.videosByIDs(ctx, s.q.NewsroomVideos, status, onlyOf, limit, offset)
	return list, total, err
}

// videosByIDs runs a query that selects ids and loads each video. Pages are
// small (at most a few dozen), so one query per video keeps the SQL plain.
func (s *Store) videosByIDs(ctx context.Context, query string, args ...any) ([]news.Video, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]news.Video, 0, len(ids))
	for _, id := range ids {
		v, err := s.Video(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// SetArticleVideo embeds a video story in an article (0 removes it).
func (s *Store) SetArticleVideo(ctx context.Context, articleID, videoID int64, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		res, err := tx.ExecContext(ctx, s.q.SetArticleVideo, articleID, nullID(videoID))
		if err != nil {
			return err
		}
		s.touch(tx, PagesArticle(articleID))
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, ch, "article", articleID, "", "video")
	})
}

// ArticleVideo returns the id of the video story an article embeds (0: none).
func (s *Store) ArticleVideo(ctx context.Context, articleID int64) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, s.q.ArticleVideo, articleID).Scan(&id)
	return id, err
}
