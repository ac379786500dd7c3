-- Sign-in throttling: counters per keyed hash, and the places (addresses,
-- browsers) where an account has signed in before.

-- name: count-signin-attempt
-- One attempt more under a key, in one statement so that parallel attempts
-- (on any node) each get their own count. A window that has run out starts
-- again at 1; reaching the limit ($5) pauses the key until $6.
INSERT INTO signin_attempts (key, subject, failures, window_end) VALUES ($1, $2, 1, $3)
ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN signin_attempts.window_end <= $4 THEN 1 ELSE signin_attempts.failures + 1 END,
    window_end = CASE
        WHEN signin_attempts.window_end <= $4 THEN $3
        WHEN signin_attempts.failures + 1 = $5 THEN $6
        ELSE signin_attempts.window_end END
RETURNING failures, window_end

-- name: forgive-signin-attempt
-- A success takes back the attempt it was counted as.
UPDATE signin_attempts SET failures = failures - 1 WHERE key = $1 AND failures > 0

-- name: touch-signin-attempts
-- A write that changes nothing, standing in for an audit entry where there
-- is no account to write it for.
UPDATE signin_attempts SET failures = failures WHERE key = $1

-- name: clear-signin-attempts
DELETE FROM signin_attempts WHERE key = $1

-- name: clear-signin-subject
DELETE FROM signin_attempts WHERE subject = $1

-- name: remember-signin-place
INSERT INTO signin_places (key, subject, last_at) VALUES ($1, $2, $3)
ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at

-- name: signin-place-known
SELECT COUNT(*) FROM signin_places WHERE key = $1 AND last_at >= $2

-- name: prune-signin-attempts
DELETE FROM signin_attempts WHERE window_end < $1

-- name: prune-signin-places
DELETE FROM signin_places WHERE last_at < $1
