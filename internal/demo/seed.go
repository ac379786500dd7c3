package demo

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"dateline/internal/desk"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
)

// Seed fills an empty database with the demo sections, staff, images and
// stories, publishing each story HoursAgo hours before now. A database that
// already has sections is left alone, so restarts with --demo are harmless;
// it reports whether it wrote anything.
func Seed(ctx context.Context, st *store.Store, md *markup.Renderer, now time.Time) (bool, error) {
	existing, err := st.Sections(ctx)
	if err != nil {
		return false, err
	}
	if len(existing) > 0 {
		return false, nil
	}
	sections := map[string]news.Section{}
	for i, s := range Sections {
		sec := news.Section{Slug: s.Slug, Name: s.Name, Description: s.Description, Position: i + 1}
		if err := st.CreateSection(ctx, &sec); err != nil {
			return false, fmt.Errorf("section %s: %w", s.Slug, err)
		}
		sections[s.Slug] = sec
	}
	authors := map[string]news.Author{}
	for _, a := range Authors {
		au := news.Author{Slug: a.Slug, Name: a.Name}
		if err := st.CreateStaff(ctx, &au, a.Email, a.Bio); err != nil {
			return false, fmt.Errorf("author %s: %w", a.Slug, err)
		}
		authors[a.Slug] = au
	}
	images := map[string]*news.Image{}
	for _, story := range Stories {
		if story.Image == "" || images[story.Image] != nil {
			continue
		}
		png, err := DrawImage(story.Image)
		if err != nil {
			return false, err
		}
		img, err := desk.SaveImage(ctx, st, story.Image+".png", png)
		if err != nil {
			return false, fmt.Errorf("image %s: %w", story.Image, err)
		}
		images[story.Image] = &img
	}
	ids := map[string]int64{} // English headline → id, for linking translations
	for _, story := range Stories {
		a, err := article(story, sections, authors, images, md, now)
		if err != nil {
			return false, err
		}
		if err := st.CreateArticle(ctx, &a, store.Change{Actor: "demo", Action: "create"}); err != nil {
			return false, fmt.Errorf("story %q: %w", story.Headline, err)
		}
		if a.Lang == "en" {
			ids[story.Headline] = a.ID
		}
	}
	if err := seedEditions(ctx, st, sections, ids); err != nil {
		return false, err
	}
	return true, nil
}

// seedEditions names the sections in Sinhala and Tamil and links each
// translated story with its English original.
func seedEditions(ctx context.Context, st *store.Store, sections map[string]news.Section, english map[string]int64) error {
	ch := store.Change{Actor: "demo", Action: "create"}
	for lang, names := range SectionNames {
		for slug, nd := range names {
			sec, ok := sections[slug]
			if !ok {
				return fmt.Errorf("section names: unknown section %q", slug)
			}
			if err := st.SetSectionName(ctx, store.SectionName{SectionID: sec.ID, Lang: lang, Name: nd[0], Description: nd[1]}, ch); err != nil {
				return err
			}
		}
	}
	for _, story := range Stories {
		if story.Translates == "" {
			continue
		}
		orig, ok := english[story.Translates]
		if !ok {
			return fmt.Errorf("story %q translates an unknown story %q", story.Headline, story.Translates)
		}
		// Find the translation by its headline among the stored articles of its edition.
		list, err := st.PublishedList(ctx, store.ListFilter{Lang: story.Lang, Limit: 1000})
		if err != nil {
			return err
		}
		for _, a := range list {
			if a.Headline == story.Headline {
				if err := st.LinkTranslation(ctx, orig, a.ID, ch); err != nil {
					return fmt.Errorf("link %q: %w", story.Headline, err)
				}
			}
		}
	}
	return nil
}

// article turns a demo Story into a published news.Article.
func article(s Story, sections map[string]news.Section, authors map[string]news.Author,
	images map[string]*news.Image, md *markup.Renderer, now time.Time) (news.Article, error) {
	sec, ok := sections[s.Section]
	if !ok {
		return news.Article{}, fmt.Errorf("story %q: unknown section %q", s.Headline, s.Section)
	}
	body, err := md.Render(s.Body)
	if err != nil {
		return news.Article{}, err
	}
	// Whole minutes read like a newsroom's timestamps.
	published := now.Add(-time.Duration(s.HoursAgo) * time.Hour).Truncate(time.Minute)
	a := news.Article{
		Headline: s.Headline, Slug: news.Slugify(s.Headline), Summary: s.Summary,
		BodyMarkdown: s.Body, BodyHTML: string(body), Section: sec,
		Source: news.Source{Agency: s.Agency, Name: s.Source}, Place: s.Place, Lang: cmp.Or(s.Lang, "en"),
		Image: images[s.Image], ImageCaption: s.ImageCaption, ImageCredit: s.ImageCredit,
		Status: news.StatusPublished, PublishedAt: published, CreatedAt: published, UpdatedAt: published,
	}
	for _, name := range s.Tags {
		a.Tags = append(a.Tags, news.Tag{Name: name})
	}
	for _, slug := range s.Authors {
		au, ok := authors[slug]
		if !ok {
			return a, fmt.Errorf("story %q: unknown author %q", s.Headline, slug)
		}
		a.Authors = append(a.Authors, au)
	}
	if err := a.Validate(); err != nil {
		return a, fmt.Errorf("story %q: %w", s.Headline, err)
	}
	return a, nil
}
