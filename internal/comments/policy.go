// Package comments runs the reader comment section: posting under the
// guideline checks, the site's and each article's policy, bans, reader
// flags and moderators' decisions. The public site, the API and the
// newsroom queue all go through it.
package comments

import (
	"context"
	"encoding/json"
	"fmt"

	"dateline/internal/moderation"
	"dateline/internal/store"
)

// Mode says when comments appear.
type Mode string

// The comment modes.
const (
	Pre    Mode = "pre"    // nothing appears before a moderator approves it (the default)
	Post   Mode = "post"   // clean comments appear at once; held ones wait
	Closed Mode = "closed" // no new comments
)

// ValidMode reports whether m is a known mode.
func ValidMode(m Mode) bool { return m == Pre || m == Post || m == Closed }

// Policy is the site's comment policy, kept in the settings table.
type Policy struct {
	Mode          Mode                                  `json:"mode"`
	Actions       map[moderation.Rule]moderation.Action `json:"actions"`
	FlagThreshold int                                   `json:"flag_threshold"` // distinct readers whose flags hide a comment
	ExtraWords    map[string][]string                   `json:"extra_words"`    // obscene words added by admins, per language
}

// DefaultPolicy is pre-moderation, the checks' default actions, and three flags.
func DefaultPolicy() Policy {
	return Policy{Mode: Pre, Actions: moderation.DefaultPolicy().Actions, FlagThreshold: 3, ExtraWords: map[string][]string{}}
}

const policyKey = "comment-policy"

// LoadPolicy reads the site policy, filling anything missing from the default.
func LoadPolicy(ctx context.Context, st *store.Store) (Policy, error) {
	raw, ok, err := st.Setting(ctx, policyKey)
	if err != nil || !ok {
		return DefaultPolicy(), err
	}
	return decodePolicy(raw)
}

// decodePolicy reads a stored policy over the default: a mode it does not
// know, or a threshold below one, leaves the default's. Unreadable JSON
// gives the default and an error.
func decodePolicy(raw string) (Policy, error) {
	p := DefaultPolicy()
	var saved Policy
	if err := json.Unmarshal([]byte(raw), &saved); err != nil {
		return p, fmt.Errorf("comments: stored policy is unreadable: %w", err)
	}
	if ValidMode(saved.Mode) {
		p.Mode = saved.Mode
	}
	for rule, action := range saved.Actions {
		p.Actions[rule] = action
	}
	if saved.FlagThreshold > 0 {
		p.FlagThreshold = saved.FlagThreshold
	}
	if saved.ExtraWords != nil {
		p.ExtraWords = saved.ExtraWords
	}
	return p, nil
}

// Validate checks a policy an admin submitted.
func (p Policy) Validate() error {
	if !ValidMode(p.Mode) {
		return &InputError{Problems: []string{"The mode must be pre, post or closed."}}
	}
	for rule, action := range p.Actions {
		if action != moderation.Allow && action != moderation.Hold && action != moderation.Reject {
			return &InputError{Problems: []string{fmt.Sprintf("The action for %s must be allow, hold or reject.", rule)}}
		}
	}
	if p.FlagThreshold < 1 || p.FlagThreshold > 100 {
		return &InputError{Problems: []string{"The flag threshold must be between 1 and 100 readers."}}
	}
	return nil
}

// SavePolicy stores the site policy (audited).
func SavePolicy(ctx context.Context, st *store.Store, p Policy, ch store.Change) error {
	if err := p.Validate(); err != nil {
		return err
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return st.SetSetting(ctx, policyKey, string(raw), ch)
}
