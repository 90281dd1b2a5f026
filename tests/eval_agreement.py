#!/usr/bin/env python3
"""`newskg eval` and tools/kgscore.py print the same scores on the samples.

Usage: eval_agreement.py NEWSKG KGSCORE.py SAMPLES_DIR OUTDIR NAME|all [FORMAT...]

NAME (e.g. 01-iran-houthi-weapons, article-korea-ukraine): SAMPLES_DIR/NAME.txt is
extracted with `newskg extract --published <the gold's date>` in each FORMAT (default
ntriples), and for each graph
  - `kgscore.py GOLD GRAPH --quiet` and `newskg eval GOLD GRAPH --quiet` print the same text;
  - without --quiet, the same text but for the spurious lines, which newskg shows by their
    evidence text (kgscore by their IRI): as many, of the same kinds, in the same order;
  - `newskg eval GOLD NAME.txt --quiet` (extracting on the fly) prints the same as on the graph.
all: every sample at once (micro average), --quiet and --json.
"""
import json
import os
import re
import subprocess
import sys

EXT = {"ntriples": "nt", "turtle": "ttl", "nquads": "nq", "trig": "trig"}


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def samples(directory):
    return sorted(f[:-5] for f in os.listdir(directory)
                  if f.endswith(".json") and os.path.exists(os.path.join(directory, f[:-5] + ".txt")))


def extract(newskg, samples_dir, outdir, name, fmt):
    gold = os.path.join(samples_dir, name + ".json")
    with open(gold, encoding="utf-8") as f:
        published = json.load(f).get("published")
    out = os.path.join(outdir, f"{name}.{EXT[fmt]}")
    cmd = [newskg, "extract", os.path.join(samples_dir, name + ".txt"), "-f", fmt, "-o", out]
    if published:
        cmd += ["--published", published]
    code, _, err = run(cmd)
    if code != 0:
        sys.exit(f"newskg extract failed on {name}: {err}")
    return gold, out


def strip_spurious(text):
    """The lines but for the spurious ones' text; those keep doc and kind."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^(  .*?: spurious \w+): ", line)
        out.append(m.group(1) if m else line)
    return out


def compare(label, expected, got, failures):
    if expected != got:
        failures.append(label)
        print(f"FAIL {label}\n--- kgscore\n{expected}--- newskg eval\n{got}")
    else:
        print(f"ok   {label}")


def main(argv):
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    newskg, kgscore, samples_dir, outdir, name = argv[1:6]
    formats = argv[6:] or ["ntriples"]
    os.makedirs(outdir, exist_ok=True)
    py = sys.executable
    failures = []
    checks = 0
    if name == "all":
        args = []
        for n in samples(samples_dir):
            args += extract(newskg, samples_dir, outdir, n, "ntriples")
        for mode in ("--quiet", "--json"):
            _, expected, kerr = run([py, kgscore] + args + [mode])
            _, got, err = run([newskg, "eval"] + args + [mode])
            compare(f"all samples {mode}", expected, got + err, failures)
            checks += 1
    else:
        for fmt in formats:
            gold, graph = extract(newskg, samples_dir, outdir, name, fmt)
            _, expected, _ = run([py, kgscore, gold, graph, "--quiet"])
            _, got, err = run([newskg, "eval", gold, graph, "--quiet"])
            compare(f"{name} {fmt} --quiet", expected, got + err, failures)
            _, expected_all, _ = run([py, kgscore, gold, graph])
            _, got_all, err = run([newskg, "eval", gold, graph])
            compare(f"{name} {fmt} with misses (spurious by kind)", "\n".join(strip_spurious(expected_all)) + "\n",
                    "\n".join(strip_spurious(got_all + err)) + "\n", failures)
            checks += 2
        gold = os.path.join(samples_dir, name + ".json")
        _, on_graph, _ = run([newskg, "eval", gold, os.path.join(outdir, f"{name}.{EXT[formats[0]]}"), "--quiet"])
        _, on_text, err = run([newskg, "eval", gold, os.path.join(samples_dir, name + ".txt"), "--quiet"])
        compare(f"{name} article = its graph", on_graph, on_text + err, failures)
        checks += 1
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
