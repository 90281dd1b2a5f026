// Event frames: aid and agreements (acts), and the claims about them (allegations,
// denials, confirmations), with roles bound to actor mentions, status from modality,
// hedges and negation, quantities, dates, codes and evidence.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <set>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "analysis.hpp"

namespace newskg {

using namespace std::string_view_literals;
namespace {

using model::AidType;
using model::Fact;
using model::FactId;
using model::FactKind;
using model::Status;

struct SentenceCues {
  std::vector<Cue> claims, aid_verbs, aid_nouns, aid_modifiers, agreement_nouns, agreement_modifiers, agreement_verbs, negations,
      claim_nouns, denial_cues, conditionals;
  std::vector<Cue> blockers;  // "supply boats", "arms embargo", "sent a message": not triggers at all

  // Every list, and the index its cues come from, in one order.
  static constexpr std::size_t kLists = 12;
  std::array<std::vector<Cue>*, kLists> lists() {
    return {&claims,      &aid_verbs,   &aid_nouns,    &aid_modifiers, &agreement_nouns, &agreement_modifiers,
            &agreement_verbs, &claim_nouns, &denial_cues, &conditionals,  &negations,       &blockers};
  }
  static std::array<const PhraseIndex*, kLists> indexes(const LexiconTables& t) {
    return {&t.claim,          &t.aid_verb,   &t.aid_noun,   &t.aid_modifier, &t.agreement_noun, &t.agreement_modifier,
            &t.agreement_verb, &t.claim_noun, &t.denial_cue, &t.conditional,  &t.negation,       &t.not_a_trigger};
  }

  // Empties every list, keeping its capacity for the next sentence.
  void clear() {
    for (std::vector<Cue>* v : lists()) v->clear();
  }
};

// Whether a token's norm (or a lexicon attribute) is `word`, or one of `words`. Inline, with
// the lengths known: the frames test the words around every trigger, and std::string_view's
// operator== is a call where it does not inline (into the large functions of this file).
template <std::size_t N>
[[gnu::always_inline]] inline bool is(std::string_view norm, const char (&word)[N]) {
  return norm.size() == N - 1 && std::memcmp(norm.data(), word, N - 1) == 0;
}
template <std::size_t... N>
[[gnu::always_inline]] inline bool one_of(std::string_view norm, const char (&... words)[N]) {
  return (is(norm, words) || ...);
}

// What a claim trigger's lexicon entry says it makes (its `kind` attribute), read once.
enum class ClaimKind { Report, Allegation, Denial, Confirmation, Other };

ClaimKind parse_claim_kind(std::string_view s) {
  if (is(s, "Report")) return ClaimKind::Report;
  if (is(s, "Allegation")) return ClaimKind::Allegation;
  if (is(s, "Denial")) return ClaimKind::Denial;
  if (is(s, "Confirmation")) return ClaimKind::Confirmation;
  return ClaimKind::Other;
}

// A claim trigger with its roles, before it becomes facts. The roles are views of actor lists
// of mentions (or of a list the caller keeps): a fact copies them once.
struct ClaimFrame {
  Cue trigger;
  ClaimKind kind = ClaimKind::Other;
  std::span<const std::string> claimant;
  std::optional<std::size_t> claimant_mention;
  std::span<const std::string> accused;
  std::size_t accused_end = 0;
  std::size_t complement_first = 0, complement_last = 0;
  bool negated = false, conditional = false;
  bool reciprocal = false;  // "accused each other"
};

// An act found in a sentence: a new or merged fact, or a reference to an earlier one.
struct ActHit {
  FactId fact = 0;
  std::size_t first = 0, last = 0;  // trigger tokens
  bool anaphoric = false;           // "the troop dispatch": refers to an act told before
  bool hedged = false;              // status Alleged came from "allegedly", "believed to" ...
  bool negated = false;             // "has not sent", "never supplied"
  bool recipient_agent = false;     // the recipient acts: "Poland is buying jets from the U.S."
  bool warned_against = false;      // "warned Russia against delivering": an act feared, not told
};

AidType parse_aid_type(std::string_view s) {
  if (is(s, "Military")) return AidType::Military;
  if (is(s, "Weapons")) return AidType::Weapons;
  if (is(s, "Troops")) return AidType::Troops;
  if (is(s, "Humanitarian")) return AidType::Humanitarian;
  if (is(s, "Financial")) return AidType::Financial;
  return AidType::Other;
}

model::AgreementType parse_agreement_type(std::string_view s) {
  using model::AgreementType;
  if (is(s, "Defense")) return AgreementType::Defense;
  if (is(s, "Trade")) return AgreementType::Trade;
  if (is(s, "Ceasefire")) return AgreementType::Ceasefire;
  if (is(s, "Peace")) return AgreementType::Peace;
  if (is(s, "Cooperation")) return AgreementType::Cooperation;
  return AgreementType::Other;
}

std::optional<Status> parse_status(std::string_view s) {
  if (is(s, "Actual")) return Status::Actual;
  if (is(s, "Considered")) return Status::Considered;
  if (is(s, "Planned")) return Status::Planned;
  if (is(s, "Alleged")) return Status::Alleged;
  if (is(s, "Denied")) return Status::Denied;
  if (is(s, "Refused")) return Status::Refused;
  return std::nullopt;
}

// Which of two statuses the text's cues make stronger: an explicit refusal beats a
// possibility, which beats a plan, which beats a report that it happened.
int strength(Status s) {
  switch (s) {
    case Status::Refused: return 5;
    case Status::Denied: return 4;
    case Status::Considered: return 3;
    case Status::Planned: return 2;
    case Status::Alleged: return 1;
    case Status::Actual: return 0;
  }
  return 0;
}

bool family(AidType a, AidType b) {
  auto military = [](AidType t) { return t == AidType::Military || t == AidType::Weapons || t == AidType::Troops; };
  return a == b || (military(a) && military(b) && (a == AidType::Military || b == AidType::Military));
}

bool is_time_preposition(std::string_view norm) {
  return one_of(norm, "since", "in", "until", "till", "before", "after", "during", "by");
}

// Asked of every token after an aid trigger: the first character rules out most at once, and
// inline, as a call would cost more than the test.
[[gnu::always_inline]] inline bool is_clause_break(std::string_view norm) {
  if (norm.empty()) return false;
  switch (norm.front()) {
    case ';':
    case ':': return norm.size() == 1;
    case 'a': return is(norm, "although");
    case 'b': return one_of(norm, "but", "because");
    case 'w': return one_of(norm, "which", "who", "while", "whereas");
    default: return false;
  }
}

// An auxiliary or a reporting verb: after "and" it opens a second clause of the same subject
// ("denied arming any group and has told the panel that ...").
// "was rejected", "has been denied": the auxiliaries of a passive verb.
bool is_be_auxiliary(std::string_view norm) { return one_of(norm, "was", "were", "is", "are", "been", "being", "be"); }

bool opens_verb_phrase(std::string_view norm) {
  return one_of(norm, "has", "have", "had", "is", "are", "was", "were", "will", "would", "said", "told", "says");
}

// Words that open an adverbial clause: "..., after a report claimed Turkey was ...".
bool opens_adverbial_clause(std::string_view norm) {
  return one_of(norm, "after", "before", "since", "until", "when", "while", "because", "although", "though", "whereas", "unless", "if");
}

// The parts one after another, in a string allocated once at its length (rules join entry ids).
std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out += p;
  return out;
}

std::string shift_decimal(std::string digits, int zeros) {
  // "2.5" shifted by 9 -> "2500000000"; exact, no floating point.
  std::string whole = digits, frac;
  if (auto dot = digits.find('.'); dot != std::string::npos) {
    whole = digits.substr(0, dot);
    frac = digits.substr(dot + 1);
  }
  while (zeros > 0) {
    whole += frac.empty() ? '0' : frac.front();
    if (!frac.empty()) frac.erase(0, 1);
    --zeros;
  }
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return frac.empty() ? whole : whole + "." + frac;
}

// Hashes of what identifies a fact, for FactBuckets: equal keys hash alike.
std::uint64_t mix(std::uint64_t h, std::uint64_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); }
std::uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }
std::uint64_t hash_of(const std::vector<std::string>& actors) {
  std::uint64_t h = actors.size();
  for (const std::string& id : actors) h = mix(h, hash_of(id));
  return h;
}
template <typename T>
std::uint64_t hash_of(const std::optional<T>& v) {
  if (!v) return 0;
  if constexpr (std::is_enum_v<T> || std::is_integral_v<T>) return mix(1, static_cast<std::uint64_t>(*v));
  else return mix(1, hash_of(*v));
}

// Fact ids by a hash of what identifies them, lowest first. A hash only narrows a search: the
// caller compares the facts themselves, so a collision costs a comparison, never a wrong answer.
// Each key's ids are a chain, lowest first, through one vector of links; the chains' heads are
// found by open addressing. A fact costs no allocation of its own, nor does a key.
class FactBuckets {
 public:
  void insert(std::uint64_t key, FactId id) {
    const std::size_t slot = add_slot(key);
    // After the ids up to `id`: a fact inserted again after a change goes back to its place.
    std::uint32_t before = kNone, at = slots_[slot].head;
    while (at != kNone && links_[at].id <= id) before = std::exchange(at, links_[at].next);
    const auto added = static_cast<std::uint32_t>(links_.size());
    links_.push_back({id, at});
    (before == kNone ? slots_[slot].head : links_[before].next) = added;
  }
  // `id` must be under `key`.
  void erase(std::uint64_t key, FactId id) {
    std::uint32_t* link = &slots_[slot_of(key)].head;
    while (links_[*link].id != id) link = &links_[*link].next;
    *link = links_[*link].next;  // the link itself stays unused: at most one per insert
  }
  // The lowest id under `key` below `bound` whose fact `fits`.
  template <typename Fits>
  std::optional<FactId> first(std::uint64_t key, Fits fits, std::optional<FactId> bound = std::nullopt) const {
    for (std::uint32_t at = head(key); at != kNone; at = links_[at].next) {
      const FactId id = links_[at].id;
      if (bound && id >= *bound) break;
      if (fits(id)) return id;
    }
    return std::nullopt;
  }

 private:
  // Link 0 is no link: it ends a chain, and an empty slot (all zeros, as a new table is made
  // at once) has no chain.
  static constexpr std::uint32_t kNone = 0;
  struct Link {
    FactId id;
    std::uint32_t next;
  };
  struct Slot {
    std::uint64_t key;
    std::uint32_t head;
    bool used;
  };
  std::vector<Link> links_;
  std::vector<Slot> slots_;  // a power of two of them, at most half used
  std::size_t used_ = 0;

  // The slot of `key`, or of the free one where it would go.
  std::size_t slot_of(std::uint64_t key) const {
    const std::size_t mask = slots_.size() - 1;
    // Keys are hashes already; the multiplication spreads their high bits into the low ones.
    std::size_t i = static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask;
    while (slots_[i].used && slots_[i].key != key) i = (i + 1) & mask;
    return i;
  }
  // The slot of `key`, given one if it has none.
  std::size_t add_slot(std::uint64_t key) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    const std::size_t i = slot_of(key);
    if (!slots_[i].used) {
      slots_[i] = {key, kNone, true};
      ++used_;
    }
    return i;
  }
  // The first link of `key`'s chain, kNone if it has none.
  std::uint32_t head(std::uint64_t key) const {
    if (slots_.empty()) return kNone;
    return slots_[slot_of(key)].head;
  }
  void grow() {
    if (slots_.empty()) {
      links_.reserve(64);  // about what a document needs: no growth by ones
      links_.push_back({0, kNone});
    }
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 64 : 2 * slots_.size()));
    for (const Slot& s : old)
      if (s.used) slots_[slot_of(s.key)] = s;
  }
};

// The earlier aid facts that a new one may repeat, by what add_act() compares: the same aid
// type, status and provider, and a recipient and a quantity that do not contradict the new
// fact's (an empty recipient or a missing quantity fits any). A lookup is a few hash searches
// instead of a pass over every fact, so that merging stays linear in the number of facts.
class AidIndex {
 public:
  // `currency_codes`: the units that make a quantity a sum of money.
  AidIndex(const std::vector<Fact>& facts, const std::set<std::string, std::less<>>& currency_codes)
      : facts_(facts), currency_codes_(currency_codes) {}

  // What a fact's keys are made of, hashed: its group (type, status and provider), its
  // recipient and its amount. A new fact's are worked out once, for find() and insert().
  struct Hashes {
    std::uint64_t group, recipient, amount;
  };
  Hashes hashes(const Fact& f) const { return {group_hash(f), hash_of(f.recipient), hash_of(amount(f))}; }

  // After fact `id` is added, or its type, status, provider, recipient or quantity changed.
  void insert(FactId id) { insert(id, hashes(facts_[id])); }
  void insert(FactId id, const Hashes& h) {
    for (std::uint64_t key : keys(h)) buckets_.insert(key, id);
  }
  // Before fact `id`'s type, status, provider, recipient or quantity changes: insert it again after.
  void erase(FactId id) {
    for (std::uint64_t key : keys(hashes(facts_[id]))) buckets_.erase(key, id);
  }

  // The first fact (lowest id) that `f`, of those hashes(), repeats.
  std::optional<FactId> find(const Fact& f, const Hashes& h) const {
    const std::uint64_t group = h.group;
    const Recipient no_recipient;
    const Amount no_amount, f_amount = amount(f);
    std::optional<FactId> first;
    // The lowest fact of f's group with that recipient and amount (nullptr: any).
    auto consider = [&](std::uint64_t key, const Recipient* recipient, const Amount* a) {
      auto fits = [&](FactId id) {
        const Fact& g = facts_[id];
        return g.aid_type == f.aid_type && g.status == f.status && g.provider == f.provider && (!recipient || g.recipient == *recipient) &&
               (!a || amount(g) == *a);
      };
      if (auto id = buckets_.first(key, fits, first)) first = id;
    };
    if (f.recipient.empty() && !f_amount) {
      consider(all_key(group), nullptr, nullptr);
      return first;
    }
    const std::uint64_t no_recipient_hash = hash_of(no_recipient), recipient_hash = h.recipient;
    const std::uint64_t no_amount_hash = hash_of(no_amount), amount_hash = h.amount;
    if (!f_amount) {
      consider(recipient_key(group, no_recipient_hash), &no_recipient, nullptr);
      consider(recipient_key(group, recipient_hash), &f.recipient, nullptr);
    } else if (f.recipient.empty()) {
      consider(amount_key(group, no_amount_hash), nullptr, &no_amount);
      consider(amount_key(group, amount_hash), nullptr, &f_amount);
    } else {
      consider(both_key(group, no_recipient_hash, no_amount_hash), &no_recipient, &no_amount);
      consider(both_key(group, no_recipient_hash, amount_hash), &no_recipient, &f_amount);
      consider(both_key(group, recipient_hash, no_amount_hash), &f.recipient, &no_amount);
      consider(both_key(group, recipient_hash, amount_hash), &f.recipient, &f_amount);
    }
    return first;
  }

 private:
  using Recipient = std::vector<std::string>;
  using Amount = std::optional<std::string_view>;  // the quantity's value
  // A vague count ("thousands of soldiers", "between 3,000 and 4,000 troops") tells no act apart
  // from another; a sum of money, even an approximate one, does.
  Amount amount(const Fact& f) const {
    if (!f.quantity) return std::nullopt;
    if (f.quantity->bound != model::QuantityBound::Exact && !currency_codes_.contains(f.quantity->unit)) return std::nullopt;
    return Amount(f.quantity->value);
  }
  // A fact's group is its type, status and provider; within it, facts are found by all of them,
  // by recipient, by amount and by both.
  static std::uint64_t group_hash(const Fact& f) { return mix(mix(hash_of(f.aid_type), hash_of(f.status)), hash_of(f.provider)); }
  static std::uint64_t all_key(std::uint64_t group) { return mix(group, 1); }
  static std::uint64_t recipient_key(std::uint64_t group, std::uint64_t recipient) { return mix(mix(group, 2), recipient); }
  static std::uint64_t amount_key(std::uint64_t group, std::uint64_t amount) { return mix(mix(group, 3), amount); }
  static std::uint64_t both_key(std::uint64_t group, std::uint64_t recipient, std::uint64_t amount) {
    return mix(mix(mix(group, 4), recipient), amount);
  }
  static std::array<std::uint64_t, 4> keys(const Hashes& h) {
    return {all_key(h.group), recipient_key(h.group, h.recipient), amount_key(h.group, h.amount), both_key(h.group, h.recipient, h.amount)};
  }

  const std::vector<Fact>& facts_;
  const std::set<std::string, std::less<>>& currency_codes_;
  FactBuckets buckets_;
};

class FrameFinder {
 public:
  explicit FrameFinder(Analysis& a) : aid_index_(a.facts, a.tables.currency_codes), a_(a), doc_(a.doc), toks_(a.doc.tokens()), token_ids_(a.token_ids), tables_(a.tables) {
    // The top-level mentions by first token, once: top_mentions() searches these (mostly those
    // of one sentence), not every mention of the document for every trigger.
    top_by_first_.resize(a_.mentions.size());
    std::size_t tops = 0;
    for (std::size_t k = 0; k < a_.mentions.size(); ++k)
      if (a_.mentions[k].parent < 0) top_by_first_[tops++] = k;
    top_by_first_.resize(tops);
    // Mostly in that order already: a check is cheaper than a sort that has nothing to do.
    const auto by_first = [&](std::size_t x, std::size_t y) { return a_.mentions[x].first < a_.mentions[y].first; };
    if (!std::is_sorted(top_by_first_.begin(), top_by_first_.end(), by_first))
      std::stable_sort(top_by_first_.begin(), top_by_first_.end(), by_first);
    top_firsts_.resize(tops);
    for (std::size_t i = 0; i < tops; ++i) top_firsts_[i] = a_.mentions[top_by_first_[i]].first;
    // Room for two facts per sentence, more than news text tells: most documents then never
    // grow the vector, which would move every Fact (a large object) made so far.
    a_.facts.reserve(2 * doc_.sentences().size());
  }

  void run() {
    for (std::size_t s = 0; s < doc_.sentences().size(); ++s) process(s);
    inherit_from_context();
  }

 private:
  // What the text leaves implicit, a reader takes from the aid told just before: "Nairobi
  // would send another 600 officers" (to Haiti, named a sentence earlier); "The United States
  // pledged $220 million" (humanitarian aid, after "pledged $1.2 billion in humanitarian aid").
  void inherit_from_context() {
    constexpr std::size_t kWindow = 3;  // sentences
    const bool focus_receives = !a_.focus_state.empty() && std::any_of(a_.facts.begin(), a_.facts.end(), [&](const Fact& f) {
      return f.kind == FactKind::Aid && std::find(f.recipient.begin(), f.recipient.end(), a_.focus_state) != f.recipient.end();
    });
    for (auto self = act_info_.begin(); self != act_info_.end(); ++self) {
      const auto& [id, info] = *self;
      Fact& f = a_.facts[id];
      if (f.kind != FactKind::Aid) continue;
      // Acts are numbered in the order of their sentences: only those just before can count.
      for (auto it = std::make_reverse_iterator(self); it != act_info_.rend(); ++it) {
        const auto& [other_id, other] = *it;
        if (info.sentence - other.sentence > kWindow) break;
        if (other_id == id || other.sentence > info.sentence) continue;
        if (other.sentence == info.sentence && other.order >= info.order) continue;
        const Fact& g = a_.facts[other_id];
        if (g.kind != FactKind::Aid) continue;
        // Money buys anything but soldiers: "$300 million" after troops sent is no troop aid. Only
        // for the same giver or the same receiver (donors pledging to one country): the World
        // Bank's credit for Kenya after a sale of jets to Taiwan buys no jets.
        if (info.money_only && !other.money_only && g.quantity && g.aid_type && *g.aid_type != AidType::Troops &&
            (same_side(g.provider, f.provider) || f.recipient.empty() || same_side(g.recipient, f.recipient))) {
          f.aid_type = g.aid_type;
          set_codes(f);
        }
        if (f.recipient.empty() && !g.recipient.empty() && g.recipient != f.provider && g.aid_type && f.aid_type &&
            (family(*g.aid_type, *f.aid_type) || info.money_only) && !same_side(g.recipient, f.provider))
          f.recipient = g.recipient;
        if (!f.recipient.empty() && (!info.money_only || f.aid_type != AidType::Financial)) break;
      }
      // Still none: a loan or relief told in a story about the aid one country receives goes to
      // that country ("the World Bank plans to lend up to $20 billion", datelined Islamabad,
      // where the IMF's loan to Pakistan was told before). A story datelined Washington that
      // names no aid to the United States gives no such reader's guess. Arms and troops are not
      // assumed so: they go as often to a party the story only names elsewhere.
      if (f.recipient.empty() && !f.provider.empty() && focus_receives && f.aid_type &&
          (*f.aid_type == AidType::Financial || *f.aid_type == AidType::Humanitarian) && !same_side(f.provider, std::span(&a_.focus_state, 1))) {
        f.recipient = {a_.focus_state};
        if (explaining())
          f.reasons.push_back("recipient: the story's country, " + a_.focus_state + " (none named in the sentence or just before)");
      }
    }
  }

  struct ActInfo {
    std::size_t sentence = 0, order = 0;
    bool money_only = false;  // typed by an amount of money alone
  };
  // By fact id, lowest first: add_act() makes ids in increasing order.
  std::vector<std::pair<FactId, ActInfo>> act_info_;
  ActInfo& act_info(FactId id) {
    return std::lower_bound(act_info_.begin(), act_info_.end(), id, [](const auto& entry, FactId x) { return entry.first < x; })->second;
  }
  std::size_t current_sentence_ = 0;
  std::vector<std::size_t> top_by_first_;  // top-level mentions by first token
  std::vector<std::size_t> top_firsts_;    // their first tokens, searched without reading the mentions
  // The sentence being read, and the part of top_by_first_ that starts in it: most searches for
  // mentions stay inside the sentence, and it has a few.
  Sentence sentence_;
  std::size_t sentence_tops_first_ = 0, sentence_tops_last_ = 0;
  SentenceCues sentence_cues_;             // of the sentence being read; one for all, to reuse its lists
  std::vector<ClaimFrame> frames_;         // of the sentence being read, likewise
  std::vector<ActHit> acts_;               // idem
  std::vector<bool> noun_used_;            // find_aid()'s, likewise

  // ------------------------------------------------------------------ helpers
  // Calls `visit` with each cue of one index in [first, last), in order: leftmost, longest, not
  // overlapping. The callers only walk them: no list is made.
  template <typename Visit>
  void for_each_cue(const PhraseIndex& index, std::size_t first, std::size_t last, Visit visit) const {
    for (std::size_t t = first; t < last;)
      if (auto m = index.longest_at(token_ids_, t, last)) {
        visit(Cue{m->first, m->last, &tables_.entry(m->payload)});
        t = m->last;
      } else {
        ++t;
      }
  }
  // Whether a phrase of `index` starts in [first, last) and ends by `last`.
  bool has_cue(const PhraseIndex& index, std::size_t first, std::size_t last) const {
    for (std::size_t t = first; t < last; ++t)
      if (index.longest_at(token_ids_, t, last)) return true;
    return false;
  }

  // Which of N indexes to look a token up in, by its start bits: for each bit, the indexes that
  // have it, chained in list order (indexes past the 64th share a bit). Made once per finder
  // for each set of indexes that find_cues() is asked for.
  template <std::size_t N>
  struct IndexChains {
    static_assert(N < 255, "list numbers are bytes, 255 ends a chain");
    static constexpr std::uint8_t kEnd = 255;
    std::array<const PhraseIndex*, N> indexes;
    std::array<std::uint8_t, 64> first_of_bit;
    std::array<std::uint8_t, N> next_of_bit;
    Vocabulary::Indexes any = 0;  // every index's bit

    explicit IndexChains(const std::array<const PhraseIndex*, N>& of) : indexes(of) {
      first_of_bit.fill(kEnd);
      for (std::size_t i = N; i-- > 0;) {
        const Vocabulary::Indexes bit = indexes[i]->start_bit();
        next_of_bit[i] = kEnd;
        if (!bit) continue;  // an empty index: no token starts one of its phrases
        any |= bit;
        std::uint8_t& head = first_of_bit[static_cast<std::size_t>(std::countr_zero(bit))];
        next_of_bit[i] = head;
        head = static_cast<std::uint8_t>(i);
      }
    }
  };
  // The cues of several indexes at once, each index's appended to its list in `out`: one
  // pass over the tokens, where most tokens start no phrase of any of the indexes and one test
  // of their start bits rules them all out. A token that starts some is looked up only in the
  // indexes of its set bits, not in all N.
  template <std::size_t N>
  void find_cues(const IndexChains<N>& chains, const std::array<std::vector<Cue>*, N>& out, std::size_t first, std::size_t last) const {
    std::array<std::size_t, N> resume{};  // where each index's last cue ended: the next may not start before
    const Vocabulary::Indexes* const starts = token_ids_.starts.data();
    for (std::size_t t = first; t < last; ++t)
      for (Vocabulary::Indexes rest = starts[t] & chains.any; rest; rest &= rest - 1)
        for (std::uint8_t i = chains.first_of_bit[static_cast<std::size_t>(std::countr_zero(rest))]; i != chains.kEnd;
             i = chains.next_of_bit[i]) {
          if (resume[i] > t) continue;
          if (auto m = chains.indexes[i]->longest_at(token_ids_, t, last)) {
            out[i]->push_back({m->first, m->last, &tables_.entry(m->payload)});
            resume[i] = m->last;
          }
        }
  }

  // The top-level mentions that start in [first, last), as a view: callers only walk them.
  std::span<const std::size_t> top_mentions(std::size_t first, std::size_t last) const {
    if (first >= last) return {};
    auto lo = top_firsts_.begin(), hi = top_firsts_.end();
    if (first >= sentence_.first && last <= sentence_.last) {
      hi = lo + static_cast<std::ptrdiff_t>(sentence_tops_last_);
      lo += static_cast<std::ptrdiff_t>(sentence_tops_first_);
    }
    // A sentence holds a few mentions: stepping over them is cheaper than halving.
    constexpr std::ptrdiff_t kFew = 16;
    auto from = lo, to = hi;
    if (hi - lo <= kFew) {
      while (from != hi && *from < first) ++from;
      to = from;
      while (to != hi && *to < last) ++to;
    } else {
      from = std::lower_bound(lo, hi, first);
      to = std::lower_bound(from, hi, last);
    }
    return {top_by_first_.data() + (from - top_firsts_.begin()), static_cast<std::size_t>(to - from)};
  }

  const LexiconTables::CueAttributes& attributes(const Cue& c) const { return tables_.attributes(*c.entry); }

  // Whether token t alone is a phrase of `index`.
  bool one_word_cue(const PhraseIndex& index, std::size_t t) const { return index.longest_at(token_ids_, t, t + 1).has_value(); }
  bool is_preposition(std::size_t t) const { return one_word_cue(tables_.preposition, t); }

  // The clause subject before token `pos`: the nearest mention that is not a preposition's
  // object, or one directly before the verb ("in light of North Korea allegedly sending").
  std::optional<std::size_t> subject_before(std::size_t pos, std::size_t floor) const {
    // "a force that is helping Haiti's police": the subject of a relative clause is the noun
    // before "that"/"which"/"who"; only a mention right there can be it.
    for (std::size_t t = pos; t-- > floor;) {
      const std::string_view n = toks_[t].norm;
      if (one_of(n, ",", ";") || a_.mention_at[t] >= 0) break;
      if (one_of(n, "that", "which", "who")) {
        std::size_t before = t > floor && is(toks_[t - 1].norm, ",") ? t - 1 : t;
        if (before > floor && a_.mention_at[before - 1] >= 0) return static_cast<std::size_t>(a_.mention_at[before - 1]);
        if (!is(n, "that")) return std::nullopt;
        // "that" may also open a reported clause. When words stand between it and the verb,
        // they are that clause's subject ("Russia warned that any country supplying jets ..."):
        // not an actor the text names, and never the speaker before "that".
        if (t + 1 < pos && toks_[t + 1].is_word && !toks_[t + 1].is_number) return std::nullopt;
        break;
      }
    }
    // The last mention that can be the subject, sought from the verb back so that the search
    // stops at it.
    const std::span<const std::size_t> tops = top_mentions(floor, pos);
    for (auto top = tops.rbegin(); top != tops.rend(); ++top) {
      const std::size_t k = *top;
      const ActorMention& m = a_.mentions[k];
      if (m.last > pos) continue;
      bool adjacent = pos - m.last <= 3 && !m.modifier;
      for (std::size_t t = m.last; t < pos && adjacent; ++t) {
        const std::string_view n = toks_[t].norm;
        adjacent = toks_[t].is_word && !one_of(n, "and", "or", "but", "that") && !is_preposition(t);
      }
      if (!adjacent && m.subject && verb_in_own_clause(m.last, pos)) continue;
      // "Turkey's embassy in Addis Ababa tweeted": the place is where the subject before it is.
      if (!m.subject && adjacent && m.first > floor + 1 && one_of(toks_[m.first - 1].norm, "in", "at"))
        if (const long owner = a_.mention_at[m.first - 2]; owner >= 0 && a_.mentions[static_cast<std::size_t>(owner)].subject)
          return static_cast<std::size_t>(owner);
      if (m.subject || adjacent) return k;
    }
    return std::nullopt;
  }

  // True when an adverbial clause opens in [from, verb) and runs up to the verb ("Ankara denied
  // it, after a report claimed ..."): the verb's subject is inside that clause, not before it.
  // "Russia, after talks in Geneva, said": the clause closes with a comma before the verb.
  bool verb_in_own_clause(std::size_t from, std::size_t verb) const {
    for (std::size_t t = verb; t-- > from;) {
      if (is(toks_[t].norm, ",")) return false;
      if (opens_adverbial_clause(toks_[t].norm)) return true;
    }
    return false;
  }

  std::optional<std::size_t> mention_starting_in(std::size_t first, std::size_t last) const {
    for (std::size_t k : top_mentions(first, last)) return k;
    return std::nullopt;
  }

  // "Tehran's "unfriendly" decision to supply", "an offer by Poland to send", "commitments from
  // Britain and France to deploy": the resolve or
  // offer (an intent-noun) that the aid verb at `verb` completes, and the mention owning it.
  struct Intent {
    Cue noun;
    std::optional<std::size_t> owner;
  };
  std::optional<Intent> intent_before(std::size_t verb, std::size_t first) const {
    if (verb < first + 2 || !is(toks_[verb - 1].norm, "to")) return std::nullopt;
    std::size_t noun_last = verb - 1;
    std::optional<std::size_t> by;
    if (const long k = a_.mention_at[noun_last - 1]; k >= 0) {
      const ActorMention& m = a_.mentions[static_cast<std::size_t>(k)];
      if (m.first < first + 2 || !one_of(toks_[m.first - 1].norm, "by", "from")) return std::nullopt;
      by = static_cast<std::size_t>(k);
      noun_last = m.first - 1;
    }
    for (std::size_t t = noun_last; t > first && t + 3 > noun_last; --t)
      if (auto n = tables_.intent_noun.longest_at(token_ids_, t - 1, noun_last); n && n->last == noun_last)
        return Intent{Cue{n->first, n->last, &tables_.entry(n->payload)}, by ? by : possessor_before(n->first, first)};
    return std::nullopt;
  }

  // "Tehran's "unfriendly" decision", "Tanzania's three-year credit facility": the mention
  // whose "'s" stands up to three words before the noun at `noun_first`.
  std::optional<std::size_t> possessor_before(std::size_t noun_first, std::size_t first) const {
    for (std::size_t p = noun_first; p > first + 1 && p + 4 > noun_first; --p)
      if (is_possessive(toks_[p - 1]) && a_.mention_at[p - 2] >= 0) return static_cast<std::size_t>(a_.mention_at[p - 2]);
    return std::nullopt;
  }

  // "to Ukraine", "for Kyiv", "to support the Russian invasion": the first mention within a
  // few tokens after a directional preposition in [first, last).
  std::optional<std::size_t> recipient_in(std::size_t first, std::size_t last, std::span<const std::string> exclude) const {
    for (std::size_t t = first; t < last; ++t) {
      const std::string_view n = toks_[t].norm;
      const bool located = one_of(n, "in", "inside");  // "deployed 2,900 troops in eastern Congo"
      if (!one_of(n, "to", "for", "into", "toward", "towards") && !located) continue;
      // "troops to deter Russian aggression", "to fight the Islamic State": whom the aid is
      // against, not who gets it.
      if (t + 1 < last && tables_.opposing_verb.longest_at(token_ids_, t + 1, last)) continue;
      if (auto k = mention_starting_in(t + 1, std::min(last, t + 5))) {
        const ActorMention& m = a_.mentions[*k];
        bool excluded = std::any_of(m.actors.begin(), m.actors.end(),
                                    [&](const std::string& id) { return std::count(exclude.begin(), exclude.end(), id) > 0; });
        bool direct = true;
        for (std::size_t u = t + 1; u < m.first; ++u) {
          if (!toks_[u].is_word || is_preposition(u)) direct = false;
          // "in eastern Congo", but not "in enhancing North Korea's ...".
          static const std::set<std::string, std::less<>> kRegions = {"the", "eastern", "western", "northern", "southern", "central",
                                                                    "northeastern", "northwestern", "southeastern", "southwestern"};
          if (located && !kRegions.count(toks_[u].norm)) direct = false;
        }
        const model::Actor* place = m.actors.size() == 1 ? a_.actor(m.actors.front()) : nullptr;
        // "in eastern Congo", "in Pakistan's central bank": a state, or a body of one.
        const bool state_or_its_body = place && (place->type == model::ActorType::State ||
                                                 (place->type == model::ActorType::GovernmentBody && !place->affiliation.empty()));
        if (located && !state_or_its_body) continue;
        if (located && place->type == model::ActorType::GovernmentBody &&
            std::count(exclude.begin(), exclude.end(), place->affiliation) > 0)
          continue;  // "Russia deployed troops in its Foreign Ministry building": its own
        // "$50 million in U.S. emergency aid to Pakistan": the state says whose aid it is, not where.
        const bool names_the_aid = tables_.aid_noun.longest_at(token_ids_, m.last, toks_.size()) ||
                                   tables_.aid_modifier.longest_at(token_ids_, m.last, toks_.size());
        if (located && names_the_aid) continue;
        // "drones for use in the Ukraine war": the place's name says which war, and names nobody
        // who gets the aid; "to support the Russian invasion" names a side, which does.
        if (m.kind != MentionKind::Demonym && tables_.conflict_noun.longest_at(token_ids_, m.last, toks_.size())) continue;
        if (!excluded && direct) return located ? k : owned_by(*k, last).value_or(*k);  // "to Yemen's Houthis"
      }
    }
    return std::nullopt;
  }

  // "Yemen's Houthis": the mention that mention k owns, right after its possessive.
  std::optional<std::size_t> owned_by(std::size_t k, std::size_t last) const {
    const ActorMention& m = a_.mentions[k];
    if (m.last + 1 >= last || !is_possessive(toks_[m.last])) return std::nullopt;
    return mention_starting_in(m.last + 1, std::min(last, m.last + 2));
  }

  // The state or organisation an actor speaks for: itself, or its affiliation's. A reference
  // to `id` or to an affiliation in a_.actors, which frames never change.
  const std::string& side(const std::string& id) const {
    const std::string* current = &id;
    for (int depth = 0; depth < 4; ++depth) {
      const model::Actor* a = a_.actor(*current);
      if (!a || a->affiliation.empty()) break;
      current = &a->affiliation;
    }
    return *current;
  }

  bool same_side(std::span<const std::string> x, std::span<const std::string> y) const {
    for (const auto& a : x) {
      const std::string& side_of_a = side(a);
      for (const auto& b : y)
        if (a == b || side_of_a == side(b)) return true;
    }
    return false;
  }

  // The status the cues between `first` and the trigger at `last` give; status_reason() says why.
  Status status_from(std::size_t first, std::size_t last, bool* hedged, bool* negated = nullptr) const {
    Status status = Status::Actual;
    status_cue_.reset();
    auto because = [&](const Cue& c, std::string_view what) { status_cue_ = StatusCue{what, c}; };
    auto& [modals, hedges, negations] = status_cues_;
    for (std::vector<Cue>* v : {&modals, &hedges, &negations}) v->clear();
    find_cues(status_indexes_, {&modals, &hedges, &negations}, first, last);
    for (const Cue& c : modals)
      if (auto s = parse_status(attributes(c).status); s && strength(*s) > strength(status)) {
        status = *s;
        because(c, "modal");
      }
    for (const Cue& c : negations)
      if (last - c.last <= 3 && strength(Status::Refused) > strength(status)) {
        status = Status::Refused;
        because(c, "negation");
        if (negated) *negated = true;
      }
    if (!hedges.empty() && status == Status::Actual) {
      status = Status::Alleged;
      because(hedges.front(), "hedge");
      if (hedged) *hedged = true;
    }
    return status;
  }

  // "'He' = Russia's U.N. Ambassador (coref.person, antecedent 'Russia’s U.N. Ambassador')"
  std::string describe(std::size_t k) const {
    const ActorMention& m = a_.mentions[k];
    std::string names;
    for (const auto& id : m.actors) {
      const model::Actor* a = a_.actor(id);
      names += (names.empty() ? "" : " + ") + (a ? a->label : id);
    }
    std::string out = fmt::format("'{}' = {} ({}", doc_.text_of(m.first, m.last), names, m.rule);
    if (!m.antecedent.empty()) out += fmt::format(", antecedent '{}'", m.antecedent);
    return out + ")";
  }

  // What became of a trigger, for --explain. Formatted only when a trace is asked for: most
  // extractions want none, and the words would cost more than finding the facts.
  template <typename... Args>
  void note(const Cue& c, fmt::format_string<Args...> message, Args&&... args) const {
    if (explaining()) a_.note(c.first, c.last, c.entry, fmt::format(message, std::forward<Args>(args)...));
  }

  // A fact's source and reasons are read only by --explain, which asks for a trace: without
  // one they are left empty.
  bool explaining() const { return a_.trace != nullptr; }

  // The cue that decided the last status_from(), and what kind of cue it was; made into words
  // only for the facts that keep it (most statuses are asked for and not kept).
  struct StatusCue {
    std::string_view what;  // a literal
    Cue cue;
  };
  mutable std::optional<StatusCue> status_cue_;
  std::string status_reason() const {
    if (!status_cue_) return "no modal, hedge or negation before the trigger";
    const Cue& c = status_cue_->cue;
    return fmt::format("{} '{}' ({}, {})", status_cue_->what, doc_.text_of(c.first, c.last), c.entry->id, c.entry->where());
  }

  // The CAMEO and PLOVER codes of the first row of the codes table that fits the fact's kind,
  // status and type; a fact that no row fits keeps the codes it has.
  void set_codes(Fact& f) const {
    const std::uint16_t row = code_rows_[code_key(f.kind, f.status, f.aid_type, f.agreement_type)];
    if (row == kNoCodeRow) return;
    const LexiconTables::CodeRule& e = tables_.codes[row];
    f.cameo = e.cameo;
    f.plover = e.plover;
  }

  // The row depends on the kind, status and type alone, so it is looked up in the table once
  // for each combination of them, when the first document is read (tables_.code_rows).
  static constexpr std::size_t kKinds = static_cast<std::size_t>(FactKind::Confirmation) + 1;
  static constexpr std::size_t kStatuses = static_cast<std::size_t>(Status::Refused) + 2;  // and none
  static constexpr std::size_t kAidTypes = static_cast<std::size_t>(AidType::Other) + 1;
  static constexpr std::size_t kAgreementTypes = static_cast<std::size_t>(model::AgreementType::Other) + 1;
  static constexpr std::size_t kTypes = 1 + kAidTypes + kAgreementTypes;  // none, an aid type or an agreement type
  static constexpr std::uint16_t kNoCodeRow = 0xffff;
  // An agreement type wins over an aid type, as in code_row().
  static std::size_t code_key(FactKind kind, std::optional<Status> status, std::optional<AidType> aid_type,
                              std::optional<model::AgreementType> agreement_type) {
    const std::size_t status_slot = status ? static_cast<std::size_t>(*status) + 1 : 0;
    const std::size_t type_slot = agreement_type ? 1 + kAidTypes + static_cast<std::size_t>(*agreement_type)
                                  : aid_type     ? 1 + static_cast<std::size_t>(*aid_type)
                                                 : 0;
    return (static_cast<std::size_t>(kind) * kStatuses + status_slot) * kTypes + type_slot;
  }
  static const std::vector<std::uint16_t>& code_rows(const LexiconTables& tables) {
    std::call_once(tables.code_rows_made, [&] {
      tables.code_rows.assign(kKinds * kStatuses * kTypes, kNoCodeRow);
      for (std::size_t kind = 0; kind < kKinds; ++kind)
        for (std::size_t status = 0; status < kStatuses; ++status)
          for (std::size_t type = 0; type < kTypes; ++type) {
            // The slots of code_key(), back to what they stand for.
            std::optional<Status> s;
            std::optional<AidType> aid;
            std::optional<model::AgreementType> agreement;
            if (status > 0) s = static_cast<Status>(status - 1);
            if (type > kAidTypes) agreement = static_cast<model::AgreementType>(type - 1 - kAidTypes);
            else if (type > 0) aid = static_cast<AidType>(type - 1);
            tables.code_rows[code_key(static_cast<FactKind>(kind), s, aid, agreement)] =
                code_row(tables, static_cast<FactKind>(kind), s, aid, agreement);
          }
    });
    return tables.code_rows;
  }
  static std::uint16_t code_row(const LexiconTables& tables, FactKind fact_kind, std::optional<Status> status,
                                std::optional<AidType> aid_type, std::optional<model::AgreementType> agreement_type) {
    const std::string_view kind = model::name(fact_kind);
    std::string_view type;
    if (aid_type) type = model::name(*aid_type);
    if (agreement_type) type = model::name(*agreement_type);
    // Lexicon types are written without the "Aid"/"Agreement" suffix.
    for (std::string_view suffix : {"Aid"sv, "Agreement"sv})
      if (type.size() > suffix.size() && type.ends_with(suffix)) type.remove_suffix(suffix.size());
    for (std::size_t row = 0; row < tables.codes.size() && row < kNoCodeRow; ++row) {
      const LexiconTables::CodeRule& e = tables.codes[row];
      if (e.kind != kind) continue;
      if (!e.statuses.empty() && (!status || std::ranges::find(e.statuses, model::name(*status)) == e.statuses.end())) continue;
      if (!e.types.empty() && std::ranges::find(e.types, type) == e.types.end()) continue;
      return static_cast<std::uint16_t>(row);
    }
    return kNoCodeRow;
  }

  std::optional<model::Date> date_near(std::size_t token, std::size_t first, std::size_t last) const {
    std::optional<model::Date> best;
    std::size_t best_distance = SIZE_MAX;
    for (const TimeExpression& t : a_.times) {
      if (t.first < first || t.last > last) continue;
      std::size_t d = t.first > token ? t.first - token : token - t.first;
      if (d < best_distance) {
        best_distance = d;
        best = t.date;
      }
    }
    return best;
  }

  model::Span span(std::size_t first, std::size_t last) const {
    // Evidence never ends on a comma or opens on one.
    while (last > first + 1 && one_of(toks_[last - 1].norm, ",", ";")) --last;
    return doc_.span(first, last);
  }

  const std::vector<std::string>& actors_of(std::optional<std::size_t> mention) const {
    static const std::vector<std::string> nobody;
    return mention ? a_.mentions[*mention].actors : nobody;
  }

  // ------------------------------------------------------------------ acts and merging
  // Facts are made in place, at the end of a_.facts: most are kept, and a Fact is large to
  // move. One that repeats an earlier fact is merged into it and dropped.
  Fact& new_fact() { return a_.facts.emplace_back(); }

  // Keeps the act just made (new_fact()), or merges it into an earlier act of the document
  // that it repeats (same kind, type, provider, status; compatible recipient and quantity) and
  // drops it. Returns the id of the act kept.
  FactId add_act() {
    const FactId id = a_.facts.size() - 1;
    Fact& f = a_.facts.back();
    std::optional<FactId> earlier;
    AgreementKey key;
    AidIndex::Hashes aid_hashes{};
    if (f.kind == FactKind::Aid) {
      aid_hashes = aid_index_.hashes(f);
      earlier = aid_index_.find(f, aid_hashes);
    } else if (f.kind == FactKind::Agreement) {
      key = agreement_key(f);
      if (auto it = agreements_.find(key); it != agreements_.end()) earlier = it->second;
      // "The agreement was signed by Gates and Jobim": an agreement of no known type between the
      // same sides is one told before, whatever its type.
      else if (!f.agreement_type || *f.agreement_type == model::AgreementType::Other)
        for (const auto& [k, id] : agreements_)
          if (k.second == key.second) {
            earlier = id;
            break;
          }
    }
    if (!earlier) {
      set_codes(f);
      if (f.kind == FactKind::Agreement) agreements_.emplace(std::move(key), id);
      if (f.kind == FactKind::Aid) aid_index_.insert(id, aid_hashes);
      act_info_.push_back({id, {current_sentence_, act_info_.size(), false}});
      return id;
    }
    Fact& g = a_.facts[*earlier];
    if (f.kind == FactKind::Aid) {
      aid_index_.erase(*earlier);
      if (g.recipient.empty()) g.recipient = std::move(f.recipient);
      if (!g.quantity) g.quantity = std::move(f.quantity);
      aid_index_.insert(*earlier);
    } else if (strength(*f.status) < strength(*g.status) || g.status == Status::Considered) {
      g.status = f.status;
    }
    if (!g.date) g.date = f.date;
    merge_evidence(*earlier, f.evidence);
    set_codes(g);
    a_.facts.pop_back();
    return *earlier;
  }

  // An agreement repeats an earlier one of the same type between the same parties, or people
  // speaking for them ("Kerry and Lavrov announced ...").
  using AgreementKey = std::pair<std::optional<model::AgreementType>, std::set<std::string>>;
  AgreementKey agreement_key(const Fact& f) const {
    std::set<std::string> sides;
    for (const auto& id : f.party) sides.insert(side(id));
    return {f.agreement_type, std::move(sides)};
  }

  // A claim repeats an earlier one of the same kind, about the same fact, by and against the
  // same actors: the first such claim pushed.
  std::optional<FactId> earlier_claim(const Fact& claim, std::uint64_t hash) const {
    return claims_.first(hash, [&](FactId id) {
      const Fact& g = a_.facts[id];
      return g.kind == claim.kind && g.about == claim.about && g.claimant == claim.claimant && g.accused == claim.accused;
    });
  }
  static std::uint64_t claim_hash(const Fact& f) {
    return mix(mix(mix(static_cast<std::uint64_t>(f.kind), hash_of(f.about)), hash_of(f.claimant)), hash_of(f.accused));
  }

  // Every claim kept (the last fact made, with its claim_hash()) goes through here, so that
  // add_claim() finds it when it is made again.
  void keep_claim(std::uint64_t hash) { claims_.insert(hash, a_.facts.size() - 1); }

  // Every status change of an act goes through here: the aid index is keyed by status.
  void set_status(FactId id, Status status) {
    Fact& f = a_.facts[id];
    if (f.kind == FactKind::Aid) aid_index_.erase(id);
    f.status = status;
    if (f.kind == FactKind::Aid) aid_index_.insert(id);
  }

  // Appends the spans of `more` that fact `id` does not have yet to its evidence.
  void merge_evidence(FactId id, const std::vector<model::Span>& more) {
    std::vector<model::Span>& evidence = a_.facts[id].evidence;
    auto [seen, first_merge] = evidence_seen_.try_emplace(id);
    if (first_merge)
      for (const model::Span& e : evidence) seen->second.emplace(e.begin, e.end);
    // A span's anchor is the text between its offsets: the offsets identify it.
    for (const model::Span& e : more)
      if (seen->second.emplace(e.begin, e.end).second) evidence.push_back(e);
  }

  AidIndex aid_index_;
  std::map<AgreementKey, FactId> agreements_;
  FactBuckets claims_;  // by claim_hash()
  std::map<FactId, std::set<std::pair<std::size_t, std::size_t>>> evidence_seen_;  // of facts merged into

  // The most recent act earlier in the document that a provider-less nominal ("the troop
  // dispatch", "allegations of troop movement") refers to.
  std::optional<FactId> antecedent_act(AidType type) const {
    for (FactId id = a_.facts.size(); id-- > 0;) {
      const Fact& f = a_.facts[id];
      if (f.kind == FactKind::Aid && f.aid_type &&
          (type == AidType::Other || (family(*f.aid_type, type) && (*f.aid_type == type || type == AidType::Military))))
        return id;
    }
    return std::nullopt;
  }

  bool is_money(const model::Quantity& q) const { return tables_.currency_codes.count(q.unit) > 0; }

  // "supporting Russia's war effort": the possessive at `at` is followed by what is supported.
  bool owns_the_aid(std::size_t at, const SentenceCues& c) const {
    return at + 1 < toks_.size() && is_possessive(toks_[at]) && cue_starts_at(c.aid_nouns, at + 1);
  }

  // "announced Wednesday that ...", "announced on Tuesday that ...": a clause follows the verb
  // ending at `at`, after a time adjunct at most (resolved or not: without a publication date
  // "Tuesday" is no time expression, but still no object).
  bool opens_that_clause(std::size_t at, std::size_t last) const {
    for (std::size_t words = 0; at < last && words < 4; ++words) {
      const std::string_view n = toks_[at].norm;
      auto time = std::find_if(a_.times.begin(), a_.times.end(), [&](const TimeExpression& t) { return t.first == at; });
      if (time != a_.times.end()) at = time->last;
      else if (one_of(n, "on", "last", "this", "late", "early") || toks_[at].is_number ||
               tables_.weekday.longest_at(token_ids_, at, at + 1) || tables_.month.longest_at(token_ids_, at, at + 1))
        ++at;
      else
        break;
    }
    return at < last && is(toks_[at].norm, "that");
  }

  // "a $2 billion loan", "a 50 billion euro facility", "$1 billion in sales": the amount right
  // before a noun phrase that begins at `phrase_first`.
  std::optional<model::Quantity> amount_before(std::size_t phrase_first, std::size_t noun_last, std::size_t first,
                                               const SentenceCues& c) const {
    std::size_t t = phrase_first;
    // "$1 billion in arms sales", "$50 million in humanitarian aid"
    if (t > first + 1 && is(toks_[t - 1].norm, "in") && (toks_[t - 2].is_number || tables_.magnitudes.longest_at(token_ids_, t - 2, t - 1)))
      phrase_first = --t;
    while (t > first && (toks_[t - 1].is_number || tables_.currency.longest_at(token_ids_, t - 1, t) ||
                         tables_.magnitudes.longest_at(token_ids_, t - 1, t)))
      --t;
    if (t == phrase_first) return std::nullopt;
    return quantity_in(t, noun_last, c.aid_nouns);
  }

  // Whether someone else's claim stands in [from, to): a claim noun ("reports of") or a verb
  // of report or allegation ("said", "accused"). A denial or confirmation by the subject is of
  // its own act ("Berlin confirmed the delivery of tanks to Kyiv").
  bool claim_between(const SentenceCues& c, std::size_t from, std::size_t to) const {
    auto inside = [&](const Cue& q) { return q.first >= from && q.last <= to; };
    auto reported = [&](const Cue& q) {
      const ClaimKind kind = parse_claim_kind(attributes(q).kind);
      return inside(q) && kind != ClaimKind::Denial && kind != ClaimKind::Confirmation;
    };
    return std::any_of(c.claims.begin(), c.claims.end(), reported) || std::any_of(c.claim_nouns.begin(), c.claim_nouns.end(), inside);
  }

  // Whether a verb of judging an act ("condemned", "welcomed") stands in [from, to), in the
  // same clause as `to` ("Germany, which criticized the delay, sent tanks" judges nothing sent).
  bool judged_between(std::size_t from, std::size_t to) const {
    bool judged = false;
    for_each_cue(tables_.stance_verb, from, to, [&](const Cue& verb) {
      bool same_clause = true;
      for (std::size_t t = verb.last; t < to; ++t) same_clause = same_clause && !one_of(toks_[t].norm, ",", ";");
      judged = judged || same_clause;
    });
    return judged;
  }

  // Whether the noun phrase ending before `noun_first` opens with "a", "an" or "another", a
  // couple of words before it at most ("a new shipment", "another large delivery").
  bool opens_indefinite(std::size_t noun_first, std::size_t first) const {
    for (std::size_t t = noun_first; t-- > first && t + 3 >= noun_first;) {
      const std::string_view word = toks_[t].norm;
      if (one_of(word, "a", "an", "another")) return true;
      if (!toks_[t].is_word || is_determiner(word) || is_possessive(toks_[t]) || is_preposition(t)) return false;
    }
    return false;
  }

  // "$110 million in humanitarian assistance is being provided", "500 tons of food were
  // delivered": before a passive verb, the amount that counts what is given, in the words just
  // before the noun `given` and after any comma ("Two days after the vote, weapons were sent"
  // counts no weapons). A sum counts it; a count only when its unit is that noun, or ends with
  // "of" and that noun ("Two days later weapons were sent" counts days, not weapons).
  std::optional<model::Quantity> amount_of_subject(const Cue& given, std::size_t scope, const SentenceCues& c) const {
    std::size_t start = std::max(scope, given.first > 6 ? given.first - 6 : 0);
    for (std::size_t t = given.first; t-- > start;)
      if (one_of(toks_[t].norm, ",", ";")) {
        start = t + 1;
        break;
      }
    auto q = quantity_in(start, given.last, c.aid_nouns);
    if (!q || is_money(*q)) return q;
    const std::string noun = normalize(doc_.text_of(given.first, given.last));
    if (q->unit == noun || q->unit.ends_with(" of " + noun)) return q;  // "troops", "tons of food"
    return std::nullopt;
  }

  // "approved the first review of Tanzania's three-year credit facility": the owner of a
  // borrower's noun (owner=recipient) in [first, last), a few words before it at most.
  std::optional<std::size_t> borrower_in(std::size_t first, std::size_t last, const SentenceCues& c) const {
    for (const Cue& n : c.aid_nouns)
      if (n.first >= first && n.last <= last && is(attributes(n).owner, "recipient"))
        if (auto owner = possessor_before(n.first, first)) return owner;
    return std::nullopt;
  }

  // "give Jordan 3 billion euros", "sent Kyiv a $400 million package": what is given follows the
  // mention at `at` at once (a number, a sum, or an aid noun, after "a"/"an"/"another" if any),
  // so the mention is the verb's first object, the one who receives.
  bool gift_follows(std::size_t at, std::size_t last, const SentenceCues& c) const {
    if (at < last && one_of(toks_[at].norm, "a", "an", "another")) ++at;
    if (auto bound = tables_.bound.longest_at(token_ids_, at, last)) at = bound->last;  // "sent Ukraine more than $16.8 billion"
    if (at >= last) return false;
    if (toks_[at].is_number || tables_.currency.longest_at(token_ids_, at, last)) return true;
    return cue_starts_at(c.aid_nouns, at) || cue_starts_at(c.aid_modifiers, at);
  }

  // Past a word of an act right after an aid noun ("military aid package", "a loan tranche").
  std::size_t past_act_word(std::size_t at, const SentenceCues& c) const {
    for (const Cue& n : c.aid_nouns)
      if (n.first == at && is(attributes(n).reference, "yes")) return n.last;
    return at;
  }

  // "a military aid package worth $400 million": a sum joined to the aid right after it;
  // `sum_last`, if given, becomes the token after it.
  std::optional<model::Quantity> sum_after(std::size_t aid_last, std::size_t last, std::size_t* sum_last = nullptr) const {
    auto link = tables_.amount_link.longest_at(token_ids_, aid_last, last);
    if (!link) return std::nullopt;
    auto sum = quantity_in(link->last, std::min(last, link->last + 6), {}, sum_last);  // "more than $ 2.5 billion"
    if (!sum || !is_money(*sum)) return std::nullopt;
    return sum;
  }

  // The first quantity in [first, last); `quantity_last`, if given, becomes the token after it.
  std::optional<model::Quantity> quantity_in(std::size_t first, std::size_t last, const std::vector<Cue>& nouns,
                                             std::size_t* quantity_last = nullptr) const {
    for (std::size_t t = first; t < last; ++t) {
      std::string currency;
      std::size_t num = t;
      if (auto before = tables_.currency.longest_at(token_ids_, t, last)) {  // "$2 billion", "EUR 50 million"
        currency = tables_.cue_attributes[before->payload].code;
        num = before->last;
      }
      std::string value;
      std::size_t end = num;
      if (num < last && toks_[num].is_number) {
        for (char c : toks_[num].norm)
          if (c != ',') value += c;
        if (value.find_first_not_of("0123456789.") != std::string::npos) continue;
        end = num + 1;
      } else if (auto w = tables_.number_words.longest_at(token_ids_, num, last)) {
        value = tables_.values[w->payload];
        end = w->last;
      } else {
        continue;
      }
      // "deployed since 2021": a year, not an amount ("up to 2000 troops" is one).
      if (currency.empty() && num > 0 && value.size() == 4 && (value.starts_with("19") || value.starts_with("20")) &&
          is_time_preposition(toks_[num - 1].norm))
        continue;
      auto scale = [&](const PhraseMatch& mag) { value = shift_decimal(value, static_cast<int>(tables_.values[mag.payload].size()) - 1); };
      const auto magnitude = tables_.magnitudes.longest_at(token_ids_, end, last);
      if (magnitude) {
        scale(*magnitude);
        end = magnitude->last;
      }
      // "between 3,000 and 4,000 troops", "3,000 to 4,000 troops": at least the first; "between
      // 2 and 3 million": the first in millions too.
      bool range = false;
      if (end + 1 < last && toks_[end + 1].is_number &&
          (is(toks_[end].norm, "to") || (is(toks_[end].norm, "and") && num > first && is(toks_[num - 1].norm, "between")))) {
        range = true;
        end += 2;
        if (auto mag = tables_.magnitudes.longest_at(token_ids_, end, last)) {
          if (!magnitude) scale(*mag);
          end = mag->last;
        }
      }
      if (currency.empty())
        if (auto after = tables_.currency.longest_at(token_ids_, end, last)) {  // "50 million euros"
          currency = tables_.cue_attributes[after->payload].code;
          end = after->last;
        }
      model::Quantity q;
      q.value = value;
      if (!currency.empty()) {
        q.unit = currency;
      } else {
        // "hundreds of troops", "tens of thousands of soldiers": the noun counted is after "of".
        std::size_t unit_first = end;
        if (unit_first + 1 < last && is(toks_[unit_first].norm, "of")) ++unit_first;
        if (unit_first >= last || !toks_[unit_first].is_word || is_preposition(unit_first)) continue;
        // The counted noun: "1,500 special operations forces", "48 Patriot launchers".
        std::size_t unit_last = unit_first + 1;
        for (const Cue& c : nouns)
          if (c.first >= unit_first && c.first < unit_first + 3 && c.last <= last) {
            unit_last = c.last;
            break;
          }
        for (bool grew = true; grew;) {  // "Patriot launchers": nouns that follow each other
          grew = false;
          for (const Cue& c : nouns)
            if (c.first == unit_last && c.last <= last) {
              unit_last = c.last;
              grew = true;
            }
        }
        // "1,400 Dutch troops": whose they are is an actor, not part of the unit.
        while (unit_first + 1 < unit_last && a_.mention_at[unit_first] >= 0) ++unit_first;
        q.unit = normalize(doc_.text_of(unit_first, unit_last));
      }
      std::size_t q_first = t;
      // A bound phrase right before: "up to", "more than", "about".
      for_each_cue(tables_.bound, first > 4 ? std::max(first, t > 4 ? t - 4 : 0) : first, t, [&](const Cue& b) {
        if (b.last == t) {
          if (is(attributes(b).bound, "AtMost")) q.bound = model::QuantityBound::AtMost;
          else if (is(attributes(b).bound, "AtLeast")) q.bound = model::QuantityBound::AtLeast;
          else q.bound = model::QuantityBound::Approximately;
          q_first = b.first;
        }
      });
      if (tables_.number_words.longest_at(token_ids_, num, last) && q.bound == model::QuantityBound::Exact &&
          toks_[num].norm.ends_with("s"))
        q.bound = model::QuantityBound::Approximately;  // "thousands", "dozens"
      if (range && q.bound == model::QuantityBound::Exact) q.bound = model::QuantityBound::AtLeast;
      if (range && q_first > first && is(toks_[q_first - 1].norm, "between")) --q_first;
      q.span = doc_.span(q_first, end);
      if (quantity_last) *quantity_last = end;
      return q;
    }
    return std::nullopt;
  }

  // The aid types named in [first, last): specific nouns, modifiers coordinated before a
  // noun ("humanitarian and financial aid"), else a generic noun with a type modifier.
  struct TypedNoun {
    AidType type;
    Cue cue;
  };
  std::vector<TypedNoun> aid_types_in(const SentenceCues& c, std::size_t first, std::size_t last) const {
    std::vector<TypedNoun> out;
    std::vector<TypedNoun> generic;
    std::vector<AidType> modifiers;  // of each noun, one list for all
    auto add = [&](std::vector<TypedNoun>& v, AidType t, const Cue& cue) {
      if (std::none_of(v.begin(), v.end(), [&](const TypedNoun& x) { return x.type == t; })) v.push_back({t, cue});
    };
    for (const Cue& n : c.aid_nouns) {
      if (n.first < first || n.last > last || is(attributes(n).reference, "yes")) continue;
      AidType t = parse_aid_type(attributes(n).type);
      bool is_generic = is(attributes(n).generic, "yes");
      // Modifiers before the noun: "humanitarian and financial aid", "military aid".
      modifiers.clear();
      std::size_t p = n.first;
      while (p > first) {
        const Cue* mod = nullptr;
        for (const Cue& m : c.aid_modifiers)
          if (m.last == p) mod = &m;
        if (mod) {
          modifiers.push_back(parse_aid_type(attributes(*mod).type));
          p = mod->first;
        } else if (one_of(toks_[p - 1].norm, "and", ",", "or")) {
          --p;
        } else {
          break;
        }
      }
      if (is_generic && modifiers.empty()) {
        add(generic, t, n);
        continue;
      }
      if (!is_generic) add(out, t, n);
      for (AidType m : modifiers)
        if (is_generic || !family(m, t)) add(out, m, Cue{p, n.last, n.entry});
    }
    // "hundreds of millions of dollars in humanitarian aid": the money counts the aid, it
    // is not financial aid of its own.
    if (out.size() > 1)
      out.erase(std::remove_if(out.begin(), out.end(), [&](const TypedNoun& t) {
                  return t.type == AidType::Financial && !is(attributes(t.cue).standalone, "yes");
                }),
                out.end());
    // "machine tools, microelectronics and satellite imagery": military kit beside weapons is
    // one act of military aid, named by its most specific type.
    const auto has = [&](AidType type) { return std::any_of(out.begin(), out.end(), [&](const TypedNoun& t) { return t.type == type; }); };
    if (has(AidType::Military) && (has(AidType::Weapons) || has(AidType::Troops)))
      out.erase(std::remove_if(out.begin(), out.end(), [](const TypedNoun& t) { return t.type == AidType::Military; }), out.end());
    if (out.empty()) return generic;
    return out;
  }

  // ------------------------------------------------------------------ the sentence
  void process(std::size_t s) {
    current_sentence_ = s;
    const Sentence& sentence = doc_.sentences()[s];
    sentence_ = sentence;
    // Sentences are read in order: the part of the mentions moves on from the last one's end.
    sentence_tops_first_ = sentence_tops_last_;
    while (sentence_tops_first_ < top_firsts_.size() && top_firsts_[sentence_tops_first_] < sentence.first) ++sentence_tops_first_;
    sentence_tops_last_ = sentence_tops_first_;
    while (sentence_tops_last_ < top_firsts_.size() && top_firsts_[sentence_tops_last_] < sentence.last) ++sentence_tops_last_;
    const std::size_t first = std::max(sentence.first, s == 0 ? doc_.dateline_end() : 0);
    const std::size_t last = sentence.last;
    if (first >= last) return;
    SentenceCues& c = sentence_cues_;
    c.clear();
    find_cues(sentence_indexes_, c.lists(), first, last);
    // Words inside actor mentions are names, not triggers ("Security Council").
    auto outside_mentions = [&](std::vector<Cue>& v) {
      v.erase(std::remove_if(v.begin(), v.end(), [&](const Cue& q) { return a_.mention_at[q.first] >= 0 && a_.mentions[a_.mention_at[q.first]].kind != MentionKind::Pattern; }), v.end());
    };
    outside_mentions(c.claims);
    outside_mentions(c.aid_verbs);
    // A capitalised word inside a sentence is a name ("the Extended Fund Facility"), not a verb.
    for (auto* v : {&c.claims, &c.aid_verbs})
      v->erase(std::remove_if(v->begin(), v->end(), [&](const Cue& q) {
                 return q.first > first && toks_[q.first].capitalized && toks_[q.first - 1].is_word;
               }),
               v->end());
    // "rejected claims that ...", "these claims": after a determiner or another claim verb the
    // word is a noun, not a verb.
    c.claims.erase(std::remove_if(c.claims.begin(), c.claims.end(), [&](const Cue& q) {
                     if (q.first <= first) return false;
                     const std::string_view prev = toks_[q.first - 1].norm;
                     // (A claim told by a noun is one only after its owner: "Khartoum's denial that".)
                     if (is(attributes(q).speaker, "owner")) return !is(prev, "'s");
                     if (one_of(prev, "the", "these", "those", "such", "a", "an", "'s", "their", "its"))
                       return true;
                     return std::any_of(c.claims.begin(), c.claims.end(), [&](const Cue& o) { return o.last == q.first; });
                   }),
                   c.claims.end());
    // Cues that overlap a blocker are not triggers.
    auto unblocked = [&](std::vector<Cue>& v) {
      v.erase(std::remove_if(v.begin(), v.end(), [&](const Cue& q) {
                return std::any_of(c.blockers.begin(), c.blockers.end(), [&](const Cue& b) { return q.first < b.last && b.first < q.last; });
              }), v.end());
    };
    if (!c.blockers.empty())  // most sentences have none
      for (auto* v : {&c.claims, &c.aid_verbs, &c.aid_nouns, &c.aid_modifiers, &c.agreement_nouns, &c.agreement_verbs}) unblocked(*v);
    // "to aid in its fight", "to help Kyiv": after "to", a generic aid word is a verb.
    std::erase_if(c.aid_nouns, [&](const Cue& n) { return n.first > first && is(toks_[n.first - 1].norm, "to") && is(attributes(n).generic, "yes"); });
    // "the training", "weapons, training and equipment": an aid verb used as a noun.
    c.aid_verbs.erase(std::remove_if(c.aid_verbs.begin(), c.aid_verbs.end(), [&](const Cue& q) {
                        // "medical supplies": the head of an aid noun, not a verb.
                        // "extended credit facility": the first word of a longer aid noun too.
                        if (std::any_of(c.aid_nouns.begin(), c.aid_nouns.end(), [&](const Cue& n) { return n.first <= q.first && q.first < n.last && (n.first < q.first || q.last < n.last); }))
                          return true;
                        if (q.first <= first) return false;
                        const std::string_view prev = toks_[q.first - 1].norm;
                        if (one_of(prev, "the", "a", "an", "its", "their", "his", "her"))
                          return true;
                        // "$10 million in immediate funds", "a share of funds": a word that is also an
                        // aid noun, after a preposition (and maybe one adjective), is that noun. Not a
                        // gerund: "accused of funding the rebels".
                        const bool also_noun = std::any_of(c.aid_nouns.begin(), c.aid_nouns.end(), [&](const Cue& n) { return n.first == q.first && n.last == q.last; });
                        // "a $1 billion grant", "a 50 million euro grant": after an amount, a noun.
                        if (also_noun && (toks_[q.first - 1].is_number || tables_.magnitudes.longest_at(token_ids_, q.first - 1, q.first) ||
                                          tables_.currency.longest_at(token_ids_, q.first - 1, q.first)))
                          return true;
                        // A gerund right after a preposition is a verb ("of funding the rebels"); after
                        // an adjective it is a noun ("in humanitarian funding"), not after an adverb
                        // ("of secretly funding").
                        const bool gerund = toks_[q.last - 1].norm.ends_with("ing");
                        if (also_noun) {
                          auto opens_phrase = [&](std::size_t t) { return !is(toks_[t].norm, "to") && is_preposition(t); };
                          if (!gerund && opens_phrase(q.first - 1)) return true;
                          const Token& before = toks_[q.first - 1];
                          if (q.first >= first + 2 && before.is_word && !before.capitalized && a_.mention_at[q.first - 1] < 0 &&
                              !(gerund && before.norm.ends_with("ly")) && opens_phrase(q.first - 2))
                            return true;
                        }
                        const std::string_view next = q.last < last ? std::string_view(toks_[q.last].norm) : "."sv;
                        // "weapons and funding from Iran": listed after an aid noun, with no object of
                        // its own after it ("weapons and funding the rebels"), a noun.
                        const bool has_object = q.last < last && (a_.mention_at[q.last] >= 0 || is_determiner(next) || is_possessive(toks_[q.last]));
                        if (also_noun && one_of(prev, ",", "and", "or") && !has_object &&
                            std::any_of(c.aid_nouns.begin(), c.aid_nouns.end(), [&](const Cue& n) { return n.last == q.first - 1; }))
                          return true;
                        const bool listed = one_of(next, ",", "and", "or", ".", ";");
                        if (one_of(prev, ",", "and", "or") && toks_[q.last - 1].norm.ends_with("ing") && q.first >= first + 2 && listed)
                          return std::any_of(c.aid_nouns.begin(), c.aid_nouns.end(), [&](const Cue& n) { return n.last == q.first - 1; });
                        return false;
                      }),
                      c.aid_verbs.end());

    // The sentence's claim frames and acts, in lists kept for their room.
    std::vector<ClaimFrame>& frames = frames_;
    std::vector<ActHit>& acts = acts_;
    frames.clear();
    acts.clear();
    claim_frames(c, first, last, frames);
    find_aid(c, frames, first, last, acts);
    find_agreements(c, first, last, acts);
    std::sort(acts.begin(), acts.end(), [](const ActHit& x, const ActHit& y) { return x.first < y.first; });
    // "Western claims regarding Iranian military aid": an act named as the content of a
    // claim is only alleged.
    for (const Cue& n : c.claim_nouns) {
      std::vector<bool> flags;
      for (FactId id : claim_noun_targets(n, acts, last, &flags))
        if (id < a_.facts.size() && a_.facts[id].is_act() && a_.facts[id].status == Status::Actual &&
            std::any_of(acts.begin(), acts.end(), [&](const ActHit& h) { return h.fact == id && !h.anaphoric; }))
          set_status(id, Status::Alleged);
    }
    std::set<FactId> claimed;
    for (const ClaimFrame& f : frames) make_claims(f, c, acts, first, last, claimed);
    if (std::none_of(frames.begin(), frames.end(), [](const ClaimFrame& f) { return f.kind == ClaimKind::Denial || f.kind == ClaimKind::Allegation; }))
      denial_by_cue(c, frames, acts, first, last);
    // "North Korea allegedly sending troops": a hedge with nobody making the claim.
    for (const ActHit& h : acts) {
      if (!h.hedged || h.anaphoric || claimed.count(h.fact)) continue;
      if (a_.facts[h.fact].kind != FactKind::Aid || a_.facts[h.fact].provider.empty()) continue;
      Fact& claim = new_fact();
      const Fact& act = a_.facts[h.fact];
      claim.kind = FactKind::Allegation;
      claim.accused = act.provider;
      claim.about = h.fact;
      claim.evidence.push_back(act.evidence.back());
      claim.rule = "allegation.hedge";
      claim.date = date_near(h.first, first, last);
      set_codes(claim);
      keep_claim(claim_hash(claim));
      claimed.insert(h.fact);
    }
  }

  // Appends the claim frames of the sentence's claim triggers to `frames`, empty before.
  void claim_frames(const SentenceCues& c, std::size_t first, std::size_t last, std::vector<ClaimFrame>& frames) {
    for (const Cue& t : c.claims) {
      ClaimFrame f;
      f.trigger = t;
      f.kind = parse_claim_kind(attributes(t).kind);
      if (!frames.empty() && t.first < frames.back().complement_last && f.kind == ClaimKind::Report) continue;  // nested report
      f.complement_first = t.last;
      f.complement_last = last;
      std::optional<std::size_t> speaker;
      if (is(attributes(t).speaker, "owner")) {
        // "Khartoum's denial that it supplied ...": the name before "'s" claims; the rest of the
        // sentence is what it claims.
        if (t.first >= first + 2)
          if (const long m = a_.mention_at[t.first - 2]; m >= 0 && !a_.mentions[static_cast<std::size_t>(m)].person)
            speaker = static_cast<std::size_t>(m);
      } else if (is(attributes(t).speaker, "after")) {
        speaker = mention_starting_in(t.last, std::min(last, t.last + 3));
        if (speaker) {
          // "According to X, <complement>" or "<complement>, according to X."
          f.complement_first = a_.mentions[*speaker].last;
          if (t.first > first + 2) {
            f.complement_first = first;
            f.complement_last = t.first;
          }
        }
      } else if (f.kind != ClaimKind::Allegation && t.first > first && t.last + 1 < last && is_be_auxiliary(toks_[t.first - 1].norm) &&
                 is(toks_[t.last].norm, "by") && (speaker = mention_starting_in(t.last + 1, std::min(last, t.last + 3)))) {
        // "The allegations were rejected by Tehran": who rejects follows "by", what is rejected
        // comes before. A denial rejected ("Iran's denial ... was rejected by Kyiv") is one claim
        // against another, which newskg does not model: no frame.
        if (std::any_of(c.claims.begin(), c.claims.end(), [&](const Cue& q) {
              return q.last <= t.first && parse_claim_kind(attributes(q).kind) == ClaimKind::Denial;
            }))
          continue;
        f.complement_first = first;
        f.complement_last = t.first;
      } else {
        speaker = subject_before(t.first, first);
        bool trailing_comma = t.first > first && one_of(toks_[t.first - 1].norm, ",", "\"") &&
                              t.last + 1 < last;
        if (trailing_comma) {
          // '..., said Robert Wood.' : the speaker follows the verb.
          if (auto after = mention_starting_in(t.last, std::min(last, t.last + 1)); after && f.kind == ClaimKind::Report) {
            speaker = after;
            f.complement_first = first;
            f.complement_last = t.first;
          }
        } else if (speaker && a_.mentions[*speaker].last == t.first && a_.mentions[*speaker].first > first && ends_clause(t.last, last) &&
                   one_of(toks_[a_.mentions[*speaker].first - 1].norm, ",", "\"")) {
          // '..., the ministry said.' : the speaker closes the sentence.
          f.complement_first = first;
          f.complement_last = a_.mentions[*speaker].first;
        }
      }
      if (speaker) {
        f.claimant = a_.mentions[*speaker].actors;
        f.claimant_mention = speaker;
      }
      // "Iran's denial of supplying drones": the owner denies an act of its own, and gives.
      if (is(attributes(t).speaker, "owner") && f.kind == ClaimKind::Denial && is(toks_[t.last - 1].norm, "of")) {
        f.accused = f.claimant;
        f.accused_end = t.last;
      }
      const std::string_view before_trigger = t.first > first ? std::string_view(toks_[t.first - 1].norm) : std::string_view();
      const bool object_accused = is(attributes(t).object, "accused");
      // "companies accused of supplying ...": the mention right before "accused of" is the
      // accused, unless a "which" before it made that mention the subject ("Belarus, which the
      // EU accused of allowing ...").
      auto reduced_relative = [&] {
        const long m = t.first > first ? a_.mention_at[t.first - 1] : -1;
        if (m < 0) return false;
        const std::size_t mention_first = a_.mentions[static_cast<std::size_t>(m)].first;
        for (std::size_t u = mention_first; u-- > first && u + 3 > mention_first;)
          if (one_of(toks_[u].norm, "which", "that", "whom", "who")) return false;
        return true;
      };
      const bool passive_accusation = object_accused &&
                                      (is_be_auxiliary(before_trigger) ||
                                       (t.last < last && is(toks_[t.last].norm, "of") && reduced_relative()));
      if (passive_accusation) {
        // "Serbia has been accused by Russia of selling ammunition": the passive turns the
        // roles round; without "by" the text names no accuser.
        f.accused = f.claimant;
        f.claimant = {};
        f.claimant_mention.reset();
        f.accused_end = f.complement_first = t.last;
        if (t.last < last && is(toks_[t.last].norm, "by"))
          if (auto by = mention_starting_in(t.last + 1, std::min(last, t.last + 3))) {
            f.claimant = a_.mentions[*by].actors;
            f.claimant_mention = by;
            f.accused_end = f.complement_first = a_.mentions[*by].last;
          }
      } else if (object_accused && t.last + 1 < last &&
          ((is(toks_[t.last].norm, "each") && is(toks_[t.last + 1].norm, "other")) || (is(toks_[t.last].norm, "one") && is(toks_[t.last + 1].norm, "another")))) {
        f.reciprocal = true;
        f.accused_end = t.last + 2;
        f.complement_first = f.accused_end;
      } else if (object_accused) {
        // "accused its eastern neighbour": a possessive pronoun names whose the accused is.
        if (auto obj = mention_starting_in(t.last, std::min(last, t.last + 2));
            obj && !(a_.mentions[*obj].kind == MentionKind::Pronoun && a_.mentions[*obj].modifier)) {
          f.accused = a_.mentions[*obj].actors;
          f.accused_end = a_.mentions[*obj].last;
          f.complement_first = f.accused_end;
        } else if (is(toks_[t.last].norm, "of") && f.claimant_mention) {
          // "Belarus, which the EU accused of ...": the accused is what "which" stands for.
          std::size_t u = a_.mentions[*f.claimant_mention].first;
          while (u > first && is_determiner(toks_[u - 1].norm)) --u;
          if (u > first + 1 && one_of(toks_[u - 1].norm, "which", "whom")) {
            const std::size_t before = is(toks_[u - 2].norm, ",") && u > first + 2 ? u - 3 : u - 2;
            if (const long m = a_.mention_at[before]; m >= 0) f.accused = a_.mentions[static_cast<std::size_t>(m)].actors;
          }
        }
      }
      for (const Cue& n : c.negations)
        if (n.last <= t.first && t.first - n.last <= 2) f.negated = true;
      for (const Cue& cond : c.conditionals)
        if (cond.first >= f.complement_first && cond.first < f.complement_last) f.conditional = true;
      if (!frames.empty() && frames.back().complement_last > t.first) {
        // A nested denial or confirmation ends the outer complement at its speaker; a speaker
        // before the outer complement is the subject both verbs share ("Tehran denied X but
        // admitted Y"), and the outer complement ends at the second verb.
        const ClaimFrame& outer = frames.back();
        const bool own_speaker = f.claimant_mention && a_.mentions[*f.claimant_mention].first >= outer.complement_first;
        frames.back().complement_last = own_speaker ? a_.mentions[*f.claimant_mention].first : t.first;
      }
      frames.push_back(std::move(f));
    }
  }

  // Nothing but punctuation or a short adjunct follows: "..., the ministry said." or
  // "..., the ministry said on Tuesday."
  bool ends_clause(std::size_t t, std::size_t last) const {
    if (t >= last) return true;
    const std::string_view n = toks_[t].norm;
    if (one_of(n, ".", ",", ";", "\"", "!", "?")) return true;
    for (const TimeExpression& time : a_.times)
      if (time.first <= t + 1 && time.first >= t && time.last + 1 >= last) return true;
    return false;
  }

  const ClaimFrame* frame_around(const std::vector<ClaimFrame>& frames, std::size_t token) const {
    const ClaimFrame* best = nullptr;
    for (const ClaimFrame& f : frames)
      if (token >= f.complement_first && token < f.complement_last && !f.conditional && !f.negated) best = &f;
    return best;
  }

  // Where the modality of an act at `trigger` starts: after the last claim trigger, "that",
  // or act trigger before it in the sentence.
  std::size_t scope_start(const SentenceCues& c, std::size_t trigger, std::size_t first) const {
    std::size_t start = first;
    for (const Cue& q : c.claims)
      if (q.last <= trigger) start = std::max(start, q.last);
    // An aid verb that governs the trigger ("pledged to provide") is its modality, not a scope.
    for (const Cue& q : c.aid_verbs)
      if (q.last <= trigger && !(q.last + 1 == trigger && is(toks_[q.last].norm, "to"))) start = std::max(start, q.last);
    for (const Cue& q : c.agreement_nouns)
      if (q.last <= trigger) start = std::max(start, q.last);
    // The last "that" or ";" before the trigger, if it is past those cues: sought from the
    // trigger back to them.
    for (std::size_t t = trigger; t-- > start;)
      if (one_of(toks_[t].norm, "that", ";")) return t + 1;
    return start;
  }

  // "sales of drones and precision-guided weapons", "a shipment of 40 Iranian missiles": the aid
  // named after "of" right behind a word of an act (`act`), up to the next preposition or comma;
  // `tail` becomes the end of the last of them.
  // `of_at`: where that "of" is, after the recipient when one comes first ("the deployment to
  // Haiti of the country's contingent").
  std::vector<TypedNoun> given_after_of(const SentenceCues& c, const Cue& act, std::size_t last, std::size_t& tail, std::size_t& of_at) const {
    of_at = act.last;
    if (of_at + 1 < last && one_of(toks_[of_at].norm, "to", "in"))
      if (auto place = mention_starting_in(of_at + 1, std::min(last, of_at + 3))) of_at = a_.mentions[*place].last;
    if (of_at + 1 >= last || !is(toks_[of_at].norm, "of")) return {};
    std::size_t end = of_at + 1;
    while (end < last && end < of_at + 10 && (!is_preposition(end) || is(toks_[end].norm, "of")) && !one_of(toks_[end].norm, ",", ";", "that", "which", "bound"))
      ++end;
    std::vector<TypedNoun> types = aid_types_in(c, of_at + 1, end);
    // What follows "of" is what is given only when it opens there ("the sale of four jets"),
    // not when an aid word comes later ("the delivery of the first batch of weapons").
    if (types.empty() || types.front().cue.first > of_at + 5) return {};
    for (const Cue& n : c.aid_nouns)  // "drones and weapons": one type, two nouns
      if (n.first > of_at && n.last <= end) tail = std::max(tail, n.last);
    return types;
  }

  // The owner of a noun phrase whose first aid word is at `phrase_first`: a demonym right
  // before it, or a possessor before it and up to two lowercase words ("Iranian military aid",
  // "Russia's continued assistance", "the country's 20th military contingent").
  std::optional<std::size_t> owner_of_phrase(std::size_t phrase_first, std::size_t floor) const {
    std::size_t p = phrase_first;
    int words = 0;
    // A number or an ordinal is a modifier too ("Russia's 2,000 troops", "the 20th contingent").
    auto numeric = [](const Token& t) {
      const std::string_view n = t.norm;
      return t.is_number || (!n.empty() && std::isdigit(static_cast<unsigned char>(n[0])) &&
                             (n.ends_with("th") || n.ends_with("st") || n.ends_with("nd") || n.ends_with("rd")));
    };
    while (p > floor && (one_word_cue(tables_.hedge, p - 1) ||
                         ((toks_[p - 1].is_word || numeric(toks_[p - 1])) && !toks_[p - 1].capitalized && a_.mention_at[p - 1] < 0 && words < 2 &&
                          !is_preposition(p - 1) && !one_word_cue(tables_.modality, p - 1) && !one_word_cue(tables_.aid_verb, p - 1) &&
                          !one_word_cue(tables_.claim, p - 1) && ++words)))
      --p;
    const bool possessive = p > floor && is(toks_[p - 1].norm, "'s");
    std::optional<std::size_t> owner;
    for (std::size_t k : top_mentions(floor, phrase_first)) {
      const ActorMention& m = a_.mentions[k];
      if ((possessive && m.last + 1 == p) || (m.modifier && m.kind == MentionKind::Demonym && m.last == p)) owner = k;
    }
    // "Peru's troops", "British soldiers": one mention of the state's own people, the noun inside.
    if (!owner && phrase_first > floor)
      if (const long m = a_.mention_at[phrase_first]; m >= 0) {
        const ActorMention& people = a_.mentions[static_cast<std::size_t>(m)];
        if (people.first < phrase_first && one_of(people.rule, "mention.state-people", "mention.state-body")) owner = static_cast<std::size_t>(m);
      }
    return owner;
  }

  // Appends the sentence's aid acts to `hits`.
  void find_aid(SentenceCues& c, const std::vector<ClaimFrame>& frames, std::size_t first, std::size_t last, std::vector<ActHit>& hits) {
    std::vector<bool>& noun_used = noun_used_;  // by aid noun: whether an aid verb's object holds it
    noun_used.assign(c.aid_nouns.size(), false);
    auto next_trigger = [&](std::size_t after) {
      std::size_t end = last;
      for (const auto* v : {&c.claims, &c.aid_verbs, &c.agreement_nouns})
        for (const Cue& q : *v)
          if (q.first > after && q.first < end) end = q.first;
      for (std::size_t t = after; t < end; ++t)
        if (is_clause_break(toks_[t].norm) || (is(toks_[t].norm, "and") && t + 1 < end && opens_verb_phrase(toks_[t + 1].norm))) return t;
      return end;
    };
    bool recipient_agent = false;
    // The act just made (new_fact()) gets its evidence, trigger, date and status, and is kept.
    auto finish = [&](std::size_t trig_first, std::size_t trig_last, bool hedged, bool negated, const std::vector<std::size_t>& role_mentions,
                      std::size_t object_last) {
      Fact& f = a_.facts.back();
      std::size_t ev_first = trig_first, ev_last = std::max(trig_last, object_last);
      for (std::size_t k : role_mentions) {
        ev_first = std::min(ev_first, a_.mentions[k].first);
        ev_last = std::max(ev_last, a_.mentions[k].last);
      }
      f.evidence.push_back(span(ev_first, ev_last));
      f.trigger = doc_.span(trig_first, trig_last);
      f.date = date_near(trig_first, first, last);
      // Inside someone else's claim, or an accusation by no one named, an act is only alleged;
      // a recipient confirming what it got vouches for it ("the U.N. confirmed it had received").
      if (const ClaimFrame* fr = frame_around(frames, trig_first);
          fr && f.status == Status::Actual && fr->kind != ClaimKind::Denial &&
          !(fr->kind == ClaimKind::Confirmation && !fr->claimant.empty() && same_side(fr->claimant, f.recipient)) &&
          (fr->claimant.empty() ? fr->kind == ClaimKind::Allegation : !same_side(fr->claimant, f.provider))) {
        f.status = Status::Alleged;
        if (explaining())
          f.reasons.push_back(fmt::format("status Alleged: told inside a claim not its provider's, '{}' ({})",
                                          doc_.text_of(fr->trigger.first, fr->trigger.last), fr->trigger.entry->id));
      }
      note(Cue{trig_first, trig_last, nullptr}, "fact: {} {} ({})", model::name(f.kind), f.aid_type ? model::name(*f.aid_type) : "",
           f.rule);
      const FactId id = add_act();
      hits.push_back({.fact = id, .first = trig_first, .last = trig_last, .anaphoric = false, .hedged = hedged, .negated = negated,
                      .recipient_agent = recipient_agent});
    };

    for (const Cue& v : c.aid_verbs) {
      if (opens_that_clause(v.last, last)) {
        note(v, "verb followed by a 'that' clause: it reports, it does not give");
        continue;
      }
      const std::size_t window_end = next_trigger(v.first);
      const std::string_view direction = attributes(v).direction;
      const bool receive = is(direction, "receive");
      recipient_agent = receive;
      // "Rwandan troops were operating inside Congo": who is present comes before the verb;
      // `fighting` ("fighting in Ukraine") is present too, but where they fight is not the host.
      const bool fighting = is(direction, "fighting");
      const bool present = fighting || is(direction, "present");
      // "the weapons came from Serbian army stocks": what is given comes first, its giver after.
      const bool origin = is(direction, "origin");
      const std::string_view before = v.first > first ? toks_[v.first - 1].norm : toks_[v.first].norm;
      // "weapons had been supplied from Serbian army stocks": the giver follows the verb.
      // "could be supplying" is progressive, not passive.
      const bool passive = !receive && v.first > first && !toks_[v.last - 1].norm.ends_with("ing") &&
                           one_of(before, "been", "was", "were", "is", "are", "being", "be");
      auto subject = passive || present || origin ? std::nullopt : subject_before(v.first, first);
      const std::optional<Intent> intent = passive || present || origin || receive ? std::nullopt : intent_before(v.first, first);
      // "Russia condemned the decision to send tanks", "warned against supplying Ukraine": the
      // subject judges the act and does not do it.
      if (subject && !receive && judged_between(a_.mentions[*subject].last, v.first)) subject.reset();
      if (intent && intent->owner) subject = intent->owner;
      // "accused Uganda of allowing ... and of providing the rebels with support": the
      // accused gives.
      // "Chad accused its eastern neighbour of arming the rebels": an accused newskg cannot name
      // still gives; the accuser does not.
      std::span<const std::string> accused_giver;
      bool accused_unnamed = false;
      // "of arming the rebels", or a gerund joined to one after "of": "of supporting and arming".
      auto of_or_for = [&](std::size_t t) { return one_of(toks_[t].norm, "of", "for"); };
      auto and_or = [&](std::size_t t) { return one_of(toks_[t].norm, "and", "or"); };
      const bool after_of = (v.first > first && of_or_for(v.first - 1)) ||
                            (v.first > first + 2 && and_or(v.first - 1) && toks_[v.first - 2].norm.ends_with("ing") && of_or_for(v.first - 3));
      if (!receive && !passive && !present && after_of)
        for (const ClaimFrame& fr : frames)
          if (fr.complement_first <= v.first && v.first < fr.complement_last) {
            if (!fr.accused.empty()) accused_giver = fr.accused;
            else accused_unnamed = is(attributes(fr.trigger).object, "accused");
          }
      // "supplying Russia with weapons", "supplying the RSF with drones": the verb's object.
      std::optional<std::size_t> recipient, direct;
      bool direct_with = false;
      if (!receive) {
        direct = mention_starting_in(v.last, std::min(window_end, v.last + 2));
        // "supplying Yemen's Houthi rebels with drones": the possessor names whose they are.
        if (direct)
          if (auto owned = owned_by(*direct, window_end); owned && a_.mentions[*owned].last < window_end && is(toks_[a_.mentions[*owned].last].norm, "with"))
            direct = owned;
        direct_with = direct && a_.mentions[*direct].last < window_end && is(toks_[a_.mentions[*direct].last].norm, "with");
      }
      // The object ends where the recipient's preposition begins.
      if (direct_with) recipient = direct;
      else if (!receive) recipient = recipient_in(v.last, window_end, actors_of(subject));
      std::size_t object_last = window_end;
      if (recipient && !direct_with) object_last = a_.mentions[*recipient].first;
      if (!recipient && !receive) recipient = borrower_in(v.last, window_end, c);
      if (!recipient && direct &&
          ((!attributes(v).type.empty() &&
            !(a_.mentions[*direct].last < last && is(toks_[a_.mentions[*direct].last].norm, "'s"))) ||  // "backs Belgrade's position"
           gift_follows(a_.mentions[*direct].last, window_end, c) || owns_the_aid(a_.mentions[*direct].last, c)))
        recipient = direct;
      const bool object_before = passive || present || origin;
      const std::size_t scope = scope_start(c, v.first, first);  // the verb's clause, from the cue before it
      // Before a passive verb, what is given is in its own clause: "... jets once pilots are
      // trained" trains no jets.
      std::size_t object_start = v.last;
      if (object_before) {
        object_start = scope;
        for (std::size_t t = v.first; t-- > object_start;)
          if (opens_adverbial_clause(toks_[t].norm) || is(toks_[t].norm, "once")) {
            object_start = t + 1;
            break;
          }
      }
      std::vector<TypedNoun> types = aid_types_in(c, object_start, object_before ? v.first : object_last);
      // "approved the possible sale to Poland of Patriot equipment": what is given follows its recipient.
      if (types.empty() && recipient && !object_before && a_.mentions[*recipient].last + 1 < window_end &&
          is(toks_[a_.mentions[*recipient].last].norm, "of")) {
        object_last = window_end;
        types = aid_types_in(c, a_.mentions[*recipient].last + 1, object_last);
      }
      if (present) types.erase(std::remove_if(types.begin(), types.end(), [](const TypedNoun& t) { return t.type != AidType::Troops; }), types.end());
      // "supply Russian forces with drones": the recipient's own words are not what it gets.
      if (recipient)
        types.erase(std::remove_if(types.begin(), types.end(), [&](const TypedNoun& t) {
                      return t.cue.first >= a_.mentions[*recipient].first && t.cue.last <= a_.mentions[*recipient].last;
                    }), types.end());
      bool typed_by_verb = false;
      if (types.empty())
        if (auto t = attributes(v).type; !t.empty()) {
          types.push_back({parse_aid_type(t), v});  // the verb names the aid: arming, funded
          typed_by_verb = true;
        }
      // The amount comes before what is counted ("1,500 forces", "$2.5 billion in aid"), never
      // after it: "enhancing ties between the two nations" counts nothing.
      std::size_t amount_last = object_last;
      for (std::size_t t = v.last; t < object_last; ++t)
        if (one_of(toks_[t].norm, ",", ";")) {
          amount_last = t;
          break;
        }
      for (const Cue& n : c.aid_nouns)
        // "the sale of 40 F-16 jets": a word that points back at an act counts nothing; the
        // aid after it is counted.
        if (n.first >= v.last && n.last <= amount_last && !is(attributes(n).reference, "yes")) {
          amount_last = n.last;
          for (const Cue& m : c.aid_nouns)  // "Patriot launchers"
            if (m.first == amount_last) amount_last = m.last;
          break;
        }
      auto quantity = quantity_in(v.last, amount_last, c.aid_nouns);
      if (!quantity) quantity = sum_after(amount_last, object_last);
      if (!quantity && object_before && types.size() == 1 && !typed_by_verb && types.front().cue.last <= v.first)
        quantity = amount_of_subject(types.front().cue, scope, c);
      // "sent an aid package to Ukraine worth $300 million", "..., valued at $300 million": the
      // sum may follow the recipient named after what is given.
      if (!quantity && recipient && a_.mentions[*recipient].first >= amount_last) {
        std::size_t after = a_.mentions[*recipient].last;
        if (after < window_end && is(toks_[after].norm, ",")) ++after;
        quantity = sum_after(after, window_end);
      }
      // "announced 140 million euros": a currency's own word types nothing, as "$" does not.
      if (quantity && is_money(*quantity))
        types.erase(std::remove_if(types.begin(), types.end(), [&](const TypedNoun& t) {
                      auto word = tables_.currency.longest_at(token_ids_, t.cue.first, t.cue.last);
                      return word && word->last == t.cue.last;
                    }), types.end());
      const bool money_only = types.empty() && quantity && is_money(*quantity);
      if (money_only) types.push_back({AidType::Financial, v});  // "pledged $220 million"
      if (types.empty()) {
        note(v, "aid verb, but nothing given is named in its object (no aid-noun entry matched)");
        continue;
      }
      for (std::size_t n = 0; n < c.aid_nouns.size(); ++n)
        if (c.aid_nouns[n].first >= v.last && c.aid_nouns[n].last <= object_last) noun_used[n] = true;
      // Views of mentions' and frames' actor lists, which outlive the loop: a fact copies them once.
      std::span<const std::string> provider, recip;
      std::vector<std::string> partners;  // the provider, when it is the rest of a coordination
      std::vector<std::size_t> roles;
      auto giver_after = [&](std::initializer_list<std::string_view> preps) -> std::optional<std::size_t> {
        for (std::size_t t = v.last; t < window_end; ++t)
          if (std::find(preps.begin(), preps.end(), toks_[t].norm) != preps.end())
            if (auto m = mention_starting_in(t + 1, std::min(window_end, t + 4))) return m;
        return std::nullopt;
      };
      // "Rwandan troops", "Russian military personnel", "Russia's soldiers", "U.S. military
      // trainers", "Iranian drones": whose the things before the verb are.
      auto owner_before = [&]() -> std::optional<std::size_t> {
        for (std::size_t k : top_mentions(scope, v.first)) {
          const ActorMention& m = a_.mentions[k];
          const bool possessive = m.last < last && is(toks_[m.last].norm, "'s");
          const bool names_them = std::any_of(types.begin(), types.end(), [&](const TypedNoun& t) {
            return t.cue.first >= m.last && t.cue.first <= m.last + 2;
          });
          if (is(m.rule, "mention.state-body") || (m.modifier && m.kind == MentionKind::Demonym) || possessive ||
              (m.kind == MentionKind::Name && names_them))
            return k;
        }
        return std::nullopt;
      };
      if (receive) {
        recip = actors_of(subject);
        // "from X", a demonym in the object ("Iranian arms"), else the partner in a
        // coordination naming the recipient.
        if (auto m = giver_after({"from"})) {
          provider = a_.mentions[*m].actors;
          roles.push_back(*m);
        }
        for (std::size_t k : top_mentions(v.last, window_end))
          if (provider.empty() && a_.mentions[k].modifier && a_.mentions[k].kind == MentionKind::Demonym) {
            provider = a_.mentions[k].actors;
            roles.push_back(k);
          }
        if (provider.empty() && !recip.empty())
          for (std::size_t k : top_mentions(first, last)) {
            const ActorMention& m = a_.mentions[k];
            if (m.kind != MentionKind::Coordination || std::find(m.actors.begin(), m.actors.end(), recip.front()) == m.actors.end()) continue;
            for (const auto& id : m.actors)
              if (std::find(recip.begin(), recip.end(), id) == recip.end()) partners.push_back(id);
          }
        if (!partners.empty()) provider = partners;
      } else if (present) {
        if (auto k = owner_before()) {
          provider = a_.mentions[*k].actors;
          roles.push_back(*k);
        }
        // From the trigger's own last word ("based in Syria", "deployed in Mali": the host), but
        // where troops fight is no one they are sent to ("fighting in Ukraine").
        for (std::size_t t = fighting ? v.last : v.last - 1; t < window_end && recip.empty(); ++t) {
          const std::string_view n = toks_[t].norm;
          if (!one_of(n, "in", "inside", "into", "to", "on", "with", "alongside")) continue;
          for (std::size_t u = t + 1; u < std::min(window_end, t + 6); ++u)
            if (a_.mention_at[u] >= 0) {
              const ActorMention& m = a_.mentions[static_cast<std::size_t>(a_.mention_at[u])];
              if (!same_side(m.actors, provider)) {
                recip = m.actors;
                roles.push_back(static_cast<std::size_t>(a_.mention_at[u]));
              }
              break;
            }
        }
      } else if (origin) {
        if (auto m = mention_starting_in(v.last, std::min(window_end, v.last + 3))) {
          provider = a_.mentions[*m].actors;
          roles.push_back(*m);
        }
      } else if (passive) {
        // "weapons had been supplied by Serbia"; else "Russian troops were sent to Mali".
        if (auto m = giver_after({"by", "from"}); m || (m = owner_before())) {
          provider = a_.mentions[*m].actors;
          roles.push_back(*m);
        }
        recip = actors_of(recipient);
        if (recipient) roles.push_back(*recipient);
      } else {
        provider = !accused_giver.empty() ? accused_giver : accused_unnamed ? std::span<const std::string>() : actors_of(subject);
        recip = actors_of(recipient);
        if (recipient) roles.push_back(*recipient);
        // "vote on deploying British soldiers to Ukraine": with no subject, troops named by
        // their nation are that nation's.
        if (provider.empty() && !subject && !accused_unnamed)
          for (std::size_t k : top_mentions(v.last, object_last)) {
            const ActorMention& m = a_.mentions[k];
            // "British" before "soldiers", or "British soldiers" as one mention of the state's own.
            const bool people = one_of(m.rule, "mention.state-people", "mention.state-body");
            const bool its_troops = std::any_of(types.begin(), types.end(), [&](const TypedNoun& t) {
              return t.type == AidType::Troops && (people ? t.cue.first >= m.first && t.cue.last <= m.last : t.cue.first == m.last);
            });
            if (((m.modifier && m.kind == MentionKind::Demonym) || people) && its_troops) {
              provider = m.actors;
              roles.push_back(k);
              break;
            }
          }
      }
      if (subject && accused_giver.empty()) roles.push_back(*subject);  // the accused gives, not the subject
      // "Russia has backed Assad's regime, providing it with weapons": a pronoun resolved to the
      // giver itself; no one gives to themselves.
      if (!recip.empty() && std::ranges::equal(recip, provider)) {
        if (recipient) std::erase(roles, *recipient);
        recip = {};
      }
      if (typed_by_verb && recip.empty() && types.front().type == AidType::Other) {
        note(v, "support verb without a recipient actor: too vague to be aid");
        continue;
      }
      if (provider.empty()) {
        note(v, "aid verb with an object, but no provider: no subject mention before it, nor 'by'/'from' after it");
        continue;
      }
      bool hedged = false, negated = false;
      Status status = status_from(scope, v.first, &hedged, &negated);
      // "pledged", "announced": the verb itself says the aid is still to come.
      if (auto verb_status = parse_status(attributes(v).status); verb_status && status == Status::Actual) status = *verb_status;
      // "approved the possible sale of 40 jets", "announced a potential deployment": the
      // object's own word says the aid is only considered.
      for_each_cue(tables_.modality, v.last, amount_last, [&](const Cue& m) {
        if (parse_status(attributes(m).status) == Status::Considered && strength(Status::Considered) > strength(status)) {
          status = Status::Considered;
          status_cue_ = StatusCue{"modal in the object", m};
        }
      });
      // "sent no weapons", "provides no lethal assistance": a negation that opens the object
      // negates the act, as "has not sent weapons" does before the verb.
      if (v.last < amount_last && toks_[v.last].norm == "no"sv)
        for_each_cue(tables_.negation, v.last, v.last + 1, [&](const Cue& n) {
          negated = true;
          if (strength(Status::Refused) > strength(status)) {
            status = Status::Refused;
            status_cue_ = StatusCue{"negation in the object", n};
          }
        });
      // "warned Russia against delivering the missiles": an act someone fears, not one told.
      const bool warned_against = v.first > first && is(toks_[v.first - 1].norm, "against");
      if (warned_against && strength(Status::Considered) > strength(status)) {
        status = Status::Considered;
        status_cue_ = StatusCue{"'against' before the verb", v};
      }
      // "Berlin's readiness to deliver", "Poland's refusal to send": so does the noun it completes.
      if (intent)
        if (auto s = parse_status(attributes(intent->noun).status); s && strength(*s) > strength(status)) {
          status = *s;
          status_cue_ = StatusCue{"intent noun", intent->noun};
        }
      for (const TypedNoun& tn : types) {
        Fact& f = new_fact();
        f.kind = FactKind::Aid;
        f.provider.assign(provider.begin(), provider.end());
        f.recipient.assign(recip.begin(), recip.end());
        f.aid_type = tn.type;
        f.status = status;
        if (types.size() == 1) f.quantity = quantity;
        f.rule = concat({v.entry->id, "+", tn.cue.entry->id});
        if (explaining()) {
          f.source = v.entry->where();
          for (std::size_t k : roles) f.reasons.push_back("role from mention " + describe(k));
          f.reasons.push_back(fmt::format("aid type {} from '{}' ({}, {})", model::name(tn.type), doc_.text_of(tn.cue.first, tn.cue.last),
                                          tn.cue.entry->id, tn.cue.entry->where()));
          f.reasons.push_back(fmt::format("status {}: {}", model::name(status), status_reason()));
        }
        finish(v.first, v.last, hedged, negated, roles, std::max(tn.cue.last, v.last));
        hits.back().warned_against = warned_against;
        if (money_only) act_info(hits.back().fact).money_only = true;
      }
    }

    // Nominal acts: "Iranian military aid to Russia", "the troop deployment from North Korea".
    recipient_agent = false;
    for (std::size_t n = 0; n < c.aid_nouns.size(); ++n) {
      const Cue& noun = c.aid_nouns[n];
      if (noun_used[n] || !is(attributes(noun).standalone, "yes")) continue;
      const bool reference = is(attributes(noun).reference, "yes");
      const bool indefinite = reference && opens_indefinite(noun.first, first);
      std::vector<TypedNoun> types;
      std::size_t tail = noun.last;  // where the phrase ends: after what a reference word names
      std::size_t of_at = noun.last;  // the "of" before what a reference word names
      if (reference) {
        // "$1 billion in sales of drones to Morocco", "a shipment of Iranian weapons": what is
        // named after "of" makes the word an act of its own.
        types = given_after_of(c, noun, last, tail, of_at);
        for (std::size_t m = n + 1; m < c.aid_nouns.size(); ++m)
          if (c.aid_nouns[m].last <= tail) noun_used[m] = true;
        // "confirmed the disbursement": a word that only points back at an act told before;
        // "another delivery" tells a new one.
        if (types.empty()) {
          if (indefinite) note(noun, "an indefinite article: a new act, not one told before");
          else if (auto id = antecedent_act(parse_aid_type(attributes(noun).type)))
            hits.push_back({.fact = *id, .first = noun.first, .last = noun.last, .anaphoric = true, .hedged = false});
          else
            note(noun, "refers back to an act, but no earlier act of the document fits");
          continue;
        }
      } else {
        types = aid_types_in(c, noun.first, noun.last);
        if (types.empty()) continue;
      }
      std::size_t phrase_first = reference ? noun.first : types.front().cue.first;
      bool generic = is(attributes(noun).generic, "yes") && types.front().cue.first == noun.first;
      const std::size_t window_end = std::max(tail, next_trigger(noun.last - 1));
      std::span<const std::string> provider;  // a view of a mention's actors, as in the verb loop
      std::vector<std::size_t> roles;
      // "... from North Korea", "... by Iran"
      for (std::size_t t = tail; provider.empty() && t < std::min(window_end, tail + 2); ++t)
        if (one_of(toks_[t].norm, "from", "by"))
          if (auto m = mention_starting_in(t + 1, std::min(window_end, t + 3))) {
            provider = a_.mentions[*m].actors;
            roles = {*m};
          }
      // A demonym or possessor right before: "Iranian military aid", "Russia's continued
      // assistance", "the alleged North Korean troop deployment".
      bool owner_before = false;
      if (provider.empty()) {
        if (auto owner = owner_of_phrase(phrase_first, first)) {
          provider = a_.mentions[*owner].actors;
          roles = {*owner};
          owner_before = true;
        } else if (reference) {  // "a shipment of Iranian weapons": whose they are, after "of"
          if (auto inner = owner_of_phrase(types.front().cue.first, of_at + 1)) {
            provider = a_.mentions[*inner].actors;
            roles = {*inner};
          }
        }
      }
      // "a military aid package of about $330 million for Taiwan": the recipient after the sum;
      // "the deployment to Haiti of ...": before what is given.
      const std::size_t after_word = past_act_word(tail, c);
      std::size_t after_sum = after_word;
      const std::optional<model::Quantity> sum = sum_after(after_word, window_end, &after_sum);
      auto recipient = of_at > noun.last ? recipient_in(noun.last, of_at, provider)
                                         : recipient_in(after_sum, std::min(window_end, after_sum + 3), provider);
      // "Mozambique's loan program": a borrower owns its loan; the lender is the clause's subject.
      if (!recipient && owner_before && is(attributes(noun).owner, "recipient")) {
        recipient = roles.front();
        provider = {};
        roles.clear();
      }
      if (generic && !recipient) {  // "Russian assistance in enhancing ...": too vague
        note(noun, "generic aid noun without a type modifier or a recipient: too vague to be a fact");
        continue;
      }
      if (!recipient && !provider.empty()) {
        // "the alleged troop deployment from North Korea": the act told before, named again.
        if (auto id = antecedent_act(types.front().type); id && std::ranges::equal(a_.facts[*id].provider, provider)) {
          hits.push_back({.fact = *id, .first = noun.first, .last = noun.last, .anaphoric = true, .hedged = false});
          continue;
        }
      }
      // "The Asian Development Bank may consider additional budget support": the object of a
      // modal verb is a new act of the clause's subject.
      bool governed = false;
      for_each_cue(tables_.modality, phrase_first > first + 3 ? phrase_first - 3 : first, phrase_first,
                   [&](const Cue& m) { governed |= m.last <= phrase_first; });
      if (provider.empty() && !recipient && governed)
        if (auto subject = subject_before(phrase_first, first)) {
          provider = a_.mentions[*subject].actors;
          roles.push_back(*subject);
        }
      if (provider.empty() && !recipient) {
        // A reference to an act told before: "the troop dispatch", "allegations of troop movement".
        if (generic || indefinite) continue;
        if (auto id = antecedent_act(types.front().type)) hits.push_back({.fact = *id, .first = noun.first, .last = noun.last, .anaphoric = true, .hedged = false});
        continue;
      }
      if (provider.empty()) {
        // "... would contemplate arms assistance to Ukraine": the clause's subject gives it;
        // not when it only judges the aid ("Russia condemned military aid to Ukraine").
        auto subject = subject_before(phrase_first, first);
        if (subject && judged_between(a_.mentions[*subject].last, phrase_first)) {
          note(noun, "the subject before it only judges the aid (stance-verb entry): no provider");
          continue;
        }
        // "Russia denied reports of a delivery of tanks to Kyiv": whose delivery the reports
        // tell, the speaker's words do not say.
        if (subject && reference && claim_between(c, a_.mentions[*subject].last, phrase_first)) {
          note(noun, "a claim stands between the subject and the act: no provider");
          continue;
        }
        if (!subject) continue;
        provider = a_.mentions[*subject].actors;
        roles.push_back(*subject);
      }
      if (recipient) roles.push_back(*recipient);
      bool hedged = false, negated = false;
      Status status = status_from(scope_start(c, phrase_first, first), tail, &hedged, &negated);
      std::optional<model::Quantity> amount = amount_before(phrase_first, tail, first, c);
      if (!amount) amount = sum;
      for (const TypedNoun& tn : types) {
        Fact& f = new_fact();
        f.kind = FactKind::Aid;
        f.provider.assign(provider.begin(), provider.end());
        f.recipient = actors_of(recipient);
        f.aid_type = tn.type;
        f.status = status;
        if (types.size() == 1) f.quantity = amount;
        f.rule = noun.entry->id;
        if (explaining()) {
          f.source = noun.entry->where();
          for (std::size_t k : roles) f.reasons.push_back("role from mention " + describe(k));
          f.reasons.push_back(fmt::format("status {}: {}", model::name(status), status_reason()));
        }
        finish(phrase_first, noun.last, hedged, negated, roles, tail);
      }
    }
  }

  // True when "between" right after an agreement noun ending at `noun_last` names two or more
  // parties ("a ceasefire between Israel and Hamas").
  bool parties_between(std::size_t noun_last, std::size_t last) const {
    for (std::size_t t = noun_last; t + 1 < last && t < noun_last + 6; ++t)
      if (is(toks_[t].norm, "between")) {
        auto m = mention_starting_in(t + 1, std::min(last, t + 3));
        return m && a_.mentions[*m].actors.size() >= 2;
      }
    return false;
  }

  // Appends the sentence's agreements to `hits`.
  void find_agreements(const SentenceCues& c, std::size_t first, std::size_t last, std::vector<ActHit>& hits) {
    for (const Cue& noun : c.agreement_nouns) {
      // "signed a deal brokered by Turkey": the parties' verb wins over the mediator's.
      auto mediates = [&](const Cue& v) { return is(attributes(v).subject, "mediator"); };
      const Cue* verb = nullptr;
      for (const Cue& v : c.agreement_verbs)
        if (((v.last <= noun.first && noun.first - v.last <= 6) || (v.first >= noun.last && v.first - noun.last <= 2)) &&
            !(verb && mediates(v) && !mediates(*verb)))
          verb = &v;
      if (!verb) {
        note(noun, "agreement noun without an agreement verb (signed, reached, ...) within four words");
        continue;
      }
      auto type = parse_agreement_type(attributes(noun).type);
      for (const Cue& m : c.agreement_modifiers)
        if (m.last <= noun.first && noun.first - m.last <= 2) type = parse_agreement_type(attributes(m).type);
      // "a deal for a cease-fire", "an agreement on a truce": the type follows the noun.
      if (type == model::AgreementType::Other)
        for (const Cue& other : c.agreement_nouns)
          if (other.first > noun.last && other.first <= noun.last + 3 && !is(attributes(other).type, "Other"))
            type = parse_agreement_type(attributes(other).type);
      // "an agreement to expand military cooperation", "a deal on trade": what it is about
      // follows; after "to", a verb and its adverbs or adjectives may come first ("an MoU to
      // further enhance bilateral defence cooperation").
      if (type == model::AgreementType::Other) {
        const std::size_t reach = noun.last + (noun.last < last && is(toks_[noun.last].norm, "to") ? 6 : 3);
        for (const Cue& m : c.agreement_modifiers)
          if (m.first >= noun.last && m.first <= reach &&
              std::none_of(toks_.begin() + static_cast<std::ptrdiff_t>(noun.last), toks_.begin() + static_cast<std::ptrdiff_t>(m.first),
                           [](const Token& t) { return t.norm == ","sv || is_clause_break(t.norm); })) {
            type = parse_agreement_type(attributes(m).type);
            break;
          }
      }
      // "the Agreement between Romania and Portugal on defense cooperation": after its parties.
      for (std::size_t t = noun.last; type == model::AgreementType::Other && t + 1 < last && t < noun.last + 20; ++t) {
        if (is_clause_break(toks_[t].norm) || is(toks_[t].norm, ",")) break;
        if (!one_of(toks_[t].norm, "on", "for")) continue;
        for (const Cue& m : c.agreement_modifiers)
          if (m.first == t + 1) type = parse_agreement_type(attributes(m).type);
      }
      std::vector<std::string> parties;
      std::vector<std::size_t> roles;
      auto add_party = [&](std::size_t k) {
        roles.push_back(k);
        for (const auto& id : a_.mentions[k].actors)
          if (std::find(parties.begin(), parties.end(), id) == parties.end()) parties.push_back(id);
      };
      const std::size_t verb_first = std::min(verb->first, noun.first);
      // "Qatar brokered a truce between Israel and Hamas": the mediator is no party; nor is who
      // "announced a ceasefire between Israel and Hamas": two or more named after "between" are
      // all the parties.
      const bool mediated = mediates(*verb) || parties_between(noun.last, last);
      if (!mediated)
        if (auto subject = subject_before(verb_first, first)) add_party(*subject);
      for (std::size_t t = noun.last; t + 1 < last && t < noun.last + 6; ++t)
        if (one_of(toks_[t].norm, "with", "between", "and"))
          if (auto m = mention_starting_in(t + 1, std::min(last, t + 3))) add_party(*m);
      if (parties.size() < 2 && !mediated)
        for (std::size_t t = verb->last; t + 1 < last && t < verb->last + 12; ++t)
          if (one_of(toks_[t].norm, "by", "from"))
            if (auto m = mention_starting_in(t + 1, std::min(last, t + 4))) add_party(*m);
      // "Warsaw planned to sign the contract": the agreement told before, with its parties.
      if (parties.size() == 1 && noun.first > first &&
          one_of(toks_[noun.first - 1].norm, "the", "this", "that"))
        for (FactId id = a_.facts.size(); id-- > 0;) {
          const Fact& g = a_.facts[id];
          if (g.kind != FactKind::Agreement || !same_side(g.party, parties)) continue;
          for (const auto& p : g.party)
            if (!same_side(std::span(&p, 1), parties)) parties.push_back(p);
          if (type == model::AgreementType::Other && g.agreement_type) type = *g.agreement_type;
          break;
        }
      if (parties.size() < 2) {
        note(noun, "agreement with fewer than two parties found ({})", parties.size());
        continue;
      }
      Fact& f = new_fact();
      f.kind = FactKind::Agreement;
      if (explaining())
        for (std::size_t k : roles) f.reasons.push_back("party from mention " + describe(k));
      f.party = std::move(parties);
      f.agreement_type = type;
      f.status = parse_status(attributes(*verb).status).value_or(Status::Actual);
      Status modal = status_from(scope_start(c, verb_first, first), verb_first, nullptr);
      if (modal != Status::Actual && modal != Status::Alleged) f.status = modal;
      std::size_t ev_first = verb_first, ev_last = std::max(noun.last, verb->last);
      for (std::size_t k : roles) {
        ev_first = std::min(ev_first, a_.mentions[k].first);
        ev_last = std::max(ev_last, a_.mentions[k].last);
      }
      f.date = date_near(noun.first, first, last);
      for (const TimeExpression& t : a_.times)
        if (t.first >= ev_last && t.first <= ev_last + 2) ev_last = t.last;
      f.evidence.push_back(span(ev_first, ev_last));
      f.trigger = doc_.span(noun.first, noun.last);
      f.rule = concat({verb->entry->id, "+", noun.entry->id});
      if (explaining()) {
        f.source = noun.entry->where();
        f.reasons.push_back(
            fmt::format("status {}: verb '{}' ({})", model::name(*f.status), doc_.text_of(verb->first, verb->last), verb->entry->id));
      }
      note(noun, "fact: Agreement ({})", f.rule);
      const FactId id = add_act();
      hits.push_back({.fact = id, .first = noun.first, .last = noun.last, .anaphoric = false, .hedged = false});
    }
  }

  // ------------------------------------------------------------------ claims
  // The first allegation met (from the first fact on, or from the latest back) that `fits`, or
  // sooner the first that is also `preferred`.
  template <typename Fits, typename Preferred>
  std::optional<FactId> pick_allegation(bool latest_first, Fits fits, Preferred preferred) const {
    std::optional<FactId> pick;
    const std::size_t n = a_.facts.size();
    for (std::size_t k = 0; k < n; ++k) {
      const FactId id = latest_first ? n - 1 - k : k;
      const Fact& f = a_.facts[id];
      if (f.kind != FactKind::Allegation || !fits(f)) continue;
      if (!pick) pick = id;
      if (preferred(f)) return id;
    }
    return pick;
  }


  // "of violating a truce": a clause naming an agreement is about the latest one told before.
  std::optional<FactId> agreement_named_in(std::size_t first, std::size_t last) const {
    if (!has_cue(tables_.agreement_noun, first, last)) return std::nullopt;
    for (FactId id = a_.facts.size(); id-- > 0;)
      if (a_.facts[id].kind == FactKind::Agreement) return id;
    return std::nullopt;
  }

  // An act of no kind newskg knows, told in the text's words (tokens [first, last) of the
  // claim `f`'s complement; `description_first`: where its description starts). Returns its id.
  FactId add_other_act(const ClaimFrame& f, std::size_t first, std::size_t last, std::size_t description_first, Status status,
                       std::optional<model::Date> date) {
    Fact& act = new_fact();
    act.kind = FactKind::OtherAct;
    act.description = std::string(doc_.text_of(description_first, last));
    act.status = status;
    act.evidence.push_back(span(first, last));
    act.rule = "act.other";
    if (explaining()) act.source = f.trigger.entry->where();
    act.date = std::move(date);
    return a_.facts.size() - 1;
  }

  // The latest allegation against the one who answers it, else the latest one.
  std::optional<FactId> latest_allegation_against(std::span<const std::string> answerer) const {
    return pick_allegation(true, [](const Fact&) { return true; }, [&](const Fact& f) {
      std::span<const std::string> accused = f.accused;
      if (accused.empty() && f.about && a_.facts[*f.about].kind == FactKind::Aid) accused = a_.facts[*f.about].provider;
      return !answerer.empty() && same_side(answerer, accused);
    });
  }

  // "Belarus is training Russian troops, which Minsk denies": a speaker right after ", which"
  // answers the clause before the comma. Returns where that clause ends.
  std::optional<std::size_t> which_clause_end(const ClaimFrame& f, std::size_t first) const {
    if (!f.claimant_mention) return std::nullopt;
    const std::size_t speaker = a_.mentions[*f.claimant_mention].first;
    if (speaker < first + 3 || !is(toks_[speaker - 1].norm, "which") || !is(toks_[speaker - 2].norm, ",")) return std::nullopt;
    return speaker - 2;
  }

  // "a claim China rejected as groundless", "accusations that Iran dismissed": a claim noun
  // right before the speaker (a relative clause) is what the speaker answers.
  bool claim_noun_before_speaker(const SentenceCues& c, const ClaimFrame& f, std::size_t first) const {
    if (!f.claimant_mention) return false;
    std::size_t before = a_.mentions[*f.claimant_mention].first;
    if (before > first && one_of(toks_[before - 1].norm, "which", "that")) --before;
    return std::any_of(c.claim_nouns.begin(), c.claim_nouns.end(), [&](const Cue& n) { return n.last == before; });
  }

  // What a claim noun points at: "claims regarding the troop dispatch" (the acts named),
  // "South Korea's assertions" (that actor's first allegation), "these allegations" (the
  // latest allegation).
  std::vector<FactId> claim_noun_targets(const Cue& noun, const std::vector<ActHit>& acts, std::size_t last,
                                         std::vector<bool>* is_allegation, std::span<const std::string> denier = {}) const {
    std::vector<FactId> out;
    std::size_t t = noun.last;
    if (t < last) {
      const std::string_view n = toks_[t].norm;
      if (one_of(n, "of", "about", "regarding", "that", "over", "on", "concerning", "involving")) {
        std::size_t end = std::min(last, t + 14);
        for (std::size_t k = t + 1; k < end; ++k)
          if (one_of(toks_[k].norm, ";", ".") || (k > t + 1 && tables_.claim_noun.longest_at(token_ids_, k, k + 1))) end = k;
        for (const ActHit& h : acts)
          if (h.first > t && h.first < end && std::find(out.begin(), out.end(), h.fact) == out.end()) {
            out.push_back(h.fact);
            is_allegation->push_back(false);
          }
        if (!out.empty()) return out;
      }
    }
    // A possessor: "South Korea's assertions", "Western claims".
    std::size_t p = noun.first;
    while (p > 0 && toks_[p - 1].is_word && !toks_[p - 1].capitalized && a_.mention_at[p - 1] < 0 && noun.first - p < 2 &&
           !one_of(toks_[p - 1].norm, "the", "these", "those"))
      --p;
    if (p > 0 && is(toks_[p - 1].norm, "'s")) --p;
    for (const ActorMention& m : a_.mentions) {
      if (m.last != p || m.first >= p) continue;
      // Their first allegation about aid or an agreement, else their first allegation.
      std::optional<FactId> any = pick_allegation(
          false, [&](const Fact& f) { return !f.claimant.empty() && same_side(f.claimant, m.actors); },
          [&](const Fact& f) { return f.about && a_.facts[*f.about].kind != FactKind::OtherAct; });
      if (any) {
        out.push_back(*any);
        is_allegation->push_back(true);
        return out;
      }
    }
    if (noun.first > 0) {
      const std::string_view d = toks_[noun.first - 1].norm;
      if (one_of(d, "these", "those", "the", "such", "this", "that", "their")) {
        if (std::optional<FactId> latest = latest_allegation_against(denier)) {
          out.push_back(*latest);
          is_allegation->push_back(true);
          return out;
        }
      }
    }
    return out;
  }

  void add_claim(FactKind kind, const ClaimFrame& f, FactId target, bool target_is_claim, std::size_t first, std::size_t last) {
    Fact& claim = new_fact();
    const Fact& about = a_.facts[target];
    claim.kind = kind;
    claim.claimant.assign(f.claimant.begin(), f.claimant.end());
    if (!f.accused.empty()) claim.accused.assign(f.accused.begin(), f.accused.end());
    else if (target_is_claim) claim.accused = about.accused;
    else claim.accused = about.provider;
    claim.about = target;
    std::size_t ev_first = std::min(f.trigger.first, f.complement_first);
    if (f.claimant_mention) ev_first = std::min(ev_first, a_.mentions[*f.claimant_mention].first);
    std::size_t ev_last = std::max(f.complement_last, f.trigger.last);
    while (ev_last > ev_first + 1 && one_of(toks_[ev_last - 1].norm, ".", "\"")) --ev_last;
    claim.evidence.push_back(span(ev_first, ev_last));
    claim.trigger = doc_.span(f.trigger.first, f.trigger.last);
    claim.rule = f.trigger.entry->id;
    if (explaining()) {
      claim.source = f.trigger.entry->where();
      if (f.claimant_mention) claim.reasons.push_back("claimant from mention " + describe(*f.claimant_mention));
      else claim.reasons.push_back("no claimant: the text attributes the claim to nobody");
      claim.reasons.push_back(fmt::format("about {} '{}' ({})", model::name(about.kind),
                                          about.evidence.empty() ? std::string() : about.evidence.front().anchor, about.rule));
    }
    claim.date = date_near(f.trigger.first, first, last);
    set_codes(claim);
    // The same claim again ("Lavrov dismissed such allegations ... 'these allegations are
    // false'"): one fact with both spans as evidence.
    const std::uint64_t hash = claim_hash(claim);
    if (std::optional<FactId> earlier = earlier_claim(claim, hash)) {
      merge_evidence(*earlier, claim.evidence);
      a_.facts.pop_back();
      return;
    }
    note(f.trigger, "fact: {} ({})", model::name(claim.kind), claim.rule);
    keep_claim(hash);
  }

  void make_claims(const ClaimFrame& f, const SentenceCues& c, const std::vector<ActHit>& acts, std::size_t first, std::size_t last,
                   std::set<FactId>& claimed) {
    if (f.negated || f.conditional) {
      note(f.trigger, "{}", f.negated ? "claim verb under a negation ('have not yet verified'): no claim is made"
                                      : "conditional ('if true'): no claim is made");
      return;
    }
    const std::size_t facts_before = a_.facts.size();
    struct Summary {
      const FrameFinder& self;
      const ClaimFrame& frame;
      std::size_t before;
      ~Summary() {
        if (self.a_.facts.size() == before)
          self.note(frame.trigger, "{}", frame.claimant.empty() ? "claim verb without a claimant and nothing alleged: no fact"
                                                                : "claim verb, but its complement reports no act of another actor, no claim noun and no clause to answer: no fact");
      }
    } summary{*this, f, facts_before};
    // The acts told in the claim's complement.
    const auto inside = [&](const ActHit& h) { return h.first >= f.complement_first && h.first < f.complement_last; };
    auto claim_nouns_inside = [&] {
      std::vector<FactId> targets;
      std::vector<bool> is_claim;
      for (const Cue& n : c.claim_nouns)
        if (n.first >= f.complement_first && n.first < f.complement_last) {
          std::vector<bool> flags;
          const std::vector<FactId> ids = claim_noun_targets(n, acts, f.complement_last, &flags, f.claimant);
          // One claim answered is one fact, even when it names several acts ("claims regarding
          // the troop dispatch and the transfer of weapons"): it is about the last one named.
          if (ids.empty() || std::find(targets.begin(), targets.end(), ids.back()) != targets.end()) continue;
          targets.push_back(ids.back());
          is_claim.push_back(flags.back());
        }
      return std::make_pair(std::move(targets), std::move(is_claim));
    };

    if (f.kind == ClaimKind::Denial || f.kind == ClaimKind::Confirmation) {
      const FactKind kind = f.kind == ClaimKind::Denial ? FactKind::Denial : FactKind::Confirmation;
      auto [targets, is_claim] = claim_nouns_inside();
      if (targets.empty()) {
        for (const ActHit& h : acts) {
          if (!inside(h)) continue;
          Fact& act = a_.facts[h.fact];
          if (kind == FactKind::Confirmation && !f.claimant.empty() && !act.provider.empty() && !same_side(f.claimant, act.provider) &&
              !same_side(f.claimant, act.recipient) && !h.anaphoric) {
            // "the agency verified that North Korea had dispatched ...": an allegation.
            add_claim(FactKind::Allegation, f, h.fact, false, first, last);
            a_.facts.back().rule = concat({f.trigger.entry->id, ".allegation"});
            claimed.insert(h.fact);
            continue;
          }
          // Denied by its provider, or told only inside the denial ("The Kremlin denied that
          // North Korean soldiers were fighting"): the text does not report the act as fact.
          if (kind == FactKind::Denial && !h.anaphoric && (same_side(f.claimant, act.provider) || act.status == Status::Actual))
            set_status(h.fact, Status::Denied);
          targets.push_back(h.fact);
          is_claim.push_back(false);
        }
      }
      if (f.claimant.empty()) return;
      if (targets.empty() && claim_noun_before_speaker(c, f, first))
        if (std::optional<FactId> answered = latest_allegation_against(f.claimant)) {
          targets.push_back(*answered);
          is_claim.push_back(true);
        }
      // "Belarus is training Russian troops, which Minsk denies": the acts of the clause before.
      if (targets.empty())
        if (const std::optional<std::size_t> end = which_clause_end(f, first))
          for (const ActHit& h : acts) {
            if (h.first >= *end || h.anaphoric) continue;
            const Fact& act = a_.facts[h.fact];
            if (kind == FactKind::Denial && (same_side(f.claimant, act.provider) || act.status == Status::Actual))
              set_status(h.fact, Status::Denied);
            targets.push_back(h.fact);
            is_claim.push_back(false);
          }
      if (targets.empty() && kind == FactKind::Denial) {
        // "denied that Belgrade had any role in the attack", "denied any unusual buildup":
        // the denied act is the clause itself; its subject is the accused, else the denier.
        std::size_t d_first = f.complement_first;
        if (d_first < f.complement_last && is(toks_[d_first].norm, "that")) ++d_first;
        std::size_t d_last = f.complement_last;
        for (std::size_t k = d_first; k < d_last; ++k)
          if (one_of(toks_[k].norm, ";", ",") || is_clause_break(toks_[k].norm)) d_last = k;
        while (d_last > d_first && !toks_[d_last - 1].is_word && !toks_[d_last - 1].is_number) --d_last;
        if (d_last < d_first + 2) return;  // also an empty complement (last before first)
        ClaimFrame g = f;
        if (auto subject = subject_before(d_last, d_first); subject && a_.mentions[*subject].first == d_first)
          g.accused = a_.mentions[*subject].actors;
        else
          g.accused = f.claimant;
        add_claim(kind, g, add_other_act(f, d_first, d_last, d_first, Status::Denied, std::nullopt), false, first, last);
        return;
      }
      for (std::size_t k = 0; k < targets.size(); ++k) {
        add_claim(kind, f, targets[k], is_claim[k], first, last);
        claimed.insert(targets[k]);
      }
      return;
    }
    // Report and Allegation: a claim that someone else did something.
    bool made = false;
    for (const ActHit& h : acts) {
      if (!inside(h) || h.anaphoric) continue;
      const Fact& act = a_.facts[h.fact];
      if (act.kind != FactKind::Aid && act.kind != FactKind::Agreement) continue;
      // Who did it: a view of the act's own list (a_.facts does not change before it is read), or
      // of that list and its recipient.
      std::span<const std::string> doers = act.kind == FactKind::Aid ? act.provider : act.party;
      std::vector<std::string> doers_and_recipient;
      if (act.kind == FactKind::Aid && (h.recipient_agent || h.negated)) {
        doers_and_recipient.assign(doers.begin(), doers.end());
        doers_and_recipient.insert(doers_and_recipient.end(), act.recipient.begin(), act.recipient.end());
        doers = doers_and_recipient;
      }
      if (f.claimant.empty() && f.kind == ClaimKind::Report) continue;
      // Whether a report of the act accuses its doers, asked only of reports.
      const auto accusable = [&] {
        // Nobody "alleges" a pledge of humanitarian or financial aid: a report of it is news. But
        // support of an armed group ("Rwanda has supported the M23") is what one is accused of.
        const bool to_armed_group = std::any_of(act.recipient.begin(), act.recipient.end(), [&](const std::string& id) {
          const model::Actor* a = a_.actor(id);
          return a && a->type == model::ActorType::ArmedGroup;
        });
        // A pact is what one is accused of ("signed a secret arms deal, officials said"); a
        // ceasefire, peace, trade or cooperation deal a mediator reports is news.
        const bool accusable_pact = act.kind == FactKind::Agreement &&
                                    (!act.agreement_type || *act.agreement_type == model::AgreementType::Defense ||
                                     *act.agreement_type == model::AgreementType::Other);
        return accusable_pact || (act.aid_type && family(*act.aid_type, AidType::Military)) ||
               (act.aid_type == AidType::Other && to_armed_group);
      };
      if (!f.claimant.empty() && same_side(f.claimant, doers)) {
        // "Tehran had never supplied arms to any Yemeni party": the speaker denies its own act.
        if (h.negated && act.kind == FactKind::Aid) {
          set_status(h.fact, Status::Denied);
          add_claim(FactKind::Denial, f, h.fact, false, first, last);
          a_.facts.back().rule = concat({f.trigger.entry->id, ".negated"});
          claimed.insert(h.fact);
          made = true;
        }
        continue;
      }
      if (f.kind == ClaimKind::Report && (!accusable() || h.warned_against)) continue;
      add_claim(FactKind::Allegation, f, h.fact, false, first, last);
      claimed.insert(h.fact);
      made = true;
    }
    if (f.kind != ClaimKind::Allegation || made) {
      if (f.kind != ClaimKind::Allegation || (f.accused.empty() && !f.reciprocal)) return;
    }
    if (f.kind == ClaimKind::Allegation && f.accused.empty() && !f.reciprocal) {
      // "claimed that Israel had violated the ceasefire": the clause's subject is accused of
      // the clause (or of breaking the agreement it names).
      std::size_t d_first = f.complement_first;
      if (d_first < f.complement_last && is(toks_[d_first].norm, "that")) ++d_first;
      auto subject = mention_starting_in(d_first, std::min(f.complement_last, d_first + 2));
      if (!subject || same_side(a_.mentions[*subject].actors, f.claimant)) return;
      std::size_t d_last = f.complement_last;
      while (d_last > d_first && !toks_[d_last - 1].is_word && !toks_[d_last - 1].is_number) --d_last;
      ClaimFrame g = f;
      g.accused = a_.mentions[*subject].actors;
      std::optional<FactId> target = agreement_named_in(d_first, d_last);
      if (!target)
        target = add_other_act(f, d_first, d_last, a_.mentions[*subject].last, Status::Alleged, date_near(d_first, first, last));
      add_claim(FactKind::Allegation, g, *target, false, first, last);
      return;
    }
    // "accused Serbia of planning the attack and of arming the assailants": each "of" clause
    // that names no aid or agreement is an act of its own, told in the text's words.
    std::size_t t = f.accused_end;
    while (t < f.complement_last && !one_of(toks_[t].norm, "of", "for") && t < f.accused_end + 8) ++t;
    if (t >= f.complement_last || !one_of(toks_[t].norm, "of", "for")) return;
    std::vector<std::pair<std::size_t, std::size_t>> clauses;
    std::size_t clause_first = t + 1;
    for (std::size_t k = t + 1; k + 1 < f.complement_last; ++k)
      if (is(toks_[k].norm, "and") && one_of(toks_[k + 1].norm, "of", "for")) {
        clauses.push_back({clause_first, k});
        clause_first = k + 2;
      }
    clauses.push_back({clause_first, f.complement_last});
    auto accuse = [&](FactId about) {
      if (!f.reciprocal || !f.claimant_mention || a_.mentions[*f.claimant_mention].parts.size() < 2) {
        if (!f.reciprocal) add_claim(FactKind::Allegation, f, about, false, first, last);
        return;
      }
      // "A and B accused each other of ...": one allegation each way.
      const ActorMention& both = a_.mentions[*f.claimant_mention];
      for (std::size_t part : both.parts) {
        ClaimFrame one = f;
        one.claimant = a_.mentions[part].actors;
        std::vector<std::string> others;
        for (std::size_t other : both.parts)
          if (other != part) others.insert(others.end(), a_.mentions[other].actors.begin(), a_.mentions[other].actors.end());
        one.accused = others;
        add_claim(FactKind::Allegation, one, about, false, first, last);
      }
    };
    for (const auto& clause : clauses) {
      std::size_t d_first = clause.first, d_last = clause.second;  // plain names: lambdas capture them
      auto named = std::find_if(acts.begin(), acts.end(), [&](const ActHit& h) { return !h.anaphoric && h.first >= d_first && h.first < d_last; });
      if (named != acts.end()) {
        // "accused each other of breaching a ceasefire that was agreed by the two sides": a
        // party accused about its own agreement is accused of breaking it.
        const Fact& act = a_.facts[named->fact];
        if (act.kind == FactKind::Agreement && (f.reciprocal || same_side(f.claimant, act.party))) accuse(named->fact);
        continue;
      }
      while (d_first < d_last && (one_word_cue(tables_.hedge, d_first) || is(toks_[d_first].norm, "\""))) ++d_first;
      for (std::size_t k = d_first; k < d_last; ++k)
        if (is(toks_[k].norm, ";") || (is(toks_[k].norm, ",") && k - d_first > 12)) d_last = k;
      while (d_last > d_first && !toks_[d_last - 1].is_word && !toks_[d_last - 1].is_number) --d_last;
      if (d_last <= d_first) continue;
      if (std::optional<FactId> agreement = agreement_named_in(d_first, d_last)) {
        accuse(*agreement);
        continue;
      }
      accuse(add_other_act(f, d_first, d_last, d_first, Status::Alleged, date_near(d_first, first, last)));
    }
  }

  // "labeling them as baseless rumors": a denial without a denial verb.
  void denial_by_cue(const SentenceCues& c, const std::vector<ClaimFrame>& frames, const std::vector<ActHit>& acts, std::size_t first,
                     std::size_t last) {
    if (c.denial_cues.empty() || c.claim_nouns.empty()) return;
    ClaimFrame f;
    f.trigger = c.denial_cues.front();
    f.kind = ClaimKind::Denial;
    if (!frames.empty() && !frames.front().claimant.empty()) {
      f.claimant = frames.front().claimant;
      f.claimant_mention = frames.front().claimant_mention;
    } else if (auto s = subject_before(c.claim_nouns.front().first, first)) {
      f.claimant = a_.mentions[*s].actors;
      f.claimant_mention = s;
    }
    if (f.claimant.empty()) return;
    f.complement_first = first;
    f.complement_last = last;
    std::vector<FactId> done;
    for (const Cue& n : c.claim_nouns) {
      std::vector<bool> flags;
      std::vector<FactId> targets = claim_noun_targets(n, acts, last, &flags, f.claimant);
      for (std::size_t k = 0; k < targets.size(); ++k) {
        if (std::find(done.begin(), done.end(), targets[k]) != done.end()) continue;
        done.push_back(targets[k]);
        add_claim(FactKind::Denial, f, targets[k], flags[k], first, last);
        a_.facts.back().rule = f.trigger.entry->id;
      }
    }
  }

  Analysis& a_;
  const Document& doc_;
  const std::vector<Token>& toks_;
  const TokenIds& token_ids_;
  const LexiconTables& tables_;
  const std::vector<std::uint16_t>& code_rows_ = code_rows(tables_);  // after tables_, which it reads
  // The indexes of SentenceCues' lists; and those that status_from() reads.
  const IndexChains<SentenceCues::kLists> sentence_indexes_{SentenceCues::indexes(tables_)};
  const IndexChains<3> status_indexes_{{&tables_.modality, &tables_.hedge, &tables_.negation}};
  mutable std::array<std::vector<Cue>, 3> status_cues_;  // status_from()'s lists, kept for their room
};

}  // namespace

void find_frames(Analysis& a) { FrameFinder(a).run(); }

}  // namespace newskg
