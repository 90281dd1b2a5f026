#include "phrase_index.hpp"

#include <algorithm>

namespace newskg {

Vocabulary::Id Vocabulary::add(const std::string& norm) {
  auto [it, added] = ids_.try_emplace(norm, static_cast<Id>(ids_.size()));
  if (added) starts_.push_back(0);
  return it->second;
}

Vocabulary::Id Vocabulary::find(const std::string& norm) const {
  auto it = ids_.find(norm);
  return it == ids_.end() ? kUnknown : it->second;
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
  for (const Token& t : doc.tokens()) {
    p.ids.push_back(vocabulary.add(t.norm));
    p.capitalized.push_back(t.capitalized);
  }
  if (!self_) self_ = vocabulary.new_index();
  vocabulary.add_start(p.ids.front(), self_);
  auto& bucket = by_first_[p.ids.front()];
  // Keep the bucket longest first, and the first added first among equals, so that the
  // earliest lexicon entry wins a tie (deterministic, and user files can override by order).
  auto pos = std::find_if(bucket.begin(), bucket.end(), [&](const Phrase& q) { return q.ids.size() < p.ids.size(); });
  bucket.insert(pos, std::move(p));
}

std::optional<PhraseMatch> PhraseIndex::longest_at(const TokenIds& doc, std::size_t i, std::size_t limit) const {
  if (i >= limit || i >= doc.ids.size() || !(doc.starts[i] & self_)) return std::nullopt;
  auto it = by_first_.find(doc.ids[i]);
  if (it == by_first_.end()) return std::nullopt;
  for (const Phrase& p : it->second) {
    if (i + p.ids.size() > limit) continue;
    bool ok = true;
    for (std::size_t k = 0; k < p.ids.size() && ok; ++k)
      ok = doc.ids[i + k] == p.ids[k] && (!p.case_sensitive || doc.tokens[i + k].capitalized == p.capitalized[k]);
    if (ok) return PhraseMatch{i, i + p.ids.size(), p.payload};
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
