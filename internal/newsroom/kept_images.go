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

// keptSignature signs an image id for one member. It uses the newsroom's
// HMAC key (see signinKey) under a label of its own.
func (n *Newsroom) keptSignature(ctx context.Context, staffID, imageID int64) (string, error) {
	key, err := n.signinKey(ctx)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("kept-image\x00" + strconv.FormatInt(staffID, 10) + "\x00" + strconv.FormatInt(imageID, 10)))
	return hex.EncodeToString(m.Sum(nil)), nil
}

// keepImage signs a freshly kept image for the member.
func (n *Newsroom) keepImage(ctx context.Context, staffID int64, img news.Image) (*KeptImage, error) {
	sig, err := n.keptSignature(ctx, staffID, img.ID)
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
	raw, sig, ok := strings.Cut(strings.TrimSpace(token), ".")
	id, err := strconv.ParseInt(raw, 10, 64)
	if !ok || err != nil || id <= 0 {
		return nil, nil
	}
	if valid, err := n.keptValid(ctx, staffID, id, sig); err != nil || !valid {
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
	if sig == "" {
		return false, nil
	}
	want, err := n.keptSignature(ctx, staffID, imageID)
	if err != nil {
		return false, err
	}
	return hmac.Equal([]byte(sig), []byte(want)), nil
}
