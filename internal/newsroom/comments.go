package newsroom

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/comments"
	"dateline/internal/moderation"
	"dateline/internal/store"
	"dateline/internal/web"
)

// QueueData is the data of the moderation queue.
type QueueData struct {
	Frame
	Tab      store.CommentStatus
	Tabs     []QueueTab
	Items    []QueueEntry
	Total    int
	Page     int
	PrevURL  string
	NextURL  string
	Oldest   string // how long the oldest waiting comment has waited
	Reasons  []RejectReason
	BanTimes []BanTime
}

// QueueTab is one of the queue's tabs with its count.
type QueueTab struct {
	Status store.CommentStatus // a status, or store.QueueFlagged
	Label  string
	Count  int
}

// QueueEntry is a comment with what a moderator needs to decide on it.
type QueueEntry struct {
	store.QueueItem
	Segments []moderation.Segment
	Findings []moderation.Finding
	Flags    []store.Flag
	History  store.History
	// FlagAddresses is how many different addresses the flags came from:
	// one person taking fresh cookies adds flags but not addresses.
	FlagAddresses int
	// Suggested is the reject reason the findings point to ("" when they
	// point to none): preselected, and what the r key rejects with.
	Suggested string
}

// reasonFor is the reject reason of the first finding that names one, the
// checks' own order being strongest first; none for a comment nothing was
// found in, so the default is never a wrong reason.
func reasonFor(findings []moderation.Finding) string {
	byRule := map[moderation.Rule]string{
		moderation.Obscene: "obscene", moderation.DefamationRisk: "defamatory", moderation.OutsideLink: "outside-link",
		moderation.AllCaps: "all-caps", moderation.Spam: "spam",
	}
	for _, rule := range moderation.Rules {
		for _, f := range findings {
			if f.Rule == rule {
				return byRule[rule]
			}
		}
	}
	return ""
}

// RejectReason is a prepared reason for rejecting, one per guideline.
type RejectReason struct{ Value, Label string }

var rejectReasons = []RejectReason{
	{"obscene", "Obscene or abusive language"},
	{"defamatory", "Accuses a person of wrongdoing (legal risk)"},
	{"outside-link", "Links to another website"},
	{"all-caps", "Written in capitals"},
	{"spam", "Spam or advertising"},
	{"off-topic", "Off topic or personal attack"},
}

// BanTime is a choice of ban length.
type BanTime struct {
	Value string
	Label string
}

var banTimes = []BanTime{{"24h", "1 day"}, {"168h", "1 week"}, {"720h", "30 days"}, {"0", "for good"}}

const queuePerPage = 30

func (n *Newsroom) queue(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ModerateComments, "moderate comments"); err != nil {
		return err
	}
	ctx := r.Context()
	tab := store.CommentStatus(r.URL.Query().Get("tab"))
	if tab == "" {
		tab = store.CommentPending
	}
	data := QueueData{Frame: n.frame(r, "Comments", "comments"), Tab: tab, Reasons: rejectReasons, BanTimes: banTimes}
	valid := false
	for _, t := range []QueueTab{{store.CommentPending, "Pending", 0}, {store.CommentReported, "Reported", 0},
		{store.QueueFlagged, "Flagged", 0}, {store.CommentApproved, "Approved", 0}, {store.CommentRejected, "Rejected", 0}} {
		var err error
		if t.Count, err = n.store.CountComments(ctx, t.Status); err != nil {
			return err
		}
		valid = valid || t.Status == tab
		data.Tabs = append(data.Tabs, t)
	}
	if !valid {
		return web.BadRequest("Unknown tab.")
	}
	if err := n.offerUndo(r, &data.Frame, string(tab)); err != nil {
		return err
	}
	page, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	data.Page = page
	items, total, err := n.store.CommentQueue(ctx, tab, queuePerPage, (page-1)*queuePerPage)
	if err != nil {
		return err
	}
	data.Total = total
	for _, it := range items {
		e := QueueEntry{QueueItem: it}
		json.Unmarshal([]byte(it.Findings), &e.Findings)
		e.Segments = moderation.Highlight(it.Body, e.Findings)
		e.Suggested = reasonFor(e.Findings)
		if it.Flags > 0 {
			if e.Flags, err = n.store.Flags(ctx, it.ID); err != nil {
				return err
			}
			from := map[string]bool{}
			for _, f := range e.Flags {
				from[f.From] = true
			}
			e.FlagAddresses = len(from)
		}
		if e.History, err = n.store.CommenterHistory(ctx, it.Comment); err != nil {
			return err
		}
		data.Items = append(data.Items, e)
	}
	base := "/newsroom/comments?tab=" + string(tab)
	if page > 1 {
		data.PrevURL = base + "&page=" + strconv.Itoa(page-1)
	}
	if page*queuePerPage < total {
		data.NextURL = base + "&page=" + strconv.Itoa(page+1)
	}
	oldest, err := n.store.OldestWaiting(ctx)
	if err != nil {
		return err
	}
	if !oldest.IsZero() {
		data.Oldest = waited(n.now().Sub(oldest))
	}
	return n.page(w, http.StatusOK, "comments", data)
}

// waited says a duration the way a moderator reads it.
func waited(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "under a minute"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// PolicyData is the data of the comment policy settings page.
type PolicyData struct {
	Frame
	Policy     comments.Policy
	Rules      []moderation.Rule
	Actions    []moderation.Action
	Words      map[string]string // extra words per language, one per line
	RuleHelp   map[moderation.Rule]string
	ActionHelp map[moderation.Action]string
	// AskDefamation: the admin chose to publish legal-risk comments
	// unseen; the page asks them to confirm it.
	AskDefamation bool
}

// ruleHelp says in words what each check looks for.
var ruleHelp = map[moderation.Rule]string{
	moderation.Obscene:        "Swear words and vulgar terms in English, Sinhala and Tamil, including spellings that hide them (f*ck, sh1t, letters spaced out) and the extra words below.",
	moderation.OutsideLink:    "Addresses of other websites, also when disguised (example[.]com, or “dot com” written out). Links to this site are allowed.",
	moderation.AllCaps:        "Comments written mostly in capital letters, which read as shouting.",
	moderation.DefamationRisk: "Accusations of a crime or wrongdoing against a named or identifiable person: what the paper could be sued for if it publishes them.",
	moderation.Spam:           "Automated posting: the hidden field filled, a form sent faster than a person types, the same text again, or bursts.",
}

// actionHelp says what each action does to a comment the check catches.
var actionHelp = map[moderation.Action]string{
	moderation.Allow:  "allow: publish it as if the check had found nothing (pre-moderation still holds every comment)",
	moderation.Hold:   "hold: keep it for a moderator, who sees why it was held",
	moderation.Reject: "reject: refuse it at once and tell the reader why, so they can reword it",
}

func (n *Newsroom) policyPage(w http.ResponseWriter, r *http.Request, status int, p comments.Policy, errMsg string) error {
	data := PolicyData{Frame: n.frame(r, "Comment policy", "settings"), Policy: p, Rules: moderation.Rules,
		Actions: []moderation.Action{moderation.Allow, moderation.Hold, moderation.Reject}, Words: map[string]string{},
		RuleHelp: ruleHelp, ActionHelp: actionHelp}
	data.AskDefamation = status == http.StatusConflict
	data.Error = errMsg
	for _, lang := range []string{"en", "si", "ta"} {
		data.Words[lang] = strings.Join(p.ExtraWords[lang], "\n")
	}
	return n.page(w, status, "policy", data)
}

func (n *Newsroom) policy(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageSettings, "change the comment policy"); err != nil {
		return err
	}
	p, err := comments.LoadPolicy(r.Context(), n.store)
	if err != nil {
		return err
	}
	return n.policyPage(w, r, http.StatusOK, p, "")
}

func (n *Newsroom) savePolicy(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageSettings, "change the comment policy"); err != nil {
		return err
	}
	p := comments.DefaultPolicy()
	p.Mode = comments.Mode(r.PostFormValue("mode"))
	p.FlagThreshold, _ = strconv.Atoi(r.PostFormValue("flag_threshold"))
	for _, rule := range moderation.Rules {
		if v := r.PostFormValue("action_" + string(rule)); v != "" {
			p.Actions[rule] = moderation.Action(v)
		}
	}
	for _, lang := range []string{"en", "si", "ta"} {
		for _, word := range strings.Split(r.PostFormValue("words_"+lang), "\n") {
			if word = strings.TrimSpace(word); word != "" && len(word) <= 60 {
				p.ExtraWords[lang] = append(p.ExtraWords[lang], word)
			}
		}
	}
	if err := p.Validate(); err != nil {
		return n.policyPage(w, r, http.StatusBadRequest, p, err.Error())
	}
	// Publishing accusations unseen is a legal risk the paper carries: ask
	// before a change makes it so (the form comes back as filled in).
	if p.Actions[moderation.DefamationRisk] == moderation.Allow && r.PostFormValue("confirm_defamation") != "yes" {
		if old, err := comments.LoadPolicy(r.Context(), n.store); err != nil {
			return err
		} else if old.Actions[moderation.DefamationRisk] != moderation.Allow {
			return n.policyPage(w, r, http.StatusConflict, p, "Allowing legal-risk comments publishes accusations against named people without a moderator seeing them first, "+
				"and the paper answers for what it publishes. Tick the box below to confirm, or choose hold.")
		}
	}
	if err := comments.SavePolicy(r.Context(), n.store, p, actor(r).Change("set-policy", string(p.Mode))); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/settings/comments", "policy")
}

// setArticleVideo embeds a published video story in an article (or none).
func (n *Newsroom) setArticleVideo(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := n.store.Article(r.Context(), id)
	if err != nil {
		return err
	}
	me := actor(r)
	if !auth.CanEdit(me.Role(), me.Account.ID, auth.ArticleRef{OwnerID: a.OwnerID, Status: a.Status}) {
		return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to edit this article."}
	}
	videoID, err := optionalID(r.PostFormValue("video_id"))
	if err != nil {
		return err
	}
	if videoID != 0 {
		if _, err := n.store.PublishedVideo(r.Context(), videoID); err != nil {
			return web.BadRequest("Choose a published video story.")
		}
	}
	if err := n.store.SetArticleVideo(r.Context(), id, videoID, me.Change("embed-video", strconv.FormatInt(videoID, 10))); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10), "saved")
}

// setCommentMode overrides the comment mode of one article.
func (n *Newsroom) setCommentMode(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.EditAnyArticle, "change an article's comments"); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	mode := r.PostFormValue("comment_mode")
	if mode != "" && !comments.ValidMode(comments.Mode(mode)) {
		return web.BadRequest("Choose the site default, pre, post or closed.")
	}
	if err := n.store.SetArticleCommentMode(r.Context(), id, mode, actor(r).Change("comment-mode", mode)); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10), "saved")
}
