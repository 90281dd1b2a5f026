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
  Phrase p;
  p.case_sensitive = case_sensitive;
  p.payload = payload;
  p.offset = static_cast<std::uint32_t>(ids_.size());
  p.length = static_cast<std::uint32_t>(doc.tokens().size());
  for (const Token& t : doc.tokens()) {
    ids_.push_back(vocabulary.add(t.norm));
    capitalized_.push_back(t.capitalized);
  }
  const Vocabulary::Id first = ids_[p.offset];
  if (!self_) self_ = vocabulary.new_index();
  vocabulary.add_start(first, self_);
  if (bucket_of_.size() <= first) bucket_of_.resize(first + 1, 0);
  if (bucket_of_[first] == 0) {
    buckets_.emplace_back();
    bucket_of_[first] = static_cast<std::uint32_t>(buckets_.size());
  }
  auto& bucket = buckets_[bucket_of_[first] - 1];
  // Keep the bucket longest first, and the first added first among equals, so that the
  // earliest lexicon entry wins a tie (deterministic, and user files can override by order).
  auto pos = std::find_if(bucket.begin(), bucket.end(), [&](const Phrase& q) { return q.length < p.length; });
  bucket.insert(pos, std::move(p));
}

std::optional<PhraseMatch> PhraseIndex::longest_starting(const TokenIds& doc, std::size_t i, std::size_t limit) const {
  const Vocabulary::Id first = doc.ids[i];
  if (first >= bucket_of_.size() || bucket_of_[first] == 0) return std::nullopt;
  for (const Phrase& p : buckets_[bucket_of_[first] - 1]) {
    if (i + p.length > limit) continue;
    const Vocabulary::Id* ids = ids_.data() + p.offset;
    const char* capitalized = capitalized_.data() + p.offset;
    bool ok = true;
    for (std::size_t k = 0; k < p.length && ok; ++k)
      ok = doc.ids[i + k] == ids[k] && (!p.case_sensitive || doc.tokens[i + k].capitalized == static_cast<bool>(capitalized[k]));
    if (ok) return PhraseMatch{i, i + p.length, p.payload};
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
