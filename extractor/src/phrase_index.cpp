#include "phrase_index.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace newskg {

namespace {

static_assert(std::endian::native == std::endian::little, "a norm's words are read little-endian");

// Up to eight bytes from p as one word, zeros beyond them: two overlapping loads of four bytes
// (or three single bytes), as a norm given to add() or find() may end anywhere in its buffer
// and nothing after it may be read.
[[gnu::always_inline]] inline std::uint64_t load_word(const char* p, std::size_t n) {
  if (n >= 4) {
    std::uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    return first | std::uint64_t{last} << (8 * (n - 4));
  }
  if (n == 0) return 0;
  const auto byte = [p](std::size_t k) { return std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k); };
  return byte(0) | byte(n / 2) | byte(n - 1);
}

// Whether two norms of the same length agree past their first eight bytes. Out of line: few
// norms are that long, and the table's lookup is inlined into the loop over a document's tokens.
[[gnu::noinline]] bool same_beyond_head(const char* a, const char* b, std::size_t size) {
  return std::memcmp(a + 8, b + 8, size - 8) == 0;
}

// A multiplicative hash, a word at a time: its top bits, which every bit of the norm reaches,
// choose the slot.
constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;

}  // namespace

// Inlined, as slot_of() is, into the loop over a document's tokens.
[[gnu::always_inline]] inline Vocabulary::Key::Key(std::string_view norm, std::uint64_t head)
    : norm(norm), head(head), hash((head ^ norm.size()) * kMultiplier) {}

[[gnu::always_inline]] inline Vocabulary::Key::Key(std::string_view norm)
    : Key(norm, load_word(norm.data(), std::min<std::size_t>(norm.size(), 8))) {
  for (std::size_t at = 8; at < norm.size(); at += 8)
    hash = (hash ^ load_word(norm.data() + at, std::min<std::size_t>(norm.size() - at, 8))) * kMultiplier;
}

// The same key, a short norm's head read as eight bytes and those past the norm masked off: one
// load, where load_word() takes two or three.
[[gnu::always_inline]] inline Vocabulary::Key Vocabulary::Key::of_token(std::string_view norm) {
  static_assert(kNormPadding >= 8);
  if (norm.size() >= 8) return Key(norm);
  std::uint64_t eight;
  std::memcpy(&eight, norm.data(), 8);
  return Key(norm, eight & ((std::uint64_t{1} << (8 * norm.size())) - 1));
}

// The slot holding `key`'s norm, or the empty slot where it would go.
[[gnu::always_inline]] inline std::size_t Vocabulary::slot_of(const Key& key) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = key.hash >> slot_shift_;; s = (s + 1) & mask) {
    const Id id = slots_[s];
    if (id == kUnknown) return s;
    const Entry& e = entries_[id];
    if (e.hash == key.hash && e.head == key.head && e.size == key.norm.size() &&
        (key.norm.size() <= 8 || same_beyond_head(norms_[id].data(), key.norm.data(), key.norm.size())))
      return s;
  }
}

Vocabulary::Id Vocabulary::add(std::string_view norm) {
  const Key key(norm);
  if (!slots_.empty()) {
    const Id found = slots_[slot_of(key)];
    if (found != kUnknown) return found;
  }
  const Id id = static_cast<Id>(norms_.size());
  norms_.emplace_back(norm);
  entries_.push_back({key.hash, key.head, norm.size(), 0});
  // At most half full, so that probes stay short.
  if (slots_.size() < 2 * norms_.size()) {
    const std::size_t size = std::bit_ceil(std::max<std::size_t>(64, 4 * norms_.size()));
    slots_.assign(size, kUnknown);
    slot_shift_ = 64 - std::countr_zero(size);
    for (Id k = 0; k < id; ++k) slots_[slot_of(Key(norms_[k]))] = k;
  }
  slots_[slot_of(key)] = id;
  return id;
}

Vocabulary::Id Vocabulary::find(std::string_view norm) const {
  if (slots_.empty()) return kUnknown;
  return slots_[slot_of(Key(norm))];
}

void Vocabulary::look_up(const std::vector<Token>& tokens, std::vector<Id>& ids, std::vector<Indexes>& starts) const {
  if (slots_.empty()) {
    ids.assign(tokens.size(), kUnknown);
    starts.assign(tokens.size(), 0);
    return;
  }
  ids.resize(tokens.size());
  starts.assign(tokens.size(), 0);
  // Written through pointers of their own, which the compiler keeps in registers.
  Id* const id_of = ids.data();
  Indexes* const starts_of = starts.data();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Id id = slots_[slot_of(Key::of_token(tokens[i].norm))];
    id_of[i] = id;
    if (id != kUnknown) starts_of[i] = entries_[id].starts;
  }
}

Vocabulary::Indexes Vocabulary::new_index() {
  constexpr int kBits = std::numeric_limits<Indexes>::digits;
  return Indexes{1} << std::min(indexes_++, kBits - 1);
}

TokenIds::TokenIds(const Document& doc, const Vocabulary& vocabulary) : tokens(doc.tokens()) {
  vocabulary.look_up(tokens, ids, starts);
}

void PhraseIndex::add(std::string_view phrase, std::size_t payload, const Abbreviations& abbreviations, Vocabulary& vocabulary,
                      bool case_sensitive) {
  model::DocumentInfo info;
  info.text = std::string(phrase);
  Document doc(std::move(info), abbreviations);
  if (doc.tokens().empty()) return;
  if (!self_) self_ = vocabulary.new_index();
  const Vocabulary::Id first = vocabulary.add(doc.tokens().front().norm);
  vocabulary.add_start(first, self_);
  if (root_of_.size() <= first) root_of_.resize(first + 1, kNoNode);
  if (root_of_[first] == kNoNode) {
    root_of_[first] = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
  }
  std::uint32_t node = root_of_[first];
  for (std::size_t k = 1; k < doc.tokens().size(); ++k) {
    const Vocabulary::Id id = vocabulary.add(doc.tokens()[k].norm);
    if (continuations_.size() <= id / kBitsPerWord) continuations_.resize(id / kBitsPerWord + 1);
    continuations_[id / kBitsPerWord] |= std::uint64_t{1} << (id % kBitsPerWord);
    std::uint32_t next = child(node, id);
    if (next == kNoNode) {
      next = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back().parent = node;
      nodes_[node].children.emplace_back(id, next);
    }
    node = next;
  }
  Phrase p;
  p.capitalized = static_cast<std::uint32_t>(capitalized_.size());
  p.case_sensitive = case_sensitive;
  p.payload = payload;
  if (case_sensitive)
    for (const Token& t : doc.tokens()) capitalized_.push_back(t.capitalized);
  Node& n = nodes_[node];
  if (n.ends_phrase) {
    n.more_phrases.push_back(p);
  } else {
    n.first_phrase = p;
    n.ends_phrase = true;
  }
}

std::uint32_t PhraseIndex::child(std::uint32_t node, Vocabulary::Id id) const {
  for (const auto& [next_id, next] : nodes_[node].children)
    if (next_id == id) return next;
  return kNoNode;
}

bool PhraseIndex::fits(const Phrase& p, const TokenIds& doc, std::size_t i, std::size_t end) const {
  if (!p.case_sensitive) return true;
  for (std::size_t k = 0; i + k < end; ++k)
    if (doc.tokens[i + k].capitalized != static_cast<bool>(capitalized_[p.capitalized + k])) return false;
  return true;
}

std::optional<PhraseMatch> PhraseIndex::longest_starting(const TokenIds& doc, std::size_t i, std::size_t limit) const {
  const Vocabulary::Id first = doc.ids[i];
  if (first >= root_of_.size() || root_of_[first] == kNoNode) return std::nullopt;
  // Down the trie as far as the tokens lead, then back up to the deepest phrase that fits.
  std::uint32_t node = root_of_[first];
  std::size_t end = i + 1;
  while (end < limit && continues_a_phrase(doc.ids[end]) && !nodes_[node].children.empty()) {
    const std::uint32_t next = child(node, doc.ids[end]);
    if (next == kNoNode) break;
    node = next;
    ++end;
  }
  for (; node != kNoNode; node = nodes_[node].parent, --end) {
    const Node& n = nodes_[node];
    if (!n.ends_phrase) continue;
    if (fits(n.first_phrase, doc, i, end)) return PhraseMatch{i, end, n.first_phrase.payload};
    for (const Phrase& p : n.more_phrases)
      if (fits(p, doc, i, end)) return PhraseMatch{i, end, p.payload};
  }
  return std::nullopt;
}

std::vector<PhraseMatch> PhraseIndex::find_all(const TokenIds& doc, std::size_t first, std::size_t last) const {
  std::vector<PhraseMatch> out;
  for (std::size_t i = first; i < last;) {
    if (auto m = longest_at(doc, i, last)) {
      out.push_back(*m);
      i = m->last;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace newskg
