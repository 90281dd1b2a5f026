#include "phrase_index.hpp"

#include <algorithm>

namespace newskg {

void PhraseIndex::add(std::string_view phrase, std::size_t payload, const Abbreviations& abbreviations, bool case_sensitive) {
  model::DocumentInfo info;
  info.text = std::string(phrase);
  Document doc(std::move(info), abbreviations);
  if (doc.tokens().empty()) return;
  Phrase p;
  p.case_sensitive = case_sensitive;
  p.payload = payload;
  for (const Token& t : doc.tokens()) {
    p.norms.push_back(t.norm);
    p.capitalized.push_back(t.capitalized);
  }
  auto& bucket = by_first_[p.norms.front()];
  // Keep the bucket longest first, and the first added first among equals, so that the
  // earliest lexicon entry wins a tie (deterministic, and user files can override by order).
  auto pos = std::find_if(bucket.begin(), bucket.end(), [&](const Phrase& q) { return q.norms.size() < p.norms.size(); });
  bucket.insert(pos, std::move(p));
}

std::optional<PhraseMatch> PhraseIndex::longest_at(const Document& doc, std::size_t i, std::size_t limit) const {
  const auto& tokens = doc.tokens();
  if (i >= limit || i >= tokens.size()) return std::nullopt;
  auto it = by_first_.find(tokens[i].norm);
  if (it == by_first_.end()) return std::nullopt;
  for (const Phrase& p : it->second) {
    if (i + p.norms.size() > limit) continue;
    bool ok = true;
    for (std::size_t k = 0; k < p.norms.size() && ok; ++k) {
      const Token& t = tokens[i + k];
      ok = t.norm == p.norms[k] && (!p.case_sensitive || t.capitalized == p.capitalized[k]);
    }
    if (ok) return PhraseMatch{i, i + p.norms.size(), p.payload};
  }
  return std::nullopt;
}

std::vector<PhraseMatch> PhraseIndex::find_all(const Document& doc, std::size_t first, std::size_t last) const {
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
