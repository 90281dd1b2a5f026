#!/usr/bin/env python3
"""`newskg eval` and tools/kgscore.py agree on random graphs and gold files.

Usage: eval_random_agreement.py NEWSKG KGSCORE.py OUTDIR [CASES] [SEED]

Each case is a small random graph (N-Triples or Turtle) and gold file built to hit the
corners of the matching rule: names that only match after normalisation, ISO codes,
affiliations (one level, self-affiliation; no longer cycles,
which kgscore cannot read), claims about claims and aid (and cycles),
rdf:type through rdfs:subClassOf, blank nodes, literal actors, several values of one
property, spans with wrong or missing offsets, facts without evidence, gold fields absent
or null. Both tools score the same pairs (one pair, then several at once) and must print
the same text (--quiet), and the same JSON.
"""
import contextlib
import importlib.util
import io
import json
import os
import random
import subprocess
import sys

NKG = "https://w3id.org/newskg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
EX = "http://example.org/"

GOLD_ACTORS = [
    {"name": "United States", "iso3": "USA", "aliases": ["U.S.", "Washington", "the States"]},
    {"name": "Russia", "iso3": "rus", "aliases": ["Moscow", "Russian Federation"]},
    {"name": "North Korea", "iso3": "PRK", "aliases": ["Pyongyang", "DPRK"]},
    {"name": "South Korea", "iso3": "KOR", "aliases": ["Seoul"]},
    {"name": "NIS", "affiliation": "South Korea", "aliases": ["South Korea’s intelligence agency"]},
    {"name": "Robert Wood", "affiliation": "United States"},
    {"name": "Kremlin", "affiliation": "Russia", "iso3": ""},
    {"name": "Ukraine", "iso3": "UKR", "aliases": ["Kyiv", "Kiev"]},
    {"name": "Ukraine", "aliases": ["Kyiv-duplicate"], "affiliation": "Russia"},
]
SYS_LABELS = [
    "United States", "the United States", "U.S.", "US", "u.s", "Washington", "THE  STATES",
    "Russia", "Russian Federation", "moscow", "North-Korea", "N. Korea", "DPRK", "Pyongyang",
    "South Korea", "Seoul", "South Korea's intelligence agency", "South Korea’s Intelligence Agency",
    "NIS", "Robert Wood", "Kremlin", "Ukraine", "Kyiv", "Kiev", "Kyiv-duplicate", "the\u00a0Ukraine",
    "\uff35\uff4b\uff52\uff41\uff49\uff4e\uff45", "Thessaly", "the", "Lithuania", "",
]
GOLD_NAMES = [a["name"] for a in GOLD_ACTORS] + ["Nobody", "Lithuania"]
KINDS = ["Allegation", "Denial", "Confirmation", "Agreement", "Aid"]
AID_TYPES = ["MilitaryAid", "WeaponsAid", "TroopsAid", "HumanitarianAid", "FinancialAid", "OtherAid", "BogusAid"]
STATUSES = ["Actual", "Considered", "Planned", "Alleged", "Denied", "Refused", "Whatever"]
GOLD_STATUS = ["actual", "considered", "planned", "alleged", "denied", "refused", "signed", "proposed",
               "negotiating", None]
GOLD_ACTS = ["TroopDeployment", "ArmsTransfer", "Aid", "Attack", "Agreement", "Other", "Bogus", None]
GOLD_AID = ["Military", "Weapons", "Troops", "Humanitarian", "Financial", "Other", "Bogus", None]
TEXT = "Seoul said on Tuesday that “North Korea” sent up to 10,000 soldiers — to Russia. Ça va? 🙂 Done.\nNext line."


def iri(x):
    return "<" + x + ">"


def lit(s, suffix=""):
    esc = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + esc + '"' + suffix


def make_case(rng):
    triples = []

    def add(s, p, o):
        triples.append((s, p, o))

    actors = []
    for i in range(rng.randint(3, 9)):
        node = iri(EX + f"actor/{i}") if rng.random() < 0.8 else f"_:a{i}"
        actors.append(node)
    for k, node in enumerate(actors):
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            label = rng.choice(SYS_LABELS)
            add(node, iri(RDFS + "label"), lit(label, rng.choice(["", "@en", "^^<http://www.w3.org/2001/XMLSchema#string>"])))
        if rng.random() < 0.3:
            add(node, iri(NKG + "iso3"), lit(rng.choice(["usa", "RUS", "PRK", "kor", "UKR", "XXX", ""])))
        if rng.random() < 0.35:
            # to itself or an earlier actor: kgscore follows affiliations to the end and
            # would recurse forever on a longer cycle
            add(node, iri(NKG + "affiliation"), rng.choice(actors[:k + 1]))
    literal_actors = [lit(rng.choice(SYS_LABELS)) for _ in range(2)]
    pool = actors + literal_actors + [iri(EX + "unlabelled/Russia")]

    # A class of our own under nkg:Allegation, and nkg:Allegation under nkg:Claim (or not).
    if rng.random() < 0.5:
        add(iri(EX + "Accusation"), iri(RDFS + "subClassOf"), iri(NKG + "Allegation"))
    if rng.random() < 0.5:
        add(iri(NKG + "Denial"), iri(RDFS + "subClassOf"), iri(NKG + "Claim"))

    doc = iri(EX + "doc")
    add(doc, iri(NIF + "isString"), lit(TEXT))
    n = len(TEXT)
    facts = []
    for i in range(rng.randint(2, 12)):
        node = iri(EX + f"fact/{rng.randint(0, 99):02d}-{i}") if rng.random() < 0.85 else f"_:f{i}"
        facts.append(node)
    for node in facts:
        kind = rng.choice(KINDS + ["Claim", "OtherAct", "Accusation"])
        cls = EX + "Accusation" if kind == "Accusation" else NKG + kind
        add(node, iri(RDF_TYPE), iri(cls))
        if rng.random() < 0.1:
            add(node, iri(RDF_TYPE), iri(NKG + rng.choice(KINDS)))
        for role in ["claimant", "accused", "party", "provider", "recipient"]:
            if rng.random() < 0.45:
                for _ in range(rng.choice([1, 1, 2])):
                    add(node, iri(NKG + role), rng.choice(pool))
        if rng.random() < 0.6:
            add(node, iri(NKG + "about"), rng.choice(facts))
        if rng.random() < 0.6:
            add(node, iri(NKG + "aidType"), iri(NKG + rng.choice(AID_TYPES)))
        if rng.random() < 0.6:
            add(node, iri(NKG + "status"), iri(NKG + rng.choice(STATUSES)))
        if rng.random() < 0.4:
            add(node, iri(NKG + "date"), lit(rng.choice(["2024-06-19", "2024-06", "2024", "2023-12-01"])))
        for _ in range(rng.choice([0, 1, 1, 2])):
            b = rng.randint(-5, n + 3)
            e = rng.randint(b - 2, n + 5)
            span = iri(EX + f"doc#char={b},{e}") if rng.random() < 0.9 else f"_:s{rng.randint(0, 999)}"
            add(node, iri(NKG + "evidence"), span)
            add(span, iri(NIF + "referenceContext"), doc if rng.random() < 0.9 else iri(EX + "nodoc"))
            if rng.random() < 0.95:
                add(span, iri(NIF + "beginIndex"), lit(str(b), "^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>") if rng.random() < 0.95 else lit("x"))
            if rng.random() < 0.95:
                add(span, iri(NIF + "endIndex"), lit(str(e)))
            if rng.random() < 0.95:
                pb, pe = max(b, 0), max(e, 0)
                anchor = TEXT[b:e] if rng.random() < 0.8 else TEXT[pb:pe + 1]
                add(span, iri(NIF + "anchorOf"), lit(anchor))

    gold_facts = []
    for _ in range(rng.randint(0, 10)):
        kind = rng.choice(KINDS + ["Unknown"])
        f = {"kind": kind, "sentence": rng.choice(["", "A sentence.", TEXT * 2])}
        for role in {"Allegation": ["claimant", "accused"], "Denial": ["denier", "accused"],
                     "Confirmation": ["confirmer"], "Agreement": ["parties"],
                     "Aid": ["provider", "recipient"]}.get(kind, []):
            r = rng.random()
            if r < 0.15:
                continue
            if r < 0.25:
                f[role] = None
            else:
                f[role] = [rng.choice(GOLD_NAMES) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
        if rng.random() < 0.8:
            f["act"] = rng.choice(GOLD_ACTS)
        if rng.random() < 0.8:
            f["aidType"] = rng.choice(GOLD_AID)
        if rng.random() < 0.8:
            f["status"] = rng.choice(GOLD_STATUS)
        if rng.random() < 0.6:
            f["when"] = rng.choice(["2024-06", "2024", "", "2023", None])
        if rng.random() < 0.1:
            del f["sentence"]
        gold_facts.append(f)
    gold = {"id": rng.choice([f"case-{rng.randint(0, 999)}", None, 7]), "published": "2024-10-22",
            "actors": GOLD_ACTORS if rng.random() < 0.9 else [], "facts": gold_facts}
    if rng.random() < 0.1:
        del gold["id"]
    rng.shuffle(triples)
    return triples, gold


def write_graph(triples, path):
    with open(path, "w", encoding="utf-8") as f:
        for s, p, o in triples:
            f.write(f"{s} {p} {o} .\n")


def load_kgscore(path):
    spec = importlib.util.spec_from_file_location("kgscore", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_kgscore(mod, args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = mod.main(args)
    return code, out.getvalue()


def main(argv):
    newskg, kgscore_path, outdir = argv[1], argv[2], argv[3]
    cases = int(argv[4]) if len(argv) > 4 else 300
    seed = int(argv[5]) if len(argv) > 5 else 20241022
    os.makedirs(outdir, exist_ok=True)
    kgscore = load_kgscore(kgscore_path)
    rng = random.Random(seed)
    failures = 0
    pairs = []
    for i in range(cases):
        triples, gold = make_case(rng)
        gpath = os.path.join(outdir, f"case{i}.json")
        with open(gpath, "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=rng.random() < 0.5, indent=1)
        nt = os.path.join(outdir, f"case{i}.nt")
        write_graph(triples, nt)
        graph = nt
        if i % 3 == 0:  # Turtle too: blank node labels and all, as serdi reads them
            graph = os.path.join(outdir, f"case{i}.ttl")
            with open(graph, "w", encoding="utf-8") as f:
                f.write("@prefix nkg: <https://w3id.org/newskg/ontology#> .\n")
                for s, p, o in triples:
                    f.write(f"{s} {p} {o} .\n")
                f.write("[] a nkg:Aid ; nkg:provider [ <http://www.w3.org/2000/01/rdf-schema#label> \"Russia\" ] .\n")
        pairs += [gpath, graph]
        for mode in (["--quiet"], ["--json"]):
            _, expected = run_kgscore(kgscore, [gpath, graph] + mode)
            got = subprocess.run([newskg, "eval", gpath, graph] + mode, capture_output=True, text=True)
            if got.stdout != expected:
                failures += 1
                print(f"case {i} {mode}: outputs differ\n--- kgscore\n{expected}--- newskg eval\n{got.stdout}{got.stderr}")
    for mode in (["--quiet"], ["--json"]):
        _, expected = run_kgscore(kgscore, pairs + mode)
        got = subprocess.run([newskg, "eval"] + pairs + mode, capture_output=True, text=True)
        if got.stdout != expected:
            failures += 1
            print(f"all {cases} pairs {mode}: outputs differ\n--- kgscore\n{expected}--- newskg eval\n{got.stdout}{got.stderr}")
    print(f"{2 * cases + 2 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
