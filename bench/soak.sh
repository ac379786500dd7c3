#!/usr/bin/env bash
# Soak: Dateline under a steady mixed load for a fixed time, on loopback
# only, then a check that every write it acknowledged is still there.
# Readers load front pages, articles (with view beacons), sections, searches
# and video pages; commenters post through the real comment form (with its
# form time) and flag comments; an editor publishes and corrects through the
# admin API; a moderator approves and rejects through the admin API. It
# prints per-endpoint counts, errors, p50 and p99, the server's resident
# memory and Go heap over time, and fails if any acknowledged write is
# missing, the error rate is above 0.1 %, or the server does not stop
# cleanly on SIGTERM.
#
# Usage: bash bench/soak.sh          (SQLite; PostgreSQL too when DATABASE_URL is set)
# Knobs: DURATION=2m READERS=16 COMMENTERS=6 SAMPLE=10s BACKUP_AT=60s (0: no
# "dateline backup" during the load)
#
# Rate limits stay on. The soak is the server's trusted proxy
# (DATELINE_TRUSTED_PROXIES=127.0.0.1) and gives every simulated reader an
# address of its own from 198.18.0.0/15 in X-Forwarded-For; each reader
# keeps under the per-address limits (searches, views), and commenters are a
# new reader for every comment, so no reader exceeds the post limit either.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${DURATION:-2m}"; readers="${READERS:-16}"; commenters="${COMMENTERS:-6}"; sample="${SAMPLE:-10s}"; backup_at="${BACKUP_AT:-60s}"

work=$(mktemp -d)
cleanup() { [ -n "${schema:-}" ] && psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
go build -o "$work/dateline" ./cmd/dateline
go build -o "$work/soak" ./bench/soak

status=0
run() {
  "$work/soak" --dateline "$work/dateline" --duration "$duration" --readers "$readers" --commenters "$commenters" \
    --sample "$sample" --backup-at "$backup_at" --log "$work/server-$1.log" "${@:2}" || { status=1; echo "soak on $1 FAILED; server log:" >&2; tail -20 "$work/server-$1.log" >&2; }
}
DATABASE_URL= run sqlite --data-dir "$work/data"
if [ -n "${DATABASE_URL:-}" ]; then
  schema="soak_$$"
  psql "$DATABASE_URL" -qc "CREATE SCHEMA $schema" >/dev/null
  sep='?'; case "$DATABASE_URL" in *\?*) sep='&';; esac
  run postgres --database-url "${DATABASE_URL}${sep}search_path=$schema"
fi
exit $status
