# --shard N takes its index from the engine's array variable; with none
# set it is a usage error that names them.
env -u SLURM_ARRAY_TASK_ID -u AWS_BATCH_JOB_ARRAY_INDEX -u JOB_COMPLETION_INDEX \
    mapshard --shard 4 /dev/null
