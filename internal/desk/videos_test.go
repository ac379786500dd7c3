package desk_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// mp4 is a small file that starts like a real MP4: an ftyp box, then media.
func mp4(size int) []byte {
	head := []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41")
	return append(head, bytes.Repeat([]byte{0x42}, size-len(head))...)
}

func staff(t *testing.T, st *store.Store, role auth.Role, name string) auth.Actor {
	t.Helper()
	acc := store.Account{Name: name, Role: string(role)}
	if err := st.CreateAccount(context.Background(), &acc, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	return auth.Actor{Account: acc}
}

func TestVideoDrafts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		colombo, err := time.LoadLocation("Asia/Colombo")
		if err != nil {
			t.Fatal(err)
		}
		d := desk.New(e.Store, markup.New(), colombo)
		reporter := staff(t, e.Store, auth.Reporter, "Ruwan Perera")
		editor := staff(t, e.Store, auth.Editor, "Esha Silva")
		moderator := staff(t, e.Store, auth.Moderator, "Mala Dias")

		nib, err := d.CreateProgramme(ctx, editor, desk.ProgrammeDraft{Name: " News  in Brief ", Lang: "en",
			Slots: []desk.SlotDraft{{Name: "Morning", Position: 10}, {Name: "Prime Time", Position: 20}}})
		if err != nil {
			t.Fatal(err)
		}
		other, err := d.CreateProgramme(ctx, editor, desk.ProgrammeDraft{Name: "Sports Roundup", Slots: []desk.SlotDraft{{Name: "Evening"}}})
		if err != nil {
			t.Fatal(err)
		}
		if nib.Slug != "news-in-brief" || nib.Name != "News in Brief" || len(nib.Slots) != 2 || nib.Slots[1].Slug != "prime-time" {
			t.Fatalf("programme stored as %+v", nib)
		}
		if _, err := d.CreateProgramme(ctx, reporter, desk.ProgrammeDraft{Name: "Mine"}); !errors.Is(err, auth.ErrForbidden) {
			t.Fatalf("reporter made a programme: %v", err)
		}
		if _, err := d.CreateProgramme(ctx, editor, desk.ProgrammeDraft{Name: "News in Brief"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second programme with a taken slug: %v", err)
		}
		if _, err := d.AddSlot(ctx, editor, nib.ID, desk.SlotDraft{Name: "prime time"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second slot with a taken slug: %v", err)
		}
		primeTime := nib.Slots[1].ID
		link := "https://youtu.be/dQw4w9WgXcQ?t=42"

		refused := []struct {
			name  string
			draft desk.VideoDraft
			says  string
		}{
			{"no title", desk.VideoDraft{SourceURL: link}, "Write a title."},
			{"no source", desk.VideoDraft{Title: "Budget day"}, "Paste the link of a YouTube or Vimeo video, or upload an MP4 file."},
			{"both sources", desk.VideoDraft{Title: "Budget day", SourceURL: link,
				File: &desk.VideoUpload{Name: "a.mp4", Body: bytes.NewReader(mp4(2048))}}, "not both"},
			{"look-alike host", desk.VideoDraft{Title: "Budget day", SourceURL: "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ"}, "only looks like YouTube"},
			{"javascript link", desk.VideoDraft{Title: "Budget day", SourceURL: "javascript:alert(1)"}, "http"},
			{"not an MP4", desk.VideoDraft{Title: "Budget day",
				File: &desk.VideoUpload{Name: "clip.mp4", Body: strings.NewReader("<!doctype html><script>alert(1)</script>")}}, "not an MP4 video"},
			{"empty file", desk.VideoDraft{Title: "Budget day", File: &desk.VideoUpload{Name: "clip.mp4", Body: strings.NewReader("")}}, "empty"},
			{"language", desk.VideoDraft{Title: "Budget day", SourceURL: link, Lang: "fr"}, "English, Sinhala or Tamil"},
			{"duration", desk.VideoDraft{Title: "Budget day", SourceURL: link, Duration: "-4:05"}, "cannot be negative"},
			{"long title", desk.VideoDraft{Title: strings.Repeat("ශ්\u200dරී ", 80), SourceURL: link}, "longer than 300"},
			{"slot of another programme", desk.VideoDraft{SourceURL: link, ProgrammeID: nib.ID, SlotID: other.Slots[0].ID,
				AirDate: "2026-11-27"}, "Choose one of the slots of News in Brief."},
			{"slot without programme", desk.VideoDraft{Title: "Budget day", SourceURL: link, SlotID: primeTime}, "Choose the programme"},
			{"impossible air date", desk.VideoDraft{SourceURL: link, ProgrammeID: nib.ID, SlotID: primeTime, AirDate: "2026-02-30"}, "not a date"},
			{"no air date", desk.VideoDraft{SourceURL: link, ProgrammeID: nib.ID, SlotID: primeTime}, "Enter the date"},
			{"unknown programme", desk.VideoDraft{SourceURL: link, ProgrammeID: 99999, AirDate: "2026-11-27"}, "Choose one of the programmes"},
			{"unknown section", desk.VideoDraft{Title: "Budget day", SourceURL: link, SectionID: 99999}, "Choose one of the sections"},
		}
		for _, tc := range refused {
			_, err := d.Videos.Create(ctx, reporter, tc.draft, desk.Save, time.Time{})
			var input *desk.InputError
			if !errors.As(err, &input) || !strings.Contains(input.Error(), tc.says) {
				t.Errorf("%s: got %v, want a problem saying %q", tc.name, err, tc.says)
			}
		}
		if _, total, _ := e.Store.NewsroomVideos(ctx, "", 0, 10, 0); total != 0 {
			t.Fatalf("refused drafts stored %d video stories", total)
		}

		if _, err := d.Videos.Create(ctx, moderator, desk.VideoDraft{Title: "x", SourceURL: link}, desk.Save, time.Time{}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("moderator made a video story: %v", err)
		}
		if _, err := d.Videos.Create(ctx, reporter, desk.VideoDraft{Title: "x", SourceURL: link}, desk.Publish, time.Time{}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("reporter published: %v", err)
		}
		if _, err := d.Videos.Create(ctx, editor, desk.VideoDraft{Title: "x", SourceURL: link}, desk.Schedule, time.Time{}); err == nil {
			t.Errorf("a video story was scheduled")
		}

		ep, err := d.Videos.Create(ctx, reporter, desk.VideoDraft{Title: "ignored", SourceURL: link, ProgrammeID: nib.ID,
			SlotID: primeTime, AirDate: "2026-11-27", Duration: "12:30"}, desk.Submit, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if ep.Title != "NEWS IN BRIEF | PRIME TIME | 2026.11.27" || ep.Status != news.StatusReview || ep.Duration != 750*time.Second ||
			ep.Provider != "youtube" || ep.ProviderID != "dQw4w9WgXcQ" || ep.Start != 42*time.Second {
			t.Fatalf("episode stored as %+v", ep)
		}
		custom, err := d.Videos.Update(ctx, reporter, ep.ID, ep.Version, &desk.VideoDraft{Title: "Budget special", CustomTitle: true,
			ProgrammeID: nib.ID, SlotID: primeTime, AirDate: "2026-11-27"}, desk.Save, time.Time{})
		if err != nil || custom.Title != "Budget special" || custom.ProviderID != "dQw4w9WgXcQ" {
			t.Fatalf("custom title kept the source? %+v, %v", custom, err)
		}
		if _, err := d.Videos.Update(ctx, reporter, ep.ID, ep.Version, nil, desk.Submit, time.Time{}); !errors.Is(err, store.ErrStale) {
			t.Errorf("stale version: %v", err)
		}

		up, err := d.Videos.Create(ctx, reporter, desk.VideoDraft{Title: "Harbour at dawn",
			File: &desk.VideoUpload{Name: `..\..\Windows\Harbour at Dawn.MOV`, Body: bytes.NewReader(mp4(4096))}}, desk.Save, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if up.Provider != "upload" || up.FileID == 0 || up.FileName != "windows-harbour-at-dawn.mp4" {
			t.Fatalf("upload stored as %+v", up)
		}
		if _, err := d.Videos.Update(ctx, editor, up.ID, up.Version, nil, desk.Publish, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := d.Videos.Delete(ctx, editor, up.ID); err == nil {
			t.Error("a published video story was deleted")
		}
		if err := d.Videos.Delete(ctx, reporter, ep.ID); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("reporter deleted: %v", err)
		}
		if err := d.Videos.Delete(ctx, editor, ep.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Store.Video(ctx, ep.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted video story: %v", err)
		}
	})
}
