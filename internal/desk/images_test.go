package desk_test

import (
	"errors"
	"testing"

	"dateline/internal/desk"
	"dateline/internal/imaging"
	"dateline/internal/store/storetest"
)

// TestRenditions: an upload becomes its renditions, named after the upload,
// before the store sees it; what is not an image never reaches the store.
func TestRenditions(t *testing.T) {
	img, files, err := desk.Renditions("../../Harbour at Dawn.PNG", storetest.PNG(t, 1600, 900))
	if err != nil {
		t.Fatal(err)
	}
	if img.Filename != "harbour-at-dawn" || img.Ext == "" || img.ID != 0 {
		t.Errorf("image %+v, want harbour-at-dawn with an extension and no id yet", img)
	}
	names := map[string]bool{}
	for _, f := range files {
		names[f.Variant] = true
		if len(f.Bytes) == 0 || f.Width == 0 || f.Height == 0 || f.ContentType == "" || f.SHA256 != "" {
			t.Errorf("rendition %s: %d bytes %dx%d %q (hash %q, which the store makes)", f.Variant, len(f.Bytes), f.Width, f.Height, f.ContentType, f.SHA256)
		}
	}
	if !names["page"] {
		t.Errorf("renditions %v, want a page rendition", names)
	}
	for _, bad := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"text", []byte("GIF89a? no, a story about images")},
		{"script", []byte("<svg onload=alert(1)></svg>")},
		{"truncated png", storetest.PNG(t, 64, 64)[:40]},
	} {
		if _, files, err := desk.Renditions(bad.name+".png", bad.data); !errors.Is(err, imaging.ErrNotImage) || files != nil {
			t.Errorf("%s: %d renditions, error %v, want imaging.ErrNotImage", bad.name, len(files), err)
		}
	}
}
