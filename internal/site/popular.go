package site

import (
	"context"
	"log/slog"

	"dateline/internal/popularity"
	"dateline/internal/views"
)

// PopularLists are the Most Viewed sidebars: articles over 24 hours and video
// stories over 7 days, in the page's language.
type PopularLists struct {
	Articles []views.Item
	Videos   []views.Item
}

// sidebarLength is how many items each Most Viewed list shows.
const sidebarLength = 5

// popular fills the sidebars. A failure leaves them empty rather than
// failing the page: the lists are a courtesy, the story is the page.
func (s *Site) popular(ctx context.Context, lang string) PopularLists {
	var p PopularLists
	var err error
	if p.Articles, err = s.rankings.Top(ctx, popularity.Article, popularity.Day, lang, sidebarLength); err != nil {
		slog.WarnContext(ctx, "most viewed articles", "err", err)
	}
	if p.Videos, err = s.rankings.Top(ctx, popularity.Video, popularity.Week, lang, sidebarLength); err != nil {
		slog.WarnContext(ctx, "most viewed videos", "err", err)
	}
	return p
}
