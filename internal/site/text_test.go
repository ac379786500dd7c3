package site

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/comments"
	"dateline/internal/config"
	"dateline/internal/i18n"
	"dateline/internal/moderation"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/views"
	"dateline/internal/web"
	"dateline/ui"
)

// templateSite is a Site with its templates and catalogues and nothing
// behind it: enough to render pages from hand-made data.
func templateSite(t *testing.T) *Site {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Colombo")
	if err != nil {
		t.Fatal(err)
	}
	assets, err := ui.LoadAssets()
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{SiteName: "Dateline", BaseURL: "https://dateline.example", Timezone: "Asia/Colombo", Location: loc}
	s, err := New(cfg, nil, assets, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// missingKey is how i18n.Catalogue.T shows a key it does not have.
var missingKey = regexp.MustCompile(`\[[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+\]`)

// TestPublicPagesSpeakEachLanguage renders every public page with each
// catalogue and checks that the page's words are that language's: no key
// is missing, dates use its month names, and none of the English interface
// phrases is left on a Sinhala or Tamil page.
func TestPublicPagesSpeakEachLanguage(t *testing.T) {
	s := templateSite(t)
	published := time.Date(2024, 4, 17, 7, 0, 0, 0, time.UTC) // 12:30 pm in Colombo
	local := news.Section{ID: 1, Slug: "local", Name: "Local"}
	authors := []news.Author{{Slug: "a", Name: "Nadeesha Fernando"}, {Slug: "b", Name: "Kumar Ponnambalam"}}
	story := news.Article{ID: 7, Slug: "floods", Headline: "Floods in the south", Summary: "Rain for a week.", Section: local,
		Tags: []news.Tag{{Slug: "monsoon", Name: "Monsoon"}}, Authors: authors, Source: news.Source{Agency: true, Name: "Reuters"},
		Place: "Galle", Lang: "en", PublishedAt: published, UpdatedAt: published.Add(26 * time.Hour),
		Corrections: []news.Correction{{Kind: news.KindCorrection, Body: "The river is the Gin.", CreatedAt: published.Add(2 * time.Hour)},
			{Kind: news.KindUpdate, Body: "Schools reopen.", CreatedAt: published.Add(26 * time.Hour)}}}
	prog := news.Programme{ID: 3, Slug: "news-in-brief", Name: "News in Brief", Lang: "en", Slots: []news.Slot{{Name: "Prime Time"}}}
	clip := news.Video{ID: 9, Slug: "bulletin", Title: "Bulletin", Lang: "si", Provider: "youtube", ProviderID: "dQw4w9WgXcQ",
		Duration: 245 * time.Second, Programme: &prog, AirDate: "2024-04-16", PublishedAt: published}
	popular := PopularLists{
		Articles: []views.Item{{Title: "Floods in the south", Path: story.Path(), Lang: "en"}},
		Videos:   []views.Item{{Title: "Bulletin", Path: clip.Path(), Lang: "si"}},
	}
	reply := store.Comment{ID: 12, ArticleID: 7, ParentID: 11, Name: "Ravi", Body: "Agreed.", CreatedAt: published.Add(time.Hour)}
	first := store.Comment{ID: 11, ArticleID: 7, Name: "Anoma", Body: "Stay safe, everyone.", CreatedAt: published.Add(30 * time.Minute)}
	refused := store.Comment{ID: 13, Name: "Sunil", Body: "THE RIVER ROSE AND NOBODY WARNED US", Status: store.CommentRejected}
	findings := []moderation.Finding{{Rule: moderation.AllCaps, Match: refused.Body, End: 35, Action: moderation.Reject},
		{Rule: moderation.OutsideLink, Match: "example.com", Start: 3, End: 14, Action: moderation.Reject},
		{Rule: moderation.Spam, Match: "sent 1.0 s after the form opened", Action: moderation.Hold}}

	for _, lang := range s.text.Langs() {
		text := s.text.Get(lang)
		frame := func(title string) Layout {
			return Layout{Text: text, SiteName: "Dateline", Title: title, Lang: lang, Sections: []news.Section{local},
				Year: 2024, Now: published, Zone: "Asia/Colombo", Canonical: "https://dateline.example/", FeedURL: "https://dateline.example/rss.xml"}
		}
		held := acceptedNotice(text, store.CommentPending)
		form := CommentFormView{ArticleID: 7, Lang: lang, Cancel: story.Path(), FormTime: "1.x"}
		player := s.player(text, clip)
		firstItem := s.commentItem(text, first)
		section := CommentSection{Threads: []CommentView{{CommentItem: firstItem, Replies: []CommentItem{s.commentItem(text, reply)}}}, Count: 2,
			Mode: comments.Post, OldestFirst: true, Notice: &held, Flagged: true, Reasons: flagReasons(text),
			Labels: commentLabels(text), Form: form}
		section.Form.ReplyTo, section.Form.ParentID = &firstItem, firstItem.ID
		refusedForm := form
		refusedForm.Name, refusedForm.Body = refused.Name, refused.Body
		section.ListHTML = commentListHTML(&section)
		pages := []struct {
			name string
			data any
		}{
			{"front", FrontPage{Layout: frame(""), Lead: &story, Latest: []news.Article{story}, Popular: popular,
				Blocks: []SectionBlock{{Section: local, Articles: []news.Article{story}}}}},
			{"article", ArticlePage{Layout: frame(story.Headline), Article: story, Related: []news.Article{story}, Popular: popular,
				Source: SourceLine(text, story.Source), Video: &player,
				Comments: section}},
			{"comment", CommentPage{Layout: frame(text.T("comment.page.title")), Heading: text.T("comment.page.about", "title", story.Headline),
				Back: story.Path(), Notice: storedNotice(text, refused, findings), Form: refusedForm, Resend: true}},
			{"comment (a copy)", CommentPage{Layout: frame(text.T("comment.page.title")), Heading: text.T("comment.page.title"),
				Back: story.Path(), Notice: refusedNotice(text, text.T("comment.notice.copy"), text.T("comments.closed")), Form: refusedForm}},
			{"flag", FlagPage{Layout: frame(text.T("flag.title")), Article: story, Comment: firstItem,
				Comments: CommentSection{Reasons: flagReasons(text)}, FlagAction: "/comments/1/flag"}},
			{"list", ListPage{Layout: frame("Monsoon"), Heading: "Monsoon", Kind: "tag", Articles: []news.Article{story}, Popular: popular,
				Pager: Pager{Page: 2, Last: 3, Total: 45, Prev: "/tag/monsoon", Next: "/tag/monsoon?page=3"}}},
			{"error", ErrorData{Layout: frame(text.T("error.not_found.title")), Status: 404, Message: text.T("error.no_route")}},
			{"video", VideoPage{Layout: frame(clip.Title), Video: clip, Heading: clip.Title, Duration: "4:05", ISODuration: "PT4M5S",
				Aired: airDate(clip, s.cfg.Location), AirDateISO: clip.AirDate, Player: player, Popular: popular,
				More: s.videoCards([]news.Video{clip})}},
			{"videos", VideosPage{Layout: frame("Video"), Heading: "Video", Videos: s.videoCards([]news.Video{clip}),
				Programme: &prog, Programmes: []news.Programme{prog}, Languages: []FilterLink{{Label: text.T("videos.all_languages"), URL: "/video"}},
				Pager: Pager{Page: 1, Last: 2, Next: "/video?page=2"}}},
			{"programme", ProgrammePage{Layout: frame(prog.Name), Programme: prog, Episodes: s.videoCards([]news.Video{clip}),
				Pager: Pager{Page: 1, Last: 2, Next: "/programme/news-in-brief?page=2"}}},
		}
		for _, p := range pages {
			body, err := s.tmpl.Render(strings.Fields(p.name)[0], p.data)
			if err != nil {
				t.Fatalf("%s page in %s: %v", p.name, lang, err)
			}
			page := string(body)
			if m := missingKey.FindAllString(page, -1); m != nil {
				t.Errorf("%s page in %s shows missing keys %q", p.name, lang, m)
			}
			if !strings.Contains(page, `<html lang="`+lang+`">`) {
				t.Errorf("%s page in %s does not declare lang=%q", p.name, lang, lang)
			}
			for _, want := range []string{text.LongDate(published), text.T("nav.home"), text.T("footer.zone.colombo")} {
				if !strings.Contains(page, escape(want)) {
					t.Errorf("%s page in %s lacks %q", p.name, lang, want)
				}
			}
			if lang == "en" {
				continue
			}
			for _, english := range []string{"Most Viewed", "Comments", "Source:", "Reply", "Send comment", "Before you comment",
				"Page 2 of", "Published", "Aired", "More from", "Watch on", "Skip to content", "Home", "Sri Lanka time",
				"Correction", "Update", "By ", "Flag", "April", "Wednesday", " pm", "(English)", "(Sinhala)", "Newer", "Older",
				"awaiting moderation", "not allowed", "not accepted", "Your comment", "still in the form", "Page not found", "Airs:", "Programmes", "Tag<"} {
				if strings.Contains(page, english) {
					t.Errorf("%s page in %s still says %q in English", p.name, lang, english)
				}
			}
		}
	}
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestArticlePageWordsInEachLanguage checks the pieces of the article page
// built in Go, language by language.
func TestArticlePageWordsInEachLanguage(t *testing.T) {
	s := templateSite(t)
	cases := []struct {
		lang, agency, staff string
	}{
		{"en", "Source: Reuters -Agencies", "Source: Staff"},
		{"si", "මූලාශ\u0dca\u200dරය: Reuters - පුවත් ඒජන්සි", "මූලාශ\u0dca\u200dරය: අපේ පුවත් අංශය"},
		{"ta", "மூலம்: Reuters - செய்தி முகவர்கள்", "மூலம்: எமது செய்திப் பிரிவு"},
	}
	for _, tc := range cases {
		text := s.text.Get(tc.lang)
		if got := SourceLine(text, news.Source{Agency: true, Name: " Reuters "}); got != tc.agency {
			t.Errorf("%s: agency line %q, want %q", tc.lang, got, tc.agency)
		}
		for _, staff := range []news.Source{{}, {Agency: true, Name: "  "}} {
			if got := SourceLine(text, staff); got != tc.staff {
				t.Errorf("%s: %+v gives %q, want %q", tc.lang, staff, got, tc.staff)
			}
		}
	}
	// English keeps the line news.Source.Line writes for feeds and the API.
	en := s.text.Get("en")
	for _, src := range []news.Source{{Agency: true, Name: "Reuters, AFP"}, {}, {Agency: true}} {
		if got, want := SourceLine(en, src), src.Line(); got != want {
			t.Errorf("English source line %q, news.Source.Line %q", got, want)
		}
	}
}

// TestEveryFlagReasonAndRuleHasWords: the flag form's choices and the
// checks' rules are named in code, so their catalogue keys are too; each
// must have its own words in every language.
func TestEveryFlagReasonAndRuleHasWords(t *testing.T) {
	s := templateSite(t)
	for _, lang := range s.text.Langs() {
		text := s.text.Get(lang)
		seen := map[string]string{}
		for _, r := range flagReasons(text) {
			if r.Label == r.Value || r.Label == "" || missingKey.MatchString(r.Label) {
				t.Errorf("%s: flag reason %q is labelled %q", lang, r.Value, r.Label)
			}
			if other, dup := seen[r.Label]; dup {
				t.Errorf("%s: flag reasons %q and %q share the label %q", lang, other, r.Value, r.Label)
			}
			seen[r.Label] = r.Value
		}
		if len(seen) != len(comments.FlagReasons) {
			t.Errorf("%s: %d labelled reasons for %d flag reasons", lang, len(seen), len(comments.FlagReasons))
		}
		for _, rule := range moderation.Rules {
			if got := findingText(text, rule); got == "" || missingKey.MatchString(got) {
				t.Errorf("%s: rule %q has no words for the reader (%q)", lang, rule, got)
			}
		}
	}
}

func TestFindingNotesKeepTheWordsThatTriggeredThem(t *testing.T) {
	en := templateSite(t).text.Get("en")
	cases := []struct {
		f    moderation.Finding
		want FindingNote
	}{
		{moderation.Finding{Rule: moderation.OutsideLink, Match: "example.com", Start: 5, End: 16, Reason: "Links to other websites are not allowed."},
			FindingNote{Text: "Links to other websites are not allowed.", Match: "example.com"}},
		// A name is checked too; its match is the name's offending word.
		{moderation.Finding{Rule: moderation.Obscene, Match: "fool", Reason: "The display name contains obscene or abusive language."},
			FindingNote{Text: "Obscene or abusive language is not allowed.", Match: "fool"}},
		// A spam signal's match is an English measurement, not the reader's words.
		{moderation.Finding{Rule: moderation.Spam, Match: "sent 0.4 s after the form opened", Reason: "The comment was sent too soon."},
			FindingNote{Text: "The comment looks like spam or like it was sent by a program."}},
		{moderation.Finding{Rule: moderation.Spam, Match: "!!!!!!!!!!", Start: 4, End: 14},
			FindingNote{Text: "The comment looks like spam or like it was sent by a program.", Match: "!!!!!!!!!!"}},
		// A rule the catalogues do not know yet keeps the checker's sentence.
		{moderation.Finding{Rule: "brand-new", Match: "x", Start: 0, End: 1, Reason: "A new rule."},
			FindingNote{Text: "A new rule.", Match: "x"}},
	}
	for _, tc := range cases {
		if got := findingNote(en, tc.f); got != tc.want {
			t.Errorf("%+v: got %+v, want %+v", tc.f, got, tc.want)
		}
	}
}

// TestErrorsAreSaidInThePagesLanguage: what handlers return is turned into
// the message the error page shows, in the catalogue's language.
func TestErrorsAreSaidInThePagesLanguage(t *testing.T) {
	b, err := i18n.Load(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	en, ta := b.Get("en"), b.Get("ta")
	keyed := &comments.InputError{Problems: []string{"Please give a display name.", "The comment is empty."},
		Keyed: []comments.Problem{{Key: "comment.error.name_missing"}, {Key: "comment.error.empty"}}}
	cases := []struct {
		name   string
		text   *i18n.Catalogue
		err    error
		status int
		msg    string
	}{
		{"a reader error", ta, fail(http.StatusTooManyRequests, "error.too_many"), 429, ta.T("error.too_many")},
		{"with arguments", en, fail(http.StatusRequestEntityTooLarge, "comment.error.too_long", "limit", 2000), 413,
			"The comment is far too long; the limit is 2000 characters."},
		{"a count", en, pastEnd(1, 4), 404, "This list has 1 page; page 4 does not exist."},
		{"a count in Tamil", ta, pastEnd(3, 9), 404, ta.N("error.past_end", 3, "page", 9)},
		{"wrapped", en, fmt.Errorf("flag: %w", fail(http.StatusConflict, "comment.error.already_flagged")), 409,
			"You have already flagged this comment. Thank you; the editors will look at it."},
		{"comment problems", ta, keyed, 400, ta.T("comment.error.name_missing") + " " + ta.T("comment.error.empty")},
		{"problems without keys stay in English", ta, &comments.InputError{Problems: []string{"The mode must be pre, post or closed."}}, 400,
			"The mode must be pre, post or closed."},
		{"comments closed", ta, comments.ErrClosed, 403, ta.T("comments.closed")},
		{"banned", en, comments.ErrBanned, 403, "You can no longer comment on this site."},
		{"not found", ta, fmt.Errorf("article 7: %w", store.ErrNotFound), 404, ta.T("error.not_found")},
		{"a server fault passes through", ta, errors.New("disk on fire"), 500, "Something went wrong on our side. Please try again shortly."},
	}
	for _, tc := range cases {
		status, msg := web.StatusOf(localise(tc.text, tc.err))
		if status != tc.status || msg != tc.msg {
			t.Errorf("%s: %d %q, want %d %q", tc.name, status, msg, tc.status, tc.msg)
		}
	}
	if localise(en, nil) != nil {
		t.Error("no error must stay no error")
	}
	// A fault keeps its identity, so it is logged as what it was.
	fault := errors.New("disk on fire")
	if got := localise(ta, fault); got != fault {
		t.Errorf("a server fault came back as %v", got)
	}
}
