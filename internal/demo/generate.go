package demo

import (
	"context"
	"fmt"
	"time"

	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
)

// Generate adds n published articles made from the demo stories, for
// benchmarks and load tests: each copy gets a numbered headline and its own
// time, spread evenly over the span before now. The database must already
// hold the demo content (Seed). Bodies are rendered once per demo story.
func Generate(ctx context.Context, st *store.Store, md *markup.Renderer, n int, span time.Duration, now time.Time) error {
	sections := map[string]news.Section{}
	secs, err := st.Sections(ctx)
	if err != nil {
		return err
	}
	for _, s := range secs {
		sections[s.Slug] = s
	}
	authors := map[string]news.Author{}
	for _, a := range Authors {
		au, err := st.StaffBySlug(ctx, a.Slug)
		if err != nil {
			return fmt.Errorf("generate needs the demo staff (run Seed first): %w", err)
		}
		authors[a.Slug] = au
	}
	templates := make([]news.Article, len(Stories))
	for i, s := range Stories {
		if templates[i], err = article(s, sections, authors, nil, md, now); err != nil {
			return err
		}
	}
	const batch = 2000
	step := span / time.Duration(max(n, 1))
	for start := 0; start < n; start += batch {
		list := make([]news.Article, 0, batch)
		for i := start; i < min(n, start+batch); i++ {
			a := templates[i%len(templates)]
			a.Headline = fmt.Sprintf("%s (%d)", a.Headline, i+1)
			a.Slug = news.Slugify(a.Headline)
			a.PublishedAt = now.Add(-span + time.Duration(i)*step).Truncate(time.Second)
			a.CreatedAt, a.UpdatedAt = a.PublishedAt, a.PublishedAt
			a.Tags = append([]news.Tag(nil), a.Tags...)
			list = append(list, a)
		}
		if err := st.ImportArticles(ctx, list); err != nil {
			return err
		}
	}
	return nil
}
