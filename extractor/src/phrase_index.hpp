// Multi-token phrase lookup over a Document's tokens (leftmost, longest match).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newskg/document.hpp"

namespace newskg {

struct PhraseMatch {
  std::size_t first = 0, last = 0;  // tokens, last exclusive
  std::size_t payload = 0;
};

class PhraseIndex {
 public:
  // Adds a phrase, tokenised exactly as documents are. With case_sensitive, each token's
  // first letter must agree in case with the document's ("Chad" is not "chad").
  void add(std::string_view phrase, std::size_t payload, const Abbreviations& abbreviations, bool case_sensitive = false);
  // The longest phrase starting at token i and ending at or before `limit`.
  std::optional<PhraseMatch> longest_at(const Document& doc, std::size_t i, std::size_t limit) const;
  // Leftmost-longest, non-overlapping matches in tokens [first, last).
  std::vector<PhraseMatch> find_all(const Document& doc, std::size_t first, std::size_t last) const;
  bool empty() const { return by_first_.empty(); }

 private:
  struct Phrase {
    std::vector<std::string> norms;
    std::vector<bool> capitalized;
    bool case_sensitive = false;
    std::size_t payload = 0;
  };
  std::unordered_map<std::string, std::vector<Phrase>> by_first_;  // longest first
};

}  // namespace newskg
