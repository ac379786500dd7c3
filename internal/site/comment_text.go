package site

import (
	"dateline/internal/comments"
	"dateline/internal/i18n"
	"dateline/internal/moderation"
)

// FlagReason is one choice of the flag form.
type FlagReason struct {
	Value string // what the form sends, one of comments.FlagReasons
	Label string
}

// FindingNote is one thing the checks found, in the page's language, and
// the text of the comment it is about ("" when it is about how the comment
// was sent rather than a piece of it).
type FindingNote struct {
	Text  string
	Match string
}

// flagReasons are the flag form's choices, labelled in the page's language.
func flagReasons(text *i18n.Catalogue) []FlagReason {
	out := make([]FlagReason, 0, len(comments.FlagReasons))
	for _, r := range comments.FlagReasons {
		out = append(out, FlagReason{Value: r, Label: flagLabel(text, r)})
	}
	return out
}

func flagLabel(text *i18n.Catalogue, reason string) string {
	switch reason {
	case "obscene":
		return text.T("flag.reason.obscene")
	case "defamatory":
		return text.T("flag.reason.defamatory")
	case "outside-link":
		return text.T("flag.reason.outside-link")
	case "all-caps":
		return text.T("flag.reason.all-caps")
	case "spam":
		return text.T("flag.reason.spam")
	case "other":
		return text.T("flag.reason.other")
	}
	return reason
}

// findingNote says a finding to the comment's writer by its rule. The
// checker's own sentence is in English and more detailed, for moderators;
// readers get the rule in their language and the words that triggered it.
// A spam signal's "match" describes how the comment was sent, in English,
// so it is left out.
func findingNote(text *i18n.Catalogue, f moderation.Finding) FindingNote {
	n := FindingNote{Text: findingText(text, f.Rule), Match: f.Match}
	if f.Rule == moderation.Spam && f.Start == f.End {
		n.Match = ""
	}
	if n.Text == "" {
		n.Text = f.Reason // a rule newer than the catalogues
	}
	return n
}

func findingText(text *i18n.Catalogue, rule moderation.Rule) string {
	switch rule {
	case moderation.Obscene:
		return text.T("finding.obscene")
	case moderation.OutsideLink:
		return text.T("finding.outside-link")
	case moderation.AllCaps:
		return text.T("finding.all-caps")
	case moderation.DefamationRisk:
		return text.T("finding.defamation-risk")
	case moderation.Spam:
		return text.T("finding.spam")
	}
	return ""
}
