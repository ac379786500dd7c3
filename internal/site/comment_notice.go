package site

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"dateline/internal/comments"
	"dateline/internal/i18n"
	"dateline/internal/moderation"
	"dateline/internal/store"
)

// The kinds of CommentNotice: what became of a comment the reader sent.
const (
	NoticeRefused   = "refused"   // not taken: an error, with the reader's text given back
	NoticeHeld      = "held"      // taken, and waiting for an editor: said neutrally
	NoticePublished = "published" // taken and shown
)

// CommentNotice is the one message a reader gets about a comment they sent:
// on the article page after the form's redirect, on the page a refusal comes
// back on, and as JSON to comments.js, which draws it the same way. It says
// one thing: a held or published comment is not also told what the checks
// noticed (their words say "not allowed"), and a refusal never thanks.
type CommentNotice struct {
	Kind    string   `json:"kind"`
	Message string   `json:"message"`           // what happened, in one sentence
	Detail  string   `json:"detail,omitempty"`  // the rest of that sentence, said less loudly
	Reasons []string `json:"reasons,omitempty"` // a refusal's causes in words, quoting what triggered them
	Hint    string   `json:"hint,omitempty"`    // what the reader can do about a refusal
}

// Role is the notice's ARIA role: a refusal interrupts as an alert, the
// other kinds are statuses.
func (n CommentNotice) Role() string {
	if n.Kind == NoticeRefused {
		return "alert"
	}
	return "status"
}

// acceptedNotice says a comment the site took: published, or waiting.
func acceptedNotice(text *i18n.Catalogue, status store.CommentStatus) CommentNotice {
	if status == store.CommentApproved {
		return CommentNotice{Kind: NoticePublished, Message: text.T("comments.yours.approved")}
	}
	return CommentNotice{Kind: NoticeHeld, Message: text.T("comments.yours.pending"), Detail: text.T("comments.yours.pending_more")}
}

// storedNotice says what became of a stored comment, for its writer coming
// back to the article. A rejected one was refused by the checks, for the
// findings the policy rejects, or later by an editor.
func storedNotice(text *i18n.Catalogue, c store.Comment, findings []moderation.Finding) CommentNotice {
	if c.Status != store.CommentRejected {
		return acceptedNotice(text, c.Status)
	}
	reasons := guidelineReasons(text, findings)
	if len(reasons) == 0 {
		reasons = []string{text.T("comment.notice.editor")}
	}
	return refusedNotice(text, text.T("comment.notice.fix"), reasons...)
}

// refusedNotice is a refusal for reasons, with a hint ("" for none).
func refusedNotice(text *i18n.Catalogue, hint string, reasons ...string) CommentNotice {
	return CommentNotice{Kind: NoticeRefused, Message: text.T("comment.notice.refused"), Reasons: reasons, Hint: hint}
}

// guidelineReasons says why the checks refused a comment: one sentence per
// rule whose findings the policy rejects, quoting the words that tripped
// it. Findings the policy only holds or allows are left out, since they did
// not cause the refusal, and so is the quote of a finding about the whole
// comment (capitals), which would repeat the comment.
func guidelineReasons(text *i18n.Catalogue, findings []moderation.Finding) []string {
	var rules []moderation.Rule
	quotes := map[moderation.Rule][]string{}
	for _, f := range findings {
		if f.Action != moderation.Reject {
			continue
		}
		if _, seen := quotes[f.Rule]; !seen {
			rules = append(rules, f.Rule)
			quotes[f.Rule] = nil
		}
		n := findingNote(text, f)
		if n.Match != "" && f.Rule != moderation.AllCaps && !slices.Contains(quotes[f.Rule], n.Match) {
			quotes[f.Rule] = append(quotes[f.Rule], n.Match)
		}
	}
	out := make([]string, 0, len(rules))
	for _, rule := range rules {
		line := findingNote(text, moderation.Finding{Rule: rule}).Text
		if q := quotes[rule]; len(q) > 0 {
			line += " (“" + strings.Join(q, "”, “") + "”)"
		}
		out = append(out, line)
	}
	return out
}

// refusal is a comment the form did not take: the answer's status, what
// the reader is told, and whether sending again can work (the text comes
// back in the form) or cannot (it comes back as a copy to keep).
type refusal struct {
	status int
	notice CommentNotice
	resend bool
}

// commentRefusal says the errors of posting a comment that are the
// reader's to know: what is wrong with the submission, a closed article, a
// ban. Anything else (a fault, a missing article) is not a refusal.
func commentRefusal(text *i18n.Catalogue, err error) (refusal, bool) {
	var input *comments.InputError
	switch {
	case errors.As(err, &input):
		reasons := input.Problems
		if len(input.Keyed) == len(input.Problems) {
			reasons = make([]string, len(input.Keyed))
			for i, p := range input.Keyed {
				reasons[i] = text.T(p.Key, p.Args...)
			}
		}
		return refusal{http.StatusBadRequest, refusedNotice(text, text.T("comment.notice.fix"), reasons...), true}, true
	case errors.Is(err, comments.ErrClosed):
		return refusal{http.StatusForbidden, refusedNotice(text, text.T("comment.notice.copy"), text.T("comments.closed")), false}, true
	case errors.Is(err, comments.ErrBanned):
		return refusal{http.StatusForbidden, refusedNotice(text, text.T("comment.notice.copy"), text.T("comment.error.banned")), false}, true
	}
	return refusal{}, false
}
