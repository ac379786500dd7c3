package store

import (
	"context"
	"strings"

	"dateline/internal/news"
)

// NewsroomFilter selects articles of any status for the newsroom list.
type NewsroomFilter struct {
	Status    news.Status // "" for all
	SectionID int64
	StaffID   int64  // owner or byline
	Search    string // words in the headline
	Lang      string // one edition's articles; "" for all
	OnlyOf    int64  // when set, only articles this member owns or writes (a reporter's own list)
	Limit     int
	Offset    int
}

// NewsroomItem is a row of the newsroom's article list.
type NewsroomItem struct {
	news.Article
	OwnerName string
}

// likePattern turns a search into a LIKE pattern that matches it literally.
func likePattern(q string) string {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return ""
	}
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}

// NewsroomList returns a page of articles for the newsroom, most recently
// changed first, and the number matching the filter.
func (s *Store) NewsroomList(ctx context.Context, f NewsroomFilter) ([]NewsroomItem, int, error) {
	args := []any{string(f.Status), f.SectionID, f.StaffID, likePattern(f.Search), f.Lang, f.OnlyOf}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q.NewsroomArticlesCount, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.read.QueryContext(ctx, s.q.NewsroomArticles, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []NewsroomItem
	for rows.Next() {
		var it NewsroomItem
		a, err := scanArticle(extraColumn{rows, &it.OwnerName}, false)
		if err != nil {
			return nil, 0, err
		}
		it.Article = a
		out = append(out, it)
	}
	return out, total, rows.Err()
}

// extraColumn scans one more column after the ones scanArticle asks for.
type extraColumn struct {
	row   scanner
	extra any
}

func (e extraColumn) Scan(dest ...any) error { return e.row.Scan(append(dest, e.extra)...) }
