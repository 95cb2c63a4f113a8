# An array index out of range (an array of 10 tasks for 4 shards) is a
# usage error naming the variable and its value.
env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX AWS_BATCH_JOB_ARRAY_INDEX=9 \
    mapshard --shard 4 /dev/null
