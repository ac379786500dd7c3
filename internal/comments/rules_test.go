package comments

import (
	"testing"

	"dateline/internal/store"
)

func TestHidesAfterFlag(t *testing.T) {
	cases := []struct {
		name      string
		n         store.FlagCount
		threshold int
		want      bool
	}{
		{"first flag, threshold 3", store.FlagCount{Status: store.CommentApproved, Flags: 1, Addresses: 1}, 3, false},
		{"third address reaches the threshold", store.FlagCount{Status: store.CommentApproved, Flags: 3, Addresses: 3}, 3, true},
		{"past the threshold", store.FlagCount{Status: store.CommentApproved, Flags: 9, Addresses: 5}, 3, true},
		// One person with many cookies, or a family behind one router.
		{"many readers, one address", store.FlagCount{Status: store.CommentApproved, Flags: 40, Addresses: 1}, 3, false},
		{"two addresses of three", store.FlagCount{Status: store.CommentApproved, Flags: 6, Addresses: 2}, 3, false},
		{"threshold one", store.FlagCount{Status: store.CommentApproved, Flags: 1, Addresses: 1}, 1, true},
		// A hostile or broken setting never hides on no flags at all.
		{"threshold zero, no addresses", store.FlagCount{Status: store.CommentApproved}, 0, false},
		{"negative threshold, no addresses", store.FlagCount{Status: store.CommentApproved}, -5, false},
		{"threshold zero, one address", store.FlagCount{Status: store.CommentApproved, Flags: 1, Addresses: 1}, 0, true},
		// Only what readers can see is hidden: the rest is already out of view.
		{"already reported", store.FlagCount{Status: store.CommentReported, Flags: 7, Addresses: 7}, 3, false},
		{"pending", store.FlagCount{Status: store.CommentPending, Flags: 3, Addresses: 3}, 3, false},
		{"rejected", store.FlagCount{Status: store.CommentRejected, Flags: 3, Addresses: 3}, 3, false},
		{"unknown status", store.FlagCount{Status: "APPROVED", Flags: 3, Addresses: 3}, 3, false},
	}
	for _, tc := range cases {
		if got := HidesAfterFlag(tc.n, tc.threshold); got != tc.want {
			t.Errorf("%s: HidesAfterFlag(%+v, %d) = %v, want %v", tc.name, tc.n, tc.threshold, got, tc.want)
		}
	}
}

func TestOnDecision(t *testing.T) {
	cases := []struct {
		from, to store.CommentStatus
		reason   string
		want     store.Transition
	}{
		// A moderator judged the readers' flags: only new ones may hide it again.
		{store.CommentReported, store.CommentApproved, "", store.Transition{Status: store.CommentApproved, ClearFlags: true}},
		{store.CommentPending, store.CommentApproved, "", store.Transition{Status: store.CommentApproved}},
		{store.CommentRejected, store.CommentApproved, "", store.Transition{Status: store.CommentApproved}},
		// Approving an approved comment with flags below the threshold keeps them.
		{store.CommentApproved, store.CommentApproved, "", store.Transition{Status: store.CommentApproved}},
		// Rejecting keeps the flags: they are part of why.
		{store.CommentReported, store.CommentRejected, "spam", store.Transition{Status: store.CommentRejected, Reason: "spam"}},
		{store.CommentApproved, store.CommentRejected, "off topic", store.Transition{Status: store.CommentRejected, Reason: "off topic"}},
		{store.CommentPending, store.CommentRejected, "<script>alert(1)</script>", store.Transition{Status: store.CommentRejected, Reason: "<script>alert(1)</script>"}},
	}
	for _, tc := range cases {
		if got := OnDecision(tc.from, tc.to, tc.reason); got != tc.want {
			t.Errorf("OnDecision(%s → %s, %q) = %+v, want %+v", tc.from, tc.to, tc.reason, got, tc.want)
		}
		if got := Deciding(tc.to, tc.reason)(tc.from); got != tc.want {
			t.Errorf("Deciding(%s, %q)(%s) = %+v, want %+v", tc.to, tc.reason, tc.from, got, tc.want)
		}
	}
}

// TestBanRejectsOnlyWaiting: the decision that goes with a ban rejects the
// author's comment while it waits and leaves a published or refused one.
func TestBanRejectsOnlyWaiting(t *testing.T) {
	rule := rejectingWaiting("abuse")
	for from, want := range map[store.CommentStatus]store.Transition{
		store.CommentPending:  {Status: store.CommentRejected, Reason: "abuse"},
		store.CommentReported: {Status: store.CommentRejected, Reason: "abuse"},
		store.CommentApproved: {Leave: true},
		store.CommentRejected: {Leave: true},
		"":                    {Leave: true},
	} {
		if got := rule(from); got != want {
			t.Errorf("ban on a %q comment: %+v, want %+v", from, got, want)
		}
	}
}
