// Cross-checks `newskg validate` against a third-party SHACL engine (shacl-engine) on the same
// data and shapes: both must give the same verdict (sh:conforms) and the same focus nodes.
// Differences in the (focus node, constraint component, severity) triples are printed.
//
//   node shacl_crosscheck.mjs --newskg BIN --shapes SHAPES --ontology ONTOLOGY DATA...
//        [--expect-file]   also check the verdict and focus nodes a data file's header announces
//                          ("# expect: conforms" or "# expect-focus: <iri> ...")
//
// Like newskg, the engine gets the union of the data files plus the ontology's rdfs:subClassOf
// triples as its data graph. Exit 0 on agreement, 1 otherwise.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import N3 from 'n3';
import { Validator } from 'shacl-engine';
import { readTriples } from './rdf.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const flag = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const newskg = opt('--newskg');
const shapesFile = opt('--shapes');
const ontologyFile = opt('--ontology');
const expectFile = flag('--expect-file');
const dataFiles = args;
if (!newskg || !shapesFile || !ontologyFile || dataFiles.length === 0) {
  console.error('usage: shacl_crosscheck.mjs --newskg BIN --shapes SHAPES --ontology ONTOLOGY [--expect-file] DATA...');
  process.exit(2);
}

const SH = 'http://www.w3.org/ns/shacl#';
const RDFS_SUBCLASS = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const show = (t) => (t.termType === 'NamedNode' ? `<${t.value}>` : t.termType === 'BlankNode' ? `_:${t.value}` : JSON.stringify(t.value));

// newskg's report, read back from its Turtle.
function newskgReport() {
  let turtle;
  try {
    turtle = execFileSync(newskg, ['validate', '--shapes', shapesFile, '--ontology', ontologyFile, '-f', 'turtle', ...dataFiles], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (e) {
    if (e.status !== 1) throw new Error(`newskg validate exited ${e.status}`);
    turtle = e.stdout;
  }
  const store = new N3.Store(new N3.Parser().parse(turtle));
  const report = store.getSubjects(`${'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}type`, `${SH}ValidationReport`, null)[0];
  if (!report) throw new Error('newskg wrote no sh:ValidationReport');
  const conforms = store.getObjects(report, `${SH}conforms`, null)[0].value === 'true';
  const results = store.getObjects(report, `${SH}result`, null).map((r) => ({
    focus: show(store.getObjects(r, `${SH}focusNode`, null)[0]),
    component: store.getObjects(r, `${SH}sourceConstraintComponent`, null)[0].value.replace(SH, 'sh:'),
    severity: store.getObjects(r, `${SH}resultSeverity`, null)[0].value.replace(SH, 'sh:'),
  }));
  return { conforms, results };
}

async function engineReport() {
  // shacl-engine follows rdfs:subClassOf in the shapes graph (for sh:targetClass and
  // sh:class), where SHACL 1.0 says the data graph: it gets the ontology's in both.
  const subclassOf = readTriples(ontologyFile).filter((q) => q.predicate.value === RDFS_SUBCLASS);
  const shapes = new N3.Store(readTriples(shapesFile));
  shapes.addQuads(subclassOf);
  const data = new N3.Store();
  for (const f of dataFiles) data.addQuads(readTriples(f));
  data.addQuads(subclassOf);
  const validator = new Validator(shapes, { factory: N3.DataFactory });
  const report = await validator.validate({ dataset: data });
  return {
    conforms: report.conforms,
    results: report.results.map((r) => ({
      focus: show(r.focusNode.term ?? r.focusNode),
      component: (r.constraintComponent?.value ?? r.constraintComponent?.term?.value ?? '').replace(SH, 'sh:'),
      severity: (r.severity?.value ?? r.severity?.term?.value ?? '').replace(SH, 'sh:'),
    })),
  };
}

const ours = newskgReport();
const theirs = await engineReport();
const focusSet = (r) => [...new Set(r.results.map((x) => x.focus))].sort();
const tripleSet = (r) => [...new Set(r.results.map((x) => `${x.focus} ${x.component} ${x.severity}`))].sort();
const diff = (a, b) => a.filter((x) => !b.includes(x));
const problems = [];
if (ours.conforms !== theirs.conforms) problems.push(`verdict: newskg conforms=${ours.conforms}, shacl-engine conforms=${theirs.conforms}`);
const [fo, ft] = [focusSet(ours), focusSet(theirs)];
for (const f of diff(fo, ft)) problems.push(`focus node only newskg reports: ${f}`);
for (const f of diff(ft, fo)) problems.push(`focus node only shacl-engine reports: ${f}`);
const [to, tt] = [tripleSet(ours), tripleSet(theirs)];
// Which constraints fail on a focus node may differ where the engines read SHACL differently
// (a min/max comparison with an ill-formed literal: SHACL 1.0 says a violation, since the
// SPARQL comparison errs, and shacl-engine passes it); reported, not failed.
const notes = [];
for (const t of diff(to, tt)) notes.push(`result only newskg reports: ${t}`);
for (const t of diff(tt, to)) notes.push(`result only shacl-engine reports: ${t}`);

if (expectFile) {
  for (const f of dataFiles) {
    const head = fs.readFileSync(f, 'utf8').split('\n').slice(0, 5).join('\n');
    const focus = /^# expect-focus: (.*)$/m.exec(head);
    if (/^# expect: conforms$/m.test(head) && !ours.conforms) problems.push(`${f} announces that it conforms, and it does not`);
    if (focus) {
      const want = focus[1].trim().split(/\s+/).sort();
      if (ours.conforms) problems.push(`${f} announces violations, and the validators find none`);
      else if (JSON.stringify(want) !== JSON.stringify(fo)) problems.push(`${f} announces focus nodes ${want.join(' ')}; found ${fo.join(' ')}`);
    }
  }
}

const label = dataFiles.map((f) => f.split('/').pop()).join(' ');
if (problems.length) {
  console.log(`DISAGREE ${label}\n  ${[...problems, ...notes].join('\n  ')}`);
  process.exit(1);
}
for (const n of notes) console.log(`note: ${n}`);
console.log(`agree ${label}: conforms=${ours.conforms}, ${ours.results.length} results (newskg) / ${theirs.results.length} (shacl-engine), focus nodes: ${fo.length ? fo.join(' ') : 'none'}`);
