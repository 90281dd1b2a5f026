// The SHACL validator (validation/): targets, paths, every constraint component it implements,
// severities, messages and the Turtle report. Suite Shacl*.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "newskg/shacl.hpp"

using namespace newskg::validation;

namespace {

const std::string kPrefixes =
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix ex: <http://example.org/> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";

struct Outcome {
  Report report;
  std::set<std::string> focus;       // focus nodes, displayed
  std::set<std::string> components;  // sh:XConstraintComponent, displayed
  std::string text, turtle;
};

Outcome validate(const std::string& shapes, const std::string& data) {
  Validator v;
  v.add_shapes(kPrefixes + shapes, Syntax::Turtle, "shapes");
  v.add_data(kPrefixes + data, Syntax::Turtle, "data");
  Outcome r;
  r.report = v.validate();
  for (const Result& x : r.report.results) {
    r.focus.insert(v.display(x.focus));
    r.components.insert(v.display(x.component));
  }
  r.text = v.report_text(r.report);
  r.turtle = v.report_turtle(r.report);
  return r;
}

using Set = std::set<std::string>;

}  // namespace

TEST(ShaclTargets, ClassWithSubclassesNodeSubjectsObjects) {
  const std::string shapes =
      "ex:A sh:targetClass ex:Animal ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
      "ex:B sh:targetNode ex:lonely ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
      "ex:C sh:targetSubjectsOf ex:owns ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
      "ex:D sh:targetObjectsOf ex:owns ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n";
  const std::string data =
      "ex:Dog rdfs:subClassOf ex:Mammal . ex:Mammal rdfs:subClassOf ex:Animal .\n"
      "ex:rex a ex:Dog . ex:tom a ex:Animal ; ex:name \"Tom\" .\n"
      "ex:ann ex:owns ex:car .\n";
  Outcome r = validate(shapes, data);
  EXPECT_EQ(r.focus, (Set{"ex:rex", "ex:lonely", "ex:ann", "ex:car"}));
  EXPECT_FALSE(r.report.conforms());
}

TEST(ShaclTargets, ImplicitClassTargetAndDeactivated) {
  Outcome r = validate("ex:Person a rdfs:Class , sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
                   "ex:Off sh:targetClass ex:Person ; sh:deactivated true ; sh:property [ sh:path ex:age ; sh:minCount 1 ] .\n",
                   "ex:bob a ex:Person .");
  EXPECT_EQ(r.focus, (Set{"ex:bob"}));
  EXPECT_EQ(r.report.results.size(), 1u);
}

TEST(ShaclPaths, InverseSequenceAlternativeAndClosures) {
  const std::string data =
      "ex:a ex:p ex:b . ex:b ex:q ex:c . ex:c ex:q ex:d . ex:x ex:p ex:a .\n";
  // ^ex:p from a reaches x; (ex:p ex:q) from a reaches c; ex:p|ex:q from b reaches c; ex:q+ from b: c d.
  EXPECT_TRUE(validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:hasValue ex:x ; sh:maxCount 1 ] .", data)
                  .report.conforms());
  EXPECT_TRUE(validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path ( ex:p ex:q ) ; sh:hasValue ex:c ; sh:maxCount 1 ] .", data)
                  .report.conforms());
  EXPECT_TRUE(validate("ex:S sh:targetNode ex:b ; sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:in ( ex:c ) ] .", data)
                  .report.conforms());
  EXPECT_TRUE(validate("ex:S sh:targetNode ex:b ; sh:property [ sh:path [ sh:oneOrMorePath ex:q ] ; sh:minCount 2 ; sh:maxCount 2 ] .", data)
                  .report.conforms());
  EXPECT_TRUE(validate("ex:S sh:targetNode ex:b ; sh:property [ sh:path [ sh:zeroOrMorePath ex:q ] ; sh:minCount 3 ; sh:maxCount 3 ] .", data)
                  .report.conforms());
  EXPECT_TRUE(validate("ex:S sh:targetNode ex:c ; sh:property [ sh:path [ sh:inversePath ( ex:p ex:q ) ] ; sh:hasValue ex:a ] .", data)
                  .report.conforms());
  Outcome r = validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 2 ] .", data);
  ASSERT_EQ(r.report.results.size(), 1u);
  EXPECT_NE(r.text.find("ex:a ex:p/ex:q:"), std::string::npos) << r.text;
  EXPECT_NE(r.turtle.find("rdf:first"), std::string::npos) << r.turtle;  // the path's list is copied into the report
}

TEST(ShaclConstraints, ValueTypes) {
  const std::string data =
      "ex:a ex:v 3 , \"x\" , ex:iri , _:b ; ex:d \"2024-13-01\"^^xsd:date , \"2024-02-29\"^^xsd:date .\n"
      "ex:iri a ex:K .\n";
  auto comps = [&](const std::string& constraint, const std::string& path = "ex:v") {
    return validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path " + path + " ; " + constraint + " ] .", data).report.results.size();
  };
  EXPECT_EQ(comps("sh:class ex:K"), 3u);
  EXPECT_EQ(comps("sh:datatype xsd:integer"), 3u);
  EXPECT_EQ(comps("sh:datatype xsd:date", "ex:d"), 1u);  // 2024-13-01 is ill-formed
  EXPECT_EQ(comps("sh:nodeKind sh:IRI"), 3u);
  EXPECT_EQ(comps("sh:nodeKind sh:BlankNodeOrIRI"), 2u);
  EXPECT_EQ(comps("sh:nodeKind sh:Literal"), 2u);
}

TEST(ShaclConstraints, CardinalityValuesRangesStrings) {
  const std::string data = "ex:a ex:n 5 , 10 ; ex:s \"abc\" , \"Hello\"@en , \"Hallo\"@de , \"Hi\"@en ; ex:t ex:red .";
  auto count = [&](const std::string& path, const std::string& constraint) {
    return validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path " + path + " ; " + constraint + " ] .", data).report.results.size();
  };
  EXPECT_EQ(count("ex:n", "sh:minCount 3"), 1u);
  EXPECT_EQ(count("ex:n", "sh:maxCount 1"), 1u);
  EXPECT_EQ(count("ex:n", "sh:minInclusive 5"), 0u);
  EXPECT_EQ(count("ex:n", "sh:minExclusive 5"), 1u);
  EXPECT_EQ(count("ex:n", "sh:maxInclusive 9.5"), 1u);
  EXPECT_EQ(count("ex:n", "sh:maxExclusive 10"), 1u);
  EXPECT_EQ(count("ex:s", "sh:minInclusive 0"), 4u);  // strings and numbers do not compare
  EXPECT_EQ(count("ex:s", "sh:pattern \"^h\" ; sh:flags \"i\""), 1u);
  EXPECT_EQ(count("ex:s", "sh:pattern \"^H\""), 1u);
  EXPECT_EQ(count("ex:s", "sh:minLength 3"), 1u);
  EXPECT_EQ(count("ex:s", "sh:maxLength 3"), 2u);
  EXPECT_EQ(count("ex:s", "sh:languageIn ( \"en\" )"), 2u);
  EXPECT_EQ(count("ex:s", "sh:uniqueLang true"), 1u);
  EXPECT_EQ(count("ex:t", "sh:in ( ex:green ex:blue )"), 1u);
  EXPECT_EQ(count("ex:t", "sh:hasValue ex:green"), 1u);
  EXPECT_EQ(count("ex:t", "sh:hasValue ex:red"), 0u);
}

TEST(ShaclConstraints, PropertyPairs) {
  const std::string data = "ex:a ex:b 1 ; ex:e 5 ; ex:x ex:o ; ex:y ex:o ; ex:z ex:o , ex:p .";
  auto count = [&](const std::string& constraint) {
    return validate("ex:S sh:targetNode ex:a ; sh:property [ " + constraint + " ] .", data).report.results.size();
  };
  EXPECT_EQ(count("sh:path ex:b ; sh:lessThan ex:e"), 0u);
  EXPECT_EQ(count("sh:path ex:e ; sh:lessThan ex:b"), 1u);
  EXPECT_EQ(count("sh:path ex:b ; sh:lessThanOrEquals ex:b"), 0u);
  EXPECT_EQ(count("sh:path ex:x ; sh:equals ex:y"), 0u);
  EXPECT_EQ(count("sh:path ex:x ; sh:equals ex:z"), 1u);
  EXPECT_EQ(count("sh:path ex:x ; sh:disjoint ex:z"), 1u);
}

TEST(ShaclConstraints, LogicalAndShapeBased) {
  const std::string data = "ex:a a ex:K ; ex:p ex:b . ex:b ex:name \"B\" . ex:c ex:p ex:d .";
  const std::string named = "ex:Named sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n";
  auto focus = [&](const std::string& shape) { return validate(named + shape, data).focus; };
  EXPECT_EQ(focus("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:node ex:Named ] ."), (Set{"ex:c"}));
  EXPECT_EQ(focus("ex:S sh:targetSubjectsOf ex:p ; sh:not [ sh:class ex:K ] ."), (Set{"ex:a"}));
  EXPECT_EQ(focus("ex:S sh:targetSubjectsOf ex:p ; sh:or ( [ sh:class ex:K ] ex:Named ) ."), (Set{"ex:c"}));
  EXPECT_EQ(focus("ex:S sh:targetSubjectsOf ex:p ; sh:and ( [ sh:class ex:K ] [ sh:path ex:p ; sh:minCount 1 ] ) ."), (Set{"ex:c"}));
  EXPECT_EQ(focus("ex:S sh:targetSubjectsOf ex:p ; sh:xone ( [ sh:class ex:K ] [ sh:path ex:p ; sh:minCount 1 ] ) ."), (Set{"ex:a"}));
  EXPECT_EQ(focus("ex:S sh:targetNode ex:a ; sh:closed true ; sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ) ."),
            (Set{"ex:a"}));
  EXPECT_TRUE(validate("ex:S sh:targetNode ex:a ; sh:closed true ; sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ) ; "
                       "sh:property [ sh:path ex:p ] .",
                       data)
                  .report.conforms());
}

TEST(ShaclReport, SeverityMessageAndTurtle) {
  Outcome r = validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning ; "
                   "sh:message \"needs a p\"@en , \"braucht ein p\"@de ] ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .",
                   "ex:a ex:r 1 .");
  ASSERT_EQ(r.report.results.size(), 2u);
  EXPECT_EQ(r.report.count(Severity::Warning), 1u);
  EXPECT_EQ(r.report.count(Severity::Violation), 1u);
  EXPECT_NE(r.text.find("data: ex:a ex:p: needs a p [Warning; MinCountConstraintComponent]"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("ex:a ex:q: has 0, fewer than 1 value [Violation"), std::string::npos) << r.text;
  EXPECT_NE(r.turtle.find("sh:ValidationReport"), std::string::npos);
  EXPECT_NE(r.turtle.find("sh:conforms false"), std::string::npos) << r.turtle;
  EXPECT_NE(r.turtle.find("sh:resultSeverity sh:Warning"), std::string::npos);
  EXPECT_NE(r.turtle.find("sh:sourceConstraintComponent sh:MinCountConstraintComponent"), std::string::npos);
  EXPECT_NE(r.turtle.find("\"braucht ein p\"@de"), std::string::npos);
  Outcome ok = validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:r ; sh:minCount 1 ] .", "ex:a ex:r 1 .");
  EXPECT_TRUE(ok.report.conforms());
  EXPECT_NE(ok.turtle.find("sh:conforms true"), std::string::npos) << ok.turtle;
}

TEST(ShaclInput, UnusableInputThrows) {
  Validator v;
  EXPECT_THROW(v.add_data("ex:a ex:b", Syntax::Turtle, "broken"), InputError);
  EXPECT_THROW(v.add_data_file("/no/such/file.ttl"), InputError);
  Validator w;
  w.add_shapes(kPrefixes + "ex:S sh:targetNode ex:a ; sh:property [ sh:path [ ex:bogus ex:p ] ; sh:minCount 1 ] .", Syntax::Turtle, "shapes");
  EXPECT_THROW(w.validate(), InputError);
  Validator x;
  x.add_shapes(kPrefixes + "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"(\" ] .", Syntax::Turtle, "shapes");
  x.add_data(kPrefixes + "ex:a ex:p \"v\" .", Syntax::Turtle, "data");
  EXPECT_THROW(x.validate(), InputError);
}

TEST(ShaclInput, SyntaxesAndBlankNodesPerFile) {
  EXPECT_EQ(syntax_of_file("a/b.nq"), Syntax::NQuads);
  EXPECT_EQ(syntax_of_file("x.TTL"), Syntax::Turtle);
  EXPECT_EQ(syntax_of_file("x.trig"), Syntax::TriG);
  EXPECT_EQ(syntax_of_file("x.nt"), Syntax::NTriples);
  EXPECT_FALSE(syntax_of_file("x.txt"));
  Validator v;
  v.add_shapes(kPrefixes + "ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:maxCount 1 ] .", Syntax::Turtle, "shapes");
  // The same blank node label in two inputs names two nodes; a quad's graph is dropped.
  v.add_data("_:b <http://example.org/p> \"1\" <http://example.org/g1> .\n", Syntax::NQuads, "one");
  v.add_data("_:b <http://example.org/p> \"2\" <http://example.org/g2> .\n", Syntax::NQuads, "two");
  EXPECT_EQ(v.data_triples(), 2u);
  EXPECT_TRUE(v.validate().conforms());
}
