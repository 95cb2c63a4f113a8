#!/bin/sh
# submit.sh WORK: the steps of a sharded night's plan (WORK/plan.sh, which
# mapnightly writes while it holds the state directory's lock) as AWS Batch
# jobs, chained as mapnightly --engine slurm chains its sbatch jobs:
#
#   scan      array job of N children            (when the plan has periods
#                                                  to scan)
#   shard I   array job of N children, each after its scan child (N_TO_N)
#             for I = 1, after the final job of I-1 for the next ones
#   final I   one job after the whole shard I array
#
# then waits for the last job: exit 0 when it succeeded, 1 when a step
# failed (a job whose dependency failed fails too, never waits), 4 when
# a job cannot be submitted or described. Each child finds its shard in
# AWS_BATCH_JOB_ARRAY_INDEX, which AWS Batch sets in every child of an
# array job; the job definition is job-definition.json. An untested
# example: see ../README.
#
# MAP_BATCH_QUEUE (default map-nightly) and MAP_BATCH_JOB_DEFINITION
# (default mapnightly-step) name the job queue and the job definition.
set -u
work=${1:?usage: submit.sh WORK}
queue=${MAP_BATCH_QUEUE:-map-nightly}
jobdef=${MAP_BATCH_JOB_DEFINITION:-mapnightly-step}
[ -f "$work/plan.sh" ] || { echo "submit.sh: $work/plan.sh: no plan" >&2; exit 4; }
. "$work/plan.sh"
if [ "$nshards" -lt 2 ]; then
	echo "submit.sh: an AWS Batch array job has 2 to 10000 children: run mapnightly --shards 2 or more" >&2
	exit 2
fi

# submit NAME STEPARGS [submit-job option]...: the job id on stdout
submit() {
	_n=$1 _a=$2
	shift 2
	aws batch submit-job --job-name "mapnightly-$_n" --job-queue "$queue" \
	    --job-definition "$jobdef" \
	    --parameters "{\"stepargs\":\"$_a\",\"work\":\"$work\"}" \
	    --query jobId --output text "$@" ||
		{ echo "submit.sh: cannot submit the $_n step" >&2; exit 4; }
}

last=
dep=
if [ -n "$scan_periods" ]; then
	last=$(submit scan scan --array-properties size="$nshards") || exit 4
	dep="jobId=$last,type=N_TO_N"
fi
i=1
while eval "[ -n \"\${d_asof_$i+set}\" ]"; do
	set -- --array-properties size="$nshards"
	[ -z "$dep" ] || set -- "$@" --depends-on "$dep"
	j=$(submit "shard$i" "shard $i" "$@") || exit 4
	last=$(submit "final$i" "final $i" --depends-on "jobId=$j") || exit 4
	dep="jobId=$last"
	i=$((i + 1))
done
[ -n "$last" ] || exit 0

while :; do
	s=$(aws batch describe-jobs --jobs "$last" --query 'jobs[0].status' --output text) ||
		{ echo "submit.sh: cannot describe job $last" >&2; exit 4; }
	case $s in
	SUCCEEDED) exit 0 ;;
	FAILED) echo "submit.sh: job $last failed (WORK/status/ names the step)" >&2; exit 1 ;;
	esac
	sleep 30
done
