// Shared helpers of the third-party checks: reading RDF files with N3.js, and SPARQL results
// as sorted TSV rows that compare across stores.
import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';

const { DataFactory } = N3;

const formats = { '.ttl': 'text/turtle', '.nt': 'application/n-triples', '.nq': 'application/n-quads', '.trig': 'application/trig' };

// The quads of a file, parsed by N3.js from its extension (Turtle by default).
export function readQuads(file) {
  const format = formats[path.extname(file).toLowerCase()] ?? 'text/turtle';
  return new N3.Parser({ format, blankNodePrefix: `${path.basename(file)}_` }).parse(fs.readFileSync(file, 'utf8'));
}

// The triples of a file in the default graph (named graphs flattened into their union).
export function readTriples(file) {
  return readQuads(file).map((q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.defaultGraph()));
}

// One term of a result row: <iri>, _:blank or the lexical form of a literal. Datatypes and
// language tags are left out so that stores that normalise literals differently still agree.
export function termText(term) {
  if (!term) return '';
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return '_:b';
  return term.value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

// Rows as TSV lines: a header of the variable names, then the rows sorted.
export function toTsv(vars, rows) {
  const lines = rows.map((row) => vars.map((v) => row[v] ?? '').join('\t'));
  lines.sort();
  return [vars.join('\t'), ...lines].join('\n') + '\n';
}

// The variables of a SELECT query, in projection order (SELECT ?a ?b (... AS ?c)).
export function selectVariables(query) {
  const text = query.replace(/#[^\n]*/g, '');
  const m = /SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?([\s\S]*?)\s*(?:FROM|WHERE|\{)/i.exec(text);
  if (!m) throw new Error('not a SELECT query');
  const vars = [];
  const re = /\(\s*[\s\S]*?\s+AS\s+\?(\w+)\s*\)|\?(\w+)/gi;
  let t;
  while ((t = re.exec(m[1])) !== null) vars.push(t[1] ?? t[2]);
  return vars;
}

// The competency queries: every *.rq of a folder, with the question its first comment asks.
export function competencyQueries(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.rq')).sort().map((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    return { name: f.replace(/\.rq$/, ''), file: path.join(dir, f), text, vars: selectVariables(text) };
  });
}

// Compares an actual TSV with the expected file; returns a message or null.
export function compareTsv(name, actual, expectedFile) {
  if (!fs.existsSync(expectedFile)) return `${name}: no expected results (${expectedFile}); run ontology/queries/regenerate.sh`;
  const expected = fs.readFileSync(expectedFile, 'utf8');
  if (actual === expected) return null;
  const a = new Set(actual.split('\n')), e = new Set(expected.split('\n'));
  const missing = [...e].filter((l) => !a.has(l)).map((l) => `  - ${l}`);
  const extra = [...a].filter((l) => !e.has(l)).map((l) => `  + ${l}`);
  return `${name}: results differ from ${expectedFile}\n${[...missing, ...extra].join('\n')}`;
}
