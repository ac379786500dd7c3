-- Sign-in throttling that holds under concurrency and across nodes.
--
-- signin_attempts holds one counter per throttle key (an address; an email
-- and address together; an email and a browser; an email alone). The key is
-- a keyed hash, so no address or email is stored in it. Every attempt is
-- counted by one atomic upsert before its password is checked, so parallel
-- guesses cannot all slip under a limit; a success takes its count back.
-- subject is the keyed hash of the email, so an admin's password reset can
-- lift every pause on that account at once.
CREATE TABLE signin_attempts (
    key        TEXT PRIMARY KEY,
    subject    TEXT NOT NULL DEFAULT '',
    failures   INTEGER NOT NULL,
    window_end TIMESTAMPTZ NOT NULL
);
CREATE INDEX signin_attempts_subject ON signin_attempts (subject);
CREATE INDEX signin_attempts_window ON signin_attempts (window_end);

-- signin_places remembers where an account signed in successfully (keyed
-- hashes of email+address and email+browser id), so that its owner is not
-- paused by strangers' guesses against the account.
CREATE TABLE signin_places (
    key      TEXT PRIMARY KEY,
    subject  TEXT NOT NULL,
    last_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX signin_places_subject ON signin_places (subject);
CREATE INDEX signin_places_last ON signin_places (last_at);

-- The old table counted failures after the fact; signin_attempts replaces it.
DROP TABLE login_failures;
