#!/usr/bin/env bash
# Sets up the "sandbox" target environment on the local stack (idempotent; run deploy/stack/up.sh first):
#   $STACK/sandbox/odoo-data (data_dir, owned 101:101), $STACK/sandbox/backups,
#   database golive_sandbox initialised with golive/odoo:18.0-1 (base, web, golive_demo) when missing,
#   and a running container golive-sandbox-odoo (label org.golive.environment=sandbox) on 127.0.0.1:18069.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
STACK="${GOLIVE_STACK_DIR:-/var/lib/golive-stack}"
[ -f "$STACK/stack.env" ] || { echo "FAILED: $STACK/stack.env missing - run deploy/stack/up.sh first" >&2; exit 1; }
set -a; . "$STACK/stack.env"; set +a
DOCKER=(docker -H "$GOLIVE_DOCKER_HOST")
IMAGE="${SANDBOX_IMAGE:-golive/odoo:18.0-1}"
DB=golive_sandbox
NAME=golive-sandbox-odoo
PORT=18069
DATA="$STACK/sandbox/odoo-data"

mkdir -p "$DATA" "$STACK/sandbox/backups"
chown 101:101 "$DATA"
chmod 0750 "$DATA"
echo "sandbox dirs: ok ($DATA, $STACK/sandbox/backups)"

"${DOCKER[@]}" image inspect "$IMAGE" >/dev/null 2>&1 || { echo "FAILED: image $IMAGE missing - run deploy/stack/up.sh" >&2; exit 1; }

# --memory as golive sets it from memory-limit in application.yaml: the readiness gate 'runtime' refuses an unlimited Odoo
# --log-opt as golive sets them on the containers it makes: the readiness gate 'logRotation' refuses an unrotated log
RUN_ARGS=(--network host --memory 2g --log-opt max-size=50m --log-opt max-file=3
    -e HOST="$GOLIVE_PG_HOST" -e PORT="$GOLIVE_PG_PORT" -e USER="$GOLIVE_PG_USER"
    -e PASSWORD_FILE=/run/secrets/odoo-db-password
    -v "$GOLIVE_DB_PASSWORD_FILE:/run/secrets/odoo-db-password:ro"
    -v "$HERE/odoo.conf:/etc/odoo/odoo.conf:ro"
    -v "$DATA:/var/lib/odoo"
    --label org.golive.environment=sandbox)

exists="$(PGPASSWORD="$(cat "$GOLIVE_DB_PASSWORD_FILE")" psql -X -tA -h "$GOLIVE_PG_HOST" -p "$GOLIVE_PG_PORT" -U "$GOLIVE_PG_USER" \
    -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" || { echo "FAILED: cannot reach PostgreSQL" >&2; exit 1; }
if [ "$exists" = 1 ]; then
    echo "database $DB: ok (exists)"
else
    echo "database $DB: initialising with $IMAGE (base, web, golive_demo)"
    "${DOCKER[@]}" rm -f golive-sandbox-init >/dev/null 2>&1 || true
    "${DOCKER[@]}" run --rm --name golive-sandbox-init "${RUN_ARGS[@]}" "$IMAGE" \
        odoo -d "$DB" -i base,web,golive_demo --stop-after-init --no-http \
        || { echo "FAILED: initialisation of $DB failed" >&2; exit 1; }
    echo "database $DB: initialised"
fi

state="$("${DOCKER[@]}" inspect -f '{{.State.Running}}' "$NAME" 2>/dev/null || echo missing)"
case "$state" in
    true) echo "container $NAME: ok (running $("${DOCKER[@]}" inspect -f '{{.Config.Image}}' "$NAME"))" ;;
    false) "${DOCKER[@]}" start "$NAME" >/dev/null; echo "container $NAME: started (existing container)" ;;
    *) "${DOCKER[@]}" run -d --name "$NAME" --restart unless-stopped "${RUN_ARGS[@]}" "$IMAGE" >/dev/null
       echo "container $NAME: created from $IMAGE" ;;
esac

for _ in $(seq 1 60); do
    if curl -fsS -m 2 "http://127.0.0.1:$PORT/web/health" >/dev/null 2>&1; then
        echo "sandbox odoo: ok (http://127.0.0.1:$PORT/web/health answers)"
        exit 0
    fi
    sleep 0.5
done
echo "FAILED: http://127.0.0.1:$PORT/web/health does not answer after 30 s; logs:" >&2
"${DOCKER[@]}" logs --tail 20 "$NAME" >&2 || true
exit 1
