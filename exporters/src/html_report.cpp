#include "newskg/html_report.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "fact_view.hpp"
#include "newskg/graph_drawing.hpp"
#include "newskg/rdf_writer.hpp"
#include "newskg/utf8.hpp"

namespace newskg::exporters {

std::string html_escape(std::string_view raw) {
  const std::string s = model::to_valid_utf8(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t':
      case '\n': out += ch; break;
      case 0: out += "\xEF\xBF\xBD"; break;
      default:
        if (c < 0x20 || c == 0x7F)
          out += fmt::format("&#{};", static_cast<int>(c));
        else
          out += ch;
    }
  }
  return out;
}

namespace {

using std::string;
using std::string_view;

const char* kCss = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; color: #1a1a1a; background: #fff; font: 16px/1.5 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
header.page, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header.page { padding-top: 12px; border-bottom: 1px solid #ccc; }
h1 { font-size: 1.6rem; margin: .4em 0; }
h2 { font-size: 1.35rem; margin: 1.2em 0 .2em; border-top: 3px solid #1a1a1a; padding-top: .4em; }
h3 { font-size: 1.1rem; margin: 1.2em 0 .4em; }
a { color: #0a4f8a; }
.meta { margin: 0; color: #444; font-size: .9rem; overflow-wrap: anywhere; }
.meta dt { display: inline; font-weight: bold; }
.meta dd { display: inline; margin: 0 1.2em 0 .3em; }
.legend { display: flex; flex-wrap: wrap; gap: .4em 1.2em; padding: 0; margin: .4em 0; list-style: none; font-size: .9rem; }
.help { font-size: .9rem; color: #333; margin: .3em 0 .8em; }
nav.toc ol { margin: .2em 0 .8em; }
.text { white-space: pre-wrap; max-width: 88ch; font: 17px/2.05 "DejaVu Serif", Georgia, serif; overflow-wrap: break-word; }
mark.ev { color: inherit; background: var(--fill); border-bottom: 2px var(--line) var(--stroke); padding: 1px 0; }
mark.ev mark.ev { border-bottom-width: 3px; }
.trigger { font-weight: bold; }
sup.fn { font: bold 11px/1 "DejaVu Sans", Arial, sans-serif; margin: 0 1px; }
sup.fn a { color: var(--stroke); text-decoration: none; }
sup.fn a:hover, sup.fn a:focus { text-decoration: underline; }
.k-aid { --fill: #d4ebf9; --stroke: #0072b2; --line: solid; }
.k-agreement { --fill: #c9ede1; --stroke: #00735a; --line: double; }
.k-otheract { --fill: #e6e6e6; --stroke: #555555; --line: dotted; }
.k-allegation { --fill: #fbe6b8; --stroke: #8f5e00; --line: dashed; }
.k-denial { --fill: #f7d3bd; --stroke: #b34e00; --line: dashed; }
.k-confirmation { --fill: #f1d8e7; --stroke: #8e3f73; --line: dashed; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em; background: var(--fill); border: 2px var(--line) var(--stroke); }
table { border-collapse: collapse; width: 100%; font-size: 14px; line-height: 1.35; }
caption { text-align: left; font-size: .9rem; color: #444; padding-bottom: .3em; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tbody th { font-weight: normal; }
td.rule, td.iri { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; overflow-wrap: break-word; }
td.num, td.kind { white-space: nowrap; }
tr:target, mark:target { outline: 3px solid #1a1a1a; outline-offset: 1px; }
figure { margin: 0; }
.drawing { overflow-x: auto; border: 1px solid #ddd; }
.drawing svg { display: block; height: auto; }
figcaption { font-size: .9rem; color: #444; margin-top: .3em; }
.note { color: #8a1c00; }
footer { margin: 2em auto 1em; color: #555; font-size: .85rem; }
@media print {
  body { font-size: 11pt; }
  nav.toc { display: none; }
  article + article { break-before: page; }
  tr, figure { break-inside: avoid; }
  .drawing { overflow: visible; border: 0; }
  .drawing svg { max-width: 100%; }
  h2, h3 { break-after: avoid; }
  mark.ev, .swatch, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
}
)css";

// Byte offset of each code point of a UTF-8 text, and the text's length at the end.
std::vector<std::size_t> code_point_offsets(string_view text) {
  std::vector<std::size_t> out;
  std::size_t i = 0;
  while (i < text.size()) {
    out.push_back(i);
    model::decode_utf8(text, i);
  }
  out.push_back(text.size());
  return out;
}

// A rule id ("aid.give+aid.military-act") that may break after each "+".
string rule_breaks(string html) {
  for (std::size_t i = html.find('+'); i != string::npos; i = html.find('+', i + 6)) html.insert(i + 1, "<wbr>");
  return html;
}

string kind_label(const model::Fact& f) { return string(model::name(f.kind)); }

// One element to put around a stretch of the text.
struct Item {
  std::size_t begin = 0, end = 0;  // bytes
  std::size_t cp_begin = 0, cp_end = 0;
  std::size_t fact = 0;
  bool trigger = false;
  bool first_evidence = false;  // the fact's first evidence span (its piece gets the anchor id)
};

class DocumentView {
 public:
  DocumentView(const ReportDocument& doc, std::size_t number, const Iris& iris)
      : doc_(doc), g_(doc.graph), n_(number), iris_(iris), prefix_(fmt::format("d{}-", number)) {
    for (std::size_t i = 0; i < g_.actors.size(); ++i) actor_rows_[g_.actors[i].id] = i + 1;
  }

  string render() {
    string out = fmt::format("<article id=\"d{}\" aria-labelledby=\"{}title\">\n", n_, prefix_);
    string heading = g_.info.title.empty() ? doc_.name : fmt::format("{} ({})", g_.info.title, doc_.name);
    out += fmt::format("<h2 id=\"{}title\">{}. {}</h2>\n", prefix_, n_, html_escape(heading));
    out += meta();
    out += fmt::format("<section aria-labelledby=\"{0}text\"><h3 id=\"{0}text\">Text</h3>\n", prefix_);
    out += "<p class=\"help\">Each highlighted passage is the evidence of a fact; the marker after it, "
           "[number kind], links to the fact's row. Hover a passage for its fact, roles and rule.</p>\n";
    out += "<div class=\"text\" lang=\"en\">" + text() + "</div>\n";
    if (skipped_ > 0)
      out += fmt::format("<p class=\"note\">{} span(s) lie outside the text and are not highlighted.</p>\n", skipped_);
    out += "</section>\n";
    out += facts_table();
    out += actors_table();
    out += drawing();
    out += "</article>\n";
    return out;
  }

 private:
  string fact_row_id(std::size_t i) const { return fmt::format("{}f{}", prefix_, i + 1); }
  string fact_iri(std::size_t i) const { return iris_.fact(g_.info, g_.facts[i]); }

  string meta() const {
    string out = "<dl class=\"meta\">";
    out += fmt::format("<dt>IRI</dt><dd>{}</dd>", html_escape(iris_.document(g_.info)));
    if (g_.info.published) out += fmt::format("<dt>Published</dt><dd>{}</dd>", html_escape(g_.info.published->lexical()));
    if (!g_.info.url.empty()) {
      const string& url = g_.info.url;
      const bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
      out += web ? fmt::format("<dt>Source</dt><dd><a href=\"{0}\">{0}</a></dd>", html_escape(iri_escape(url)))
                 : fmt::format("<dt>Source</dt><dd>{}</dd>", html_escape(url));
    }
    out += fmt::format("<dt>Facts</dt><dd>{}</dd><dt>Actors</dt><dd>{}</dd>", g_.facts.size(), g_.actors.size());
    return out + "</dl>\n";
  }

  // The text, cut at every span boundary, with proper nesting (see html_report.hpp).
  string text() {
    const string& t = g_.info.text;
    const std::vector<std::size_t> offsets = code_point_offsets(t);
    const std::size_t length = offsets.size() - 1;  // in code points
    std::vector<Item> items;
    auto add = [&](const model::Span& s, std::size_t fact, bool trigger, bool first) {
      if (s.begin > s.end || s.end > length) {
        ++skipped_;
        return;
      }
      for (const Item& it : items)  // one element per fact and span; one per trigger span
        if (it.trigger == trigger && it.cp_begin == s.begin && it.cp_end == s.end && (trigger || it.fact == fact)) return;
      items.push_back({offsets[s.begin], offsets[s.end], s.begin, s.end, fact, trigger, first});
    };
    for (std::size_t i = 0; i < g_.facts.size(); ++i) {
      const model::Fact& f = g_.facts[i];
      for (std::size_t k = 0; k < f.evidence.size(); ++k) add(f.evidence[k], i, false, k == 0);
    }
    for (std::size_t i = 0; i < g_.facts.size(); ++i)
      if (g_.facts[i].trigger) add(*g_.facts[i].trigger, i, true, false);

    // Outer elements first: earlier start, then later end, evidence before triggers, then
    // the facts' order.
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      if (a.begin != b.begin) return a.begin < b.begin;
      if (a.end != b.end) return a.end > b.end;
      if (a.trigger != b.trigger) return !a.trigger;
      return a.fact < b.fact;
    });
    std::vector<std::size_t> boundaries{0, t.size()};
    for (const Item& it : items) {
      boundaries.push_back(it.begin);
      boundaries.push_back(it.end);
    }
    std::sort(boundaries.begin(), boundaries.end());
    boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());

    string out;
    std::vector<const Item*> stack;
    anchored_.assign(g_.facts.size(), false);
    std::size_t next = 0, pos = 0;
    for (std::size_t p : boundaries) {
      out += html_escape(string_view(t).substr(pos, p - pos));
      pos = p;
      // Close what ends here; what is closed only to keep the nesting is opened again.
      std::vector<const Item*> reopen;
      auto lowest = std::find_if(stack.begin(), stack.end(), [&](const Item* it) { return it->end == p; });
      if (lowest != stack.end()) {
        const std::size_t k = static_cast<std::size_t>(lowest - stack.begin());
        while (stack.size() > k) {
          const Item* it = stack.back();
          stack.pop_back();
          out += close(*it);
          if (it->end == p)
            out += marker(*it);
          else
            reopen.push_back(it);
        }
        std::reverse(reopen.begin(), reopen.end());  // outermost first
      }
      std::vector<const Item*> open_here = reopen;
      for (; next < items.size() && items[next].begin == p; ++next) open_here.push_back(&items[next]);
      std::stable_sort(open_here.begin(), open_here.end(), [](const Item* a, const Item* b) { return a->end > b->end; });
      for (const Item* it : open_here) {
        string id;
        if (!it->trigger && it->first_evidence && !anchored_[it->fact]) {
          anchored_[it->fact] = true;
          id = fmt::format("{}ev{}", prefix_, it->fact + 1);
        }
        out += open(*it, id);
        if (it->begin == it->end)
          out += close(*it) + marker(*it);
        else
          stack.push_back(it);
      }
    }
    return out;
  }

  string open(const Item& it, const string& id) const {
    if (it.trigger) return "<span class=\"trigger\">";
    const model::Fact& f = g_.facts[it.fact];
    return fmt::format("<mark class=\"ev {}\"{} data-fact=\"{}\" data-span=\"{},{}\" title=\"{}\">", view::style(f.kind).css_class,
                       id.empty() ? "" : fmt::format(" id=\"{}\"", id), html_escape(fact_iri(it.fact)), it.cp_begin, it.cp_end,
                       html_escape(hover(it.fact)));
  }
  static string close(const Item& it) { return it.trigger ? "</span>" : "</mark>"; }
  string marker(const Item& it) const {
    if (it.trigger) return {};
    const model::Fact& f = g_.facts[it.fact];
    return fmt::format("<sup class=\"fn {}\"><a href=\"#{}\" aria-label=\"fact {}, {}\">[{}&nbsp;{}]</a></sup>", view::style(f.kind).css_class,
                       fact_row_id(it.fact), it.fact + 1, kind_label(f), it.fact + 1, kind_label(f));
  }

  // The hover text: the fact, its type and status, its roles, its rule.
  string hover(std::size_t i) const {
    const model::Fact& f = g_.facts[i];
    string text = view::fact_summary(g_, i, f);
    string type = view::type_text(f);
    if (f.status) type += (type.empty() ? "" : ", ") + string(model::name(*f.status));
    if (f.quantity) type += (type.empty() ? "" : ", ") + view::quantity_text(*f.quantity);
    if (!type.empty()) text += "\n" + type;
    return text;
  }

  string actor_link(const string& id) const {
    auto row = actor_rows_.find(id);
    string label = html_escape(view::actor_label(g_, id));
    return row == actor_rows_.end() ? label : fmt::format("<a href=\"#{}actor{}\">{}</a>", prefix_, row->second, label);
  }
  string actor_links(const std::vector<string>& ids) const {
    string out;
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + actor_link(ids[i]);
    return out;
  }

  string facts_table() const {
    string out = fmt::format("<section aria-labelledby=\"{0}facts\"><h3 id=\"{0}facts\">Facts</h3>\n", prefix_);
    if (g_.facts.empty()) return out + "<p>No facts found.</p>\n</section>\n";
    out += "<table>\n<caption>One row per fact. Who: the claimant, provider or parties; whom: the accused or "
           "recipient. The number links to the evidence in the text.</caption>\n"
           "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Kind</th><th scope=\"col\">Who</th>"
           "<th scope=\"col\">Whom</th><th scope=\"col\">Type</th><th scope=\"col\">Status</th>"
           "<th scope=\"col\">Quantity</th><th scope=\"col\">Date</th><th scope=\"col\">CAMEO</th>"
           "<th scope=\"col\">About</th><th scope=\"col\">Rule</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < g_.facts.size(); ++i) {
      const model::Fact& f = g_.facts[i];
      const string cls(view::style(f.kind).css_class);
      string about;
      if (f.about && *f.about < g_.facts.size())
        about = fmt::format("<a href=\"#{}\">{} {}</a>", fact_row_id(*f.about), *f.about + 1, kind_label(g_.facts[*f.about]));
      string cameo = html_escape(f.cameo);
      if (!f.plover.empty()) cameo += fmt::format(" <small>({})</small>", html_escape(f.plover));
      const string number = i < anchored_.size() && anchored_[i] ? fmt::format("<a href=\"#{}ev{}\">{}</a>", prefix_, i + 1, i + 1) : std::to_string(i + 1);
      out += fmt::format(
          "<tr id=\"{}\" class=\"{}\" data-fact=\"{}\"><th scope=\"row\">{}</th><td class=\"kind\"><span class=\"swatch {}\" aria-hidden=\"true\"></span>{}</td>"
          "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td>"
          "<td class=\"rule\">{}</td></tr>\n",
          fact_row_id(i), cls, html_escape(fact_iri(i)), number, cls, kind_label(f), actor_links(view::agents(f)),
          actor_links(view::patients(f)), html_escape(view::type_text(f)), f.status ? model::name(*f.status) : "",
          f.quantity ? html_escape(view::quantity_text(*f.quantity)) : "", f.date ? f.date->lexical() : "", cameo, about,
          rule_breaks(html_escape(f.rule)));
    }
    return out + "</tbody>\n</table>\n</section>\n";
  }

  string actors_table() const {
    string out = fmt::format("<section aria-labelledby=\"{0}actors\"><h3 id=\"{0}actors\">Actors</h3>\n", prefix_);
    if (g_.actors.empty()) return out + "<p>No actors found.</p>\n</section>\n";
    out += "<table>\n<caption>Every actor the document mentions, with its IRI in the graph.</caption>\n"
           "<thead><tr><th scope=\"col\">Actor</th><th scope=\"col\">Type</th><th scope=\"col\">ISO 3166</th>"
           "<th scope=\"col\">Wikidata</th><th scope=\"col\">Affiliation</th><th scope=\"col\">Office</th>"
           "<th scope=\"col\">IRI</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < g_.actors.size(); ++i) {
      const model::Actor& a = g_.actors[i];
      string wikidata = html_escape(a.wikidata);
      const bool qid = a.wikidata.size() > 1 && a.wikidata[0] == 'Q' &&
                       std::all_of(a.wikidata.begin() + 1, a.wikidata.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (qid) wikidata = fmt::format("<a href=\"https://www.wikidata.org/wiki/{0}\">{0}</a>", a.wikidata);
      out += fmt::format(
          "<tr id=\"{}actor{}\" data-actor=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td class=\"iri\">{}</td></tr>\n",
          prefix_, i + 1, html_escape(iris_.actor(a.id)), html_escape(a.label.empty() ? a.id : a.label), model::name(a.type),
          html_escape(a.iso3), wikidata, a.affiliation.empty() ? "" : actor_link(a.affiliation), html_escape(a.role),
          html_escape(iris_.actor(a.id)));
    }
    return out + "</tbody>\n</table>\n</section>\n";
  }

  string drawing() const {
    string out = fmt::format("<section aria-labelledby=\"{0}graph\"><h3 id=\"{0}graph\">Graph</h3>\n", prefix_);
    if (g_.facts.empty()) return out + "<p>No facts to draw.</p>\n</section>\n";
    DrawingOptions options;
    options.id_prefix = prefix_;
    options.link_rows = true;
    string svg;
    try {
      svg = dot_to_svg(document_dot(g_, iris_, options));
    } catch (const std::runtime_error& e) {
      return out + fmt::format("<p class=\"note\">The graph could not be drawn: {}</p>\n</section>\n", html_escape(e.what()));
    }
    const string alt = fmt::format(
        "Graph of document {}: actors as ellipses, {} facts as numbered boxes (claims dashed), roles as labelled arrows; "
        "the table of facts above says the same in text.",
        n_, g_.facts.size());
    svg.insert(4, fmt::format(" role=\"img\" aria-label=\"{}\"", html_escape(alt)));
    out += "<figure>\n<div class=\"drawing\" tabindex=\"0\" role=\"group\" aria-label=\"drawing, scrolls sideways\">" + svg + "</div>\n<figcaption>Actors (ellipses) and facts (boxes, numbered as in the table; claims with dashed "
           "borders) joined by their roles. Arrows run from the claimant, provider or party to the fact and from the fact to the "
           "accused or recipient; dashed arrows point to what a claim is about.</figcaption>\n</figure>\n";
    return out + "</section>\n";
  }

  const ReportDocument& doc_;
  const model::DocumentGraph& g_;
  std::size_t n_;
  const Iris& iris_;
  string prefix_;
  std::map<string, std::size_t> actor_rows_;
  std::size_t skipped_ = 0;
  std::vector<bool> anchored_;  // facts whose first evidence span is in the text (id dN-evK)
};

}  // namespace

std::string html_report(const std::vector<ReportDocument>& documents, const ReportOptions& options) {
  Iris iris;
  iris.base = options.base;
  string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<header class=\"page\">\n<h1>{}</h1>\n",
      html_escape(options.title), kCss, html_escape(options.title));
  std::size_t facts = 0;
  for (const ReportDocument& d : documents) facts += d.graph.facts.size();
  out += fmt::format("<p>{} document{}, {} fact{}. Highlight colours and underlines by kind:</p>\n<ul class=\"legend\">", documents.size(),
                     documents.size() == 1 ? "" : "s", facts, facts == 1 ? "" : "s");
  for (model::FactKind k : view::kAllKinds) {
    const view::KindStyle& st = view::style(k);
    out += fmt::format("<li><span class=\"swatch {}\" aria-hidden=\"true\"></span>{}{}</li>", st.css_class, model::name(k),
                       k == model::FactKind::Allegation || k == model::FactKind::Denial || k == model::FactKind::Confirmation ? " (claim)" : " (act)");
  }
  out += "</ul>\n";
  if (documents.size() > 1) {
    out += "<nav class=\"toc\" aria-label=\"Documents\"><ol>";
    for (std::size_t i = 0; i < documents.size(); ++i) {
      const ReportDocument& d = documents[i];
      out += fmt::format("<li><a href=\"#d{}\">{}</a></li>", i + 1, html_escape(d.graph.info.title.empty() ? d.name : d.graph.info.title));
    }
    out += "</ol></nav>\n";
  }
  out += "</header>\n<main>\n";
  for (std::size_t i = 0; i < documents.size(); ++i) out += DocumentView(documents[i], i + 1, iris).render();
  out += "</main>\n";
  out += fmt::format("<footer><p>Made by {}. Offsets are in Unicode code points, as in the RDF.</p></footer>\n</body>\n</html>\n",
                     html_escape(options.generator.empty() ? string("newskg") : options.generator));
  return out;
}

}  // namespace newskg::exporters
