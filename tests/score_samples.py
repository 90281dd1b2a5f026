#!/usr/bin/env python3
"""Extracts every samples/*.txt that has a gold .json beside it and scores all of them at once
with tools/kgscore.py: a regression floor on extraction quality over many articles.

Usage: score_samples.py NEWSKG SAMPLES_DIR KGSCORE OUT_DIR MIN_F1
"""
import json
import pathlib
import subprocess
import sys


def main(newskg, samples, kgscore, out_dir, min_f1):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pairs = []
    for gold in sorted(pathlib.Path(samples).glob("*.json")):
        article = gold.with_suffix(".txt")
        if not article.exists():
            continue
        published = json.loads(gold.read_text(encoding="utf-8")).get("published")
        graph = out / (gold.stem + ".nt")
        cmd = [newskg, "extract", str(article), "-f", "ntriples", "-o", str(graph)]
        if published:
            cmd += ["--published", published]
        subprocess.run(cmd, check=True)
        pairs += [str(gold), str(graph)]
    if len(pairs) < 2 * 10:
        sys.exit(f"score_samples: only {len(pairs) // 2} samples with gold found in {samples}")
    return subprocess.run([sys.executable, kgscore, *pairs, "--quiet", "--min-f1", min_f1]).returncode


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
