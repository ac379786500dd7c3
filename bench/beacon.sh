#!/usr/bin/env bash
# Beacon throughput: Dateline's POST /api/v1/views next to a plain 204
# handler, loaded by wrk with the same settings in the same run, wrk on one
# core and the server on the other. Prints requests/s, p50, p99 and the ratio.
# Usage: bash bench/beacon.sh [seconds]   (installs wrk from Debian if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/dateline" ./cmd/dateline
go build -o "$work/plain204" ./bench/plain204
DATELINE_TRUSTED_PROXIES=127.0.0.1 taskset -c 1 "$work/dateline" serve --demo --data-dir "$work/data" --addr 127.0.0.1:8780 >"$work/dateline.log" 2>&1 &
taskset -c 1 "$work/plain204" --addr 127.0.0.1:8781 &
for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:8780/healthz && break; sleep 0.2; done

run() { taskset -c 0 wrk -t1 -c64 -d"${secs}s" --latency -s bench/beacon.lua "$1" | tee "$work/$2.txt" >&2
        awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' "$work/$2.txt"; }
read -r d_rps d_p50 d_p99 < <(run http://127.0.0.1:8780/api/v1/views dateline)
read -r p_rps p_p50 p_p99 < <(run http://127.0.0.1:8781/ plain)
printf '\n%-26s %12s %10s %10s\n' "server" "requests/s" "p50" "p99"
printf '%-26s %12s %10s %10s\n' "dateline POST /api/v1/views" "$d_rps" "$d_p50" "$d_p99" "plain 204 handler" "$p_rps" "$p_p50" "$p_p99"
awk -v d="$d_rps" -v p="$p_rps" 'BEGIN { printf "ratio dateline/plain: %.2f\n", d/p }'
