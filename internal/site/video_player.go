package site

import (
	"context"
	"errors"
	"time"

	"dateline/internal/i18n"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
)

// Player is what the "player" partial needs to show a video without loading
// anything from its provider: a still image, a play button and a link. Only
// when the reader clicks does ui/static/js/player.js swap in EmbedURL (an
// iframe) or FileURL (a <video>); without JavaScript the link goes to the
// same video on the provider's site or to the MP4 itself.
type Player struct {
	Title     string
	Page      string // the video story's path, for a caption link where it is embedded elsewhere
	Caption   bool   // show the title under the player, linked to Page
	EmbedURL  string // privacy-enhanced provider player; "" for uploads
	FileURL   string // our MP4; "" for provider videos
	Link      string // where the link goes without JavaScript
	LinkText  string // "Watch on YouTube", "Play the video (MP4)"
	PlayLabel string // the play button's words for screen readers: "Play: <title>"
	Thumbnail string // still image URL; "" shows a plain dark box
	Duration  string // "4:05"; "" when not known
}

// sourceOf is the provider reference of a video; for uploads it holds no id,
// so every URL method returns "".
func sourceOf(v news.Video) video.Source {
	return video.Source{Provider: video.Provider(v.Provider), ID: v.ProviderID, Hash: v.ProviderHash, Start: v.Start}
}

// videoThumbnail is the still to show for v: the image the newsroom uploaded
// if there is one, else the provider's (YouTube), else "". Preferring our own
// keeps the editor's choice and spares readers a request to the provider.
func videoThumbnail(v news.Video) string {
	if v.Thumbnail != nil {
		return v.Thumbnail.Path("page")
	}
	return sourceOf(v).ThumbnailURL()
}

// player describes how v is played, labelled in the page's language.
func (s *Site) player(text *i18n.Catalogue, v news.Video) Player {
	p := Player{Title: videoTitle(v), Page: s.href(v.Lang, v.Path()), Thumbnail: videoThumbnail(v)}
	p.PlayLabel = text.T("player.play", "title", p.Title)
	if v.Duration > 0 {
		p.Duration = video.FormatDuration(v.Duration)
	}
	if v.Provider == string(video.Upload) {
		p.FileURL = v.FilePath()
		p.Link, p.LinkText = p.FileURL, text.T("player.play_file")
		return p
	}
	src := sourceOf(v)
	p.EmbedURL = src.EmbedURL()
	p.Link = src.WatchURL()
	p.LinkText = text.T("player.watch_on", "provider", src.Provider.Label())
	if p.Link == "" {
		// A stored id no player accepts: the story's page is all there is.
		p.Link, p.LinkText = p.Page, text.T("player.open_story")
	}
	return p
}

// videoTitle is the title readers see. An episode whose title the newsroom
// did not write is named from its programme, slot and air date, so a renamed
// programme renames its episodes too; anything else keeps its stored title.
func videoTitle(v news.Video) string {
	if v.CustomTitle || v.Programme == nil {
		return v.Title
	}
	var aired time.Time
	if v.AirDate != "" {
		if d, err := time.Parse(time.DateOnly, v.AirDate); err == nil {
			aired = d
		}
	}
	slot := ""
	if v.Slot != nil {
		slot = v.Slot.Name
	}
	if built := video.EpisodeTitle(v.Programme.Name, slot, aired); built != "" {
		return built
	}
	return v.Title
}

// airDate is an episode's YYYY-MM-DD air date as midnight of that day in
// loc, the site's zone, so that showing it there keeps the day; the zero
// time when there is none or it cannot be read.
func airDate(v news.Video, loc *time.Location) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, v.AirDate, loc)
	if err != nil {
		return time.Time{}
	}
	return d
}

// VideoCard is one video story in a list.
type VideoCard struct {
	Path        string
	Title       string
	Summary     string
	Lang        string // the page names it: "(English)"
	Duration    string
	Thumbnail   string
	Programme   *news.Programme
	Aired       time.Time // the air date; zero unless an episode
	AirDateISO  string    // YYYY-MM-DD
	PublishedAt time.Time
}

func (s *Site) videoCards(list []news.Video) []VideoCard {
	cards := make([]VideoCard, 0, len(list))
	for _, v := range list {
		c := VideoCard{Path: s.href(v.Lang, v.Path()), Title: videoTitle(v), Summary: v.Summary, Lang: v.Lang,
			Thumbnail: videoThumbnail(v), Programme: v.Programme, Aired: airDate(v, s.cfg.Location), PublishedAt: v.PublishedAt}
		if v.Thumbnail != nil {
			c.Thumbnail = v.Thumbnail.Path("thumb") // cards are small: the 480×270 rendition
		}
		if !c.Aired.IsZero() {
			c.AirDateISO = v.AirDate
		}
		if v.Duration > 0 {
			c.Duration = video.FormatDuration(v.Duration)
		}
		cards = append(cards, c)
	}
	return cards
}

// articleVideo is the player of the video story an article embeds, or nil
// when it embeds none or the story is not published.
func (s *Site) articleVideo(ctx context.Context, text *i18n.Catalogue, articleID int64) (*Player, error) {
	id, err := s.store.ArticleVideo(ctx, articleID)
	if err != nil || id == 0 {
		return nil, err
	}
	v, err := s.store.PublishedVideo(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := s.player(text, v)
	p.Caption = true
	return &p, nil
}
