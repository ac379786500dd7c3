package comments

import "dateline/internal/store"

// The comment state rules. They are plain functions of what the store reads
// inside the transaction that writes their answer (store.FlagComment,
// store.DecideComment, store.Moderate), so two requests at once cannot both
// act on a state that one of them has already changed.

// HidesAfterFlag reports whether a comment is hidden, and goes back to the
// moderators as reported, now that its flags are n: an approved comment is
// hidden once flags from threshold different addresses have come in.
// Addresses count, not readers, so one person taking fresh cookies cannot
// hide a comment alone; a threshold below one is taken as one.
func HidesAfterFlag(n store.FlagCount, threshold int) bool {
	return n.Status == store.CommentApproved && n.Addresses >= max(threshold, 1)
}

// OnDecision is what a moderator's decision giving a comment the status to
// (with reason, for a rejection) does to a comment that has the status
// from. Approving a reported comment clears the readers' flags on it: a
// moderator has judged them, and only new flags may hide it again.
func OnDecision(from, to store.CommentStatus, reason string) store.Transition {
	return store.Transition{Status: to, Reason: reason, ClearFlags: from == store.CommentReported && to == store.CommentApproved}
}

// Deciding is OnDecision as the store asks for it.
func Deciding(to store.CommentStatus, reason string) store.DecideRule {
	return func(from store.CommentStatus) store.Transition { return OnDecision(from, to, reason) }
}

// Waiting reports whether a comment with the status is waiting for a
// moderator: held before it was shown, or hidden by readers' flags.
func Waiting(status store.CommentStatus) bool {
	return status == store.CommentPending || status == store.CommentReported
}

// rejectingWaiting is the decision that goes with a ban: the author's
// comment is rejected if it is waiting, and left as it is otherwise (a
// moderator may ban the author of a comment that stays published).
func rejectingWaiting(reason string) store.DecideRule {
	return func(from store.CommentStatus) store.Transition {
		if !Waiting(from) {
			return store.Transition{Leave: true}
		}
		return OnDecision(from, store.CommentRejected, reason)
	}
}
