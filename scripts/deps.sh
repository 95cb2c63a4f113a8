#!/bin/sh
# deps.sh: install the Debian packages the toolkit needs to build and test.
# Usage: scripts/deps.sh [build|demo|test|fresh]
#   build  compiler, libcsv, zlib, ISA-L, xxHash, jansson (what `make` needs)
#   demo   build + python3 (the demo organisation's generator)
#   test   demo + mandoc, clang and its sanitizer/fuzzer runtime; and,
#          best effort, chromium for the browser tests (tests/browser.sh;
#          not when CHROMIUM is set and empty, which skips them) and node
#          with npm for the MCP SDK test (tests/mcp-sdk.sh)
#   fresh  best effort: mmdebstrap, for `make check-fresh` (tests/fresh.sh)
# Says what it installs. As root, runs apt-get update first (a fresh
# machine has no package lists). When not root, prints the exact apt
# command and exits 4.
# A best-effort package that cannot be installed is named, never an error:
# the tests that need it skip, loudly and counted.
set -eu
what=${1:-build}
pkgs="build-essential pkg-config libcsv-dev zlib1g-dev libisal-dev libxxhash-dev libjansson-dev"
extra=""
case $what in
build) ;;
demo) pkgs="$pkgs python3" ;;
test) pkgs="$pkgs python3 mandoc clang libclang-rt-14-dev"
	# CHROMIUM= (set, empty) skips the browser tests: no need to install it
	if [ -n "${CHROMIUM-x}" ]; then extra="chromium"; fi
	# a two-node Slurm on loopback for tests/slurm.sh (its daemons are
	# the test's own: the packages' services are not started, below)
	extra="$extra slurm-wlm munge"
	# node and npm for the MCP SDK test (tests/mcp-sdk.sh): Debian's,
	# unless a node with npm is there already (nodesource, nvm); npm
	# reaches its registry over https, which needs the CA certificates
	command -v npm >/dev/null 2>&1 || extra="$extra nodejs npm ca-certificates" ;;
fresh) pkgs="" extra="mmdebstrap" ;;
*) echo "usage: deps.sh [build|demo|test|fresh]" >&2; exit 2 ;;
esac
notinstalled() {
	_m=""
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			_m="$_m $p"
		fi
	done
	echo "$_m"
}
# shellcheck disable=SC2086
missing=$(notinstalled $pkgs)
# shellcheck disable=SC2086
missing_extra=$(notinstalled $extra)
[ -z "$missing$missing_extra" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	if [ -n "$missing" ]; then
		echo "deps.sh: missing Debian packages:$missing" >&2
		echo "deps.sh: run as root: apt-get update && apt-get install -y --no-install-recommends$missing$missing_extra" >&2
		exit 4
	fi
	echo "deps.sh: not installed:$missing_extra (best effort; the tests that need it will skip)" >&2
	echo "deps.sh: to install it, as root: apt-get update && apt-get install -y --no-install-recommends$missing_extra" >&2
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || [ -z "$missing" ]
if [ -n "$missing" ]; then
	echo "deps.sh: installing Debian packages:$missing" >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
fi
# Packages installed for the tests only start no service (munge, slurmd,
# slurmctld): a policy-rc.d that says no, for the time of the install,
# unless the machine has its own
rcd=
case $missing_extra in
*slurm* | *munge*)
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		rcd=/usr/sbin/policy-rc.d
		printf '#!/bin/sh\n# deps.sh: no service starts while it installs\nexit 101\n' >"$rcd" &&
			chmod 755 "$rcd"
		trap 'rm -f "$rcd"' EXIT
	fi ;;
esac
for p in $missing_extra; do
	echo "deps.sh: installing Debian package $p (best effort)" >&2
	apt-get install -y -qq --no-install-recommends "$p" >&2 ||
		echo "deps.sh: $p could not be installed: the tests that need it will skip" >&2
done
exit 0
