# The shards of a task list: --shards N writes them all, --shard K/N one,
# --shard N the one the engine's index names (SLURM_ARRAY_TASK_ID, else
# AWS_BATCH_JOB_ARRAY_INDEX, else JOB_COMPLETION_INDEX); Bedrock entities
# go by their account, so both rows of account 480512736644 meet; a
# merge gives the file back.
printf 'as_of\ttask_id\ttype\tstatus\tentity\tentity_kind\taccount\topened\n' > "$TMP/t"
printf '2026-04-30\t%s\tTAG_RESOURCE\topen\t%s\t%s\t%s\t2026-04-%s\n' \
    a2 arn:aws:bedrock:us-east-1:480512736644:application-inference-profile/p1 profile 480512736644 01 \
    a1 i-0001 resource 111111111111 01 \
    a3 ai-direct:480512736644:us-west-2:Llama4 ai-direct 480512736644 02 \
    a4 i-0002 resource 111111111111 02 \
    a5 i-0003 resource 222222222222 03 >> "$TMP/t"
mkdir "$TMP/s"
mapshard --shards 3 -o "$TMP/s" "$TMP/t"
for k in 0 1 2; do echo "shard $k: $(cut -f 2 "$TMP/s/$k.tsv" | tail -n +2 | tr '\n' ' ')"; done
mapshard --shard 1/3 "$TMP/t" | cmp - "$TMP/s/1.tsv" && echo "--shard 1/3: shard 1"
SLURM_ARRAY_TASK_ID=2 mapshard --shard 3 "$TMP/t" | cmp - "$TMP/s/2.tsv" && echo "SLURM_ARRAY_TASK_ID=2: shard 2"
env -u SLURM_ARRAY_TASK_ID AWS_BATCH_JOB_ARRAY_INDEX=0 mapshard --shard 3 "$TMP/t" | cmp - "$TMP/s/0.tsv" && echo "AWS_BATCH_JOB_ARRAY_INDEX=0: shard 0"
env -u SLURM_ARRAY_TASK_ID -u AWS_BATCH_JOB_ARRAY_INDEX JOB_COMPLETION_INDEX=1 mapshard --shard 3 "$TMP/t" | cmp - "$TMP/s/1.tsv" && echo "JOB_COMPLETION_INDEX=1: shard 1"
mapshard --merge "$TMP/s/0.tsv" "$TMP/s/1.tsv" "$TMP/s/2.tsv" | cmp - "$TMP/t" && echo "merged: the task list"
echo "--- lines of no billing entity (credits, tax): shard 0, where mapcredit reads them"
mkdir "$TMP/c"
mapshard --shards 3 -o "$TMP/c" testdata/credit/lines.tsv
for k in 0 1 2; do echo "shard $k: $(cut -f 8 "$TMP/c/$k.tsv" | tail -n +2 | sort | uniq -c | tr -s ' \n' ' ')"; done
echo "--- one caller billed to two accounts: one entity, one shard (its own ARN's account)"
printf 'as_of\tentity\tentity_kind\taccount\tstate\n' > "$TMP/x"
for a in 111111111111 222222222222 333333333333 444444444444; do
	printf '2026-04-30\tarn:aws:sts::111111111111:assumed-role/app/x\tai-direct\t%s\tTAGGED\n' "$a" >> "$TMP/x"
done
mkdir "$TMP/x4"
mapshard --shards 4 -o "$TMP/x4" "$TMP/x"
for k in 0 1 2 3; do echo "shard $k: $(($(wc -l < "$TMP/x4/$k.tsv") - 1)) rows"; done
