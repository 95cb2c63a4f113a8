#!/bin/sh
# run-steps.sh WORK: the steps of a sharded night's plan (WORK/plan.sh,
# which mapnightly writes while it holds the state directory's lock) as
# Kubernetes Indexed Jobs from step-job.yaml, one Job per stage, each
# waited for before the next starts (Kubernetes has no dependencies
# between Jobs, so a shard cannot start as soon as its own scan ends, as
# with Slurm's aftercorr):
#
#   mapnightly-scan       N pods          (when the plan has periods to scan)
#   mapnightly-shard-I    N pods, for each derivation I
#   mapnightly-final-I    1 pod
#
# Exit 0 when every Job completed, 1 when one failed (WORK/status/ names
# the step), 4 when kubectl fails. MAP_K8S_PARALLELISM caps the pods of a
# stage that run at once (default: N); kubectl's own context and
# namespace apply. An untested example: see ../README.
set -u
work=${1:?usage: run-steps.sh WORK}
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$work/plan.sh" ] || { echo "run-steps.sh: $work/plan.sh: no plan" >&2; exit 4; }
. "$work/plan.sh"
par=${MAP_K8S_PARALLELISM:-$nshards}

# stage NAME STEPARGS COMPLETIONS: run one Job and wait for it
stage() {
	kubectl delete job "$1" --ignore-not-found >/dev/null || exit 4
	_p=$par
	[ "$3" -lt "$_p" ] && _p=$3
	sed -e "s|@NAME@|$1|g" -e "s|@STEP@|$2|g" -e "s|@WORK@|$work|g" \
	    -e "s|@COMPLETIONS@|$3|g" -e "s|@PARALLELISM@|$_p|g" \
	    "$here/step-job.yaml" | kubectl apply -f - >/dev/null || exit 4
	while :; do
		_c=$(kubectl get job "$1" -o \
		    jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}') ||
			exit 4
		case " $_c" in
		*" Complete "*) return 0 ;;
		*" Failed "*) echo "run-steps.sh: job $1 failed (WORK/status/ names the step)" >&2; exit 1 ;;
		esac
		sleep 10
	done
}

[ -z "$scan_periods" ] || stage mapnightly-scan scan "$nshards"
i=1
while eval "[ -n \"\${d_asof_$i+set}\" ]"; do
	stage "mapnightly-shard-$i" "shard $i" "$nshards"
	stage "mapnightly-final-$i" "final $i" 1
	i=$((i + 1))
done
exit 0
