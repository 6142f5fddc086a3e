#!/usr/bin/env bash
# A leader's personal calendar feed with ~500 events, served by a Release build on loopback and measured with wrk.
#
#   tests/Reception.Benchmarks/feeds/serve-bench.sh [EVENTS] [SECONDS]
#
# Starts the app (Development: the demo city is seeded into a fresh data directory under /tmp), gives leader01
# ~EVENTS duties and visits in the feed window plus a feed token (seed-leader.py), warms up, then runs wrk twice:
# one connection (latency of a single calendar client) and 8 connections over 2 threads (a busy server).
# Prints p50/p90/p95/p99. Target (issue 5): p95 under 20 ms.
set -euo pipefail
cd "$(dirname "$0")/../../.."
EVENTS="${1:-500}"
SECONDS_EACH="${2:-15}"
PORT="${PORT:-5199}"
DATA="$(mktemp -d /tmp/reception-feed-bench-XXXXXX)"
HERE=tests/Reception.Benchmarks/feeds

dotnet build -c Release src/Reception.Web -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$PORT" Reception__DataDirectory="$DATA" \
  setsid dotnet run -c Release --no-build --no-launch-profile --project src/Reception.Web >"$DATA/app.log" 2>&1 &
APP=$!
cleanup() { kill -- "-$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { echo "the app did not start:"; cat "$DATA/app.log"; exit 1; }

TOKEN="$(/usr/bin/python3 "$HERE/seed-leader.py" "$DATA/reception.db" leader01 "$EVENTS")"
URL="http://127.0.0.1:$PORT/calendar/u/$TOKEN.ics"
BYTES="$(curl -fs "$URL" | wc -c)"
COUNT="$(curl -fs "$URL" | grep -c '^BEGIN:VEVENT')"
echo "feed: $COUNT events, $BYTES bytes"
for _ in $(seq 1 300); do curl -fs -o /dev/null "$URL"; done   # warm-up: JIT, EF query cache, connection pool

echo "== baseline: /health (one database round trip), 1 connection, 5s — shows how loaded the machine is"
wrk -t1 -c1 -d5s --latency -s "$HERE/percentiles.lua" "http://127.0.0.1:$PORT/health" | grep -E '^(p50|p95|Requests/sec)'
echo "== wrk, 1 thread, 1 connection, ${SECONDS_EACH}s"
wrk -t1 -c1 -d"${SECONDS_EACH}s" --latency -s "$HERE/percentiles.lua" "$URL" | grep -E '^(p[0-9]+|requests|Requests/sec)'
echo "== wrk, 2 threads, 8 connections, ${SECONDS_EACH}s"
wrk -t2 -c8 -d"${SECONDS_EACH}s" --latency -s "$HERE/percentiles.lua" "$URL" | grep -E '^(p[0-9]+|requests|Requests/sec)'
