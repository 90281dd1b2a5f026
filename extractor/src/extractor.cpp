#include "newskg/extractor.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "analysis.hpp"

namespace newskg {

const PhraseIndex& LexiconTables::of(std::string_view cls) const {
  static const PhraseIndex kEmpty;
  auto it = by_class.find(cls);
  return it == by_class.end() ? kEmpty : it->second;
}

struct Extractor::Tables : LexiconTables {};

Extractor::Extractor(const Resources& resources) : resources_(resources), tables_(std::make_unique<Tables>()) {
  Tables& t = *tables_;
  t.resources = &resources;
  const Abbreviations& abbr = resources.abbreviations();
  const auto& gaz = resources.gazetteer();
  for (std::size_t e = 0; e < gaz.size(); ++e) {
    using Hit = LexiconTables::GazetteerHit;
    auto add = [&](const std::vector<std::string>& forms, Hit::Form form) {
      for (const std::string& f : forms) {
        t.gazetteer.add(f, t.gazetteer_hits.size(), abbr, /*case_sensitive=*/true);
        t.gazetteer_hits.push_back({e, form});
      }
    };
    add(gaz[e].names, Hit::Name);
    add(gaz[e].capitals, Hit::Capital);
    add(gaz[e].demonyms, Hit::Demonym);
  }
  const auto& lex = resources.lexicon();
  for (std::size_t i = 0; i < lex.size(); ++i) {
    const LexiconEntry& e = lex[i];
    if (e.cls == "number-word" || e.cls == "magnitude") {
      PhraseIndex& index = e.cls == "number-word" ? t.number_words : t.magnitudes;
      for (const std::string& p : e.phrases) {
        auto eq = p.find('=');
        if (eq == std::string::npos) continue;
        index.add(p.substr(0, eq), t.values.size(), abbr);
        t.values.push_back(p.substr(eq + 1));
      }
      continue;
    }
    // Named bodies are proper names: "Foreign Ministry" but not "foreign ministry".
    const bool cased = e.cls == "named-body";
    for (const std::string& p : e.phrases) t.by_class[e.cls].add(p, i, abbr, cased);
  }
}

Extractor::~Extractor() = default;

model::DocumentGraph Extractor::extract(model::DocumentInfo info, bool trace) const {
  return extract(Document(std::move(info), resources_.abbreviations()), trace);
}

model::DocumentGraph Extractor::extract(const Document& document, bool trace) const {
  Analysis a(document, *tables_);
  std::vector<model::TraceEvent> events;
  if (trace) a.trace = &events;
  find_mentions(a);
  find_times(a);
  find_frames(a);
  model::DocumentGraph g;
  g.info = document.info();
  // Only actors that a mention or a fact names are described; an affiliation pulls in its
  // target so that every nkg:affiliation points at a described actor.
  std::set<std::string> used;
  auto use = [&](const std::string& id) {
    for (std::string cur = id; !cur.empty() && used.insert(cur).second;) {
      auto it = a.actors.find(cur);
      cur = it == a.actors.end() ? std::string() : it->second.affiliation;
    }
  };
  for (const ActorMention& m : a.mentions) {
    if (m.kind == MentionKind::Coordination) continue;
    for (const std::string& id : m.actors) {
      use(id);
      g.mentions.push_back({document.span(m.first, m.last), id});
    }
  }
  for (const model::Fact& f : a.facts)
    for (const auto* role : {&f.claimant, &f.accused, &f.provider, &f.recipient, &f.party})
      for (const std::string& id : *role) use(id);
  for (const std::string& id : used)
    if (auto it = a.actors.find(id); it != a.actors.end()) g.actors.push_back(it->second);
  std::sort(g.actors.begin(), g.actors.end(), [](const model::Actor& x, const model::Actor& y) { return x.id < y.id; });
  std::sort(g.mentions.begin(), g.mentions.end(), [](const model::Mention& x, const model::Mention& y) {
    return std::tie(x.span.begin, x.span.end, x.actor_id) < std::tie(y.span.begin, y.span.end, y.actor_id);
  });
  g.mentions.erase(std::unique(g.mentions.begin(), g.mentions.end(),
                               [](const model::Mention& x, const model::Mention& y) { return x.span == y.span && x.actor_id == y.actor_id; }),
                   g.mentions.end());
  g.facts = std::move(a.facts);
  model::assign_fact_ids(g);
  if (trace) {
    for (const Sentence& s : document.sentences()) g.sentences.push_back(document.span(s.first, s.last));
    std::stable_sort(events.begin(), events.end(), [](const model::TraceEvent& x, const model::TraceEvent& y) {
      return std::tie(x.sentence, x.span.begin) < std::tie(y.sentence, y.span.begin);
    });
    g.trace = std::move(events);
  }
  return g;
}

}  // namespace newskg
