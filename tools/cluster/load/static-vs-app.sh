#!/usr/bin/env bash
# The caches against nginx itself: the public rota page and a feed, unchanged, answered by the instances through nginx
# (one statement for the version, the bytes from memory), against nginx serving the very same bytes as a static file
# (location /static-bench/). Alternating ROUNDS rounds of SECONDS each, CONNECTIONS connections, so other work on the
# machine weighs on both sides alike. Prints requests/s per round and the median ratio.
#   tools/cluster/load/static-vs-app.sh [FEED_PATH]      default: the public feed /calendar/demo.ics
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
DIR="$ROOT/artifacts/cluster"
BASE="${BASE_URL:-https://localhost:$(( ${CLUSTER_PORT_BASE:-56000} + 43 ))}"
ORG="${ORG:-demo}" ROUNDS="${ROUNDS:-3}" SECONDS_EACH="${SECONDS:-10}" CONNECTIONS="${CONNECTIONS:-8}"
FEED="${1:-/calendar/$ORG.ics}"
mkdir -p "$DIR/nginx/static"
curl -sk "$BASE/rota/$ORG" -o "$DIR/nginx/static/rota.html"
curl -sk "$BASE$FEED" -o "$DIR/nginx/static/feed.ics"
# requests/s of PATH, with If-None-Match: (the tag that path answers) when asked: a client that has the bytes already (304).
rate() {
  local headers=()
  if [[ "${2:-}" == 304 ]]; then headers=(-H "If-None-Match: $(curl -sk -D - -o /dev/null "$BASE$1" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')"); fi
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "${headers[@]}" "$BASE$1" | awk '/Requests\/sec/ {print $2}'
}
for pair in "rota:/rota/$ORG:/static-bench/rota.html" "feed:$FEED:/static-bench/feed.ics" "rota-304:/rota/$ORG:/static-bench/rota.html"; do
  IFS=: read -r name app static <<< "$pair"
  mode=""; [[ "$name" == *-304 ]] && mode=304
  ratios=()
  for round in $(seq 1 "$ROUNDS"); do
    a="$(rate "$app" "$mode")"; s="$(rate "$static" "$mode")"
    r="$(awk -v a="$a" -v s="$s" 'BEGIN {printf "%.2f", a / s}')"
    ratios+=("$r")
    echo "$name round $round: app $a req/s, static $s req/s, ratio $r"
  done
  echo "$name median ratio: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ($(stat -c %s "$DIR/nginx/static/$([[ $name == rota* ]] && echo rota.html || echo feed.ics)") bytes)"
done
