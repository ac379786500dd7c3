package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
)

// GenerateCorpus adds n published articles in all three languages, spread
// evenly over the span before now, for the search benchmark: one in three
// is English (a demo story with a numbered headline, as Generate makes) and
// the rest Sinhala and Tamil copy made from word lists, with a few very
// common words and many rarer ones. The database must already hold the
// demo content (Seed). The same arguments give the same articles.
func GenerateCorpus(ctx context.Context, st *store.Store, md *markup.Renderer, n int, span time.Duration, now time.Time) error {
	secs, err := st.Sections(ctx)
	if err != nil {
		return err
	}
	sections := map[string]news.Section{}
	for _, s := range secs {
		sections[s.Slug] = s
	}
	authors := map[string]news.Author{}
	for _, a := range Authors {
		if authors[a.Slug], err = st.StaffBySlug(ctx, a.Slug); err != nil {
			return fmt.Errorf("generate needs the demo staff (run Seed first): %w", err)
		}
	}
	english := make([]news.Article, len(Stories))
	for i, s := range Stories {
		if english[i], err = article(s, sections, authors, nil, md, now); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(7, uint64(n)))
	writers := map[string]*copyWriter{"si": {words: sinhalaWords(), rng: rng}, "ta": {words: tamilWords(), rng: rng}}
	const batch = 2000
	step := span / time.Duration(max(n, 1))
	for start := 0; start < n; start += batch {
		list := make([]news.Article, 0, batch)
		for i := start; i < min(n, start+batch); i++ {
			var a news.Article
			switch i % 3 {
			case 0:
				a = english[(i/3)%len(english)]
				a.Headline = fmt.Sprintf("%s (%d)", a.Headline, i+1)
				a.Tags = append([]news.Tag(nil), a.Tags...)
			default:
				lang := []string{"si", "ta"}[i%3-1]
				if a, err = writers[lang].article(md, secs[i%len(secs)], lang); err != nil {
					return err
				}
			}
			a.Slug = news.Slugify(a.Headline)
			a.PublishedAt = now.Add(-span + time.Duration(i)*step).Truncate(time.Second)
			a.CreatedAt, a.UpdatedAt = a.PublishedAt, a.PublishedAt
			list = append(list, a)
		}
		if err := st.ImportArticles(ctx, list); err != nil {
			return err
		}
	}
	return nil
}

// copyWriter strings words from one language's list into sentences.
type copyWriter struct {
	words []string
	rng   *rand.Rand
}

// word picks a word, the list's first words far more often than its last.
func (c *copyWriter) word() string {
	return c.words[int(float64(len(c.words))*math.Pow(c.rng.Float64(), 2.5))]
}

// sentence is between lo and hi words ending in a full stop, as Sinhala and
// Tamil news copy punctuates.
func (c *copyWriter) sentence(lo, hi int) string {
	n := lo + c.rng.IntN(hi-lo+1)
	words := make([]string, n)
	for i := range words {
		words[i] = c.word()
	}
	return strings.Join(words, " ") + "."
}

func (c *copyWriter) article(md *markup.Renderer, sec news.Section, lang string) (news.Article, error) {
	headline := strings.TrimSuffix(c.sentence(5, 9), ".")
	var body strings.Builder
	for p := 0; p < 3+c.rng.IntN(3); p++ {
		for s := 0; s < 2+c.rng.IntN(3); s++ {
			body.WriteString(c.sentence(6, 14) + " ")
		}
		body.WriteString("\n\n")
	}
	html, err := md.Render(body.String())
	if err != nil {
		return news.Article{}, err
	}
	// Tags come from the topical part of the list, past the common words.
	tags := []news.Tag{{Name: c.words[20+c.rng.IntN(len(c.words)-20)]}, {Name: c.words[20+c.rng.IntN(len(c.words)-20)]}}
	return news.Article{Headline: headline, Summary: c.sentence(14, 22), BodyMarkdown: body.String(), BodyHTML: string(html),
		Section: sec, Tags: tags, Lang: lang, Status: news.StatusPublished}, nil
}
