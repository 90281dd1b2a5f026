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
#include <utility>
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

  Id add(std::string_view norm);
  Id find(std::string_view norm) const;
  Indexes new_index();
  void add_start(Id id, Indexes index) { entries_[id].starts |= index; }
  Indexes starts(Id id) const { return id == kUnknown ? 0 : entries_[id].starts; }
  std::size_t size() const { return norms_.size(); }
  // The id and start bits of each token's norm: every token of every document is looked up here.
  void look_up(const std::vector<Token>& tokens, std::vector<Id>& ids, std::vector<Indexes>& starts) const;

 private:
  // A norm as the table compares it: its first eight bytes as one word (zeros beyond its end)
  // and its length tell any norm of up to eight bytes (most of them) from every other without
  // reading its bytes again; a longer one is compared byte by byte once the hashes agree.
  struct Key {
    explicit Key(std::string_view norm);
    // A token's norm, whose first eight bytes are read at once (kNormPadding).
    static Key of_token(std::string_view norm);
    std::string_view norm;
    std::uint64_t head;
    std::uint64_t hash;

   private:
    Key(std::string_view norm, std::uint64_t head);  // a norm of up to eight bytes, and its head
  };
  // What a lookup reads of a norm, in one place: what it compares, and the start bits it returns.
  struct Entry {
    std::uint64_t hash;
    std::uint64_t head;
    std::size_t size;
    Indexes starts;
  };
  // An open-addressing table of ids (slots_, a power of two long, kUnknown where empty, a norm's
  // first slot given by the top bits of its hash).
  std::size_t slot_of(const Key& key) const;
  std::vector<std::string> norms_;  // by id
  std::vector<Entry> entries_;      // by id
  std::vector<Id> slots_;
  int slot_shift_ = 64;  // 64 - log2(slots_.size())
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
  // The longest phrase starting at token i and ending at or before `limit`. Inline, because
  // most calls fail on the start bit and the stages make many.
  std::optional<PhraseMatch> longest_at(const TokenIds& doc, std::size_t i, std::size_t limit) const {
    if (i >= limit || i >= doc.ids.size() || !(doc.starts[i] & self_)) return std::nullopt;
    return longest_starting(doc, i, limit);
  }
  // Leftmost-longest, non-overlapping matches in tokens [first, last).
  std::vector<PhraseMatch> find_all(const TokenIds& doc, std::size_t first, std::size_t last) const;
  bool empty() const { return nodes_.empty(); }
  // This index's bit in TokenIds::starts: a token without it starts no phrase here.
  Vocabulary::Indexes start_bit() const { return self_; }

 private:
  // The phrases form a trie over token ids: a phrase ends at the node its ids lead to, and the
  // longest match is the deepest node on the document's path with a phrase that fits there, so
  // that a lookup reads each token once however many phrases share a start.
  static constexpr std::uint32_t kNoNode = std::numeric_limits<std::uint32_t>::max();
  struct Phrase {
    std::uint32_t capitalized = 0;  // the first of its tokens' capitals in capitalized_
    bool case_sensitive = false;
    std::size_t payload = 0;
  };
  // The phrases ending at a node, the first added first: it wins a tie. The first is kept in
  // the node, so that the usual match (one phrase ending there) reads no other memory.
  struct Node {
    std::uint32_t parent = kNoNode;
    bool ends_phrase = false;  // whether first_phrase holds one
    Phrase first_phrase;
    std::vector<Phrase> more_phrases;
    std::vector<std::pair<Vocabulary::Id, std::uint32_t>> children;  // (next token's id, node)
  };
  std::optional<PhraseMatch> longest_starting(const TokenIds& doc, std::size_t i, std::size_t limit) const;
  std::uint32_t child(std::uint32_t node, Vocabulary::Id id) const;
  bool continues_a_phrase(Vocabulary::Id id) const {
    return id < continuations_.size() * kBitsPerWord && (continuations_[id / kBitsPerWord] >> (id % kBitsPerWord) & 1);
  }
  // Whether phrase p, as tokens [i, end) of doc, agrees with them in case where it must.
  bool fits(const Phrase& p, const TokenIds& doc, std::size_t i, std::size_t end) const;

  Vocabulary::Indexes self_ = 0;  // this index's bit, given by the vocabulary at the first add()
  // The trie's first level by token id: root_of_[id] is the node of the one-token prefix, or
  // kNoNode (ids are small and dense, so a vector beats a hash table).
  std::vector<std::uint32_t> root_of_;
  std::vector<Node> nodes_;
  // A bit per id: whether it is past the first token of a phrase here. A lookup goes down the
  // trie only at such tokens; most tokens are not, and these few hundred bytes stay in cache
  // where the nodes would not.
  static constexpr std::size_t kBitsPerWord = 64;
  std::vector<std::uint64_t> continuations_;
  // For case-sensitive phrases, whether each token starts with a capital letter.
  std::vector<char> capitalized_;
};

}  // namespace newskg
