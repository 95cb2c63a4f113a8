#!/bin/sh
# mapnightly: one night of the MAP toolchain, run the way cron runs it.
#
#   curscan -> mapstate -> maptasks -> mapcredit -> mapscore -> mapreport
#
# into a state directory:
#   DIR/current/              the latest night's outputs
#   DIR/current/report/       its HTML report (mapreport)
#   DIR/history/YYYY-MM-DD/   one dated copy per night (--keep of them)
#   DIR/.lock                 the lock (DIR/.lock.d without flock(1))
#   DIR/.work/                a run's temporary files, gone when it ends
#
# A night reads its inputs (yesterday's state, tasks, events, ledger and
# score history) from the newest dated copy before its own day, so running
# a night again gives the same bytes, and a failed night changes nothing:
# every output is written under DIR/.work and moved into place only
# after every stage succeeded. With --mail, each engineer's and owner's
# digest goes out through sendmail once the night is published. See
# mapnightly(1).
set -u
LC_ALL=C
export LC_ALL

prog=mapnightly
version=0.1.0	# keep in step with TOOLKIT_VERSION in cmd/common.h
nl='
'

usage() {
	cat <<'EOF'
Usage: mapnightly -d DIR -c CONTRACTS [OPTION]... [EXPORT_FILE]...
       mapnightly -d DIR -c CONTRACTS -m MANIFEST [-r ROOT] [OPTION]...
Run one night of the MAP toolchain on the month's Cost and Usage
Report export: curscan, mapstate from yesterday's state, maptasks
from yesterday's tasks, mapcredit, mapscore and mapreport (the HTML
report, when installed), into the state directory DIR. Outputs are
renamed into place only when every stage succeeded; a failed night
changes nothing.

  -d, --state-dir DIR    the state directory (created if absent);
                         required
  -c, --contracts FILE   MAP contracts; required
  -w, --workloads FILE   ownership claims (its tag: claims add the
                         curscan --tag columns they need)
  -g, --grants FILE      MAP credit grants, for mapcredit
  -i, --inventory FILE   application inference profiles, for maptasks
  -m, --manifest FILE    read the data files this CUR manifest lists
                         (repeatable)
  -r, --root DIR         local mirror of the export bucket, for
                         --manifest (default: .)
  -t, --tag KEY          also carry user tag KEY (repeatable)
  -a, --as-of DATE       the night's day, YYYY-MM-DD (default: the
                         last usage day in the export)
  -k, --keep N           dated copies to keep, at least 2 (default 14)
      --bin DIR          where the tools are (default: the directory
                         mapnightly is in)
      --lock-wait SECONDS
                         wait up to SECONDS for another run to finish
                         (default 0: exit at once)
      --no-report        do not write the HTML report (report/)
      --mail             once the night is published, mail each
                         engineer and owner of the workloads what is
                         new since the night before (needs -w)
      --sendmail CMD     the mail command, given each message on its
                         standard input (default: $MAP_SENDMAIL, else
                         'sendmail -t -oi')
      --mail-from ADDR   the From: of the digests (default: left to
                         the mail command)
  -h, --help             show this help and exit
  -V, --version          show the version and exit

Exit status: 0 success; otherwise the exit status of the stage that
failed (2 usage, 3 bad input data, 4 system or I/O error), or 2 for
a usage error and 4 for a system error of mapnightly itself,
including a state directory locked by another run; 5 when the night
is published but a digest could not be built or sent. See
mapnightly(1) and map-formats(5).
EOF
}

say() {
	printf '%s: %s\n' "$prog" "$*" >&2
}

die() {
	code=$1
	shift
	say "$*"
	exit "$code"
}

usage_error() {
	say "$*"
	printf "Try '%s --help' for more information.\n" "$prog" >&2
	exit 2
}

is_uint() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	esac
	return 0
}

# a day as a number, 2026-04-07 -> 20260407
daynum() {
	_y=${1%%-*}
	_r=${1#*-}
	echo "$_y${_r%%-*}${_r#*-}"
}

is_day() {
	case $1 in
	[0-9][0-9][0-9][0-9]-0[1-9]-[0-3][0-9] | [0-9][0-9][0-9][0-9]-1[0-2]-[0-3][0-9]) ;;
	*) return 1 ;;
	esac
	case ${1#*-*-} in
	00 | 3[2-9]) return 1 ;;
	esac
	return 0
}

# ---------------------------------------------------------------- options
dir='' contracts='' workloads='' grants='' inventory='' root='' asof='' keep=14
bindir='' lockwait=0 manifests='' tags=''
report=1 mail=0 sendmail=${MAP_SENDMAIL:-} mailfrom=''
while [ $# -gt 0 ]; do
	opt=$1
	val=
	has=0
	case $opt in
	--) shift; break ;;
	--*=*) val=${opt#*=}; opt=${opt%%=*}; has=1 ;;
	-[dcwgimrtak]?*) val=${opt#-?}; opt=${opt%"$val"}; has=1 ;;
	-h | --help) usage || exit 4; exit 0 ;;	# 4: stdout is full or gone
	-V | --version) echo "$prog (FinOps Center MAP toolchain) $version" || exit 4; exit 0 ;;
	-) break ;;
	-*) ;;
	*) break ;;
	esac
	case $opt in
	-d | --state-dir | -c | --contracts | -w | --workloads | -g | --grants | \
	-i | --inventory | -m | --manifest | -r | --root | -t | --tag | \
	-a | --as-of | -k | --keep | --bin | --lock-wait | --sendmail | --mail-from)
		if [ $has = 0 ]; then
			[ $# -ge 2 ] || usage_error "option '$opt' requires an argument"
			val=$2
			shift
		fi
		;;
	--no-report | --mail)
		[ $has = 0 ] || usage_error "option '$opt' doesn't allow an argument" ;;
	--help | --version)
		usage_error "option '$opt' doesn't allow an argument" ;;
	--*) usage_error "unrecognized option '$opt'" ;;
	*) usage_error "invalid option -- '${opt#-}'" ;;
	esac
	shift
	case $opt in
	-d | --state-dir) dir=$val ;;
	-c | --contracts) contracts=$val ;;
	-w | --workloads) workloads=$val ;;
	-g | --grants) grants=$val ;;
	-i | --inventory) inventory=$val ;;
	-m | --manifest) manifests=$manifests$val$nl ;;
	-r | --root) root=$val ;;
	-t | --tag) tags=$tags$val$nl ;;
	-a | --as-of) asof=$val ;;
	-k | --keep) keep=$val ;;
	--bin) bindir=$val ;;
	--lock-wait) lockwait=$val ;;
	--no-report) report=0 ;;
	--mail) mail=1 ;;
	--sendmail) sendmail=$val ;;
	--mail-from) mailfrom=$val ;;
	esac
done

[ -n "$dir" ] || usage_error "a state directory is required (-d DIR)"
[ -n "$contracts" ] || usage_error "a contracts file is required (-c CONTRACTS)"
[ -n "$manifests" ] || [ $# -gt 0 ] ||
	usage_error "no export given: --manifest FILE or export files"
if [ -n "$asof" ] && ! is_day "$asof"; then
	usage_error "--as-of wants YYYY-MM-DD, not '$asof'"
fi
if ! is_uint "$keep" || [ "$keep" -lt 2 ]; then
	usage_error "--keep wants a number of dated copies, at least 2, not '$keep'"
fi
is_uint "$lockwait" ||
	usage_error "--lock-wait wants a number of seconds, not '$lockwait'"
case $manifests$tags in
*"$nl$nl"* | "$nl"*) usage_error "an empty --manifest or --tag" ;;
esac
if [ $mail = 1 ]; then
	[ $report = 1 ] || usage_error "--mail attaches the report: drop --no-report"
	[ -n "$workloads" ] || usage_error "--mail needs the workloads file (-w), which names the recipients"
	sendmail=${sendmail:-sendmail -t -oi}
fi
# one address, nothing that could end the header line or start another
case $mailfrom in
'') ;;
*[!A-Za-z0-9.@_+=-]* | *@*@* | @* | *@ | [!@]) usage_error "--mail-from wants a mail address, not '$mailfrom'" ;;
*@*) ;;
*) usage_error "--mail-from wants a mail address, not '$mailfrom'" ;;
esac
lockmode=${MAPNIGHTLY_LOCK:-}
if [ -z "$lockmode" ]; then
	if command -v flock >/dev/null 2>&1; then lockmode='flock'; else lockmode='mkdir'; fi
fi
case $lockmode in
flock | mkdir) ;;
*) usage_error "MAPNIGHTLY_LOCK wants flock or mkdir, not '$lockmode'" ;;
esac

if [ -z "$bindir" ]; then
	case $0 in
	*/*) bindir=${0%/*} ;;
	*) bindir=. ;;
	esac
fi
for t in curscan mapstate maptasks mapcredit mapscore; do
	[ -x "$bindir/$t" ] || die 4 "$bindir/$t: not found or not executable (see --bin)"
done
# the report is optional, but --mail builds its digests with mapreport
if [ $report = 1 ] && [ ! -x "$bindir/mapreport" ]; then
	[ $mail = 0 ] || die 4 "$bindir/mapreport: not found or not executable (--mail needs it)"
	say "skipped: mapreport not installed in $bindir (no report tonight)"
	report=0
fi
for f in "$contracts" "$workloads" "$grants" "$inventory"; do
	[ -z "$f" ] || [ -r "$f" ] || die 4 "$f: cannot read"
done

# ---------------------------------------------------------------- the lock
work=
lockd=
cleanup() {
	[ -n "$work" ] && rm -rf "$work"
	[ -n "$lockd" ] && rm -rf "$lockd"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

if ! { mkdir -p "$dir" 2>/dev/null && [ -d "$dir" ] && [ -w "$dir" ]; }; then
	die 4 "$dir: cannot create or write the state directory"
fi

locked() {	# holder-pid waited
	if [ -n "$1" ] && ! kill -0 "$1" 2>/dev/null; then
		# the run's shell was killed alone: a stage it started lives on
		# and holds the lock until it ends
		say "$dir is locked by a stage of an earlier run whose shell (pid $1) is gone; not running (it ends when that stage does)"
		return
	fi
	if [ "$2" -gt 0 ]; then
		_s=seconds
		[ "$2" = 1 ] && _s=second
		say "$dir is still locked by another run${1:+ (pid $1)} after $2 $_s; not running"
	else
		say "$dir is locked by another run${1:+ (pid $1)}; not running (--lock-wait SECONDS waits for it)"
	fi
}

# the lock is written to: never through a symlink or into something that
# is not a regular file (a run as root would write its pid over its target)
if [ -L "$dir/.lock" ] || { [ -e "$dir/.lock" ] && [ ! -f "$dir/.lock" ]; }; then
	die 4 "$dir/.lock: not a regular file (a symbolic link?): refusing to use it as the lock"
fi
case $lockmode in
flock)
	# (a failed redirection of exec would end the shell: try it first)
	(: >>"$dir/.lock") 2>/dev/null || die 4 "$dir/.lock: cannot open the lock file"
	exec 9>>"$dir/.lock"
	if [ "$lockwait" -gt 0 ]; then
		flock -w "$lockwait" 9
	else
		flock -n 9
	fi || {
		locked "$(cat "$dir/.lock" 2>/dev/null)" "$lockwait"
		exit 4
	}
	echo $$ >"$dir/.lock"
	;;
mkdir)
	waited=0
	until mkdir "$dir/.lock.d" 2>/dev/null; do
		[ -d "$dir/.lock.d" ] || die 4 "$dir/.lock.d: cannot create the lock"
		pid=$(cat "$dir/.lock.d/pid" 2>/dev/null)
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null &&
		    mv "$dir/.lock.d" "$dir/.lock.d.stale.$$" 2>/dev/null; then
			# its run was killed: the lock is stale, take it over
			say "$dir/.lock.d: pid $pid is gone; taking over its lock"
			rm -rf "$dir/.lock.d.stale.$$"
			continue
		fi
		if [ "$waited" -ge "$lockwait" ]; then
			locked "$pid" "$lockwait"
			exit 4
		fi
		sleep 1
		waited=$((waited + 1))
	done
	lockd=$dir/.lock.d
	echo $$ >"$lockd/pid"
	;;
esac

# We hold the lock: what a killed run left behind can go.
work=$dir/.work
# A run killed while it replaced a dated copy (history/D moved to .D.old,
# .D.new not yet moved to D) left the old copy as .D.old: it is put back.
for _o in "$dir"/history/.[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].old; do
	[ -d "$_o" ] || continue
	_d=${_o%.old}
	_d=$dir/history/${_d##*/.}
	if [ -d "$_d" ]; then
		rm -rf "$_o"
	else
		mv "$_o" "$_d" || die 4 "$_o: cannot put the dated copy back"
		say "put back $_d, which a killed run had moved aside"
	fi
done
rm -rf "$work" "$dir"/history/.*.new "$dir"/current/.new \
	"$dir"/current/report/.new
mkdir "$work" "$work/out" || die 4 "$work: cannot create"
out=$work/out

# ---------------------------------------------------------------- stages
# stage NAME STDOUT COMMAND...: run a stage; on failure, say so and exit
# with its status (the EXIT trap removes the temporary files).
stage() {
	_name=$1
	_out=$2
	shift 2
	"$@" >"$_out"
	_rc=$?
	if [ $_rc -ne 0 ]; then
		say "stage $_name failed with exit status $_rc; $dir/current and $dir/history are unchanged"
		exit $_rc
	fi
}

# the curscan --tag keys: each --tag, then the keys of the workloads
# file's tag:KEY=VALUE claims, each once
tagkeys() {
	{
		printf '%s' "$tags"
		if [ -n "$workloads" ]; then
			awk -F '\t' '
			/^#/ || /^[ \t\r]*$/ { next }
			!c { for (i = 1; i <= NF; i++) if ($i == "claim") c = i; if (!c) exit; next }
			$c ~ /^tag:/ { k = substr($c, 5); sub(/=.*/, "", k); if (k != "") print k }
			' "$workloads"
		fi
	} | awk '!seen[$0]++'
}

# curscan [EXPORT_FILE]...: the charge lines of the whole export
run_curscan() {
	_n=$#
	set -- "$@" --no-progress -s "$out/scan-summary.tsv"
	[ -n "$root" ] && set -- "$@" -r "$root"
	_ifs=$IFS
	IFS=$nl
	set -f
	for _m in $manifests; do set -- "$@" -m "$_m"; done
	for _k in $(tagkeys); do set -- "$@" -t "$_k"; done
	set +f
	IFS=$_ifs
	set -- "$@" --
	while [ $_n -gt 0 ]; do
		set -- "$@" "$1"
		shift
		_n=$((_n - 1))
	done
	stage curscan "$work/charges.tsv" "$bindir/curscan" "$@"
}
run_curscan "$@"

if [ -z "$asof" ]; then
	asof=$(awk -F '\t' '
	NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "usage_start") u = i; if ($i == "entity_kind") k = i }; next }
	$k != "none" { d = substr($u, 1, 10); if (d > m) m = d }
	END { print m }' "$work/charges.tsv")
	[ -n "$asof" ] || die 3 "the export holds no usage line: give the night's day with --as-of"
	is_day "$asof" || die 3 "the export's last usage day '$asof' is not a day"
fi
month=${asof%-*}

# Yesterday: the newest dated copy before tonight's day.
prev=
n_asof=$(daynum "$asof")
for h in "$dir"/history/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
	[ -f "$h/state.tsv" ] || continue
	[ "$(daynum "${h##*/}")" -lt "$n_asof" ] && prev=$h
done
prevday=${prev##*/}

has() { [ -n "$prev" ] && [ -f "$prev/$1" ]; }

# mapstate from yesterday's state: the days after it, up to tonight
set -- -c "$contracts"
[ -n "$workloads" ] && set -- "$@" -w "$workloads"
has state.tsv && set -- "$@" -s "$prev/state.tsv"
stage mapstate "$out/state.tsv" "$bindir/mapstate" "$@" -a "$asof" \
	-e "$work/events.night.tsv" -l "$work/ledger.night.tsv" "$work/charges.tsv"

# The month's events and ledger: yesterday's rows of this month, then
# tonight's (which start after yesterday's day), columns taken by name.
merge() {	# NAME: $prev/NAME + $work/NAME.night -> $out/NAME
	_old=/dev/null
	has "$1" && _old=$prev/$1
	awk -F '\t' -v OFS='\t' -v night="$work/${1%.tsv}.night.tsv" \
	    -v month="$month" -v upto="$prevday" '
	BEGIN {
		if ((getline h < night) <= 0) exit 4
		n = split(h, name, "\t")
		print h
	}
	FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{
		d = ("date" in col) ? $col["date"] : ""
		if (substr(d, 1, 7) != month || d > upto) next
		line = ""
		for (i = 1; i <= n; i++)
			line = line (i > 1 ? "\t" : "") ((name[i] in col) ? $col[name[i]] : "")
		print line
	}
	END { while ((getline l < night) > 0) print l }
	' "$_old" >"$out/$1" || {
		say "stage merge failed: cannot write the month's $1; $dir/current and $dir/history are unchanged"
		exit 4
	}
}
merge events.tsv
merge ledger.tsv

# maptasks from yesterday's tasks
set -- -c "$contracts"
has tasks.tsv && set -- "$@" -p "$prev/tasks.tsv"
[ -n "$inventory" ] && set -- "$@" -i "$inventory"
stage maptasks "$out/tasks.tsv" "$bindir/maptasks" "$@" -a "$asof" \
	-e "$out/events.tsv" -l "$out/ledger.tsv" -n "$out/notify.tsv" "$out/state.tsv"

# mapcredit: pools (as of the night) and attribution for the month
set -- -c "$contracts" -l "$out/ledger.tsv" --month "$month" --as-of "$asof"
[ -n "$grants" ] && set -- "$@" -g "$grants"
# the claims of earlier months carry over from yesterday's (a series)
has claims.tsv && set -- "$@" --previous-claims "$prev/claims.tsv"
stage mapcredit "$out/attribution.tsv" "$bindir/mapcredit" "$@" \
	--pools "$out/pools.tsv" --other "$out/other-credits.tsv" \
	--claims "$out/claims.tsv" "$work/charges.tsv"

# mapscore: rates, trend (its history carries over from yesterday) and grades
if has score-history.tsv; then
	if ! { cp "$prev/score-history.tsv" "$out/score-history.tsv" &&
	    chmod u+w "$out/score-history.tsv"; }; then
		die 4 "$out/score-history.tsv: cannot copy yesterday's score history"
	fi
fi
set -- -l "$out/ledger.tsv" -s "$out/state.tsv" -t "$out/tasks.tsv" \
	-a "$out/attribution.tsv" --claims "$out/claims.tsv"
stage mapscore "$out/score.tsv" "$bindir/mapscore" "$@" \
	-H "$out/score-history.tsv" --as-of "$asof"

# mapreport: the night's HTML report, a directory of pages. It reads
# STATEDIR/current/: tonight's outputs are shown to it as such.
if [ $report = 1 ]; then
	{ mkdir "$work/night" && ln -s ../out "$work/night/current"; } ||
		die 4 "$work/night: cannot create"
	set -- -d "$work/night" -o "$out/report"
	[ -n "$workloads" ] && set -- "$@" -w "$workloads"
	stage mapreport "$work/report.out" "$bindir/mapreport" "$@"
fi

# ---------------------------------------------------------------- publish
# Every stage succeeded. The dated copy first (a run reads its inputs from
# there), then current/ and current/report/: links to the dated copy's
# files, each moved over its old self by rename(2).
mkdir -p "$dir/history" "$dir/current" || die 4 "$dir: cannot create history/ or current/"
hist=$dir/history/$asof
mv "$out" "$dir/history/.$asof.new" || die 4 "$dir/history: cannot move tonight's outputs in"
if [ -d "$hist" ]; then
	mv "$hist" "$dir/history/.$asof.old" || die 4 "$hist: cannot replace"
fi
mv "$dir/history/.$asof.new" "$hist" || die 4 "$hist: cannot move tonight's outputs in"
rm -rf "$dir/history/.$asof.old"

# link_into SRC DST: DST's files become links to SRC's (or copies where
# links cannot be made), each renamed over its old self; DST's files that
# SRC does not have are removed
link_into() {
	mkdir -p "$2" && mkdir "$2/.new" || return 1
	for _f in "$1"/*; do
		[ -f "$_f" ] || continue
		ln "$_f" "$2/.new/" 2>/dev/null || cp "$_f" "$2/.new/" || return 1
	done
	for _f in "$2"/.new/*; do
		[ -f "$_f" ] || continue
		mv -f "$_f" "$2/" || return 1
	done
	rmdir "$2/.new" || return 1
	for _f in "$2"/*; do
		[ -f "$_f" ] || continue
		[ -e "$1/${_f##*/}" ] || rm -f "$_f" || return 1
	done
}
{ link_into "$hist" "$dir/current" &&
	if [ -d "$hist/report" ]; then
		link_into "$hist/report" "$dir/current/report"
	else
		rm -rf "$dir/current/report"
	fi; } ||
	die 4 "$dir/current: cannot update (the dated copy $hist is complete)"

# Mail: what is new since the night before, one message per engineer and
# owner, each piped to the mail command. The night is published already:
# a failure here is reported and gives status 5, and changes nothing.
mailrc=0
if [ $mail = 1 ]; then
	"$bindir/mapreport" -d "$dir" -w "$workloads" -o "$dir/current/report" \
		--digest "$work/mail" >"$work/digest.out"
	rc=$?
	if [ $rc != 0 ]; then
		say "the digests could not be built (mapreport exited with status $rc); no mail sent, the night of $asof is published"
		mailrc=5
	fi
	for m in "$work"/mail/*.eml; do
		[ $rc = 0 ] && [ -f "$m" ] || continue
		{ [ -z "$mailfrom" ] || printf 'From: %s\n' "$mailfrom"; cat "$m"; } |
			PATH=$PATH:/usr/sbin:/usr/lib sh -c "$sendmail"
		src=$?
		to=${m##*/}
		case $src in
		0) ;;
		126 | 127)	# the command itself cannot run: the same for every message
			say "cannot run the mail command '$sendmail' (status $src): no digest sent; the night of $asof is published"
			mailrc=5
			break ;;
		*)
			say "mail to ${to%.eml} failed: '$sendmail' exited with status $src; the night of $asof is published"
			mailrc=5 ;;
		esac
	done
fi

# Retention: the newest --keep dated copies.
set --
for h in "$dir"/history/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
	[ -d "$h" ] && set -- "$@" "$h"
done
while [ $# -gt "$keep" ]; do
	rm -rf "$1"
	shift
done
exit $mailrc
