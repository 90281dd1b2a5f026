#include "phrase_index.hpp"

#include <algorithm>
#include <bit>

namespace newskg {

std::uint64_t Vocabulary::hash(std::string_view norm) {
  // FNV-1a: norms are short, and a few multiplications beat a general-purpose hash there.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : norm) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// The slot holding `norm`, or the empty slot where it would go.
std::size_t Vocabulary::slot_of(std::string_view norm, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = h & mask;; s = (s + 1) & mask) {
    const Id id = slots_[s];
    if (id == kUnknown || (hashes_[id] == h && norms_[id] == norm)) return s;
  }
}

Vocabulary::Id Vocabulary::add(std::string_view norm) {
  const std::uint64_t h = hash(norm);
  if (!slots_.empty()) {
    const Id found = slots_[slot_of(norm, h)];
    if (found != kUnknown) return found;
  }
  const Id id = static_cast<Id>(norms_.size());
  norms_.emplace_back(norm);
  hashes_.push_back(h);
  starts_.push_back(0);
  // At most half full, so that probes stay short.
  if (slots_.size() < 2 * norms_.size()) {
    slots_.assign(std::bit_ceil(std::max<std::size_t>(64, 4 * norms_.size())), kUnknown);
    for (Id k = 0; k < id; ++k) slots_[slot_of(norms_[k], hashes_[k])] = k;
  }
  slots_[slot_of(norm, h)] = id;
  return id;
}

Vocabulary::Id Vocabulary::find(std::string_view norm) const {
  if (slots_.empty()) return kUnknown;
  return slots_[slot_of(norm, hash(norm))];
}

Vocabulary::Indexes Vocabulary::new_index() {
  constexpr int kBits = std::numeric_limits<Indexes>::digits;
  return Indexes{1} << std::min(indexes_++, kBits - 1);
}

TokenIds::TokenIds(const Document& doc, const Vocabulary& vocabulary) : tokens(doc.tokens()) {
  ids.reserve(tokens.size());
  starts.reserve(tokens.size());
  for (const Token& t : tokens) {
    ids.push_back(vocabulary.find(t.norm));
    starts.push_back(vocabulary.starts(ids.back()));
  }
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
