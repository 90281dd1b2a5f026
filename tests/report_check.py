#!/usr/bin/env python3
"""Checks of newskg's views for people against the RDF of the same articles.

  report_check.py dom --chromium C --newskg N --html H --screenshot P [--published D] ARTICLE...
      Headless Chromium opens the report H, saves a screenshot (1280 px wide) to P and dumps
      the DOM; every fact of the articles' RDF must have each of its evidence spans marked
      (<mark data-fact=IRI data-span="B,E">, text equal to nif:anchorOf, footnote markers
      aside), its row (<tr data-fact=IRI>) and its node in the drawing (<title>IRI</title>),
      and the page must hold nothing else; element ids are unique and every #link leads
      somewhere.
  report_check.py network --chromium C --work DIR HTML...
      Chromium opens each page with its network log on and every request sent to a local
      trap proxy; no request may come from the page. A control page with an external image
      must be caught, so that the check is known to work. The pages must also name no
      external resource (script, stylesheet, image, frame, font, url()).
  report_check.py tsv --newskg N --tsv T [--published D] ARTICLE...
      Python's csv module reads the event table back: the header, one row per fact of the
      RDF, the fact IRIs, and text[begin:end] == evidence in the article.
  report_check.py dot --newskg N --dot-check X --dot F [--published D] ARTICLE...
      Every fact and actor of the RDF is a node of the DOT file, which Graphviz (through
      dot-check) lays out into SVG with a node per fact.

Exits 1 with the reasons on failure. Uses the standard library only.
"""

import argparse
import csv
import html
import html.parser
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

NKG = "https://w3id.org/newskg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FACT_KINDS = {"Aid", "Agreement", "OtherAct", "Allegation", "Denial", "Confirmation"}
TSV_COLUMNS = ["document", "fact", "kind", "agents", "targets", "type", "status", "quantity", "unit", "bound",
               "date", "cameo", "evidence", "begin", "end", "rule"]

failures = []


def fail(message):
    failures.append(message)


def finish(what):
    if failures:
        for f in failures[:40]:
            print("FAIL:", f)
        if len(failures) > 40:
            print(f"... and {len(failures) - 40} more")
        sys.exit(1)
    print("ok:", what)


# --- the facts, from newskg's own N-Triples -------------------------------------------------

NT_LINE = re.compile(r'^<([^>]*)> <([^>]*)> (.*) \.$')
NT_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def nt_unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
        elif s[i + 1] == "u":
            out.append(chr(int(s[i + 2:i + 6], 16)))
            i += 6
        elif s[i + 1] == "U":
            out.append(chr(int(s[i + 2:i + 10], 16)))
            i += 10
        else:
            out.append(NT_ESCAPES[s[i + 1]])
            i += 2
    return "".join(out)


def nt_object(text):
    if text.startswith("<"):
        return text[1:-1]
    m = re.match(r'^"(.*)"(?:\^\^<[^>]*>|@[A-Za-z0-9-]+)?$', text)
    if not m:
        raise ValueError(f"cannot read the N-Triples object {text!r}")
    return nt_unescape(m.group(1))


def rdf_facts(newskg, articles, published):
    """{fact IRI: {"kind", "document", "spans": [(begin, end, anchor)], "actors"}}, all actors,
    {document IRI: text}."""
    command = [newskg, "extract", "-f", "ntriples", *articles]
    if published:
        command += ["--published", published]
    nt = subprocess.run(command, check=True, capture_output=True, text=True, encoding="utf-8").stdout
    triples = []
    for line in nt.splitlines():
        m = NT_LINE.match(line)
        if m:
            triples.append((m.group(1), m.group(2), nt_object(m.group(3))))
    by_subject = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    facts, actors, texts = {}, set(), {}
    for s, props in by_subject.items():
        if NKG + "Document" in props.get(RDF_TYPE, []):
            texts[s] = props.get(NIF + "isString", [None])[0]
        kinds = [t[len(NKG):] for t in props.get(RDF_TYPE, []) if t.startswith(NKG) and t[len(NKG):] in FACT_KINDS]
        if not kinds:
            continue
        spans = []
        for span in props.get(NKG + "evidence", []):
            sp = by_subject[span]
            spans.append((int(sp[NIF + "beginIndex"][0]), int(sp[NIF + "endIndex"][0]), sp[NIF + "anchorOf"][0]))
        roles = set()
        for role in ("claimant", "accused", "provider", "recipient", "party"):
            roles.update(props.get(NKG + role, []))
        actors |= roles
        document = props.get("http://www.w3.org/ns/prov#wasDerivedFrom", [None])[0]
        facts[s] = {"kind": kinds[0], "document": document, "spans": sorted(spans), "actors": roles}
    if not facts:
        fail("the RDF of the articles has no facts: nothing would be checked")
    return facts, actors, texts


# --- Chromium --------------------------------------------------------------------------------

class Trap:
    """A proxy on 127.0.0.1 that answers nothing and records the request lines it is sent."""

    def __init__(self):
        self.requests = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(1)
                try:
                    data = conn.recv(4096)
                    self.requests.append(data.split(b"\r\n", 1)[0].decode("latin-1"))
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


def chromium(binary, url, trap, extra, timeout=60):
    if not binary or not shutil.which(binary):
        fail(f"Chromium not found ({binary}): install Debian's chromium (see README.md)")
        finish("chromium")
    profile = tempfile.mkdtemp(prefix="newskg-chromium-")
    try:
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
                   "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}",
                   f"--proxy-server=http://127.0.0.1:{trap.port}", "--proxy-bypass-list=<-loopback>",
                   f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", *extra, url]
        run = subprocess.run(command, capture_output=True, timeout=timeout)
        if run.returncode != 0:
            fail(f"chromium exited {run.returncode}: {run.stderr.decode(errors='replace')[-2000:]}")
        return run.stdout.decode("utf-8", errors="replace")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def file_url(path):
    return "file://" + os.path.abspath(path)


# --- the DOM ---------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Dom(html.parser.HTMLParser):
    """Marks (fact, span) -> text without footnote markers; rows; drawing nodes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, attrs)
        self.marks = {}
        self.pieces = {}
        self.rows = {}
        self.node_titles = []
        self.title_text = None
        self.text_divs = 0
        self.ids = {}
        self.local_links = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids[a["id"]] = self.ids.get(a["id"], 0) + 1
        for name in ("href", "xlink:href"):
            if (a.get(name) or "").startswith("#"):
                self.local_links.add(a[name][1:])
        if tag == "mark" and "data-fact" in a:
            key = (a["data-fact"], a.get("data-span", ""))
            self.marks.setdefault(key, "")
            self.pieces[key] = self.pieces.get(key, 0) + 1
        if tag == "tr" and "data-fact" in a:
            self.rows[a["data-fact"]] = self.rows.get(a["data-fact"], 0) + 1
        if tag == "div" and a.get("class") == "text":
            self.text_divs += 1
        if tag == "title" and self.stack and "node" in (self.stack[-1][1].get("class") or "").split():
            self.title_text = ""
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title" and self.title_text is not None:
            self.node_titles.append(self.title_text)
            self.title_text = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.title_text is not None:
            self.title_text += data
        if any(t == "sup" and "fn" in (a.get("class") or "").split() for t, a in self.stack):
            return
        for t, a in self.stack:
            if t == "mark" and "data-fact" in a:
                self.marks[(a["data-fact"], a.get("data-span", ""))] += data


def check_dom(args):
    facts, _, _ = rdf_facts(args.newskg, args.articles, args.published)
    trap = Trap()
    try:
        page = file_url(args.html)
        if os.path.exists(args.screenshot):
            os.remove(args.screenshot)
        chromium(args.chromium, page, trap, [f"--screenshot={args.screenshot}", "--window-size=1280,2000"])
        dom_text = chromium(args.chromium, page, trap, ["--dump-dom"])
    finally:
        trap.close()
    if failures:
        finish("dom")
    with open(args.screenshot, "rb") as f:
        png = f.read()
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) < 20000:
        fail(f"{args.screenshot}: not a screenshot of the page ({len(png)} bytes)")
    dom = Dom()
    dom.feed(dom_text)
    if dom.text_divs != len(args.articles):
        fail(f"{dom.text_divs} document texts in the page for {len(args.articles)} articles")
    for iri, fact in sorted(facts.items()):
        if not fact["spans"]:
            fail(f"{iri}: no evidence in the RDF")
        for begin, end, anchor in fact["spans"]:
            key = (iri, f"{begin},{end}")
            if key not in dom.marks:
                fail(f"{iri}: no highlighted span {begin},{end} ({anchor!r})")
            elif dom.marks[key] != anchor:
                fail(f"{iri}: span {begin},{end} reads {dom.marks[key]!r}, the RDF says {anchor!r}")
        if dom.rows.get(iri) != 1:
            fail(f"{iri}: {dom.rows.get(iri, 0)} rows in the table of facts, not 1")
        if iri not in dom.node_titles:
            fail(f"{iri}: no node in the drawing")
    expected_spans = {(iri, f"{b},{e}") for iri, fact in facts.items() for b, e, _ in fact["spans"]}
    for key in sorted(set(dom.marks) - expected_spans):
        fail(f"the page marks {key}, which the RDF does not have")
    for iri in sorted(set(dom.rows) - set(facts)):
        fail(f"the page has a row for {iri}, which the RDF does not have")
    for name, n in sorted(dom.ids.items()):
        if n > 1:
            fail(f"id {name!r} is on {n} elements")
    for name in sorted(dom.local_links - set(dom.ids)):
        fail(f"a link to #{name} leads nowhere")
    split = sum(1 for n in dom.pieces.values() if n > 1)
    finish(f"{len(facts)} facts, {len(expected_spans)} spans ({split} split to nest), "
           f"{len(dom.rows)} rows, {len(dom.node_titles)} drawn nodes; screenshot {args.screenshot}")


# --- no network ------------------------------------------------------------------------------

# Markup that makes a browser fetch something: any of these names an outside resource.
LOADS = re.compile(r'<(script|link|img|iframe|frame|object|embed|image|audio|video|source|track|base)\b'
                   r'|\bsrc\s*=|\bsrcset\s*=|url\s*\(|@import|@font-face|\bposter\s*=|\bbackground\s*=', re.I)


# Chromium's own background calls (component updates, network time, accounts), which reach
# the trap whatever the page holds; the network log tells them from the page's requests.
BROWSER_OWN = re.compile(r"\b(google|googleapis|gstatic|gvt1)\.com\b")


def page_requests(netlog_path):
    """Requests the page made (its frame's site is the file), other than file: and data: URLs."""
    with open(netlog_path, encoding="utf-8") as f:
        text = f.read().rstrip()
    if not text.endswith("}"):  # a log cut short at exit: close the list and the object
        text = text.rstrip(",\n") + "]}"
    log = json.loads(text)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    found = []
    for e in log.get("events", []):
        p = e.get("params") or {}
        if names.get(e["type"]) != "URL_REQUEST_START_JOB" or "url" not in p:
            continue
        from_page = "file://" in str(p.get("network_isolation_key", "")) or p.get("initiator") in ("null", "file://")
        if from_page and not p["url"].startswith(("file:", "data:", "blob:", "about:")):
            found.append(p["url"])
    return found


def check_network(args):
    os.makedirs(args.work, exist_ok=True)
    control = os.path.join(args.work, "control.html")
    with open(control, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html lang="en"><title>control</title>'
                '<img src="http://newskg-control.invalid/pixel.png" alt="control"></html>\n')
    trap = Trap()
    try:
        results = {}
        for page in [control, *args.html]:
            netlog = os.path.join(args.work, os.path.basename(page) + ".netlog.json")
            before = len(trap.requests)
            chromium(args.chromium, file_url(page), trap, [f"--log-net-log={netlog}", "--dump-dom"])
            results[page] = (page_requests(netlog), trap.requests[before:])
    finally:
        trap.close()
    requests, trapped = results[control]
    if not any("newskg-control.invalid" in r for r in requests):
        fail(f"the control page's image request was not seen in the network log ({requests}): the check is blind")
    if not any("newskg-control.invalid" in r for r in trapped):
        fail(f"the trap proxy did not see the control page's image request ({trapped}): the check is blind")
    for page in args.html:
        requests, trapped = results[page]
        if requests:
            fail(f"{page}: the page made network requests: {requests}")
        page_trapped = [r for r in trapped if not BROWSER_OWN.search(r)]
        if page_trapped:
            fail(f"{page}: the trap proxy was sent {page_trapped}")
        with open(page, encoding="utf-8") as f:
            source = f.read()
        for m in LOADS.finditer(source):
            fail(f"{page}: names an outside resource: {source[max(0, m.start() - 40):m.end() + 40]!r}")
        if "default-src 'none'" not in source:
            fail(f"{page}: no Content-Security-Policy that forbids loading")
    finish(f"{len(args.html)} pages made no network request (the control page's was caught)")


# --- the event table -------------------------------------------------------------------------

def check_tsv(args):
    facts, _, texts = rdf_facts(args.newskg, args.articles, args.published)
    articles = []
    for path in args.articles:
        with open(path, encoding="utf-8") as f:
            articles.append(f.read())
    if sorted(t for t in texts.values() if t is not None) != sorted(articles):
        fail("the documents of the RDF are not the articles")
    with open(args.tsv, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or rows[0] != TSV_COLUMNS:
        fail(f"header {rows[0] if rows else None} is not {TSV_COLUMNS}")
        finish("tsv")
    body = rows[1:]
    if len(body) != len(facts):
        fail(f"{len(body)} rows for {len(facts)} facts")
    seen = set()
    for n, row in enumerate(body, start=2):
        if len(row) != len(TSV_COLUMNS):
            fail(f"line {n}: {len(row)} fields")
            continue
        r = dict(zip(TSV_COLUMNS, row))
        iri = r["fact"]
        seen.add(iri)
        if iri not in facts:
            fail(f"line {n}: {iri} is not a fact of the RDF")
            continue
        if not iri.startswith(r["document"] + "/"):
            fail(f"line {n}: fact {iri} is not in document {r['document']}")
        if r["kind"] != facts[iri]["kind"]:
            fail(f"line {n}: kind {r['kind']}, the RDF says {facts[iri]['kind']}")
        begin, end = int(r["begin"]), int(r["end"])
        if (begin, end, r["evidence"]) not in facts[iri]["spans"]:
            fail(f"line {n}: evidence {begin},{end} {r['evidence']!r} is not a span of {iri}")
        text = texts.get(r["document"]) or ""
        if text[begin:end] != r["evidence"]:
            fail(f"line {n}: text[{begin}:{end}] of {r['document']} is {text[begin:end]!r}, not {r['evidence']!r}")
        for column in ("agents", "targets"):
            for actor in filter(None, r[column].split(";")):
                if not any(a.endswith("/actor/" + actor) for a in facts[iri]["actors"]):
                    fail(f"line {n}: {column} {actor} takes no role in {iri}")
    for iri in sorted(set(facts) - seen):
        fail(f"{iri}: no row")
    finish(f"{len(body)} rows, one per fact, offsets right")


# --- the drawing ------------------------------------------------------------------------------

def check_dot(args):
    facts, actors, _ = rdf_facts(args.newskg, args.articles, args.published)
    with open(args.dot, encoding="utf-8") as f:
        dot = f.read()
    if not dot.startswith('digraph "newskg" {') or not dot.rstrip().endswith("}"):
        fail("not one digraph")
    nodes = set(re.findall(r'^  "([^"]*)" \[label=', dot, re.M))
    for iri in sorted(set(facts) | actors):
        if iri not in nodes:
            fail(f"{iri}: no node in the DOT")
    svg = subprocess.run([args.dot_check, args.dot], capture_output=True, text=True, encoding="utf-8")
    if svg.returncode != 0:
        fail(f"Graphviz cannot lay the DOT out: {svg.stderr.strip()}")
    titles = {html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", svg.stdout)}
    for iri in sorted(facts):
        if iri not in titles:
            fail(f"{iri}: no node in the SVG Graphviz made of the DOT")
    finish(f"{len(facts)} facts and {len(actors)} actors drawn; Graphviz lays the DOT out")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("dom")
    p.add_argument("--chromium", required=True)
    p.add_argument("--newskg", required=True)
    p.add_argument("--html", required=True)
    p.add_argument("--screenshot", required=True)
    p.add_argument("--published")
    p.add_argument("articles", nargs="+")
    p = sub.add_parser("network")
    p.add_argument("--chromium", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("html", nargs="+")
    p = sub.add_parser("tsv")
    p.add_argument("--newskg", required=True)
    p.add_argument("--tsv", required=True)
    p.add_argument("--published")
    p.add_argument("articles", nargs="+")
    p = sub.add_parser("dot")
    p.add_argument("--newskg", required=True)
    p.add_argument("--dot-check", required=True)
    p.add_argument("--dot", required=True)
    p.add_argument("--published")
    p.add_argument("articles", nargs="+")
    args = parser.parse_args()
    {"dom": check_dom, "network": check_network, "tsv": check_tsv, "dot": check_dot}[args.command](args)


if __name__ == "__main__":
    main()
