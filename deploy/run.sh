#!/usr/bin/env bash
# Runs golive on the embedded default (H2 under ./data) with the 'sandbox' environment.
# Sets up the local Odoo stand-in stack first when it can; when it cannot, golive still starts and says
# what is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
STACK="${GOLIVE_STACK_DIR:-/var/lib/golive-stack}"

missing=""
if bash deploy/stack/up.sh && bash deploy/sandbox/setup.sh; then
  # shellcheck disable=SC1091
  source "$STACK/stack.env"
  export GOLIVE_STACK_DIR GOLIVE_DOCKER_HOST
else
  missing="the local Odoo stack (deploy/stack/up.sh or deploy/sandbox/setup.sh failed, see above)"
fi

mvn -B -q -ntp package -DskipTests || { echo "build failed"; exit 1; }

port="${GOLIVE_PORT:-8080}"
cat <<MSG

golive is starting on http://localhost:$port
  Tasklist : http://localhost:$port/camunda/app/tasklist/   (approve go/no-go as lead / demo)
  Cockpit  : http://localhost:$port/camunda/app/cockpit/    (admin / admin)
  REST     : http://localhost:$port/api/go-lives, http://localhost:$port/engine-rest/
  Metrics  : http://localhost:$port/actuator/prometheus   (alert rules, dashboard: docs/monitoring.md)
  Demo logins: admin/admin (all apps), release/demo (golive-release), lead/demo (golive-lead), ops/demo (golive-ops)
  Start a go-live: deploy/golive-cli.sh start docs/examples/release-18.0-2.yaml
MSG
if [ -n "$missing" ]; then
  echo "  NOT READY: $missing; the sandbox environment will fail its reachability check until it is set up."
fi
echo
# the sandbox profile: demo logins for every role and admin/admin (production: docs/security.md)
exec java ${GOLIVE_JAVA_OPTS:-} -jar target/golive.jar --spring.profiles.active=sandbox "$@"
