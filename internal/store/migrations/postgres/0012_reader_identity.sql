-- Readers told apart safely. Every reader who comments or flags is handed a
-- signed reader cookie before the post is taken; only a browser that keeps
-- no cookies is known by its address and browser, and the comment records
-- which of the two it was ('reader' or 'address'; '' before this migration)
-- so that moderators are warned before a ban that would catch everyone
-- behind the same address. The comment also keeps the keyed hash of its
-- address (never the address), for the duplicate check that a script
-- minting fresh cookies cannot dodge.
ALTER TABLE comments ADD COLUMN visitor_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX comments_address ON comments (address, created_at);
ALTER TABLE comment_bans ADD COLUMN visitor_kind TEXT NOT NULL DEFAULT '';
-- A ban keeps the keyed hash of the banned comment's address too. It bans
-- no one by itself (readers behind one mobile network share it), but a new
-- reader writing from there is held for a moderator: clearing cookies does
-- not walk a banned reader straight back in.
ALTER TABLE comment_bans ADD COLUMN address TEXT NOT NULL DEFAULT '';

-- A flag is refused only when the same reader flagged before: two readers
-- sharing a mobile network's address may both flag. The address key stays on
-- each flag, and hiding a comment without a moderator needs flags from
-- enough different addresses, so one person with many cookies still counts
-- once there.
DROP INDEX comment_flags_alias;
CREATE INDEX comment_flags_address ON comment_flags (comment_id, alias);
