// Unit tests of the evaluation library (evaluation/): the name normaliser, gold files, graphs
// read through Sord, and kgscore's matching rule on tiny hand-made graphs and gold files.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "newskg/evaluation.hpp"

namespace {

using namespace newskg::evaluation;

const std::string kNkg = "https://w3id.org/newskg/ontology#";
const std::string kNif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
const std::string kType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
const std::string kLabel = "<http://www.w3.org/2000/01/rdf-schema#label>";
const std::string kSubClassOf = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>";

std::string nkg(std::string_view local) { return "<" + kNkg + std::string(local) + ">"; }
std::string nif(std::string_view local) { return "<" + kNif + std::string(local) + ">"; }
std::string ex(std::string_view local) { return "<http://example.org/" + std::string(local) + ">"; }
std::string t(const std::string& s, const std::string& p, const std::string& o) { return s + " " + p + " " + o + " .\n"; }
std::string lit(std::string_view v) { return "\"" + std::string(v) + "\""; }

// Actors every graph below uses: states with codes, an agency of South Korea's.
std::string actors() {
  return t(ex("KOR"), kLabel, "\"South Korea\"@en") + t(ex("KOR"), nkg("iso3"), lit("KOR")) +
         t(ex("PRK"), kLabel, lit("North Korea")) + t(ex("RUS"), nkg("iso3"), lit("rus")) +
         t(ex("UKR"), kLabel, lit("Kyiv")) + t(ex("nis"), kLabel, lit("National Intelligence Service")) +
         t(ex("nis"), nkg("affiliation"), ex("KOR"));
}

const char* kGoldActors = R"(
  "actors": [
    {"name": "South Korea", "iso3": "KOR", "aliases": ["Seoul"]},
    {"name": "North Korea", "iso3": "PRK"},
    {"name": "Russia", "iso3": "RUS", "aliases": ["Moscow"]},
    {"name": "Ukraine", "iso3": "UKR", "aliases": ["Kyiv"]},
    {"name": "NIS", "affiliation": "South Korea", "aliases": ["National Intelligence Service"]}
  ])";

Gold gold_with(const std::string& facts) {
  return parse_gold(std::string("{\"id\": \"t\", ") + kGoldActors + ", \"facts\": [" + facts + "]}", "gold.json");
}

Scorer score(const std::string& gold_facts, const std::string& graph) {
  Scorer s;
  s.add(gold_with(gold_facts), Graph::parse(graph, GraphSyntax::NTriples, "graph.nt"));
  return s;
}

// ---------------------------------------------------------------- normaliser

TEST(EvalNormalize, AsKgscore) {
  // Expected values are what kgscore.py's norm() returns.
  const std::map<std::string, std::string> cases = {
      {"The United States", "united states"},
      {"U.S.", "us"},
      {"South Korea\u2019s intelligence agency", "south korea's intelligence agency"},
      {"  the   Kremlin  ", "the kremlin"},
      {"North-Korea", "northkorea"},
      {"\uff35\uff4b\uff52\uff41\uff49\uff4e\uff45", "ukraine"},  // fullwidth, NFKC
      {"the\u00a0Ukraine", "ukraine"},
      {"the", "the"},
      {"Theodore", "theodore"},
      {"THE  STATES", "states"},
      {"a\u2028b\x1c" "c", "a b c"},
      {"\u0130stanbul", "i\u0307stanbul"},
      {"\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2"},  // final sigma
      {"\ufb01re", "fire"},
      {"the-the", "thethe"},
      {"\u2000the  x\u3000", "the x"},
      {"", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(normalize_name(in), out) << in;
}

// ---------------------------------------------------------------- gold files

TEST(EvalGold, ParsesTheSchema) {
  const Gold g = parse_gold(R"({"id": "07", "published": "2024-10-22",
    "actors": [{"name": "Russia", "iso3": "RUS", "aliases": ["Moscow"], "type": "State"},
               {"name": "Kremlin", "affiliation": "Russia", "iso3": null}],
    "facts": [{"kind": "Aid", "provider": ["Russia"], "recipient": [], "aidType": "Troops",
               "status": "planned", "quantity": "up to 10,000", "sentence": "S."},
              {"kind": "Denial", "denier": null, "accused": ["Russia"], "act": null}]})",
                            "g.json");
  EXPECT_EQ(g.doc, "07");
  EXPECT_EQ(g.published, "2024-10-22");
  ASSERT_EQ(g.actors.size(), 2u);
  EXPECT_EQ(g.actors[0].aliases, std::vector<std::string>{"Moscow"});
  EXPECT_EQ(g.actors[1].affiliation, "Russia");
  EXPECT_EQ(g.actors[1].iso3, "");
  ASSERT_EQ(g.facts.size(), 2u);
  EXPECT_EQ(g.facts[0].aid_type, "Troops");
  EXPECT_EQ(g.facts[0].sentence, "S.");
  EXPECT_TRUE(g.facts[1].denier.empty());
  EXPECT_FALSE(g.facts[1].act);
}

TEST(EvalGold, IdPrintedAsKgscorePrintsIt) {
  EXPECT_EQ(parse_gold(R"({"facts": []})", "g").doc, "None");
  EXPECT_EQ(parse_gold(R"({"id": null, "facts": []})", "g").doc, "None");
  EXPECT_EQ(parse_gold(R"({"id": 7, "facts": []})", "g").doc, "7");
}

TEST(EvalGold, SyntaxErrorNamesFileLineAndColumn) {
  try {
    parse_gold("{\n \"facts\": [\n  {\"kind\": \"Aid\",}\n ]\n}", "bad.json");
    FAIL() << "no error";
  } catch (const EvalError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("bad.json:3:18: ", 0), 0u) << e.what();
  }
  try {
    parse_gold("{\"facts\": []} x", "extra.json");
    FAIL() << "no error";
  } catch (const EvalError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("extra.json:1:15: ", 0), 0u) << e.what();
  }
}

TEST(EvalGold, SchemaErrorsNameTheField) {
  EXPECT_THROW(parse_gold(R"({"actors": []})", "g"), EvalError);
  EXPECT_THROW(parse_gold(R"({"facts": [{"provider": []}]})", "g"), EvalError);
  try {
    parse_gold(R"({"facts": [{"kind": "Aid", "provider": "Russia"}]})", "g.json");
    FAIL() << "no error";
  } catch (const EvalError& e) {
    EXPECT_NE(std::string(e.what()).find("facts[0].provider"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_gold("/nonexistent/gold.json"), EvalError);
}

// ---------------------------------------------------------------- graphs

TEST(EvalGraph, TermsByTheirTextValuesInReadingOrder) {
  const Graph g = Graph::parse(t(ex("a"), kLabel, lit("second")) + t(ex("a"), kLabel, lit("first")) +
                                   t("_:b1", kLabel, "\"blank\"@en") + t(ex("a"), nkg("about"), "_:b1") +
                                   t(ex("a"), nkg("date"), "\"2024-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"),
                               GraphSyntax::NTriples);
  EXPECT_EQ(g.size(), 5u);
  EXPECT_EQ(g.objects("http://example.org/a", "http://www.w3.org/2000/01/rdf-schema#label"),
            (std::vector<std::string>{"second", "first"}));
  EXPECT_EQ(g.object("http://example.org/a", kNkg + "about"), "_:b1");
  EXPECT_EQ(g.object("_:b1", "http://www.w3.org/2000/01/rdf-schema#label"), "blank");
  EXPECT_EQ(g.object("http://example.org/a", kNkg + "date"), "2024-06");
  EXPECT_FALSE(g.object("http://example.org/none", kNkg + "date"));
}

TEST(EvalGraph, TypesClosedOverSubClassOf) {
  const Graph g = Graph::parse(t(ex("x"), kType, ex("Accusation")) + t(ex("Accusation"), kSubClassOf, nkg("Allegation")) +
                                   t(nkg("Allegation"), kSubClassOf, nkg("Claim")) + t(ex("y"), kType, nkg("Aid")),
                               GraphSyntax::NTriples);
  EXPECT_TRUE(g.has_type("http://example.org/x", kNkg + "Claim"));
  EXPECT_EQ(g.instances(kNkg + "Allegation"), std::vector<std::string>{"http://example.org/x"});
  EXPECT_FALSE(g.has_type("http://example.org/y", kNkg + "Claim"));
}

TEST(EvalGraph, TurtleAsSerdiReadsIt) {
  const Graph g = Graph::parse("@prefix nkg: <https://w3id.org/newskg/ontology#> .\n"
                               "[] a nkg:Aid ; nkg:provider _:b1 .\n"
                               "<rel> nkg:x \"z\" .\n"
                               "@base <http://x/y/> .\n<rel2> nkg:x \"z\" .\n",
                               GraphSyntax::Turtle);
  // serdi names anonymous nodes b1, b2 ... and renames a document's own _:b1 to B1; relative
  // IRIs are resolved only against an @base.
  EXPECT_EQ(g.instances(kNkg + "Aid"), std::vector<std::string>{"_:b1"});
  EXPECT_EQ(g.object("_:b1", kNkg + "provider"), "_:B1");
  EXPECT_EQ(g.object("rel", kNkg + "x"), "z");
  EXPECT_EQ(g.object("http://x/y/rel2", kNkg + "x"), "z");
}

TEST(EvalGraph, ErrorsNameTheFileAndLine) {
  try {
    Graph::parse("<http://a> <http://b> \"c\" .\n<http://a> <http://b> .\n", GraphSyntax::NTriples, "g.nt");
    FAIL() << "no error";
  } catch (const EvalError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("g.nt:2:", 0), 0u) << e.what();
  }
  EXPECT_THROW(Graph::parse("<http://a> undefined:b \"c\" .\n", GraphSyntax::Turtle), EvalError);
  EXPECT_THROW(Graph::read_file("/nonexistent/graph.nt", GraphSyntax::NTriples), EvalError);
}

TEST(EvalGraph, SyntaxByExtension) {
  EXPECT_EQ(graph_syntax_for("a/b.ttl"), GraphSyntax::Turtle);
  EXPECT_EQ(graph_syntax_for("b.nt"), GraphSyntax::NTriples);
  EXPECT_EQ(graph_syntax_for("b.nq"), GraphSyntax::NQuads);
  EXPECT_EQ(graph_syntax_for("b.trig"), GraphSyntax::TriG);
  EXPECT_FALSE(graph_syntax_for("article.txt"));
}

// ---------------------------------------------------------------- matching

TEST(EvalMatching, MaximumMatchingTakesTheAssignmentThatMatchesMore) {
  // gold 0 fits system 0 and 1, gold 1 only system 0: greedy would match one, augmenting two.
  const auto m = max_matching(2, 2, [](std::size_t g, std::size_t s) { return g == 0 || s == 0; });
  EXPECT_EQ(m, (std::map<std::size_t, std::size_t>{{0, 1}, {1, 0}}));
  EXPECT_TRUE(max_matching(0, 3, [](std::size_t, std::size_t) { return true; }).empty());
  EXPECT_EQ(max_matching(3, 1, [](std::size_t, std::size_t) { return true; }).size(), 1u);
}

TEST(EvalMatching, ClaimByAnAgencyMatchesItsStateOnlyLeniently) {
  const std::string graph = actors() + t(ex("f/alleg"), kType, nkg("Allegation")) +
                            t(ex("f/alleg"), nkg("claimant"), ex("nis")) + t(ex("f/alleg"), nkg("about"), ex("f/aid")) +
                            t(ex("f/aid"), kType, nkg("Aid")) + t(ex("f/aid"), nkg("provider"), ex("PRK")) +
                            t(ex("f/aid"), nkg("recipient"), ex("RUS")) + t(ex("f/aid"), nkg("aidType"), nkg("TroopsAid"));
  // Accused comes from the aid's provider; the act from its type.
  const Scorer s = score(R"({"kind": "Allegation", "claimant": ["South Korea"], "accused": ["North Korea"],
                             "act": "TroopDeployment", "sentence": "Seoul said."})",
                         graph);
  EXPECT_EQ(s.kind("Allegation").matched, 1u);
  EXPECT_EQ(s.kind("Allegation").strict, 0u);
  EXPECT_DOUBLE_EQ(s.kind("Allegation").f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.kind("Allegation").strict_f1(), 0.0);
  // The gold actor NIS (affiliated with South Korea) matches the system's state, leniently too.
  const Scorer s2 = score(R"({"kind": "Allegation", "claimant": ["NIS"], "accused": ["North Korea"], "act": "TroopDeployment"})",
                          actors() + t(ex("f/a"), kType, nkg("Allegation")) + t(ex("f/a"), nkg("claimant"), ex("KOR")) +
                              t(ex("f/a"), nkg("accused"), ex("PRK")) + t(ex("f/a"), nkg("about"), ex("f/t")) +
                              t(ex("f/t"), kType, nkg("Aid")) + t(ex("f/t"), nkg("aidType"), nkg("TroopsAid")));
  EXPECT_EQ(s2.kind("Allegation").matched, 1u);
  EXPECT_EQ(s2.kind("Allegation").strict, 0u);
}

TEST(EvalMatching, EmptyGoldRoleIsAWildcard) {
  const std::string graph = actors() + t(ex("f/aid"), kType, nkg("Aid")) + t(ex("f/aid"), nkg("provider"), ex("RUS")) +
                            t(ex("f/aid"), nkg("recipient"), ex("UKR")) + t(ex("f/aid"), nkg("aidType"), nkg("WeaponsAid"));
  // No provider named in the text: any provider will do; weapons are of the military family.
  Scorer s = score(R"({"kind": "Aid", "provider": [], "recipient": ["Ukraine"], "aidType": "Military", "status": "actual"})", graph);
  EXPECT_EQ(s.kind("Aid").matched, 1u);
  EXPECT_EQ(s.kind("Aid").strict, 1u);
  // Secondary: the exact type and the status differ.
  ASSERT_EQ(s.secondary().size(), 2u);
  EXPECT_EQ(s.secondary()[0].name, "aidType");
  EXPECT_EQ(s.secondary()[0].right, 0u);
  EXPECT_EQ(s.secondary()[1].name, "aid status");
  EXPECT_EQ(s.secondary()[1].right, 0u);
  // A gold role that names someone needs a system actor there.
  Scorer s2 = score(R"({"kind": "Aid", "provider": ["Russia"], "recipient": ["Ukraine"], "aidType": "Military"})",
                    actors() + t(ex("f/aid"), kType, nkg("Aid")) + t(ex("f/aid"), nkg("recipient"), ex("UKR")) +
                        t(ex("f/aid"), nkg("aidType"), nkg("MilitaryAid")));
  EXPECT_EQ(s2.kind("Aid").matched, 0u);
}

TEST(EvalMatching, ScorerPicksTheAssignmentThatMatchesMore) {
  // System facts in IRI order: aid-a (Russia), aid-b (North Korea). The first gold fact
  // (any provider) fits both; the second only aid-a.
  const std::string graph = actors() + t(ex("f/aid-a"), kType, nkg("Aid")) + t(ex("f/aid-a"), nkg("provider"), ex("RUS")) +
                            t(ex("f/aid-a"), nkg("aidType"), nkg("TroopsAid")) + t(ex("f/aid-b"), kType, nkg("Aid")) +
                            t(ex("f/aid-b"), nkg("provider"), ex("PRK")) + t(ex("f/aid-b"), nkg("aidType"), nkg("TroopsAid"));
  const Scorer s = score(R"({"kind": "Aid", "provider": [], "aidType": "Troops"},
                            {"kind": "Aid", "provider": ["Russia"], "aidType": "Troops"})",
                         graph);
  EXPECT_EQ(s.kind("Aid").matched, 2u);
  EXPECT_TRUE(s.misses().empty());
}

TEST(EvalMatching, ActsAndAccusedThroughClaimsAboutClaims) {
  // A denial of an allegation of weapons sent by Russia: accused Russia, act ArmsTransfer.
  const std::string graph = actors() + t(ex("f/d"), kType, nkg("Denial")) + t(ex("f/d"), nkg("claimant"), ex("RUS")) +
                            t(ex("f/d"), nkg("about"), ex("f/a")) + t(ex("f/a"), kType, nkg("Allegation")) +
                            t(ex("f/a"), nkg("about"), ex("f/w")) + t(ex("f/w"), kType, nkg("Aid")) +
                            t(ex("f/w"), nkg("provider"), ex("RUS")) + t(ex("f/w"), nkg("aidType"), nkg("WeaponsAid"));
  const Scorer s = score(R"({"kind": "Denial", "denier": ["Moscow"], "accused": ["Russia"], "act": "ArmsTransfer"})", graph);
  EXPECT_EQ(s.kind("Denial").matched, 0u);  // "Moscow" is an alias, not a gold name
  const Scorer s2 = score(R"({"kind": "Denial", "denier": ["Russia"], "accused": ["Russia"], "act": "ArmsTransfer"})", graph);
  EXPECT_EQ(s2.kind("Denial").matched, 1u);
  EXPECT_EQ(s2.kind("Denial").strict, 1u);
  const Scorer s3 = score(R"({"kind": "Denial", "denier": ["Russia"], "accused": ["Russia"], "act": "Aid"})", graph);
  EXPECT_EQ(s3.kind("Denial").matched, 0u);
}

TEST(EvalMatching, AgreementSecondaryScores) {
  const std::string graph = actors() + t(ex("f/ag"), kType, nkg("Agreement")) + t(ex("f/ag"), nkg("party"), ex("PRK")) +
                            t(ex("f/ag"), nkg("party"), ex("RUS")) + t(ex("f/ag"), nkg("status"), nkg("Actual")) +
                            t(ex("f/ag"), nkg("date"), "\"2024-06-19\"^^<http://www.w3.org/2001/XMLSchema#date>");
  const Scorer s = score(R"({"kind": "Agreement", "parties": ["Russia", "North Korea"], "status": "signed", "when": "2024-06"})", graph);
  EXPECT_EQ(s.kind("Agreement").matched, 1u);
  ASSERT_EQ(s.secondary().size(), 2u);
  EXPECT_EQ(s.secondary()[0].name, "agreement status");
  EXPECT_EQ(s.secondary()[0].right, 1u);
  EXPECT_EQ(s.secondary()[1].name, "agreement date");
  EXPECT_EQ(s.secondary()[1].right, 1u);
  // A party too many: no match.
  const Scorer s2 = score(R"({"kind": "Agreement", "parties": ["Russia"]})", graph);
  EXPECT_EQ(s2.kind("Agreement").matched, 0u);
}

TEST(EvalMatching, ProvenanceSpansInCodePoints) {
  const std::string text = "Sé\u2019s \U0001F642 x";  // code points: S é ’ s space 🙂 space x
  const std::string doc = ex("doc");
  auto span = [&](const std::string& name, const std::string& b, const std::string& e, const std::string& anchor) {
    return t(ex(name), nif("referenceContext"), doc) + t(ex(name), nif("beginIndex"), lit(b)) +
           t(ex(name), nif("endIndex"), lit(e)) + t(ex(name), nif("anchorOf"), lit(anchor));
  };
  const std::string graph = t(doc, nif("isString"), lit(text)) + span("ok", "1", "4", "é\u2019s") +
                            span("emoji", "5", "6", "\U0001F642") + span("neg", "-1", "8", "x") +
                            span("bad", "0", "2", "S") + span("nan", "a", "2", "S") +
                            t(ex("f/x"), kType, nkg("Aid")) + t(ex("f/x"), nkg("evidence"), ex("ok")) +
                            t(ex("f/y"), kType, nkg("Denial"));
  const Scorer s = score("", graph);
  EXPECT_EQ(s.spans(), 5u);
  EXPECT_EQ(s.bad_spans(), 2u);
  EXPECT_EQ(s.facts_without_evidence(), 1u);
  // Spurious facts are shown by their evidence text, or their IRI without one.
  ASSERT_EQ(s.misses().size(), 2u);
  EXPECT_FALSE(s.misses()[0].missed);
  EXPECT_EQ(s.misses()[0].kind, "Denial");
  EXPECT_EQ(s.misses()[1].text, "é\u2019s");
}

TEST(EvalReport, TableAndJsonAsKgscorePrintsThem) {
  Scorer s = score(R"({"kind": "Aid", "provider": ["Russia"], "aidType": "Troops", "sentence": "Russia sent troops."},
                      {"kind": "Aid", "provider": ["Ukraine"], "aidType": "Troops", "sentence": "Kyiv too."},
                      {"kind": "Aid", "provider": ["North Korea"], "aidType": "Troops", "sentence": "PRK too."})",
                   actors() + t(ex("f/a"), kType, nkg("Aid")) + t(ex("f/a"), nkg("provider"), ex("RUS")) +
                       t(ex("f/a"), nkg("aidType"), nkg("TroopsAid")));
  const std::vector<std::string> lines = s.table(false);
  ASSERT_EQ(lines.size(), 12u);
  EXPECT_EQ(lines[0], "kind          gold  sys match      P      R     F1  strictF1");
  EXPECT_EQ(lines[5], "Aid              3    1     1  1.000  0.333  0.500     0.500");
  EXPECT_EQ(lines[6], "all              3    1     1  1.000  0.333  0.500     0.500");
  EXPECT_EQ(lines[7], "secondary aidType: 1/1");
  EXPECT_EQ(lines[9], "provenance: 0 spans, 0 whose anchorOf differs from the text, 1 facts without nkg:evidence");
  EXPECT_EQ(lines[10], "  t: missed Aid: Kyiv too.");
  EXPECT_EQ(s.table(true).size(), 10u);
  EXPECT_EQ(f1_line(s.f1()), "F1=0.500");
  EXPECT_NE(s.json().find("\"Aid\": {\n   \"gold\": 3,\n   \"system\": 1,\n   \"matched\": 1,\n   \"P\": 1.0,\n"
                          "   \"R\": 0.3333333333333333,\n   \"F1\": 0.5,"),
            std::string::npos)
      << s.json();
  // Python's format rounds exact halves to even: P = 1/16 = 0.0625 prints as 0.062.
  std::string graph = actors();
  for (int i = 0; i < 16; ++i)
    graph += t(ex("f/aid" + std::to_string(10 + i)), kType, nkg("Aid")) +
             t(ex("f/aid" + std::to_string(10 + i)), nkg("provider"), ex("RUS"));
  const Scorer sixteen = score(R"({"kind": "Aid", "provider": ["Russia"]})", graph);
  EXPECT_EQ(sixteen.table(true)[5], "Aid              1   16     1  0.062  1.000  0.118     0.118");
}

}  // namespace
