#!/usr/bin/env bash
# The load run through nginx: an office province's mix at office hours, as several wrk processes with think time, one per
# kind of user, for DURATION seconds; optionally kill -9 one instance at KILL_AT and start it again at RESTART_AT.
# Then the report: per page requests/s, p50/p95/p99 (nginx's $request_time), errors, CPU of each part, load average.
#
#   tools/cluster/load/run.sh                      the defaults below, ten minutes
#   DURATION=120 KILL_AT=40 RESTART_AT=80 tools/cluster/load/run.sh
#
# Users (connections; each waits an exponential think time around the mean between its requests):
#   CLERKS=300 at CLERK_THINK=20000 ms      case list 45 %, case page 40 %, board 15 %
#   LEADERS=100 at LEADER_THINK=60000 ms    my cases
#   PUBLIC=10 at PUBLIC_THINK=10000 ms      public rota page 80 %, public feed 20 %
#   FEEDS=60 at FEED_THINK=15000 ms         calendar clients on personal, office and public feeds (half conditional)
#   REGISTER=4 at REGISTER_THINK=2000 ms    registrations (POST with the session's antiforgery token)
# CPU of PostgreSQL: the cluster's own, or CLUSTER_PG_DATA=<data folder> of an external server (cpu.sh).
# Wrap it in `flock /work/brief/heavy.lock` on a shared machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
DIR="$ROOT/artifacts/cluster"
BASE_URL="${BASE_URL:-https://localhost:$(( ${CLUSTER_PORT_BASE:-56000} + 43 ))}"
DURATION="${DURATION:-600}"
CLERKS="${CLERKS:-300}" CLERK_THINK="${CLERK_THINK:-20000}"
LEADERS="${LEADERS:-100}" LEADER_THINK="${LEADER_THINK:-60000}"
PUBLIC="${PUBLIC:-10}" PUBLIC_THINK="${PUBLIC_THINK:-10000}"
FEEDS="${FEEDS:-60}" FEED_THINK="${FEED_THINK:-15000}"
REGISTER="${REGISTER:-4}" REGISTER_THINK="${REGISTER_THINK:-2000}"
ORG="${ORG:-demo}"
RUN="$DIR/runs/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
S="$RUN/sessions"

echo "==> signing in (sessions in $S)" >&2
/usr/bin/python3 tools/cluster/load/sessions.py prepare --base "$BASE_URL" --out "$S" --org "$ORG" \
  --clerks "${SESSIONS_CLERKS:-30}" --leaders "${SESSIONS_LEADERS:-24}" \
  ${CLERK_USERS:+--clerk-users "$CLERK_USERS"} ${LEADER_USERS:+--leader-users "$LEADER_USERS"} ${PASSWORD:+--password "$PASSWORD"}

tools/cluster/load/cpu.sh "$DIR" 5 > "$RUN/cpu.csv" &
CPU_PID=$!
# The sampler stops with the run, however it ends (it would otherwise hold the output open).
trap 'kill "$CPU_PID" 2>/dev/null || true' EXIT
uptime > "$RUN/uptime-before.txt"
START=$(date +%s)
wrk_run() { # script connections threads think
  wrk -t"$3" -c"$2" -d"${DURATION}s" --timeout 30s --latency -s "tools/cluster/load/$1.lua" "$BASE_URL" -- "$S" "$4" "$ORG" > "$RUN/wrk-$1.txt" 2>&1
}
pids=()
wrk_run clerk "$CLERKS" 2 "$CLERK_THINK" & pids+=($!)
wrk_run leader "$LEADERS" 1 "$LEADER_THINK" & pids+=($!)
wrk_run public "$PUBLIC" 1 "$PUBLIC_THINK" & pids+=($!)
wrk_run feeds "$FEEDS" 1 "$FEED_THINK" & pids+=($!)
wrk_run register "$REGISTER" 1 "$REGISTER_THINK" & pids+=($!)
KILL_TIME="" RESTART_TIME=""
if [[ -n "${KILL_AT:-}" ]]; then
  sleep "$KILL_AT"; KILL_TIME=$(date +%s)
  tools/cluster/cluster.sh kill-one "${KILL_INSTANCE:-2}"
  sleep "$(( ${RESTART_AT:-$((KILL_AT + 60))} - KILL_AT ))"; RESTART_TIME=$(date +%s)
  tools/cluster/cluster.sh restart-one "${KILL_INSTANCE:-2}" || echo "==> app${KILL_INSTANCE:-2} did not come back (see its out.log)" >&2
fi
for p in "${pids[@]}"; do wait "$p" || true; done
END=$(date +%s)
uptime > "$RUN/uptime-after.txt"
sleep 6; kill "$CPU_PID" 2>/dev/null || true
sleep 2 # nginx flushes its log every second
{
  echo "# load run $(date -u -d "@$START" '+%Y-%m-%d %H:%M') UTC, ${DURATION} s, through nginx ($BASE_URL)"
  echo "users: $CLERKS clerks/${CLERK_THINK} ms, $LEADERS leaders/${LEADER_THINK} ms, $PUBLIC public/${PUBLIC_THINK} ms, $FEEDS calendar clients/${FEED_THINK} ms, $REGISTER registering/${REGISTER_THINK} ms"
  echo "before: $(cat "$RUN/uptime-before.txt")"; echo "after:  $(cat "$RUN/uptime-after.txt")"
  [[ -n "$KILL_TIME" ]] && echo "kill -9 app${KILL_INSTANCE:-2} at +$((KILL_TIME - START)) s, restarted at +$((RESTART_TIME - START)) s"
  echo
  /usr/bin/python3 tools/cluster/load/report.py --log "$DIR/nginx/access.log" --from "$START" --to "$END" --cpu "$RUN/cpu.csv" \
    ${KILL_TIME:+--kill "$KILL_TIME" --restart "$RESTART_TIME" --killed 127.0.0.1:$(( ${CLUSTER_PORT_BASE:-56000} + ${KILL_INSTANCE:-2} )) --error-log "$DIR/nginx/error.log"}
  echo
  for f in "$RUN"/wrk-*.txt; do echo "## $(basename "$f" .txt)"; grep -E "requests in|Requests/sec|Non-2xx|Socket errors" "$f" || true; done
} | tee "$RUN/report.md"
echo "$RUN" > "$DIR/runs/latest"
