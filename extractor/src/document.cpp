#include "newskg/document.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "newskg/utf8.hpp"

namespace newskg {

using namespace std::string_view_literals;
namespace {

// Eight bytes per code point, as the tokenizer holds one per byte of ASCII text: a code point
// ends where the next begins (or at the end of the text), and offsets fit 32 bits because
// CodePoints counts in int32_t as ICU's macros do.
struct CodePoint {
  UChar32 c;
  std::uint32_t byte_begin;
};

// The code points of a text, in order.
class CodePoints {
 public:
  explicit CodePoints(std::string_view text);
  std::size_t size() const { return size_; }
  const CodePoint& operator[](std::size_t i) const { return cps_[i]; }
  const CodePoint* begin() const { return cps_.get(); }
  const CodePoint* end() const { return cps_.get() + size_; }
  // The byte offsets of the code points beyond ASCII, in order.
  std::span<const std::uint32_t> non_ascii() const { return non_ascii_; }

 private:
  // One slot per byte, the most there can be, left unset until written: zeroing them first, or
  // a push_back per code point, costs more than the decoding of ASCII.
  std::unique_ptr<CodePoint[]> cps_;
  std::size_t size_ = 0;
  std::vector<std::uint32_t> non_ascii_;
};

CodePoints::CodePoints(std::string_view text) : cps_(std::make_unique_for_overwrite<CodePoint[]>(text.size())) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  CodePoint* out = cps_.get();
  int32_t i = 0;
  while (i < length) {
    const auto ascii_end = i + static_cast<int32_t>(model::ascii_run_length(text.substr(static_cast<std::size_t>(i))));
    for (; i < ascii_end; ++i) *out++ = {s[i], static_cast<std::uint32_t>(i)};
    if (i == length) break;
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    // An invalid sequence decodes to a negative value; it stands as U+FFFD, one code point
    // per ill-formed subsequence, which is how ICU and Python both count it.
    *out++ = {c < 0 ? 0xFFFD : c, static_cast<std::uint32_t>(start)};
    non_ascii_.push_back(static_cast<std::uint32_t>(start));
  }
  size_ = static_cast<std::size_t>(out - cps_.get());
}

// The code points of an all-ASCII text, read in place: each byte is one, so that the text
// needs neither decoding nor the eight bytes per byte of CodePoints.
class AsciiCodePoints {
 public:
  explicit AsciiCodePoints(std::string_view text) : text_(text) {}
  std::size_t size() const { return text_.size(); }
  // Every byte is below 0x80 (the caller checked): the mask, a no-op on such text, tells the
  // compiler so, and it drops the ICU branches of the character classes below.
  CodePoint operator[](std::size_t i) const { return {text_[i] & 0x7F, static_cast<std::uint32_t>(i)}; }
  std::span<const std::uint32_t> non_ascii() const { return {}; }

 private:
  std::string_view text_;
};

// ICU's character classes, answered without ICU for ASCII (most of a news text), where they
// are the plain ranges: letters are A-Z and a-z, digits 0-9, uppercase A-Z, no titlecase;
// white space is 0x09-0x0D and 0x20, and every other control character counts as space too.
// One table lookup per code point, as the tokenizer asks for nearly every one.
enum AsciiClass : std::uint8_t { kLetter = 1, kDigit = 2, kUpper = 4, kSpace = 8 };
constexpr std::array<std::uint8_t, 0x80> kAsciiClasses = [] {
  std::array<std::uint8_t, 0x80> classes{};
  for (int c = 1; c <= 0x20; ++c) classes[c] = kSpace;
  for (int c = '0'; c <= '9'; ++c) classes[c] = kDigit;
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kLetter | kUpper;
  return classes;
}();
bool ascii_is(UChar32 c, std::uint8_t classes) { return (kAsciiClasses[c] & classes) != 0; }
bool is_alpha(UChar32 c) { return c < 0x80 ? ascii_is(c, kLetter) : u_isalpha(c) != 0; }
bool is_upper(UChar32 c) { return c < 0x80 ? ascii_is(c, kUpper) : u_isupper(c) != 0; }
bool is_digit(UChar32 c) { return c < 0x80 ? ascii_is(c, kDigit) : u_isdigit(c) != 0; }
bool is_capital(UChar32 c) { return c < 0x80 ? ascii_is(c, kUpper) : u_isupper(c) || u_istitle(c); }
bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }
bool is_dash(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
// Letters, digits and combining marks beyond ASCII; kept out of line so that is_alnum(), called
// for nearly every code point, is inlined.
[[gnu::noinline]] bool is_alnum_beyond_ascii(UChar32 c) { return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }
bool is_alnum(UChar32 c) { return c < 0x80 ? ascii_is(c, kLetter | kDigit) : is_alnum_beyond_ascii(c); }
bool is_space(UChar32 c) { return c < 0x80 ? ascii_is(c, kSpace) : u_isUWhiteSpace(c) || c == 0xA0 || c == 0xFEFF; }
bool is_line_break(UChar32 c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(n));
}

UChar32 fold(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x02BC: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    case 0x00A0: return ' ';
    default: return u_tolower(c);
  }
}

// Appends text as normalize() returns it.
void append_normalized(std::string& out, std::string_view text) {
  // Most tokens are ASCII, where folding is lowercasing A-Z: no decoding needed. One pass
  // copies and lowercases until the first non-ASCII byte, if any; the rest is decoded.
  const std::size_t from = out.size();
  out.append(text);
  char* lowered = out.data() + from;
  std::size_t ascii = 0;
  for (; ascii < text.size(); ++ascii) {
    const char c = lowered[ascii];
    if (static_cast<unsigned char>(c) >= 0x80) break;
    if (c >= 'A' && c <= 'Z') lowered[ascii] = static_cast<char>(c - 'A' + 'a');
  }
  if (ascii == text.size()) return;
  out.resize(from + ascii);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (auto i = static_cast<int32_t>(ascii); i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    append_utf8(out, fold(c < 0 ? 0xFFFD : c));
  }
}

// The text with A-Z lowercased and every other byte as it is: the norm of any ASCII run of it.
// Eight bytes at a time: a byte is set to lowercase by adding 0x20 where it is an ASCII byte
// from 'A' to 'Z', which two additions on its low seven bits tell without carries between bytes.
std::string lowercase_ascii(std::string_view text) {
  std::string lowered(text);
  constexpr std::uint64_t kEachByte = 0x0101010101010101ULL;
  std::size_t i = 0;
  for (; i + 8 <= lowered.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, lowered.data() + i, 8);
    const std::uint64_t low7 = word & (0x7F * kEachByte);
    const std::uint64_t above_z = low7 + (0x7F - 'Z') * kEachByte;  // high bit set where low7 > 'Z'
    const std::uint64_t from_a = low7 + (0x80 - 'A') * kEachByte;   // high bit set where low7 >= 'A'
    const std::uint64_t upper = from_a & ~above_z & ~word & (0x80 * kEachByte);
    word |= upper >> 2;  // 0x80 >> 2 is the 0x20 between a capital and its lowercase
    std::memcpy(lowered.data() + i, &word, 8);
  }
  for (; i < lowered.size(); ++i)
    if (lowered[i] >= 'A' && lowered[i] <= 'Z') lowered[i] = static_cast<char>(lowered[i] - 'A' + 'a');
  return lowered;
}

// True when `word` with a period after it is one of the abbreviations ("Gen.", "Jan.").
bool is_abbreviation(std::string_view word, const Abbreviations& abbreviations) {
  std::string key;
  append_normalized(key, word);
  key += '.';
  return abbreviations.count(key) > 0;
}

// Document::tokenize() over the code points of `text`: CodePoints, or AsciiCodePoints when
// every byte is one.
template <typename CodePointSequence>
void append_tokens(const CodePointSequence& cps, std::string_view text, const Abbreviations& abbreviations, std::vector<Token>& tokens) {
  const std::size_t n = cps.size();
  auto at = [&](std::size_t i) -> UChar32 { return i < n ? cps[i].c : 0; };
  // English news has a token every 5 to 6 bytes: room for one every 5, so that the vector is
  // seldom grown (which moves every token).
  tokens.reserve(text.size() / 5 + 1);
  // A token without a code point beyond ASCII (most of them) copies its norm out of `lowered`.
  const std::string lowered = lowercase_ascii(text);
  const std::span<const std::uint32_t> non_ascii = cps.non_ascii();
  std::size_t next_non_ascii = 0;  // the first in non_ascii at or after the token
  auto is_ascii = [&](std::size_t byte_begin, std::size_t byte_end) {
    while (next_non_ascii < non_ascii.size() && non_ascii[next_non_ascii] < byte_begin) ++next_non_ascii;
    return next_non_ascii == non_ascii.size() || non_ascii[next_non_ascii] >= byte_end;
  };
  bool line_break = true;
  std::size_t i = 0;
  while (i < n) {
    UChar32 c = cps[i].c;
    if (is_space(c)) {
      if (is_line_break(c)) line_break = true;
      ++i;
      continue;
    }
    std::size_t start = i;
    bool hyphens = false;  // "--" or "---", the typewriter dash
    if (is_alpha(c) && at(i + 1) == '.' && is_alpha(at(i + 2)) && at(i + 3) == '.') {
      // Dotted initialisms: U.S., U.N., e.g.
      while (is_alpha(at(i)) && at(i + 1) == '.') i += 2;
    } else if (is_alnum(c)) {
      const bool numeric = is_digit(c);
      ++i;
      while (i < n) {
        UChar32 d = at(i);
        if (is_alnum(d)) {
          ++i;
        } else if (numeric && (d == ',' || d == '.') && is_digit(at(i + 1))) {
          i += 2;  // 1,500 and 2.5
        } else if (is_dash(d) && is_alnum(at(i + 1)) && !numeric) {
          i += 2;  // special-operations, Hayat-Tahrir; numbers keep their hyphen apart
        } else if (is_apostrophe(d) && is_alpha(at(i + 1)) &&
                   !((at(i + 1) == 's' || at(i + 1) == 'S') && !is_alnum(at(i + 2)))) {
          i += 2;  // don't, O'Brien, but not the possessive 's
        } else {
          break;
        }
      }
      if (at(i) == '.' && !numeric) {
        // Keep the period of an abbreviation or an initial ("Gen.", "J.").
        const bool initial = i - start == 1 && is_upper(cps[start].c);
        if (initial || is_abbreviation(text.substr(cps[start].byte_begin, cps[i].byte_begin - cps[start].byte_begin),
                                       abbreviations))
          ++i;
      }
    } else if (is_apostrophe(c) && (at(i + 1) == 's' || at(i + 1) == 'S') && !is_alnum(at(i + 2)) && start > 0 &&
               is_alnum(cps[start - 1].c)) {
      i += 2;  // possessive 's as its own token
    } else if (c == '.' && at(i + 1) == '.' && at(i + 2) == '.') {
      i += 3;
    } else if (c == '-' && at(i + 1) == '-' && !(start > 0 && cps[start - 1].c == '-')) {
      // A run of two or three ASCII hyphens is one dash token ("KYIV (AP) -- Drones"); longer
      // runs (rules, "-----") stay one token per hyphen.
      std::size_t run = 2;
      while (at(i + run) == '-') ++run;
      hyphens = run <= 3;
      i += hyphens ? run : 1;
    } else {
      ++i;
    }
    Token& t = tokens.emplace_back();
    t.byte_begin = cps[start].byte_begin;
    t.byte_end = i < n ? cps[i].byte_begin : text.size();
    t.cp_begin = start;
    t.cp_end = i;
    if (hyphens) t.norm = "--";
    else if (is_ascii(t.byte_begin, t.byte_end)) t.norm.append(std::string_view(lowered).substr(t.byte_begin, t.byte_end - t.byte_begin));
    else append_normalized(t.norm, text.substr(t.byte_begin, t.byte_end - t.byte_begin));
    t.is_word = is_alpha(c);
    t.is_number = is_digit(c);
    t.capitalized = is_capital(c);
    t.paragraph_start = line_break;
    line_break = false;
  }
}

}  // namespace

std::string repair_utf8(std::string_view text, std::size_t* first_bad) {
  if (first_bad) *first_bad = std::string_view::npos;
  // Offsets are reported in the input, BOM included: the CLI prints them as file offsets.
  std::size_t bom = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
    bom = 3;
  }
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  // text[copied, i) is well-formed and not yet in `out`: clean text is copied in one piece.
  int32_t copied = 0;
  int32_t i = 0;
  while (i < length) {
    i += static_cast<int32_t>(model::ascii_run_length(text.substr(static_cast<std::size_t>(i))));
    if (i == length) break;
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c <= 0) {
      if (first_bad && *first_bad == std::string_view::npos) *first_bad = bom + static_cast<std::size_t>(start);
      out.append(text.substr(static_cast<std::size_t>(copied), static_cast<std::size_t>(start - copied)));
      out += "\xEF\xBF\xBD";
      copied = i;
    }
  }
  out.append(text.substr(static_cast<std::size_t>(copied)));
  return out;
}

std::string normalize(std::string_view text) {
  std::string out;
  append_normalized(out, text);
  return out;
}

Document::Document(model::DocumentInfo info, const Abbreviations& abbreviations) : info_(std::move(info)) {
  tokenize(abbreviations);
  split_sentences(abbreviations);
  find_dateline();
}

std::string_view Document::token_text(std::size_t i) const {
  const Token& t = tokens_[i];
  return std::string_view(info_.text).substr(t.byte_begin, t.byte_end - t.byte_begin);
}

std::string_view Document::text_of(std::size_t first, std::size_t last) const {
  if (first >= last) return {};
  return std::string_view(info_.text).substr(tokens_[first].byte_begin, tokens_[last - 1].byte_end - tokens_[first].byte_begin);
}

model::Span Document::span(std::size_t first, std::size_t last) const {
  model::Span s;
  if (first >= last) return s;
  s.begin = tokens_[first].cp_begin;
  s.end = tokens_[last - 1].cp_end;
  s.anchor = std::string(text_of(first, last));
  return s;
}

void Document::tokenize(const Abbreviations& abbreviations) {
  // About half of news texts are all ASCII: their bytes are their code points.
  if (model::ascii_run_length(info_.text) == info_.text.size())
    append_tokens(AsciiCodePoints(info_.text), info_.text, abbreviations, tokens_);
  else
    append_tokens(CodePoints(info_.text), info_.text, abbreviations, tokens_);
}

void Document::split_sentences(const Abbreviations& abbreviations) {
  auto closing = [](std::string_view norm) { return norm == "\""sv || norm == "'"sv || norm == ")"sv || norm == "]"sv; };
  std::size_t first = 0;
  const std::size_t n = tokens_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > first && tokens_[i].paragraph_start) {
      sentences_.push_back({first, i});
      first = i;
    }
    const std::string_view norm = tokens_[i].norm;
    // "... in the U.S. He said": an initialism's period also ends the sentence when a word
    // that opens sentences follows (the lexicon's sentence-starter class).
    if (norm.size() > 2 && norm.back() == '.' && i + 1 < n && !tokens_[i + 1].paragraph_start && tokens_[i + 1].capitalized &&
        norm.find('.') < norm.size() - 1 && abbreviations.count(tokens_[i + 1].norm)) {
      sentences_.push_back({first, i + 1});
      first = i + 1;
      continue;
    }
    if (norm == "."sv || norm == "!"sv || norm == "?"sv || norm == "..."sv) {
      std::size_t end = i + 1;
      while (end < n && closing(tokens_[end].norm) && !tokens_[end].paragraph_start) ++end;
      // "..." inside a sentence, or a period followed by a lowercase word, does not end it.
      if (end < n && !tokens_[end].paragraph_start && tokens_[end].is_word && !tokens_[end].capitalized) continue;
      sentences_.push_back({first, end});
      first = end;
      i = end - 1;
    }
  }
  if (first < n) sentences_.push_back({first, n});
  if (sentences_.empty()) sentences_.push_back({0, 0});
  const auto too_long = [](const Sentence& s) { return s.last - s.first > kMaxSentenceTokens; };
  if (std::any_of(sentences_.begin(), sentences_.end(), too_long)) cap_sentences();
  // The sentences cover the tokens in order, each starting where the one before ends.
  sentence_of_token_.reserve(n);
  for (std::size_t s = 0; s < sentences_.size(); ++s)
    sentence_of_token_.insert(sentence_of_token_.end(), sentences_[s].last - sentences_[s].first, s);
}

// Caps the length of a sentence, so that the cost of the stages that look at every pair of cues
// in a sentence stays bounded: a run of more than kMaxSentenceTokens tokens (a text with no
// sentence end, a list of a million names) is cut after the last ';' in the second half of the
// window, else after the last ',', else at the window's end.
void Document::cap_sentences() {
  std::vector<Sentence> capped;
  for (const Sentence& s : sentences_) {
    std::size_t from = s.first;
    while (s.last - from > kMaxSentenceTokens) {
      std::size_t cut = 0;
      for (std::string_view mark : {";", ","}) {
        for (std::size_t t = from + kMaxSentenceTokens; t > from + kMaxSentenceTokens / 2 && cut == 0; --t)
          if (tokens_[t - 1].norm == mark) cut = t;
        if (cut != 0) break;
      }
      if (cut == 0) cut = from + kMaxSentenceTokens;
      capped.push_back({from, cut});
      from = cut;
    }
    capped.push_back({from, s.last});
  }
  sentences_ = std::move(capped);
}

void Document::find_dateline() {
  // At the very start of the text and on its first line: an all-capitals place ("SEOUL", "NEW
  // YORK"), then optionally ", Place" qualifiers (capitalized words, and numbers for a date:
  // "SEOUL, South Korea", "SEOUL, Oct. 22") and a parenthesised agency ("(AP)", "(Reuters)"),
  // then a dash (- – — or --). Anything else before the dash, such as a verb or any lowercase
  // word, means the text opens with a sentence: "NATO said Russia sent ... — a first."
  std::size_t n = std::min<std::size_t>(tokens_.size(), 16);
  for (std::size_t i = 1; i < n; ++i)
    if (tokens_[i].paragraph_start) n = i;
  auto is = [&](std::size_t i, std::string_view norm) { return i < n && tokens_[i].norm == norm; };
  auto capitalized = [&](std::size_t i) { return i < n && tokens_[i].is_word && tokens_[i].capitalized; };
  auto all_capitals = [&](std::size_t i, std::size_t min_letters) {
    if (!capitalized(i)) return false;
    std::size_t letters = 0;
    for (const CodePoint& cp : CodePoints(token_text(i))) {
      if (u_islower(cp.c)) return false;
      if (u_isalpha(cp.c)) ++letters;
    }
    return letters >= min_letters;
  };
  std::size_t i = 0;
  if (!all_capitals(i, 2)) return;
  while (all_capitals(i, 1)) ++i;
  while (is(i, ",")) {
    if (!capitalized(++i)) return;
    while (capitalized(i) || (i < n && tokens_[i].is_number)) ++i;
  }
  if (is(i, "(")) {
    if (!capitalized(++i)) return;
    while (capitalized(i)) ++i;
    if (!is(i, ")")) return;
    ++i;
  }
  if (is(i, "-") || is(i, "--")) dateline_end_ = i + 1;
}

}  // namespace newskg
