// Multi-token phrase lookup over a Document's tokens (leftmost, longest match). Phrases and
// documents meet as integers: every norm a phrase uses has an id in a Vocabulary, a document's
// tokens are looked up in it once (TokenIds), and a phrase lookup then compares ids.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newskg/document.hpp"

namespace newskg {

// The token norms that phrases use, as ids; and for each, the indexes that have a phrase
// starting with it, so that the many lookups of a token that starts no phrase of an index
// fail on one bit.
class Vocabulary {
 public:
  using Id = std::uint32_t;
  // The id of any norm that no phrase uses: no phrase matches it.
  static constexpr Id kUnknown = std::numeric_limits<Id>::max();
  // PhraseIndexes as bits. Indexes past the 64th share the last bit: a set bit only means
  // "look it up", so sharing costs time, never a match.
  using Indexes = std::uint64_t;

  Id add(const std::string& norm);
  Id find(const std::string& norm) const;
  Indexes new_index();
  void add_start(Id id, Indexes index) { starts_[id] |= index; }
  Indexes starts(Id id) const { return id == kUnknown ? 0 : starts_[id]; }

 private:
  std::unordered_map<std::string, Id> ids_;
  std::vector<Indexes> starts_;  // by id
  int indexes_ = 0;
};

// A document's tokens with the vocabulary ids of their norms: what phrase lookups read.
struct TokenIds {
  TokenIds(const Document& doc, const Vocabulary& vocabulary);

  const std::vector<Token>& tokens;
  std::vector<Vocabulary::Id> ids;          // one per token
  std::vector<Vocabulary::Indexes> starts;  // one per token: the indexes with a phrase starting there
};

struct PhraseMatch {
  std::size_t first = 0, last = 0;  // tokens, last exclusive
  std::size_t payload = 0;
};

// All the phrases of one PhraseIndex go to the same Vocabulary, the one documents are read with.
class PhraseIndex {
 public:
  // Adds a phrase, tokenised exactly as documents are, its norms added to `vocabulary`. With
  // case_sensitive, each token's first letter must agree in case with the document's ("Chad"
  // is not "chad").
  void add(std::string_view phrase, std::size_t payload, const Abbreviations& abbreviations, Vocabulary& vocabulary,
           bool case_sensitive = false);
  // The longest phrase starting at token i and ending at or before `limit`.
  std::optional<PhraseMatch> longest_at(const TokenIds& doc, std::size_t i, std::size_t limit) const;
  // Leftmost-longest, non-overlapping matches in tokens [first, last).
  std::vector<PhraseMatch> find_all(const TokenIds& doc, std::size_t first, std::size_t last) const;
  bool empty() const { return by_first_.empty(); }

 private:
  struct Phrase {
    std::vector<Vocabulary::Id> ids;
    std::vector<bool> capitalized;
    bool case_sensitive = false;
    std::size_t payload = 0;
  };
  Vocabulary::Indexes self_ = 0;  // this index's bit, given by the vocabulary at the first add()
  std::unordered_map<Vocabulary::Id, std::vector<Phrase>> by_first_;  // longest first
};

}  // namespace newskg
