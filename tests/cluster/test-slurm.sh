#!/bin/sh
# test-slurm.sh - the cluster test: a single-node Slurm on this machine reads
# the samples as a 4-task array job (contrib/slurm/noticescan.sbatch), the
# shards are merged and every sample's fields checked; then one task is
# killed mid-run and re-run alone, and the merge must again hold every input
# exactly once.
#
#   tests/cluster/test-slurm.sh [BUILD_DIR]     (make cluster-test)
#
# Needs root, slurm-wlm and munge. Exits 0 with a SKIPPED message when the
# daemons cannot start here (no root, packages missing), 1 on a failure.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin="$build/noticescan"
work=$(mktemp -d /tmp/noticescan-slurm.XXXXXX)
slurm="$work/slurm"

skip() { echo "SKIPPED cluster test: $*"; exit 0; }
fail() { echo "FAILED cluster test: $*"; exit 1; }
cleanup() { sh "$root/tests/cluster/slurm-down.sh" "$slurm"; [ -n "${KEEP:-}" ] || rm -rf "$work"; }

[ "$(id -u)" = 0 ] || skip "not root (the daemons run as root here)"
command -v slurmctld >/dev/null && command -v munged >/dev/null || skip "slurm-wlm or munge not installed"
trap cleanup EXIT
conf=$(sh "$root/tests/cluster/slurm-up.sh" "$slurm") || skip "Slurm did not start: $(tail -n 3 "$slurm"/log/*.log 2>/dev/null)"
export SLURM_CONF="$conf"
export NOTICESCAN="$bin"

# The inputs: the samples (images and their .expected.json, which the walk skips).
inputs="$work/in"
mkdir -p "$inputs"
cp "$root"/samples/*.* "$inputs"/

# Bounded wait for a job: at most $2 seconds.
wait_job() {
    n=0
    while squeue -h -j "$1" 2>/dev/null | grep -q .; do
        n=$((n + 1))
        [ $n -le "$2" ] || { scancel "$1"; fail "job $1 still running after $2 s"; }
        sleep 1
    done
}

echo "== 4-task array over $(ls "$inputs"/*.expected.json | wc -l) samples"
out="$work/out"
start=$(date +%s)
job=$(sbatch --parsable --array=0-3 --cpus-per-task=1 -o "$work/task-%a.log" \
    "$root/contrib/slurm/noticescan.sbatch" "$inputs" "$out")
wait_job "$job" 600
end=$(date +%s)
for k in 0 1 2 3; do
    [ -f "$out/shard-$k.jsonl" ] || fail "shard $k did not finish: $(cat "$work/task-$k.log")"
done
"$bin" merge "$out/all.jsonl" --expect "$inputs" "$out"/shard-*.jsonl || fail "merge refused the shards"
"$build/tests/check_records" "$inputs" "$out/all.jsonl" || fail "fields wrong after the merge"
docs=$(wc -l < "$out/all.jsonl")
echo "array job: $docs documents in $((end - start)) s wall on $(nproc) cores"

echo "== kill one task mid-run, re-run it alone"
# Three copies of the samples, so each task has several documents and is caught mid-run.
inputs2="$work/in2"
for copy in a b c; do mkdir -p "$inputs2/$copy" && cp "$inputs"/* "$inputs2/$copy/"; done
out2="$work/out2"
job=$(sbatch --parsable --array=0-3 --cpus-per-task=1 -o "$work/kill-%a.log" \
    "$root/contrib/slurm/noticescan.sbatch" "$inputs2" "$out2")
# Wait (bounded) until a task has written a whole record but not finished, then kill it hard.
victim=
n=0
while [ -z "$victim" ] && [ $n -lt 600 ]; do
    for k in 0 1 2 3; do
        if [ -s "$out2/shard-$k.jsonl.partial" ] && [ ! -f "$out2/shard-$k.jsonl" ] &&
            scancel --signal=KILL --full "${job}_$k" 2>/dev/null; then
            victim=$k
            break
        fi
    done
    n=$((n + 1)); sleep 0.2
done
[ -n "$victim" ] || fail "no task could be caught mid-run within 120 s"
wait_job "$job" 900
[ ! -f "$out2/shard-$victim.jsonl" ] || fail "the killed task $victim still finished its shard"
before=$(grep -c . "$out2/shard-$victim.jsonl.partial" || true)
echo "task $victim killed with $before whole record(s) written"
job=$(sbatch --parsable --array="$victim" --cpus-per-task=1 -o "$work/rerun-%a.log" \
    "$root/contrib/slurm/noticescan.sbatch" "$inputs2" "$out2" 4)
wait_job "$job" 900
[ -f "$out2/shard-$victim.jsonl" ] || fail "the re-run of task $victim did not finish: $(cat "$work/rerun-$victim.log")"
# The merge itself refuses a record that is missing or appears twice.
"$bin" merge "$out2/all.jsonl" --expect "$inputs2" "$out2"/shard-*.jsonl || fail "merge refused the shards after the re-run"
for copy in a b c; do
    grep "\"$inputs2/$copy/" "$out2/all.jsonl" > "$work/copy-$copy.jsonl"
    "$build/tests/check_records" "$inputs" "$work/copy-$copy.jsonl" || fail "fields wrong in copy $copy after kill and re-run"
done
echo "cluster test passed"
