#!/usr/bin/env bash
# Benchmark: sandbox go-lives end to end on a golive of its own (fresh H2, short hypercare), then the
# figures: wall time per step, time inside delegates, deliberate waits, the engine's share. Prints figures;
# asserts nothing. GOLIVE_BENCH_ARGS: extra arguments for golive (e.g. --camunda.bpm.job-execution.max-wait=100)
# to measure a setting without rebuilding; GOLIVE_BENCH_SUMMARY: a file each go-live's figures are appended to;
# GOLIVE_BENCH_GAPS=N: also print the engine's N longest stretches with the steps around them; GOLIVE_BENCH_FLOOR=1:
# then also what one async step costs at least on this golive (deploy/benchmark-step-floor.py).
# GOLIVE_BENCH_DATABASE_MB=N: the sandbox database carries N MB more (table golive_bench_ballast), so that the
# backup, its verification and the readiness test restore do the work a production-sized database asks of them;
# GOLIVE_BENCH_DATABASE_MB=0 removes it again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/stack/up.sh >/dev/null
# shellcheck disable=SC1091
source "${GOLIVE_STACK_DIR:-/var/lib/golive-stack}/stack.env"
export GOLIVE_STACK_DIR GOLIVE_DOCKER_HOST
# The readiness gates 'runtime' and 'logRotation' fail an Odoo container without a memory limit or without a log
# max-size. setup.sh creates the sandbox container with both, and golive's go-lives make theirs so, but a container
# made before either did is kept: recreate it (same image, same database and data dir) so that the go-live can pass
# its readiness check.
sandbox=golive-sandbox-odoo
config="$(docker -H "$GOLIVE_DOCKER_HOST" inspect -f '{{.HostConfig.Memory}} {{index .HostConfig.LogConfig.Config "max-size"}}' \
    "$sandbox" 2>/dev/null || echo missing)"
if [ "$config" != missing ] && { [ "${config%% *}" = 0 ] || [ "${config#* }" = "" ] || [ "${config#* }" = "<no value>" ]; }; then
  image="$(docker -H "$GOLIVE_DOCKER_HOST" inspect -f '{{.Config.Image}}' "$sandbox")"
  echo "benchmark: $sandbox has no memory limit or no log max-size (memory, max-size: $config; the readiness gates" \
       "'runtime' and 'logRotation' would fail): removing it and recreating it from $image with deploy/sandbox/setup.sh" >&2
  docker -H "$GOLIVE_DOCKER_HOST" rm -f "$sandbox" >/dev/null
  SANDBOX_IMAGE="$image" bash deploy/sandbox/setup.sh >/dev/null
else
  bash deploy/sandbox/setup.sh >/dev/null
fi
if [ -n "${GOLIVE_BENCH_DATABASE_MB:-}" ]; then
  rows=$((GOLIVE_BENCH_DATABASE_MB * 1000))  # rows of 1 KB random hex text: below the TOAST threshold, stored as they are
  psql_sandbox=(psql -X -q -tA -v ON_ERROR_STOP=1 -h "$GOLIVE_PG_HOST" -p "$GOLIVE_PG_PORT" -U "$GOLIVE_PG_USER" -d golive_sandbox)
  export PGPASSWORD="$(cat "$GOLIVE_DB_PASSWORD_FILE")"
  have=-1
  if [ "$("${psql_sandbox[@]}" -c "SELECT to_regclass('golive_bench_ballast') IS NOT NULL")" = t ]; then
    have="$("${psql_sandbox[@]}" -c "SELECT count(*) FROM golive_bench_ballast")"
  fi
  if [ "$have" != "$rows" ] && { [ "$rows" -gt 0 ] || [ "$have" != -1 ]; }; then
    echo "benchmark: sandbox database ballast: $have rows -> $rows (GOLIVE_BENCH_DATABASE_MB=$GOLIVE_BENCH_DATABASE_MB)"
    "${psql_sandbox[@]}" -c "DROP TABLE IF EXISTS golive_bench_ballast"
    [ "$rows" -eq 0 ] || "${psql_sandbox[@]}" -c "CREATE TABLE golive_bench_ballast AS
        SELECT g AS id, (SELECT string_agg(md5(random()::text || g || i), '') FROM generate_series(1, 32) i) AS body
        FROM generate_series(1, $rows) g"
  fi
  echo "benchmark: sandbox database size: $("${psql_sandbox[@]}" -c "SELECT pg_size_pretty(pg_database_size('golive_sandbox'))")"
  unset PGPASSWORD
fi
[ -f target/golive.jar ] || mvn -B -q -ntp package -DskipTests
newer="$(find src/main processes -newer target/golive.jar -type f 2>/dev/null | head -1)"
[ -z "$newer" ] || echo "benchmark: warning: target/golive.jar is older than $newer (mvn package to rebuild)" >&2

# hypercare: a 2 s interval in a 3 s window re-validates exactly twice (a 5 s window gave two or three, depending
# on how late the second check ended), so that runs compare
interval=2
work=$(mktemp -d /tmp/golive-bench.XXXXXX)
cp target/golive.jar "$work/golive.jar"  # a build running meanwhile must not replace the jar under the server
port=${GOLIVE_BENCH_PORT:-8091}
# shellcheck disable=SC2086
GOLIVE_DATA_DIR="$work" GOLIVE_PORT=$port GOLIVE_HYPERCARE_INTERVAL=${interval}s GOLIVE_HYPERCARE_WINDOW=3s \
  java -jar "$work/golive.jar" --spring.profiles.active=sandbox ${GOLIVE_BENCH_ARGS:-} >"$work/golive.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -u admin:admin "http://localhost:$port/engine-rest/engine" >/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$work/golive.log"; exit 1; }
  sleep 1
done
[ -z "${GOLIVE_BENCH_ARGS:-}" ] || echo "golive arguments: $GOLIVE_BENCH_ARGS"
# the first go-live pays class loading and JIT warm-up, and the JIT keeps improving the next ~8: what a
# long-running golive sees shows after that (GOLIVE_BENCH_WARM_RUNS=11)
summary="${GOLIVE_BENCH_SUMMARY:-$work/summary.jsonl}"
runs=(cold)
for _ in $(seq 1 "${GOLIVE_BENCH_WARM_RUNS:-1}"); do runs+=(warm); done
manifests=()
for _ in "${runs[@]}"; do manifests+=("${1:-docs/examples/release-18.0-2.yaml}"); done
# GOLIVE_BENCH_ROLLBACK_MANIFEST: then one go-live of a release that fails, for the rollback's downtime budget
if [ -n "${GOLIVE_BENCH_ROLLBACK_MANIFEST:-}" ]; then runs+=(rollback); manifests+=("$GOLIVE_BENCH_ROLLBACK_MANIFEST"); fi
for i in "${!runs[@]}"; do
  run=${runs[$i]}
  echo "== $run server"
  GOLIVE_BENCH_RUN=$run GOLIVE_BENCH_TIMER_SECONDS=$interval GOLIVE_URL="http://localhost:$port" \
    GOLIVE_BENCH_REMOVE_PREVIOUS=$sandbox GOLIVE_BENCH_SUMMARY="$summary" \
    python3 deploy/benchmark.py "${manifests[$i]}"
done
echo "== every go-live of this run"
python3 - "$summary" "${#runs[@]}" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])][-int(sys.argv[2]):]
print(f"{'run':5} {'wall s':>7} {'waits s':>8} {'delegates s':>12} {'engine s':>9} {'per step ms':>12} {'engine share':>13}")
for r in rows:
    print(f"{r['run']:5} {r['wall']:7.3f} {r['waits']:8.3f} {r['delegates']:12.3f} {r['engine']:9.3f}"
          f" {1000 * r['engine'] / (r['steps'] + r['timers']):12.1f} {100 * r['engine'] / r['wall']:12.2f}%")
PY
if [ -n "${GOLIVE_BENCH_FLOOR:-}" ]; then
  echo "== the floor of one async step on this golive (deploy/benchmark-step-floor.py)"
  GOLIVE_URL="http://localhost:$port" python3 deploy/benchmark-step-floor.py
fi
echo "(golive log: $work/golive.log)"
