package desk

import (
	"strings"

	"dateline/internal/news"
)

// MaxTag bounds a tag's name, in bytes.
const MaxTag = 60

// tagsOf turns the tag names of a draft into a story's tags, every kind
// alike: blank names and repeats (by slug) are dropped, and a name that is
// too long is reported to problem rather than cut.
func tagsOf(names []string, tags []news.Tag, problem func(string, ...any)) []news.Tag {
	tags = tags[:0]
	seen := map[string]bool{}
	for _, t := range names {
		t = strings.TrimSpace(t)
		if t == "" || seen[news.Slugify(t)] {
			continue
		}
		if len(t) > MaxTag {
			problem("The tag %q is longer than %d characters.", truncate(t, MaxTag), MaxTag)
			continue
		}
		seen[news.Slugify(t)] = true
		tags = append(tags, news.Tag{Name: t})
	}
	return tags
}
