#!/usr/bin/env bash
# The one test command: installs the real peers the tests need (Debian packages), starts a
# throwaway PostgreSQL cluster, builds the solution once, runs every test project and prints
# "N passed, N failed" as its last line. Exits non-zero if anything failed or nothing ran.
# Runs as root on a fresh Debian 12 with the .NET 10 SDK; repeated runs skip what is installed.
#
#   tests/run.sh                              every suite (Core, Web, Browser) at today's date
#   tests/run.sh --clock-offset '+400 days'   Core and Web again with the test processes' clock moved (libfaketime):
#                                             proves that no test depends on the day it runs (.ci/run does both)
set -euo pipefail

CLOCK_OFFSET=""
while (($#)); do
  case "$1" in
    --clock-offset) CLOCK_OFFSET="${2:?--clock-offset needs a value such as '+400 days'}"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONFIGURATION=Release
# One folder per run, so that two runs in the same checkout never mix their results.
RESULTS="$ROOT/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
PROJECTS=(tests/Reception.Core.Tests tests/Reception.Web.Tests tests/Reception.Browser.Tests)
# The clock-shifted pass runs the projects whose tests must not care about the date (the browser's own clock is real).
[[ -z "$CLOCK_OFFSET" ]] || PROJECTS=(tests/Reception.Core.Tests tests/Reception.Web.Tests)
APT_PACKAGES=(chromium fonts-noto-cjk postgresql postgresql-client tzdata python3-aiosmtpd python3-icalendar python3-openpyxl faketime poppler-utils)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[[ -x "$PG_BIN/initdb" ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
# The backup job and PostgresBackupTests run pg_dump and pg_restore from PATH (postgresql-client).
command -v pg_dump >/dev/null && command -v pg_restore >/dev/null || { echo "pg_dump/pg_restore not found after installing postgresql-client" >&2; exit 1; }
CHROMIUM="$(command -v chromium || true)"
[[ -n "$CHROMIUM" ]] || { echo "chromium not found after installing it" >&2; exit 1; }

# --- npm packages (git-ignored tests/.tools), pinned: axe-core for the accessibility checks, ical.js
# (the calendar feeds' real parser), ical-generator (the feed writer's benchmark peer) and lunar-javascript
# (the peer for lunar festival dates and the 清明 solar term) ------------------------------------------------------
NPM_PACKAGES=(axe-core@4.14.1 ical.js@2.2.1 ical-generator@11.1.2 lunar-javascript@1.7.7)
NODE_MODULES="$ROOT/tests/.tools/node_modules"
npm_missing=()
for spec in "${NPM_PACKAGES[@]}"; do
  installed="$(node -p "require(process.argv[1]).version" "$NODE_MODULES/${spec%@*}/package.json" 2>/dev/null || true)"
  [[ "$installed" == "${spec##*@}" ]] || npm_missing+=("$spec")
done
if ((${#npm_missing[@]})); then
  command -v npm >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq npm >/dev/null; }
  log "installing ${npm_missing[*]}"
  # All of them at once: npm removes packages that a partial install does not name.
  npm install --prefix "$ROOT/tests/.tools" --no-audit --no-fund --no-package-lock --save-exact --silent "${NPM_PACKAGES[@]}"
fi
export RECEPTION_TEST_AXE="$NODE_MODULES/axe-core/axe.min.js"
export RECEPTION_TEST_NODE_MODULES="$NODE_MODULES"

# --- 2. Throwaway PostgreSQL cluster --------------------------------------------------------------
PG_TMP="$(mktemp -d /tmp/reception-pg.XXXXXX)"
# PostgreSQL refuses to run as root; run its tools as the postgres user from a folder it may enter.
as_postgres() { (cd "$PG_TMP" && runuser -u postgres -- "$@"); }
cleanup() {
  if [[ -f "$PG_TMP/data/postmaster.pid" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2
  return 1
}

chown postgres:postgres "$PG_TMP"
chmod 700 "$PG_TMP"
PG_PASSWORD="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
PG_USER=reception_test
PG_DATABASE=reception_test

log "starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') in $PG_TMP"
as_postgres "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres -E UTF8 --locale=C \
  --auth-local=trust --auth-host=scram-sha-256 >"$PG_TMP/initdb.log" 2>&1 \
  || { cat "$PG_TMP/initdb.log" >&2; exit 1; }

started=false
for _ in 1 2 3; do
  PG_PORT="$(free_port)"
  if as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
       start >/dev/null; then
    started=true
    break
  fi
done
$started || { echo "PostgreSQL did not start:" >&2; cat "$PG_TMP/server.log" >&2; exit 1; }

as_postgres "$PG_BIN/psql" -X -q -h "$PG_TMP" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" \
  -c "GRANT pg_signal_backend TO $PG_USER" \
  -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER" >/dev/null

export RECEPTION_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE"
export RECEPTION_TEST_CHROMIUM="$CHROMIUM"

# --- 3. Build once, run each project --------------------------------------------------------------
log "building ($CONFIGURATION)"
if ! dotnet build Reception.sln -c "$CONFIGURATION" --nologo -v quiet -clp:ErrorsOnly; then
  echo "the build failed" >&2
  echo "0 passed, 0 failed"
  exit 1
fi

mkdir -p "$RESULTS"
find "$ROOT/TestResults" -mindepth 1 -maxdepth 1 -name 'run-*' -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
broken=()
for project in "${PROJECTS[@]}"; do
  name="$(basename "$project")"
  log_suffix=""; clock=()
  if [[ -n "$CLOCK_OFFSET" ]]; then clock=(faketime "$CLOCK_OFFSET"); log_suffix=" with the clock at $(faketime "$CLOCK_OFFSET" date -u +%Y-%m-%d)"; fi
  log "testing $name$log_suffix"
  if ! "${clock[@]}" dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
       --logger "trx;LogFileName=$name.trx" \
       --results-directory "$RESULTS" --blame-hang-timeout 10m --blame-hang-dump-type none; then
    broken+=("$name")
  fi
  [[ -f "$RESULTS/$name.trx" ]] || { echo "$name: no results (the test run did not start or crashed)" >&2; broken+=("$name (no results)"); }
done

# --- 4. Totals from the TRX files -----------------------------------------------------------------
counter() { grep -o "<Counters [^>]*>" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
passed=0 failed=0 skipped=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  p=$(counter "$trx" passed)
  f=$(($(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
  s=$(($(counter "$trx" total) - $(counter "$trx" executed)))
  printf '%s: %d passed, %d failed, %d skipped\n' "$(basename "$trx" .trx)" "$p" "$f" "$s" >&2
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

echo "results: $RESULTS" >&2
if ((${#broken[@]})); then echo "failing projects: ${broken[*]}" >&2; fi
summary="$passed passed, $failed failed"
((skipped == 0)) || summary+=", $skipped skipped"
echo "$summary"

# Skipped tests count as a failure too: a green run must mean everything ran (PostgreSQL and Chromium included).
if ((failed > 0 || skipped > 0 || passed == 0 || ${#broken[@]} > 0)); then exit 1; fi
