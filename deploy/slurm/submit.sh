#!/usr/bin/env bash
# submit.sh: submit newskg over a corpus to Slurm: a job array of N shards, then the merge.
#
#   deploy/slurm/submit.sh --shards N --out-dir OUT_DIR [OPTIONS] INPUT... [-- EXTRACT_ARG...]
#
# Submits deploy/slurm/newskg-array.sbatch as the array 0-(N-1) (task K writes
# OUT_DIR/part-K-of-N.nq with `newskg extract --shard K/N`), and deploy/slurm/merge.sh with
# --dependency=afterok:ARRAY_JOB_ID, so the merge runs once every task has succeeded and writes
# OUT_DIR/newskg.nq (is cancelled if a task fails). Logs go to OUT_DIR/logs/. Prints the two
# job ids on standard output, as shell assignments:
#   array_job_id=1234
#   merge_job_id=1235
#
# Arguments (each has an environment variable, used when the argument is not given):
#   -n, --shards N        NEWSKG_SHARDS      the shard count, the array's size
#   -o, --out-dir DIR     NEWSKG_OUT_DIR     the parts, the merged newskg.nq and logs/
#   --newskg PATH         NEWSKG_BIN         the newskg executable on the compute nodes
#                                            (default: newskg as found on PATH here)
#   -c, --cpus-per-task C                    CPUs of each extract task, newskg's -j (default 1)
#   --max-parallel M                         run at most M tasks at once (--array=0-(N-1)%M)
#   --sbatch-opt OPT                         an extra sbatch option for both jobs, repeatable:
#                                            --sbatch-opt=--partition=short
#   INPUT...              NEWSKG_INPUTS      files or folders on a shared file system
#                                            (space-separated in the variable)
#   -- EXTRACT_ARG...     NEWSKG_EXTRACT_ARGS  more options for newskg extract (e.g. --jsonl)
# sbatch's own variables (SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT, ...) apply to
# both jobs too. Relative paths are made absolute here, so the jobs may start anywhere.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}
die() {
  echo "submit.sh: $*" >&2
  echo "submit.sh: usage: submit.sh --shards N --out-dir DIR [OPTIONS] INPUT... [-- EXTRACT_ARG...]  (--help for more)" >&2
  exit 2
}

shards="${NEWSKG_SHARDS:-}"
out_dir="${NEWSKG_OUT_DIR:-}"
newskg="${NEWSKG_BIN:-newskg}"
cpus=1
max_parallel=
sbatch_opts=()
inputs=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -n | --shards) [ $# -ge 2 ] || die "$1 needs a value"; shards=$2; shift 2 ;;
    --shards=*) shards=${1#*=}; shift ;;
    -o | --out-dir) [ $# -ge 2 ] || die "$1 needs a value"; out_dir=$2; shift 2 ;;
    --out-dir=*) out_dir=${1#*=}; shift ;;
    --newskg) [ $# -ge 2 ] || die "$1 needs a value"; newskg=$2; shift 2 ;;
    --newskg=*) newskg=${1#*=}; shift ;;
    -c | --cpus-per-task) [ $# -ge 2 ] || die "$1 needs a value"; cpus=$2; shift 2 ;;
    --cpus-per-task=*) cpus=${1#*=}; shift ;;
    --max-parallel) [ $# -ge 2 ] || die "$1 needs a value"; max_parallel=$2; shift 2 ;;
    --max-parallel=*) max_parallel=${1#*=}; shift ;;
    --sbatch-opt) [ $# -ge 2 ] || die "$1 needs a value"; sbatch_opts+=("$2"); shift 2 ;;
    --sbatch-opt=*) sbatch_opts+=("${1#*=}"); shift ;;
    --) shift; extra+=("$@"); break ;;
    -?*) die "unknown option '$1' (options for newskg extract go after --)" ;;
    *) inputs+=("$1"); shift ;;
  esac
done
if [ ${#inputs[@]} -eq 0 ] && [ -n "${NEWSKG_INPUTS:-}" ]; then
  read -r -a inputs <<<"$NEWSKG_INPUTS"
fi
if [ -n "${NEWSKG_EXTRACT_ARGS:-}" ]; then
  read -r -a env_extra <<<"$NEWSKG_EXTRACT_ARGS"
  extra=("${env_extra[@]}" "${extra[@]}")
fi

[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "give the shard count: --shards N or NEWSKG_SHARDS (a positive integer, not '$shards')"
[ -n "$out_dir" ] || die "give the output directory: --out-dir DIR or NEWSKG_OUT_DIR"
[ ${#inputs[@]} -gt 0 ] || die "no input: give files or folders, or NEWSKG_INPUTS"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || die "--cpus-per-task must be a positive integer, not '$cpus'"
[ -z "$max_parallel" ] || [[ "$max_parallel" =~ ^[1-9][0-9]*$ ]] || die "--max-parallel must be a positive integer, not '$max_parallel'"
command -v sbatch >/dev/null 2>&1 || die "sbatch not found: run this on a Slurm submit host"

# Absolute paths: the jobs start in this directory, but need not see it the same way.
abs_inputs=()
for input in "${inputs[@]}"; do
  [ "$input" != - ] || die "standard input cannot be sharded across jobs: give files or folders"
  [ -e "$input" ] || die "input '$input' does not exist"
  abs_inputs+=("$(realpath -- "$input")")
done
if [[ "$newskg" == */* ]]; then
  newskg=$(realpath -m -- "$newskg")
elif command -v "$newskg" >/dev/null 2>&1; then
  newskg=$(command -v "$newskg")
fi
mkdir -p "$out_dir/logs"
out_dir=$(realpath -- "$out_dir")

array="0-$((shards - 1))${max_parallel:+%$max_parallel}"
array_job=$(sbatch --parsable "${sbatch_opts[@]}" --array="$array" --cpus-per-task="$cpus" \
  --output="$out_dir/logs/newskg-extract-%A_%a.log" \
  "$here/newskg-array.sbatch" --shards "$shards" --out-dir "$out_dir" --newskg "$newskg" \
  "${abs_inputs[@]}" -- "${extra[@]}")
array_job=${array_job%%;*} # "id;cluster" on a multi-cluster site
if ! merge_job=$(sbatch --parsable "${sbatch_opts[@]}" --dependency="afterok:$array_job" --kill-on-invalid-dep=yes \
  --output="$out_dir/logs/newskg-merge-%j.log" \
  "$here/merge.sh" --shards "$shards" --out-dir "$out_dir"); then
  echo "submit.sh: the array job $array_job was submitted, the merge was not: once the array has" \
    "succeeded, run $here/merge.sh --shards $shards --out-dir $out_dir (or scancel $array_job)" >&2
  echo "array_job_id=$array_job"
  exit 1
fi
merge_job=${merge_job%%;*}

echo "submit.sh: array job $array_job ($shards tasks, --array=$array) writes $out_dir/part-K-of-$shards.nq;" \
  "merge job $merge_job then writes $out_dir/newskg.nq; logs in $out_dir/logs/." \
  "Follow with: squeue -j $array_job,$merge_job" >&2
echo "array_job_id=$array_job"
echo "merge_job_id=$merge_job"
