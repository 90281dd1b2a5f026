#!/usr/bin/env bash
# merge.sh: join the N part files of newskg-array.sbatch into one N-Quads file.
#
#   sbatch --dependency=afterok:ARRAY_JOB_ID deploy/slurm/merge.sh --shards N --out-dir OUT_DIR
#   deploy/slurm/merge.sh --shards N --out-dir OUT_DIR        (or by hand, without Slurm)
#
# Reads OUT_DIR/part-0-of-N.nq ... OUT_DIR/part-(N-1)-of-N.nq (all N must be there) and writes
# their lines, sorted bytewise and each once (LC_ALL=C sort -u), to OUT_DIR/newskg.nq or
# --output FILE. N-Quads is one quad per line, so this is the union of the shards' graphs; an
# actor that documents in several shards mention is kept once. The same parts always give
# the same bytes, and the result holds the same lines as one `newskg extract -f nquads` run
# over the whole corpus, sorted with `LC_ALL=C sort -u`. The output is written to a temporary
# file beside it and renamed into place, so a failed merge leaves no partial file.
#
# Arguments (each has an environment variable, used when the argument is not given):
#   -n, --shards N      NEWSKG_SHARDS     the shard count N
#   -o, --out-dir DIR   NEWSKG_OUT_DIR    the directory holding the parts
#   --output FILE       NEWSKG_MERGED     the merged file (default: OUT_DIR/newskg.nq)
#   sort's temporary files go to TMPDIR (default /tmp); its threads follow --cpus-per-task.
#
#SBATCH --job-name=newskg-merge
#SBATCH --cpus-per-task=1
#SBATCH --time=02:00:00
#SBATCH --output=newskg-merge-%j.log
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/{/^#SBATCH/d;/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}
die() {
  echo "merge.sh: $*" >&2
  echo "merge.sh: usage: merge.sh --shards N --out-dir DIR [--output FILE]  (--help for more)" >&2
  exit 2
}

shards="${NEWSKG_SHARDS:-}"
out_dir="${NEWSKG_OUT_DIR:-}"
output="${NEWSKG_MERGED:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -n | --shards) [ $# -ge 2 ] || die "$1 needs a value"; shards=$2; shift 2 ;;
    --shards=*) shards=${1#*=}; shift ;;
    -o | --out-dir) [ $# -ge 2 ] || die "$1 needs a value"; out_dir=$2; shift 2 ;;
    --out-dir=*) out_dir=${1#*=}; shift ;;
    --output) [ $# -ge 2 ] || die "$1 needs a value"; output=$2; shift 2 ;;
    --output=*) output=${1#*=}; shift ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "give the shard count: --shards N or NEWSKG_SHARDS (a positive integer, not '$shards')"
[ -n "$out_dir" ] || die "give the directory of the parts: --out-dir DIR or NEWSKG_OUT_DIR"
[ -d "$out_dir" ] || die "$out_dir is not a directory"
output="${output:-$out_dir/newskg.nq}"

parts=()
missing=()
for ((k = 0; k < shards; k++)); do
  part="$out_dir/part-$k-of-$shards.nq"
  if [ -f "$part" ]; then parts+=("$part"); else missing+=("$k"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "merge.sh: missing part(s) ${missing[*]} of $shards in $out_dir (part-K-of-$shards.nq):" \
    "rerun those array tasks (sbatch --array=K newskg-array.sbatch --shards $shards ...), then this merge" >&2
  exit 1
fi

threads="${SLURM_CPUS_PER_TASK:-1}"
tmp=$(mktemp "$output.tmp.XXXXXX")
trap 'rm -f "$tmp"' EXIT
LC_ALL=C sort -u --parallel="$threads" -T "${TMPDIR:-/tmp}" "${parts[@]}" >"$tmp"
chmod "$(umask -S | tr -d x)" "$tmp" # mktemp made it 0600: the mode a new file would get
mv -f "$tmp" "$output"
trap - EXIT
echo "merge.sh: $(wc -l <"$output") distinct quads from $shards parts ($(cat "${parts[@]}" | wc -l) lines) -> $output"
