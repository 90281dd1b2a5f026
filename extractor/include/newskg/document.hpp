// A Document owns the text and its segmentation; every later stage annotates spans of it
// (token index ranges) and never re-tokenises.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "newskg/model.hpp"

namespace newskg {

struct Token {
  std::size_t byte_begin = 0, byte_end = 0;  // into Document::text()
  std::size_t cp_begin = 0, cp_end = 0;      // in Unicode code points
  // Lowercased; curly quotes, apostrophes and dashes folded to ASCII. Views bytes the Document
  // owns: valid while it lives, and followed by at least kNormPadding more that may be read.
  std::string_view norm;
  bool is_word = false;    // starts with a letter
  bool is_number = false;  // starts with a digit
  bool capitalized = false;
  bool paragraph_start = false;  // first token after a line break
};

// The bytes that may be read past the end of any token's norm, so that a lookup can read a norm
// eight bytes at a time without testing how far it may read.
inline constexpr std::size_t kNormPadding = 8;

struct Sentence {
  std::size_t first = 0, last = 0;  // token indexes, last exclusive
};

// The longest sentence, in tokens: a longer run without a sentence end is cut after a ';' or
// ',' (or, failing those, after this many tokens), so that extraction stays linear in the text.
inline constexpr std::size_t kMaxSentenceTokens = 1000;

// Words whose trailing period is part of the word ("Gen.", "Jan.", "No."): they neither
// split a sentence nor lose their period. Lowercase, with the period. Entries without a
// period are words that open a sentence ("he", "the"): after an initialism such as "U.S."
// they mark a sentence break.
// Looked up by std::string_view (a span of a text), without making a string of it.
struct AbbreviationHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const noexcept { return std::hash<std::string_view>{}(word); }
};
using Abbreviations = std::unordered_set<std::string, AbbreviationHash, std::equal_to<>>;

class Document {
 public:
  // Segments info.text (UTF-8; invalid bytes are kept but count as one code point each).
  Document(model::DocumentInfo info, const Abbreviations& abbreviations);
  // A move keeps the buffers the tokens' norms view; a copy would leave them viewing the
  // original's, so there is none.
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const model::DocumentInfo& info() const { return info_; }
  std::string_view text() const { return info_.text; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  std::string_view token_text(std::size_t i) const;
  // The text of tokens [first, last), as written.
  std::string_view text_of(std::size_t first, std::size_t last) const;
  // A span over tokens [first, last) with code-point offsets and its anchor text.
  model::Span span(std::size_t first, std::size_t last) const;
  // Index of the sentence holding token i. Inline: the stages ask for every token.
  std::size_t sentence_of(std::size_t token) const {
    return token < sentence_of_token_.size() ? sentence_of_token_[token] : sentences_.size() - 1;
  }
  // Tokens before this index belong to the dateline ("SEOUL, South Korea —"), 0 if none.
  std::size_t dateline_end() const { return dateline_end_; }

 private:
  void tokenize(const Abbreviations&);
  void split_sentences(const Abbreviations&);
  void cap_sentences();
  void find_dateline();

  model::DocumentInfo info_;
  // What the tokens' norms view: the text with A-Z lowercased, where a token without a code
  // point beyond ASCII (most of them) has its norm at its own bytes, and the norms of the
  // others, one after another. Vectors, not strings: a moved string keeps a short text in the
  // object, not on the heap, and would leave the views behind. Both end with kNormPadding NULs.
  std::vector<char> lowered_text_;
  std::vector<char> folded_norms_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  std::vector<std::size_t> sentence_of_token_;
  std::size_t dateline_end_ = 0;
};

// Replaces each ill-formed UTF-8 sequence with U+FFFD and drops a leading byte-order mark;
// `first_bad` gets the byte offset in `text` (a dropped BOM counts) of the first ill-formed
// sequence or NUL (npos when there was none).
std::string repair_utf8(std::string_view text, std::size_t* first_bad = nullptr);

// Lowercases and folds typographic variants (’ ‘ → ', “ ” → ", – — → -, NBSP → space).
std::string normalize(std::string_view text);

}  // namespace newskg
