package newsroom

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/news"
	"dateline/internal/store"
)

// KeptImage is a picture a writer chose on a save that lost a race to
// someone else's. It is stored (desk.KeepImage) but attached to nothing
// until they save again, and the form carries it as Token, signed for
// them alone, since a browser cannot be made to send a file again.
type KeptImage struct {
	Image news.Image
	Token string // the form's value: the image id and its signature
	URL   string // its thumbnail, which only its uploader may open
}

// Name is the image's file name, as the newsroom names images.
func (k *KeptImage) Name() string { return k.Image.Filename + k.Image.Ext }

// KeptVideo is a video file a producer chose on a save that lost a race,
// kept the way a KeptImage is.
type KeptVideo struct {
	File  store.VideoFile
	Token string
}

// What a kept upload's signature is for: each kind signs under its own
// label, so an image's signature is no claim to the video file of that id.
const (
	keptImageLabel = "kept-image"
	keptVideoLabel = "kept-video"
)

// keptSignature signs a kept upload's id for one member. It uses the
// newsroom's HMAC key (see signinKey) under a label of its own.
func (n *Newsroom) keptSignature(ctx context.Context, label string, staffID, id int64) (string, error) {
	key, err := n.signinKey(ctx)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label + "\x00" + strconv.FormatInt(staffID, 10) + "\x00" + strconv.FormatInt(id, 10)))
	return hex.EncodeToString(m.Sum(nil)), nil
}

// keptClaim reads a form's "id.signature" claim to a kept upload and
// returns the id when the signature is the member's own, else 0.
func (n *Newsroom) keptClaim(ctx context.Context, label string, staffID int64, token string) (int64, error) {
	raw, sig, ok := strings.Cut(strings.TrimSpace(token), ".")
	id, err := strconv.ParseInt(raw, 10, 64)
	if !ok || err != nil || id <= 0 || sig == "" {
		return 0, nil
	}
	want, err := n.keptSignature(ctx, label, staffID, id)
	if err != nil || !hmac.Equal([]byte(sig), []byte(want)) {
		return 0, err
	}
	return id, nil
}

// keepVideo signs a freshly kept video file for the member.
func (n *Newsroom) keepVideo(ctx context.Context, staffID int64, f store.VideoFile) (*KeptVideo, error) {
	sig, err := n.keptSignature(ctx, keptVideoLabel, staffID, f.ID)
	if err != nil {
		return nil, err
	}
	return &KeptVideo{File: f, Token: strconv.FormatInt(f.ID, 10) + "." + sig}, nil
}

// keptVideo reads a form's kept-video token, as keptImage does.
func (n *Newsroom) keptVideo(ctx context.Context, staffID int64, token string) (*KeptVideo, error) {
	id, err := n.keptClaim(ctx, keptVideoLabel, staffID, token)
	if id == 0 || err != nil {
		return nil, err
	}
	f, err := n.store.VideoFileByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return n.keepVideo(ctx, staffID, f)
}

// keepImage signs a freshly kept image for the member.
func (n *Newsroom) keepImage(ctx context.Context, staffID int64, img news.Image) (*KeptImage, error) {
	sig, err := n.keptSignature(ctx, keptImageLabel, staffID, img.ID)
	if err != nil {
		return nil, err
	}
	return &KeptImage{Image: img, Token: strconv.FormatInt(img.ID, 10) + "." + sig,
		URL: mediaPath(&img, "thumb") + "?kept=" + url.QueryEscape(sig)}, nil
}

// keptImage reads a form's kept-image token: nil, without an error, when
// there is none, or when it is not the member's own (forged, or another's),
// or names an image that is gone.
func (n *Newsroom) keptImage(ctx context.Context, staffID int64, token string) (*KeptImage, error) {
	id, err := n.keptClaim(ctx, keptImageLabel, staffID, token)
	if id == 0 || err != nil {
		return nil, err
	}
	img, err := n.store.Image(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return n.keepImage(ctx, staffID, img)
}

// keptValid checks a kept image's signature for the member.
func (n *Newsroom) keptValid(ctx context.Context, staffID, imageID int64, sig string) (bool, error) {
	id, err := n.keptClaim(ctx, keptImageLabel, staffID, strconv.FormatInt(imageID, 10)+"."+sig)
	return id != 0, err
}
