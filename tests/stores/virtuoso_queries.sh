#!/usr/bin/env bash
# Loads newskg's N-Quads into a real Virtuoso server and runs every competency query through
# its SPARQL endpoint over HTTP, comparing with ontology/queries/expected/.
#
#   tests/stores/virtuoso_queries.sh DATA.nq
#
# The server (Debian's virtuoso-opensource: virtuoso-t, isql-vt) runs from a temporary folder
# with its own virtuoso.ini, listening on free loopback ports only; the data is bulk-loaded
# with ld_dir + rdf_loader_run (N-Quads keep their named graphs). The server is always shut
# down and the folder removed. Any failure to start, load or query fails the test.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$(realpath "$1")"
started=$SECONDS

for tool in virtuoso-t isql-vt node; do
  command -v "$tool" >/dev/null || { echo "virtuoso_queries: $tool not found (apt-get install virtuoso-opensource nodejs)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/newskg-virtuoso.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    isql-vt "$isql_port" dba dba exec="shutdown();" >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Two free loopback ports: nothing answers on them now.
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "virtuoso_queries: no free port" >&2; exit 1
}
isql_port=$(free_port)
http_port=$(free_port)
while [ "$http_port" = "$isql_port" ]; do http_port=$(free_port); done

mkdir -p "$work/load"
cp "$data" "$work/load/newskg.nq"
cat > "$work/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $work/virtuoso.db
ErrorLogFile       = $work/virtuoso.log
LockFile           = $work/virtuoso.lck
TransactionFile    = $work/virtuoso.trx
xa_persistent_file = $work/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $work/virtuoso-temp.db
TransactionFile    = $work/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:$isql_port
DisableUnixSocket  = 1
ServerThreads      = 4
CheckpointInterval = 0
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
DirsAllowed        = ., $work/load
ThreadCleanupInterval = 0
ResourcesCleanupInterval = 0

[HTTPServer]
ServerPort         = 127.0.0.1:$http_port
ServerRoot         = $work
ServerThreads      = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows   = 100000
MaxQueryExecutionTime = 60
INI

cd "$work"
virtuoso-t -f -c "$work/virtuoso.ini" > "$work/server.out" 2>&1 &
pid=$!
echo "virtuoso: pid $pid, isql port $isql_port, http port $http_port, folder $work"

# Ready when isql answers (a new database takes a few seconds to create).
ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "virtuoso_queries: the server exited while starting" >&2
    tail -n 30 "$work/server.out" "$work/virtuoso.log" >&2 || true
    exit 1
  fi
  if isql-vt "$isql_port" dba dba exec="status('');" >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "virtuoso_queries: the server did not answer within 60 s" >&2; tail -n 30 "$work/virtuoso.log" >&2 || true; exit 1; }
echo "virtuoso: ready after $(( SECONDS - started )) s"

# Bulk load: ld_dir registers the file, rdf_loader_run loads it (quads keep their graph).
isql-vt "$isql_port" dba dba exec="ld_dir('$work/load', '*.nq', 'urn:newskg:default'); rdf_loader_run(); checkpoint;" > "$work/load.out" 2>&1 \
  || { echo "virtuoso_queries: the bulk load failed" >&2; cat "$work/load.out" >&2; exit 1; }
errors=$(isql-vt "$isql_port" dba dba exec="SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;" 2>&1)
if printf '%s\n' "$errors" | grep -q "newskg.nq"; then
  echo "virtuoso_queries: the loader reported an error" >&2; printf '%s\n' "$errors" >&2; exit 1
fi
# Every quad is in its named graph: as many in newskg's graphs as the file has, none in the
# loader's default graph.
count_in() {
  curl -sf --max-time 30 -H 'Accept: text/csv' --data-urlencode "query=$1" "http://127.0.0.1:$http_port/sparql" | tail -n 1 | tr -d '"\r'
}
expected=$(sort -u "$data" | grep -c .)
named=$(count_in 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/newskg/id/")) }') \
  || { echo "virtuoso_queries: the SPARQL endpoint does not answer" >&2; exit 1; }
default=$(count_in 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:newskg:default> { ?s ?p ?o } }')
echo "virtuoso: bulk-loaded $data: $named quads in newskg's named graphs (file: $expected), $default in the default graph ($(( SECONDS - started )) s)"
if [ "$named" != "$expected" ] || [ "$default" != "0" ]; then
  echo "virtuoso_queries: the named graphs were not kept" >&2; exit 1
fi

node "$here/../js/queries.mjs" --endpoint "http://127.0.0.1:$http_port/sparql"
echo "virtuoso: done in $(( SECONDS - started )) s"
