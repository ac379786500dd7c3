package newsroom

import (
	"testing"
	"time"

	"dateline/internal/news"
)

// TestPreviewDates: the preview dates a story as the desk and the scheduler
// will, so the dateline it shows is the one readers get.
func TestPreviewDates(t *testing.T) {
	now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	first := now.Add(-48 * time.Hour)
	typed := now.Add(5 * time.Hour)
	stored := now.Add(24 * time.Hour)
	for _, tc := range []struct {
		name               string
		article            news.Article
		at                 time.Time
		published, updated time.Time
		dated              Dating
	}{
		{"a new story", news.Article{}, time.Time{}, now, now, DatedNow},
		{"a draft with a time typed", news.Article{Status: news.StatusDraft}, typed, typed, typed, DatedScheduled},
		{"a scheduled story", news.Article{Status: news.StatusScheduled, ScheduledAt: stored}, time.Time{}, stored, stored, DatedScheduled},
		{"a scheduled story, moved", news.Article{Status: news.StatusScheduled, ScheduledAt: stored}, typed, typed, typed, DatedScheduled},
		{"a published story", news.Article{Status: news.StatusPublished, PublishedAt: first}, time.Time{}, first, now, DatedPublished},
		// The scheduler keeps the first publication time of a story that
		// was out before (store.PublishScheduled).
		{"an unpublished story, rescheduled", news.Article{Status: news.StatusUnpublished, PublishedAt: first}, typed, first, now, DatedPublished},
	} {
		published, updated, dated := previewDates(tc.article, tc.at, now)
		if !published.Equal(tc.published) || !updated.Equal(tc.updated) || dated != tc.dated {
			t.Errorf("%s: published %v, updated %v, %s; want %v, %v, %s", tc.name, published, updated, dated, tc.published, tc.updated, tc.dated)
		}
	}
}
