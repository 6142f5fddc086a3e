#!/usr/bin/env bash
# A leader's personal calendar feed with ~500 events, served by a Release build on loopback and measured with wrk.
#
#   tests/Reception.Benchmarks/feeds/serve-bench.sh [EVENTS] [SECONDS]
#
# Seeds the demo city into a fresh data directory under /tmp (Development), gives leader01 ~EVENTS duties and visits in
# the feed window plus a feed token (seed-leader.py), then runs two app instances on that database:
#   render  (Reception__Feeds__BodyCacheMegabytes=0): every request reads the feed's version and events and renders
#           them — the cost of a feed that changed; the events' bytes come from the event cache, as for a feed in which
#           few events changed. Target (issue 13): p95 under 20 ms at one connection.
#   cold    (both caches off): every event goes through Ical.Net on every request, as after a restart.
#   serve   (the default cache): an unchanged feed — one version query, the body from memory; and the same bytes as a
#           static file served by the same app (UseStaticFiles, a temporary file in wwwroot/.bench), in the same run.
#           Goal: requests per second at least half the static file's.
# Also a conditional GET (If-None-Match: the feed's ETag, answered 304), and first what "has it changed?" costs with
# the stored versions and with a fingerprint of the feed's rows (Reception.Benchmarks feed-versions, on the same database).
# Prints p50/p90/p95/p99 and requests per second.
set -euo pipefail
cd "$(dirname "$0")/../../.."
EVENTS="${1:-500}"
SECONDS_EACH="${2:-15}"
COLD_PORT="${COLD_PORT:-5197}"
RENDER_PORT="${RENDER_PORT:-5198}"
SERVE_PORT="${SERVE_PORT:-5199}"
DATA="$(mktemp -d /tmp/reception-feed-bench-XXXXXX)"
STATIC_DIR=wwwroot/.bench
STATIC="$STATIC_DIR/feed-$$.ics"
HERE=tests/Reception.Benchmarks/feeds
PIDS=()

dotnet build -c Release tests/Reception.Benchmarks -v quiet -nologo >/dev/null
start() { # port, extra environment...
  local port="$1"; shift
  env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" Reception__DataDirectory="$DATA" "$@" \
    setsid dotnet run -c Release --no-build --no-launch-profile --project src/Reception.Web >"$DATA/app-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the app on $port did not start:"; cat "$DATA/app-$port.log"; exit 1
}
cleanup() {
  for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -f "$STATIC"; rmdir "$STATIC_DIR" 2>/dev/null || true; rm -rf "$DATA"
}
trap cleanup EXIT
measure() { # label, threads, connections, url, [header]
  echo "== $1: wrk -t$2 -c$3 -d${SECONDS_EACH}s"
  if [ -n "${5:-}" ]; then
    wrk -t"$2" -c"$3" -d"${SECONDS_EACH}s" --latency -s "$HERE/percentiles.lua" -H "$5" "$4" | grep -E '^(p[0-9]+|requests|Requests/sec)'
  else
    wrk -t"$2" -c"$3" -d"${SECONDS_EACH}s" --latency -s "$HERE/percentiles.lua" "$4" | grep -E '^(p[0-9]+|requests|Requests/sec)'
  fi
}

start "$RENDER_PORT" Reception__Feeds__BodyCacheMegabytes=0   # seeds the demo city on first start
TOKEN="$(/usr/bin/python3 "$HERE/seed-leader.py" "$DATA/reception.db" leader01 "$EVENTS")"
OFFICE="$(/usr/bin/python3 - "$DATA/reception.db" <<'PY'
import base64, hashlib, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
user, = db.execute("select Id from AspNetUsers where UserName = 'clerk'").fetchone()
token = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
db.execute("insert into FeedTokens (UserId, Kind, TokenHash, CreatedAtUtc) values (?, 2, ?, '2026-01-01 00:00:00')",
           (user, hashlib.sha256(token.encode()).hexdigest()))
db.commit()
print(token)
PY
)"
start "$SERVE_PORT"
start "$COLD_PORT" Reception__Feeds__BodyCacheMegabytes=0 Reception__Feeds__EventCacheMegabytes=0
COLD="http://127.0.0.1:$COLD_PORT/calendar/u/$TOKEN.ics"
RENDER="http://127.0.0.1:$RENDER_PORT/calendar/u/$TOKEN.ics"
SERVE="http://127.0.0.1:$SERVE_PORT/calendar/u/$TOKEN.ics"

mkdir -p "$STATIC_DIR"
curl -fs "$SERVE" -o "$STATIC"
ETAG="$(curl -fsI "$SERVE" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')"
STATIC_URL="http://127.0.0.1:$SERVE_PORT/.bench/$(basename "$STATIC")"
echo "feed: $(grep -c '^BEGIN:VEVENT' "$STATIC") events, $(wc -c <"$STATIC") bytes, ETag $ETAG; static copy: $(curl -fs "$STATIC_URL" | wc -c) bytes"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 300); do curl -fs -o /dev/null "$RENDER"; curl -fs -o /dev/null "$SERVE"; curl -fs -o /dev/null "$STATIC_URL"; done  # JIT, pools
for _ in $(seq 1 30); do curl -fs -o /dev/null "$COLD"; done

echo "office feed (clerk): $(curl -fs "http://127.0.0.1:$SERVE_PORT/calendar/o/$OFFICE.ics" | grep -c '^BEGIN:VEVENT') events"
echo "== has the feed changed? (the same database, no HTTP)"
dotnet run -c Release --no-build --project tests/Reception.Benchmarks -- feed-versions "$DATA" "$TOKEN" "$OFFICE"

measure "cold render (no caches), 1 connection" 1 1 "$COLD"
measure "render (no body cache, events cached), 1 connection" 1 1 "$RENDER"
measure "unchanged feed, 1 connection" 1 1 "$SERVE"
measure "static file, same bytes, 1 connection" 1 1 "$STATIC_URL"
measure "unchanged feed, If-None-Match (304), 1 connection" 1 1 "$SERVE" "If-None-Match: $ETAG"
measure "unchanged feed, 8 connections" 2 8 "$SERVE"
measure "static file, same bytes, 8 connections" 2 8 "$STATIC_URL"
# The ratio, measured alternately in short rounds so that other work on the machine weighs on both sides alike.
for conns in 1 8; do
  threads=$(( conns > 1 ? 2 : 1 ))
  ratios=""
  for round in 1 2 3 4 5 6; do
    feed=$(wrk -t$threads -c$conns -d5s "$SERVE" | sed -n 's/^Requests\/sec: *//p')
    file=$(wrk -t$threads -c$conns -d5s "$STATIC_URL" | sed -n 's/^Requests\/sec: *//p')
    ratios="$ratios $(awk -v a="$feed" -v b="$file" 'BEGIN { printf "%.2f", a / b }')"
    echo "round $round, $conns connection(s): feed $feed req/s, static file $file req/s"
  done
  echo "== ratio unchanged feed / static file, $conns connection(s), six alternating 5 s rounds: $(echo $ratios | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { printf "median %.2f (%s … %s)", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), a[1], a[NR] }')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
