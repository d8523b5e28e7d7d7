#!/usr/bin/env bash
# Stops the dockerd that deploy/stack/up.sh started (found by its pidfile) and nothing else.
# PostgreSQL is left running.
set -euo pipefail
STACK="${GOLIVE_STACK_DIR:-/var/lib/golive-stack}"
PIDFILE="$STACK/docker/dockerd.pid"
if [ ! -f "$PIDFILE" ]; then
    echo "dockerd: not running (no $PIDFILE)"
    exit 0
fi
pid="$(cat "$PIDFILE")"
if ! kill -0 "$pid" 2>/dev/null || [ "$(cat /proc/"$pid"/comm 2>/dev/null)" != dockerd ]; then
    echo "dockerd: not running (stale pidfile, pid $pid)"
    rm -f "$PIDFILE"
    exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$pid" 2>/dev/null; then
    echo "dockerd: pid $pid still running after 30 s" >&2
    exit 1
fi
rm -f "$PIDFILE" "$STACK/docker/docker.sock"
echo "dockerd: stopped (pid $pid)"
