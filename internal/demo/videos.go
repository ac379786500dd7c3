package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"time"

	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
)

// The demo's video files are tiny clips made for Dateline with ffmpeg's test
// sources (5 s, 320×180, H.264 baseline with AAC), so the demo plays offline.
//
//go:embed videos/*.mp4
var videoFiles embed.FS

// demoVideo is a stand-alone video story.
type demoVideo struct {
	Lang, Title, Summary, File, Image, Section string
	Tags                                       []string
	HoursAgo                                   int
}

var demoVideos = []demoVideo{
	{"en", "Boats return to Negombo lagoon as the wind drops", "Fishing crews head out again after three days ashore, and prices at the morning market start to ease.", "feature.mp4", "harbour", "local", []string{"Fisheries"}, 5},
	{"en", "Inside the new maternity wing in Jaffna", "A walk through the neonatal unit that opened this week, with the nurses who will run it.", "bars.mp4", "hospital", "local", []string{"Health"}, 30},
	{"si", "කොළඹ වරායේ නව දොඹකර ක්\u200dරියාත්මකයි", "වරායේ නැගෙනහිර පර්යන්තයේ නව දොඹකර පළමු නැව් ගොඩබෑම ආරම්භ කළේය.", "feature.mp4", "harbour", "business", []string{"කොළඹ වරාය"}, 12},
	{"si", "කඳුකරයේ තේ වතුවල අස්වැන්න ඉහළට", "මෑත වැසි නිසා දළු නෙලීම වැඩි වූ බව වතු කම්කරුවෝ පවසති.", "bars.mp4", "tea", "business", []string{"තේ"}, 50},
	{"ta", "யாழ்ப்பாணத்தில் புதிய மகப்பேற்றுப் பிரிவு திறப்பு", "புதிய பிரிவில் பிறந்த குழந்தைகளுக்கான தீவிர சிகிச்சைப் பிரிவும் அடங்கும்.", "bars.mp4", "hospital", "local", []string{"சுகாதாரம்"}, 20},
	{"ta", "மலையகத்தில் மழை: தேயிலைத் தோட்டங்களில் மகிழ்ச்சி", "தொடர் மழையால் தேயிலை அறுவடை அதிகரித்துள்ளது.", "feature.mp4", "rain", "local", []string{"பருவமழை"}, 70},
	{"si", "ගාල්ල ටෙස්ට් තරගයේ අවසන් කඩුලු අට", "සවස් සැසියේදී ලකුණු 68කට කඩුලු අටක් දවා ගත් ශ්\u200dරී ලංකා දඟ පන්දු යවන්නන්ගේ දස්කම්.", "bars.mp4", "cricket", "sport", []string{"ක්\u200dරිකට්", "ගාල්ල"}, 34},
	{"si", "වෙරළ මාර්ගයට උදෑසන කාර්යාල දුම්රිය දෙකක්", "අළුත්ගම සිට කොටුව දක්වා නව දුම්රිය ප්\u200dරධාන දුම්රිය ස්ථානවල පමණක් නතර වේ.", "feature.mp4", "train", "local", []string{"ප්\u200dරවාහනය"}, 9},
	{"ta", "வடக்கின் பெரும் சமர்: இறுதி 14 ஓவர்களின் பரபரப்பு", "சென். ஜோன்ஸ் கடைநிலை வீரர்கள் போட்டியைக் காப்பாற்றிய தருணங்கள்.", "bars.mp4", "cricket", "sport", []string{"கிரிக்கெட்", "யாழ்ப்பாணம்"}, 100},
	{"ta", "மட்டக்களப்பு வாவியில் இறால் பிடிப்பு அதிகரிப்பு", "அதிகாலையில் வலைகளுடன் திரும்பும் மீனவர்களுடன் ஒரு பயணம்.", "feature.mp4", "harbour", "local", []string{"மட்டக்களப்பு", "மீன்பிடி"}, 16},
}

// SeedVideos adds the demo videos: stories in English, Sinhala and Tamil and
// a week of "News in Brief" Prime Time episodes. It expects Seed to have run.
func SeedVideos(ctx context.Context, st *store.Store, now time.Time, loc *time.Location) error {
	sections := map[string]*news.Section{}
	secs, err := st.Sections(ctx)
	if err != nil {
		return err
	}
	for i := range secs {
		sections[secs[i].Slug] = &secs[i]
	}
	files := map[string]int64{}
	fileFor := func(name string) (int64, string, error) {
		if id, ok := files[name]; ok {
			return id, name, nil
		}
		data, err := videoFiles.ReadFile("videos/" + name)
		if err != nil {
			return 0, "", err
		}
		f, err := st.SaveVideoFile(ctx, name, bytes.NewReader(data), video.MaxUploadBytes)
		if err != nil {
			return 0, "", err
		}
		files[name] = f.ID
		return f.ID, name, nil
	}
	thumbs := map[string]*news.Image{}
	thumbFor := func(name string) (*news.Image, error) {
		if img, ok := thumbs[name]; ok {
			return img, nil
		}
		png, err := DrawImage(name)
		if err != nil {
			return nil, err
		}
		img, err := desk.SaveImage(ctx, st, name+"-video.png", png)
		if err != nil {
			return nil, err
		}
		thumbs[name] = &img
		return &img, nil
	}
	ch := store.Change{Actor: "demo", Action: "create"}
	for _, d := range demoVideos {
		fileID, fileName, err := fileFor(d.File)
		if err != nil {
			return err
		}
		thumb, err := thumbFor(d.Image)
		if err != nil {
			return err
		}
		v := news.Video{Title: d.Title, CustomTitle: true, Summary: d.Summary, Lang: d.Lang, Section: sections[d.Section],
			Status: news.StatusPublished, Provider: "upload", FileID: fileID, FileName: fileName, Thumbnail: thumb,
			Duration: 5 * time.Second, PublishedAt: now.Add(-time.Duration(d.HoursAgo) * time.Hour).Truncate(time.Minute)}
		for _, t := range d.Tags {
			v.Tags = append(v.Tags, news.Tag{Name: t})
		}
		v.Slug = news.Slugify(v.Title)
		if err := st.CreateVideo(ctx, &v, ch); err != nil {
			return fmt.Errorf("demo video %q: %w", d.Title, err)
		}
	}

	prog := news.Programme{Slug: "news-in-brief", Name: "News in Brief", Lang: "en",
		Description: "The day's main stories in a few minutes, twice a day.",
		Slots:       []news.Slot{{Slug: "prime-time", Name: "Prime Time", Position: 1}, {Slug: "midday", Name: "Midday", Position: 2}}}
	if err := st.CreateProgramme(ctx, &prog, ch); err != nil {
		return err
	}
	fileID, fileName, err := fileFor("bulletin.mp4")
	if err != nil {
		return err
	}
	thumb, err := thumbFor("summit")
	if err != nil {
		return err
	}
	today := now.In(loc)
	for day := 7; day >= 1; day-- {
		air := time.Date(today.Year(), today.Month(), today.Day()-day, 20, 0, 0, 0, loc)
		slot := prog.Slots[0]
		v := news.Video{Title: video.EpisodeTitle(prog.Name, slot.Name, air), Lang: "en",
			Summary: "The evening's headlines from home and abroad.", Status: news.StatusPublished,
			Provider: "upload", FileID: fileID, FileName: fileName, Thumbnail: thumb, Duration: 5 * time.Second,
			Programme: &prog, Slot: &slot, AirDate: air.Format("2006-01-02"), PublishedAt: air.UTC()}
		v.Slug = news.Slugify(v.Title)
		if err := st.CreateVideo(ctx, &v, ch); err != nil {
			return fmt.Errorf("demo episode %s: %w", v.AirDate, err)
		}
	}
	return nil
}

// VideoFile returns the bytes of one of the demo clips ("bulletin.mp4",
// "feature.mp4", "bars.mp4"), for tests that need a video a browser can play.
func VideoFile(name string) ([]byte, error) { return videoFiles.ReadFile("videos/" + name) }
