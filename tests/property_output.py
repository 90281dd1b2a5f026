#!/usr/bin/env python3
"""Property-based test: whatever the input, every output format of `newskg extract` parses.

usage: property_output.py NEWSKG SERDI RAPPER SORD_LOAD WORKDIR [--seed N] [--cases N]

A seeded generator makes hostile articles (quotes, backslashes, triple quotes, control
characters, CR, U+2028, NUL, invalid UTF-8, a BOM, long words), titles (the same, with line
breaks), URLs (spaces, > < " { } | \\ ^ `, non-ASCII, invalid UTF-8), document ids and odd
--base IRIs. For each case, newskg runs in all four formats; each output must parse in serdi
(strict), rapper and Sord (sord_load), all four must hold the same number of statements, and
a second run (another working folder, other malloc patterns) must give the same bytes.
The seed of a failing case is printed; rerun it with --seed N --cases 1.
"""
import argparse
import os
import random
import subprocess
import sys

FORMATS = ["turtle", "ntriples", "nquads", "trig"]
SEED_SENTENCES = [
    "North Korea was preparing to send up to 10,000 soldiers to support the Russian invasion.",
    "Russia denied the allegations, calling them \"baseless\".",
    "\"We never sent weapons,\" Iran's foreign ministry said on Tuesday.",
    "The European Union and Ukraine signed a defense agreement in June.",
    "The United States pledged $220 million in humanitarian aid to Sudan.",
    "SEOUL, South Korea (AP) \u2014 South Korea's intelligence agency said North Korea sent 1,500 troops.",
    "KYIV, Ukraine -- Ukraine accused Belarus of allowing Russian troops to cross the border.",
]
HOSTILE = [
    '"', '\\', '"\\', '\\"', '""', '"""', "'''", '\\n', '\\u0022', '>', '<', '^^', '@en', '#', '%', '%zz',
    '\n', '\r', '\r\n', '\t', '\x0b', '\x0c', '\x1b[31m', '\x01', '\x7f', '\u0085', '\u2028', '\u2029',
    '\u00a0', '\ufeff', '\u200b', '\u202e', '\U0001F600', 'e\u0301', '\u05e9\u05dc\u05d5\u05dd', '\u4e2d\u6587',
    '\ud7ff', '\ue000', '\uffff', '\U0010ffff', ' ', '  ', '.', '...', '!', '?', ';', ',', '(', ')', '{', '}',
    '|', '`', '~', '&', '=', '+', '*', '/', ':',
]
BAD_BYTES = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf5\x80\x80\x80", b"\xe2\x82", b"\x80", b"\x00"]
BASES = [
    "http://example.org/a b>c/", "urn:x:", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66:", "http://example.org/kg#",
    "https://example.org/kg?x=1&y=", "file:///tmp/a\"b\\c/", "tag:example.org,2024:", "HTTP://EXAMPLE.ORG/%zz/",
    "x:", "http://[::1]:8080/{}|^`/", "https://例え.jp/グラフ/", "mailto:a@b.c#",
]


def hostile_text(rng, size):
    parts = []
    while sum(len(p) for p in parts) < size:
        r = rng.random()
        if r < 0.45:
            s = rng.choice(SEED_SENTENCES)
            if rng.random() < 0.3:  # break it somewhere with a hostile piece
                k = rng.randrange(len(s) + 1)
                s = s[:k] + rng.choice(HOSTILE) + s[k:]
            parts.append(s.encode("utf-8"))
        elif r < 0.85:
            parts.append(rng.choice(HOSTILE).encode("utf-8", "surrogatepass"))
        elif r < 0.95:
            parts.append(rng.choice(BAD_BYTES))
        else:
            parts.append(("x" * rng.randrange(1, 300)).encode())
        parts.append(rng.choice([b" ", b"", b"\n", b" ", b"\r\n"]))
    data = b"".join(parts)
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    return data


def hostile_string(rng, n):
    out = []
    for _ in range(rng.randrange(1, n)):
        r = rng.random()
        if r < 0.6:
            out.append(rng.choice(HOSTILE).encode("utf-8", "surrogatepass"))
        elif r < 0.8:
            out.append(rng.choice(["Seed", "article", "Korea", "a", "1"]).encode())
        else:
            out.append(rng.choice(BAD_BYTES).replace(b"\x00", b"\x01"))  # argv cannot hold NUL
    return b"".join(out).replace(b"\x00", b"")


def case_args(rng, article):
    args = [article]
    if rng.random() < 0.8:
        args += [b"--title", hostile_string(rng, 12)]
    if rng.random() < 0.8:
        scheme = rng.choice([b"https://example.org/", b"http://x/", b"urn:a:", b"ftp://h/", b"https://"])
        args += [b"--url", scheme + hostile_string(rng, 10)]
    if rng.random() < 0.6:
        base = rng.choice(BASES).encode() if rng.random() < 0.7 else b"http://example.org/" + hostile_string(rng, 6)
        args += [b"--base", base]
    if rng.random() < 0.4:
        args += [b"--id", hostile_string(rng, 8) or b"x"]
    if rng.random() < 0.3:
        args += [b"--published", b"2024-10-22"]
    if rng.random() < 0.2:
        args += [b"--no-text"]
    return args


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=300, **kw)


def check_case(opts, seed, workdir):
    rng = random.Random(seed)
    folder = os.path.join(workdir, f"case-{seed}")
    os.makedirs(folder, exist_ok=True)
    article = os.path.join(folder, "article.txt")
    with open(article, "wb") as f:
        f.write(hostile_text(rng, rng.choice([200, 1000, 4000])))
    args = case_args(rng, article.encode())
    problems, counts = [], {}
    for fmt in FORMATS:
        out = os.path.join(folder, f"out.{fmt}")
        cmd = [opts.newskg.encode(), b"extract", b"-f", fmt.encode(), b"-o", out.encode()] + args
        proc = run(cmd)
        if proc.returncode != 0:
            problems.append(f"{fmt}: newskg exited {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[:300]}")
            continue
        serdi = run([opts.serdi, "-i", fmt, "-o", "nquads", out])
        if serdi.returncode != 0 or serdi.stderr:
            problems.append(f"{fmt}: serdi: {serdi.stderr.decode('utf-8', 'replace')[:300]}")
        counts[fmt] = serdi.stdout.count(b"\n")
        rapper = run([opts.rapper, "-q", "-i", fmt, "-c", out])
        if rapper.returncode != 0:
            problems.append(f"{fmt}: rapper: {rapper.stderr.decode('utf-8', 'replace')[:300]}")
        sord = run([opts.sord_load, fmt, out])
        if sord.returncode != 0:
            problems.append(f"{fmt}: Sord: {sord.stderr.decode('utf-8', 'replace')[:300]}")
        if fmt == "nquads":
            # Determinism: the same input again, from another folder and with other malloc
            # patterns, gives the same bytes.
            again = run(cmd[:5] + [out.encode() + b".again"] + args, cwd="/", env=dict(os.environ, MALLOC_PERTURB_="165"))
            with open(out, "rb") as a, open(out + ".again", "rb") as b:
                if again.returncode != 0 or a.read() != b.read():
                    problems.append("nquads: a second run gave other bytes")
    if len(set(counts.values())) > 1:
        problems.append(f"the formats hold different numbers of statements: {counts}")
    if problems:
        print(f"case seed {seed}: newskg extract {b' '.join(args).decode('utf-8', 'backslashreplace')}", file=sys.stderr)
        for p in problems:
            print(f"  FAIL {p}", file=sys.stderr)
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("newskg")
    ap.add_argument("serdi")
    ap.add_argument("rapper")
    ap.add_argument("sord_load")
    ap.add_argument("workdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=20)
    opts = ap.parse_args()
    os.makedirs(opts.workdir, exist_ok=True)
    failed = [s for s in range(opts.seed, opts.seed + opts.cases) if not check_case(opts, s, opts.workdir)]
    print(f"{opts.cases - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
