#!/usr/bin/env bash
# Builds the Odoo stand-in images golive/odoo:18.0-1 and golive/odoo:18.0-2 with `docker import` of a rootfs
# assembled here (no registry, no base image). Rebuilds only when the sources changed: the hash of everything
# under deploy/odoo-standin (plus this JDK's version) is stored as the image label org.golive.standin.hash.
# Usage: build-images.sh   (needs GOLIVE_DOCKER_HOST and GOLIVE_STACK_DIR; called by deploy/stack/up.sh)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
STACK="${GOLIVE_STACK_DIR:-/var/lib/golive-stack}"
DOCKER=(docker -H "${GOLIVE_DOCKER_HOST:-unix://$STACK/docker/docker.sock}")
JDK="${STANDIN_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
PG_JDBC_VERSION=42.7.7
TAGS=(18.0-1 18.0-2)

[ -x "$JDK/bin/jlink" ] || { echo "odoo images: FAILED - no JDK 17 with jlink at $JDK (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }

HASH="$( (cd "$HERE" && find . -type f ! -name '*.class' | LC_ALL=C sort | xargs sha256sum; "$JDK/bin/java" -version 2>&1) | sha256sum | cut -c1-16)"

need=()
for t in "${TAGS[@]}"; do
    have="$("${DOCKER[@]}" image inspect -f '{{index .Config.Labels "org.golive.standin.hash"}}' "golive/odoo:$t" 2>/dev/null || true)"
    [ "$have" = "$HASH" ] || need+=("$t")
done
if [ ${#need[@]} -eq 0 ]; then
    echo "odoo images: ok (golive/odoo:${TAGS[*]}, sources $HASH)"
    exit 0
fi

WORK="$STACK/build/odoo-standin"
rm -rf "$WORK"
mkdir -p "$WORK"

# 1. the stand-in classes and the PostgreSQL driver (kept in $STACK/build/cache between builds)
CACHE="$STACK/build/cache"
mkdir -p "$CACHE"
JAR="$CACHE/postgresql-$PG_JDBC_VERSION.jar"
if [ ! -s "$JAR" ]; then
    command -v mvn >/dev/null || { echo "odoo images: FAILED - mvn missing (needed to fetch the PostgreSQL JDBC driver)" >&2; exit 1; }
    (cd "$CACHE" && mvn -q -B dependency:copy -Dartifact=org.postgresql:postgresql:$PG_JDBC_VERSION -DoutputDirectory="$CACHE" >/dev/null 2>&1) \
        || { echo "odoo images: FAILED - could not fetch org.postgresql:postgresql:$PG_JDBC_VERSION from Maven Central" >&2; exit 1; }
fi
"$JDK/bin/javac" -nowarn -XDignore.symbol.file --release 17 -d "$WORK/classes" -cp "$JAR" \
    $(find "$HERE/src" -name '*.java') 2>&1 | grep -v -e 'internal proprietary API' -e '^\s' -e 'warning' || true
[ -f "$WORK/classes/org/golive/odoostandin/Entrypoint.class" ] || { echo "odoo images: FAILED - javac of the stand-in failed" >&2; exit 1; }

# 2. the common rootfs: jlinked runtime + the glibc libraries it needs + users + odoo layout
BASE="$WORK/rootfs"
mkdir -p "$BASE"/{etc/odoo,tmp,var/lib/odoo,mnt/extra-addons,opt/standin/lib,usr/lib/x86_64-linux-gnu,usr/lib64,usr/lib/python3/dist-packages/odoo,run/secrets,proc,sys,dev}
ln -s usr/lib "$BASE/lib"
ln -s usr/lib64 "$BASE/lib64"
chmod 1777 "$BASE/tmp"
"$JDK/bin/jlink" --add-modules java.base,java.sql,java.naming,java.logging,java.management,java.security.jgss,java.security.sasl,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.net \
    --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive --output "$BASE/opt/java" >/dev/null 2>&1 \
  || "$JDK/bin/jlink" --add-modules java.base,java.sql,java.naming,java.logging,java.management,java.security.jgss,java.security.sasl,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.net \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$BASE/opt/java"
# shared libraries: whatever ldd names for the launcher and the runtime's own libraries
libs="$( (ldd "$BASE/opt/java/bin/java"; for so in "$BASE"/opt/java/lib/*.so "$BASE"/opt/java/lib/server/*.so; do ldd "$so"; done) 2>/dev/null \
        | grep -o '/[^ ]*' | grep -v "^$BASE" | sort -u)"
for l in $libs; do
    real="$(readlink -f "$l")"
    dest="$BASE/usr${real#/usr}"
    case "$real" in /lib64/*|/usr/lib64/*) dest="$BASE/usr/lib64/$(basename "$real")";; /lib/*) dest="$BASE/usr$real";; esac
    mkdir -p "$(dirname "$dest")"
    cp -L "$real" "$dest"
    # also under the name the binaries ask for
    name="$(basename "$l")"
    [ "$name" = "$(basename "$real")" ] || cp -L "$real" "$(dirname "$dest")/$name"
done
[ -e "$BASE/usr/lib64/ld-linux-x86-64.so.2" ] || cp -L /lib64/ld-linux-x86-64.so.2 "$BASE/usr/lib64/"
cat > "$BASE/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/usr/sbin/nologin
odoo:x:101:101:Odoo:/var/lib/odoo:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
cat > "$BASE/etc/group" <<'EOF'
root:x:0:
odoo:x:101:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$BASE/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$BASE/etc/hosts"
: > "$BASE/etc/resolv.conf"
echo golive-odoo > "$BASE/etc/hostname"
cp "$HERE/odoo.conf" "$BASE/etc/odoo/odoo.conf"
cp -r "$WORK/classes" "$BASE/opt/standin/classes"
cp "$JAR" "$BASE/opt/standin/lib/postgresql.jar"
cp "$HERE/enterprise-modules.txt" "$BASE/opt/standin/"
# release hooks run their argv as given and this image has no shell: ["java", "@/opt/standin/hook.args", "--row", "x"]
# runs the stand-in's hook program (src/.../Hook.java, README "Release hooks")
printf '%s\n' '-XX:TieredStopAtLevel=1 -Xshare:auto -XX:-UsePerfData -XX:+UseSerialGC -Xmx128m -Djava.io.tmpdir=/tmp' \
    '-cp /opt/standin/classes:/opt/standin/lib/postgresql.jar org.golive.odoostandin.Hook' > "$BASE/opt/standin/hook.args"
cp -r "$HERE/addons/standard" "$BASE/usr/lib/python3/dist-packages/odoo/addons"
# smoke test of the runtime on the host before packing
"$BASE/opt/java/bin/java" -XX:-UsePerfData -cp "$BASE/opt/standin/classes:$BASE/opt/standin/lib/postgresql.jar" \
    org.golive.odoostandin.OdooCli --bogus-option >/dev/null 2>&1 && { echo "odoo images: FAILED - smoke test" >&2; exit 1; } || true

JAVA_OPTS='"-XX:TieredStopAtLevel=1","-Xshare:auto","-XX:-UsePerfData","-XX:+UseSerialGC","-Xss512k","-Xmx256m","-Djava.io.tmpdir=/tmp"'
for t in "${need[@]}"; do
    ROOT="$WORK/rootfs-$t"
    rm -rf "$ROOT"
    cp -a "$BASE" "$ROOT"
    cp -r "$HERE/addons/release-${t#18.0-}/." "$ROOT/mnt/extra-addons/"
    chown -R 101:101 "$ROOT/var/lib/odoo" "$ROOT/mnt/extra-addons" "$ROOT/etc/odoo"
    tar -C "$ROOT" --numeric-owner -cf "$WORK/rootfs-$t.tar" .
    "${DOCKER[@]}" import \
        --change "ENTRYPOINT [\"/opt/java/bin/java\",$JAVA_OPTS,\"-cp\",\"/opt/standin/classes:/opt/standin/lib/postgresql.jar\",\"org.golive.odoostandin.Entrypoint\"]" \
        --change 'CMD ["odoo"]' \
        --change 'USER odoo' \
        --change 'WORKDIR /' \
        --change 'EXPOSE 8069 8072' \
        --change 'ENV ODOO_RC=/etc/odoo/odoo.conf' \
        --change 'ENV ODOO_VERSION=18.0' \
        --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'VOLUME ["/var/lib/odoo", "/mnt/extra-addons"]' \
        --change 'LABEL org.golive.standin=true' \
        --change "LABEL org.golive.standin.hash=$HASH" \
        --change "LABEL org.golive.standin.release=$t" \
        "$WORK/rootfs-$t.tar" "golive/odoo:$t" >/dev/null
    rm -rf "$ROOT" "$WORK/rootfs-$t.tar"
    echo "odoo images: built golive/odoo:$t (sources $HASH)"
done
rm -rf "$WORK"
