#!/usr/bin/env bash
# slurm_test.sh: deploy/slurm on a real one-node Slurm started here, against one newskg run.
#
#   tests/slurm/slurm_test.sh NEWSKG SOURCE_DIR
#
# 1. Writes a JSON Lines corpus of 52 documents made from SOURCE_DIR/samples/*.txt (each
#    article whole, its first half, its second half and its paragraphs reversed; distinct ids;
#    always the same bytes) and runs `NEWSKG extract corpus.jsonl -f nquads` once over it.
# 2. Starts MUNGE and a one-node Slurm cluster of its own, all under a temporary directory:
#    munged with its key, socket, pid, seed and log files there; slurmctld and slurmd with a
#    slurm.conf there (ports on loopback chosen now, ProctrackType=proctrack/linuxproc,
#    TaskPlugin=task/none, no accounting, SlurmUser = the current user). The system's munge
#    and Slurm (socket, /etc/slurm, ports 6817/6818), if any, are not used.
# 3. Waits for the node to be idle, runs deploy/slurm/submit.sh with 3 shards, waits for the
#    array and the merge job, and checks: every job COMPLETED; the merged file equals the single
#    run as a set of lines (`LC_ALL=C sort -u`); every document is in exactly one part.
# 4. Always (trap EXIT) cancels its jobs, stops the daemons it started, by pid, and removes the
#    temporary directory (NEWSKG_SLURM_KEEP=1 keeps it).
# Missing Slurm or MUNGE, or daemons that do not start, make the test FAIL (exit 1, saying what
# to install, with the daemons' logs): it never skips.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 NEWSKG SOURCE_DIR" >&2
  exit 2
fi
newskg=$(realpath -- "$1")
src=$(realpath -- "$2")
shards=3

say() { echo "slurm_test: $*"; }
fail() {
  echo "slurm_test: FAIL: $*" >&2
  exit 1
}

# munged, slurmctld and slurmd are in /usr/sbin, which a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

# --- what it needs --------------------------------------------------------------------------
missing=()
for tool in munged munge unmunge slurmctld slurmd sbatch sinfo squeue scontrol scancel; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  fail "not installed: ${missing[*]}. Install Debian's Slurm and MUNGE: apt-get install -y slurm-wlm munge python3 (this test does not skip)"
fi
[ -x "$newskg" ] || fail "newskg binary $newskg is not executable"
[ -f "$src/deploy/slurm/submit.sh" ] || fail "$src/deploy/slurm/submit.sh is missing"

# munged wants its socket directory and every parent searchable by all: /tmp, not a private TMPDIR.
tmp_root=${TMPDIR:-/tmp}
if ! python3 - "$tmp_root" <<'EOF'; then tmp_root=/tmp; fi
import os, stat, sys
p = os.path.realpath(sys.argv[1])
while True:
    if not os.stat(p).st_mode & stat.S_IXOTH:
        sys.exit(1)
    if p == "/":
        break
    p = os.path.dirname(p)
EOF
T=$(mktemp -d "$tmp_root/newskg-slurm.XXXXXX")
chmod 755 "$T"
user=$(id -un)

munged_pid='' slurmctld_pid='' slurmd_pid=''
job_ids=()

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
# stop PID NAME: SIGTERM, up to 15 s, then SIGKILL.
stop() {
  local pid=$1 name=$2 i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    echo "slurm_test: $name (pid $pid) ignored SIGTERM; SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
# Processes started for this cluster (slurmstepd, job steps) carry SLURM_CONF=$T/slurm.conf.
cluster_pids() {
  local d pid
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    if [ "$pid" = $$ ] || [ "$pid" = "$BASHPID" ]; then continue; fi
    { tr '\0' '\n' <"$d/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$T/slurm.conf" && echo "$pid"
  done
  return 0
}
show_logs() {
  local f
  for f in "$T"/log/*.log "$T"/munge/munged.log "$T"/out/logs/*.log; do
    [ -f "$f" ] || continue
    echo "----- ${f#"$T"/} (last 40 lines)" >&2
    tail -n 40 "$f" >&2
  done
}
cleanup() {
  local rc=$? i pid
  set +e
  if [ $rc -ne 0 ]; then show_logs; fi
  if alive "$slurmctld_pid" && [ ${#job_ids[@]} -gt 0 ]; then
    scancel "${job_ids[@]}" 2>/dev/null
    for ((i = 0; i < 100; i++)); do
      [ -z "$(squeue -h -j "$(IFS=,; echo "${job_ids[*]}")" 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  stop "$slurmd_pid" slurmd
  stop "$slurmctld_pid" slurmctld
  for pid in $(cluster_pids); do
    echo "slurm_test: stopping leftover process $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" >&2
    stop "$pid" "process $pid"
  done
  stop "$munged_pid" munged
  if [ "${NEWSKG_SLURM_KEEP:-0}" = 1 ]; then
    echo "slurm_test: kept $T" >&2
  else
    rm -rf "$T"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- 1. the corpus and the single run -------------------------------------------------------
mkdir -p "$T/corpus" "$T/single" "$T/work" "$T/log"
python3 - "$src/samples" "$T/corpus/corpus.jsonl" <<'EOF'
import glob, json, os, sys
samples, out = sys.argv[1], sys.argv[2]
docs = []
for path in sorted(glob.glob(os.path.join(samples, "*.txt"))):
    name = os.path.basename(path)[:-4]
    text = open(path, encoding="utf-8").read().strip()
    gold = os.path.join(samples, name + ".json")
    published = json.load(open(gold, encoding="utf-8")).get("published", "2024-10-22") if os.path.exists(gold) else "2024-10-22"
    paragraphs = [p for p in text.split("\n") if p.strip()]
    half = max(1, len(paragraphs) // 2)
    variants = {
        "whole": text,
        "first-half": "\n\n".join(paragraphs[:half]),
        "second-half": "\n\n".join(paragraphs[half:]) or paragraphs[0],
        "reversed": "\n\n".join(reversed(paragraphs)),
    }
    for kind, body in variants.items():
        doc_id = f"{name}-{kind}"
        docs.append({"id": doc_id, "text": body, "published": published,
                     "url": f"https://example.org/news/{doc_id}", "title": f"{name} ({kind})",
                     "source": "newskg samples"})
with open(out, "w", encoding="utf-8") as f:
    for d in docs:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
corpus=$T/corpus/corpus.jsonl
n_docs=$(wc -l <"$corpus")
say "corpus: $n_docs documents in $corpus"
t0=$SECONDS
"$newskg" extract "$corpus" -f nquads -o "$T/single/single.nq" 2>"$T/single/stderr.txt" ||
  fail "the single run failed ($?): $(cat "$T/single/stderr.txt")"
say "single run: $(wc -l <"$T/single/single.nq") quads in $((SECONDS - t0)) s"

# --- 2. MUNGE -------------------------------------------------------------------------------
mkdir -m 755 "$T/munge"
head -c 1024 /dev/urandom >"$T/munge/munge.key"
chmod 400 "$T/munge/munge.key"
socket=$T/munge/munge.socket
munged -F --key-file="$T/munge/munge.key" --socket="$socket" --pid-file="$T/munge/munged.pid" \
  --log-file="$T/munge/munged.log" --seed-file="$T/munge/munged.seed" \
  >"$T/munge/munged.out" 2>&1 &
munged_pid=$!
for ((i = 0; i < 100; i++)); do
  [ -S "$socket" ] && break
  alive "$munged_pid" || break
  sleep 0.1
done
if ! munge -S "$socket" -n 2>/dev/null | unmunge -S "$socket" >/dev/null 2>&1; then
  cat "$T/munge/munged.out" >&2
  fail "munged did not start (its log follows); apt-get install -y munge"
fi
say "munged: pid $munged_pid, socket $socket"

# --- 3. slurmctld and slurmd ----------------------------------------------------------------
free_ports() {
  python3 - <<'EOF'
import socket
socks = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
for s in socks:
    s.close()
EOF
}
write_conf() {
  cat >"$T/slurm.conf" <<EOF
# A one-node cluster for tests/slurm/slurm_test.sh; everything under $T.
ClusterName=newskgtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$1
SlurmdPort=$2
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
}
export SLURM_CONF=$T/slurm.conf
node_state() { sinfo -h -N -n localhost -o %T 2>/dev/null | head -n 1; }

started=0
for attempt in 1 2 3; do
  rm -rf "$T/state" "$T/spool"
  mkdir -p "$T/state" "$T/spool"
  read -r ctld_port slurmd_port < <(free_ports)
  write_conf "$ctld_port" "$slurmd_port"
  slurmctld -D -f "$SLURM_CONF" >"$T/log/slurmctld.out" 2>&1 &
  slurmctld_pid=$!
  slurmd -D -N localhost -f "$SLURM_CONF" >"$T/log/slurmd.out" 2>&1 &
  slurmd_pid=$!
  state=
  for ((i = 0; i < 600; i++)); do # 60 s
    if ! alive "$slurmctld_pid" || ! alive "$slurmd_pid"; then break; fi
    state=$(node_state)
    [ "$state" = idle ] && break
    sleep 0.1
  done
  if [ "$state" = idle ]; then
    started=1
    break
  fi
  echo "slurm_test: attempt $attempt: the node is '${state:-unknown}', not idle (ports $ctld_port, $slurmd_port)" >&2
  for f in slurmctld slurmd; do
    echo "----- $f output (last 20 lines)" >&2
    tail -n 20 "$T/log/$f.out" >&2
  done
  stop "$slurmd_pid" slurmd
  stop "$slurmctld_pid" slurmctld
  slurmd_pid='' slurmctld_pid=''
done
[ $started = 1 ] || fail "Slurm did not start (slurmctld and slurmd logs above and below); apt-get install -y slurm-wlm munge"
say "slurm: slurmctld pid $slurmctld_pid on 127.0.0.1:$ctld_port, slurmd pid $slurmd_pid on :$slurmd_port, node localhost idle ($(nproc) CPUs)"

# --- 4. the array and the merge -------------------------------------------------------------
out=$T/out
cd "$T/work"
t0=$SECONDS
bash "$src/deploy/slurm/submit.sh" --shards "$shards" --out-dir "$out" --newskg "$newskg" --cpus-per-task 1 \
  "$corpus" >"$T/submit.out" 2>"$T/submit.err" || fail "submit.sh failed: $(cat "$T/submit.err" "$T/submit.out")"
cat "$T/submit.err"
array_job=$(sed -n 's/^array_job_id=//p' "$T/submit.out")
merge_job=$(sed -n 's/^merge_job_id=//p' "$T/submit.out")
{ [ -n "$array_job" ] && [ -n "$merge_job" ]; } || fail "submit.sh printed no job ids: $(cat "$T/submit.out")"
job_ids=("$array_job" "$merge_job")

states() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2; }
deadline=$((SECONDS + 420))
while :; do
  now=$(states "$array_job"; states "$merge_job")
  all=$(sort <<<"$now" | uniq -c | tr -s ' ' | tr '\n' ',')
  if ! grep -qvE '^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE|PREEMPTED)$' <<<"$now"; then
    break
  fi
  [ $SECONDS -lt $deadline ] || fail "the jobs did not finish within 420 s: $all $(scontrol -o show job "$array_job")"
  sleep 1
done
say "jobs done in $((SECONDS - t0)) s:$all"
bad=$(for id in "$array_job" "$merge_job"; do scontrol -o show job "$id"; done | grep -v 'JobState=COMPLETED' || true)
[ -z "$bad" ] || fail "not every job COMPLETED: $bad"
n_tasks=$(scontrol -o show job "$array_job" | grep -c 'JobState=COMPLETED')
[ "$n_tasks" = "$shards" ] || fail "expected $shards completed array tasks, found $n_tasks"

# --- 5. the checks --------------------------------------------------------------------------
merged=$out/newskg.nq
[ -f "$merged" ] || fail "no merged output $merged"
LC_ALL=C sort -u "$T/single/single.nq" >"$T/single.sorted"
if ! cmp -s "$T/single.sorted" "$merged"; then
  diff "$T/single.sorted" "$merged" | head -n 20 >&2
  fail "the merged output ($(wc -l <"$merged") lines) differs from the single run ($(wc -l <"$T/single.sorted") distinct lines)"
fi
say "merged output = single run: $(wc -l <"$merged") distinct quads"

docs_of() { awk '{ print $(NF-1) }' "$1" | grep -F '/doc/' | LC_ALL=C sort -u; }
docs_of "$T/single.sorted" >"$T/docs.single"
[ "$(wc -l <"$T/docs.single")" = "$n_docs" ] ||
  fail "the single run has $(wc -l <"$T/docs.single") document graphs, the corpus $n_docs documents"
: >"$T/docs.parts"
for ((k = 0; k < shards; k++)); do
  part=$out/part-$k-of-$shards.nq
  [ -f "$part" ] || fail "missing $part"
  docs_of "$part" >"$T/docs.$k"
  count=$(wc -l <"$T/docs.$k")
  [ "$count" -gt 0 ] || fail "shard $k got no document"
  say "shard $k: $count documents, $(wc -l <"$part") quads"
  cat "$T/docs.$k" >>"$T/docs.parts"
done
twice=$(LC_ALL=C sort "$T/docs.parts" | uniq -d)
[ -z "$twice" ] || fail "documents in more than one shard: $twice"
LC_ALL=C sort "$T/docs.parts" | cmp -s - "$T/docs.single" ||
  fail "the shards' documents are not the corpus' documents: $(LC_ALL=C sort "$T/docs.parts" | diff - "$T/docs.single" | head -n 10)"
say "every one of the $n_docs documents is in exactly one of $shards shards"
say "PASS"
