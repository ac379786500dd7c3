package server_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/demo"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
	"dateline/internal/video"
)

// TestSelfHostedVideoPlays clicks play on an uploaded video in a real
// browser and checks that it really plays: currentTime moves forward, which
// needs the file served with working range requests and the right type.
func TestSelfHostedVideoPlays(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx := context.Background()
	clip, err := demo.VideoFile("bulletin.mp4")
	if err != nil {
		t.Fatal(err)
	}
	file, err := f.Store.SaveVideoFile(ctx, "bulletin.mp4", bytes.NewReader(clip), video.MaxUploadBytes)
	if err != nil {
		t.Fatal(err)
	}
	v := news.Video{Title: "Evening bulletin", Slug: "evening-bulletin", CustomTitle: true, Lang: "en",
		Status: news.StatusPublished, Provider: "upload", FileID: file.ID, FileName: file.Filename,
		Duration: 5 * time.Second, PublishedAt: time.Now().Add(-time.Hour)}
	if err := f.Store.CreateVideo(ctx, &v, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}

	bctx, console := browsertest.New(t)
	err = chromedp.Do(bctx, chromedp.Navigate(f.Srv.URL+v.Path()), chromedp.WaitVisible(chromedp.CSS(".player-play")),
		chromedp.Click(chromedp.CSS(".player-play")), chromedp.WaitReady(chromedp.CSS("video.player-media")))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	var played float64
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		played, err = chromedp.Run(bctx, chromedp.Evaluate[float64](`document.querySelector("video.player-media").currentTime`))
		if err != nil {
			t.Fatal(err)
		}
		if played > 1 {
			break
		}
	}
	if played <= 1 {
		state, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`(v => "paused=" + v.paused + " readyState=" + v.readyState +
			" error=" + (v.error && v.error.code))(document.querySelector("video.player-media"))`))
		t.Fatalf("the video did not play: currentTime %.2f s (%s)", played, state)
	}
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
