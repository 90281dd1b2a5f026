// Runs the competency queries (ontology/queries/*.rq) against a real SPARQL store and compares
// each result with its expected TSV (ontology/queries/expected/NAME.tsv).
//
//   node queries.mjs --oxigraph DATA.nq   [--queries DIR] [--expected DIR] [--update]
//   node queries.mjs --endpoint URL       [--queries DIR] [--expected DIR]
//
// --oxigraph loads N-Quads into an in-memory Oxigraph store (named graphs kept);
// --endpoint sends each query to a SPARQL 1.1 protocol endpoint over HTTP (Virtuoso's /sparql)
// and reads application/sparql-results+json. --update writes the expected files instead of
// comparing (ontology/queries/regenerate.sh). Rows are compared as sorted TSV: IRIs as <iri>,
// literals as their lexical form. Exit 0 when every query gives its expected rows.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { competencyQueries, compareTsv, termText, toTsv } from './rdf.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const queriesDir = opt('--queries', path.join(here, '../../ontology/queries'));
const expectedDir = opt('--expected', path.join(queriesDir, 'expected'));
const dataFile = opt('--oxigraph');
const endpoint = opt('--endpoint');
const update = args.includes('--update');
if (!dataFile === !endpoint) {
  console.error('usage: queries.mjs (--oxigraph DATA.nq | --endpoint URL) [--queries DIR] [--expected DIR] [--update]');
  process.exit(2);
}

async function oxigraphRunner() {
  const oxigraph = (await import('oxigraph')).default;
  const store = new oxigraph.Store();
  const started = Date.now();
  store.load(fs.readFileSync(dataFile, 'utf8'), { format: 'application/n-quads' });
  console.log(`oxigraph: loaded ${store.size} quads from ${dataFile} in ${Date.now() - started} ms`);
  return async (q) => {
    const rows = [];
    for (const binding of store.query(q.text)) {
      const row = {};
      for (const v of q.vars) row[v] = termText(binding.get(v));
      rows.push(row);
    }
    return rows;
  };
}

function jsonTerm(t) {
  if (!t) return '';
  if (t.type === 'uri') return termText({ termType: 'NamedNode', value: t.value });
  if (t.type === 'bnode') return '_:b';
  return termText({ termType: 'Literal', value: t.value });
}

function httpRunner() {
  return async (q) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query: q.text }),
      signal: AbortSignal.timeout(30000),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`${q.name}: HTTP ${response.status}: ${body.slice(0, 500)}`);
    const json = JSON.parse(body);
    return json.results.bindings.map((b) => Object.fromEntries(q.vars.map((v) => [v, jsonTerm(b[v])])));
  };
}

const run = dataFile ? await oxigraphRunner() : httpRunner();
const queries = competencyQueries(queriesDir);
if (queries.length === 0) throw new Error(`no queries in ${queriesDir}`);
let failed = 0;
for (const q of queries) {
  const started = Date.now();
  let rows;
  try {
    rows = await run(q);
  } catch (e) {
    console.log(`FAIL ${q.name}: ${e.message}`);
    ++failed;
    continue;
  }
  const tsv = toTsv(q.vars, rows);
  const expectedFile = path.join(expectedDir, `${q.name}.tsv`);
  if (update) {
    fs.mkdirSync(expectedDir, { recursive: true });
    fs.writeFileSync(expectedFile, tsv);
    console.log(`wrote ${expectedFile}: ${rows.length} rows`);
    continue;
  }
  const problem = compareTsv(q.name, tsv, expectedFile);
  if (problem) {
    console.log(`FAIL ${problem}`);
    ++failed;
  } else {
    console.log(`ok ${q.name}: ${rows.length} rows as expected (${Date.now() - started} ms)`);
  }
}
console.log(`${queries.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
