#include "newskg/explain_writer.hpp"

#include <fmt/format.h>

namespace newskg::exporters {
namespace {

std::size_t sentence_of(const model::DocumentGraph& g, const model::Span& span) {
  for (std::size_t i = 0; i < g.sentences.size(); ++i)
    if (span.begin >= g.sentences[i].begin && span.begin < g.sentences[i].end) return i;
  return g.sentences.empty() ? 0 : g.sentences.size() - 1;
}

std::string roles(const model::DocumentGraph& g, const char* name, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  std::string out = fmt::format("  {:<10}", name);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const model::Actor* a = g.find_actor(ids[i]);
    out += fmt::format("{}{} <{}>", i ? "; " : "", a ? a->label : ids[i], ids[i]);
  }
  return out + "\n";
}

}  // namespace

void write_fact_explanations(std::FILE* out, const model::DocumentGraph& g, const Iris& iris) {
  fmt::print(out, "# {} ({} facts)\n", iris.document(g.info), g.facts.size());
  for (const model::Fact& f : g.facts) {
    fmt::print(out, "\n{} {}\n", model::name(f.kind), iris.fact(g.info, f));
    if (!f.evidence.empty() && !g.sentences.empty()) {
      std::size_t s = sentence_of(g, f.evidence.front());
      fmt::print(out, "  sentence  {}: {}\n", s + 1, g.sentences[s].anchor);
    }
    if (f.trigger) fmt::print(out, "  trigger   '{}' [{},{})\n", f.trigger->anchor, f.trigger->begin, f.trigger->end);
    fmt::print(out, "  rule      {}{}\n", f.rule, f.source.empty() ? "" : fmt::format(" ({})", f.source));
    fmt::print(out, "{}{}{}{}{}", roles(g, "claimant", f.claimant), roles(g, "accused", f.accused), roles(g, "provider", f.provider),
               roles(g, "recipient", f.recipient), roles(g, "party", f.party));
    if (f.about && *f.about < g.facts.size()) fmt::print(out, "  about     {}\n", iris.fact(g.info, g.facts[*f.about]));
    if (f.status) fmt::print(out, "  status    {}\n", model::name(*f.status));
    for (const std::string& why : f.reasons) fmt::print(out, "  because   {}\n", why);
    for (const model::Span& e : f.evidence) fmt::print(out, "  evidence  [{},{}) {}\n", e.begin, e.end, e.anchor);
  }
}

bool write_sentence_trace(std::FILE* out, const model::DocumentGraph& g, std::size_t index) {
  if (index >= g.sentences.size()) return false;
  fmt::print(out, "sentence {} of {}: {}\n", index + 1, g.sentences.size(), g.sentences[index].anchor);
  std::size_t seen = 0;
  for (const model::TraceEvent& e : g.trace) {
    if (e.sentence != index) continue;
    ++seen;
    fmt::print(out, "  '{}' [{},{}){}: {}\n", e.span.anchor, e.span.begin, e.span.end,
               e.entry.empty() ? "" : fmt::format(" {} ({})", e.entry, e.source), e.message);
  }
  if (seen == 0) fmt::print(out, "  no trigger of any lexicon entry in this sentence\n");
  return true;
}

}  // namespace newskg::exporters
