#!/usr/bin/env bash
# Samples the CPU time of each part of the cluster every INTERVAL seconds until killed: one CSV line per sample,
#   unix time, load average (1 min), then utime+stime in clock ticks of app1..appN, PostgreSQL (postmaster and every
#   backend), nginx (master and workers), the SMTP sink. report.py turns the differences into per-cent of one core.
#   PostgreSQL is the cluster's own (DIR/pg/data) unless CLUSTER_PG_DATA names the data folder of an external server.
DIR="${1:?the cluster folder (artifacts/cluster)}"; INTERVAL="${2:-5}"; INSTANCES="${CLUSTER_INSTANCES:-3}"
ticks() { # summed utime+stime of the given pids (fields 14 and 15 of /proc/PID/stat; the name may hold spaces)
  local total=0 pid f
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    f="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
    set -- $f
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
tree() { local p="$1"; echo "$p"; for c in $(pgrep -P "$p" 2>/dev/null); do tree "$c"; done; }
pidof_file() { [[ -f "$1" ]] && head -1 "$1"; }
header="time,load1"; for n in $(seq 1 "$INSTANCES"); do header+=",app$n"; done; echo "$header,postgres,nginx,smtp"
while true; do
  line="$(date +%s),$(cut -d' ' -f1 /proc/loadavg)"
  for n in $(seq 1 "$INSTANCES"); do line+=",$(ticks $(pidof_file "$DIR/app$n.pid"))"; done
  pg="$(pidof_file "${CLUSTER_PG_DATA:-$DIR/pg/data}/postmaster.pid")"; line+=",$(ticks $( [[ -n "$pg" ]] && tree "$pg"))"
  ng="$(pidof_file "$DIR/nginx/nginx.pid")"; line+=",$(ticks $( [[ -n "$ng" ]] && tree "$ng"))"
  line+=",$(ticks $(pidof_file "$DIR/smtp.pid"))"
  echo "$line"
  sleep "$INTERVAL"
done
