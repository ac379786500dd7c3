#!/usr/bin/env bash
# Cached pages against nginx: Dateline serves an article page and the front
# page of a generated site (100,000 articles, 1,000,000 approved comments);
# nginx serves the very same bytes (with their gzip forms) from disk on
# another loopback port; wrk loads both with the same settings in the same
# run (keep-alive, gzip asked for, 64 connections), wrk pinned to core 0 and
# each server to core 1. Then: Dateline's cold render rate for the article
# (a second process with the page cache off), its resident memory after the
# load and, on PostgreSQL, how long a publish through one node's API takes
# to reach a second node's front page. A third server, bench/gofloor, is
# bare net/http replaying Dateline's own response (headers and gzip bytes):
# the last columns show how close Go's HTTP server itself comes to nginx.
#
# Usage: bash bench/pages.sh            (SQLite; PostgreSQL too when DATABASE_URL is set)
# Knobs: SECS=10 ARTICLES=100000 COMMENTS=1000000 CONNS=64
# Installs wrk and nginx from Debian if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${SECS:-10}"; articles="${ARTICLES:-100000}"; comments="${COMMENTS:-1000000}"; conns="${CONNS:-64}"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d); chmod 755 "$work"
cleanup() { kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
            [ -n "${schema:-}" ] && psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
go build -o "$work/dateline" ./cmd/dateline
go build -o "$work/seed" ./bench/seed
go build -o "$work/publishlag" ./bench/publishlag
go build -o "$work/gofloor" ./bench/gofloor

wait_up() { for _ in $(seq 1 300); do curl -sf -o /dev/null "$1/healthz" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
wait_floor() { for _ in $(seq 1 100); do curl -sf -o /dev/null -H 'Accept-Encoding: gzip' http://127.0.0.1:8785/ && return 0; sleep 0.1; done; echo "gofloor did not start" >&2; exit 1; }
load() { taskset -c 0 wrk -t1 -c"$2" -d"${secs}s" --latency -H 'Accept-Encoding: gzip' "$1" > "$work/wrk.txt"
         awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' "$work/wrk.txt"; }

# nginx serves files from $work/www with their .gz forms, one worker on core 1.
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000;
  gzip_static on;
  types { text/html html; }
  server { listen 127.0.0.1:8782; root $work/www; }
}
CONF

bench_engine() {
  local engine=$1 args=() url
  if [ "$engine" = postgres ]; then
    schema="bench_$$"
    psql "$DATABASE_URL" -qc "CREATE SCHEMA $schema" >/dev/null
    sep='?'; case "$DATABASE_URL" in *\?*) sep='&';; esac
    url="${DATABASE_URL}${sep}search_path=$schema"
    args=(--database-url "$url")
  else
    args=(--data-dir "$work/data-$engine")
  fi
  echo "== $engine: generating $articles articles and $comments comments" >&2
  local t0=$SECONDS
  mapfile -t seeded < <(DATABASE_URL= "$work/seed" "${args[@]}" --articles "$articles" --comments "$comments")
  local article="${seeded[0]}" token="${seeded[1]}"
  echo "   done in $((SECONDS - t0)) s; benchmark article $article" >&2

  DATABASE_URL="${url:-}" taskset -c 1 "$work/dateline" serve "${args[@]}" --addr 127.0.0.1:8780 >"$work/dateline-$engine.log" 2>&1 &
  local pid=$!
  wait_up http://127.0.0.1:8780
  mkdir -p "$work/www"
  for page in article front; do
    local path=$article; [ $page = front ] && path=/
    curl -sf "http://127.0.0.1:8780$path" -o "$work/www/$page.html"
    gzip -kf9 "$work/www/$page.html"
    curl -sf -H 'Accept-Encoding: gzip' -D "$work/$page.headers" "http://127.0.0.1:8780$path" -o "$work/$page.gz"
  done
  chmod -R a+rX "$work/www"
  taskset -c 1 "$nginx_bin" -c "$work/nginx.conf" &
  sleep 0.5

  local rows=()
  for page in article front; do
    local path=$article; [ $page = front ] && path=/
    load "http://127.0.0.1:8780$path" 8 >/dev/null # warm: the page enters and settles in the cache
    read -r d_rps d_p50 d_p99 < <(load "http://127.0.0.1:8780$path" "$conns")
    read -r n_rps n_p50 n_p99 < <(load "http://127.0.0.1:8782/$page.html" "$conns")
    # The floor: bare net/http replaying Dateline's own response bytes.
    taskset -c 1 "$work/gofloor" --headers "$work/$page.headers" --body "$work/$page.gz" &
    local floor=$!
    wait_floor
    read -r g_rps g_p50 g_p99 < <(load "http://127.0.0.1:8785$path" "$conns")
    kill "$floor"; wait "$floor" 2>/dev/null || true
    rows+=("$(printf '%-9s %-8s %12s %9s %9s %12s %9s %9s %7.2f %12s %9s %7.2f' "$engine" "$page" "$d_rps" "$d_p50" "$d_p99" "$n_rps" "$n_p50" "$n_p99" \
      "$(awk -v d="$d_rps" -v n="$n_rps" 'BEGIN { print d/n }')" "$g_rps" "$g_p99" "$(awk -v g="$g_rps" -v n="$n_rps" 'BEGIN { print g/n }')")")
  done
  local rss_kb; rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
  kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"

  # Cold renders: a second process with the page cache off, same data.
  DATABASE_URL="${url:-}" taskset -c 1 "$work/dateline" serve "${args[@]}" --addr 127.0.0.1:8784 --page-cache 0 >"$work/cold-$engine.log" 2>&1 &
  local cold=$!
  wait_up http://127.0.0.1:8784
  load "http://127.0.0.1:8784$article" 4 >/dev/null
  read -r c_rps c_p50 c_p99 < <(load "http://127.0.0.1:8784$article" 4)
  kill "$cold"; wait "$cold" 2>/dev/null || true

  local lag="n/a (one node on SQLite)"
  if [ "$engine" = postgres ]; then
    DATABASE_URL="$url" taskset -c 1 "$work/dateline" serve "${args[@]}" --addr 127.0.0.1:8783 >"$work/node2.log" 2>&1 &
    local node2=$!
    wait_up http://127.0.0.1:8783
    "$work/publishlag" --first http://127.0.0.1:8780 --second http://127.0.0.1:8783 --token "$token" --runs 5 > "$work/lag.txt"
    cat "$work/lag.txt" >&2
    lag=$(awk '/median/ {print $3, $4}' "$work/lag.txt")
    kill "$node2"; wait "$node2" 2>/dev/null || true
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true

  printf '\n%-9s %-8s %12s %9s %9s %12s %9s %9s %7s %12s %9s %7s\n' engine page "dateline r/s" p50 p99 "nginx r/s" p50 p99 ratio \
    "net/http r/s" p99 "ratio"
  printf '%s\n' "${rows[@]}"
  printf 'cold article render (page cache off, 4 connections): %s pages/s = %.2f ms/page, p50 %s\n' "$c_rps" \
    "$(awk -v r="$c_rps" 'BEGIN { print 1000/r }')" "$c_p50"
  printf 'resident memory after the load: %d MB\n' $((rss_kb / 1024))
  printf 'publish to visible on a second node: %s\n\n' "$lag"
}

bench_engine sqlite
if [ -n "${DATABASE_URL:-}" ]; then bench_engine postgres; fi
