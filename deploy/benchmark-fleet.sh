#!/usr/bin/env bash
# Fleet benchmark (issue 13): one fleet go-live of N sandbox-like environments on a golive of its own, then golive's
# own time per environment (deploy/benchmark_fleet.py). Prints figures; asserts nothing.
#   deploy/benchmark-fleet.sh            set up N environments, run one fleet, print the figures, remove the containers
#   deploy/benchmark-fleet.sh --clean    remove everything it made (containers, databases, directories)
# GOLIVE_BENCH_FLEET_SIZE=N (default 20) environments fleet-bench-01..N, each with its own database
# golive_fleet_bench_NN (a template copy of golive_fleet_bench_template, made once with the stand-in as
# deploy/sandbox/setup.sh makes golive_sandbox), its own stand-in container golive-fleet-bench-NN-odoo on port 18800+N
# and its own data and backup directories under $GOLIVE_STACK_DIR/fleet-bench. GOLIVE_BENCH_FLEET_WAVES=W (default 4)
# waves of equal size. GOLIVE_BENCH_FLEET_WARMUP=M (default 5) more environments, after the N, for a warm-up fleet of
# one wave that is not measured (a fresh JVM compiles as it runs). GOLIVE_BENCH_FLEET_KEEP=1 keeps the containers
# running after the run. GOLIVE_BENCH_PORT: golive's port (default 8092). GOLIVE_BENCH_JAVA_OPTS: JVM options of that
# golive, e.g. a flight recording: -XX:StartFlightRecording=filename=/tmp/fleet.jfr,settings=profile
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/stack/up.sh >/dev/null
# shellcheck disable=SC1091
source "${GOLIVE_STACK_DIR:-/var/lib/golive-stack}/stack.env"
export GOLIVE_STACK_DIR GOLIVE_DOCKER_HOST
STACK="$GOLIVE_STACK_DIR"
DOCKER=(docker -H "$GOLIVE_DOCKER_HOST")
IMAGE=golive/odoo:18.0-1
ROOT="$STACK/fleet-bench"
TEMPLATE=golive_fleet_bench_template
N=${GOLIVE_BENCH_FLEET_SIZE:-20}
WAVES=${GOLIVE_BENCH_FLEET_WAVES:-4}
WARMUP=${GOLIVE_BENCH_FLEET_WARMUP:-5}
[ "$N" -ge 1 ] && [ "$N" -le 99 ] || { echo "GOLIVE_BENCH_FLEET_SIZE must be 1..99 (is $N)" >&2; exit 2; }
[ "$WARMUP" -ge 0 ] && [ $((N + WARMUP)) -le 99 ] || { echo "GOLIVE_BENCH_FLEET_WARMUP must be 0..$((99 - N)) (is $WARMUP)" >&2; exit 2; }
[ "$WAVES" -ge 1 ] && [ "$WAVES" -le "$N" ] || { echo "GOLIVE_BENCH_FLEET_WAVES must be 1..$N (is $WAVES)" >&2; exit 2; }
PSQL=(psql -X -q -tA -v ON_ERROR_STOP=1 -h "$GOLIVE_PG_HOST" -p "$GOLIVE_PG_PORT" -U "$GOLIVE_PG_USER" -d postgres)
export PGPASSWORD="$(cat "$GOLIVE_DB_PASSWORD_FILE")"

remove_containers() {  # every container a run made: the environments', their go-lives' kept/release/failed ones, init
  local ids
  ids="$("${DOCKER[@]}" ps -aq --filter name='^golive-fleet-bench-')"
  [ -z "$ids" ] || "${DOCKER[@]}" rm -f $ids >/dev/null
}
drop_databases() {  # $1: a LIKE pattern, $2: a name to keep
  local db
  for db in $("${PSQL[@]}" -c "SELECT datname FROM pg_database WHERE datname LIKE '$1' AND datname <> '${2:-}'"); do
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  done
}

if [ "${1:-}" = --clean ]; then
  remove_containers
  drop_databases 'golive\_fleet\_bench\_%'
  rm -rf "$ROOT"
  echo "fleet benchmark: containers golive-fleet-bench-*, databases golive_fleet_bench_* and $ROOT removed"
  exit 0
fi

"${DOCKER[@]}" image inspect "$IMAGE" >/dev/null 2>&1 || { echo "FAILED: image $IMAGE missing - run deploy/stack/up.sh" >&2; exit 1; }
[ -f target/golive.jar ] || mvn -B -q -ntp package -DskipTests
newer="$(find src/main processes -newer target/golive.jar -type f 2>/dev/null | head -1)"
[ -z "$newer" ] || echo "benchmark: warning: target/golive.jar is older than $newer (mvn package to rebuild)" >&2

# pre-clean: what an earlier run left (the go-lives moved each environment to 18.0-2 and kept the previous containers)
remove_containers
drop_databases 'golive\_fleet\_bench\_%' "$TEMPLATE"
find "$ROOT" -mindepth 1 -maxdepth 1 -name 'fleet-bench-*' -exec rm -rf {} + 2>/dev/null || true
mkdir -p "$ROOT"

conf() {  # $1 http port, $2 gevent port, $3 database: the sandbox's hardening (deploy/sandbox/odoo.conf), own ports
  cat <<EOF
; deploy/benchmark-fleet.sh: deploy/sandbox/odoo.conf with this environment's ports and database
[options]
addons_path = /mnt/extra-addons
data_dir = /var/lib/odoo
http_port = $1
http_interface = 127.0.0.1
list_db = False
dbfilter = ^$3\$
proxy_mode = True
admin_passwd = fleet-bench-not-the-default
workers = 2
gevent_port = $2
max_cron_threads = 1
limit_memory_soft = 671088640
limit_memory_hard = 805306368
limit_time_cpu = 600
limit_time_real = 720
without_demo = all
EOF
}
run_args() {  # $1 data dir, $2 conf, $3 environment: as deploy/sandbox/setup.sh (memory limit, rotated log)
  echo --network host --memory 2g --log-opt max-size=50m --log-opt max-file=3 \
    -e HOST="$GOLIVE_PG_HOST" -e PORT="$GOLIVE_PG_PORT" -e USER="$GOLIVE_PG_USER" \
    -e PASSWORD_FILE=/run/secrets/odoo-db-password \
    -v "$GOLIVE_DB_PASSWORD_FILE:/run/secrets/odoo-db-password:ro" -v "$2:/etc/odoo/odoo.conf:ro" -v "$1:/var/lib/odoo" \
    --label org.golive.environment="$3"
}

# the template: one initialised database (base, web, golive_demo on 18.0-1), copied per environment
if [ "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$TEMPLATE'")" != 1 ]; then
  echo "database $TEMPLATE: initialising with $IMAGE (base, web, golive_demo)"
  rm -rf "$ROOT/template"
  mkdir -p "$ROOT/template/data"
  chown 101:101 "$ROOT/template/data"
  conf 18800 18900 "$TEMPLATE" >"$ROOT/template/odoo.conf"
  # shellcheck disable=SC2046
  "${DOCKER[@]}" run --rm --name golive-fleet-bench-init $(run_args "$ROOT/template/data" "$ROOT/template/odoo.conf" fleet-bench-template) \
    "$IMAGE" odoo -d "$TEMPLATE" -i base,web,golive_demo --stop-after-init --no-http >/dev/null
fi

yaml="$ROOT/application-fleet-bench.yaml"
envs=() warm=()
{
  echo "# deploy/benchmark-fleet.sh: $N environments like the sandbox (application.yaml), each its own database, container, port"
  echo "golive:"
  echo "  environments:"
} >"$yaml"
for i in $(seq 1 $((N + WARMUP))); do
  nn=$(printf %02d "$i")
  env=fleet-bench-$nn db=golive_fleet_bench_$nn name=golive-fleet-bench-$nn-odoo port=$((18800 + i)) dir="$ROOT/fleet-bench-$nn"
  if [ "$i" -le "$N" ]; then envs+=("$env"); else warm+=("$env"); fi
  mkdir -p "$dir/data/filestore" "$dir/backups"
  "${PSQL[@]}" -c "CREATE DATABASE $db TEMPLATE $TEMPLATE"
  if [ -d "$ROOT/template/data/filestore/$TEMPLATE" ]; then
    cp -a "$ROOT/template/data/filestore/$TEMPLATE" "$dir/data/filestore/$db"
  else
    mkdir -p "$dir/data/filestore/$db"
  fi
  chown -R 101:101 "$dir/data"
  chmod 0750 "$dir/data"
  conf "$port" $((18900 + i)) "$db" >"$dir/odoo.conf"
  # shellcheck disable=SC2046
  "${DOCKER[@]}" run -d --name "$name" $(run_args "$dir/data" "$dir/odoo.conf" "$env") "$IMAGE" >/dev/null
  cat >>"$yaml" <<EOF
    $env:
      odoo-url: http://127.0.0.1:$port
      docker-host: $GOLIVE_DOCKER_HOST
      database:
        host: 127.0.0.1
        port: 5432
        name: $db
        user: odoo
        password-file: $GOLIVE_DB_PASSWORD_FILE
      container:
        name: $name
        image-repository: golive/odoo
        network-mode: host
        env:
          HOST: 127.0.0.1
          PORT: "5432"
          USER: odoo
          PASSWORD_FILE: /run/secrets/odoo-db-password
        mounts:
          - $GOLIVE_DB_PASSWORD_FILE:/run/secrets/odoo-db-password:ro
          - $dir/odoo.conf:/etc/odoo/odoo.conf:ro
          - $dir/data:/var/lib/odoo
        labels:
          org.golive.environment: $env
        memory-limit: 2GB
      filestore: $dir/data/filestore/$db
      backup-dir: $dir/backups
EOF
done
unset PGPASSWORD
for i in $(seq 1 $((N + WARMUP))); do
  port=$((18800 + i))
  for _ in $(seq 1 120); do
    curl -fsS -m 2 "http://127.0.0.1:$port/web/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS -m 2 "http://127.0.0.1:$port/web/health" >/dev/null 2>&1 \
    || { echo "FAILED: fleet-bench-$(printf %02d "$i") does not answer on $port" >&2; exit 1; }
done
echo "fleet benchmark: $((N + WARMUP)) environments up (ports 18801-$((18800 + N + WARMUP)); the last $WARMUP for the warm-up fleet; configuration $yaml)"

interval=2  # as deploy/benchmark.sh: two hypercare re-validations per go-live
work=$(mktemp -d /tmp/golive-bench-fleet.XXXXXX)
cp target/golive.jar "$work/golive.jar"
port=${GOLIVE_BENCH_PORT:-8092}
GOLIVE_DATA_DIR="$work" GOLIVE_PORT=$port GOLIVE_HYPERCARE_INTERVAL=${interval}s GOLIVE_HYPERCARE_WINDOW=3s \
  java ${GOLIVE_BENCH_JAVA_OPTS:-} -jar "$work/golive.jar" --spring.profiles.active=sandbox --spring.config.additional-location="file:$yaml" \
  >"$work/golive.log" 2>&1 &
pid=$!
finish() {
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  if [ -z "${GOLIVE_BENCH_FLEET_KEEP:-}" ]; then remove_containers; echo "(fleet containers removed; databases stay until --clean)"; fi
}
trap finish EXIT
for _ in $(seq 1 120); do
  curl -sf -u admin:admin "http://localhost:$port/engine-rest/engine" >/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$work/golive.log"; exit 1; }
  sleep 1
done
echo "load average before the fleet: $(cut -d' ' -f1-3 /proc/loadavg)"
# polls once a second, not every 100 ms as deploy/benchmark.py: the polls are golive's CPU too, and a slower answer
# only lengthens the waits, which the figures leave out
GOLIVE_BENCH_POLL_SECONDS=${GOLIVE_BENCH_POLL_SECONDS:-1} GOLIVE_URL="http://localhost:$port" GOLIVE_BENCH_PID=$pid GOLIVE_BENCH_TIMER_SECONDS=$interval GOLIVE_BENCH_FLEET_WAVES="$WAVES" \
  GOLIVE_BENCH_FLEET_WARMUP="$WARMUP" python3 deploy/benchmark_fleet.py ${warm[@]+"${warm[@]}"} "${envs[@]}"
echo "load average after the fleet: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(golive log: $work/golive.log)"
