#!/bin/sh
# Sets up docker/compose.yaml on this machine, without any image registry:
#   1. the Debian base image, from the apt mirror (docker/base-image.sh);
#   2. docker/.env with new passwords, the API token and the master key (each kept when it exists);
#   3. the images: PostgreSQL, the Selenium Grid, the engine;
#   4. the console's TLS keystore docker/tls/console.p12: a new key and a self-signed certificate
#      for the names given with --name (kept when it exists: put the office's own there instead).
#
#   docker/setup.sh [--tool podman|docker] [--mirror URL] [--dist maven|archive] [--name DNS-NAME]...
#                   [--ca FILE]... [--no-host-ca]
#
# --dist archive builds the engine from dist/target/karakuri-*.tar.gz instead of Maven Central.
# The images trust the CA certificates this machine added (/usr/local/share/ca-certificates/*.crt:
# a TLS-inspecting proxy, the office's own CA) and those given with --ca; --no-host-ca leaves out
# the machine's.
# Then: podman-compose -f docker/compose.yaml up -d
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
tool=""
mirror=""
dist="${KARAKURI_DIST:-maven}"
names="localhost engine-1 engine-2 $(hostname -f 2>/dev/null || hostname)"
host_ca=yes
cas=""

die() { echo "setup: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --tool) tool="${2:?--tool needs podman or docker}"; shift 2 ;;
    --mirror) mirror="${2:?--mirror needs a URL}"; shift 2 ;;
    --dist) dist="${2:?--dist needs maven or archive}"; shift 2 ;;
    --name) names="$names ${2:?--name needs a DNS name}"; shift 2 ;;
    --ca) [ -f "${2:?--ca needs a file}" ] || die "no file $2"; cas="$cas $2"; shift 2 ;;
    --no-host-ca) host_ca=no; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
if [ -z "$tool" ]; then
  if command -v podman >/dev/null 2>&1; then tool=podman; else tool=docker; fi
fi
if [ "$tool" = podman ]; then
  command -v podman-compose >/dev/null 2>&1 || die "podman-compose is missing: apt-get install -y podman-compose"
  compose="podman-compose"
  # HEALTHCHECK is kept only in the docker image format
  export BUILDAH_FORMAT=docker
else
  compose="docker compose"
fi

# 1. the base image
base="${KARAKURI_BASE_IMAGE:-localhost/karakuri-base:bookworm}"
case "$base" in
  localhost/*) "$here/base-image.sh" --tool "$tool" ${mirror:+--mirror "$mirror"} "$base" >/dev/null ;;
  *) echo "setup: base image $base (KARAKURI_BASE_IMAGE) is used as it is" >&2 ;;
esac

# 2. secrets, once each; the engines share the master key (the ledger's hidden row keys)
env_file="$here/.env"
secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=\n'; }
if [ ! -f "$env_file" ]; then
  (umask 077 && echo "# made by docker/setup.sh; keep it secret, and back it up apart from the volumes" > "$env_file")
fi
for name in POSTGRES_PASSWORD KARAKURI_API_TOKEN KARAKURI_TLS_KEYSTORE_PASSWORD KARAKURI_MASTER_KEY; do
  if ! grep -q "^$name=" "$env_file"; then
    if [ "$name" = KARAKURI_MASTER_KEY ]; then value="$(head -c 32 /dev/urandom | base64)"; else value="$(secret)"; fi
    echo "$name=$value" >> "$env_file"
    echo "setup: wrote $name to $env_file" >&2
  fi
done
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
export KARAKURI_BASE_IMAGE="$base" KARAKURI_DIST="$dist"
if [ "$host_ca" = yes ]; then
  for f in /usr/local/share/ca-certificates/*.crt; do [ -f "$f" ] && cas="$cas $f"; done
fi
KARAKURI_EXTRA_CA_CERTS=""
if [ -n "$cas" ]; then
  # shellcheck disable=SC2086 # a list of files
  KARAKURI_EXTRA_CA_CERTS="$(cat $cas)"
  echo "setup: the images trust the CA certificates in:$cas" >&2
fi
export KARAKURI_EXTRA_CA_CERTS

# 3. the images
if [ "$dist" = archive ] && ! ls "$here"/../dist/target/karakuri-*.tar.gz >/dev/null 2>&1; then
  die "--dist archive needs dist/target/karakuri-<version>.tar.gz: run mvn -B -DskipTests package (elsewhere) first"
fi
echo "setup: building the images (the first time takes a while)" >&2
# one service at a time: podman-compose carries on after a failed build and answers 0, so each
# build's exit and the image it should have made are checked here; a failed download (Maven
# Central or the mirror) is tried once more before giving up
build() {
  service="$1" image="$2"
  for attempt in 1 2; do
    if $compose -f "$here/compose.yaml" build "$service" >&2 && $tool image inspect "$image" >/dev/null 2>&1; then
      return 0
    fi
    echo "setup: building $service ($image) failed (attempt $attempt of 2)" >&2
  done
  die "could not build $image; the build's output is above (a proxy's CA certificate missing? see --ca)"
}
build postgres "${KARAKURI_POSTGRES_IMAGE:-localhost/karakuri/postgres:15}"
build grid "${KARAKURI_GRID_IMAGE:-localhost/karakuri/grid:4.41.0}"
build engine-1 "${KARAKURI_ENGINE_IMAGE:-localhost/karakuri/engine:latest}"

# 4. the console's keystore
tls="${KARAKURI_TLS_DIR:-$here/tls}"
mkdir -p "$tls"
if [ ! -f "$tls/console.p12" ]; then
  san=""
  for n in $names; do san="${san:+$san,}dns:$n"; done
  san="$san,ip:127.0.0.1"
  engine="${KARAKURI_ENGINE_IMAGE:-localhost/karakuri/engine:latest}"
  $tool run --rm --user root -v "$tls:/tls" --entrypoint keytool "$engine" \
    -genkeypair -alias console -keyalg RSA -keysize 3072 -validity 825 \
    -dname "CN=$(echo "$names" | awk '{print $NF}'), O=Karakuri" -ext "SAN=$san" \
    -storetype PKCS12 -keystore /tls/console.p12 -storepass "$KARAKURI_TLS_KEYSTORE_PASSWORD" >/dev/null 2>&1 \
    || die "keytool could not make $tls/console.p12"
  $tool run --rm --user root -v "$tls:/tls" --entrypoint keytool "$engine" \
    -exportcert -rfc -alias console -keystore /tls/console.p12 -storepass "$KARAKURI_TLS_KEYSTORE_PASSWORD" -file /tls/console.crt >/dev/null 2>&1
  # the engines run as uid 10001 and read it through a read-only mount
  chown 10001:10001 "$tls/console.p12"
  chmod 600 "$tls/console.p12"
  echo "setup: made $tls/console.p12 (self-signed for: $names); browsers and clients trust $tls/console.crt" >&2
fi
echo "setup: done. Start with: $compose -f $here/compose.yaml up -d" >&2
