#!/usr/bin/env bash
# Stable IRIs: two separate runs over overlapping sets of articles, merged, hold each fact once.
#
#   tests/merge_runs.sh NEWSKG SAMPLES_DIR WORK_DIR
#
# Run A reads samples 01-06 and the seed, run B reads the seed and samples 04-09 in reverse
# order (another machine, another order). Their N-Quads are merged as sets of quads (sort -u).
# Checked: every document the runs share has byte-identical quads in both; the merged graph
# has exactly the facts of A plus those of B less the shared ones (no fact twice under two
# IRIs); every fact has one type; the merged graph passes `newskg validate` (one label per
# actor, one status per act, ... across runs); --base moves every IRI and keeps the rest.
set -euo pipefail
newskg=$1 samples=$2 work=$3
mkdir -p "$work"
fail() { echo "merge_runs: $*" >&2; exit 1; }

seed="$samples/article-korea-ukraine.txt"
a=("$samples"/0[1-6]-*.txt "$seed")
b=("$seed" "$samples"/09-*.txt "$samples"/08-*.txt "$samples"/07-*.txt "$samples"/06-*.txt "$samples"/05-*.txt "$samples"/04-*.txt)
shared=("$samples"/0[4-6]-*.txt "$seed")
opts=(--published 2024-10-22 -f nquads)
"$newskg" extract "${a[@]}" "${opts[@]}" -o "$work/a.nq"
"$newskg" extract "${b[@]}" "${opts[@]}" -o "$work/b.nq"
"$newskg" extract "${shared[@]}" "${opts[@]}" -o "$work/shared.nq"
sort -u "$work/a.nq" "$work/b.nq" > "$work/merged.nq"

graph_of() { awk '{ print $(NF-1) }'; }
docs() { graph_of < "$1" | grep '/doc/' | sort -u; }
# Facts: subjects typed with one of the fact classes.
facts() { grep -E '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#(Aid|Agreement|OtherAct|Allegation|Denial|Confirmation)>' "$1" | awk '{ print $1 }' | sort; }

# 1. The shared documents: the same IRIs and the same quads in both runs.
shared_docs=$(comm -12 <(docs "$work/a.nq") <(docs "$work/b.nq"))
[ "$(printf '%s\n' "$shared_docs" | grep -c .)" -eq ${#shared[@]} ] || fail "expected ${#shared[@]} shared documents, found: $shared_docs"
for g in $shared_docs; do
  cmp -s <(awk -v g="$g" '$(NF-1) == g' "$work/a.nq" | sort) <(awk -v g="$g" '$(NF-1) == g' "$work/b.nq" | sort) \
    || fail "document $g differs between the two runs"
done

# 2. Each fact once: |merged| = |A| + |B| - |shared|, and no fact typed twice.
na=$(facts "$work/a.nq" | sort -u | wc -l) nb=$(facts "$work/b.nq" | sort -u | wc -l) ns=$(facts "$work/shared.nq" | sort -u | wc -l)
nm=$(facts "$work/merged.nq" | sort -u | wc -l)
[ "$nm" -eq $(( na + nb - ns )) ] || fail "merged graph has $nm facts; expected $na + $nb - $ns"
dup=$(facts "$work/merged.nq" | uniq -d | head -n 3)
[ -z "$dup" ] || fail "facts typed more than once after the merge: $dup"

# 3. The merged graph keeps the contract.
"$newskg" validate "$work/merged.nq" > "$work/merged.validation.txt" || { cat "$work/merged.validation.txt" >&2; fail "the merged graph does not validate"; }

# 4. --base moves every IRI of actors, documents, facts and spans, and only the base.
"$newskg" extract "$seed" "${opts[@]}" --base http://example.org/kg/ -o "$work/based.nq"
"$newskg" extract "$seed" "${opts[@]}" -o "$work/default.nq"
if grep -q 'https://w3id.org/newskg/id/' "$work/based.nq"; then fail "--base left IRIs under the default base"; fi
cmp -s <(sed 's#http://example.org/kg/#https://w3id.org/newskg/id/#g' "$work/based.nq") "$work/default.nq" \
  || fail "--base changed more than the base"

echo "merge_runs: run A $na facts, run B $nb, facts of the shared documents $ns, merged $nm, each once; $(wc -l < "$work/merged.nq") quads; validates; --base moves all IRIs"
