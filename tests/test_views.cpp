// The views for people (exporters): the event table's escaping and columns, the HTML report's
// span markup (proper nesting of crossing and shared spans, code-point offsets, escaping), and
// the drawing as DOT and as SVG through Graphviz's library.
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "newskg/event_table.hpp"
#include "newskg/graph_drawing.hpp"
#include "newskg/html_report.hpp"
#include "newskg/rdf_writer.hpp"

namespace {

using namespace newskg;
using exporters::Iris;
using model::FactKind;

model::Span span(const std::string& text, std::size_t begin, std::size_t end) {
  // Test texts are ASCII, but for the one with "Ünited", whose offsets the test gives in code
  // points and whose anchor it gives itself.
  return {begin, end, text.substr(begin, end - begin)};
}

// "Germany will send 500 soldiers to Lithuania, Poland says; Russia denies it."
// fact 0: aid (provider DEU, recipient LTU) on "Germany will send 500 soldiers to Lithuania"
// fact 1: allegation by POL about fact 0, on "Germany will send 500 soldiers to Lithuania, Poland says"
// fact 2: denial by RUS about fact 1, on "Poland says; Russia denies it" (crosses fact 1's span)
// fact 3: an agreement with the same span as fact 0
model::DocumentGraph sample() {
  model::DocumentGraph g;
  g.info.id = "t1";
  g.info.text = "Germany will send 500 soldiers to Lithuania, Poland says; Russia denies it.";
  const std::string& t = g.info.text;
  g.actors = {{"DEU", model::ActorType::State, "Germany", "DEU", "Q183", "", ""},
              {"LTU", model::ActorType::State, "Lithuania", "LTU", "Q37", "", ""},
              {"POL", model::ActorType::State, "Poland", "POL", "Q36", "", ""},
              {"RUS", model::ActorType::State, "Russia", "RUS", "Q159", "", ""}};
  model::Fact aid;
  aid.kind = FactKind::Aid;
  aid.provider = {"DEU"};
  aid.recipient = {"LTU"};
  aid.aid_type = model::AidType::Troops;
  aid.status = model::Status::Planned;
  aid.quantity = model::Quantity{"500", "soldiers", model::QuantityBound::Exact, span(t, 18, 21)};
  aid.cameo = "0334";
  aid.evidence = {span(t, 0, 43)};
  aid.trigger = span(t, 13, 17);
  aid.rule = "aid.give+aid.troops";
  model::Fact allegation;
  allegation.kind = FactKind::Allegation;
  allegation.claimant = {"POL"};
  allegation.accused = {"DEU"};
  allegation.about = 0;
  allegation.evidence = {span(t, 0, 56)};
  allegation.trigger = span(t, 52, 56);
  allegation.rule = "claim.say";
  model::Fact denial;
  denial.kind = FactKind::Denial;
  denial.claimant = {"RUS"};
  denial.about = 1;
  denial.evidence = {span(t, 45, 74)};
  denial.trigger = span(t, 65, 71);
  denial.rule = "claim.deny";
  model::Fact agreement;
  agreement.kind = FactKind::Agreement;
  agreement.party = {"DEU", "LTU"};
  agreement.evidence = {span(t, 0, 43)};
  agreement.rule = "agreement.test \"quoted\"\tand\ttabbed";
  g.facts = {aid, allegation, denial, agreement};
  model::assign_fact_ids(g);
  return g;
}

Iris iris() { return Iris{std::string(vocab::kDefaultBase)}; }

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

TEST(ViewsTsv, QuotesOnlyFieldsThatNeedIt) {
  EXPECT_EQ(exporters::tsv_field("plain text, with commas; and 'single' quotes"), "plain text, with commas; and 'single' quotes");
  EXPECT_EQ(exporters::tsv_field("a\tb"), "\"a\tb\"");
  EXPECT_EQ(exporters::tsv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(exporters::tsv_field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(exporters::tsv_field("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(exporters::tsv_field(""), "");
  EXPECT_EQ(exporters::tsv_field("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
}

TEST(ViewsTsv, HeaderThenOneRowPerFactInTheStableColumnOrder) {
  const model::DocumentGraph g = sample();
  EXPECT_EQ(exporters::event_table_header(),
            "document\tfact\tkind\tagents\ttargets\ttype\tstatus\tquantity\tunit\tbound\tdate\tcameo\tevidence\tbegin\tend\trule\n");
  const std::string rows = exporters::event_table_rows(g, iris());
  std::vector<std::string> lines = split(rows, '\n');
  ASSERT_EQ(lines.size(), 5u);  // four rows and the empty rest after the last \n
  EXPECT_EQ(lines.back(), "");
  const std::vector<std::string> aid = split(lines[0], '\t');
  ASSERT_EQ(aid.size(), 16u);
  EXPECT_EQ(aid[0], iris().document(g.info));
  EXPECT_EQ(aid[1], iris().fact(g.info, g.facts[0]));
  EXPECT_EQ(aid[2], "Aid");
  EXPECT_EQ(aid[3], "DEU");
  EXPECT_EQ(aid[4], "LTU");
  EXPECT_EQ(aid[5], "TroopsAid");
  EXPECT_EQ(aid[6], "Planned");
  EXPECT_EQ(aid[7], "500");
  EXPECT_EQ(aid[8], "soldiers");
  EXPECT_EQ(aid[9], "Exact");
  EXPECT_EQ(aid[10], "");
  EXPECT_EQ(aid[11], "0334");
  EXPECT_EQ(aid[12], "Germany will send 500 soldiers to Lithuania");
  EXPECT_EQ(aid[13], "0");
  EXPECT_EQ(aid[14], "43");
  EXPECT_EQ(aid[15], "aid.give+aid.troops");
  const std::vector<std::string> agreement = split(lines[3], '\t');
  EXPECT_EQ(agreement[3], "DEU;LTU");
  // The rule with quotes and tabs is one quoted field at the end of its line.
  EXPECT_NE(lines[3].find("\t\"agreement.test \"\"quoted\"\"\tand\ttabbed\""), std::string::npos) << lines[3];
}

// The marks of the text, as a browser sees them: for each (fact IRI, data-span), the text of
// its elements without the footnote markers; fails the test on improper nesting.
std::map<std::pair<std::string, std::string>, std::string> marked_text(const std::string& html) {
  const std::size_t start = html.find("<div class=\"text\" lang=\"en\">");
  const std::size_t end = html.find("</div>", start);
  EXPECT_NE(start, std::string::npos);
  std::string body = html.substr(start, end - start);
  body.erase(0, body.find('>') + 1);
  std::map<std::pair<std::string, std::string>, std::string> out;
  struct Open {
    std::string tag;
    std::string fact, span;
    bool footnote = false;
  };
  std::vector<Open> stack;
  static const std::regex attr_fact("data-fact=\"([^\"]*)\"");
  static const std::regex attr_span("data-span=\"([^\"]*)\"");
  std::size_t i = 0;
  auto unescape = [](std::string s) {
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", "\xC2\xA0"}, {"&amp;", "&"}})
      for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
    return s;
  };
  while (i < body.size()) {
    if (body[i] != '<') {
      std::size_t j = body.find('<', i);
      if (j == std::string::npos) j = body.size();
      bool in_footnote = false;
      for (const Open& o : stack) in_footnote |= o.footnote;
      if (!in_footnote)
        for (const Open& o : stack)
          if (!o.fact.empty()) out[{o.fact, o.span}] += unescape(body.substr(i, j - i));
      i = j;
      continue;
    }
    const std::size_t j = body.find('>', i);
    const std::string tag = body.substr(i + 1, j - i - 1);
    i = j + 1;
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      EXPECT_FALSE(stack.empty()) << "closing " << name << " with nothing open";
      if (stack.empty()) return out;
      EXPECT_EQ(stack.back().tag, name) << "improper nesting";
      stack.pop_back();
      continue;
    }
    Open o;
    o.tag = tag.substr(0, tag.find(' '));
    std::smatch m;
    if (o.tag == "mark" && std::regex_search(tag, m, attr_fact)) o.fact = unescape(m[1]);
    if (o.tag == "mark" && std::regex_search(tag, m, attr_span)) o.span = m[1];
    o.footnote = o.tag == "sup";
    stack.push_back(o);
  }
  EXPECT_TRUE(stack.empty()) << "elements left open";
  return out;
}

TEST(ViewsHtml, EveryEvidenceSpanIsMarkedWithProperNesting) {
  model::DocumentGraph g = sample();
  const std::string html = exporters::html_report({{"t1.txt", g}}, {});
  const auto marks = marked_text(html);
  for (const model::Fact& f : g.facts)
    for (const model::Span& s : f.evidence) {
      auto it = marks.find({iris().fact(g.info, f), std::to_string(s.begin) + "," + std::to_string(s.end)});
      ASSERT_NE(it, marks.end()) << f.local_id;
      EXPECT_EQ(it->second, s.anchor) << f.local_id;
    }
  EXPECT_EQ(marks.size(), 4u);
  // The denial crosses the allegation: one of them is split into two elements.
  const std::string allegation = "data-fact=\"" + iris().fact(g.info, g.facts[1]) + "\"";
  const std::string denial = "data-fact=\"" + iris().fact(g.info, g.facts[2]) + "\"";
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = html.find(needle); p != std::string::npos; p = html.find(needle, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(allegation) + count(denial), 2u + 1u + 2u);  // the spans' pieces and the two rows
  // A row per fact, with its IRI; a marker per span linking to it.
  for (std::size_t i = 0; i < g.facts.size(); ++i) {
    EXPECT_NE(html.find("<tr id=\"d1-f" + std::to_string(i + 1) + "\" class=\""), std::string::npos);
    EXPECT_NE(html.find("<a href=\"#d1-f" + std::to_string(i + 1) + "\""), std::string::npos);
  }
  EXPECT_NE(html.find("<span class=\"trigger\">send</span>"), std::string::npos);
}

TEST(ViewsHtml, OffsetsAreCodePointsAndTextIsEscaped) {
  model::DocumentGraph g;
  g.info.id = "t2";
  g.info.text = "\xC3\x9Cnited <Nations> & \"friends\" said\r\nno.";  // "Ünited ..."
  model::Fact f;
  f.kind = FactKind::Allegation;
  f.evidence = {{0, 16, "\xC3\x9Cnited <Nations>"}};
  f.rule = "r<1>";
  g.facts = {f};
  model::assign_fact_ids(g);
  const std::string html = exporters::html_report({{"t2 <x>.txt", g}}, {});
  const auto marks = marked_text(html);
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks.begin()->first.second, "0,16");
  EXPECT_EQ(marks.begin()->second, "\xC3\x9Cnited <Nations>");
  EXPECT_NE(html.find("&lt;Nations&gt;</mark>"), std::string::npos);
  EXPECT_NE(html.find("&amp; &quot;friends&quot; said&#13;\nno."), std::string::npos);  // CR kept as a reference
  EXPECT_NE(html.find("t2 &lt;x&gt;.txt"), std::string::npos);
  EXPECT_EQ(html.find("r<1>"), std::string::npos);
  EXPECT_EQ(exporters::html_escape(std::string("a\0b\x01", 4)), "a\xEF\xBF\xBD" "b&#1;");
}

TEST(ViewsHtml, SpansOutsideTheTextAreCountedNotMarked) {
  model::DocumentGraph g = sample();
  g.facts[2].evidence.push_back({70, 500, "?"});
  const std::string html = exporters::html_report({{"t1.txt", g}}, {});
  EXPECT_NE(html.find("1 span(s) lie outside the text"), std::string::npos);
  marked_text(html);  // still properly nested
}

TEST(ViewsHtml, PageIsSelfContained) {
  const std::string html = exporters::html_report({{"t1.txt", sample()}, {"t1-again.txt", sample()}}, {});
  for (const char* loads : {"<script", "<link", "<img", "<iframe", "<object", "<embed", "<image", "url(", "@import", " src="})
    EXPECT_EQ(html.find(loads), std::string::npos) << loads;
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("<svg role=\"img\" aria-label=\"Graph of document 1"), std::string::npos);
  EXPECT_NE(html.find("<svg role=\"img\" aria-label=\"Graph of document 2"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://www.wikidata.org/wiki/Q183\">Q183</a>"), std::string::npos);
  // Element ids are unique across the documents of one page.
  std::map<std::string, int> ids;
  static const std::regex id(" id=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    for (std::size_t p = name.find("&#45;"); p != std::string::npos; p = name.find("&#45;", p)) name.replace(p, 5, "-");
    ++ids[name];
  }
  for (const auto& [name, n] : ids) EXPECT_EQ(n, 1) << name;
  EXPECT_GT(ids.size(), 20u);
}

TEST(ViewsDot, DrawsFactsActorsAndRoles) {
  const model::DocumentGraph g = sample();
  const std::string dot = exporters::document_dot(g, iris());
  EXPECT_EQ(dot.rfind("digraph \"newskg\" {\n", 0), 0u);
  for (const model::Fact& f : g.facts) EXPECT_NE(dot.find("  \"" + iris().fact(g.info, f) + "\" [label=\""), std::string::npos);
  for (const model::Actor& a : g.actors) EXPECT_NE(dot.find("  \"" + iris().actor(a.id) + "\" [label=\""), std::string::npos);
  const std::string aid = "\"" + iris().fact(g.info, g.facts[0]) + "\"";
  EXPECT_NE(dot.find("\"" + iris().actor("DEU") + "\" -> " + aid + " [xlabel=\"provider\""), std::string::npos);
  EXPECT_NE(dot.find(aid + " -> \"" + iris().actor("LTU") + "\" [xlabel=\"recipient\""), std::string::npos);
  EXPECT_NE(dot.find("\"" + iris().fact(g.info, g.facts[1]) + "\" -> " + aid + " [xlabel=\"about\""), std::string::npos);
  EXPECT_NE(dot.find("agreement.test \\\"quoted\\\" and tabbed"), std::string::npos);  // escaped, tabs as spaces
}

TEST(ViewsDot, GraphvizLaysItOutAsSvg) {
  const model::DocumentGraph g = sample();
  exporters::DrawingOptions options;
  options.id_prefix = "d7-";
  options.link_rows = true;
  std::string svg = exporters::dot_to_svg(exporters::document_dot(g, iris(), options));
  for (std::size_t p = svg.find("&#45;"); p != std::string::npos; p = svg.find("&#45;", p)) svg.replace(p, 5, "-");  // Graphviz's XML escape of "-"
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.find("<?xml"), std::string::npos);
  EXPECT_EQ(svg.find("<!DOCTYPE"), std::string::npos);
  for (const model::Fact& f : g.facts) EXPECT_NE(svg.find("<title>" + iris().fact(g.info, f) + "</title>"), std::string::npos);
  EXPECT_NE(svg.find("class=\"node fact k-aid\""), std::string::npos);
  EXPECT_NE(svg.find("xlink:href=\"#d7-f1\""), std::string::npos);
  EXPECT_NE(svg.find(">provider</text>"), std::string::npos);
}

TEST(ViewsDot, GraphvizErrorsAreReported) {
  EXPECT_THROW(exporters::dot_to_svg("digraph { a -> "), std::runtime_error);
  EXPECT_NO_THROW(exporters::dot_to_svg("digraph { a -> b }"));  // and it still works after an error
}

}  // namespace
