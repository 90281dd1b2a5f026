#include "newskg/extractor.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <tuple>
#include <vector>

#include "analysis.hpp"

namespace newskg {
namespace {

// The items of a comma-separated attribute ("Planned,Considered"); none for an empty one.
std::vector<std::string_view> split_commas(std::string_view list) {
  std::vector<std::string_view> items;
  if (list.empty()) return items;
  for (std::size_t start = 0;;) {
    const std::size_t comma = list.find(',', start);
    items.push_back(list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return items;
    start = comma + 1;
  }
}

// The actors of a document by id, each marked once the graph names it. Open addressing in a
// table sized for the document, of views of the map's keys: each mention and role asks for
// its actors, mostly named before, where a std::unordered_set hashed every byte, divided for
// the bucket and compared ids with a call, and the map compared ids along a path. Here an id's
// length and first and last eight bytes are its hash and, up to 16 bytes, what tells it apart.
class UsedActors {
 public:
  // `actors` must outlive this, and keep its keys and affiliations while it is used.
  explicit UsedActors(const std::map<std::string, model::Actor, std::less<>>& actors)
      : slots_(std::bit_ceil(2 * actors.size() + 2)), shift_(64 - static_cast<unsigned>(std::countr_zero(slots_.size()))) {
    for (const auto& [id, actor] : actors) {
      const Key key(id);
      slots_[slot_of(id, key)] = {id, key, actor.affiliation, false};
    }
  }
  // Marks the actor of that id, and the one it is affiliated to, and so on; an id of no actor
  // is left alone.
  void mark(std::string_view id) {
    while (!id.empty()) {
      Slot& slot = slots_[slot_of(id, Key(id))];
      if (slot.id.empty() || slot.used) return;
      slot.used = true;
      id = slot.affiliation;
    }
  }
  bool marked(std::string_view id) const { return slots_[slot_of(id, Key(id))].used; }

 private:
  struct Key {
    explicit Key(std::string_view id) : size(id.size()) {
      const char* bytes = id.data();
      if (size >= 8) {
        std::memcpy(&head, bytes, 8);
        std::memcpy(&tail, bytes + size - 8, 8);
      } else if (size >= 4) {
        std::uint32_t first, last;
        std::memcpy(&first, bytes, 4);
        std::memcpy(&last, bytes + size - 4, 4);
        head = first, tail = last;
      } else if (size > 0) {
        head = static_cast<unsigned char>(bytes[0]) | static_cast<unsigned char>(bytes[size / 2]) << 8 |
               static_cast<unsigned char>(bytes[size - 1]) << 16;
      }
    }
    std::uint64_t head = 0, tail = 0;  // the first and last bytes: with the size, all of an id of up to 16
    std::size_t size;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct Slot {
    std::string_view id;  // empty in an empty slot
    Key key{std::string_view()};
    std::string_view affiliation;
    bool used = false;
  };
  // The slot holding id, or the empty one where it would go.
  std::size_t slot_of(std::string_view id, const Key& key) const {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;  // Fibonacci hashing: the top bits are mixed best
    const std::size_t mask = slots_.size() - 1;
    auto i = static_cast<std::size_t>(((key.head * kMultiplier) ^ key.tail ^ key.size) * kMultiplier >> shift_);
    while (!slots_[i].id.empty() && !(slots_[i].key == key && (key.size <= 16 || slots_[i].id == id))) i = (i + 1) & mask;
    return i;
  }
  std::vector<Slot> slots_;
  unsigned shift_;
};

}  // namespace

PhraseIndex* LexiconTables::of(std::string_view cls) {
  using T = LexiconTables;
  static const std::map<std::string_view, PhraseIndex T::*> kIndexes = {
      {"claim", &T::claim},
      {"claim-noun", &T::claim_noun},
      {"denial-cue", &T::denial_cue},
      {"conditional", &T::conditional},
      {"aid-verb", &T::aid_verb},
      {"not-a-trigger", &T::not_a_trigger},
      {"aid-noun", &T::aid_noun},
      {"aid-modifier", &T::aid_modifier},
      {"agreement-noun", &T::agreement_noun},
      {"agreement-modifier", &T::agreement_modifier},
      {"agreement-verb", &T::agreement_verb},
      {"modality", &T::modality},
      {"hedge", &T::hedge},
      {"negation", &T::negation},
      {"title", &T::title},
      {"title-modifier", &T::title_modifier},
      {"person-noun", &T::person_noun},
      {"body-noun", &T::body_noun},
      {"group-head", &T::group_head},
      {"named-body", &T::named_body},
      {"pronoun", &T::pronoun},
      {"anaphor", &T::anaphor},
      {"preposition", &T::preposition},
      {"month", &T::month},
      {"weekday", &T::weekday},
      {"relative-time", &T::relative_time},
      {"bound", &T::bound},
      {"amount-link", &T::amount_link},
      {"currency", &T::currency},
      {"armed-group-noun", &T::armed_group_noun},
      {"intent-noun", &T::intent_noun},
      {"conflict-noun", &T::conflict_noun},
      {"opposing-verb", &T::opposing_verb},
      {"stance-verb", &T::stance_verb},
  };
  auto it = kIndexes.find(cls);
  return it == kIndexes.end() ? nullptr : &(this->*it->second);
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
        t.gazetteer.add(f, t.gazetteer_hits.size(), abbr, t.vocabulary, /*case_sensitive=*/true);
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
    t.cue_attributes.push_back({e.attr("kind"), e.attr("speaker"), e.attr("subject"), e.attr("object"), e.attr("direction"), e.attr("type"), e.attr("status"),
                                e.attr("generic"), e.attr("reference"), e.attr("standalone"), e.attr("bound"), e.attr("code"), e.attr("owner")});
    if (e.cls == "codes") {
      t.codes.push_back({e.attr("kind"), split_commas(e.attr("status")), split_commas(e.attr("type")), std::string(e.attr("cameo")),
                         std::string(e.attr("plover"))});
      continue;
    }
    if (e.cls == "number-word" || e.cls == "magnitude") {
      PhraseIndex& index = e.cls == "number-word" ? t.number_words : t.magnitudes;
      for (const std::string& p : e.phrases) {
        auto eq = p.find('=');
        if (eq == std::string::npos) continue;
        index.add(p.substr(0, eq), t.values.size(), abbr, t.vocabulary);
        t.values.push_back(p.substr(eq + 1));
      }
      continue;
    }
    if (e.cls == "currency") t.currency_codes.emplace(e.attr("code"));
    PhraseIndex* index = t.of(e.cls);
    if (!index) continue;
    // Named bodies are proper names: "Foreign Ministry" but not "foreign ministry".
    const bool cased = e.cls == "named-body";
    for (const std::string& p : e.phrases) index->add(p, i, abbr, t.vocabulary, cased);
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
  // target so that every nkg:affiliation points at a described actor. (`used` views a.actors'
  // keys, which stay as the actors are moved out below.)
  UsedActors used(a.actors);
  // The mentions are sorted and their repeats dropped as code-point offsets and views of the
  // ids, before any anchor or id is copied into a string: equal offsets mean the same tokens
  // and so the same anchor.
  struct MentionKey {
    std::size_t begin, end;  // as in document.span(first, last)
    std::size_t first, last;
    std::string_view actor_id;
    auto order() const { return std::tie(begin, end, actor_id); }
  };
  std::vector<MentionKey> keys;
  keys.reserve(a.mentions.size());  // most mentions name one actor
  const std::vector<Token>& tokens = document.tokens();
  for (const ActorMention& m : a.mentions) {
    if (m.kind == MentionKind::Coordination) continue;
    const bool empty = m.first >= m.last;
    for (const std::string& id : m.actors) {
      used.mark(id);
      keys.push_back({empty ? 0 : tokens[m.first].cp_begin, empty ? 0 : tokens[m.last - 1].cp_end, m.first, m.last, id});
    }
  }
  // The mentions come from one scan of the text, and so their keys nearly by begin: an
  // insertion sort moves the few out of order (mentions that start together) a short way,
  // where std::sort partitioned every document's keys.
  for (std::size_t i = 1; i < keys.size(); ++i) {
    const MentionKey key = keys[i];
    std::size_t at = i;
    for (; at > 0 && key.order() < keys[at - 1].order(); --at) keys[at] = keys[at - 1];
    keys[at] = key;
  }
  keys.erase(std::unique(keys.begin(), keys.end(), [](const MentionKey& x, const MentionKey& y) { return x.order() == y.order(); }),
             keys.end());
  g.mentions.reserve(keys.size());
  for (const MentionKey& k : keys) g.mentions.push_back({document.span(k.first, k.last), std::string(k.actor_id)});
  for (const model::Fact& f : a.facts)
    for (const auto* role : {&f.claimant, &f.accused, &f.provider, &f.recipient, &f.party})
      for (const std::string& id : *role) used.mark(id);
  // a.actors is keyed and so ordered by id: the described actors come out sorted.
  for (auto& [id, actor] : a.actors)
    if (used.marked(id)) g.actors.push_back(std::move(actor));
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
