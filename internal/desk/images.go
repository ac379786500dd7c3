package desk

import (
	"context"
	"path/filepath"
	"strings"

	"dateline/internal/imaging"
	"dateline/internal/news"
	"dateline/internal/store"
)

// Renditions checks an uploaded image and makes its renditions ("page",
// "card", "thumb"), named after the upload, ready for store.CreateMedia,
// which only keeps the bytes. Errors from checking wrap imaging.ErrNotImage
// or imaging.ErrTooLarge and read as sentences for the uploader.
func Renditions(uploadName string, data []byte) (news.Image, []store.MediaFile, error) {
	decoded, err := imaging.Decode(data)
	if err != nil {
		return news.Image{}, nil, err
	}
	variants, err := imaging.Variants(decoded)
	if err != nil {
		return news.Image{}, nil, err
	}
	base := strings.TrimSuffix(filepath.Base(uploadName), filepath.Ext(uploadName))
	img := news.Image{Filename: news.Slugify(base), Ext: variants[0].Ext}
	files := make([]store.MediaFile, len(variants))
	for i, v := range variants {
		files[i] = store.MediaFile{Variant: v.Name, ContentType: v.ContentType, Width: v.Width, Height: v.Height, Bytes: v.Bytes}
	}
	return img, files, nil
}

// SaveImage makes an uploaded image's renditions and stores them, without
// a permission check or a bound on uploads at once: for the demo's seed and
// for tests. The desk's own steps go through Desk.saveImage.
func SaveImage(ctx context.Context, st *store.Store, uploadName string, data []byte) (news.Image, error) {
	img, files, err := Renditions(uploadName, data)
	if err != nil {
		return news.Image{}, err
	}
	if err := st.CreateMedia(ctx, &img, files); err != nil {
		return news.Image{}, err
	}
	return img, nil
}

// imageSlots is how many uploads the desk decodes and resizes at once.
// Doing so with a large picture takes hundreds of megabytes for a moment
// (imaging's budget); two at a time keeps a burst of uploads from
// exhausting memory.
const imageSlots = 2

// saveImage is SaveImage for a step of the workflow, waiting for one of
// the desk's image slots.
func (d *Desk) saveImage(ctx context.Context, uploadName string, data []byte) (news.Image, error) {
	select {
	case d.imageSlots <- struct{}{}:
		defer func() { <-d.imageSlots }()
	case <-ctx.Done():
		return news.Image{}, ctx.Err()
	}
	return SaveImage(ctx, d.store, uploadName, data)
}
