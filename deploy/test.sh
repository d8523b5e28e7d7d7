#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine (as root): prepares what the tests need, then runs
# unit, process-model and integration tests. Safe to run again; it reuses what is already up.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== local stack (PostgreSQL, Docker engine, Odoo stand-in images)"
bash deploy/stack/up.sh
# shellcheck disable=SC1091
source "${GOLIVE_STACK_DIR:-/var/lib/golive-stack}/stack.env"
export GOLIVE_STACK_DIR GOLIVE_DOCKER_HOST

echo "== bpmnlint"
(cd tools/bpmnlint && npm ci --no-audit --no-fund --loglevel=error)

echo "== mvn verify (unit and process tests, then *IT against the stack)"
mvn -B -ntp verify "$@"
