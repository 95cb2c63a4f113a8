#!/bin/sh
# mapnightly: one night of the MAP toolchain, run the way cron runs it.
#
#   curscan -> mapstate -> maptasks -> mapcredit -> mapscore -> mapreport
#
# into a state directory:
#   DIR/current/              the latest night's outputs (a link into nights/)
#   DIR/current/report/       its HTML report (mapreport)
#   DIR/history/YYYY-MM-DD/   one dated copy per night (--keep of them),
#                             each a link into nights/
#   DIR/periods/YYYY-MM/      each closed period's final outputs, kept for
#                             good, a link into nights/ (YYYY-MM.N)
#   DIR/nights/YYYY-MM-DD.N/  the copies themselves, never changed once in
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
Usage: mapnightly -d DIR -c CONTRACTS -r ROOT [OPTION]...
       mapnightly -d DIR -c CONTRACTS -m MANIFEST [-r ROOT] [OPTION]...
       mapnightly -d DIR -c CONTRACTS [OPTION]... [EXPORT_FILE]...
Run one night of the MAP toolchain on the Cost and Usage Report
exports: every open billing period is derived again from its latest
delivery, starting from the checkpoint kept when the last period
closed (curscan, mapstate, maptasks, mapcredit, mapscore, mapreport
when installed), into the state directory DIR. With -r and no
manifest or files, every period under the export root is found.
Outputs are renamed into place only when every stage succeeded; a
failed night changes nothing.

  -d, --state-dir DIR    the state directory (created if absent);
                         required
  -c, --contracts FILE   MAP contracts; required
  -w, --workloads FILE   ownership claims (its tag: claims add the
                         curscan --tag columns they need)
  -g, --grants FILE      MAP credit grants, for mapcredit
  -i, --inventory FILE   application inference profiles, for maptasks
  -m, --manifest FILE    read the data files this CUR manifest lists
                         (repeatable)
  -r, --root DIR         local mirror of the export bucket: alone,
                         every period's manifest under it is read
                         (default for --manifest: .)
  -t, --tag KEY          also carry user tag KEY (repeatable)
  -a, --as-of DATE       the night's day, YYYY-MM-DD (default: the
                         last usage day in the export)
  -k, --keep N           dated copies to keep, at least 2 (default
                         14); closed periods are kept for good
      --close-after N    close a period N days after it ends
                         (default 15)
      --reopen YYYY-MM   derive a closed period (and those after it)
                         again from its delivery (repeatable)
      --reopen-restated  reopen a closed period when a newer delivery
                         of it arrives (default: a warning)
      --times            each stage's time in the run log
      --max-rejects N    publish the night with up to N lines curscan
                         rejects in a period's delivery, quarantined in
                         quarantine.tsv (default 100; 0: none)
      --shards N         a sharded night: the billing entities split N
                         ways (mapshard), each shard's mapstate and
                         maptasks a step of its own, the outputs merged;
                         every file is the one an unsharded night writes,
                         and shards/ (without it: not sharded)
      --reshard N        --shards N for a state written by a night of
                         another number of shards: its files are split
                         again N ways (needed once, when N changes)
  -j, --jobs N           shards run at once with --engine local (default:
                         the cores)
      --engine ENGINE    where the steps of a sharded night run: local
                         (default) or slurm (an array job per step,
                         chained by dependencies; DIR must be on storage
                         every node mounts)
      --sbatch-option OPT
                         pass OPT to every sbatch (repeatable; for
                         example --sbatch-option=--partition=batch)
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

# ---------------------------------------------------------------- stages
# stage NAME STDOUT COMMAND...: run a stage; on failure, say so and exit
# with its status (the EXIT trap removes the temporary files). With
# --times, how long it took goes to the run log. In a step of a sharded
# night (step set), the failure is also written to WORK/status/, where the
# night finds which shard failed.
# While a stage of stage_bg runs, the next stage's standard error is held
# too, and said after the first one's, which is waited for first: the
# night says what it would say running them one after the other.
step=
# tname NAME: the stage's name in a --times line, with what it ran for:
# the sharded step, or the period a scan read or a derivation closed
# (stage_of); tonight's derivation has none
tname() {
	if [ -n "$step" ]; then
		printf '%s (%s)' "$1" "$step"
	elif [ -n "$stage_of" ]; then
		printf '%s (%s)' "$1" "$stage_of"
	else
		printf '%s' "$1"
	fi
}
stage_of=

stage() {
	_name=$1
	_out=$2
	shift 2
	[ $times = 0 ] || _t0=$(date +%s)
	if [ -n "$bg_pid" ]; then
		"$@" >"$_out" 2>"$work/$_name.err"
		_rc=$?
		stage_wait
		cat "$work/$_name.err" >&2
	else
		"$@" >"$_out"
		_rc=$?
	fi
	[ $_rc -eq 0 ] || stage_failed "$_name" $_rc
	[ $times = 0 ] || echo "time	$(tname "$_name")	$(($(date +%s) - _t0))s" >>"$work/times"
}

# stage_bg NAME STDOUT COMMAND...: a stage started beside the next one
# (stage), which waits for it (stage_wait); its standard error is held
# until then
bg_pid=
stage_bg() {
	bg_name=$1
	_out=$2
	shift 2
	rm -f "$work/$bg_name.t1"
	[ $times = 0 ] || bg_t0=$(date +%s)
	{
		"$@" >"$_out" 2>"$work/$bg_name.err"
		_rc=$?
		[ $times = 0 ] || date +%s >"$work/$bg_name.t1"
		exit $_rc
	} &
	bg_pid=$!
}

stage_wait() {
	wait "$bg_pid"
	_bgrc=$?
	bg_pid=
	cat "$work/$bg_name.err" >&2
	[ $_bgrc -eq 0 ] || stage_failed "$bg_name" $_bgrc
	[ $times = 0 ] || echo "time	$(tname "$bg_name")	$(($(cat "$work/$bg_name.t1") - bg_t0))s" >>"$work/times"
}

# stage_failed NAME STATUS: say which stage failed, and exit with its status
stage_failed() {
	if [ -n "$step" ]; then
		printf '%s\t%s\t%s\n' "$2" "$1" "$step" >"$work/status/$step_file.failed"
		say "$step: $1 failed with exit status $2"
	else
		say "stage $1 failed with exit status $2; $dir/current and $dir/history are unchanged"
	fi
	exit "$2"
}

# scan_pipe PERIOD OUT COMMAND...: curscan over PERIOD (its arguments in
# $work/scan/PERIOD.args) into COMMAND's standard input as it goes, with
# COMMAND's standard output into OUT: a night's mapstate reads the month's
# lines while curscan writes them, on the core curscan leaves free, and
# the lines are never written to a file (nothing reads them again; a scan
# of PERIOD asked for later scans it again). curscan's failure is the one
# said (what COMMAND said of the lines it did not get is left out); then
# COMMAND's.
scan_pipe() {
	_sp=$work/scan/$1 _spp=$1 _out=$2 _name=${3##*/}
	shift 2
	[ $times = 0 ] || _t0=$(date +%s)
	rm -f "$_sp.rc" "$_sp.t1"
	{
		eval "\"\$bindir/curscan\" $(cat "$_sp.args")"
		echo $? >"$_sp.rc"
		[ $times = 0 ] || date +%s >"$_sp.t1"
	} | "$@" >"$_out" 2>"$_sp.err"
	_rc=$?
	_crc=$(cat "$_sp.rc" 2>/dev/null) || _crc=4
	# curscan ended by SIGPIPE (141) stopped because COMMAND stopped reading:
	# COMMAND's failure is the one to say
	[ "$_crc" = 141 ] && [ $_rc -ne 0 ] && _crc=0
	[ "$_crc" = 0 ] || stage_failed curscan "$_crc"
	cat "$_sp.err" >&2
	[ $_rc -eq 0 ] || stage_failed "$_name" $_rc
	[ $times = 0 ] || printf 'time\tcurscan (%s)\t%ss\ntime\t%s\t%ss\n' \
		"$(scan_of "$_spp")" $(($(cat "$_sp.t1") - _t0)) "$(tname "$_name")" \
		$(($(date +%s) - _t0)) >>"$work/times"
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

# onehead FILE...: the files one after the other, the first one's header
# only
onehead() {
	awk 'FNR == 1 && NR > 1 { next } { print }' "$@"
}

# q STRING: STRING quoted for sh (any bytes but NUL)
q() {
	_q=$(printf '%s' "$1" | sed "s/'/'\\\\''/g"; printf x)
	printf "'%s'" "${_q%x}"
}

# ---------------------------------------------------------------- shards
# A sharded night (--shards N, mapnightly(1) SHARDED NIGHTS): the billing
# entities are split N ways by mapshard's key, and each derivation (a
# period closing tonight, then the night itself) runs as steps, each a
# process of its own, so that an engine can run it on any machine that
# mounts the state directory:
#   scan K       curscan --shard K/N over every period read tonight (with
#                --engine local, one curscan --shards N per period instead)
#   shard I K    mapstate and maptasks on shard K of derivation I, from
#                that shard's state and tasks
#   final I      the shards' outputs merged (mapshard --merge), then
#                mapcredit (credits pool at the payer: once, on shard 0's
#                lines, which hold every credit line) and mapscore
# Each step reads what it needs from WORK/plan.sh, which the night holding
# the lock writes; a step that fails writes WORK/status/STEP.failed.

# shard_in SPEC K NAME: shard K's NAME.tsv of an input SPEC (night:DIR, a
# night's shards/K/; split:DIR, mapshard's DIR/K.tsv), or nothing
shard_in() {
	case $1 in
	night:*) _f=${1#night:}/shards/$2/$3.tsv ;;
	split:*) _f=${1#split:}/$2.tsv ;;
	*) return 0 ;;
	esac
	[ ! -f "$_f" ] || printf '%s\n' "$_f"
}

# the engine's note of where a step ran (shards/run.log)
ran() {
	printf '%s\t%s\n' "$1" "${SLURMD_NODENAME:-$(uname -n)}" >"$work/ran/$2"
}

step_scan() {	# K: shard K of every period's lines
	_k=$1
	[ ! -f "$work/ran/scan.$_k" ] || return 0	# a rerun: done
	for _p in $scan_periods; do
		eval "set -- $(cat "$work/scan/$_p.args")"
		[ "$_k" = 0 ] && set -- -s "$work/scan/$_p.sum" --rejects "$work/scan/$_p.rej" "$@"
		mkdir -p "$work/scan/$_p" || exit 4
		stage curscan "$work/scan/$_p/$_k.tsv" "$bindir/curscan" \
			--shard "$_k/$nshards" --first-seen "$work/scan/$_p/first-seen.$_k.tsv" "$@"
	done
	ran "scan	$_k" "scan.$_k"
}

step_shard() {	# I K: shard K of derivation I
	_i=$1 _k=$2
	eval "_per=\$d_per_$_i _asof=\$d_asof_$_i _sin=\$d_sin_$_i _tin=\$d_tin_$_i _fin=\$d_fin_$_i"
	_sd=$work/d$_i/$_k
	mkdir -p "$_sd" || exit 4
	set -- -c "$contracts"
	[ -n "$workloads" ] && set -- "$@" -w "$workloads"
	_s=$(shard_in "$_sin" "$_k" state)
	[ -n "$_s" ] && set -- "$@" -s "$_s"
	[ -n "$_fin" ] && set -- "$@" --first-seen "$_fin"
	for _p in $_per; do
		_f=$work/scan/$_p/first-seen.tsv
		[ -f "$_f" ] || _f=$work/scan/$_p/first-seen.$_k.tsv
		set -- "$@" --first-seen "$_f"
	done
	set -- "$@" -a "$_asof" -e "$_sd/events.tsv" -l "$_sd/ledger.tsv" \
		--first-seen-out "$_sd/first-seen.tsv" \
		--credit-lines "$_sd/credit-lines.tsv" --
	# the shard's lines of each period, where curscan wrote them
	for _p in $_per; do set -- "$@" "$work/scan/$_p/$_k.tsv"; done
	[ -n "$_per" ] || set -- "$@" "$work/charges.header"
	stage mapstate "$_sd/state.tsv" "$bindir/mapstate" "$@"
	set -- -c "$contracts"
	_t=$(shard_in "$_tin" "$_k" tasks)
	[ -n "$_t" ] && set -- "$@" -p "$_t"
	[ -n "$inventory" ] && set -- "$@" -i "$inventory"
	stage maptasks "$_sd/tasks.tsv" "$bindir/maptasks" "$@" -a "$_asof" \
		-e "$_sd/events.tsv" -l "$_sd/ledger.tsv" -n "$_sd/notify.tsv" "$_sd/state.tsv"
	ran "shard	$_i	$_k" "shard.$_i.$_k"
}

step_final() {	# I: derivation I's shards merged, then credits and scores
	_i=$1
	eval "_o=\$d_out_$_i _asof=\$d_asof_$_i _cl=\$d_cl_$_i _fr=\$d_fr_$_i"
	_d=$work/d$_i
	mkdir -p "$_o/shards" || exit 4
	for _f in state events ledger tasks notify; do
		set --
		_k=0
		while [ $_k -lt "$nshards" ]; do
			set -- "$@" "$_d/$_k/$_f.tsv"
			_k=$((_k + 1))
		done
		[ $_f = notify ] && set -- -T "$_o/tasks.tsv" "$@"
		stage mapshard /dev/null "$bindir/mapshard" --merge -o "$_o/$_f.tsv" "$@"
	done
	# every credit line is shard 0's
	cp "$_d/0/credit-lines.tsv" "$_o/credit-lines.tsv" || exit 4
	credit_score "$_o" "$_asof" "$_cl" "$_o/credit-lines.tsv" "$_fr"
	# each shard's state and tasks, the next night's inputs; the first
	# days of the whole organisation; N (last: a rerun of a failed final
	# step finds the shards' files where they were)
	_k=0
	while [ $_k -lt "$nshards" ]; do
		mkdir -p "$_o/shards/$_k" &&
		cp "$_d/$_k/state.tsv" "$_d/$_k/tasks.tsv" "$_o/shards/$_k/" || exit 4
		_k=$((_k + 1))
	done
	cp "$_d/0/first-seen.tsv" "$_o/shards/first-seen.tsv" &&
	echo "$nshards" >"$_o/shards/count" || exit 4
	ran "final	$_i" "final.$_i"
}

# credit_score OUT ASOF CARRY CHARGES [CHECKPOINT]: mapcredit and mapscore
# into OUT; the claims and the score history carry from CARRY (empty:
# none), the pools and the attribution of the closed months from the
# CHECKPOINT (a closed period's outputs)
credit_score() {
	_o=$1 _asof=$2 _cl=$3 _ch=$4 _cp=${5:-}
	set -- -c "$contracts" -l "$_o/ledger.tsv" --as-of "$_asof"
	[ -n "$grants" ] && set -- "$@" -g "$grants"
	[ -n "$_cl" ] && [ -f "$_cl/claims.tsv" ] && set -- "$@" --previous-claims "$_cl/claims.tsv"
	[ -n "$_cp" ] && [ -f "$_cp/pools.tsv" ] && set -- "$@" --previous-pools "$_cp/pools.tsv"
	[ -n "$_cp" ] && [ -f "$_cp/attribution.tsv" ] && set -- "$@" --previous-attribution "$_cp/attribution.tsv"
	stage mapcredit "$_o/attribution.tsv" "$bindir/mapcredit" "$@" \
		--pools "$_o/pools.tsv" --other "$_o/other-credits.tsv" \
		--claims "$_o/claims.tsv" "$_ch"

	if [ -n "$_cl" ] && [ -f "$_cl/score-history.tsv" ]; then
		if ! { cp "$_cl/score-history.tsv" "$_o/score-history.tsv" &&
		    chmod u+w "$_o/score-history.tsv"; }; then
			die 4 "$_o/score-history.tsv: cannot copy the score history"
		fi
	fi
	set -- -l "$_o/ledger.tsv" -s "$_o/state.tsv" -t "$_o/tasks.tsv" \
		-a "$_o/attribution.tsv" --claims "$_o/claims.tsv"
	stage mapscore "$_o/score.tsv" "$bindir/mapscore" "$@" \
		-H "$_o/score-history.tsv" --as-of "$_asof"
}

# mapnightly --step scan|shard|final ... WORK [K]: one step, as an engine
# runs it (K: the shard; without it, the engine's array index)
if [ "${1:-}" = --step ]; then
	[ $# -ge 3 ] || die 2 "--step wants STEP [I] WORK [K]"
	_what=$2
	shift 2
	_i=
	case $_what in
	scan) ;;
	shard | final) _i=$1; shift ;;
	*) die 2 "--step: no step '$_what' (scan, shard, final)" ;;
	esac
	work=$1
	[ -f "$work/plan.sh" ] || die 4 "$work/plan.sh: no plan (the night that wrote it is gone?)"
	. "$work/plan.sh"
	_k=${2:-${SLURM_ARRAY_TASK_ID:-${AWS_BATCH_JOB_ARRAY_INDEX:-${JOB_COMPLETION_INDEX:-}}}}
	if [ $_what != final ] && { ! is_uint "$_k" || [ "$_k" -ge "$nshards" ]; }; then
		die 2 "--step $_what: no shard index 0 to $((nshards - 1)) (give K, or run it as an array task)"
	fi
	TMPDIR=$work/tmp
	export TMPDIR
	case $_what in
	scan) step="scan of shard $_k"; step_file=scan.$_k; step_scan "$_k" ;;
	shard) step="shard $_k of derivation $_i"; step_file=shard.$_i.$_k; step_shard "$_i" "$_k" ;;
	final) step="final step of derivation $_i"; step_file=final.$_i; step_final "$_i" ;;
	esac
	exit 0
fi

# ---------------------------------------------------------------- options
dir='' contracts='' workloads='' grants='' inventory='' root='' asof='' keep=14
bindir='' lockwait=0 manifests='' tags=''
closeafter=15 reopen='' reopen_restated=0 times=0
nshards=1 reshard=0 jobs='' engine=local sbatch_opts='' shards_given=0
maxrej=100
report=1 mail=0 sendmail=${MAP_SENDMAIL:-} mailfrom=''
while [ $# -gt 0 ]; do
	opt=$1
	val=
	has=0
	case $opt in
	--) shift; break ;;
	--*=*) val=${opt#*=}; opt=${opt%%=*}; has=1 ;;
	-[dcwgimrtakj]?*) val=${opt#-?}; opt=${opt%"$val"}; has=1 ;;
	-h | --help) usage || exit 4; exit 0 ;;	# 4: stdout is full or gone
	-V | --version) echo "$prog (FinOps Center MAP toolchain) $version" || exit 4; exit 0 ;;
	-) break ;;
	-*) ;;
	*) break ;;
	esac
	case $opt in
	-d | --state-dir | -c | --contracts | -w | --workloads | -g | --grants | \
	-i | --inventory | -m | --manifest | -r | --root | -t | --tag | \
	-a | --as-of | -k | --keep | --bin | --lock-wait | --sendmail | --mail-from | \
	--close-after | --reopen | --shards | --reshard | -j | --jobs | --engine | \
	--sbatch-option | --max-rejects)
		if [ $has = 0 ]; then
			[ $# -ge 2 ] || usage_error "option '$opt' requires an argument"
			val=$2
			shift
		fi
		;;
	--no-report | --mail | --reopen-restated | --times)
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
	--close-after) closeafter=$val ;;
	--reopen) reopen=$reopen$val$nl ;;
	--reopen-restated) reopen_restated=1 ;;
	--times) times=1 ;;
	--shards) nshards=$val shards_given=1 ;;
	--reshard) nshards=$val reshard=1 shards_given=1 ;;
	-j | --jobs) jobs=$val ;;
	--engine) engine=$val ;;
	--sbatch-option) sbatch_opts=$sbatch_opts$val$nl ;;
	--max-rejects) maxrej=$val ;;
	esac
done

[ -n "$dir" ] || usage_error "a state directory is required (-d DIR)"
[ -n "$contracts" ] || usage_error "a contracts file is required (-c CONTRACTS)"
[ -n "$manifests" ] || [ $# -gt 0 ] || [ -n "$root" ] ||
	usage_error "no export given: --root DIR, --manifest FILE or export files"
if [ -n "$asof" ] && ! is_day "$asof"; then
	usage_error "--as-of wants YYYY-MM-DD, not '$asof'"
fi
if ! is_uint "$keep" || [ "$keep" -lt 2 ]; then
	usage_error "--keep wants a number of dated copies, at least 2, not '$keep'"
fi
is_uint "$maxrej" ||
	usage_error "--max-rejects wants a number of lines, not '$maxrej'"
is_uint "$closeafter" ||
	usage_error "--close-after wants a number of days, not '$closeafter'"
for _p in $reopen; do
	is_day "$_p-01" || usage_error "--reopen wants a billing period YYYY-MM, not '$_p'"
done
if ! is_uint "$nshards" || [ "$nshards" -lt 1 ] || [ "$nshards" -gt 4096 ]; then
	usage_error "--shards wants a number of shards, 1 to 4096, not '$nshards'"
fi
nshards=$((nshards + 0))
if [ -z "$jobs" ]; then
	jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
fi
if ! is_uint "$jobs" || [ "$jobs" -lt 1 ]; then
	usage_error "--jobs wants a number of shards at once, at least 1, not '$jobs'"
fi
case $engine in
local) ;;
slurm)
	command -v sbatch >/dev/null 2>&1 || die 4 "--engine slurm: sbatch not found (install slurm-wlm's clients, or see SLURM_CONF)" ;;
*) usage_error "--engine wants local or slurm, not '$engine'" ;;
esac
[ -z "$sbatch_opts" ] || [ $engine = slurm ] || usage_error "--sbatch-option is for --engine slurm"
# the steps run apart from this shell when the night is sharded (--shards,
# even of 1) or runs on an engine
sharded=0
{ [ $shards_given = 1 ] || [ $engine != local ]; } && sharded=1
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
for t in curscan mapstate maptasks mapcredit mapscore $([ $sharded = 0 ] || echo mapshard); do
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
# the report's pages are the teams' and owners': without the workloads
# file there are none (mapreport refuses a ledger without ownership), and
# the night goes on without them
if [ $report = 1 ] && [ -z "$workloads" ]; then
	say "skipped: the report (its pages are per team and owner: give the workloads file, -w, or --no-report)"
	report=0
fi

# ---------------------------------------------------------------- the lock
work=
lockd=
keepwork=0
cleanup() {
	_st=$?
	[ $_st = 0 ] || cancel_jobs
	# a stage beside the one a signal stopped the night in ends first,
	# as a stage the night waits for does
	[ -z "$bg_pid" ] || wait "$bg_pid"
	if [ -n "$work" ] && [ $_st != 0 ] && [ $keepwork = 1 ] && [ -f "$work/key" ]; then
		# a sharded night that failed: what finished is kept for the
		# rerun (the next run with the same options and deliveries
		# goes on from there; any other removes it)
		say "kept what finished in $work for a rerun of the night"
	elif [ -n "$work" ]; then
		rm -rf "$work"
	fi
	[ -n "$lockd" ] && rm -rf "$lockd"
}
# a night that dies leaves no job of its own behind on the engine (each
# would write into a WORK a rerun goes on from)
cancel_jobs() {
	[ -n "$work" ] && [ -s "$work/slurm/jobs" ] || return 0
	# shellcheck disable=SC2046
	scancel $(cat "$work/slurm/jobs") 2>/dev/null
	: >"$work/slurm/jobs"
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
# gc_nights: remove each directory of nights/ that no link names (current,
# history/D, periods/P): one replaced by a night run again, one whose
# dated link retention removed, one a killed run left half published or
# half removed. Nothing else is ever removed from nights/.
gc_nights() {
	_keep=$nl
	for _l in "$dir/current" "$dir"/history/* "$dir"/periods/*; do
		[ -L "$_l" ] || continue
		_t=$(readlink "$_l") || return 1
		_keep=$_keep${_t##*/}$nl
	done
	for _r in "$dir"/nights/*; do
		[ -d "$_r" ] || continue
		case $_keep in
		*"$nl${_r##*/}$nl"*) ;;
		*) rm -rf "$_r" || return 1 ;;
		esac
	done
}
# A run killed while it replaced a directory by a link (history/D or
# current of an earlier version, moved aside to .D.old or .current.old,
# the link not yet renamed in) left the old copy aside: it is put back.
for _o in "$dir"/history/.[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].old \
    "$dir"/.current.old; do
	[ -d "$_o" ] || continue
	_d=${_o%.old}
	_d=${_d%/*}/${_d##*/.}
	if [ -e "$_d" ] || [ -L "$_d" ]; then
		rm -rf "$_o"
	else
		mv "$_o" "$_d" || die 4 "$_o: cannot put the dated copy back"
		say "put back $_d, which a killed run had moved aside"
	fi
done
# a sharded night that failed kept what finished: aside until this run
# knows whether it is the same night (resume_or_not)
rm -rf "$dir/.work.prev"
if [ $sharded = 1 ] && [ -f "$work/key" ]; then
	mv "$work" "$dir/.work.prev" || die 4 "$work: cannot move aside"
fi
rm -rf "$work" "$dir"/history/.*.new "$dir"/.current.new
if [ -d "$dir/current" ] && [ ! -L "$dir/current" ]; then
	rm -rf "$dir"/current/.new "$dir"/current/report/.new
fi
gc_nights || die 4 "$dir/nights: cannot remove what a killed run left"
# the stages' temporary files too (a full /tmp is not the night's)
mkdir "$work" "$work/out" "$work/tmp" || die 4 "$work: cannot create"
TMPDIR=$work/tmp
export TMPDIR
out=$work/out

# A run killed while it closed a period: the old copy is put back.
for _o in "$dir"/periods/.[0-9][0-9][0-9][0-9]-[0-9][0-9].old; do
	[ -d "$_o" ] || continue
	_d=${_o%.old}
	_d=$dir/periods/${_d##*/.}
	if [ -d "$_d" ]; then rm -rf "$_o"; else mv "$_o" "$_d" || die 4 "$_o: cannot put back"; fi
done
rm -rf "$dir"/periods/.*.new

# The deliveries: one line per manifest, PERIOD TAB MANIFEST, PERIOD the
# billing period its path names (BILLING_PERIOD=YYYY-MM/ of CUR 2.0, the
# YYYYMMDD-YYYYMMDD/ of legacy CUR) or - when it names none. With -r and
# neither a manifest nor files, every manifest under the export root.
period_of() {	# MANIFEST
	printf '%s\n' "$1" | sed -n '
	s|.*/BILLING_PERIOD=\([0-9][0-9][0-9][0-9]-[01][0-9]\)/[^/]*$|\1|p; t
	s|.*/\([0-9][0-9][0-9][0-9]\)\([01][0-9]\)[0-3][0-9]-[0-9]\{8\}/[^/]*$|\1-\2|p; t
	s|.*|-|p'
}
discover=0
if [ -z "$manifests" ] && [ $# -eq 0 ]; then
	discover=1
	manifests=$(find "$root/" \( -path '*/metadata/BILLING_PERIOD=*/*Manifest.json' -o \
	    -path '*/[0-9][0-9][0-9][0-9][01][0-9][0-3][0-9]-[0-9][0-9][0-9][0-9][01][0-9][0-3][0-9]/*Manifest.json' \) \
	    -type f 2>/dev/null | LC_ALL=C sort)
	[ -n "$manifests" ] && manifests=$manifests$nl
fi
_ifs=$IFS
IFS=$nl
set -f
for _m in $manifests; do
	_p=$(period_of "$_m")
	# found, a manifest must name its period (not the copy in a
	# legacy assembly folder below it)
	[ $discover = 1 ] && [ "$_p" = - ] && continue
	printf '%s\t%s\n' "$_p" "$_m"
done >"$work/deliveries"
set +f
IFS=$_ifs
[ $# -eq 0 ] || printf '%s\t\n' - >>"$work/deliveries"
[ -s "$work/deliveries" ] || die 3 "$root: no CUR manifest under the export root (give --manifest or export files)"

periods=$(cut -f 1 "$work/deliveries" | grep -v '^-$' | sort -u)
anon=0
grep -q '^-	' "$work/deliveries" && anon=1

newer() {	# A B: period A after period B (B empty: always)
	[ -z "$2" ] || [ "$(daynum "$1-01")" -gt "$(daynum "$2-01")" ]
}

# The closed periods: periods/YYYY-MM/ with its final state, unless
# --reopen (or, with --reopen-restated, a newer delivery) reopened it.
closed=
for _p in "$dir"/periods/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
	[ -f "$_p/state.tsv" ] || continue
	closed=$closed${_p##*/}$nl
done

# fingerprint MANIFEST [stat]: its execution id, then each data file it
# lists (found under the root as curscan finds it) with its checksum (with
# stat, its ls -l line: size and modification time)
fingerprint() {
	_r=${root:-.}
	tr -d '\n' <"$1" | awk -v root="$_r" '
	{
		if (match($0, /"(executionId|assemblyId)" *: *"[^"]*"/)) {
			s = substr($0, RSTART, RLENGTH); sub(/^[^:]*: *"/, "", s); sub(/"$/, "", s)
			print "execution\t" s
		}
		if (!match($0, /"(dataFiles|reportKeys)" *: *\[[^]]*\]/)) next
		s = substr($0, RSTART, RLENGTH); sub(/^[^[]*\[/, "", s); sub(/\]$/, "", s)
		n = split(s, f, ",")
		for (i = 1; i <= n; i++) {
			k = f[i]; gsub(/^[ \t]*"|"[ \t]*$/, "", k)
			sub(/^s3:\/\/[^\/]*\//, "", k)
			if (k != "") print "file\t" root "/" k
		}
	}' | while IFS='	' read -r _k _v; do
		case $_k in
		file)
			if [ "${2:-}" = stat ]; then	# for the key: cheaper
				ls -lLn --time-style=+%s -- "$_v" 2>&1
			else
				printf 'file\t%s\t%s\n' "${_v#"$_r"/}" "$(cksum <"$_v" 2>/dev/null | tr ' ' '/')"
			fi ;;
		*) printf '%s\t%s\n' "$_k" "$_v" ;;
		esac
	done
}
# fingerprints PERIOD: those of the period's manifests
fingerprints() {
	awk -F '\t' -v p="$1" '$1 == p { print $2 }' "$work/deliveries" |
	while IFS= read -r _m; do
		printf 'manifest\t%s\n' "${_m#"${root:-.}"/}"
		fingerprint "$_m"
	done
}

# A sharded night is resumable: its key is what decides its outputs (the
# options but -j, --lock-wait and the mail's; the contracts, workloads,
# grants and inventory files by checksum; each manifest and export file
# by size and modification time; the tools by checksum). A night that
# failed with the same key goes on with the steps that finished
# (WORK/ran/), the others run again.
if [ $sharded = 1 ]; then
	{
		for _v in dir root asof keep tags manifests closeafter reopen \
		    reopen_restated nshards reshard engine sbatch_opts report times \
		    maxrej; do
			eval "printf '%s=%s\\n' \"\$_v\" \"\$$_v\""
		done
		for _f in "$contracts" "$workloads" "$grants" "$inventory"; do
			[ -z "$_f" ] || cksum <"$_f"
		done
		cut -f 2 "$work/deliveries" | while IFS= read -r _m; do
			[ -n "$_m" ] || continue
			ls -lLn --time-style=+%s -- "$_m" 2>&1
			fingerprint "$_m" stat
		done
		for _f in "$@"; do ls -lLn --time-style=+%s -- "$_f" 2>&1; done
		for _t in curscan mapstate maptasks mapcredit mapscore mapshard mapreport mapnightly; do
			[ ! -f "$bindir/$_t" ] || cksum <"$bindir/$_t"
		done
	} >"$work/key" || die 4 "$work/key: cannot write"
	keepwork=1
	if [ -f "$dir/.work.prev/key" ] && cmp -s "$dir/.work.prev/key" "$work/key"; then
		for _x in scan ran close charges.header out "$dir"/.work.prev/d[0-9]*; do
			_x=${_x##*/}
			[ -e "$dir/.work.prev/$_x" ] || continue
			rm -rf "${work:?}/$_x" && mv "$dir/.work.prev/$_x" "$work/$_x" ||
				die 4 "$work: cannot take back what the failed night finished"
		done
		say "the night failed before with the same options and deliveries: $(ls "$work/ran" 2>/dev/null | wc -l) step(s) finished then are not run again"
	fi
	rm -rf "$dir/.work.prev"
fi

# A closed period with a newer delivery than the one it closed on: a
# warning, or with --reopen-restated, reopened.
for _p in $closed; do
	grep -q "^$_p	" "$work/deliveries" || continue
	[ -f "$dir/periods/$_p/delivery.tsv" ] || continue
	fingerprints "$_p" >"$work/fp.$_p"
	cmp -s "$work/fp.$_p" "$dir/periods/$_p/delivery.tsv" && continue
	case $nl$reopen in
	*"$nl$_p$nl"*)
		echo "restated	$_p	reopened (--reopen)" >>"$work/log.reopen"
		continue ;;
	esac
	if [ $reopen_restated = 1 ]; then
		echo "warning	period $_p closed, restated since: reopened (--reopen-restated)" >>"$work/log.warn"
		reopen=$reopen$_p$nl
	else
		echo "warning	period $_p closed, restated since (a newer delivery): --reopen $_p re-derives it" >>"$work/log.warn"
	fi
done
# Reopening a period reopens the periods closed after it (each was the
# checkpoint of the next): each is re-derived from its delivery.
_r=
for _p in $reopen; do
	[ -d "$dir/periods/$_p" ] || usage_error "--reopen $_p: the period is not closed (no $dir/periods/$_p)"
	{ [ -z "$_r" ] || newer "$_r" "$_p"; } && _r=$_p
done
if [ -n "$_r" ]; then
	_c=$closed
	closed=
	for _p in $_c; do
		if newer "$_r" "$_p"; then
			closed=$closed$_p$nl
		else
			printf '%s\n' "$periods" | grep -qx "$_p" ||
				die 3 "--reopen $_r: no delivery of $_p to re-derive it from"
			echo "reopened	$_p" >>"$work/log.reopen"
		fi
	done
fi

# scan PERIOD: curscan over the period's deliveries (- : the export files
# and the manifests that name no period) into $work/scan/PERIOD.tsv and
# its summary PERIOD.sum
scan() {
	[ -f "$work/scan/$1.tsv" ] && return
	mkdir -p "$work/scan" || die 4 "$work/scan: cannot create"
	set -- "$1" --no-progress --combine -e "$maxrej"
	[ $sharded = 1 ] || set -- "$@" -s "$work/scan/$1.sum" --rejects "$work/scan/$1.rej"
	[ -n "$root" ] && set -- "$@" -r "$root"
	_ifs=$IFS
	IFS=$nl
	set -f
	for _m in $(awk -F '\t' -v p="$1" '$1 == p && $2 != "" { print $2 }' "$work/deliveries"); do
		set -- "$@" -m "$_m"
	done
	for _k in $(tagkeys); do set -- "$@" -t "$_k"; done
	set +f
	IFS=$_ifs
	if [ "$1" = - ]; then
		set -- "$@" --
		_fi=0
		while [ $_fi -lt $nfiles ]; do
			_fi=$((_fi + 1))
			eval "set -- \"\$@\" \"\$file$_fi\""
		done
	fi
	_sp=$1
	shift
	if [ $sharded = 0 ] && [ $scan_piped = 0 ]; then
		_so=$stage_of
		stage_of=$(scan_of "$_sp")
		stage curscan "$work/scan/$_sp.tsv" "$bindir/curscan" "$@"
		stage_of=$_so
		return
	fi
	# piped (scan_pipe runs it) or sharded: the arguments are kept for the
	# scan step; locally, one curscan writes every shard, on an engine each
	# shard is a task
	for _a in "$@"; do printf '%s ' "$(q "$_a")"; done >"$work/scan/$_sp.args" ||
		die 4 "$work/scan: cannot write"
	[ $sharded = 1 ] || return 0
	if [ $engine = local ]; then
		[ -f "$work/scan/$_sp.done" ] && return	# a rerun: scanned
		mkdir -p "$work/scan/$_sp" || die 4 "$work/scan: cannot create"
		_so=$stage_of
		stage_of=$(scan_of "$_sp")
		stage curscan /dev/null "$bindir/curscan" --shards "$nshards" \
			-o "$work/scan/$_sp" -s "$work/scan/$_sp.sum" \
			--rejects "$work/scan/$_sp.rej" "$@"
		stage_of=$_so
		: >"$work/scan/$_sp.done" || die 4 "$work/scan: cannot write"
	else
		scan_periods=$scan_periods$_sp$nl
	fi
}
# scan_of PERIOD: what a scan of PERIOD read, for --times
scan_of() {
	if [ "$1" = - ]; then
		printf 'files without a period'
	else
		printf 'period %s' "$1"
	fi
}
scan_periods=
scan_piped=0
nderive=0

# src_of DIR NAME I: where derivation I's shards read DIR/NAME.tsv from
# (in _src; empty when DIR has none): DIR's own shards, of the same N; or,
# with --reshard (or from a night of one machine on an engine), mapshard's
# split of DIR/NAME.tsv (same_n has refused another N without --reshard).
src_of() {
	_src=
	[ -n "$1" ] || return 0
	case $1 in
	"$work"/close/*)	# a period closed tonight, derived in N shards
		_src=night:$1
		return 0 ;;
	esac
	[ -f "$1/$2.tsv" ] || return 0
	if [ $reshard = 0 ] && [ -f "$1/shards/0/$2.tsv" ]; then
		_src=night:$1
		return 0
	fi
	mkdir -p "$work/d$3/$2" || die 4 "$work/d$3: cannot create"
	_src=split:$work/d$3/$2
	_fs=
	# a state's first days too, which its shards start from
	[ "$2" = state ] && _fs=$work/d$3/first-seen.tsv
	stage mapshard /dev/null "$bindir/mapshard" --shards "$nshards" \
		-o "$work/d$3/$2" ${_fs:+--first-seen "$_fs"} "$1/$2.tsv"
}

# derive_sharded FROM PREV ASOF OUT PERIOD...: derive, in shards
derive_sharded() {
	_from=$1 _prev=$2 _asof=$3 _o=$4
	shift 4
	nderive=$((nderive + 1))
	_i=$nderive
	mkdir -p "$_o" "$work/d$_i" "$work/status" "$work/ran" ||
		die 4 "$work/d$_i: cannot create"
	[ -f "$work/charges.header" ] || charges "$work/charges.header"
	_cl=$_from
	[ -z "$_cl" ] && _cl=$_prev
	src_of "$_from" state "$_i"
	_sin=$_src
	_fin=
	case $_sin in
	night:*) _fin=$_from/shards/first-seen.tsv ;;
	split:*) _fin=$work/d$_i/first-seen.tsv ;;
	esac
	# the tasks from the checkpoint only: the open periods' events and
	# ledger give every later task again, whole (from the night before,
	# a late row of a day it had counted would be missed)
	src_of "$_from" tasks "$_i"
	_tin=$_src
	for _dp in "$@"; do scan "$_dp"; done
	eval "d_per_$_i=\$*; d_asof_$_i=\$_asof; d_out_$_i=\$_o; d_cl_$_i=\$_cl; d_fr_$_i=\$_from"
	eval "d_sin_$_i=\$_sin; d_tin_$_i=\$_tin; d_fin_$_i=\$_fin"
	[ $engine = local ] || return 0
	write_plan
	run_local_shards "$_i"
	[ ! -f "$work/ran/final.$_i" ] || return 0	# a rerun: done
	( trap - EXIT HUP INT TERM
	  step="final step of derivation $_i" step_file=final.$_i
	  step_final "$_i" )
	steps_failed $?
}

# write_plan: what the steps read (WORK/plan.sh)
write_plan() {
	{
		for _v in bindir contracts workloads grants inventory root dir out \
		    times nshards tags scan_periods; do
			eval "_x=\$$_v"
			printf '%s=%s\n' "$_v" "$(q "$_x")"
		done
		_j=1
		while [ $_j -le $nderive ]; do
			for _v in per asof out cl fr sin tin fin; do
				eval "_x=\$d_${_v}_$_j"
				printf 'd_%s_%s=%s\n' "$_v" "$_j" "$(q "$_x")"
			done
			_j=$((_j + 1))
		done
	} >"$work/plan.sh" || die 4 "$work/plan.sh: cannot write"
}

# steps_failed STATUS: after steps ran, the first failure (by its status
# file), said and made the night's exit status; STATUS is that of the last
# wait, for a step that died without a word
steps_failed() {
	for _f in "$work"/status/*.failed; do
		[ -f "$_f" ] || continue
		IFS='	' read -r _rc _tool _what <"$_f"
		say "$_what failed ($_tool, exit status $_rc); $dir/current and $dir/history are unchanged"
		exit "$_rc"
	done
	if [ "$1" != 0 ]; then
		say "a step of the sharded night died with status $1; $dir/current and $dir/history are unchanged"
		exit 4
	fi
}

# run_local_shards I: derivation I's shard steps, --jobs at a time
run_local_shards() {
	_ri=$1
	_k=0
	_pids=
	_np=0
	_bad=0
	while [ $_k -lt "$nshards" ]; do
		if [ -f "$work/ran/shard.$_ri.$_k" ]; then	# a rerun: done
			_k=$((_k + 1))
			continue
		fi
		( trap - EXIT HUP INT TERM
		  step="shard $_k of derivation $_ri" step_file=shard.$_ri.$_k
		  step_shard "$_ri" "$_k" ) &
		_pids="$_pids $!"
		_np=$((_np + 1))
		_k=$((_k + 1))
		if [ $_np -ge "$jobs" ]; then
			# the oldest first (they take about as long)
			_first=${_pids# }
			_first=${_first%% *}
			wait "$_first" || _bad=$?
			_pids=${_pids# }
			case $_pids in
			*" "*) _pids=" ${_pids#* }" ;;
			*) _pids= ;;
			esac
			_np=$((_np - 1))
		fi
	done
	for _wp in $_pids; do
		wait "$_wp" || _bad=$?
	done
	steps_failed $_bad
}

# ---------------------------------------------------------------- slurm
# --engine slurm: each step an sbatch job, shard steps array jobs of N
# tasks, chained by dependencies: a shard step after its scan task
# (aftercorr), a final step after every shard of its derivation (afterok),
# the next derivation after the final step before it. A job whose
# dependency failed is cancelled (--kill-on-invalid-dep=yes), never left
# pending. The night waits for the last final step (sbatch --wait).
sb() {	# NAME SBATCH-OPTION...: submit; the job id on stdout
	_sn=$1
	shift
	set -f
	_ifs=$IFS
	IFS=$nl
	# shellcheck disable=SC2086
	set -- --parsable --kill-on-invalid-dep=yes --job-name="mapnightly-$_sn" \
		--chdir="$(pwd)" $sbatch_opts "$@"
	IFS=$_ifs
	set +f
	# (with --wait, sbatch's status is the job's: only no job id at all
	# is a failure to submit)
	_id=$(sbatch "$@" 2>"$work/slurm/$_sn.sbatch")
	_sst=$?
	if [ -z "$_id" ]; then
		say "sbatch: cannot submit the $_sn step: $(head -n 1 "$work/slurm/$_sn.sbatch")"
		exit 4
	fi
	# (a --wait job's id is known once it ends; the others, now)
	printf '%s\n' "${_id%%;*}" | tee -a "$work/slurm/jobs"
	return $_sst
}
slurm_wrap() {	# STEP ARG...: the job's command line
	_c="exec $(q "$bindir/mapnightly") --step"
	for _a in "$@"; do _c="$_c $(q "$_a")"; done
	printf '%s\n' "$_c"
}
# the scan, before the night knows its day (no --as-of): run and waited for
slurm_scan_first() {
	[ -n "$scan_periods" ] || return 0
	mkdir -p "$work/slurm" "$work/status" "$work/ran" || die 4 "$work/slurm: cannot create"
	write_plan
	_rc=0
	_miss=$(missing scan)
	if [ -n "$_miss" ]; then
		sb scan --wait --array="$_miss" -o "$work/slurm/scan-%a.log" \
			--wrap="$(slurm_wrap scan "$work")" >/dev/null
		_rc=$?
	fi
	steps_failed $_rc
	slurm_finished scan $((nshards - 1))
	scan_periods=
	for _p in "$work"/scan/*.args; do
		_p=${_p##*/}
		mkdir -p "$work/scan/${_p%.args}"
	done
}
# missing PREFIX: the shards with no WORK/ran/PREFIX.K, comma-separated
# (a rerun submits only those)
missing() {
	_m=
	_k=0
	while [ $_k -lt "$nshards" ]; do
		[ -f "$work/ran/$1.$_k" ] || _m=$_m${_m:+,}$_k
		_k=$((_k + 1))
	done
	printf '%s' "$_m"
}
slurm_chain() {
	mkdir -p "$work/slurm" || die 4 "$work/slurm: cannot create"
	write_plan
	_dep=
	_miss=$(missing scan)
	if [ -n "$scan_periods" ] && [ -n "$_miss" ]; then
		_j=$(sb scan --array="$_miss" -o "$work/slurm/scan-%a.log" \
			--wrap="$(slurm_wrap scan "$work")") || exit 4
		# task K of the shards after task K of the scan; after the
		# whole of it when a rerun scans only some
		if [ "$_miss" = "$(missing none)" ]; then _dep=aftercorr:$_j; else _dep=afterok:$_j; fi
	fi
	_rc=0
	_ci=1
	while [ $_ci -le $nderive ]; do
		_miss=$(missing "shard.$_ci")
		if [ -n "$_miss" ]; then
			set --
			[ -z "$_dep" ] || set -- --dependency="$_dep"
			_j=$(sb "shard$_ci" "$@" --array="$_miss" \
				-o "$work/slurm/shard$_ci-%a.log" \
				--wrap="$(slurm_wrap shard "$_ci" "$work")") || exit 4
			_dep=afterok:$_j
		fi
		if [ ! -f "$work/ran/final.$_ci" ]; then
			set --
			[ -z "$_dep" ] || set -- --dependency="$_dep"
			if [ $_ci -lt $nderive ]; then
				_j=$(sb "final$_ci" "$@" -o "$work/slurm/final$_ci.log" \
					--wrap="$(slurm_wrap final "$_ci" "$work")") || exit 4
				_dep=afterok:$_j
			else
				sb "final$_ci" --wait "$@" -o "$work/slurm/final$_ci.log" \
					--wrap="$(slurm_wrap final "$_ci" "$work")" >/dev/null
				_rc=$?
			fi
		fi
		_ci=$((_ci + 1))
	done
	steps_failed "$_rc"
	slurm_finished final "$nderive"
}
# slurm_finished scan LAST | final I: did the steps finish? (sbatch --wait
# gives 0 for a job cancelled because a dependency failed: a step that
# died without a word, killed or on a lost node, is found here)
slurm_finished() {
	if [ "$1" = scan ]; then
		_k=0
		while [ $_k -le "$2" ]; do
			[ -f "$work/ran/scan.$_k" ] ||
				die 4 "the scan of shard $_k did not finish on Slurm (see $work/slurm/scan-$_k.log); $dir/current and $dir/history are unchanged"
			_k=$((_k + 1))
		done
		return 0
	fi
	[ -f "$work/ran/final.$2" ] ||
		die 4 "the Slurm chain did not finish: the final step of derivation $2 never ran (a job was cancelled or lost; sacct or $work/slurm/ tell which); $dir/current and $dir/history are unchanged"
}

nfiles=$#
_i=0
for _f in "$@"; do
	_i=$((_i + 1))
	eval "file$_i=\$_f"
done

# the newest closed period before MONTH (none: an empty line)
checkpoint_before() {
	_c=
	for _p in $closed; do
		[ "$(daynum "$_p-01")" -lt "$(daynum "$1-01")" ] && _c=$_p
	done
	echo "$_c"
}

if [ -z "$asof" ]; then
	_c=
	for _p in $closed; do _c=$_p; done
	for _p in $periods; do newer "$_p" "$_c" && scan "$_p"; done
	[ $anon = 0 ] || scan -
	[ $engine = local ] || slurm_scan_first
	asof=$(cat /dev/null "$work"/scan/*.tsv "$work"/scan/*/[0-9]*.tsv 2>/dev/null | awk -F '\t' '
	$1 == "usage_start" { for (i = 1; i <= NF; i++) { if ($i == "usage_start") u = i; if ($i == "entity_kind") k = i }; next }
	$k != "none" { d = substr($u, 1, 10); if (d > m) m = d }
	END { print m }')
	[ -n "$asof" ] || die 3 "the export holds no usage line: give the night's day with --as-of"
	is_day "$asof" || die 3 "the export's last usage day '$asof' is not a day"
fi
month=${asof%-*}
n_asof=$(daynum "$asof")

# the last day of a period, and the night it closes (--close-after days
# after that day)
lastday() {
	_y=${1%-*}
	_m=${1#*-}
	case $_m in
	01 | 03 | 05 | 07 | 08 | 10 | 12) echo "$1-31" ;;
	04 | 06 | 09 | 11) echo "$1-30" ;;
	*) if [ $((_y % 4)) = 0 ] && { [ $((_y % 100)) != 0 ] || [ $((_y % 400)) = 0 ]; }; then
		echo "$1-29"
	else
		echo "$1-28"
	fi ;;
	esac
}
closes_by() {	# PERIOD: true when it closes on or before the night
	_d=$(lastday "$1")
	_n=$(date -u -d "$_d + $closeafter days" +%Y%m%d 2>/dev/null) ||
		die 4 "date(1) cannot add days (GNU date needed)"
	[ "$_n" -le "$n_asof" ]
}

# Yesterday: the newest dated copy before tonight's day.
prev=
for h in "$dir"/history/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
	[ -f "$h/state.tsv" ] || continue
	[ "$(daynum "${h##*/}")" -lt "$n_asof" ] && prev=$h
done
prevday=${prev##*/}

# charges FILE: a charge lines file of no line (its header, tonight's
# tag columns), what a derivation of no period reads
charges() {
	{ printf 'usage_start\tpayer\taccount\taccount_name\tservice\tregion\tline_type\tentity_kind\tentity\tusage_type\tmodel\tprincipal\tcost\tmap_tag\tprincipal_map_tag\tdescription\tresource_id\tmisspelled_key\tmisspelled_value'
	  tagkeys | awk '{ printf "\ttag_%s", $0 }'
	  echo; } >"$1" || die 4 "$1: cannot write"
}

# derive FROM PREV ASOF OUT PERIOD...: the periods re-derived from the
# checkpoint FROM (a directory, empty: none): mapstate from its state over
# the periods' charge lines, then maptasks, mapcredit and mapscore. PREV
# is the night before (empty: none). The tasks carry from the checkpoint
# only: the open periods' events and ledger give every later task again,
# whole, with the id it had (ids are stable hashes, so the digest names a
# situation once). The claims and the score history carry from the
# checkpoint, else from the night before, every day of the open periods
# derived again (a re-derived day replaces its old self).
# same_n DIR...: each night the run reads from (the checkpoint, the night
# before) was written with this night's number of shards (an unsharded
# night's is 1), unless --reshard
same_n() {
	for _s; do
		[ -n "$_s" ] && [ -d "$_s" ] && [ $reshard = 0 ] || continue
		case $_s in "$work"/*) continue ;; esac
		_n=1
		[ -f "$_s/shards/count" ] && _n=$(cat "$_s/shards/count")
		[ "$_n" = "$nshards" ] && continue
		if [ $sharded = 1 ]; then
			die 2 "$_s: written by a night of $_n shard(s), and this night has $nshards: --reshard $nshards splits the state again (the outputs stay the same)"
		fi
		die 2 "$_s: written by a night of $_n shards, and this night has 1: --reshard 1 reads it as one (the outputs stay the same)"
	done
}

derive() {
	same_n "$1" "$2"
	if [ $sharded = 1 ]; then
		derive_sharded "$@"
		return
	fi
	_from=$1 _prev=$2 _asof=$3 _o=$4
	shift 4
	mkdir -p "$_o" || die 4 "$_o: cannot create"
	# the periods' charge lines, read where curscan wrote them (mapstate
	# reads them one after the other; no copy), or none; the last
	# period's (the month of the night), as curscan writes them (scan_pipe)
	_nf=$# _piped=
	for _dp in "$@"; do
		if [ $_nf = 1 ] && [ ! -f "$work/scan/$_dp.tsv" ]; then
			scan_piped=1
			scan "$_dp"
			scan_piped=0
			_piped=$_dp
			set -- "$@" -
		else
			scan "$_dp"
			set -- "$@" "$work/scan/$_dp.tsv"
		fi
		shift
		_nf=$((_nf - 1))
	done
	if [ $# -eq 0 ]; then
		[ -f "$work/charges.header" ] || charges "$work/charges.header"
		set -- "$work/charges.header"
	fi
	_nf=$#
	set -- "$@" -c "$contracts" -a "$_asof" -e "$_o/events.tsv" \
		-l "$_o/ledger.tsv" --credit-lines "$_o/credit-lines.tsv"
	[ -n "$workloads" ] && set -- "$@" -w "$workloads"
	[ -n "$_from" ] && set -- "$@" -s "$_from/state.tsv"
	set -- "$@" --
	while [ $_nf -gt 0 ]; do	# the files after the options
		set -- "$@" "$1"
		shift
		_nf=$((_nf - 1))
	done
	if [ -n "$_piped" ]; then
		scan_pipe "$_piped" "$_o/state.tsv" "$bindir/mapstate" "$@"
	else
		stage mapstate "$_o/state.tsv" "$bindir/mapstate" "$@"
	fi

	_cl=$_from
	[ -z "$_cl" ] && _cl=$_prev
	set -- -c "$contracts"
	[ -n "$_from" ] && [ -f "$_from/tasks.tsv" ] && set -- "$@" -p "$_from/tasks.tsv"
	[ -n "$inventory" ] && set -- "$@" -i "$inventory"
	# maptasks and mapcredit read only what mapstate wrote: they run side
	# by side, on the two cores
	stage_bg maptasks "$_o/tasks.tsv" "$bindir/maptasks" "$@" -a "$_asof" \
		-e "$_o/events.tsv" -l "$_o/ledger.tsv" -n "$_o/notify.tsv" "$_o/state.tsv"

	credit_score "$_o" "$_asof" "$_cl" "$_o/credit-lines.tsv" "$_from"
}

# The checkpoint: the newest closed period before tonight's month. The
# periods after it that closed by tonight are derived and closed one by
# one, each the checkpoint of the next; the rest are tonight's open
# periods. (Export files and manifests that name no period are always
# open, and then no period closes: they cannot be told apart.)
cp_=$(checkpoint_before "$month")
from=
[ -n "$cp_" ] && from=$dir/periods/$cp_
log_checkpoint=${cp_:-none}
open=
toclose=
for _p in $periods; do
	newer "$_p" "$cp_" || continue
	newer "$_p" "$month" && continue
	if [ $anon = 0 ] && closes_by "$_p"; then
		toclose=$toclose$_p$nl
	else
		open=$open$_p$nl
	fi
done
[ $anon = 0 ] || open=$open-$nl
# a period between the checkpoint and the night with no delivery: a
# warning (a missed delivery loses its rows until it arrives)
if [ -n "$periods" ]; then
	_p=${cp_:-$(printf '%s\n' "$periods" | head -n 1)}
	[ -n "$cp_" ] && _p=$(date -u -d "$_p-01 + 1 month" +%Y-%m)
	while ! newer "$_p" "$month"; do
		printf '%s\n' "$periods" | grep -qx "$_p" ||
			echo "warning	no delivery of period $_p under ${root:-.} (its rows are missing tonight)" >>"$work/log.warn"
		_p=$(date -u -d "$_p-01 + 1 month" +%Y-%m)
	done
fi
for _p in $toclose; do
	stage_of="closing $_p"
	derive "$from" "" "$(lastday "$_p")" "$work/close/$_p" "$_p"
	stage_of=
	fingerprints "$_p" >"$work/close/$_p/delivery.tsv"
	from=$work/close/$_p
	log_checkpoint=$_p
done
set -f
IFS=$nl
# shellcheck disable=SC2086
set -- $open
IFS=$_ifs
set +f
derive "$from" "$prev" "$asof" "$out" "$@"
[ $engine = local ] || slurm_chain
if [ $sharded = 1 ]; then
	# where each step ran: the engine's log, beside the shards
	cat /dev/null "$work"/ran/* | sort >"$out/shards/run.log" ||
		die 4 "$out/shards/run.log: cannot write"
fi
for _p in "$@"; do
	set -- "$@" "$work/scan/$_p.sum"
	shift
done
onehead /dev/null "$@" >"$out/scan-summary.tsv" || die 4 "$out/scan-summary.tsv: cannot write"
[ -s "$out/scan-summary.tsv" ] || printf 'kind\tfile\tformat\tkey\trows\tcost\n' >"$out/scan-summary.tsv"

# The quarantine: the lines curscan rejected tonight (within
# --max-rejects), each with its period, file, line, reason and message
# and the raw line from its file, in quarantine.tsv beside the outputs;
# a warning says how many.
quarantine() {
	_q=$out/quarantine.tsv
	_nq=0
	for _r in "$work"/scan/*.rej; do
		[ -f "$_r" ] || continue
		_p=${_r##*/}
		_p=${_p%.rej}
		tail -n +2 "$_r" | cut -f 1 | awk '!seen[$0]++' | while IFS= read -r _f; do
			# the rejected rows' raw lines, the file read once (gzip
			# too; a ZIP member's are left empty)
			_ls=$(awk -F '\t' -v f="$_f" 'FNR > 1 && $1 == f { printf "%s ", $2 }' "$_r")
			case $_f in
			*.zip) : ;;
			*.gz) gzip -dc <"$_f" 2>/dev/null ;;
			*) cat <"$_f" 2>/dev/null ;;
			esac | awk -v ls="$_ls" '
			BEGIN { n = split(ls, a, " "); for (i = 1; i <= n; i++) w[a[i]] = 1 }
			(FNR in w) { sub(/\r$/, ""); gsub(/\\/, "\\\\"); gsub(/\t/, "\\t"); print FNR "\t" $0 }' >"$work/raw"
			awk -F '\t' -v f="$_f" -v p="$_p" '
			FNR == NR { raw[$1] = substr($0, index($0, "\t") + 1); next }
			FNR > 1 && $1 == f { print p "\t" $0 "\t" raw[$2] }' "$work/raw" "$_r"
		done
	done >"$work/quarantine" || die 4 "$work/quarantine: cannot write"
	[ -s "$work/quarantine" ] || return 0
	_nq=$(wc -l <"$work/quarantine")
	{ printf 'period\tfile\tline\treason\tmessage\traw\n'; cat "$work/quarantine"; } >"$_q" ||
		die 4 "$_q: cannot write"
	_s=s
	[ "$_nq" = 1 ] && _s=
	echo "warning	$_nq line$_s rejected by curscan (within --max-rejects $maxrej) and left out, in quarantine.tsv" >>"$work/log.warn"
}
quarantine

# The days revised since the night before: mapstate --revised reads the two
# ledgers side by side, one day's revisions in memory
if [ -n "$prev" ] && [ -f "$prev/ledger.tsv" ]; then
	"$bindir/mapstate" --revised "$prev/ledger.tsv" "$out/ledger.tsv" \
	    >"$work/revised.tsv" || die $? "cannot compare tonight's ledger with the night before's"
fi

# The run log: the checkpoint, the periods closed tonight, the deliveries
# read (execution id, files with their rows and checksums), warnings, the
# days revised since the night before (for the days both ledgers have:
# before and after eligible and accruing cost and state, per entity), the
# lines rejected and, with --times, each stage's time.
{
	printf 'night\t%s\n' "$asof"
	printf 'checkpoint\t%s\n' "$log_checkpoint"
	for _p in $toclose; do printf 'closed\t%s\n' "$_p"; done
	for _p in $open; do
		printf 'open\t%s\n' "$_p"
		[ "$_p" = - ] || fingerprints "$_p" | sed "s/^/delivery	$_p	/"
		awk -F '\t' -v p="$_p" -v root="${root:-.}/" '$1 == "lines" { r[$2] += $5; if (!($2 in o)) { o[$2] = 1; f[++n] = $2 } }
		    END { for (i = 1; i <= n; i++) {
			k = f[i]; if (substr(k, 1, length(root)) == root) k = substr(k, length(root) + 1)
			printf "rows\t%s\t%s\t%d\n", p, k, r[f[i]] } }' \
		    "$work/scan/$_p.sum"
		awk -F '\t' -v p="$_p" 'NR > 1 && $1 != "lines" && $1 != "near-miss-tag" { print "rejected\t" p "\t" $2 "\t" $4 "\t" $5 }' \
		    "$work/scan/$_p.sum"
	done
	[ ! -f "$work/log.reopen" ] || cat "$work/log.reopen"
	[ ! -f "$work/log.warn" ] || cat "$work/log.warn"
	[ ! -f "$work/revised.tsv" ] ||
		awk -F '\t' 'NR > 1 { printf "revised\t%s\t%s\teligible %s -> %s\taccruing %s -> %s\tstate %s -> %s\n", $1, $2, $3, $4, $5, $6, $7, $8 }' \
		    "$work/revised.tsv"
	[ ! -f "$work/times" ] || cat "$work/times"
} >"$out/night.log" || die 4 "$out/night.log: cannot write"
[ ! -f "$work/log.warn" ] || cut -f 2 "$work/log.warn" | while IFS= read -r _w; do
	say "warning: $_w"
done

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
# Every stage succeeded. The night is published by renames alone, each one
# atomic, so that whenever the run dies every reader finds one whole night,
# the old or the new, and the next run goes on from there by itself:
#   1. the outputs become nights/D.N, a directory never changed again
#      (N: one more than the night's copies there);
#   2. history/D becomes a symbolic link to it, made aside as .D.new and
#      renamed over the old link (a run reads its inputs from there);
#   3. current the same, from .current.new;
#   4. the copy no link names any more is removed (gc_nights).
# A history/D or current of an earlier version, a directory, is first
# moved aside to .D.old or .current.old, which the next run puts back if
# this one dies before the link is in.
mkdir -p "$dir/history" "$dir/nights" || die 4 "$dir: cannot create history/ or nights/"
hist=$dir/history/$asof
# copy_name NAME: NAME.N, N one more than the copies of NAME in nights/
copy_name() {
	_seq=1
	for _r in "$dir/nights/$1".*; do
		_i=${_r##*.}
		is_uint "$_i" && [ "$_i" -ge "$_seq" ] && _seq=$((_i + 1))
	done
	printf '%s.%s\n' "$1" "$_seq"
}
night=$(copy_name "$asof")

# relink TARGET LINK: LINK becomes a symbolic link to TARGET, by rename(2)
relink() {
	_n=${2%/*}/.${2##*/}.new
	rm -f "$_n" && ln -s "$1" "$_n" || return 1
	if [ -d "$2" ] && [ ! -L "$2" ]; then
		mv "$2" "${2%/*}/.${2##*/}.old" || return 1
	fi
	mv -T "$_n" "$2" || return 1
	rm -rf "${2%/*}/.${2##*/}.old"
}
mv "$out" "$dir/nights/$night" || die 4 "$dir/nights: cannot move tonight's outputs in"
relink "../nights/$night" "$hist" || die 4 "$hist: cannot replace"
relink "nights/$night" "$dir/current" ||
	die 4 "$dir/current: cannot update (the dated copy $hist is complete)"
gc_nights || die 4 "$dir/nights: cannot remove the copies no night names"

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

# The periods that closed tonight: their final outputs go to periods/P
# for good (a reopened one replaces its old self), each the checkpoint of
# the nights after it, published as a night is: the outputs become
# nights/P.N, and periods/P a link to it renamed in (a reader finds the
# old period or the new, never none; a periods/P of an earlier version, a
# directory, is moved aside as .P.old first, put back by the next run if
# this one dies). The night is published already: a period that cannot be
# moved in closes again tomorrow.
for _p in $toclose; do
	_c=$(copy_name "$_p")
	mkdir -p "$dir/periods" &&
	mv "$work/close/$_p" "$dir/nights/$_c" || die 4 "$dir/periods/$_p: cannot move the closed period in"
	relink "../nights/$_c" "$dir/periods/$_p" || die 4 "$dir/periods/$_p: cannot replace"
done

# Retention: the newest --keep dated copies. Nothing in periods/ is ever
# removed: a closed period's outputs are kept for good.
set --
for h in "$dir"/history/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
	[ -d "$h" ] && set -- "$@" "$h"
done
while [ $# -gt "$keep" ]; do
	rm -rf "$1"
	shift
done
# (what the links removed named, unless current names it)
gc_nights || die 4 "$dir/nights: cannot remove the copies no night names"
exit $mailrc
