#!/bin/sh
# slurm-up.sh DIR - start a single-node Slurm (munged, slurmctld, slurmd) on this
# machine, with every file (key, sockets, state, logs, pids) inside DIR.
# Prints the slurm.conf path; run clients with SLURM_CONF set to it.
# Stop it with slurm-down.sh DIR. Needs root and Debian's slurm-wlm and munge.
set -eu
dir=$(mkdir -p "$1" && cd "$1" && pwd)
mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 700 "$dir/munge"

# munge: a key of our own and a socket inside DIR, so a system munged is untouched.
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$dir/munge/munge.key"
munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
    --seed-file="$dir/munge/munged.seed" --force

host=$(hostname -s)
cpus=$(nproc)
# Ports away from Slurm's defaults (6817/6818) so a system Slurm is untouched.
ctld_port=${SLURM_TEST_CTLD_PORT:-16817}
d_port=${SLURM_TEST_D_PORT:-16818}
cat > "$dir/slurm.conf" <<CONF
ClusterName=noticescan-test
SlurmctldHost=$host
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
MaxArraySize=1001
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -f "$dir/slurm.conf"
slurmd -f "$dir/slurm.conf"

# Wait (bounded) for the node to come up idle.
tries=0
until SLURM_CONF="$dir/slurm.conf" sinfo -h -o '%t' 2>/dev/null | grep -q '^idle'; do
    tries=$((tries + 1))
    if [ $tries -gt 30 ]; then
        echo "slurm-up: the node did not become idle in 30 s; see $dir/log" >&2
        exit 1
    fi
    sleep 1
done
echo "$dir/slurm.conf"
