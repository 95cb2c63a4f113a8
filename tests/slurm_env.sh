# tests/slurm_env.sh: a throw-away Slurm cluster on 127.0.0.1 for tests: one
# slurmctld and two slurmd nodes (n1, n2, one CPU each, partition "debug",
# MaxTime=10 minutes), with their own munged, as root, on unprivileged ports.
# Sourced (POSIX sh); every name it sets starts with slurm_, _se_ or SLURM_ENV_.
#
#   slurm_available       0 when munged, slurmctld, slurmd, sbatch, sinfo,
#                         squeue and scancel can be run (PATH, then /usr/sbin,
#                         which it then appends to PATH), else 1
#   slurm_up SCRATCHDIR   starts the cluster with everything it writes in
#                         SCRATCHDIR (an existing directory); exports
#                         SLURM_CONF; returns 0 once sinfo shows n1 and n2
#                         idle, or 1 with a one-line reason on stderr, having
#                         stopped whatever it had started
#   slurm_down            cancels what is still queued, stops every daemon
#                         slurm_up started by the PID it recorded, kill -9
#                         after 5 s, then any slurmstepd left (by the mark
#                         SLURM_ENV_TAG=SCRATCHDIR in its environment) with
#                         its job; removes only its PID records, the short
#                         socket directory it made (if any) and its lock.
#                         Safe to call twice, and after a failed slurm_up.
#
# Use:   . tests/slurm_env.sh
#        slurm_available || { echo "SKIP: no slurm"; exit 77; }
#        d=$(mktemp -d); trap slurm_down EXIT; trap 'exit 130' INT; trap 'exit 143' TERM
#        slurm_up "$d" || exit 1
#        sbatch --parsable ...
# The INT/TERM traps matter: sh runs an EXIT trap on exit, not when a signal
# kills it. After slurm_up these are set: SLURM_CONF, SLURM_ENV_DIR (the
# scratch dir), SLURM_ENV_MUNGE_SOCKET (for `munge -S`), SLURM_ENV_PORTS
# ("ctld n1 n2"); the daemons' logs are SCRATCHDIR/log/*.log.
#
# The daemons run in the foreground (-D, -F), started from a subshell that
# writes $! to SCRATCHDIR/pid/NAME.pid and exits: the PID is known at once
# (a half-way failure can still stop it), and the daemons are not children
# of the caller, so a bare `wait` in a test does not wait for them (init
# reaps them; a zombie counts as stopped). Before a PID is signalled its
# /proc/PID/cmdline must name SCRATCHDIR (PID reuse).
#
# One cluster at a time per machine: slurm_up takes the lock directory
# /tmp/slurm_env.lock (mkdir is atomic; the file "owner" in it holds the
# taker's $$) and holds it until slurm_down; another slurm_up waits for it
# up to SLURM_ENV_LOCK_WAIT seconds (120). A lock whose owner is dead is
# taken over. Within the lock the ports are the first free ones (no socket
# in /proc/net/tcp{,6} uses them) from SLURM_ENV_PORT_BASE (16817) up, so a
# port some other program holds is skipped rather than fought over.
#
# Paths: slurm.conf cannot quote, so SCRATCHDIR must not hold blanks, '#',
# ',' or '='. Unix socket paths are limited to 108 bytes (munged's socket,
# slurmd's step sockets in its spool directory): when SCRATCHDIR is longer
# than 50 bytes these go into a directory made with mktemp -d under /tmp,
# which slurm_down removes.
#
# Facts (slurm-wlm 22.05.8, munge 0.5.15, Debian 12): auth/munge and
# cred/munge both take the socket from AuthInfo=socket=PATH, so no system
# munged is needed or touched. slurmd and slurmctld log "can not load PMIx
# library" errors: with MpiDefault=none they are harmless. No cgroup.conf
# is needed with proctrack/linuxproc and task/none. MinJobAge=5 makes
# `sbatch --wait` poll every 2 s (by default it sleeps 2 s, then 8 s, ...;
# it stays at 2 s while 2 is not less than MinJobAge/2): a finished job may
# be gone from scontrol some 5 s after it ends. batch_sched_delay=0 starts
# a job about 1 s after it is submitted (3 s by default). sbatch --wait
# exits 0 for a job cancelled before it ran (a dependent with
# --kill-on-invalid-dep=yes): check the job's state, not only --wait's.

SLURM_ENV_LOCK=/tmp/slurm_env.lock

slurm_available() {
	for _se_p in munged slurmctld slurmd sbatch sinfo squeue scancel; do
		if ! command -v "$_se_p" >/dev/null 2>&1; then
			[ -x "/usr/sbin/$_se_p" ] || return 1
			PATH=$PATH:/usr/sbin
			export PATH
		fi
	done
	return 0
}

# _se_alive PID: the process exists and is not a zombie
_se_alive() {
	kill -0 "$1" 2>/dev/null || return 1
	_se_st=$(sed 's/^.*) \(.\).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
	[ "$_se_st" != Z ]
}

# _se_ours PID: the process is one this harness started (its command line
# names the scratch directory)
_se_ours() {
	_se_alive "$1" || return 1
	tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$SLURM_ENV_DIR/"
}

# _se_port_used PORT: some TCP socket (v4 or v6, any state) has it locally
_se_port_used() {
	_se_hex=$(printf '%04X' "$1")
	awk -v p=":$_se_hex" 'FNR > 1 && substr($2, length($2) - 4) == p { f = 1 }
		END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

_se_lock() {
	_se_waited=0
	while ! mkdir "$SLURM_ENV_LOCK" 2>/dev/null; do
		_se_owner=$(cat "$SLURM_ENV_LOCK/owner" 2>/dev/null) || _se_owner=""
		if [ "$_se_owner" = "$$" ]; then
			echo "slurm_up: this shell has a cluster up already (slurm_down first)" >&2
			return 1
		fi
		if [ -n "$_se_owner" ] && ! _se_alive "$_se_owner"; then
			# the owner died without slurm_down: take the lock over
			# (rename first, so that only one waiter removes it)
			if mv "$SLURM_ENV_LOCK" "$SLURM_ENV_LOCK.stale.$$" 2>/dev/null; then
				rm -rf "$SLURM_ENV_LOCK.stale.$$"
			fi
			continue
		fi
		if [ "$_se_waited" -ge "${SLURM_ENV_LOCK_WAIT:-120}" ]; then
			echo "slurm_up: $SLURM_ENV_LOCK held by process ${_se_owner:-?} for ${_se_waited}s" >&2
			return 1
		fi
		sleep 1
		_se_waited=$((_se_waited + 1))
	done
	echo "$$" >"$SLURM_ENV_LOCK/owner"
	SLURM_ENV_LOCKED=1
}

# _se_start NAME COMMAND...: start a foreground daemon detached, its output
# in log/NAME.out, its PID in pid/NAME.pid
_se_start() {
	_se_n=$1
	shift
	(
		SLURM_ENV_TAG=$SLURM_ENV_DIR "$@" </dev/null >>"$SLURM_ENV_DIR/log/$_se_n.out" 2>&1 &
		echo $! >"$SLURM_ENV_DIR/pid/$_se_n.pid"
	)
}

# _se_fail REASON: report, stop what was started, fail
_se_fail() {
	echo "slurm_up: $*" >&2
	slurm_down
	return 1
}

# _se_died: the first daemon that is no longer running, with the last line of
# its log, or nothing
_se_died() {
	for _se_f in "$SLURM_ENV_DIR"/pid/*.pid; do
		[ -f "$_se_f" ] || continue
		_se_alive "$(cat "$_se_f")" && continue
		_se_n=$(basename "$_se_f" .pid)
		_se_l=$(cat "$SLURM_ENV_DIR/log/$_se_n.out" "$SLURM_ENV_DIR/log/$_se_n.log" 2>/dev/null |
			grep -v -i pmix | tail -n 1)
		echo "$_se_n exited: $_se_l"
		return 0
	done
	return 0
}

slurm_up() {
	if [ $# -ne 1 ] || [ ! -d "$1" ]; then
		echo "slurm_up: usage: slurm_up SCRATCHDIR (an existing directory)" >&2
		return 1
	fi
	if [ "$(id -u)" != 0 ]; then
		echo "slurm_up: must run as root (SlurmUser=root)" >&2
		return 1
	fi
	slurm_available || {
		echo "slurm_up: munged, slurmctld, slurmd or sbatch not found" >&2
		return 1
	}
	_se_d=$(cd "$1" && pwd -P) || return 1
	case $_se_d in
	*[[:space:]#,=]*)
		echo "slurm_up: $_se_d: slurm.conf cannot take a path with blanks, '#', ',' or '='" >&2
		return 1 ;;
	esac
	_se_lock || return 1
	SLURM_ENV_DIR=$_se_d
	_se_d=$SLURM_ENV_DIR
	mkdir -p "$_se_d/pid" "$_se_d/log" "$_se_d/state" || { _se_fail "cannot write in $_se_d"; return 1; }
	if [ ${#_se_d} -gt 50 ]; then
		SLURM_ENV_RUN=$(mktemp -d /tmp/slurm_env.XXXXXX) || { _se_fail "mktemp failed"; return 1; }
		SLURM_ENV_RUN_MADE=1
	else
		SLURM_ENV_RUN=$_se_d/run
		mkdir -p "$SLURM_ENV_RUN"
	fi
	# munged wants the socket's directories searchable by all; -f (below)
	# makes that a warning for the parents (mktemp -d makes them 0700)
	chmod 755 "$SLURM_ENV_RUN"
	_se_r=$SLURM_ENV_RUN
	mkdir -p "$_se_r/spool/n1" "$_se_r/spool/n2"

	# ports: controller, n1, n2
	SLURM_ENV_PORTS=""
	_se_k=0
	_se_p=${SLURM_ENV_PORT_BASE:-16817}
	_se_last=$((_se_p + 200))
	while [ "$_se_p" -lt "$_se_last" ] && [ $_se_k -lt 3 ]; do
		if ! _se_port_used "$_se_p"; then
			SLURM_ENV_PORTS="$SLURM_ENV_PORTS $_se_p"
			_se_k=$((_se_k + 1))
		fi
		_se_p=$((_se_p + 1))
	done
	# shellcheck disable=SC2086
	set -- $SLURM_ENV_PORTS
	[ $# -eq 3 ] || { _se_fail "no 3 free ports from ${SLURM_ENV_PORT_BASE:-16817}"; return 1; }
	SLURM_ENV_PORTS="$1 $2 $3"

	# munge: its own key, socket, pid, log and seed, none in /etc or /run
	SLURM_ENV_MUNGE_SOCKET=$_se_r/munge.sock
	rm -f "$_se_d/munge.key"
	if ! (umask 077 && dd if=/dev/urandom of="$_se_d/munge.key" bs=1024 count=1 2>/dev/null &&
	    chmod 400 "$_se_d/munge.key"); then
		_se_fail "cannot make $_se_d/munge.key"
		return 1
	fi

	_se_h=$(hostname -s)
	cat >"$_se_d/slurm.conf" <<EOF
# written by tests/slurm_env.sh
ClusterName=slurmenv
SlurmctldHost=$_se_h(127.0.0.1)
SlurmctldPort=$1
SlurmdPort=$2
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SLURM_ENV_MUNGE_SOCKET
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$_se_d/state
SlurmdSpoolDir=$_se_r/spool/%n
SlurmctldPidFile=$_se_d/log/slurmctld.pid
SlurmdPidFile=$_se_d/log/slurmd.%n.pid
SlurmctldLogFile=$_se_d/log/slurmctld.log
SlurmdLogFile=$_se_d/log/slurmd.%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
MailProg=/bin/true
MinJobAge=5
SchedulerParameters=batch_sched_delay=0
KillWait=2
NodeName=n1 NodeHostname=$_se_h NodeAddr=127.0.0.1 Port=$2 CPUs=1
NodeName=n2 NodeHostname=$_se_h NodeAddr=127.0.0.1 Port=$3 CPUs=1
PartitionName=debug Nodes=n1,n2 Default=YES MaxTime=10 State=UP
EOF
	SLURM_CONF=$_se_d/slurm.conf
	export SLURM_CONF

	_se_start munged munged -F -f --key-file="$_se_d/munge.key" --socket="$SLURM_ENV_MUNGE_SOCKET" \
		--pid-file="$_se_d/log/munged.pid" --log-file="$_se_d/log/munged.log" \
		--seed-file="$_se_d/log/munged.seed"
	_se_t=0
	while [ ! -S "$SLURM_ENV_MUNGE_SOCKET" ]; do
		_se_x=$(_se_died)
		[ -z "$_se_x" ] || { _se_fail "$_se_x"; return 1; }
		[ $_se_t -lt 50 ] || { _se_fail "munged made no socket in 5 s"; return 1; }
		sleep 0.1
		_se_t=$((_se_t + 1))
	done
	_se_start slurmctld slurmctld -D -i -f "$SLURM_CONF"
	_se_start slurmd.n1 slurmd -D -N n1 -f "$SLURM_CONF"
	_se_start slurmd.n2 slurmd -D -N n2 -f "$SLURM_CONF"
	_se_t=0
	while :; do
		_se_x=$(_se_died)
		[ -z "$_se_x" ] || { _se_fail "$_se_x"; return 1; }
		_se_s=$(sinfo -h -N -o '%N %t' 2>/dev/null | sort -u | tr '\n' ' ')
		[ "$_se_s" = "n1 idle n2 idle " ] && break
		[ $_se_t -lt 60 ] || { _se_fail "nodes not idle after 30 s: ${_se_s:-no answer from slurmctld}"; return 1; }
		sleep 0.5
		_se_t=$((_se_t + 1))
	done
	return 0
}

slurm_down() {
	[ -n "${SLURM_ENV_DIR-}" ] || return 0
	# jobs first: a job left running would keep its slurmstepd alive
	_se_c=$SLURM_ENV_DIR/slurm.conf
	if [ -f "$SLURM_ENV_DIR/pid/slurmctld.pid" ] &&
	    _se_ours "$(cat "$SLURM_ENV_DIR/pid/slurmctld.pid")" &&
	    [ -n "$(SLURM_CONF=$_se_c squeue -h -o %i 2>/dev/null)" ]; then
		SLURM_CONF=$_se_c scancel --quiet --user=root 2>/dev/null || :
		_se_t=0
		while [ -n "$(SLURM_CONF=$_se_c squeue -h -o %i 2>/dev/null)" ] && [ $_se_t -lt 10 ]; do
			sleep 0.5
			_se_t=$((_se_t + 1))
		done
	fi
	for _se_phase in TERM KILL; do
		_se_left=""
		for _se_n in slurmd.n1 slurmd.n2 slurmctld munged; do
			_se_f=$SLURM_ENV_DIR/pid/$_se_n.pid
			[ -f "$_se_f" ] || continue
			_se_pid=$(cat "$_se_f")
			if [ -n "$_se_pid" ] && _se_ours "$_se_pid"; then
				kill -s $_se_phase "$_se_pid" 2>/dev/null || :
				_se_left="$_se_left $_se_pid"
			else
				rm -f "$_se_f"
			fi
		done
		[ -n "$_se_left" ] || break
		_se_t=0
		while [ $_se_t -lt 50 ]; do
			_se_still=""
			for _se_pid in $_se_left; do
				! _se_alive "$_se_pid" || _se_still="$_se_still $_se_pid"
			done
			[ -n "$_se_still" ] || break
			sleep 0.1
			_se_t=$((_se_t + 1))
		done
		if [ -n "$_se_still" ] && [ $_se_phase = KILL ]; then
			echo "slurm_down: still running after kill -9:$_se_still" >&2
		fi
	done
	# a slurmstepd still there (scancel could not reach the controller): it
	# has slurmd's environment, SLURM_ENV_TAG; kill it with its job's processes
	for _se_e in /proc/[0-9]*/environ; do
		_se_pid=${_se_e#/proc/}
		_se_pid=${_se_pid%/environ}
		[ "$_se_pid" != "$$" ] || continue
		if { tr '\0' '\n' <"$_se_e"; } 2>/dev/null | grep -qxF "SLURM_ENV_TAG=$SLURM_ENV_DIR"; then
			# shellcheck disable=SC2046
			kill -9 $(ps -eo pid=,ppid= | awk -v r="$_se_pid" '{ p[$1] = $2 }
				END { for (x in p) { y = x; while ((y in p) && y != r) y = p[y]; if (y == r) print x } }') \
				2>/dev/null || :
		fi
	done
	for _se_n in slurmd.n1 slurmd.n2 slurmctld munged; do
		_se_f=$SLURM_ENV_DIR/pid/$_se_n.pid
		[ -f "$_se_f" ] || continue
		_se_pid=$(cat "$_se_f")
		_se_alive "$_se_pid" || rm -f "$_se_f"
	done
	if [ "${SLURM_ENV_RUN_MADE-}" = 1 ]; then
		rm -rf "$SLURM_ENV_RUN"
	fi
	if [ "${SLURM_ENV_LOCKED-}" = 1 ] && [ "$(cat "$SLURM_ENV_LOCK/owner" 2>/dev/null)" = "$$" ]; then
		rm -rf "$SLURM_ENV_LOCK"
	fi
	[ "${SLURM_CONF-}" != "$SLURM_ENV_DIR/slurm.conf" ] || unset SLURM_CONF
	SLURM_ENV_LOCKED="" SLURM_ENV_RUN_MADE="" SLURM_ENV_RUN="" SLURM_ENV_DIR=""
	return 0
}
