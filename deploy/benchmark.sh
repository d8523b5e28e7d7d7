#!/usr/bin/env bash
# Benchmark: sandbox go-lives end to end on a golive of its own (fresh H2, short hypercare), then the
# figures: wall time per step, time inside delegates, the engine's share. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/stack/up.sh >/dev/null
bash deploy/sandbox/setup.sh >/dev/null
# shellcheck disable=SC1091
source "${GOLIVE_STACK_DIR:-/var/lib/golive-stack}/stack.env"
export GOLIVE_STACK_DIR GOLIVE_DOCKER_HOST
[ -f target/golive.jar ] || mvn -B -q -ntp package -DskipTests

interval=2  # hypercare interval in seconds; the window is 5 s, so hypercare re-validates two or three times
work=$(mktemp -d /tmp/golive-bench.XXXXXX)
port=${GOLIVE_BENCH_PORT:-8091}
GOLIVE_DATA_DIR="$work" GOLIVE_PORT=$port GOLIVE_HYPERCARE_INTERVAL=${interval}s GOLIVE_HYPERCARE_WINDOW=5s java -jar target/golive.jar >"$work/golive.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -u admin:admin "http://localhost:$port/engine-rest/engine" >/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$work/golive.log"; exit 1; }
  sleep 1
done
# the first go-live pays class loading and JIT warm-up; the second is what a long-running server sees
for run in cold warm; do
  echo "== $run server"
  GOLIVE_BENCH_TIMER_SECONDS=$interval GOLIVE_URL="http://localhost:$port" python3 deploy/benchmark.py "${1:-docs/examples/release-18.0-2.yaml}"
done
echo "(golive log: $work/golive.log)"
