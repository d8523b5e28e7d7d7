#!/usr/bin/env bash
# Brings up the local golive stack, idempotently (run as root on Debian 12):
#   PostgreSQL 15 on 127.0.0.1:5432 with role odoo, a private dockerd on $STACK/docker/docker.sock,
#   the Odoo stand-in images golive/odoo:18.0-1 / 18.0-2, prometheus and promtool under $STACK/prometheus
#   (for the alert-rule tests), prometheus-alertmanager installed but not started
#   (MonitoringGateIT starts its own),
#   slapd and ldap-utils installed but not started (the LDAP test starts its own),
#   nginx and openssl installed but not started (EdgeGateIT starts its own TLS proxy), python3-aiosmtpd (an SMTP
#   server OdooSecurityIT starts),
#   and $STACK/stack.env for everything else. The golive image itself is built from the packaged jar by
#   deploy/image/build.sh, which GoliveContainerIT runs (docs/production.md).
# Fast (a few seconds) when everything is already up. Exits non-zero naming what could not be set up.
#
# Password file permissions: $STACK/secrets/odoo-db-password is chowned root:101 with mode 0640, so root and
# group 101 (the odoo user inside the stand-in containers, which bind-mount the file read-only) can read it and
# nobody else can. The secrets directory is 0751 so uid 101 can reach the file by name without listing it.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STACK="${GOLIVE_STACK_DIR:-/var/lib/golive-stack}"
SOCK="$STACK/docker/docker.sock"
DOCKER_HOST_URL="unix://$SOCK"
PWFILE="$STACK/secrets/odoo-db-password"
PG_VERSION=15

fail() { echo "FAILED: $*" >&2; exit 1; }
# The daemons started below outlive this script: they must not inherit a descriptor its caller holds (a flock(1)
# around a test run would otherwise stay held by PostgreSQL and dockerd for as long as they run). 255 is bash's own.
for fd in /proc/$$/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] 2>/dev/null && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done
[ "$(id -u)" = 0 ] || fail "up.sh must run as root"

# --- packages -------------------------------------------------------------------------------------------
missing=()
command -v pg_ctlcluster >/dev/null && [ -x /usr/lib/postgresql/$PG_VERSION/bin/postgres ] || missing+=(postgresql)
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker >/dev/null || missing+=(docker.io)
[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/jlink ] || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v curl >/dev/null || missing+=(curl)
command -v unzip >/dev/null || missing+=(unzip)
[ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null || missing+=(openssh-server)
# an LDAP server for the LDAP identity test (LdapIdentityIT starts its own slapd on 127.0.0.1, never the service)
[ -x /usr/sbin/slapd ] && command -v ldapadd >/dev/null || missing+=(slapd ldap-utils)
# a TLS reverse proxy for the edge and proxy-configuration tests (EdgeGateIT starts its own nginx on 127.0.0.1)
[ -x /usr/sbin/nginx ] && command -v openssl >/dev/null || missing+=(nginx openssl)
# an SMTP server with STARTTLS for the mail-server check (OdooSecurityIT starts its own aiosmtpd on 127.0.0.1)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
# a static shell for a test image (ContainerFilesIT adds /bin/busybox to a copy of the stand-in, which has none, as
# the real Odoo image has /bin/sh for golive's one-off filestore containers)
[ -x /bin/busybox ] || missing+=(busybox-static)
# an Alertmanager for the monitoring gate's test (MonitoringGateIT starts its own on 127.0.0.1). Installed, not
# unpacked like prometheus: Debian's build reads its templates from /usr/share/prometheus/alertmanager only
[ -x /usr/bin/prometheus-alertmanager ] || missing+=(prometheus-alertmanager)
if [ ${#missing[@]} -gt 0 ]; then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    echo "packages: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || fail "apt-get update failed (needed for: ${missing[*]})"
    # no package may start its service (sshd, PostgreSQL, dockerd on their default addresses): this script and the
    # tests start their own, where they want them
    own_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d && own_policy=1
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d; fail "apt-get install ${missing[*]} failed"; }
    [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
    command -v pg_ctlcluster >/dev/null || fail "postgresql still missing after install"
    command -v dockerd >/dev/null || fail "dockerd (docker.io) still missing after install"
else
    echo "packages: ok"
fi

mkdir -p "$STACK"/{secrets,docker,build}
chmod 0751 "$STACK" "$STACK/secrets"

# --- PostgreSQL -----------------------------------------------------------------------------------------
if ! pg_lsclusters -h 2>/dev/null | awk -v v=$PG_VERSION '$1==v && $2=="main"' | grep -q .; then
    pg_createcluster $PG_VERSION main >/dev/null || fail "could not create PostgreSQL $PG_VERSION cluster 'main'"
fi
if pg_lsclusters -h | awk -v v=$PG_VERSION '$1==v && $2=="main" {print $4}' | grep -q online; then
    echo "postgresql: ok (15/main on 127.0.0.1:5432)"
else
    pg_ctlcluster --skip-systemctl-redirect $PG_VERSION main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL $PG_VERSION/main does not accept connections on 127.0.0.1:5432 (see /var/log/postgresql/postgresql-$PG_VERSION-main.log)"
    echo "postgresql: started (15/main on 127.0.0.1:5432)"
fi

# --- role odoo ------------------------------------------------------------------------------------------
if [ ! -s "$PWFILE" ]; then
    umask 077
    head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 > "$PWFILE"
    umask 022
    pw_state="generated"
else
    pw_state="kept"
fi
chown root:101 "$PWFILE"
chmod 0640 "$PWFILE"
PW="$(cat "$PWFILE")"
runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -v pw="$PW" -d postgres >/dev/null <<'SQL' || fail "could not create/alter PostgreSQL role odoo"
SELECT format('CREATE ROLE odoo LOGIN CREATEDB PASSWORD %L', :'pw') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'odoo') \gexec
SELECT format('ALTER ROLE odoo LOGIN CREATEDB PASSWORD %L', :'pw') \gexec
SQL
PGPASSWORD="$PW" psql -q -X -h 127.0.0.1 -p 5432 -U odoo -d postgres -c 'SELECT 1' >/dev/null 2>&1 \
    || fail "role odoo cannot log in on 127.0.0.1:5432 with the password in $PWFILE (check pg_hba.conf)"
echo "postgresql role odoo: ok (LOGIN CREATEDB, password $pw_state in $PWFILE)"

# --- docker engine --------------------------------------------------------------------------------------
DOCKER=(docker -H "$DOCKER_HOST_URL")
if [ -S "$SOCK" ] && timeout 10 "${DOCKER[@]}" info >/dev/null 2>&1; then
    echo "dockerd: ok ($DOCKER_HOST_URL)"
else
    if [ -f "$STACK/docker/dockerd.pid" ] && kill -0 "$(cat "$STACK/docker/dockerd.pid")" 2>/dev/null; then
        fail "dockerd (pid $(cat "$STACK/docker/dockerd.pid")) runs but $SOCK does not answer; see $STACK/docker/dockerd.log or run deploy/stack/down.sh"
    fi
    rm -f "$SOCK" "$STACK/docker/dockerd.pid"
    mkdir -p "$STACK/docker/data" "$STACK/docker/exec"
    setsid dockerd --host "$DOCKER_HOST_URL" --data-root "$STACK/docker/data" --exec-root "$STACK/docker/exec" \
        --pidfile "$STACK/docker/dockerd.pid" --bridge=none --iptables=false \
        >>"$STACK/docker/dockerd.log" 2>&1 </dev/null &
    ok=
    for _ in $(seq 1 60); do
        if [ -S "$SOCK" ] && "${DOCKER[@]}" info >/dev/null 2>&1; then ok=1; break; fi
        sleep 1
    done
    [ -n "$ok" ] || fail "dockerd did not answer on $SOCK within 60 s; last log lines:
$(tail -n 15 "$STACK/docker/dockerd.log")"
    echo "dockerd: started ($DOCKER_HOST_URL, pid $(cat "$STACK/docker/dockerd.pid"), log $STACK/docker/dockerd.log)"
fi

# --- prometheus, promtool ------------------------------------------------------------------------------
# Only the two binaries of Debian's package, unpacked: installing the package would start a Prometheus service
# listening on every address. The tests start their own, on 127.0.0.1, and stop it.
PROM="$STACK/prometheus"
if [ -x "$PROM/usr/bin/prometheus" ] && [ -x "$PROM/usr/bin/promtool" ]; then
    echo "prometheus: ok ($PROM/usr/bin)"
else
    rm -rf "$STACK/build/prometheus-deb" && mkdir -p "$STACK/build/prometheus-deb"
    (cd "$STACK/build/prometheus-deb" && { apt-get download prometheus >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && apt-get download prometheus >/dev/null 2>&1; }; }) \
        || fail "apt-get download prometheus failed"
    rm -rf "$PROM.tmp" && dpkg-deb -x "$STACK"/build/prometheus-deb/prometheus_*.deb "$PROM.tmp" \
        || fail "could not unpack the prometheus package"
    rm -rf "$PROM" && mv "$PROM.tmp" "$PROM"
    echo "prometheus: unpacked ($("$PROM/usr/bin/prometheus" --version 2>&1 | head -1))"
fi

# --- stack.env ------------------------------------------------------------------------------------------
cat > "$STACK/stack.env.tmp" <<EOF
# written by deploy/stack/up.sh
GOLIVE_STACK_DIR=$STACK
GOLIVE_DOCKER_HOST=$DOCKER_HOST_URL
GOLIVE_DB_PASSWORD_FILE=$PWFILE
GOLIVE_PG_HOST=127.0.0.1
GOLIVE_PG_PORT=5432
GOLIVE_PG_USER=odoo
GOLIVE_ODOO_IMAGE_PREVIOUS=golive/odoo:18.0-1
GOLIVE_ODOO_IMAGE_NEW=golive/odoo:18.0-2
GOLIVE_PROMETHEUS=$PROM/usr/bin/prometheus
GOLIVE_PROMTOOL=$PROM/usr/bin/promtool
GOLIVE_ALERTMANAGER=/usr/bin/prometheus-alertmanager
GOLIVE_SLAPD=/usr/sbin/slapd
EOF
mv "$STACK/stack.env.tmp" "$STACK/stack.env"
chmod 0644 "$STACK/stack.env"

# --- stand-in images ------------------------------------------------------------------------------------
GOLIVE_STACK_DIR="$STACK" GOLIVE_DOCKER_HOST="$DOCKER_HOST_URL" "$REPO/deploy/odoo-standin/build-images.sh" \
    || fail "could not build the Odoo stand-in images"

echo "stack.env: ok ($STACK/stack.env)"
