#!/usr/bin/env bash
# Builds the golive image golive/golive:latest (and golive/golive:<version>) from target/golive.jar with
# `docker import` of a rootfs assembled here: no registry and no base image are needed, only this machine's
# JDK 17 (jlink) and PostgreSQL 15 client, as deploy/odoo-standin/build-images.sh does for the Odoo stand-in.
#
# In the image: a jlinked Java 17 runtime, golive.jar, pg_dump/pg_restore (backups), tar/gzip (filestore), the
# glibc libraries ldd names for them. Production mode: no Spring profile, no demo users; secrets are read as
# files from /run/secrets (Spring's configtree), settings from /etc/golive/*.yaml (docs/production.md).
#
# Rebuilds only when something that goes into the image changed: a hash of the jar's entries (name, size,
# CRC, not the build's timestamps), this script, the JDK and the PostgreSQL client is the label
# org.golive.image.hash.
# Usage: deploy/image/build.sh [path/to/golive.jar]   (GOLIVE_DOCKER_HOST / GOLIVE_STACK_DIR as in stack.env)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
JAR="$(readlink -f "${1:-$REPO/target/golive.jar}")"
STACK="${GOLIVE_STACK_DIR:-/var/lib/golive-stack}"
DOCKER=(docker -H "${GOLIVE_DOCKER_HOST:-unix://$STACK/docker/docker.sock}")
JDK="${GOLIVE_IMAGE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
PG_BIN="${GOLIVE_IMAGE_PG_BIN:-/usr/lib/postgresql/15/bin}"
IMAGE=golive/golive
# what golive needs of the JDK: Spring, Tomcat, Camunda (scripting, FEEL), JDBC, JMX/metrics, TLS, JSch
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

fail() { echo "golive image: FAILED - $*" >&2; exit 1; }
[ -s "$JAR" ] || fail "no $JAR (run mvn package first)"
[ -x "$JDK/bin/jlink" ] || fail "no JDK 17 with jlink at $JDK (apt-get install openjdk-17-jdk-headless)"
[ -x "$PG_BIN/pg_dump" ] && [ -x "$PG_BIN/pg_restore" ] || fail "no pg_dump/pg_restore in $PG_BIN (apt-get install postgresql-client-15)"
command -v unzip >/dev/null || fail "unzip missing (apt-get install unzip)"

VERSION="$(unzip -p "$JAR" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')"
[ -n "$VERSION" ] || fail "$JAR has no Implementation-Version: not golive's packaged jar?"
# mawk, Debian's awk, knows no {n} intervals: the CRC column is matched by its length (with {8} no entry matched and
# the hash never saw the jar, so a stale image was reused)
HASH="$( (unzip -v "$JAR" | awk 'length($7) == 8 && $7 ~ /^[0-9a-f]+$/ {print $1, $7, $8}'; sha256sum "$0"; "$JDK/bin/java" -version 2>&1; "$PG_BIN/pg_dump" --version) \
    | sha256sum | cut -c1-16)"
have="$("${DOCKER[@]}" image inspect -f '{{index .Config.Labels "org.golive.image.hash"}}' "$IMAGE:latest" 2>/dev/null || true)"
if [ "$have" = "$HASH" ]; then
    "${DOCKER[@]}" tag "$IMAGE:latest" "$IMAGE:$VERSION"
    echo "golive image: ok ($IMAGE:latest, $IMAGE:$VERSION, inputs $HASH)"
    exit 0
fi

previous="$("${DOCKER[@]}" image inspect -f '{{.Id}}' "$IMAGE:latest" 2>/dev/null || true)"
WORK="$STACK/build/golive-image"
ROOT="$WORK/rootfs"
rm -rf "$WORK"
mkdir -p "$ROOT"/{etc/golive,tmp,var/lib/golive,opt/golive,usr/bin,usr/lib/x86_64-linux-gnu,usr/lib64,usr/lib/locale,run/secrets,proc,sys,dev}
ln -s usr/bin "$ROOT/bin"
ln -s usr/lib "$ROOT/lib"
ln -s usr/lib64 "$ROOT/lib64"
chmod 1777 "$ROOT/tmp"
chmod 0700 "$ROOT/run/secrets" "$ROOT/var/lib/golive"

# 1. the runtime; the JDK's security files are symlinks into /etc on Debian: the image gets the files
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --generate-cds-archive --output "$ROOT/opt/java" >/dev/null 2>&1 \
  || { rm -rf "$ROOT/opt/java"; "$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$ROOT/opt/java"; } || fail "jlink"
find "$ROOT/opt/java" -type l | while read -r link; do
    target="$(readlink -f "$link")"
    case "$target" in "$ROOT"/*) continue;; esac
    [ -f "$target" ] || fail "$link points at $target, which this machine does not have"
    rm "$link" && cp "$target" "$link"
done

# 2. the tools golive runs, and every shared library ldd names for them and for the runtime
mkdir -p "$ROOT$PG_BIN"
cp "$PG_BIN/pg_dump" "$PG_BIN/pg_restore" "$ROOT$PG_BIN/"
cp "$(command -v tar)" "$(command -v gzip)" "$ROOT/usr/bin/"
# GNU tar starts gzip through /bin/sh -c: dash, the smallest shell Debian has
cp "$(readlink -f /bin/dash)" "$ROOT/usr/bin/sh"
binaries=("$ROOT/opt/java/bin/java" "$ROOT$PG_BIN/pg_dump" "$ROOT$PG_BIN/pg_restore" "$ROOT/usr/bin/tar" "$ROOT/usr/bin/gzip" "$ROOT/usr/bin/sh")
binaries+=("$ROOT"/opt/java/lib/*.so "$ROOT"/opt/java/lib/server/*.so)
libs="$(for b in "${binaries[@]}"; do ldd "$b"; done 2>/dev/null | grep -o '/[^ ]*' | grep -v "^$ROOT" | sort -u)"
for l in $libs; do
    real="$(readlink -f "$l")"
    case "$real" in
        /lib64/*|/usr/lib64/*) dest="$ROOT/usr/lib64/$(basename "$real")";;
        /lib/*) dest="$ROOT/usr$real";;
        *) dest="$ROOT$real";;
    esac
    mkdir -p "$(dirname "$dest")"
    cp -L "$real" "$dest"
    name="$(basename "$l")"
    [ "$name" = "$(basename "$real")" ] || cp -L "$real" "$(dirname "$dest")/$name"
done
[ -e "$ROOT/usr/lib64/ld-linux-x86-64.so.2" ] || cp -L /lib64/ld-linux-x86-64.so.2 "$ROOT/usr/lib64/"
[ -d /usr/lib/locale/C.utf8 ] && cp -r /usr/lib/locale/C.utf8 "$ROOT/usr/lib/locale/"

# 3. users, name resolution, the jar
cat > "$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
printf 'root:x:0:\nnogroup:x:65534:\n' > "$ROOT/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$ROOT/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$ROOT/etc/hosts"
: > "$ROOT/etc/resolv.conf"
cp "$JAR" "$ROOT/opt/golive/golive.jar"

# smoke test of the assembled tools before packing (through the image's own loader and libraries)
for tool in "$ROOT$PG_BIN/pg_dump" "$ROOT/usr/bin/tar" "$ROOT/usr/bin/gzip"; do
    "$ROOT/usr/lib64/ld-linux-x86-64.so.2" --library-path "$ROOT/usr/lib/x86_64-linux-gnu" "$tool" --version >/dev/null \
        || fail "smoke test of $tool"
done
"$ROOT/opt/java/bin/java" -Xshare:auto -version >/dev/null 2>&1 || fail "smoke test of the jlinked runtime"

tar -C "$ROOT" --numeric-owner -cf "$WORK/rootfs.tar" .
# Secrets: every file under /run/secrets is a property named as the file (GOLIVE_ADMIN_PASSWORD,
# GOLIVE_DB_PASSWORD, ...), so ${GOLIVE_DB_PASSWORD} in application.yaml reads it. Root: golive restores
# filestores with their owners (tar --same-owner) and talks to the Docker socket, which is root-equivalent anyway.
"${DOCKER[@]}" import \
    --change 'ENTRYPOINT ["/opt/java/bin/java","-XX:MaxRAMPercentage=75","-XX:+ExitOnOutOfMemoryError","-Dfile.encoding=UTF-8","-Djava.io.tmpdir=/tmp","-jar","/opt/golive/golive.jar"]' \
    --change 'USER root' \
    --change 'WORKDIR /var/lib/golive' \
    --change 'EXPOSE 8080' \
    --change 'ENV PATH=/opt/java/bin:'"$PG_BIN"':/usr/bin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV GOLIVE_DATA_DIR=/var/lib/golive' \
    --change 'ENV GOLIVE_DEMO_USERS=false' \
    --change 'ENV SPRING_CONFIG_IMPORT=optional:configtree:/run/secrets/' \
    --change 'ENV SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/etc/golive/' \
    --change 'VOLUME ["/var/lib/golive"]' \
    --change "LABEL org.golive.image.hash=$HASH" \
    --change "LABEL org.opencontainers.image.title=golive" \
    --change "LABEL org.opencontainers.image.version=$VERSION" \
    "$WORK/rootfs.tar" "$IMAGE:candidate" >/dev/null || fail "docker import"
# the tools as golive runs them, inside the image (tar finds gzip through the image's PATH and /bin/sh)
smoke() { "${DOCKER[@]}" run --rm --network none --entrypoint "$1" "$IMAGE:candidate" "${@:2}" >/dev/null 2>&1; }
if ! smoke /usr/bin/tar --create --gzip --file=/tmp/smoke.tar.gz /etc/hosts || ! smoke "$PG_BIN/pg_restore" --version \
        || ! smoke /opt/java/bin/java -version; then
    "${DOCKER[@]}" rmi "$IMAGE:candidate" >/dev/null 2>&1
    fail "smoke test inside the image (tar --gzip, pg_restore, java)"
fi
"${DOCKER[@]}" tag "$IMAGE:candidate" "$IMAGE:latest"
"${DOCKER[@]}" tag "$IMAGE:candidate" "$IMAGE:$VERSION"
"${DOCKER[@]}" rmi "$IMAGE:candidate" >/dev/null
# the image this one replaces, unless a container or another tag still uses it
[ -z "$previous" ] || "${DOCKER[@]}" rmi "$previous" >/dev/null 2>&1 || true
rm -rf "$WORK"
echo "golive image: built $IMAGE:latest, $IMAGE:$VERSION (inputs $HASH)"
