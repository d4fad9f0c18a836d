#!/bin/sh
# check-contrib.sh - the cluster recipes that cannot run here are still
# checked: the Slurm job script parses as bash, the Kubernetes Indexed Job
# parses as YAML and is consistent (--shards equals completions, indexed
# completion, the same flags as the Slurm script), and the container file
# names the project's package list and a run stage.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
failed=0
bash -n "$root/contrib/slurm/noticescan.sbatch" || failed=1
for flag in --shard --skip-done -o; do
    grep -q -- " $flag " "$root/contrib/slurm/noticescan.sbatch" || { echo "sbatch: $flag missing"; failed=1; }
done
/usr/bin/python3 - "$root/contrib/k8s/noticescan-job.yaml" <<'PY' || failed=1
import re, sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
spec = doc["spec"]
assert doc["apiVersion"] == "batch/v1" and doc["kind"] == "Job", "not a batch/v1 Job"
assert spec["completionMode"] == "Indexed", "completionMode must be Indexed"
container = spec["template"]["spec"]["containers"][0]
command = " ".join(container["command"] + container["args"])
shards = re.search(r"--shards (\d+)", command)
assert shards and int(shards.group(1)) == spec["completions"], "--shards must equal completions"
for flag in ("--shard auto", "--skip-done", "-o ", "--json"):
    assert flag in command, flag + " missing from the command"
assert spec["template"]["spec"]["restartPolicy"] == "Never"
print("k8s job: ok (%d shards)" % spec["completions"])
PY
containerfile="$root/contrib/k8s/Containerfile"
grep -q 'cat packages.txt' "$containerfile" || { echo "Containerfile: does not install packages.txt"; failed=1; }
[ "$(grep -c '^FROM debian:12' "$containerfile")" -eq 2 ] || { echo "Containerfile: expected a build and a run stage on debian:12"; failed=1; }
[ $failed -eq 0 ] && echo "contrib recipes: ok"
exit $failed
