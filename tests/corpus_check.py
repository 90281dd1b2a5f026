#!/usr/bin/env python3
"""Corpus input and output of `newskg extract` (docs/corpus-format.md), one check per run.

usage: corpus_check.py NEWSKG SAMPLES WORKDIR CHECK

CHECK: jsonl-bad-lines, gzip, folders, stdin-filter, jobs-identical, shards, out-dir,
summary-and-progress. Each builds its own corpus from the samples' texts in WORKDIR/CHECK and
exits 0 when newskg behaves as documented, 1 (with the reasons) when not.
"""
import glob
import gzip
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time

NEWSKG, SAMPLES, WORKDIR, CHECK = sys.argv[1:5]
DOC_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Document>"
problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)


def texts():
    return [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(SAMPLES, "*.txt")))]


def corpus_lines(copies=4):
    """JSON Lines of every sample `copies` times, each copy a document of its own."""
    lines = []
    for c in range(copies):
        for i, text in enumerate(texts()):
            lines.append(json.dumps({"id": f"doc-{c}-{i}", "text": text, "published": f"2024-0{1 + c % 9}-1{i % 10}",
                                     "url": f"https://news.example/{c}/{i}", "title": f"Sample {i}, copy {c}", "source": "Example Wire"}))
    return lines


def write(path, content, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(content)
    return path


def run(args, stdin=None, code=0):
    proc = subprocess.run([NEWSKG, "extract"] + args, input=stdin, capture_output=True, timeout=600)
    expect(proc.returncode == code, f"newskg extract {' '.join(args)}: exit {proc.returncode}, expected {code}\n{proc.stderr.decode()[-2000:]}")
    return proc


def quads(data):
    return set(line for line in data.splitlines() if line.strip())


def documents(data):
    return data.count(DOC_TYPE)


work = os.path.join(WORKDIR, CHECK)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
good = corpus_lines(1)

if CHECK == "jsonl-bad-lines":
    lines = [good[0], "{not json", json.dumps({"id": "x", "title": "no text"}), good[1], "",
             json.dumps({"id": "y", "text": "Germany will send 500 soldiers.", "published": "10/22/2024"}),
             json.dumps({"id": "z", "text": 42}), json.dumps(["an", "array"]), json.dumps({"id": "w", "text": "   "}),
             good[2].replace('"published": "2024-01-12"', '"published": "2024-01-12T08:30:00Z"')]
    path = write(os.path.join(work, "corpus.jsonl"), "\r\n".join(lines) + "\r\n")
    proc = run(["-f", "nquads", path], code=1)
    err = proc.stderr.decode()
    for line, why in [(2, r"not valid JSON \(.*\); line skipped"), (3, r'no "text"; each line needs the article\'s text; line skipped'),
                      (6, r"\"published\": '10/22/2024' is not a date \(YYYY-MM-DD\); line skipped"),
                      (7, r'"text" is not a string; line skipped'), (8, r"not a JSON object; .*; line skipped"),
                      (9, r'"text" is empty; line skipped')]:
        expect(re.search(rf"(?m)^newskg: {re.escape(path)}:{line}: {why}$", err), f"line {line} not reported as {why!r}:\n{err}")
    expect(len(re.findall(r"(?m)^newskg: .*:\d+: ", err)) == 6, f"expected 6 reported lines:\n{err}")
    expect(documents(proc.stdout) == 3, f"{documents(proc.stdout)} documents written, expected 3")
    expect(re.search(r"(?m)^newskg: 3 documents, 6 skipped, ", err), f"summary does not say 3 documents, 6 skipped:\n{err}")
    expect(b'"2024-01-12"^^<http://www.w3.org/2001/XMLSchema#date>' in proc.stdout, "a date-time's date was not kept as dcterms:issued")
    expect(b"<https://w3id.org/newskg/ontology#sourceName> \"Example Wire\"" in proc.stdout, "the source was not written")
    # --strict refuses a line whose text holds a NUL (an escaped \u0000), and only that line.
    nul = write(os.path.join(work, "nul.jsonl"), json.dumps({"id": "n", "text": "Russia sent\u0000 troops."}) + "\n" + good[0] + "\n")
    proc = run(["-f", "nquads", "--strict", nul], code=1)
    expect(re.search(rf"(?m)^newskg: {re.escape(nul)}:1: byte 11: a NUL byte; --strict refuses", proc.stderr.decode()), proc.stderr.decode())
    expect(documents(proc.stdout) == 1, "the good line after a refused one was not written")
    # A line longer than the limit is passed over without holding it whole.
    big = write(os.path.join(work, "big.jsonl"), json.dumps({"id": "big", "text": "word " * 40000}) + "\n" + good[0] + "\n")
    proc = run(["-f", "nquads", "--max-doc-bytes", "1000", big], code=1)
    expect(re.search(rf"(?m)^newskg: {re.escape(big)}:1: a line of more than \d+ bytes", proc.stderr.decode()), proc.stderr.decode())
    proc = run(["-f", "nquads", "--max-doc-bytes", "300000", big], code=0)
    expect(documents(proc.stdout) == 2, "--max-doc-bytes 300000 should let both lines through")

elif CHECK == "gzip":
    plain = write(os.path.join(work, "corpus.jsonl"), "\n".join(good) + "\n")
    with gzip.open(os.path.join(work, "corpus.jsonl.gz"), "wt", encoding="utf-8") as f:
        f.write("\n".join(good) + "\n")
    article = os.path.join(SAMPLES, "article-korea-ukraine.txt")
    with open(article, "rb") as f, gzip.open(os.path.join(work, "article.txt.gz"), "wb") as g:
        g.write(f.read())
    a = run(["-f", "nquads", plain]).stdout
    b = run(["-f", "nquads", plain + ".gz"]).stdout
    expect(a == b and documents(a) == len(good), "a .jsonl.gz does not give what the .jsonl gives")
    a = run(["-f", "nquads", article]).stdout
    b = run(["-f", "nquads", os.path.join(work, "article.txt.gz")]).stdout
    expect(a == b and documents(a) == 1, "a .txt.gz does not give what the .txt gives")
    broken = write(os.path.join(work, "broken.jsonl.gz"), open(plain + ".gz", "rb").read()[:3000], "wb")
    proc = run(["-f", "nquads", broken], code=1)
    expect(re.search(rf"(?m)^newskg: {re.escape(broken)}: byte \d+ of the decompressed text: damaged gzip data", proc.stderr.decode()),
           f"a truncated .gz is not reported:\n{proc.stderr.decode()}")

elif CHECK == "folders":
    tree = os.path.join(work, "tree")
    names = ["b/2.txt", "a.txt", "b/1.md", "c/deep/x.jsonl", ".hidden.txt", ".hid/y.txt", "notes.json", "z.txt.gz"]
    all_texts = texts()
    for i, name in enumerate(names):
        path = os.path.join(tree, name)
        if name.endswith(".jsonl"):
            write(path, "\n".join(good[:2]) + "\n")
        elif name.endswith(".gz"):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with gzip.open(path, "wt", encoding="utf-8") as f:
                f.write(all_texts[i])
        else:
            write(path, all_texts[i])
    walked = run(["-f", "nquads", tree]).stdout
    order = ["a.txt", "b/1.md", "b/2.txt", "c/deep/x.jsonl", "z.txt.gz"]
    listed = run(["-f", "nquads"] + [os.path.join(tree, n) for n in order]).stdout
    expect(walked == listed, "a folder does not give what its article files in sorted order give")
    expect(documents(walked) == 6, f"{documents(walked)} documents from the folder, expected 6 (hidden files and notes.json skipped)")

elif CHECK == "stdin-filter":
    # JSON Lines in, N-Quads out, each document written as soon as it is done.
    for jobs in ["1", "2"]:
        proc = subprocess.Popen([NEWSKG, "extract", "--jsonl", "-f", "nquads", "-q", "-j", jobs, "-"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdin.write((good[0] + "\n").encode())
        proc.stdin.flush()
        seen, deadline = b"", time.time() + 60
        while DOC_TYPE not in seen and time.time() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 1)
            if ready:
                seen += os.read(proc.stdout.fileno(), 65536)
        expect(DOC_TYPE in seen, f"-j{jobs}: the first document did not come out before the input ended")
        proc.stdin.write((good[1] + "\n").encode())
        proc.stdin.close()
        rest = proc.stdout.read()
        proc.wait(60)
        expect(proc.returncode == 0 and documents(seen + rest) == 2, f"-j{jobs}: exit {proc.returncode}, {documents(seen + rest)} documents")
        expect(proc.stderr.read() == b"", f"-j{jobs}: --quiet printed something on stderr")

elif CHECK == "jobs-identical":
    corpus = write(os.path.join(work, "corpus.jsonl"), "\n".join(corpus_lines(3)) + "\n")
    for fmt in ["nquads", "turtle", "trig", "tsv"]:
        outputs = {jobs: run(["-f", fmt, "-q", "-j", jobs, corpus, os.path.join(SAMPLES, "article-korea-ukraine.txt")]).stdout
                   for jobs in ["1", "2", "3", "8"]}
        expect(len(set(outputs.values())) == 1, f"-f {fmt}: the output differs between -j 1, 2, 3 and 8")
        expect(len(outputs["1"]) > 0, f"-f {fmt}: empty output")

elif CHECK == "shards":
    lines = corpus_lines(3)
    corpus = write(os.path.join(work, "corpus.jsonl"), "\n".join(lines) + "\n")
    single = run(["-f", "nquads", "-q", corpus]).stdout
    doc_iri = re.compile(rb"^(<[^>]+>) " + re.escape(DOC_TYPE), re.M)
    for n in [1, 3, 7]:
        union, docs = set(), []
        for k in range(n):
            out = run(["-f", "nquads", "-q", "--shard", f"{k}/{n}", corpus]).stdout
            union |= quads(out)
            docs += doc_iri.findall(out)
        expect(union == quads(single), f"N={n}: the union of the shards differs from a single run "
                                       f"({len(union - quads(single))} extra, {len(quads(single) - union)} missing)")
        expect(len(docs) == len(lines) and len(set(docs)) == len(lines), f"N={n}: {len(docs)} documents over the shards, expected each of {len(lines)} once")
    for bad in ["3/3", "1", "a/2", "0/0", "-1/2"]:
        proc = run(["--shard", bad, corpus], code=2)
        expect(b"'--shard'" in proc.stderr, f"--shard {bad}: no usage error")

elif CHECK == "out-dir":
    tree = os.path.join(work, "in")
    write(os.path.join(tree, "x", "one.txt"), texts()[0])
    write(os.path.join(tree, "two.jsonl"), "\n".join(good[:3]) + "\n")
    out = os.path.join(work, "out")
    run(["-f", "nquads", "-q", "--out-dir", out, tree])
    made = sorted(os.path.relpath(os.path.join(r, f), out) for r, _, fs in os.walk(out) for f in fs)
    expect(made == ["two.nq", "x/one.nq"], f"--out-dir wrote {made}")
    if made == ["two.nq", "x/one.nq"]:
        expect(documents(open(os.path.join(out, "two.nq"), "rb").read()) == 3, "two.nq does not hold the three lines' documents")
        same = run(["-f", "nquads", "-q", os.path.join(tree, "x", "one.txt")]).stdout
        expect(open(os.path.join(out, "x", "one.nq"), "rb").read() == same, "x/one.nq differs from a run on one.txt alone")
    shards = os.path.join(work, "shards")
    for k in range(3):
        run(["-f", "nquads", "-q", "--shard", f"{k}/3", "--out-dir", shards, tree])
    expect(sorted(os.listdir(shards)) == [f"part-{k}-of-3.nq" for k in range(3)], f"--shard with --out-dir wrote {os.listdir(shards)}")
    run(["-o", os.path.join(work, "x.nq"), "--out-dir", out, tree], code=2)
    # Each output holds the actors that its documents name, though another output had them
    # first: with -j 2 the extraction threads leave out actors already written, but only those
    # written to the same output.
    copies = os.path.join(work, "copies")
    for name in ["a.jsonl", "b.jsonl"]:
        write(os.path.join(copies, name), "\n".join(corpus_lines(2)) + "\n")
    copies_out = os.path.join(work, "copies-out")
    run(["-f", "nquads", "-q", "-j", "2", "--out-dir", copies_out, copies])
    alone = run(["-f", "nquads", "-q", "-j", "2", os.path.join(copies, "b.jsonl")]).stdout
    expect(open(os.path.join(copies_out, "b.nq"), "rb").read() == alone, "b.nq (after a.nq, naming the same actors) differs from a run on b.jsonl alone")

elif CHECK == "summary-and-progress":
    corpus = write(os.path.join(work, "corpus.jsonl"), "\n".join(good) + "\n")
    proc = run(["-f", "nquads", "--progress", corpus])
    err = proc.stderr.decode()
    expect(re.search(rf"\rnewskg: \d+ documents?, \d+\.\d MB, \d+\.\d MB/s", err), f"no progress line with --progress:\n{err!r}")
    summary = re.search(r"(?m)(?:^|\r\x1b\[K)newskg: (\d+) documents, 0 skipped, (\d+) facts \((.*)\), (\d+) triples, 0 warnings, \d+\.\d\d s$", err)
    expect(summary, f"no summary line:\n{err!r}")
    if summary:
        expect(int(summary.group(1)) == len(good), "the summary miscounts documents")
        expect(int(summary.group(4)) == len(quads(proc.stdout)), "the summary miscounts triples")
        kinds = dict((k, int(v)) for k, v in (p.rsplit(" ", 1) for p in summary.group(3).split(", ")))
        expect(sum(kinds.values()) == int(summary.group(2)), "the facts by kind do not add up")
    expect(b"newskg:" not in proc.stdout, "the summary or progress went to stdout")
    proc = run(["-f", "nquads", corpus])
    expect("\r" not in proc.stderr.decode(), "a progress line although stderr is no terminal and no --progress")
    proc = run(["-f", "nquads", "--quiet", "--progress", corpus])
    expect(proc.stderr == b"", "--quiet does not silence the progress line and the summary")

else:
    print(__doc__, file=sys.stderr)
    sys.exit(2)

for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
