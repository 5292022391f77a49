#!/bin/sh
# Builds a Debian base image from a Debian mirror with debootstrap and imports it into podman or
# docker: how a closed network gets container images without any image registry. Every image
# of docker/ is built FROM it (BASE_IMAGE).
#
#   docker/base-image.sh [--mirror URL] [--security URL|none] [--suite bookworm]
#                        [--tool podman|docker] [--force] [NAME]
#
# NAME defaults to localhost/karakuri-base:bookworm. The mirror defaults to the one this
# machine's apt uses (/etc/apt/sources.list, /etc/apt/sources.list.d/*); the security mirror to
# the one apt uses for <suite>-security, if any. An existing image is kept unless --force.
# Needs root (debootstrap makes device files and sets owners).
set -eu

suite=bookworm
mirror=""
security=""
tool=""
force=no
name=""

die() { echo "base-image: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --mirror) mirror="${2:?--mirror needs a URL}"; shift 2 ;;
    --security) security="${2:?--security needs a URL or none}"; shift 2 ;;
    --suite) suite="${2:?--suite needs a name}"; shift 2 ;;
    --tool) tool="${2:?--tool needs podman or docker}"; shift 2 ;;
    --force) force=yes; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) name="$1"; shift ;;
  esac
done
name="${name:-localhost/karakuri-base:$suite}"

[ "$(id -u)" = 0 ] || die "run as root: debootstrap needs it"
command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing: apt-get install -y debootstrap"
if [ -z "$tool" ]; then
  if command -v podman >/dev/null 2>&1; then tool=podman
  elif command -v docker >/dev/null 2>&1; then tool=docker
  else die "neither podman nor docker is installed: apt-get install -y podman"
  fi
fi

# The first URI apt uses for SUITE (one-line sources.list and deb822 .sources files alike).
apt_uri() {
  want="$1"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v s="$want" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i + 1) == s) { print $i; exit } }' "$f"
  done | head -n1
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # stanzas are separated by blank lines; print the URIs of the first stanza whose Suites hold SUITE
    awk -v s="$want" '
      /^[[:space:]]*$/ { if (uris != "" && found) { print uris; exit } uris = ""; found = 0; next }
      /^URIs:/ { uris = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) found = 1 }
      END { if (uris != "" && found) print uris }' "$f"
  done | head -n1
}

if [ -z "$mirror" ]; then
  mirror="$(apt_uri "$suite" | head -n1)"
  [ -n "$mirror" ] || die "no apt source for $suite in /etc/apt: give one with --mirror URL"
fi
if [ -z "$security" ]; then
  security="$(apt_uri "$suite-security" | head -n1)"
fi
[ "$security" = none ] && security=""

if [ "$tool" = podman ]; then
  # podman as root on this kind of machine needs runc and bounded ulimits (DEVELOPERS' notes)
  conf=/etc/containers/containers.conf
  if [ ! -f "$conf" ]; then
    mkdir -p /etc/containers
    cat > "$conf" <<'EOF'
# written by karakuri docker/base-image.sh: podman as root with runc and bounded limits
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
runtime = "runc"
EOF
    echo "base-image: wrote $conf (runc, nofile and nproc limits)" >&2
  elif ! grep -q 'runtime *= *"runc"' "$conf" || ! grep -q 'default_ulimits' "$conf"; then
    echo "base-image: note: $conf does not set [engine] runtime = \"runc\" and [containers] default_ulimits; podman may fail to start containers" >&2
  fi
fi

if [ "$force" = no ] && $tool image exists "$name" 2>/dev/null; then
  echo "base-image: $name exists (--force builds it again)" >&2
  echo "$name"
  exit 0
fi
if [ "$force" = no ] && [ "$tool" = docker ] && docker image inspect "$name" >/dev/null 2>&1; then
  echo "base-image: $name exists (--force builds it again)" >&2
  echo "$name"
  exit 0
fi

work="$(mktemp -d /var/tmp/karakuri-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

echo "base-image: debootstrap $suite from $mirror (a few minutes)" >&2
if ! debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -n 30 "$work/debootstrap.log" >&2
  die "debootstrap failed (log above)"
fi

# apt in the image uses the same mirror, with updates and security fixes
{
  echo "deb $mirror $suite main"
  echo "deb $mirror $suite-updates main"
  [ -n "$security" ] && echo "deb $security $suite-security main"
} > "$root/etc/apt/sources.list"
# like the official slim images: no recommended packages, no package caches left in layers
cat > "$root/etc/apt/apt.conf.d/90karakuri" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
EOF
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* "$root"/tmp/* "$root"/var/log/*.log
: > "$root/etc/hostname"
: > "$root/etc/resolv.conf"

echo "base-image: importing as $name" >&2
quiet=""
[ "$tool" = podman ] && quiet="--quiet"
tar --numeric-owner -C "$root" -c . | $tool import $quiet --change 'CMD ["/bin/bash"]' - "$name" >/dev/null
echo "$name"
