#!/usr/bin/env node
// The reference NLP pipeline of bench/run: wink-nlp with its English lite model over a
// JSON Lines corpus (one article a line, its text in "text"), the same input newskg reads.
//
// usage: node pipeline.js [CORPUS.jsonl | -]
//
// For each article, readDoc tokenises, splits sentences, tags parts of speech and finds named
// entities; the tokens, sentences and entities are taken out as values (not just counted) so
// that the work cannot be skipped lazily. Prints one JSON line of totals on stdout.
'use strict';

const fs = require('fs');
const readline = require('readline');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const nlp = winkNLP(model);
const its = nlp.its;

async function main() {
  const path = process.argv[2] || '-';
  const input = path === '-' ? process.stdin : fs.createReadStream(path);
  const totals = { documents: 0, text_bytes: 0, tokens: 0, sentences: 0, entities: 0 };
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const { text } = JSON.parse(line);
    const doc = nlp.readDoc(text);
    totals.documents += 1;
    totals.text_bytes += Buffer.byteLength(text, 'utf8');
    totals.tokens += doc.tokens().out(its.value).length;
    totals.sentences += doc.sentences().out(its.value).length;
    totals.entities += doc.entities().out(its.detail).length;
  }
  process.stdout.write(JSON.stringify(totals) + '\n');
}

main().catch((err) => {
  process.stderr.write(`pipeline.js: ${err.stack || err}\n`);
  process.exit(1);
});
