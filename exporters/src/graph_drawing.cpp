#include "newskg/graph_drawing.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "fact_view.hpp"
#include "newskg/utf8.hpp"

namespace newskg::exporters {
namespace {

// Text inside a DOT double-quoted string that Graphviz reads as an escString (labels,
// tooltips): quotes and backslashes escaped, line breaks and other controls as spaces.
std::string dot_text(std::string_view s) {
  std::string out;
  for (char c : model::to_valid_utf8(s)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string quoted(std::string_view s) { return "\"" + dot_text(s) + "\""; }

// Word-wraps s into lines of about `width` bytes, at spaces only (UTF-8 stays whole).
std::vector<std::string> wrap(std::string_view s, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view word = s.substr(i, j - i);
    if (!word.empty()) {
      if (!line.empty() && line.size() + 1 + word.size() > width) {
        lines.push_back(std::move(line));
        line.clear();
      }
      if (!line.empty()) line += ' ';
      line += word;
    }
    i = j;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// A multi-line label: each line escaped, joined by DOT's \n (centred line break).
std::string label(const std::vector<std::string>& lines) {
  std::string out = "\"";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += "\\n";
    out += dot_text(lines[i]);
  }
  return out + "\"";
}

void append_wrapped(std::vector<std::string>& lines, std::string_view text, std::size_t width = 28) {
  for (std::string& l : wrap(text, width)) lines.push_back(std::move(l));
}

}  // namespace

std::string dot_statements(const model::DocumentGraph& g, const Iris& iris, const DrawingOptions& options) {
  const std::string& p = options.id_prefix;
  auto id_attr = [&](std::string_view what) { return p.empty() ? std::string() : fmt::format(", id={}", quoted(p + std::string(what))); };
  std::string out = p.empty() ? std::string() : fmt::format("  graph [id={}];\n", quoted(p + "drawing"));

  // The actors that take part in some fact.
  std::set<std::string> drawn;
  for (const model::Fact& f : g.facts)
    for (const view::Role& r : view::roles(f)) drawn.insert(r.actors->begin(), r.actors->end());

  std::size_t actor_number = 0;
  for (const std::string& id : drawn) {
    ++actor_number;
    const model::Actor* a = g.find_actor(id);
    std::vector<std::string> lines;
    append_wrapped(lines, a && !a->label.empty() ? a->label : id);
    std::string tooltip = a && !a->label.empty() ? a->label : id;
    if (a) {
      std::string detail(model::name(a->type));
      if (!a->iso3.empty()) detail += " \xC2\xB7 " + a->iso3;  // U+00B7 middle dot
      lines.push_back(detail);
      if (!a->role.empty()) append_wrapped(lines, a->role);
      tooltip += fmt::format(" ({}{}{})", model::name(a->type), a->iso3.empty() ? "" : ", " + a->iso3,
                             a->wikidata.empty() ? "" : ", Wikidata " + a->wikidata);
    }
    out += fmt::format("  {} [label={}, shape=ellipse, style=filled, fillcolor=\"#ffffff\", color=\"#333333\", class=\"actor\", tooltip={}{}];\n",
                       quoted(iris.actor(id)), label(lines), quoted(tooltip), id_attr(fmt::format("node-actor-{}", actor_number)));
  }

  for (std::size_t i = 0; i < g.facts.size(); ++i) {
    const model::Fact& f = g.facts[i];
    const view::KindStyle& st = view::style(f.kind);
    std::vector<std::string> lines{fmt::format("{} {}", i + 1, model::name(f.kind))};
    std::string type = view::type_text(f);
    if (f.status) type += type.empty() ? std::string(model::name(*f.status)) : " \xC2\xB7 " + std::string(model::name(*f.status));
    append_wrapped(lines, type);
    if (f.quantity) append_wrapped(lines, view::quantity_text(*f.quantity));
    if (f.date) lines.push_back(f.date->lexical());
    std::string link = options.link_rows ? fmt::format(", href={}", quoted(fmt::format("#{}f{}", p, i + 1))) : "";
    out += fmt::format("  {} [label={}, shape=box, style=\"{}\", fillcolor=\"{}\", color=\"{}\", penwidth=1.5, class=\"fact {}\", tooltip={}{}{}];\n",
                       quoted(iris.fact(g.info, f)), label(lines), f.is_act() ? "filled,rounded" : "filled,rounded,dashed", st.fill,
                       st.stroke, st.css_class, quoted(view::fact_summary(g, i, f)), id_attr(fmt::format("node-{}", f.local_id)), link);
  }

  std::size_t edge = 0;
  // Edge labels are xlabels, placed after the layout, so that they do not widen the ranks.
  // "about" links between facts do not rank their ends: the roles do.
  auto edge_line = [&](const std::string& from, const std::string& to, std::string_view name, std::string_view more) {
    ++edge;
    out += fmt::format("  {} -> {} [xlabel={}{}{}];\n", quoted(from), quoted(to), quoted(name), more, id_attr(fmt::format("edge-{}", edge)));
  };
  for (const model::Fact& f : g.facts) {
    const std::string fact = iris.fact(g.info, f);
    for (const view::Role& r : view::roles(f))
      for (const std::string& a : *r.actors) {
        if (r.agent)
          edge_line(iris.actor(a), fact, r.name, "");
        else
          edge_line(fact, iris.actor(a), r.name, "");
      }
    if (f.about && *f.about < g.facts.size()) edge_line(fact, iris.fact(g.info, g.facts[*f.about]), "about", ", style=dashed, constraint=false");
  }
  return out;
}

std::string dot_digraph(std::string_view statements) {
  return fmt::format(
      "digraph \"newskg\" {{\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.2, ranksep=0.45, pad=0.1, bgcolor=\"transparent\"];\n"
      "  node [fontname=\"Helvetica\", fontsize=11, margin=\"0.1,0.05\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\", fontcolor=\"#333333\", arrowsize=0.7];\n"
      "{}}}\n",
      statements);
}

std::string document_dot(const model::DocumentGraph& g, const Iris& iris, const DrawingOptions& options) {
  return dot_digraph(dot_statements(g, iris, options));
}

namespace {
// Graphviz reports errors through one process-wide handler; collect them while we draw.
std::mutex graphviz_mutex;
std::string graphviz_errors;
int collect_error(char* message) {
  graphviz_errors += message;
  return 0;
}
struct FreeContext {
  void operator()(GVC_t* c) const { gvFreeContext(c); }
};
struct CloseGraph {
  void operator()(Agraph_t* g) const { agclose(g); }
};
}  // namespace

std::string dot_to_svg(std::string_view dot) {
  std::lock_guard lock(graphviz_mutex);
  graphviz_errors.clear();
  agusererrf previous = agseterrf(collect_error);
  struct Restore {
    agusererrf f;
    ~Restore() { agseterrf(f); }
  } restore{previous};
  auto fail = [](std::string_view what) {
    std::string message = graphviz_errors;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return std::runtime_error(message.empty() ? std::string(what) : fmt::format("{}: {}", what, message));
  };

  // One Graphviz context for the whole process: its pango plugin remembers the last font name
  // by pointer into the context's font table, so freeing a context and laying out again in a
  // new one reads freed memory (Graphviz 2.42, found by AddressSanitizer).
  static const std::unique_ptr<GVC_t, FreeContext> gvc(gvContext());
  if (!gvc) throw fail("Graphviz cannot start");
  const std::string text(dot);
  std::unique_ptr<Agraph_t, CloseGraph> graph(agmemread(text.c_str()));
  if (!graph) throw fail("Graphviz cannot read the drawing");
  if (gvLayout(gvc.get(), graph.get(), "dot") != 0) throw fail("Graphviz cannot lay the drawing out");
  char* data = nullptr;
  unsigned int length = 0;
  const int rendered = gvRenderData(gvc.get(), graph.get(), "svg", &data, &length);
  std::string svg = rendered == 0 && data ? std::string(data, length) : std::string();
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc.get(), graph.get());
  if (rendered != 0 || svg.empty()) throw fail("Graphviz cannot render SVG");
  const std::size_t start = svg.find("<svg");
  if (start == std::string::npos) throw fail("Graphviz rendered no <svg> element");
  svg.erase(0, start);
  return svg;
}

}  // namespace newskg::exporters
