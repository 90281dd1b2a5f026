#!/usr/bin/env python3
"""Runs the bad-input cases of tests/bad-input/manifest.tsv against newskg.

usage: bad_input.py NEWSKG SERDI WORKDIR CASE   (one case; ctest runs each as its own test)
       bad_input.py NEWSKG SERDI WORKDIR --list (the case names)
Exit 0: the case passed; 1: it failed (the reasons on stderr); 77: skipped (needs non-root).
"""
import os
import re
import shutil
import stat
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDER = os.path.join(HERE, "bad-input")


def cases():
    out = []
    with open(os.path.join(FOLDER, "manifest.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 5:
                sys.exit(f"manifest.tsv: '{line[:40]}...': expected 5 tab-separated fields, found {len(fields)}")
            out.append(fields)
    return out


def generate(name, work):
    """Creates the generated input `name` in `work`; returns its path."""
    path = os.path.join(work, name)
    if name == "no-line-break-50mb":
        chunk = b"the officials said that the talks would go on " * 1000
        with open(path, "wb") as f:
            written = 0
            while written < 50_000_000:
                piece = chunk[: 50_000_000 - written]
                f.write(piece)
                written += len(piece)
    elif name == "million-token-sentence":
        # 1,000,000 tokens without a sentence end: words, commas and now and then a name.
        words = ["the", "officials", ",", "and", "of", "talks", "would", "go", "on", ","] * 9 + ["Russia"] * 5 + ["Ukraine"] * 5
        with open(path, "w", encoding="utf-8") as f:
            f.write(" ".join(words[i % len(words)] for i in range(1_000_000)))
    elif name == "elf":
        shutil.copyfile("/bin/ls", path)  # a program: an ELF file
    elif name == "unreadable":
        with open(path, "w") as f:
            f.write("Germany will send 500 soldiers to Lithuania.\n")
        os.chmod(path, 0)
    else:
        sys.exit(f"bad_input.py: unknown generated input '{name}'")
    return path


def run_case(newskg, serdi, workdir, case):
    name, args, code, expected_err, check = case
    work = os.path.join(workdir, name)
    if os.path.isdir(work):
        for root, dirs, _ in os.walk(work):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(work)
    os.makedirs(work)
    if "needs-non-root" in check and os.geteuid() == 0:
        print(f"{name}: skipped (root reads every file)")
        return 77
    with open(os.path.join(work, "out.ttl"), "w") as f:
        f.write("old\n")
    os.symlink("out.ttl", os.path.join(work, "link.ttl"))
    stdin = subprocess.DEVNULL
    argv = [newskg, "extract", "-f", "nquads"]
    for a in args.split(" "):
        m = re.fullmatch(r"\{gen:(stdin=)?([\w-]+)\}", a)
        if m and m.group(1):
            stdin = open(generate(m.group(2), work), "rb")
            continue
        if m:
            a = generate(m.group(2), work)
        argv.append(a.replace("{D}", FOLDER).replace("{W}", work))
    proc = subprocess.run(argv, stdin=stdin, capture_output=True, timeout=600)
    err = proc.stderr.decode("utf-8", "replace")
    problems = []
    # A run that reads its inputs ends with the summary line; the manifest's stderr is the rest.
    summary = re.search(r"(?m)^newskg: (\d+) documents?, (\d+) skipped, .*\n\Z", err)
    if summary:
        err = err[:summary.start()]
    elif "parses" in check.split():
        problems.append("no summary line at the end of stderr")
    if proc.returncode != int(code):
        problems.append(f"exit code {proc.returncode}, expected {code}")
    if not re.fullmatch(expected_err, err.rstrip("\n")):
        problems.append(f"stderr does not match {expected_err!r}")
    if err and not err.endswith("\n"):
        problems.append("stderr does not end with a line break")
    checks = check.split()
    if "parses" in checks:
        parsed = subprocess.run([serdi, "-i", "nquads", "-o", "nquads", "-"], input=proc.stdout, capture_output=True)
        if parsed.returncode != 0:
            problems.append("stdout is not valid N-Quads: " + parsed.stderr.decode("utf-8", "replace")[:300])
        for c in checks:
            if c.startswith("docs="):
                docs = proc.stdout.count(b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Document>")
                if docs != int(c[5:]):
                    problems.append(f"{docs} documents in the output, expected {c[5:]}")
                if summary and int(summary.group(1)) != docs:
                    problems.append(f"the summary counts {summary.group(1)} documents, the output holds {docs}")
    leftovers = [f for f in os.listdir(work) if ".tmp-" in f]
    if leftovers:
        problems.append(f"temporary files left behind: {leftovers}")
    with open(os.path.join(work, "out.ttl"), "rb") as f:
        out = f.read()
    if "untouched" in checks and out != b"old\n":
        problems.append("out.ttl was changed")
    if "written" in checks or "link" in checks:
        parsed = subprocess.run([serdi, "-i", "nquads", "-o", "nquads", os.path.join(work, "out.ttl")], capture_output=True)
        if out == b"old\n" or parsed.returncode != 0:
            problems.append("out.ttl was not replaced by valid N-Quads")
    if "link" in checks and not os.path.islink(os.path.join(work, "link.ttl")):
        problems.append("link.ttl is no longer a symbolic link")
    if "dev-null" in checks and not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        problems.append("/dev/null is no longer a device")
    if problems:
        print(f"{name}: {' '.join(argv)}", file=sys.stderr)
        print(f"--- stderr:\n{err}---", file=sys.stderr)
        for p in problems:
            print(f"FAIL: {p}", file=sys.stderr)
        return 1
    print(f"{name}: ok (exit {proc.returncode})")
    return 0


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    newskg, serdi, workdir, which = sys.argv[1:]
    all_cases = cases()
    if which == "--list":
        print(";".join(c[0] for c in all_cases))
        return 0
    for c in all_cases:
        if c[0] == which:
            return run_case(newskg, serdi, workdir, c)
    sys.exit(f"bad_input.py: no case '{which}' in manifest.tsv")


if __name__ == "__main__":
    sys.exit(main())
