#!/usr/bin/env bash
# Rewrites ontology/queries/expected/*.tsv from the current extractor: extracts the seed as
# N-Quads, loads it into Oxigraph and runs every *.rq of this folder. Review the diff
# (git diff ontology/queries/expected) against the article before committing it: the tests
# Queries.oxigraph and Queries.virtuoso compare with these files.
#
#   ontology/queries/regenerate.sh [NEWSKG]     (default: build/cli/newskg)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
newskg="${1:-$root/build/cli/newskg}"
"$root/tests/js/npm_ci.sh" >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The same command as the test Queries.extract_seed.
"$newskg" extract "$root/samples/article-korea-ukraine.txt" --published 2024-10-22 -f nquads -o "$tmp/seed.nq"
node "$root/tests/js/queries.mjs" --oxigraph "$tmp/seed.nq" --update
