#!/bin/sh
# deps.sh: install the Debian packages the toolkit needs to build and test.
# Usage: scripts/deps.sh [build|demo|test]
#   build  compiler, libcsv, zlib, xxHash            (what `make` needs)
#   demo   build + python3 (the demo organisation's generator)
#   test   demo + mandoc, clang and its sanitizer/fuzzer runtime
# Says what it installs. When not root, prints the exact apt command and exits 4.
set -eu
what=${1:-build}
pkgs="build-essential pkg-config libcsv-dev zlib1g-dev libxxhash-dev"
case $what in
build) ;;
demo) pkgs="$pkgs python3" ;;
test) pkgs="$pkgs python3 mandoc clang libclang-rt-14-dev" ;;
*) echo "usage: deps.sh [build|demo|test]" >&2; exit 2 ;;
esac
missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing Debian packages:$missing" >&2
	echo "deps.sh: run as root: apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 4
fi
echo "deps.sh: installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
