package site

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"dateline/internal/comments"
	"dateline/internal/moderation"
	"dateline/internal/store"
)

// TestStoredNoticesSayOneThing: what a reader is told about a stored
// comment follows its status alone. A held or published comment is never
// told the checks' "not allowed", and a refusal lists only what the policy
// refused, each rule once with the words that tripped it.
func TestStoredNoticesSayOneThing(t *testing.T) {
	en := templateSite(t).text.Get("en")
	caps := "THE RIVER ROSE AND NOBODY WARNED US"
	link := moderation.Finding{Rule: moderation.OutsideLink, Match: "example.com", Start: 5, End: 16}
	cases := []struct {
		name     string
		status   store.CommentStatus
		findings []moderation.Finding
		want     CommentNotice
	}{
		{"held, clean", store.CommentPending, nil,
			CommentNotice{Kind: NoticeHeld, Message: "Thank you. Your comment is awaiting moderation", Detail: "and will appear once an editor approves it."}},
		{"held for a link", store.CommentPending, []moderation.Finding{withAction(link, moderation.Hold)},
			CommentNotice{Kind: NoticeHeld, Message: "Thank you. Your comment is awaiting moderation", Detail: "and will appear once an editor approves it."}},
		{"published with a link the policy allows", store.CommentApproved, []moderation.Finding{withAction(link, moderation.Allow)},
			CommentNotice{Kind: NoticePublished, Message: "Your comment is published."}},
		{"hidden by flags: back with the editors", store.CommentReported, nil,
			CommentNotice{Kind: NoticeHeld, Message: "Thank you. Your comment is awaiting moderation", Detail: "and will appear once an editor approves it."}},
		{"refused for capitals, not quoting the whole comment", store.CommentRejected,
			[]moderation.Finding{{Rule: moderation.AllCaps, Match: caps, End: 35, Action: moderation.Reject}},
			refused("Comments written in capital letters are not allowed.")},
		{"refused for two words, held for a link", store.CommentRejected, []moderation.Finding{
			{Rule: moderation.Obscene, Match: "shit", Start: 0, End: 4, Action: moderation.Reject},
			withAction(link, moderation.Hold),
			{Rule: moderation.Obscene, Match: "bastard", Start: 20, End: 27, Action: moderation.Reject},
			{Rule: moderation.Obscene, Match: "shit", Start: 30, End: 34, Action: moderation.Reject}},
			refused("Obscene or abusive language is not allowed. (“shit”, “bastard”)")},
		{"refused as sent by a program: the signal is not the reader's words", store.CommentRejected, []moderation.Finding{
			{Rule: moderation.Spam, Match: "hidden field filled", Action: moderation.Reject}},
			refused("The comment looks like spam or like it was sent by a program.")},
		{"quotes are the reader's text, escaped by the page", store.CommentRejected, []moderation.Finding{
			{Rule: moderation.OutsideLink, Match: `<a href="x">evil.example</a>`, Start: 0, End: 28, Action: moderation.Reject}},
			refused(`Links to other websites are not allowed. (“<a href="x">evil.example</a>”)`)},
		{"rejected by an editor", store.CommentRejected, []moderation.Finding{withAction(link, moderation.Hold)},
			refused("An editor decided that it breaks our guidelines.")},
	}
	for _, tc := range cases {
		got := storedNotice(en, store.Comment{Status: tc.status, Body: caps}, tc.findings)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
		if role := got.Role(); (role == "alert") != (got.Kind == NoticeRefused) {
			t.Errorf("%s: a %s notice with role %q", tc.name, got.Kind, role)
		}
	}
}

func withAction(f moderation.Finding, a moderation.Action) moderation.Finding {
	f.Action = a
	return f
}

// refused is the refusal of a stored comment, in English, for reasons.
func refused(reasons ...string) CommentNotice {
	return CommentNotice{Kind: NoticeRefused, Message: "Your comment was not accepted.", Reasons: reasons,
		Hint: "Your comment is still in the form below: change it and send it again."}
}

// TestCommentRefusalsOfErrors: the errors of posting that are the reader's
// to know become refusals with their status; where sending again cannot
// help, the hint offers a copy instead. A fault is no refusal.
func TestCommentRefusalsOfErrors(t *testing.T) {
	b := templateSite(t).text
	en, si := b.Get("en"), b.Get("si")
	cases := []struct {
		name   string
		err    error
		ok     bool
		status int
		resend bool
		notice CommentNotice
	}{
		{"two problems", &comments.InputError{Problems: []string{"Please give a display name.", "The comment is empty."},
			Keyed: []comments.Problem{{Key: "comment.error.name_missing"}, {Key: "comment.error.empty"}}}, true, http.StatusBadRequest, true,
			refused("Please give a display name.", "The comment is empty.")},
		{"with arguments, wrapped", fmt.Errorf("post: %w", &comments.InputError{Problems: []string{"x"},
			Keyed: []comments.Problem{{Key: "comment.error.body_long", Args: []any{"n", 2001, "max", 2000}}}}), true, http.StatusBadRequest, true,
			refused("The comment is 2001 characters; the limit is 2000.")},
		{"closed", comments.ErrClosed, true, http.StatusForbidden, false,
			CommentNotice{Kind: NoticeRefused, Message: "Your comment was not accepted.", Reasons: []string{"Comments are closed on this article."},
				Hint: "Your comment is below, so that you can keep a copy."}},
		{"banned", comments.ErrBanned, true, http.StatusForbidden, false,
			CommentNotice{Kind: NoticeRefused, Message: "Your comment was not accepted.", Reasons: []string{"You can no longer comment on this site."},
				Hint: "Your comment is below, so that you can keep a copy."}},
		{"a fault", errors.New("disk on fire"), false, 0, false, CommentNotice{}},
		{"a missing article", store.ErrNotFound, false, 0, false, CommentNotice{}},
	}
	for _, tc := range cases {
		got, ok := commentRefusal(en, tc.err)
		if ok != tc.ok || got.status != tc.status || got.resend != tc.resend || !reflect.DeepEqual(got.notice, tc.notice) {
			t.Errorf("%s: %v %+v, want %v %d resend=%v %+v", tc.name, ok, got, tc.ok, tc.status, tc.resend, tc.notice)
		}
	}
	// In the reader's language.
	got, _ := commentRefusal(si, comments.ErrClosed)
	if got.notice.Message != si.T("comment.notice.refused") || got.notice.Reasons[0] != si.T("comments.closed") || got.notice.Hint != si.T("comment.notice.copy") {
		t.Errorf("closed, in Sinhala: %+v", got.notice)
	}
}
