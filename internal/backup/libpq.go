package backup

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// libpqParams are the URL query parameters libpq understands. DATABASE_URL
// is read by pgx, which also takes run-time settings such as search_path
// there; libpq refuses a URL with any parameter it does not know, so the
// others are dropped before pg_dump or pg_restore sees the URL. Neither
// needs them: both name every object with its schema.
var libpqParams = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "passfile": true,
	"require_auth": true, "channel_binding": true, "connect_timeout": true, "client_encoding": true,
	"options": true, "application_name": true, "fallback_application_name": true,
	"keepalives": true, "keepalives_idle": true, "keepalives_interval": true, "keepalives_count": true,
	"tcp_user_timeout": true, "gssencmode": true, "sslmode": true, "requiressl": true, "sslcompression": true,
	"sslcert": true, "sslkey": true, "sslpassword": true, "sslcertmode": true, "sslrootcert": true,
	"sslcrl": true, "sslcrldir": true, "sslsni": true, "requirepeer": true, "ssl_min_protocol_version": true,
	"ssl_max_protocol_version": true, "krbsrvname": true, "gsslib": true, "gssdelegation": true,
	"service": true, "target_session_attrs": true, "load_balance_hosts": true,
}

// libpqConn turns DATABASE_URL into a URL for the PostgreSQL client
// programs and the environment to run them in. The password moves into
// PGPASSWORD, so it never appears in the process list.
func libpqConn(raw string) (conn string, env []string, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", nil, fmt.Errorf("backup: DATABASE_URL: %w", err)
	}
	env = os.Environ()
	q := u.Query()
	password, hasPassword := u.User.Password()
	if p := q.Get("password"); p != "" {
		password, hasPassword = p, true
	}
	if hasPassword {
		env = append(env, "PGPASSWORD="+password)
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	for k := range q {
		if !libpqParams[k] {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), env, nil
}

// shownURL is DATABASE_URL as the explanations print it: without its
// password or pgx-only parameters.
func shownURL(raw string) string {
	conn, _, err := libpqConn(raw)
	if err != nil {
		return "DATABASE_URL"
	}
	return conn
}

var versionRE = regexp.MustCompile(`\(PostgreSQL\) (\d+)(\.\d+)?`)

// toolVersion runs "prog --version" and returns its major version and the
// version as printed ("15.20").
func toolVersion(ctx context.Context, prog string) (int, string, error) {
	out, err := exec.CommandContext(ctx, prog, "--version").Output()
	if err != nil {
		return 0, "", fmt.Errorf("backup: %s --version: %w", prog, err)
	}
	m := versionRE.FindStringSubmatch(string(out))
	if m == nil {
		return 0, "", fmt.Errorf("backup: cannot read the version from %s --version: %q", prog, strings.TrimSpace(string(out)))
	}
	major, _ := strconv.Atoi(m[1])
	return major, m[1] + m[2], nil
}

// runTool runs a PostgreSQL client program and, when it fails, returns an
// error that carries what it printed, which names the actual problem.
func runTool(ctx context.Context, env []string, prog string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%s failed: %s", prog, msg)
	}
	return stdout.Bytes(), nil
}

// lookTool finds a client program or explains how to get one and what to
// do by hand meanwhile.
func lookTool(name, serverMajor string, schema, rawURL string) (string, error) {
	path, err := exec.LookPath(name)
	if err == nil {
		return path, nil
	}
	if !errors.Is(err, exec.ErrNotFound) && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("backup: %s: %w", name, err)
	}
	return "", fmt.Errorf(`backup: %s was not found. On PostgreSQL, Dateline backs up with pg_dump and
restores with pg_restore, from the PostgreSQL client tools of the server's version
or newer (Debian and Ubuntu: apt-get install postgresql-client-%s), and packs the
dump into the same kind of archive as a SQLite backup. Install them (or name them
with --pg-dump and --pg-restore), or work by hand. Images and videos live in the
database on PostgreSQL, so the dump is the whole site:

  pg_dump --format=custom --schema='"%s"' --file=dateline.pgdump '%s'

To restore that into an empty database (the schema keeps its name; NEW_URL is
the new database's URL):

  pg_restore --list dateline.pgdump | grep -v -E '^[0-9]+; [0-9]+ [0-9]+ (SCHEMA - |COMMENT - SCHEMA )' > dateline.list
  psql NEW_URL -c 'CREATE SCHEMA IF NOT EXISTS "%[3]s"'
  pg_restore --use-list=dateline.list --no-owner --no-privileges --exit-on-error --single-transaction --dbname=NEW_URL dateline.pgdump

(set PGPASSWORD for a password; the list leaves out the schema's own entry,
because an empty database already has "public")`, name, serverMajor, schema, shownURL(rawURL))
}

// searchPathEntries splits a search_path setting into schema names:
// quoted names keep their case, unquoted ones fold to lower case.
func searchPathEntries(setting string) []string {
	var out []string
	for _, part := range splitOutsideQuotes(setting) {
		part = strings.TrimSpace(part)
		if strings.HasPrefix(part, `"`) && strings.HasSuffix(part, `"`) && len(part) >= 2 {
			out = append(out, strings.ReplaceAll(part[1:len(part)-1], `""`, `"`))
		} else if part != "" {
			out = append(out, strings.ToLower(part))
		}
	}
	return out
}

func splitOutsideQuotes(s string) []string {
	var parts []string
	quoted, start := false, 0
	for i, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ',' && !quoted:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}
