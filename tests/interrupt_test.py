#!/usr/bin/env python3
"""newskg killed mid-run leaves no partial output: for SIGINT, SIGTERM and SIGHUP, newskg
extract runs over many articles with -o OUT, where OUT already holds an earlier graph; once its
temporary file has grown, the signal comes. newskg must exit with 128 + the signal, OUT must
be untouched and no temporary file may remain. A run without a signal must then replace OUT.

usage: interrupt_test.py NEWSKG ARTICLE WORKDIR
"""
import os
import shutil
import signal
import subprocess
import sys
import time

OLD = b"# the earlier graph\n"


def main():
    newskg, article, workdir = sys.argv[1:4]
    failures = []
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        work = os.path.join(workdir, f"interrupt-{sig.name}")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        out = os.path.join(work, "out.ttl")
        with open(out, "wb") as f:
            f.write(OLD)
        proc = subprocess.Popen([newskg, "extract", "-o", out] + [article] * 5000, stderr=subprocess.PIPE)
        deadline = time.time() + 120
        temp = None
        while time.time() < deadline and proc.poll() is None:
            temps = [f for f in os.listdir(work) if ".tmp-" in f]
            if temps and os.path.getsize(os.path.join(work, temps[0])) > 0:
                temp = temps[0]
                break
            time.sleep(0.005)
        if temp is None:
            proc.kill()
            proc.wait()
            failures.append(f"{sig.name}: newskg ended (or never wrote) before the signal; exit {proc.returncode}")
            continue
        proc.send_signal(sig)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            failures.append(f"{sig.name}: newskg did not stop")
            continue
        with open(out, "rb") as f:
            intact = f.read() == OLD
        left = [f for f in os.listdir(work) if f != "out.ttl"]
        print(f"{sig.name}: signalled with {temp} present; exit {proc.returncode}; out.ttl intact: {intact}; left: {left}")
        if proc.returncode != 128 + sig:
            failures.append(f"{sig.name}: exit {proc.returncode}, expected {128 + sig} ({err.decode(errors='replace')[:200]})")
        if not intact:
            failures.append(f"{sig.name}: out.ttl was changed")
        if left:
            failures.append(f"{sig.name}: files left behind: {left}")
    # Without a signal the same run replaces the file.
    work = os.path.join(workdir, "interrupt-none")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "out.ttl")
    with open(out, "wb") as f:
        f.write(OLD)
    done = subprocess.run([newskg, "extract", "-o", out, article], capture_output=True)
    with open(out, "rb") as f:
        replaced = f.read() != OLD
    if done.returncode != 0 or not replaced or os.listdir(work) != ["out.ttl"]:
        failures.append(f"no signal: exit {done.returncode}, replaced {replaced}, files {os.listdir(work)}")
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    print(f"{4 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
