#!/usr/bin/env bash
# The whole site on one machine: PostgreSQL 15 (its own data folder), three app instances on loopback ports (the
# published Release build, one Hangfire cluster, one shared personal data key), an SMTP sink (the tests' aiosmtpd
# server) and nginx in front as the one address people use (HTTPS with a throwaway self-signed certificate, HTTP
# redirected, passive health checks). Everything lives in artifacts/cluster/ (git-ignored). Runs as root on Debian 12.
#
#   tools/cluster/cluster.sh start            build (publish) if needed, start what is not running
#   tools/cluster/cluster.sh stop             stop nginx, the instances, the SMTP sink and PostgreSQL
#   tools/cluster/cluster.sh status           what runs, each instance's /health, the address to open
#   tools/cluster/cluster.sh kill-one [N]     kill -9 instance N (default 2): what losing a machine looks like
#   tools/cluster/cluster.sh restart-one [N]  start instance N again (after kill-one)
#   tools/cluster/cluster.sh publish          publish the Release build again (then restart the instances)
#   tools/cluster/cluster.sh config           write nginx's configuration and check it (nginx -t)
#
# Settings (environment): CLUSTER_PORT_BASE (56000: PostgreSQL +32, instances +1..+3, SMTP +25, HTTPS +43, HTTP +80),
# CLUSTER_DATABASE (a connection string: use that database instead of starting PostgreSQL here; the instances must then
# be given its personal data key in CLUSTER_KEY_FILE), CLUSTER_INSTANCES (3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$ROOT/artifacts/cluster"
BASE="${CLUSTER_PORT_BASE:-56000}"
PG_PORT=$((BASE + 32)) SMTP_PORT=$((BASE + 25)) HTTPS_PORT=$((BASE + 43)) HTTP_PORT=$((BASE + 80))
INSTANCES="${CLUSTER_INSTANCES:-3}"
# nginx connects to the instances from this loopback address, the only one whose forwarded headers they believe.
PROXY_ADDRESS=127.0.0.2
PG_BIN=/usr/lib/postgresql/15/bin
APP="$DIR/app"
KEY_FILE="${CLUSTER_KEY_FILE:-$DIR/personal-data.key}"
PG_PASSWORD_FILE="$DIR/pg-password"

log() { printf '==> %s\n' "$*" >&2; }
instance_port() { echo $((BASE + $1)); }
# Running, not a zombie (a killed instance may wait a while for whoever adopted it to reap it).
alive() {
  [[ -f "$1" ]] || return 1
  local state
  state="$(ps -o stat= -p "$(cat "$1")" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z* ]]
}
as_postgres() { (cd "$DIR" && runuser -u postgres -- "$@"); }

# An external database given at start is remembered, and its personal data key file, so restart-one and stop use the same
# ones without being told again (an instance restarted with another key refuses to start; with another database it knows
# nobody's session).
if [[ -z "${CLUSTER_DATABASE:-}" && -f "$DIR/database.conf" ]]; then CLUSTER_DATABASE="$(cat "$DIR/database.conf")"; fi
if [[ -z "${CLUSTER_KEY_FILE:-}" && -f "$DIR/key-file.conf" ]]; then KEY_FILE="$(cat "$DIR/key-file.conf")"; fi

connection_string() {
  if [[ -n "${CLUSTER_DATABASE:-}" ]]; then echo "$CLUSTER_DATABASE"; return; fi
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=reception;Password=$(cat "$PG_PASSWORD_FILE");Database=reception;Maximum Pool Size=40"
}

ensure_packages() {
  local missing=()
  for package in nginx postgresql-15 python3-aiosmtpd openssl; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # --no-install-recommends: nginx alone; the package's own service is not wanted (we run our own master).
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

publish() {
  log "publishing the Release build to $APP"
  dotnet publish "$ROOT/src/Reception.Web" -c Release -o "$APP" --nologo -v quiet -clp:ErrorsOnly
}

start_postgres() {
  [[ -n "${CLUSTER_DATABASE:-}" ]] && return
  if [[ ! -d "$DIR/pg/data" ]]; then
    log "creating a PostgreSQL cluster in $DIR/pg"
    mkdir -p "$DIR/pg"
    chown postgres:postgres "$DIR/pg"
    chmod 700 "$DIR/pg"
    umask 077
    od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$PG_PASSWORD_FILE"
    as_postgres "$PG_BIN/initdb" -D "$DIR/pg/data" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >"$DIR/pg/initdb.log"
    # The settings the README's "PostgreSQL settings" speak of, sized for this small machine.
    cat >> "$DIR/pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$DIR/pg'
max_connections = 200
shared_buffers = 512MB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 256MB
random_page_cost = 1.1
wal_compression = on
checkpoint_timeout = 15min
max_wal_size = 4GB
log_min_duration_statement = 500
track_io_timing = on
EOF
  fi
  if [[ -f "$DIR/pg/data/postmaster.pid" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" status >/dev/null 2>&1; then return; fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w -t 60 start >/dev/null
  if ! as_postgres "$PG_BIN/psql" -X -q -h "$DIR/pg" -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='reception'" | grep -q 1; then
    as_postgres "$PG_BIN/psql" -X -q -h "$DIR/pg" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE reception LOGIN PASSWORD '$(cat "$PG_PASSWORD_FILE")'" -c "CREATE DATABASE reception OWNER reception" >/dev/null
  fi
}

start_smtp() {
  alive "$DIR/smtp.pid" && return
  mkdir -p "$DIR/smtp"
  log "starting the SMTP sink on 127.0.0.1:$SMTP_PORT (deliveries in $DIR/smtp)"
  /usr/bin/python3 "$ROOT/tests/Reception.Web.Tests/Mail/smtp/server.py" serve --port "$SMTP_PORT" --dir "$DIR/smtp" >"$DIR/smtp.log" 2>&1 &
  echo $! > "$DIR/smtp.pid"
}

start_instance() {
  local n="$1" port
  port="$(instance_port "$n")"
  alive "$DIR/app$n.pid" && return
  mkdir -p "$DIR/app$n"
  log "starting instance app$n on 127.0.0.1:$port"
  (
    cd "$APP"
    export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port"
    export Reception__Database__Provider=Postgres ConnectionStrings__Reception="$(connection_string)"
    export Reception__DataDirectory="$DIR/app$n/data" Reception__Security__PersonalDataKeyFile="$KEY_FILE"
    export Reception__SeedDemoData="${CLUSTER_SEED_DEMO:-true}" Reception__Security__RequireTwoFactor="${CLUSTER_TWO_FACTOR:-none}"
    export Reception__Mail__Host=127.0.0.1 Reception__Mail__Port="$SMTP_PORT" Reception__Mail__InstanceName="app$n"
    export Reception__PublicBaseUrl="https://localhost:$HTTPS_PORT" AllowedHosts="localhost;127.0.0.1"
    # Forwarded headers are believed from nginx's address only, not from anything else on this machine.
    export Reception__TrustLoopbackProxy=false Reception__KnownProxies__0="$PROXY_ADDRESS"
    export Reception__Jobs__RunAlertsAfterDemoSeed=false DOTNET_gcServer=0 DOTNET_GCHeapHardLimit=0x60000000
    # Request logging at Information (a line per request and endpoint) costs CPU under load: warnings only.
    exec env "Logging__LogLevel__Microsoft.AspNetCore=Warning" setsid dotnet Reception.Web.dll >"$DIR/app$n/out.log" 2>&1
  ) &
  echo $! > "$DIR/app$n.pid"
}

wait_healthy() {
  local n="$1" port
  port="$(instance_port "$n")"
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then return 0; fi
    alive "$DIR/app$n.pid" || { echo "app$n stopped; see $DIR/app$n/out.log" >&2; tail -20 "$DIR/app$n/out.log" >&2; return 1; }
    sleep 1
  done
  echo "app$n not healthy after 180 s" >&2
  return 1
}

write_nginx() {
  mkdir -p "$DIR/nginx/static"
  if [[ ! -f "$DIR/nginx/cert.pem" ]]; then
    log "making a throwaway self-signed certificate for localhost"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$DIR/nginx/key.pem" -out "$DIR/nginx/cert.pem" 2>/dev/null
    chmod 600 "$DIR/nginx/key.pem"
  fi
  local upstreams="" n
  for n in $(seq 1 "$INSTANCES"); do
    # Passive health: three failures (refused, reset, timed out) within 10 s mark the instance down for 10 s; nginx tries
    # the next one. Not max_fails=1: under overload a slow answer is a timeout too, and one each marked every instance
    # down at once in the load run ("no live upstreams", 502 for all).
    upstreams+="        server 127.0.0.1:$(instance_port "$n") max_fails=3 fail_timeout=10s;"$'\n'
  done
  cat > "$DIR/nginx/nginx.conf" <<EOF
# Written by tools/cluster/cluster.sh; regenerated at every start.
worker_processes auto;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    client_body_temp_path $DIR/nginx/tmp/body;
    proxy_temp_path $DIR/nginx/tmp/proxy;
    fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
    uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
    scgi_temp_path $DIR/nginx/tmp/scgi;
    log_format upstream '\$remote_addr [\$time_iso8601] "\$request" \$status \$body_bytes_sent \$request_time "\$upstream_addr" \$upstream_status';
    access_log $DIR/nginx/access.log upstream buffer=256k flush=1s;

    upstream reception {
$upstreams        keepalive 64;
    }

    # The public query page's limit for the whole site (the app's own limiter counts per instance): 10 POSTs per address,
    # then one a minute. GETs (reading the empty form) are not counted: an empty key is not limited.
    map \$request_method \$query_limit_key { POST \$binary_remote_addr; default ""; }
    limit_req_zone \$query_limit_key zone=public_query:10m rate=1r/m;

    server {
        listen 127.0.0.1:$HTTP_PORT;
        server_name localhost;
        return 301 https://\$host:$HTTPS_PORT\$request_uri;
    }

    server {
        listen 127.0.0.1:$HTTPS_PORT ssl;
        server_name localhost;
        ssl_certificate $DIR/nginx/cert.pem;
        ssl_certificate_key $DIR/nginx/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:SSL:10m;
        client_max_body_size 30m;

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host \$http_host;
        proxy_bind $PROXY_ADDRESS;
        proxy_connect_timeout 2s;
        proxy_read_timeout 120s;
        # A request that never reached an instance (refused, reset before an answer) goes to the next one; a POST
        # that was sent is not repeated (no non_idempotent), so a registration is never made twice.
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_tries 3;

        # Which instance answered (loopback address and port), for the cross-instance proof and the load run.
        add_header X-Served-By \$upstream_addr always;

        location / { proxy_pass http://reception; }

        # Case-insensitive, as the app's routing is: /Query must not get around the limit.
        location ~* ^/query/?$ {
            limit_req zone=public_query burst=9 nodelay;
            limit_req_status 429;
            proxy_pass http://reception;
        }

        # The same bytes as a static file, for measuring the caches against nginx itself (load/static-vs-app.sh).
        location /static-bench/ { alias $DIR/nginx/static/; }
    }
}
EOF
  mkdir -p "$DIR/nginx/tmp"
}

start_nginx() {
  write_nginx
  nginx -t -q -c "$DIR/nginx/nginx.conf" -g "user root;"
  if alive "$DIR/nginx/nginx.pid"; then
    nginx -c "$DIR/nginx/nginx.conf" -g "user root;" -s reload
  else
    log "starting nginx: https://localhost:$HTTPS_PORT/ (http://localhost:$HTTP_PORT/ redirects)"
    nginx -c "$DIR/nginx/nginx.conf" -g "user root;"
  fi
}

stop_pidfile() {
  local file="$1" signal="${2:-TERM}" pid
  alive "$file" || { rm -f "$file"; return 0; }
  pid="$(cat "$file")"
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

cmd_start() {
  ensure_packages
  mkdir -p "$DIR"
  if [[ ! -f "$KEY_FILE" ]]; then
    (umask 077; { echo "# the personal data key shared by every instance (tools/cluster)"; openssl rand -base64 32; } > "$KEY_FILE")
  fi
  if [[ -n "${CLUSTER_DATABASE:-}" ]]; then (umask 077; echo "$CLUSTER_DATABASE" > "$DIR/database.conf"); else rm -f "$DIR/database.conf"; fi
  if [[ -n "${CLUSTER_KEY_FILE:-}" ]]; then echo "$CLUSTER_KEY_FILE" > "$DIR/key-file.conf"; else rm -f "$DIR/key-file.conf"; fi
  [[ -f "$APP/Reception.Web.dll" ]] || publish
  start_postgres
  start_smtp
  # The first instance alone first: it migrates the schema (and seeds the demo city into an empty database).
  start_instance 1
  wait_healthy 1
  for n in $(seq 2 "$INSTANCES"); do start_instance "$n"; done
  for n in $(seq 2 "$INSTANCES"); do wait_healthy "$n"; done
  start_nginx
  cmd_status
}

cmd_stop() {
  if alive "$DIR/nginx/nginx.pid"; then log "stopping nginx"; nginx -c "$DIR/nginx/nginx.conf" -g "user root;" -s quit || true; sleep 1; fi
  stop_pidfile "$DIR/nginx/nginx.pid"
  for n in $(seq 1 "$INSTANCES"); do
    alive "$DIR/app$n.pid" && log "stopping app$n"
    stop_pidfile "$DIR/app$n.pid"
  done
  alive "$DIR/smtp.pid" && log "stopping the SMTP sink"
  stop_pidfile "$DIR/smtp.pid"
  if [[ -z "${CLUSTER_DATABASE:-}" && -f "$DIR/pg/data/postmaster.pid" ]]; then
    log "stopping PostgreSQL"
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null || true
  fi
}

cmd_status() {
  local n port health
  if [[ -z "${CLUSTER_DATABASE:-}" ]]; then
    if [[ -f "$DIR/pg/data/postmaster.pid" ]]; then echo "postgres   running  127.0.0.1:$PG_PORT  pid $(head -1 "$DIR/pg/data/postmaster.pid")"; else echo "postgres   stopped"; fi
  else
    echo "postgres   external ($(connection_string | sed 's/Password=[^;]*/Password=…/'))"
  fi
  for n in $(seq 1 "$INSTANCES"); do
    port="$(instance_port "$n")"
    if alive "$DIR/app$n.pid"; then
      health="$(curl -s -m 5 "http://127.0.0.1:$port/health" 2>/dev/null || echo unreachable)"
      echo "app$n       running  127.0.0.1:$port  pid $(cat "$DIR/app$n.pid")  health: $health"
    else
      echo "app$n       stopped  127.0.0.1:$port"
    fi
  done
  if alive "$DIR/smtp.pid"; then echo "smtp       running  127.0.0.1:$SMTP_PORT  pid $(cat "$DIR/smtp.pid")"; else echo "smtp       stopped"; fi
  if alive "$DIR/nginx/nginx.pid"; then echo "nginx      running  https://localhost:$HTTPS_PORT/  pid $(cat "$DIR/nginx/nginx.pid")"; else echo "nginx      stopped"; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  publish) publish ;;
  config) write_nginx; nginx -t -c "$DIR/nginx/nginx.conf" -g "user root;" ;;
  kill-one)
    n="${2:-2}"
    alive "$DIR/app$n.pid" || { echo "app$n is not running" >&2; exit 1; }
    log "kill -9 app$n (pid $(cat "$DIR/app$n.pid"))"
    kill -KILL "$(cat "$DIR/app$n.pid")"
    ;;
  restart-one)
    n="${2:-2}"
    start_instance "$n"
    wait_healthy "$n"
    log "app$n is back"
    ;;
  *) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
