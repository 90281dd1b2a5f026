// Actor mentions: gazetteer names, demonyms and capitals; government bodies and titled or
// unnamed persons built by pattern around them; coordinations; pronouns and anaphors.
#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "analysis.hpp"

namespace newskg {

using namespace std::string_view_literals;
namespace {

using Hit = LexiconTables::GazetteerHit;

// The rules of pronouns and anaphors, by what they refer to (resolve() resolves no other
// `refers`), and with "+metonym" when "its foreign ministry" stands for the antecedent's state:
// literals, as every other mention rule is, so that a mention owns no string.
// resolve() tells them apart by `what`, not by comparing strings again.
enum class Refers { Person, Thing, Home, State, Organization, Source, Plural, Pair, Latter, Former, Relative };
struct CorefRule {
  std::string_view refers;
  Refers what;
  std::string_view rule, metonym_rule;
};
constexpr CorefRule kCorefRules[] = {
    {"person", Refers::Person, "coref.person", "coref.person+metonym"},
    {"thing", Refers::Thing, "coref.thing", "coref.thing+metonym"},
    {"home", Refers::Home, "coref.home", "coref.home+metonym"},
    {"state", Refers::State, "coref.state", "coref.state+metonym"},
    {"organization", Refers::Organization, "coref.organization", "coref.organization+metonym"},
    {"source", Refers::Source, "coref.source", "coref.source+metonym"},
    {"plural", Refers::Plural, "coref.plural", "coref.plural+metonym"},
    {"pair", Refers::Pair, "coref.pair", "coref.pair+metonym"},
    {"latter", Refers::Latter, "coref.latter", "coref.latter+metonym"},
    {"former", Refers::Former, "coref.former", "coref.former+metonym"},
    {"relative", Refers::Relative, "coref.relative", "coref.relative+metonym"},
};

const std::string kNoAffiliation;

const CorefRule* coref_rule(std::string_view refers) {
  const auto* it = std::ranges::find(kCorefRules, refers, &CorefRule::refers);
  return it == std::end(kCorefRules) ? nullptr : it;
}

class MentionFinder {
 public:
  explicit MentionFinder(Analysis& a)
      : a_(a),
        doc_(a.doc),
        toks_(a.doc.tokens()),
        token_ids_(a.token_ids),
        tables_(a.tables),
        pattern_openings_(tables_.gazetteer.start_bit() | tables_.title.start_bit() | tables_.title_modifier.start_bit() |
                          tables_.person_noun.start_bit() | tables_.armed_group_noun.start_bit()),
        reference_openings_(tables_.pronoun.start_bit() | tables_.anaphor.start_bit()),
        person_or_body_openings_(tables_.gazetteer.start_bit() | tables_.title.start_bit() | tables_.title_modifier.start_bit()),
        starts_(token_ids_.starts),
        gazetteer_bit_(tables_.gazetteer.start_bit()),
        gazetteer_walks_(toks_.size()) {}

  void run() {
    a_.mention_at.assign(toks_.size(), -1);
    // About one mention in a dozen tokens: room enough that the vector rarely moves them all.
    a_.mentions.reserve(toks_.size() / 8 + 16);
    find_focus_state();
    for (std::size_t s = 0; s < doc_.sentences().size(); ++s) {
      const Sentence& sentence = doc_.sentences()[s];
      std::size_t i = std::max(sentence.first, doc_.dateline_end());
      while ((i = next_possible_start(i, sentence.last)) < sentence.last) {
        const std::size_t next = match_patterns_at(i, sentence);
        i = next > i ? next : i + 1;
      }
    }
  }

 private:
  // Tries every mention pattern at token i; returns the token after the mention, or i. The
  // test that rules out most tokens is inlined here, apart from the patterns.
  std::size_t scan_at(std::size_t i, const Sentence& sentence) {
    return may_start_mention(i, sentence.last) ? match_patterns_at(i, sentence) : i;
  }

  // The first token from i on (`limit` if none) where may_start_mention(): a loop of its own, that
  // reads the token arrays without the patterns' calls in between. A determiner starts a mention
  // only before a word that opens a pattern, which may itself start one: the scan stops at that
  // word, and then looks back one token.
  std::size_t next_possible_start(std::size_t i, std::size_t limit) const {
    const Token* tokens = toks_.data();
    const Vocabulary::Indexes* starts = token_ids_.starts.data();
    const Vocabulary::Indexes openings = pattern_openings_ | reference_openings_;
    std::size_t t = i;
    while (t < limit && !tokens[t].capitalized && !(starts[t] & openings)) ++t;
    if (t > i && t < limit && (starts[t] & pattern_openings_) && is_determiner(toks_[t - 1].norm)) return t - 1;
    return t;
  }

  std::size_t match_patterns_at(std::size_t i, const Sentence& sentence) {
    const std::size_t limit = sentence.last;
    const bool determiner = is_determiner(toks_[i].norm);
    if (determiner)
      if (auto b = tables_.body_noun.longest_at(token_ids_, i + 1, limit); b && tables_.entry(b->payload).attr("metonym") == "yes")
        if (auto end = of_name(i, b->last, sentence)) return *end;
    const std::size_t head_at = past_lowercase_modifiers(determiner ? i + 1 : i, limit);
    // person_or_body() opens at head_at with a name, a title or a title modifier; role_of() with a
    // person noun.
    const Vocabulary::Indexes head_starts = head_at < limit ? token_ids_.starts[head_at] : 0;
    if (head_starts & person_or_body_openings_)
      if (auto end = person_or_body(i, head_at, sentence)) return *end;
    if (head_starts & tables_.person_noun.start_bit())
      if (auto end = role_of(head_at, sentence)) return *end;
    if (auto end = appositive_person(i, sentence)) return *end;
    if (auto hit = gazetteer_at(i, limit)) {
      const GazetteerEntry& entry = tables_.resources->gazetteer()[tables_.gazetteer_hits[hit->payload].entry];
      auto form = tables_.gazetteer_hits[hit->payload].form;
      ActorMention m;
      m.first = hit->first;
      m.last = hit->last;
      m.actors = {use_actor(entry).id};
      m.person = entry.actor.type == model::ActorType::Person;
      m.kind = form == Hit::Demonym ? MentionKind::Demonym : form == Hit::Capital ? MentionKind::Capital : MentionKind::Name;
      m.modifier = form == Hit::Demonym;
      m.rule = form == Hit::Demonym ? "mention.gazetteer.demonym" : form == Hit::Capital ? "mention.gazetteer.capital" : "mention.gazetteer.name";
      if (m.person) remember_surname(m.last - 1, entry.actor.id);
      // "the Biden administration", "Maduro's government": the state the leader heads.
      if (m.person && !entry.actor.affiliation.empty())
        if (auto end = leaders_government(m.first, m.last, entry.actor.affiliation, sentence)) return *end;
      return push(std::move(m), sentence);
    }
    if (toks_[i].capitalized) {
      if (auto group = named_group_at(i, limit)) return named_group(*group, i, sentence);
      if (auto it = surnames_.empty() ? surnames_.end() : surnames_.find(doc_.token_text(i)); it != surnames_.end()) {
        ActorMention m;
        m.first = i;
        m.last = i + 1;
        m.actors = {it->second};
        m.person = true;
        m.kind = MentionKind::Name;
        m.rule = "mention.surname";
        return push(std::move(m), sentence);
      }
      if (auto named = tables_.named_body.longest_at(token_ids_, i, limit); named && is_title_case(named->first, named->last)) {
        // "the Ministry of Defence of the United Kingdom": the body of the state named after it.
        if (auto owner = name_after_of(named->last, sentence)) {
          const GazetteerEntry& entry = tables_.resources->gazetteer()[tables_.gazetteer_hits[owner->payload].entry];
          if (entry.actor.type == model::ActorType::State) {
            const std::string& state = use_actor(entry).id;
            add_affiliation_mention(owner->first, owner->last, state, sentence);
            return person_after_body(push(body(named->first, owner->last, state, named->first, model::ActorType::GovernmentBody,
                                               "mention.named-body", normalize_space(doc_.text_of(named->first, named->last))),
                                          sentence),
                                     sentence);
          }
        }
        // "In Beijing, Foreign Ministry spokesman ...": the body of the state named nearest in
        // the sentence, else of the story's home state.
        std::string state = nearest_state(sentence, named->first);
        if (state.empty()) state = a_.focus_state;
        if (!state.empty())
          return person_after_body(
              push(body(named->first, named->last, state, named->first, model::ActorType::GovernmentBody, "mention.named-body"), sentence),
              sentence);
      }
    }
    // "rebels", "the insurgents", and "the rebels" with no group named before it to stand for.
    const auto armed_group = tables_.armed_group_noun.longest_at(token_ids_, determiner ? i + 1 : i, limit);
    if (auto ana = tables_.anaphor.longest_at(token_ids_, i, limit)) {
      // "the State Department", "the Islamic Republic of Iran": a longer name after "the".
      if (auto name = gazetteer_at(i + 1, limit); name && name->last > ana->last) return i;
      if (auto end = of_name(ana->first, ana->last, sentence)) return *end;
      if (auto m = resolve(*ana)) return push(std::move(*m), sentence);
      if (armed_group) return unnamed_armed_group(i, *armed_group, sentence, a_.focus_state);
      return ana->last;
    }
    if (armed_group) return unnamed_armed_group(i, *armed_group, sentence, a_.focus_state);
    if (auto pro = tables_.pronoun.longest_at(token_ids_, i, limit)) {
      if (auto m = resolve(*pro)) {
        const std::string_view n = toks_[i].norm;
        m->modifier = n == "his"sv || n == "its"sv || n == "their"sv || n == "her"sv || n == "whose"sv;
        // "his administration", "their governments": the state the antecedent speaks for;
        // "its foreign ministry": a body of that state, as "China's foreign ministry" is.
        if (m->modifier)
          if (auto b = tables_.body_noun.longest_at(token_ids_, pro->last, limit); b && !aid_phrase(b->first, b->last, limit)) {
            std::vector<std::string> states;
            for (const std::string& id : m->actors) {
              std::string st = side_of(id);
              if (std::find(states.begin(), states.end(), st) == states.end()) states.push_back(st);
            }
            const LexiconEntry& e = tables_.entry(b->payload);
            if (e.attr("metonym") == "yes") {
              m->actors = states;
              m->last = b->last;
              m->modifier = false;
              m->person = false;
              m->rule = coref_rule_of(pro->payload)->metonym_rule;
            } else if (states.size() == 1) {
              const std::string label = fmt::format("{}'s {}", actor_label(states.front()), normalize_space(doc_.text_of(b->first, b->last)));
              ActorMention own = body(i, b->last, states.front(), b->first, body_type(e), "mention.pronoun-body", label);
              return person_after_body(push(std::move(own), sentence), sentence);
            }
          }
        return push(std::move(*m), sentence);
      }
    }
    return i;
  }

  // Analysis::use_actor(), remembered by gazetteer entry: person_or_body() and scan_at() ask for
  // the actor of every name at every token that starts one, and a map lookup each time costs.
  const model::Actor& use_actor(const GazetteerEntry& entry) {
    UsedActor& used = used_actors_[static_cast<std::size_t>(&entry - tables_.resources->gazetteer().data()) % used_actors_.size()];
    if (used.entry != &entry) used = {&entry, &a_.use_actor(entry)};
    return *used.actor;
  }

  // Most tokens start no mention, and scan_at() would try a dozen patterns to learn it. Each
  // pattern opens with a capitalized word, or with a phrase of the gazetteer, a pronoun or
  // anaphor, or (at i or after a determiner, person_or_body(), role_of() and
  // unnamed_armed_group()) a title, title modifier, person noun or armed-group noun: without
  // one of those no pattern can match at i.
  bool may_start_mention(std::size_t i, std::size_t limit) const {
    if (toks_[i].capitalized) return true;
    const auto& starts = token_ids_.starts;
    if (starts[i] & (pattern_openings_ | reference_openings_)) return true;
    return i + 1 < limit && (starts[i + 1] & pattern_openings_) && is_determiner(toks_[i].norm);
  }

  // The state named closest to token `at` in the sentence (before or after), or "".
  std::string nearest_state(const Sentence& sentence, std::size_t at) {
    std::string best;
    std::size_t best_distance = SIZE_MAX;
    for (std::size_t t = sentence.first; t < sentence.last; ++t) {
      auto hit = gazetteer_at(t, sentence.last);
      if (!hit) continue;
      const GazetteerEntry& e = tables_.resources->gazetteer()[tables_.gazetteer_hits[hit->payload].entry];
      std::size_t distance = t > at ? t - at : at - t;
      if (e.actor.type == model::ActorType::State && distance < best_distance) {
        best_distance = distance;
        best = use_actor(e).id;
      }
      t = hit->last - 1;
    }
    return best;
  }

  // "the Government of Romania", "the executive board of the IMF": an anaphor or a body that
  // stands for its owner, over tokens [first, noun_last), whose own "of" names that owner;
  // no antecedent is looked for.
  std::optional<std::size_t> of_name(std::size_t first, std::size_t noun_last, const Sentence& sentence) {
    auto hit = name_after_of(noun_last, sentence);
    if (!hit) return std::nullopt;
    const auto& named = tables_.gazetteer_hits[hit->payload];
    const GazetteerEntry& entry = tables_.resources->gazetteer()[named.entry];
    if (named.form != Hit::Name || entry.actor.type == model::ActorType::Person) return std::nullopt;
    ActorMention m;
    m.first = first;
    m.last = hit->last;
    m.actors = {use_actor(entry).id};
    m.rule = "mention.body-of-name";
    return push(std::move(m), sentence);
  }

  // The gazetteer's name in "of [the] NAME" from token `at`, if the sentence goes on so.
  std::optional<PhraseMatch> name_after_of(std::size_t at, const Sentence& sentence) const {
    if (at >= sentence.last || !norm_is(at, "of"sv)) return std::nullopt;
    ++at;
    if (at < sentence.last && norm_is(at, "the"sv)) ++at;
    return gazetteer_at(at, sentence.last);
  }

  // Whether token t's norm is `word`: a test that stays inline, where a compare of views is
  // often left a call in these large functions.
  [[gnu::always_inline]] bool norm_is(std::size_t t, std::string_view word) const {
    const std::string_view norm = toks_[t].norm;
    return norm.size() == word.size() && std::memcmp(norm.data(), word.data(), word.size()) == 0;
  }

  // Asked at nearly every token a pattern looks at, several times at the same token (person_or_body()
  // twice, name_end(), named_group_at(), match_patterns_at()): the trie is walked once per token,
  // and the tests that answer the usual call (no name starts here, or the walk already made
  // answers) are inlined; the walk is not.
  [[gnu::always_inline]] std::optional<PhraseMatch> gazetteer_at(std::size_t i, std::size_t limit) const {
    if (i >= limit || i >= starts_.size() || !(starts_[i] & gazetteer_bit_)) return std::nullopt;
    const GazetteerWalk& walk = gazetteer_walks_[i];
    if (!walk.answers(limit)) walk_gazetteer(i, limit);
    if (walk.last == 0 || walk.payload == GazetteerWalk::kNoActor) return std::nullopt;
    return PhraseMatch{i, walk.last, walk.payload};
  }

  [[gnu::noinline]] void walk_gazetteer(std::size_t i, std::size_t limit) const {
    const auto hit = tables_.gazetteer.longest_at(token_ids_, i, limit);
    if (!hit) {
      gazetteer_walks_[i] = {limit, 0, 0};
      return;
    }
    // "US$50 million", "US $50 million": a name before a dollar sign says whose dollars, no actor.
    const bool before_dollar = hit->last < toks_.size() && norm_is(hit->last, "$"sv);
    gazetteer_walks_[i] = {limit, hit->last, before_dollar ? GazetteerWalk::kNoActor : hit->payload};
  }

  bool is_title_case(std::size_t first, std::size_t last) const {
    for (std::size_t k = first; k < last; ++k)
      if (toks_[k].is_word && !toks_[k].capitalized && !norm_is(k, "of"sv) && !norm_is(k, "for"sv) && !norm_is(k, "the"sv)) return false;
    return true;
  }

  // Past the lowercase title modifiers from token j ("senior", "top"): where person_or_body()
  // and role_of() look for a name or a head word, after any determiner.
  std::size_t past_lowercase_modifiers(std::size_t j, std::size_t limit) const {
    while (j < limit && (token_ids_.starts[j] & tables_.title_modifier.start_bit()) && !toks_[j].capitalized &&
           tables_.title_modifier.longest_at(token_ids_, j, limit))
      ++j;
    return j;
  }

  // "[the|a] [senior] (State|Demonym|Org)['s] ... (title [Name] | person-noun | body-noun)"
  // and "Title Name" ("President Volodymyr Zelenskyy").
  // The pattern starts at token i; `head_at` is past its determiner and past_lowercase_modifiers().
  std::optional<std::size_t> person_or_body(std::size_t i, std::size_t head_at, const Sentence& sentence) {
    const std::size_t limit = sentence.last;
    std::size_t start = i;
    std::size_t j = head_at;
    const model::Actor* named = nullptr;  // the actor whose name opens the pattern: the affiliation
    std::size_t affil_first = j, affil_last = j;
    bool possessive = false;
    if (auto hit = gazetteer_at(j, limit)) {
      const auto& h = tables_.gazetteer_hits[hit->payload];
      const GazetteerEntry& entry = tables_.resources->gazetteer()[h.entry];
      if (entry.actor.type == model::ActorType::Person) return std::nullopt;
      named = &use_actor(entry);
      affil_first = hit->first;
      affil_last = hit->last;
      j = hit->last;
      if (j < limit && is_possessive(toks_[j])) {
        possessive = true;
        ++j;
      }
    }
    const std::string& affiliation = named ? named->id : kNoAffiliation;
    // Title phrase: modifiers, heads, organisation names used as modifiers ("U.N.").
    std::size_t title_first = j, k = j;
    bool head = false;
    // (Each step opens with a title, title modifier or name: one test rules out the rest.)
    while (k < limit && (token_ids_.starts[k] & person_or_body_openings_)) {
      if (auto t = tables_.title.longest_at(token_ids_, k, limit); t && (toks_[k].capitalized || possessive)) {
        head = true;
        k = t->last;
      } else if (auto m = tables_.title_modifier.longest_at(token_ids_, k, limit); m && (toks_[k].capitalized || possessive)) {
        k = m->last;
      } else if (auto g = gazetteer_at(k, limit); g && !head &&
                 tables_.resources->gazetteer()[tables_.gazetteer_hits[g->payload].entry].actor.type == model::ActorType::Organization &&
                 g->last < limit && (tables_.title.longest_at(token_ids_, g->last, limit) || tables_.title_modifier.longest_at(token_ids_, g->last, limit))) {
        k = g->last;
      } else {
        break;
      }
    }
    if (head && k + 1 < limit && (norm_is(k, "to"sv) || norm_is(k, "of"sv) || norm_is(k, "for"sv))) {
      std::size_t c = k + 1;
      if (c < limit && norm_is(c, "the"sv)) ++c;
      if (auto g = gazetteer_at(c, limit)) k = g->last;
    }
    if (head) {
      std::size_t title_last = k;
      // "Russian Foreign Minister, Sergei Lavrov, said": the name in apposition.
      if (k + 1 < limit && norm_is(k, ","sv) && toks_[k + 1].capitalized &&
          (gazetteer_at(k + 1, limit) || name_end(k + 1, limit) >= k + 3))
        ++k;
      if (auto g = gazetteer_at(k, limit)) {
        // "Ukrainian President Volodymyr Zelenskyy": a person the gazetteer knows.
        const GazetteerEntry& known = tables_.resources->gazetteer()[tables_.gazetteer_hits[g->payload].entry];
        if (known.actor.type == model::ActorType::Person && tables_.gazetteer_hits[g->payload].form == Hit::Name) {
          use_actor(known);
          remember_surname(g->last - 1, known.actor.id);
          ActorMention m;
          m.first = affiliation.empty() ? title_first : affil_first;
          m.last = g->last;
          m.actors = {known.actor.id};
          m.person = true;
          m.kind = MentionKind::Pattern;
          m.rule = "mention.titled-person";
          add_affiliation_mention(affil_first, affil_last, affiliation, sentence);
          return push(std::move(m), sentence, start);
        }
      }
      std::size_t name_last = k;
      name_last = name_end(k, limit);
      // "Kim Jong Un" fine; a lone initial-capital word after a title at sentence start is
      // still a name ("President Biden said").
      std::string role = normalize_space(doc_.text_of(title_first, title_last));
      if (name_last > k) {
        add_affiliation_mention(affil_first, affil_last, affiliation, sentence);
        return push(person_mention(affiliation.empty() ? title_first : affil_first, name_last, normalize_space(doc_.text_of(k, name_last)),
                                   affiliation, role, true, "mention.titled-person"),
                    sentence, start);
      }
      if (!affiliation.empty() && (possessive || toks_[affil_first].is_word)) {
        // Unknown to the gazetteer and unnamed: called by the text's own words ("Russia's U.N. Ambassador").
        add_affiliation_mention(affil_first, affil_last, affiliation, sentence);
        return push(person_mention(affil_first, title_last, normalize_space(doc_.text_of(affil_first, title_last)), affiliation, role, false,
                                   "mention.unnamed-titled-person"),
                    sentence, start);
      }
      return std::nullopt;
    }
    if (affiliation.empty()) return std::nullopt;
    // What may follow the name ("Russia said"): a group's name, or one of these nouns (after
    // lowercase modifiers).
    const Vocabulary::Indexes noun_openings = tables_.armed_group_noun.start_bit() | tables_.body_noun.start_bit() |
                                              tables_.person_noun.start_bit() | tables_.title_modifier.start_bit();
    if (j >= limit) return std::nullopt;
    // "Morocco's Urban Transport Program", "Ukraine's Energy Support Fund": a programme or fund
    // of the owner named before it (a group head marked metonym) is that owner, as "the
    // Government of Romania" is Romania; without the owner it is an organization of its own
    // ("the World Food Programme").
    if (possessive && toks_[j].capitalized)
      if (auto group = named_group_at(j, limit); group && group->metonym)
        return push(state_metonym(affil_first, group->last, affiliation, "mention.owned-group", false), sentence, start);
    if (!(token_ids_.starts[j] & noun_openings) && (possessive || !toks_[j].capitalized)) return std::nullopt;
    if (!possessive && toks_[j].capitalized) {
      if (auto group = named_group_at(j, limit)) {
        add_affiliation_mention(affil_first, affil_last, affiliation, sentence);
        return named_group(*group, affil_first, sentence, affiliation);
      }
    }
    if (auto group = possessive ? std::nullopt : tables_.armed_group_noun.longest_at(token_ids_, j, limit)) {
      // "Syrian rebels": a group of their own, not the state; the demonym is a mention inside.
      add_affiliation_mention(affil_first, affil_last, affiliation, sentence);
      return unnamed_armed_group(affil_first, *group, sentence, {});
    }
    // "Russia's foreign ministry", "the South Korean government" (the state itself).
    auto body_at = [&](std::size_t at) -> std::optional<std::size_t> {
      auto b = tables_.body_noun.longest_at(token_ids_, at, limit);
      if (!b || aid_phrase(b->first, b->last, limit)) return std::nullopt;
      const LexiconEntry& e = tables_.entry(b->payload);
      if (e.attr("metonym") == "yes")  // "Rwandan government spokeswoman Claudine Uwase": a person of the state
        return person_after_body(push(state_metonym(affil_first, b->last, affiliation, "mention.state-body", e.attr("plural") == "yes"), sentence, start), sentence);
      add_affiliation_mention(affil_first, affil_last, affiliation, sentence);
      return person_after_body(push(body(affil_first, b->last, affiliation, b->first, body_type(e), "mention.body"), sentence, start), sentence);
    };
    if (auto end = body_at(j)) return end;
    const std::size_t n = past_lowercase_modifiers(j, limit);
    if (auto p = tables_.person_noun.longest_at(token_ids_, n, limit)) {
      const LexiconEntry& e = tables_.entry(p->payload);
      if (e.attr("plural") == "yes") return push(state_metonym(affil_first, p->last, affiliation, "mention.state-people", true), sentence, start);
      std::string role = normalize(doc_.text_of(j, p->last));
      // "M23 spokesman Innocent Bahati": a name after the role makes a named person.
      std::size_t name_from = p->last < limit && norm_is(p->last, ","sv) ? p->last + 1 : p->last;
      add_affiliation_mention(affil_first, affil_last, affiliation, sentence);
      if (std::size_t e_name = name_end(name_from, limit); e_name >= name_from + 2)
        return push(person_mention(affil_first, e_name, normalize_space(doc_.text_of(name_from, e_name)), affiliation, role, true,
                                   "mention.titled-person"),
                    sentence, start);
      return push(person_mention(affil_first, p->last, normalize_space(doc_.text_of(affil_first, p->last)), affiliation, role, false,
                                 "mention.unnamed-person"),
                  sentence, start);
    }
    return body_at(n);
  }

  // The end of a personal name starting at token k: up to five capitalized words, with
  // particles inside ("Osman al-Tayeb", "Ursula von der Leyen"); k when there is none.
  std::size_t name_end(std::size_t k, std::size_t limit) const {
    // A scan of a few short words beats a tree of strings.
    static constexpr std::array<std::string_view, 16> kParticles = {"al", "al-", "bin", "ibn", "abu", "de", "del", "der",
                                                                    "van", "von", "da", "dos", "el", "la", "le", "di"};
    std::size_t e = k;
    while (e < limit && e - k < 5 && toks_[e].is_word && !tables_.title.longest_at(token_ids_, e, limit)) {
      bool particle = !toks_[e].capitalized && e > k && e + 1 < limit && toks_[e + 1].is_word &&
                      (std::ranges::find(kParticles, toks_[e].norm) != kParticles.end() || toks_[e].norm.rfind("al-", 0) == 0 || toks_[e].norm.rfind("el-", 0) == 0);
      bool hyphen_name = !toks_[e].capitalized && e > k && (toks_[e].norm.rfind("al-", 0) == 0 || toks_[e].norm.rfind("el-", 0) == 0);
      if (!toks_[e].capitalized && !particle && !hyphen_name) break;
      if (toks_[e].capitalized && gazetteer_at(e, limit)) break;
      ++e;
    }
    // A name ends on a capitalized word or a hyphenated particle name.
    while (e > k && !toks_[e - 1].capitalized && toks_[e - 1].norm.find('-') == std::string::npos) --e;
    return e;
  }

  // "Hamid al-Murtada, a member of ...", "Reza Bahrami, the ministry's spokesman": a name in
  // apposition to a role makes a person, affiliated with the actor the role names.
  std::optional<std::size_t> appositive_person(std::size_t i, const Sentence& sentence) {
    const std::size_t limit = sentence.last;
    if (!toks_[i].capitalized || !toks_[i].is_word) return std::nullopt;
    if (i > sentence.first && toks_[i - 1].is_word && toks_[i - 1].capitalized) return std::nullopt;
    // The name (two to five words, see name_end()) ends on a comma: most capitalized words
    // have none that near, and then no name need be looked for.
    if (i + 4 >= limit) return std::nullopt;
    const std::size_t last_comma = std::min(i + 5, limit - 3);
    std::size_t comma = i + 2;
    while (comma <= last_comma && !norm_is(comma, ","sv)) ++comma;
    if (comma > last_comma) return std::nullopt;
    std::size_t e = name_end(i, limit);
    if (e < i + 2 || e + 2 >= limit || !norm_is(e, ","sv)) return std::nullopt;
    std::size_t r = e + 1;
    if (!norm_is(r, "a"sv) && !norm_is(r, "an"sv) && !norm_is(r, "the"sv) && !gazetteer_at(r, limit)) return std::nullopt;
    // The role: a title or person noun within a few words; its affiliation: the first actor
    // named in the apposition (possibly through "the group's").
    std::size_t stop = r;
    bool has_role = false;
    while (stop < limit && stop < r + 12 && !norm_is(stop, ","sv) && !norm_is(stop, "."sv)) {
      if (tables_.title.longest_at(token_ids_, stop, limit) || tables_.person_noun.longest_at(token_ids_, stop, limit) ||
          norm_is(stop, "member"sv) || norm_is(stop, "head"sv) || norm_is(stop, "chief"sv))
        has_role = true;
      ++stop;
    }
    if (!has_role) return std::nullopt;
    std::string affiliation;
    for (std::size_t t = r; t < stop && affiliation.empty(); ++t) {
      if (auto g = gazetteer_at(t, stop)) {
        const GazetteerEntry& entry = tables_.resources->gazetteer()[tables_.gazetteer_hits[g->payload].entry];
        if (entry.actor.type != model::ActorType::Person) affiliation = use_actor(entry).id;
      } else if (auto ana = tables_.anaphor.longest_at(token_ids_, t, stop)) {
        if (auto m = resolve(*ana); m && m->actors.size() == 1) affiliation = m->actors.front();
      }
    }
    std::string name = normalize_space(doc_.text_of(i, e));
    if (const auto* known = find_person_named(name)) {
      ActorMention m;
      m.first = i;
      m.last = e;
      m.actors = {use_actor(*known).id};
      m.person = true;
      m.kind = MentionKind::Name;
      m.rule = "mention.gazetteer.name";
      remember_surname(e - 1, known->actor.id);
      return push(std::move(m), sentence);
    }
    const std::string role = normalize_space(doc_.text_of(r + (toks_[r].is_word && !toks_[r].capitalized ? 1 : 0), stop));
    return push(person_mention(i, e, name, affiliation, role, true, "mention.appositive-person"), sentence);
  }

  const GazetteerEntry* find_person_named(const std::string& name) const {
    for (const GazetteerEntry& e : tables_.resources->gazetteer())
      if (e.actor.type == model::ActorType::Person && std::find(e.names.begin(), e.names.end(), name) != e.names.end()) return &e;
    return nullptr;
  }

  // A person the gazetteer does not know, over tokens [first, last): named by `label`, with
  // their affiliation and office; a named person is remembered by surname for later mentions.
  ActorMention person_mention(std::size_t first, std::size_t last, const std::string& label, const std::string& affiliation,
                              const std::string& role, bool named, const char* rule) {
    model::Actor person;
    person.label = label;
    person.id = name_id("person", label);
    person.type = model::ActorType::Person;
    person.affiliation = affiliation;
    person.role = role;
    const std::string& id = register_actor(std::move(person)).id;
    if (named) remember_surname(last - 1, id);
    ActorMention m;
    m.first = first;
    m.last = last;
    m.actors = {id};
    m.person = true;
    m.kind = MentionKind::Pattern;
    m.rule = rule;
    return m;
  }

  // The id of an actor the gazetteer does not know: readable from its name, and unique to
  // that exact name, so that "Russia's U.N. Ambassador" and "Russia's UN Ambassador" never
  // share an IRI with two labels when graphs of many runs are merged.
  static std::string name_id(std::string_view kind, const std::string& name) {
    std::string id(kind);
    id += '-';
    id += model::slug(name);
    id += '-';
    id.append(model::stable_hash(name), 0, 6);
    return id;
  }

  model::ActorType body_type(const LexiconEntry& e) const {
    return tables_.attributes(e).type == "Group" ? model::ActorType::Group : model::ActorType::GovernmentBody;
  }

  // "Lebanon-based", "Iran-backed": a description, never part of a name.
  bool hyphenated_description(std::size_t t) const {
    const std::string_view text = doc_.token_text(t);
    const auto dash = text.rfind('-');
    return dash != std::string_view::npos && dash + 1 < text.size() && text[dash + 1] >= 'a' && text[dash + 1] <= 'z';
  }

  // Capitalized words ending in a group or organisation head: "Viv Ansanm gang coalition",
  // "Indo-Pacific Command". Returns the end of the name part and of the whole, and the type.
  struct NamedGroup {
    std::size_t name_last, last;
    model::ActorType type;
    bool metonym = false;  // its head stands for an owner named before it ("Program", "Fund")
  };
  // Whether a group head may start after token i: within three tokens (a described group), or
  // within the capitalized words from i or right after them (a named one). A group needs one,
  // and most capitalized words have none.
  bool group_head_near(std::size_t i, std::size_t limit) const {
    for (std::size_t t = i + 1; t < limit; ++t) {
      if (token_ids_.starts[t] & tables_.group_head.start_bit()) return true;
      if (t >= i + 3 && (!toks_[t].is_word || !toks_[t].capitalized)) return false;
    }
    return false;
  }

  std::optional<NamedGroup> named_group_at(std::size_t i, std::size_t limit) const {
    if (!group_head_near(i, limit)) return std::nullopt;
    // "Tuareg-led separatist rebels", "Iran-backed militias": a described armed group, named
    // by the whole description.
    if (toks_[i].capitalized && hyphenated_description(i)) {
      std::size_t e = i + 1;
      while (e < limit && e < i + 3 && toks_[e].is_word && !toks_[e].capitalized && !tables_.group_head.longest_at(token_ids_, e, limit)) ++e;
      if (auto head = tables_.group_head.longest_at(token_ids_, e, limit);
          head && !toks_[e].capitalized && tables_.attributes(tables_.entry(head->payload)).type == "ArmedGroup")
        return NamedGroup{head->last, head->last, model::ActorType::ArmedGroup};
      return std::nullopt;
    }
    std::size_t e = i;
    // "Lebanon-based", "Iran-backed": a hyphenated description, not part of a name.
    while (e < limit && toks_[e].is_word && toks_[e].capitalized && !gazetteer_at(e, limit) && !hyphenated_description(e) &&
           !tables_.title.longest_at(token_ids_, e, limit) && !tables_.month.longest_at(token_ids_, e, limit) &&
           !tables_.weekday.longest_at(token_ids_, e, limit) && !is_determiner(toks_[e].norm)) {
      if (auto head = tables_.group_head.longest_at(token_ids_, e, limit); head && e > i) {
        const LexiconEntry& h = tables_.entry(head->payload);
        if (tables_.attributes(h).type == "Organization")
          return NamedGroup{head->last, head->last, model::ActorType::Organization, h.attr("metonym") == "yes"};
      }
      ++e;
    }
    if (e == i) return std::nullopt;
    if (auto head = tables_.group_head.longest_at(token_ids_, e, limit); head && !toks_[e].capitalized) {
      const LexiconEntry& h = tables_.entry(head->payload);
      if (tables_.attributes(h).type == "ArmedGroup") return NamedGroup{e, head->last, model::ActorType::ArmedGroup};
    }
    return std::nullopt;
  }

  // The mention of the group `g` found by named_group_at(), from token `first` (its affiliation's
  // name when it has one).
  std::size_t named_group(const NamedGroup& g, std::size_t first, const Sentence& sentence, const std::string& affiliation = {}) {
    model::Actor actor;
    actor.label = normalize_space(doc_.text_of(first, g.name_last));
    actor.id = name_id("group", actor.label);
    actor.type = affiliation.empty() || g.type == model::ActorType::ArmedGroup ? g.type : model::ActorType::GovernmentBody;
    actor.affiliation = affiliation;
    ActorMention m;
    m.first = first;
    m.last = g.last;
    m.actors = {register_actor(std::move(actor)).id};
    m.plural = g.type == model::ActorType::ArmedGroup;
    m.kind = MentionKind::Pattern;
    m.rule = "mention.named-group";
    return push(std::move(m), sentence);
  }

  // "rebels", "the insurgents", "Syrian rebels" (from `first`): an armed group the text does not
  // name, labelled by its words from the armed-group noun `g` on (with the demonym before it, if
  // any). A bare noun says nothing of where: its id is qualified by `home`, the story's country,
  // so that the rebels of two stories are not one actor.
  std::size_t unnamed_armed_group(std::size_t first, const PhraseMatch& g, const Sentence& sentence, const std::string& home) {
    const std::size_t head = g.first;
    const bool bare = first == head || is_determiner(toks_[first].norm);
    model::Actor actor;
    // "Rebels" opening a sentence is "rebels"; "Syrian rebels" keeps its capital.
    actor.label = bare ? normalize(doc_.text_of(head, g.last)) : normalize_space(doc_.text_of(first, g.last));
    actor.id = name_id("group", home.empty() ? actor.label : fmt::format("{} ({})", actor.label, home));
    actor.type = model::ActorType::ArmedGroup;
    ActorMention m;
    m.first = first;
    m.last = g.last;
    m.actors = {register_actor(std::move(actor)).id};
    m.plural = true;
    m.kind = MentionKind::Pattern;
    m.rule = "mention.armed-group-noun";
    return push(std::move(m), sentence);
  }

  // "Iranian military aid": the body noun is an aid modifier here, not a body.
  bool aid_phrase(std::size_t first, std::size_t last, std::size_t limit) const {
    auto aid = tables_.aid_noun.longest_at(token_ids_, first, limit);
    return (aid && aid->last > last) || tables_.aid_noun.longest_at(token_ids_, last, limit).has_value();
  }

  // s with each run of white space one space, none at either end, and typographic apostrophes
  // folded (they would make the same name two labels).
  static std::string normalize_space(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (std::size_t p = 0; p < s.size();) {
      const char c = s[p];
      if (is_space(c)) {
        space = true;
        ++p;
        continue;
      }
      if (space && !out.empty()) out += ' ';
      space = false;
      if (c == '\xE2' && s.substr(p, 3) == "\xE2\x80\x99"sv) {  // the first test spares a compare at every other byte
        out += '\'';
        p += 3;
        continue;
      }
      // The bytes up to the next space or possible apostrophe, appended at once.
      std::size_t end = p + 1;
      while (end < s.size() && !is_space(s[end]) && s[end] != '\xE2') ++end;
      out.append(s.substr(p, end - p));
      p = end;
    }
    return out;
  }

  // The state or organisation an actor speaks for (its top affiliation).
  std::string side_of(const std::string& id) const {
    std::string current = id;
    for (int depth = 0; depth < 4; ++depth) {
      auto it = a_.actors.find(current);
      if (it == a_.actors.end() || it->second.affiliation.empty()) break;
      current = it->second.affiliation;
    }
    return current;
  }

  std::string actor_label(const std::string& id) const {
    const model::Actor* a = a_.actor(id);
    return a ? a->label : id;
  }

  // An actor the gazetteer does not know, recorded under its id (the first one recorded keeps
  // it, and takes the first role given); returns the one recorded.
  const model::Actor& register_actor(model::Actor actor) {
    auto [it, inserted] = a_.actors.try_emplace(actor.id);
    if (inserted) it->second = std::move(actor);
    else if (it->second.role.empty()) it->second.role = std::move(actor.role);
    return it->second;
  }

  void remember_surname(std::size_t token, const std::string& id) {
    if (toks_[token].is_word && toks_[token].capitalized) surnames_[std::string(doc_.token_text(token))] = id;
  }

  // A person's name at [first, last) followed (after "'s", if any) by a noun that stands for a
  // state ("administration", "government", "regime"): a mention of the state the person
  // belongs to, over both.
  std::optional<std::size_t> leaders_government(std::size_t first, std::size_t last, const std::string& state, const Sentence& sentence) {
    std::size_t at = last < sentence.last && is_possessive(toks_[last]) ? last + 1 : last;
    auto b = tables_.body_noun.longest_at(token_ids_, at, sentence.last);
    if (!b || aid_phrase(b->first, b->last, sentence.last)) return std::nullopt;
    const LexiconEntry& e = tables_.entry(b->payload);
    if (e.attr("metonym") != "yes" || e.attr("plural") == "yes") return std::nullopt;
    return push(state_metonym(first, b->last, state, "mention.leader-government", false), sentence);
  }

  // A mention that stands for the state (or owner) itself; `plural` as the noun is ("the
  // government" is "it", "the authorities" are "they").
  ActorMention state_metonym(std::size_t first, std::size_t last, const std::string& state, const char* rule, bool plural) {
    ActorMention m;
    m.first = first;
    m.last = last;
    m.actors = {state};
    m.plural = plural;
    m.kind = MentionKind::Pattern;
    m.rule = rule;
    return m;
  }

  // `label`: the body's name where the text's words are not it ("its foreign ministry").
  ActorMention body(std::size_t first, std::size_t last, const std::string& affiliation, std::size_t body_first,
                    model::ActorType type, const char* rule, const std::string& label = {}) {
    model::Actor b;
    // Unknown to the gazetteer: named by the text's own words ("South Korea's intelligence
    // agency"); a bare name ("the National Security Council") gets its state in the id.
    b.label = label.empty() ? normalize_space(doc_.text_of(first, last)) : label;
    b.id = name_id("body", first == body_first ? fmt::format("{} ({})", b.label, affiliation) : b.label);
    b.type = type;
    b.affiliation = affiliation;
    ActorMention m;
    m.first = first;
    m.last = last;
    m.actors = {register_actor(std::move(b)).id};
    m.kind = MentionKind::Pattern;
    m.rule = rule;
    return m;
  }

  // The state or organisation inside a person or body mention is a mention of its own.
  void add_affiliation_mention(std::size_t first, std::size_t last, const std::string& id, const Sentence&) {
    if (first >= last || id.empty()) return;
    extra_spans_.push_back({first, last, id});
  }

  // The rule of a pronoun or anaphor (by lexicon entry; nullptr: none), remembered in a small
  // direct-mapped table: a story uses a few of them many times, and the entry's attributes and
  // the rules are searched by string.
  const CorefRule* coref_rule_of(std::size_t entry) {
    KnownRule& known = coref_rules_[entry % coref_rules_.size()];
    if (known.entry != entry) known = {entry, coref_rule(tables_.entry(entry).attr("refers"))};
    return known.rule;
  }

  // Pronouns and anaphors (`match`, of either index) take the actors of an earlier mention.
  std::optional<ActorMention> resolve(const PhraseMatch& match) {
    const CorefRule* rule = coref_rule_of(match.payload);
    if (!rule) return std::nullopt;
    const Refers what = rule->what;
    const std::size_t sentence = doc_.sentence_of(match.first);
    // "The UAE supplied it": an object pronoun never stands for its own clause's subject (the
    // mention right before it), however else that subject was named before.
    const ActorMention* clause_subject = nullptr;
    if (is_object_pronoun(match))
      if (const ActorMention* latest = latest_top_mention(); latest && subject_of_clause(*latest, match.first)) clause_subject = latest;
    auto recent = [&](auto pred) -> const ActorMention* {
      for (auto it = a_.mentions.rbegin(); it != a_.mentions.rend(); ++it) {
        if (sentence - doc_.sentence_of(it->first) > 3) break;
        if (it->parent >= 0 || (clause_subject && it->actors == clause_subject->actors)) continue;
        if (pred(*it)) return &*it;
      }
      return nullptr;
    };
    const ActorMention* antecedent = nullptr;
    std::vector<std::string> actors;
    if (const ActorMention* owner = claim_owner_before(match.first)) {
      antecedent = owner;  // "the UAE's denial that it supplied ...": the one who denies
    } else if (what == Refers::Person) {
      antecedent = recent([](const ActorMention& m) { return m.person; });
    } else if (what == Refers::Thing) {
      antecedent = recent([&](const ActorMention& m) { return !m.person && !m.plural && m.subject && m.actors.size() == 1; });
    } else if (what == Refers::Home && !a_.focus_state.empty()) {
      // "the army", "the government": in a datelined story, the home country's.
      actors = {a_.focus_state};
    } else if (what == Refers::State || what == Refers::Home) {
      // The latest state named as a subject, or the state of the latest person or body named as
      // one: "Russia's Deputy Foreign Minister ... rejected a claim that the country had sent troops".
      std::string state;
      recent([&](const ActorMention& m) {
        if (!m.subject || m.actors.size() != 1) return false;
        state = state_of(m.actors.front());
        return !state.empty();
      });
      if (!state.empty()) actors = {state};
    } else if (what == Refers::Organization) {
      // "the agency", "the fund": the latest organisation or body whose name has that word;
      // "the group", "the movement": the latest organisation or armed group.
      const std::string_view head = toks_[match.last - 1].norm;
      static constexpr std::string_view kGeneric[] = {"group", "movement", "organization", "organisation", "alliance",
                                                      "bloc",  "coalition", "board",   "body",         "lender"};
      static constexpr std::string_view kArmed[] = {"militia", "rebels"};  // never the U.N. experts
      const bool armed = std::ranges::find(kArmed, head) != std::end(kArmed);
      const bool generic = std::ranges::find(kGeneric, head) != std::end(kGeneric);
      auto fits = [&](const model::Actor& a) {
        if (armed) return a.type == model::ActorType::ArmedGroup;
        if (normalize(a.label).find(head) != std::string::npos && a.type != model::ActorType::State) return true;
        return generic && (a.type == model::ActorType::Organization || a.type == model::ActorType::ArmedGroup);
      };
      // "M23 spokesman Innocent Bahati said the group had not ...": the group its speaker speaks for.
      for (auto it = a_.mentions.rbegin(); it != a_.mentions.rend() && doc_.sentence_of(it->first) == sentence; ++it)
        if (it->person && it->actors.size() == 1)
          if (const model::Actor* p = a_.actor(it->actors.front()); p && !p->affiliation.empty())
            if (const model::Actor* group = a_.actor(p->affiliation); group && fits(*group)) {
              actors = {group->id};
              break;
            }
      if (actors.empty())
        antecedent = recent([&](const ActorMention& m) {
          const model::Actor* a = m.person || m.actors.size() != 1 ? nullptr : a_.actor(m.actors.front());
          return a && fits(*a);
        });
    } else if (what == Refers::Source) {
      // "The report also accused ...", "The experts wrote ...": who wrote the report named
      // before ("a report by United Nations experts", "a U.N. report"). Only as the sentence's
      // subject: "called the report fabricated" is about the report, not by its authors.
      if (match.first == doc_.sentences()[sentence].first)
        antecedent = recent([&](const ActorMention& m) { return m.actors.size() == 1 && !m.person && is_report_source(m); });
    } else if (what == Refers::Plural) {
      antecedent = recent([](const ActorMention& m) { return m.plural || m.actors.size() > 1; });
    } else if (what == Refers::Pair || what == Refers::Latter || what == Refers::Former) {
      const ActorMention* c = recent([](const ActorMention& m) { return m.kind == MentionKind::Coordination && m.actors.size() >= 2; });
      if (c && what == Refers::Pair) antecedent = c;
      if (c && what == Refers::Latter) actors = {c->actors.back()};
      if (c && what == Refers::Former) actors = {c->actors.front()};
    } else if (what == Refers::Relative) {
      // "Zelensky, whose country ...": the mention the relative clause follows at once.
      const std::size_t before = match.first > 0 && toks_[match.first - 1].norm == ","sv ? match.first - 1 : match.first;
      if (const ActorMention* latest = latest_top_mention(); latest && latest->last == before) antecedent = latest;
    }
    if (antecedent) actors = antecedent->actors;
    if (actors.empty()) return std::nullopt;
    ActorMention m;
    m.first = match.first;
    m.last = match.last;
    m.actors = std::move(actors);
    m.person = antecedent && antecedent->person;
    m.plural = m.actors.size() > 1 || (antecedent && antecedent->plural);
    m.kind = what == Refers::Pair || what == Refers::Latter || what == Refers::Former || what == Refers::State ? MentionKind::Anaphor : MentionKind::Pronoun;
    m.rule = rule->rule;
    if (antecedent) m.antecedent = doc_.text_of(antecedent->first, antecedent->last);
    else if (const ActorMention* c = recent([](const ActorMention& x) { return x.kind == MentionKind::Coordination; }))
      m.antecedent = doc_.text_of(c->first, c->last);
    return m;
  }

  // The owner of a claim told by a noun that ends right before `at` ("the UAE's denial that",
  // "Moscow's assertion that"; a claim entry with speaker=owner), when a mention names it.
  const ActorMention* claim_owner_before(std::size_t at) const {
    for (std::size_t start = at >= 4 ? at - 4 : 0; start + 1 < at; ++start) {
      auto claim = tables_.claim.longest_at(token_ids_, start, at);
      if (!claim || claim->last != at || tables_.entry(claim->payload).attr("speaker") != "owner") continue;
      if (start < 2 || !is_possessive(toks_[start - 1])) return nullptr;
      const ActorMention* owner = latest_top_mention();
      return owner && owner->last == start - 1 ? owner : nullptr;
    }
    return nullptr;
  }

  // The last mention found that is no part of another.
  const ActorMention* latest_top_mention() const {
    auto latest = std::find_if(a_.mentions.rbegin(), a_.mentions.rend(), [](const ActorMention& m) { return m.parent < 0; });
    return latest == a_.mentions.rend() ? nullptr : &*latest;
  }

  // "supplied it with weapons", "accused them of", "told him": a pronoun that is its verb's
  // object ("them", "him", or "it" before a preposition, a determiner or punctuation), not the
  // subject of a reported clause ("said it would").
  bool is_object_pronoun(const PhraseMatch& match) const {
    if (match.last != match.first + 1) return false;
    const std::string_view n = toks_[match.first].norm;
    if (n == "them"sv || n == "him"sv) return true;
    if (n != "it"sv || match.last >= toks_.size()) return false;
    const Token& next = toks_[match.last];
    return !next.is_word ? !next.is_number : is_determiner(next.norm) || tables_.preposition.longest_at(token_ids_, match.last, match.last + 1);
  }

  // True when mention m, the latest before the pronoun at `pronoun`, is the subject of the
  // clause whose verb has the pronoun for object: only a few words, none that opens a new
  // clause, stand between them.
  bool subject_of_clause(const ActorMention& m, std::size_t pronoun) const {
    if (!m.subject || m.last > pronoun || pronoun - m.last > 4 || doc_.sentence_of(m.first) != doc_.sentence_of(pronoun)) return false;
    for (std::size_t t = m.last; t < pronoun; ++t) {
      const std::string_view n = toks_[t].norm;
      if (!toks_[t].is_word || n == "that"sv || n == "and"sv || n == "or"sv || n == "but"sv || n == "which"sv || n == "who"sv) return false;
    }
    return true;
  }

  // True when the mention names who wrote a report: "a report by X", "a report from X", "X's
  // report", "a X report" (a claim noun right before, after or ending it).
  bool is_report_source(const ActorMention& m) const {
    const auto claim_noun_at = [&](std::size_t t) { return tables_.claim_noun.longest_at(token_ids_, t, t + 1).has_value(); };
    if (m.first >= 2 && (norm_is(m.first - 1, "by"sv) || norm_is(m.first - 1, "from"sv)) && claim_noun_at(m.first - 2)) return true;
    if (m.last > m.first + 1 && claim_noun_at(m.last - 1)) return true;  // one mention: "U.N. report"
    std::size_t after = m.last;
    if (after < toks_.size() && (norm_is(after, "'s"sv) || norm_is(after, "'"sv))) ++after;
    return after < toks_.size() && claim_noun_at(after);
  }

  // The state an actor is or belongs to, through its affiliations ("Russia's foreign ministry"
  // spokesman's state is Russia); empty when there is none.
  std::string state_of(const std::string& id) const {
    std::string cur = id;
    for (int hops = 0; hops < 4 && !cur.empty(); ++hops) {
      auto it = a_.actors.find(cur);
      if (it == a_.actors.end()) break;
      if (it->second.type == model::ActorType::State) return cur;
      cur = it->second.affiliation;
    }
    return {};
  }

  bool preceded_by_preposition(std::size_t first, const Sentence& sentence) const {
    auto determiners_before = [&](std::size_t p) {
      while (p > sentence.first && (is_determiner(toks_[p - 1].norm) || norm_is(p - 1, "both"sv) || norm_is(p - 1, "either"sv)))
        --p;
      return p;
    };
    auto preposition_before = [&](std::size_t p) { return p > sentence.first && tables_.preposition.longest_at(token_ids_, p - 1, p).has_value(); };
    std::size_t p = determiners_before(first);
    if (preposition_before(p)) return true;
    // "for future United Nations operations", "into southern Afghanistan": one adjective between.
    const Token& word = toks_[p > sentence.first ? p - 1 : p];
    return p > sentence.first && word.is_word && !word.capitalized && !word.norm.ends_with("ed") && a_.mention_at[p - 1] < 0 &&
           preposition_before(determiners_before(p - 1));
  }

  // "a spokesperson for the U.S. Embassy", "the head of the agency": an unnamed person of the
  // actor named after the preposition; `j` is past the pattern's determiner and past_lowercase_modifiers().
  std::optional<std::size_t> role_of(std::size_t j, const Sentence& sentence) {
    const std::size_t limit = sentence.last;
    auto p = tables_.person_noun.longest_at(token_ids_, j, limit);
    if (!p || tables_.entry(p->payload).attr("plural") == "yes" || p->last + 1 >= limit) return std::nullopt;
    const std::string_view prep = toks_[p->last].norm;
    if (prep != "for"sv && prep != "of"sv && prep != "at"sv && prep != "from"sv && prep != "with"sv) return std::nullopt;
    const std::size_t before = a_.mentions.size();
    std::size_t end = scan_at(p->last + 1, sentence);
    if (a_.mentions.size() == before || end <= p->last + 1) return std::nullopt;
    // The organisation's mention is the last top-level one pushed.
    std::size_t org = a_.mentions.size() - 1;
    while (org > before && a_.mentions[org].parent >= 0) --org;
    const ActorMention& o = a_.mentions[org];
    if (o.person || o.actors.size() != 1 || o.first < p->last) return std::nullopt;
    a_.mentions[org].parent = static_cast<long>(a_.mentions.size());
    return push(person_mention(j, o.last, normalize_space(doc_.text_of(j, o.last)), o.actors.front(),
                               normalize_space(doc_.text_of(j, p->last)), false, "mention.role-of"),
                sentence);
  }

  // "Foreign Ministry spokesman Wang Lixin": a title and a name right after a body make a
  // person affiliated with that body; the body stays a mention of its own.
  std::size_t person_after_body(std::size_t body_end, const Sentence& sentence) {
    const std::size_t limit = sentence.last;
    // The body's mention is the last top-level one: an affiliation part ("Russian" in "Russian
    // Foreign Ministry") may follow it.
    std::size_t body_index = a_.mentions.size() - 1;
    while (body_index > 0 && a_.mentions[body_index].parent >= 0) --body_index;
    const ActorMention& b = a_.mentions[body_index];
    if (b.last != body_end || b.actors.size() != 1) return body_end;
    auto title = tables_.title.longest_at(token_ids_, body_end, limit);
    if (!title) title = tables_.person_noun.longest_at(token_ids_, body_end, limit);
    if (!title) return body_end;
    std::size_t k = title->last;
    if (k < limit && norm_is(k, ","sv)) ++k;
    std::size_t e = name_end(k, limit);
    if (e < k + 2) return body_end;
    ActorMention m = person_mention(b.first, e, normalize_space(doc_.text_of(k, e)), b.actors.front(),
                                    normalize_space(doc_.text_of(title->first, title->last)), true, "mention.body-person");
    // The person replaces the body as the top-level mention; the body is part of it.
    const std::size_t person_index = a_.mentions.size();
    std::size_t end = push(std::move(m), sentence);
    a_.mentions[body_index].parent = static_cast<long>(person_index);
    return end;
  }

  // "the United Arab Emirates (UAE) signed", "the Rapid Support Forces (RSF)": an acronym in
  // brackets right after a name is part of its mention, which so stays next to its verb.
  std::size_t past_acronym(std::size_t last, std::size_t limit) const {
    if (last + 2 >= limit || !norm_is(last, "("sv) || !norm_is(last + 2, ")"sv)) return last;
    const std::string_view word = doc_.token_text(last + 1);
    const bool acronym = word.size() >= 2 && word.size() <= 8 &&
                         std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '.' || c == '-'; });
    return acronym ? last + 3 : last;
  }

  // Records a mention; joins it to a coordination with the mention before it when only
  // "and", "or", a comma or "as well as" stands between them.
  std::size_t push(ActorMention&& m, const Sentence& sentence, std::optional<std::size_t> span_start = std::nullopt) {
    (void)span_start;
    if (m.kind == MentionKind::Name || m.kind == MentionKind::Pattern) m.last = past_acronym(m.last, sentence.last);
    bool possessive = m.last < sentence.last && is_possessive(toks_[m.last]);
    m.subject = !m.modifier && !possessive && !preceded_by_preposition(m.first, sentence);
    std::size_t end = m.last;
    std::size_t index = a_.mentions.size();
    a_.mentions.push_back(std::move(m));
    for (const auto& extra : extra_spans_) {
      ActorMention part;
      part.first = extra.first;
      part.last = extra.last;
      part.actors = {extra.id};
      part.kind = MentionKind::Name;
      part.modifier = true;
      part.rule = "mention.affiliation";
      part.parent = static_cast<long>(index);
      a_.mentions.push_back(std::move(part));
    }
    extra_spans_.clear();
    coordinate(index, sentence);
    return end;
  }

  void coordinate(std::size_t index, const Sentence& sentence) {
    ActorMention& m = a_.mentions[index];
    if (m.kind == MentionKind::Pronoun || m.modifier) return;
    // The previous top-level mention in this sentence.
    long prev = -1;
    for (long k = static_cast<long>(index) - 1; k >= 0; --k) {
      const ActorMention& c = a_.mentions[static_cast<std::size_t>(k)];
      if (c.first < sentence.first) break;
      if (c.parent < 0) {
        prev = k;
        break;
      }
    }
    if (prev < 0) return;
    ActorMention& p = a_.mentions[static_cast<std::size_t>(prev)];
    if (p.kind == MentionKind::Pronoun || p.modifier) return;
    // "A and B", "A, B and C", "A and the paramilitary B": conjunction, determiner, and at
    // most two lowercase modifiers.
    std::size_t t = p.last;
    if (t < m.first && norm_is(t, ","sv)) ++t;
    bool conjunction = false;
    if (t < m.first && (norm_is(t, "and"sv) || norm_is(t, "or"sv))) {
      conjunction = true;
      ++t;
    } else if (t + 2 < m.first && norm_is(t, "as"sv) && norm_is(t + 1, "well"sv) && norm_is(t + 2, "as"sv)) {
      conjunction = true;
      t += 3;
    }
    if (!conjunction && !(t == m.first && t > p.last)) return;
    if (!conjunction && (p.person || m.person)) return;  // "the minister, Sergei Lavrov": one person
    if (!conjunction && p.subject != m.subject) return;  // "In Beijing, Foreign Ministry spokesman ..." 
    if (t < m.first && is_determiner(toks_[t].norm)) ++t;
    // "and the Lebanon-based armed group Hezbollah": up to three describing words.
    for (int k = 0; k < 3 && t < m.first && toks_[t].is_word && (!toks_[t].capitalized || hyphenated_description(t)); ++k) ++t;
    if (t != m.first || p.last >= m.first) return;
    if (p.kind == MentionKind::Coordination) {
      p.last = m.last;
      p.parts.push_back(index);
      for (const auto& id : m.actors)
        if (std::find(p.actors.begin(), p.actors.end(), id) == p.actors.end()) p.actors.push_back(id);
      m.parent = prev;
      p.plural = true;
      return;
    }
    ActorMention c;
    c.first = p.first;
    c.last = m.last;
    if (c.first > sentence.first && (norm_is(c.first - 1, "both"sv) || norm_is(c.first - 1, "either"sv))) --c.first;
    c.actors = p.actors;
    for (const auto& id : m.actors)
      if (std::find(c.actors.begin(), c.actors.end(), id) == c.actors.end()) c.actors.push_back(id);
    c.kind = MentionKind::Coordination;
    c.plural = true;
    c.subject = p.subject;
    c.parts = {static_cast<std::size_t>(prev), index};
    c.rule = "mention.coordination";
    std::size_t ci = a_.mentions.size();
    p.parent = static_cast<long>(ci);
    m.parent = static_cast<long>(ci);
    a_.mentions.push_back(std::move(c));
  }

  void find_focus_state() {
    // The dateline's country, else the state mentioned most often.
    for (std::size_t i = 0; i < doc_.dateline_end(); ++i) {
      if (auto hit = gazetteer_at(i, doc_.dateline_end())) {
        const GazetteerEntry& e = tables_.resources->gazetteer()[tables_.gazetteer_hits[hit->payload].entry];
        if (e.actor.type == model::ActorType::State) a_.focus_state = e.actor.id;
        i = hit->last - 1;
      }
    }
    if (!a_.focus_state.empty()) {
      use_actor(*tables_.resources->find_actor(a_.focus_state));
      return;
    }
    // How often each state is named, by id: a story names a few, so a short list.
    std::vector<std::pair<std::string_view, int>> counts;
    for (std::size_t i = doc_.dateline_end(); i < toks_.size(); ++i) {
      if (auto hit = gazetteer_at(i, toks_.size())) {
        const GazetteerEntry& e = tables_.resources->gazetteer()[tables_.gazetteer_hits[hit->payload].entry];
        if (e.actor.type == model::ActorType::State) {
          auto counted = std::ranges::find(counts, std::string_view(e.actor.id), &std::pair<std::string_view, int>::first);
          if (counted == counts.end()) counts.emplace_back(e.actor.id, 1);
          else ++counted->second;
        }
        i = hit->last - 1;
      }
    }
    // The most named; of equals, the first by id.
    const std::pair<std::string_view, int>* best = nullptr;
    for (const auto& count : counts)
      if (!best || count.second > best->second || (count.second == best->second && count.first < best->first)) best = &count;
    if (best) a_.focus_state = best->first;
    if (!a_.focus_state.empty()) use_actor(*tables_.resources->find_actor(a_.focus_state));
  }

  struct ExtraSpan {
    std::size_t first, last;
    std::string id;
  };

  Analysis& a_;
  const Document& doc_;
  const std::vector<Token>& toks_;
  const TokenIds& token_ids_;
  const LexiconTables& tables_;
  // may_start_mention(): the indexes whose phrases open a pattern (at i or after a
  // determiner), and those of pronouns and anaphors.
  const Vocabulary::Indexes pattern_openings_, reference_openings_;
  const Vocabulary::Indexes person_or_body_openings_;  // the indexes of the words that open person_or_body()
  // gazetteer_at(), asked at nearly every token a pattern looks at, reads these without going
  // through token_ids_ and tables_.
  const std::vector<Vocabulary::Indexes>& starts_;
  const Vocabulary::Indexes gazetteer_bit_;
  std::map<std::string, std::string, std::less<>> surnames_;
  std::vector<ExtraSpan> extra_spans_;
  // use_actor() by gazetteer entry, in a direct-mapped table: a story names a few dozen actors
  // at most, and a table as long as the gazetteer would cost more to clear than the lookups it
  // saves.
  struct UsedActor {
    const GazetteerEntry* entry = nullptr;
    const model::Actor* actor = nullptr;  // an element of a_.actors
  };
  std::array<UsedActor, 64> used_actors_{};
  struct KnownRule {
    std::size_t entry = SIZE_MAX;  // a lexicon index
    const CorefRule* rule = nullptr;
  };
  std::array<KnownRule, 16> coref_rules_{};  // coref_rule_of()
  // gazetteer_at() by token: the limit walked to (0: not walked yet), and the end (0: none)
  // and payload of the longest name found (kNoActor: it names no actor).
  struct GazetteerWalk {
    static constexpr std::size_t kNoActor = SIZE_MAX;
    std::size_t limit = 0, last = 0, payload = 0;
    // A walk up to one limit also answers for a nearer one when the phrase it found (or none)
    // ends before that.
    bool answers(std::size_t to) const { return limit != 0 && to <= limit && last <= to; }
  };
  mutable std::vector<GazetteerWalk> gazetteer_walks_;
};

}  // namespace

const model::Actor& Analysis::use_actor(const GazetteerEntry& entry) {
  auto [it, inserted] = actors.try_emplace(entry.actor.id, entry.actor);
  // The affiliation is used too, unless it was already (then there is no need to look it up).
  if (inserted && !entry.actor.affiliation.empty() && !actors.contains(entry.actor.affiliation))
    if (const GazetteerEntry* aff = tables.resources->find_actor(entry.actor.affiliation)) use_actor(*aff);
  return it->second;
}

void find_mentions(Analysis& a) {
  MentionFinder(a).run();
  // mention_at: the outermost mention covering each token.
  for (std::size_t k = 0; k < a.mentions.size(); ++k) {
    const ActorMention& m = a.mentions[k];
    if (m.parent >= 0) continue;
    for (std::size_t t = m.first; t < m.last && t < a.mention_at.size(); ++t) a.mention_at[t] = static_cast<long>(k);
  }
}

}  // namespace newskg
