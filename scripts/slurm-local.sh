#!/usr/bin/env bash
# slurm-local.sh: a private Slurm cluster of one node on this machine, for the Slurm test
# (test-e2e/slurm.e2e.ts) and for trying `stp-wasm slurm sweep` without a cluster.
#
#   scripts/slurm-local.sh install          install Debian's slurmctld slurmd slurm-client munge if missing
#   eval "$(scripts/slurm-local.sh start)"  start munged, slurmctld, slurmd; prints `export SLURM_CONF=...`
#   scripts/slurm-local.sh status           the daemons' PIDs and the node's state (exit 0 when usable)
#   scripts/slurm-local.sh stop             cancel this cluster's jobs, stop the daemons it started, remove its folder
#
# Root only (slurmd runs jobs as their users; munged runs as the user munge). No systemd: each daemon
# is started here and its PID written to $DIR/pids with the process's start time (from /proc), and
# `stop` signals exactly those processes (a PID that now belongs to another process is left alone).
# Everything lives in one folder ($DIR): slurm.conf, the munge key and socket, the daemons' state,
# spool, PID files and logs; nothing is written elsewhere except by `install` (apt-get).
#
# Environment:
#   STP_SLURM_DIR         the cluster's folder, absolute (default /tmp/stp-slurm)
#   STP_SLURM_CTLD_PORT   slurmctld's TCP port (default 6817)
#   STP_SLURM_SLURMD_PORT slurmd's TCP port (default 6818)
#   STP_SLURM_WAIT        seconds to wait for the node to be idle (default 60)
#
# Only the export line goes to stdout; everything else to stderr.
set -Eeuo pipefail
umask 022

me=${0##*/}
DIR=${STP_SLURM_DIR:-/tmp/stp-slurm}
DIR=${DIR%/}
CTLD_PORT=${STP_SLURM_CTLD_PORT:-6817}
SLURMD_PORT=${STP_SLURM_SLURMD_PORT:-6818}
WAIT=${STP_SLURM_WAIT:-60}
NODE=$(hostname -s)
PACKAGES=(slurmctld slurmd slurm-client munge)
CONF=$DIR/etc/slurm.conf
PIDS=$DIR/pids
OURS=$DIR/.stp-slurm-local   # present in every folder this script made; nothing else is ever removed

say() { echo "$me: $*" >&2; }
fail() { say "error: $*"; exit 1; }

need_root() { [[ $EUID -eq 0 ]] || fail "run as root (slurmd and munged need it)"; }

check_dir() {
  [[ $DIR == /?* && $DIR != *[[:space:]]* ]] || fail "STP_SLURM_DIR must be an absolute path without spaces (is '$DIR')"
  case $DIR in /tmp|/var|/var/tmp|/run|/root|/home|/etc|/usr|/opt|/srv) fail "STP_SLURM_DIR=$DIR is a system folder; give a folder of its own";; esac
  [[ $CTLD_PORT =~ ^[0-9]+$ && $SLURMD_PORT =~ ^[0-9]+$ ]] || fail "ports must be numbers (STP_SLURM_CTLD_PORT=$CTLD_PORT, STP_SLURM_SLURMD_PORT=$SLURMD_PORT)"
}

# One start or stop at a time per folder. The lock's descriptor is closed for the daemons.
lock() {
  exec 8>"$DIR.lock"
  flock -w 60 8 || fail "another $me holds $DIR.lock"
}

# The start time of process $1 in clock ticks since boot (field 22 of /proc/PID/stat; the command
# name, field 2, may hold spaces, so count from the ") " that ends it).
started() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  read -r -a f <<<"$stat"
  echo "${f[19]}"
}

# Is the process recorded as "$1 $2 $3" (name pid start) still that process, and running (an
# exited daemon waits as a zombie, state Z, until its parent collects it: that counts as gone)?
alive() {
  local stat f
  [[ $2 =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$2/stat" 2>/dev/null) || return 1
  [[ $(cat "/proc/$2/comm" 2>/dev/null) == "$1" ]] || return 1
  stat=${stat##*) }
  read -r -a f <<<"$stat"
  [[ ${f[0]} != Z && ${f[19]} == "$3" ]]
}

# Wait up to $3 s for the PID file $2 of daemon $1 to name a live process, then record it.
record() {
  local name=$1 file=$2 pid="" i
  for ((i = 0; i < $3 * 10; i++)); do
    [[ -s $file ]] && pid=$(tr -dc 0-9 <"$file") && [[ -n $pid && -d /proc/$pid ]] && break
    pid=""
    sleep 0.1
  done
  [[ -n $pid ]] || fail "$name wrote no PID file $file, or died"
  echo "$name $pid $(started "$pid")" >>"$PIDS"
  say "$name started, PID $pid"
}

all_alive() {
  [[ -s $PIDS ]] || return 1
  local n=0 name pid start
  while read -r name pid start; do
    alive "$name" "$pid" "$start" || return 1
    n=$((n + 1))
  done <"$PIDS"
  [[ $n -eq 3 ]]
}

node_state() { SLURM_CONF=$CONF timeout 10 sinfo -h -N -n "$NODE" -o %T 2>/dev/null | head -n 1; }

installed() {
  local p
  for p in "${PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || return 1
  done
}

cmd_install() {
  need_root
  installed && { say "installed already: ${PACKAGES[*]}"; return 0; }
  say "installing ${PACKAGES[*]} (apt-get)"
  local t0=$SECONDS rc=0 guard=/usr/sbin/policy-rc.d added=0
  # the packages' scripts would start the system's munge and slurm services: we run our own
  if [[ ! -e $guard ]]; then printf '#!/bin/sh\nexit 101\n' >"$guard"; chmod 755 "$guard"; added=1; fi
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"; } >&2 || rc=$?
  [[ $added -eq 1 ]] && rm -f "$guard"
  [[ $rc -eq 0 ]] || fail "apt-get failed (exit code $rc)"
  say "installed in $((SECONDS - t0)) s"
}

write_conf() {
  local mem
  # RealMemory above what slurmd measures drains the node: take slurmd's own figure
  mem=$(slurmd -C 2>/dev/null | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -n 1)
  [[ $mem =~ ^[0-9]+$ ]] || mem=1000
  cat >"$CONF" <<EOF
# slurm.conf of a one-node cluster, written by $me
ClusterName=stplocal
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/ctld
SlurmdSpoolDir=$DIR/slurmd
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
# finished jobs stay listed (squeue -t all) for 5 minutes
MinJobAge=300
# schedule at once on every event (the default waits up to 3 s to batch them)
SchedulerParameters=batch_sched_delay=0
NodeName=$NODE NodeHostname=$NODE NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
}

port_taken() {   # is something listening on TCP port $1?
  local hex
  hex=$(printf ':%04X' "$1")
  awk -v p="$hex" 'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# Signal the recorded daemons (slurmd, slurmctld, munged: in that order), then wait for them to end;
# SIGKILL what is left after 15 s. Only processes that are still the recorded ones are touched.
stop_daemons() {
  [[ -s $PIDS ]] || return 0
  local want name pid start i sent=()
  for want in slurmd slurmctld munged; do
    while read -r name pid start; do
      [[ $name == "$want" ]] && alive "$name" "$pid" "$start" || continue
      say "stopping $name (PID $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      sent+=("$name $pid $start")
      for ((i = 0; i < 50; i++)); do alive "$name" "$pid" "$start" || break; sleep 0.1; done
    done <"$PIDS"
  done
  for ((i = 0; i < 150; i++)); do
    local left=0 s
    for s in "${sent[@]}"; do alive $s && left=1; done
    [[ $left -eq 0 ]] && break
    sleep 0.1
  done
  for s in "${sent[@]}"; do
    if alive $s; then set -- $s; say "$1 (PID $2) ignored SIGTERM: SIGKILL"; kill -KILL "$2" 2>/dev/null || true; fi
  done
  : >"$PIDS"
}

# Cancel every job of this cluster, so that no job step outlives it.
cancel_jobs() {
  [[ -s $CONF ]] || return 0
  local jobs i
  jobs=$(SLURM_CONF=$CONF timeout 10 squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ') || true
  [[ -n ${jobs// /} ]] || return 0
  say "cancelling jobs $jobs"
  SLURM_CONF=$CONF timeout 10 scancel $jobs 2>/dev/null || true
  for ((i = 0; i < 75; i++)); do
    [[ -z $(SLURM_CONF=$CONF timeout 10 squeue -h -o %A 2>/dev/null) ]] && return 0
    sleep 0.2
  done
  say "warning: jobs still listed after scancel"
}

remove_dir() {
  [[ -d $DIR ]] || return 0
  [[ -e $OURS ]] || fail "$DIR was not made by $me; not removing it"
  rm -rf -- "$DIR"
}

show_logs() {
  local f
  for f in "$DIR"/log/* "$DIR"/munge/munged.log; do
    [[ -s $f ]] && { echo "--- last lines of $f" >&2; tail -n 20 "$f" >&2; }
  done
}

on_start_error() {
  local rc=$?
  trap - EXIT
  [[ $rc -eq 0 ]] && return 0
  say "start failed (exit code $rc)"
  show_logs
  stop_daemons || true
  say "the daemons are stopped; $DIR is kept for a look (the next start or stop removes it)"
  exit "$rc"
}

cmd_start() {
  need_root
  check_dir
  lock
  if all_alive; then
    local st; st=$(node_state || true)
    if [[ $st == idle* || $st == mixed* || $st == allocated* ]]; then
      say "running already (node $NODE $st)"
      echo "export SLURM_CONF=$CONF"
      return 0
    fi
  fi
  if [[ -d $DIR ]]; then   # left over from an earlier start
    [[ -e $OURS ]] || fail "$DIR exists and was not made by $me; set STP_SLURM_DIR to another folder"
    cancel_jobs || true
    stop_daemons
    remove_dir
  fi
  cmd_install
  local p
  for p in munged munge unmunge slurmctld slurmd sinfo sbatch squeue scancel; do command -v "$p" >/dev/null || fail "$p not found"; done
  for p in "$CTLD_PORT" "$SLURMD_PORT"; do
    port_taken "$p" && fail "TCP port $p is in use (another Slurm?); set STP_SLURM_CTLD_PORT and STP_SLURM_SLURMD_PORT"
  done

  trap on_start_error EXIT
  mkdir -p "$DIR"/{etc,run,log,ctld,slurmd}
  chmod 755 "$DIR"
  touch "$OURS"
  : >"$PIDS"
  # the key: 1024 random bytes, the user munge's alone; the socket's folder: open to every user
  install -d -o munge -g munge -m 700 "$DIR/munge-key"
  (umask 277; head -c 1024 /dev/urandom >"$DIR/munge-key/munge.key")
  chown munge:munge "$DIR/munge-key/munge.key"
  install -d -o munge -g munge -m 755 "$DIR/munge"
  runuser -u munge -- test -x "$DIR/munge" || fail "the user munge cannot reach $DIR/munge: every folder above $DIR must be searchable by others (chmod o+x)"
  write_conf

  runuser -u munge -- "$(command -v munged)" --socket="$DIR/munge/munge.socket" --key-file="$DIR/munge-key/munge.key" \
    --pid-file="$DIR/munge/munged.pid" --seed-file="$DIR/munge/munged.seed" --log-file="$DIR/munge/munged.log" \
    </dev/null >>"$DIR/log/munged.out" 2>&1 8>&-
  record munged "$DIR/munge/munged.pid" 10
  munge -S "$DIR/munge/munge.socket" -n </dev/null | unmunge -S "$DIR/munge/munge.socket" >/dev/null || fail "munge cannot decode its own credential"

  slurmctld -f "$CONF" </dev/null >>"$DIR/log/slurmctld.out" 2>&1 8>&-
  record slurmctld "$DIR/run/slurmctld.pid" 20
  slurmd -f "$CONF" -N "$NODE" </dev/null >>"$DIR/log/slurmd.out" 2>&1 8>&-
  record slurmd "$DIR/run/slurmd.pid" 20

  local deadline=$((SECONDS + WAIT)) st="" resumed=0
  until [[ $st == idle ]]; do
    all_alive || fail "a daemon died while starting"
    (( SECONDS < deadline )) || fail "node $NODE is not idle after $WAIT s (state '${st:-no answer}')"
    sleep 0.3
    st=$(node_state || true)
    if [[ $st == *drain* || $st == down* ]] && [[ $resumed -eq 0 ]]; then
      SLURM_CONF=$CONF scontrol update nodename="$NODE" state=resume >&2 || true
      resumed=1
    fi
  done
  trap - EXIT
  say "up: node $NODE idle with $(nproc) CPUs, slurmctld on port $CTLD_PORT"
  echo "export SLURM_CONF=$CONF"
}

cmd_stop() {
  need_root
  check_dir
  lock
  if [[ ! -d $DIR ]]; then say "nothing to stop: no $DIR"; rm -f "$DIR.lock"; return 0; fi
  [[ -e $OURS ]] || fail "$DIR was not made by $me; not touching it"
  all_alive && cancel_jobs || true
  stop_daemons
  remove_dir
  rm -f "$DIR.lock"
  say "stopped; $DIR removed"
}

cmd_status() {
  check_dir
  all_alive || { echo "not running"; return 1; }
  local st; st=$(node_state || true)
  cat "$PIDS"
  echo "node $NODE: ${st:-no answer}"
  echo "export SLURM_CONF=$CONF"
  [[ $st == idle* || $st == mixed* || $st == allocated* ]]
}

case ${1:-} in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $me install|start|status|stop" >&2; exit 2 ;;
esac
