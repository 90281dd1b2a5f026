#include "newskg/document.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "newskg/utf8.hpp"

namespace newskg {

using namespace std::string_view_literals;
namespace {

// A code point of a text and the bytes it takes there. Past the end of the text it is {0, 0}:
// lookahead beyond the text sees a code point of no class, and stays at the end.
struct CodePoint {
  UChar32 c;
  std::size_t size;
};

// The code point at byte `at` (a code point's start), which is not ASCII. An invalid sequence
// stands as U+FFFD, one code point per ill-formed subsequence, which is how ICU and Python
// both count it. Out of line: most text is ASCII, and code_point_at() is inlined everywhere.
[[gnu::noinline]] CodePoint decode_beyond_ascii(std::string_view text, std::size_t at) {
  // U8_NEXT reads four bytes at most: a window of them keeps its int32_t offsets small.
  const auto* s = reinterpret_cast<const uint8_t*>(text.data() + at);
  const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size() - at, 4));
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s, i, length, c);
  return {c < 0 ? 0xFFFD : c, static_cast<std::size_t>(i)};
}

CodePoint code_point_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return {0, 0};
  const auto byte = static_cast<unsigned char>(text[at]);
  return byte < 0x80 ? CodePoint{byte, 1} : decode_beyond_ascii(text, at);
}

// Code point offsets of a text from its byte offsets. Only the code points beyond ASCII take
// more than one byte (or are not copied as they are into a norm), so only they are decoded and
// kept: an ASCII text costs one pass of eight bytes at a time, and a mixed one little more.
class CodePointOffsets {
 public:
  explicit CodePointOffsets(std::string_view text) {
    std::size_t extra_bytes = 0;
    for (std::size_t at = model::ascii_run_length(text); at < text.size(); at += model::ascii_run_length(text.substr(at))) {
      if (text[at] == '\0') {  // ASCII, where ascii_run_length() stops too
        ++at;
        continue;
      }
      const std::size_t size = decode_beyond_ascii(text, at).size;
      extra_bytes += size - 1;
      beyond_ascii_.push_back({at, extra_bytes});
      at += size;
    }
    beyond_ascii_.push_back({std::string_view::npos, extra_bytes});  // a sentinel, never passed
    next_byte_begin_ = beyond_ascii_.front().byte_begin;
  }

  // The code point offset of byte `at`, a code point's start. Asked in increasing order.
  std::size_t offset_of(std::size_t at) {
    while (next_byte_begin_ < at) {
      extra_bytes_ = beyond_ascii_[next_].extra_bytes_through;
      next_byte_begin_ = beyond_ascii_[++next_].byte_begin;
    }
    return at - extra_bytes_;
  }
  // True when the bytes from the one last given to offset_of() up to `end` are all ASCII.
  bool ascii_until(std::size_t end) const { return next_byte_begin_ >= end; }

 private:
  struct BeyondAscii {
    std::size_t byte_begin;
    std::size_t extra_bytes_through;  // bytes beyond one per code point, up to this one's end
  };
  std::vector<BeyondAscii> beyond_ascii_;
  // Where offset_of() got to: the first code point beyond ASCII at or after the last offset
  // asked, and the extra bytes of those before it.
  std::size_t next_ = 0;
  std::size_t next_byte_begin_ = 0;
  std::size_t extra_bytes_ = 0;
};

// ICU's character classes, answered without ICU for ASCII (most of a news text), where they
// are the plain ranges: letters are A-Z and a-z, digits 0-9, uppercase A-Z, no titlecase;
// white space is 0x09-0x0D and 0x20, and every other control character counts as space too.
// One table lookup per code point, as the tokenizer asks for nearly every one. Bytes from 0x80
// up are in no class: the table also tells an ASCII letter or digit from a byte of the text.
// kAlone marks the ASCII bytes that are a token of their own where a token starts, and end a
// word that starts with a letter: the marks other than ' . - (which can start a longer token or
// join one to what follows), and NUL.
enum AsciiClass : std::uint8_t { kLetter = 1, kDigit = 2, kUpper = 4, kSpace = 8, kAlone = 16 };
constexpr std::array<std::uint8_t, 0x100> kAsciiClasses = [] {
  std::array<std::uint8_t, 0x100> classes{};
  for (int c = 0; c < 0x80; ++c) classes[c] = kAlone;
  for (int c = 1; c <= 0x20; ++c) classes[c] = kSpace;
  for (int c = '0'; c <= '9'; ++c) classes[c] = kDigit;
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kLetter | kUpper;
  for (char c : {'\'', '.', '-'}) classes[static_cast<unsigned char>(c)] = 0;
  return classes;
}();
bool ascii_is(UChar32 c, std::uint8_t classes) { return (kAsciiClasses[c] & classes) != 0; }
bool is_alpha(UChar32 c) { return c < 0x80 ? ascii_is(c, kLetter) : u_isalpha(c) != 0; }
bool is_upper(UChar32 c) { return c < 0x80 ? ascii_is(c, kUpper) : u_isupper(c) != 0; }
bool is_digit(UChar32 c) { return c < 0x80 ? ascii_is(c, kDigit) : u_isdigit(c) != 0; }
bool is_capital(UChar32 c) { return c < 0x80 ? ascii_is(c, kUpper) : u_isupper(c) || u_istitle(c); }
// Those of kLetter, kDigit and kUpper (for a capital, titlecase included) that c has: what a
// token records of its first code point.
std::uint8_t first_classes(UChar32 c) {
  if (c < 0x80) return kAsciiClasses[c] & (kLetter | kDigit | kUpper);
  return static_cast<std::uint8_t>((is_alpha(c) ? kLetter : 0) | (is_digit(c) ? kDigit : 0) | (is_capital(c) ? kUpper : 0));
}
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
std::vector<char> lowercase_ascii(std::string_view text) {
  std::vector<char> lowered;
  lowered.reserve(text.size() + kNormPadding);
  lowered.assign(text.begin(), text.end());
  const std::size_t size = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is (every x86-64): adding 0x80 - 'A' takes 'A' to 'Z',
  // and only them, to the 26 lowest signed bytes.
  const __m128i shift = _mm_set1_epi8(static_cast<char>(0x80 - 'A'));
  const __m128i past_z = _mm_set1_epi8(static_cast<char>(-128 + 26));
  const __m128i case_bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= size; i += 16) {
    auto* at = reinterpret_cast<__m128i*>(lowered.data() + i);
    const __m128i sixteen = _mm_loadu_si128(at);
    const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(sixteen, shift), past_z);
    _mm_storeu_si128(at, _mm_or_si128(sixteen, _mm_and_si128(upper, case_bit)));
  }
#endif
  constexpr std::uint64_t kEachByte = 0x0101010101010101ULL;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, lowered.data() + i, 8);
    const std::uint64_t low7 = word & (0x7F * kEachByte);
    const std::uint64_t above_z = low7 + (0x7F - 'Z') * kEachByte;  // high bit set where low7 > 'Z'
    const std::uint64_t from_a = low7 + (0x80 - 'A') * kEachByte;   // high bit set where low7 >= 'A'
    const std::uint64_t upper = from_a & ~above_z & ~word & (0x80 * kEachByte);
    word |= upper >> 2;  // 0x80 >> 2 is the 0x20 between a capital and its lowercase
    std::memcpy(lowered.data() + i, &word, 8);
  }
  for (; i < size; ++i)
    if (lowered[i] >= 'A' && lowered[i] <= 'Z') lowered[i] = static_cast<char>(lowered[i] - 'A' + 'a');
  lowered.resize(size + kNormPadding);
  return lowered;
}

// True when `word` with a period after it is one of the abbreviations ("Gen.", "Jan.").
bool is_abbreviation(std::string_view word, const Abbreviations& abbreviations) {
  std::string key;
  append_normalized(key, word);
  key += '.';
  return abbreviations.contains(key);
}

// True when the code point that ends at byte `at` is a letter, a digit or a mark. Every code
// point before a token's start is in the token before it or white space (neither of those).
bool follows_alnum(std::string_view text, std::size_t at, const std::vector<Token>& tokens) {
  if (at == 0) return false;
  // A byte below 0x80 is a code point of its own: no sequence takes one as a trail byte.
  const auto byte = static_cast<unsigned char>(text[at - 1]);
  if (byte < 0x80) return ascii_is(byte, kLetter | kDigit);
  if (tokens.empty() || tokens.back().byte_end != at) return false;
  CodePoint last{};
  for (std::size_t from = tokens.back().byte_begin; from < at; from += last.size) last = code_point_at(text, from);
  return is_alnum(last.c);
}

// Document::tokenize(): the text is read byte by byte, and only the code points beyond ASCII
// are decoded. The tokens' norms view `lowered_text` and `folded_norms`, which it fills.
void append_tokens(const std::string& whole_text, const Abbreviations& abbreviations, std::vector<Token>& tokens,
                   std::vector<char>& lowered_text, std::vector<char>& folded_norms) {
  const std::string_view text = whole_text;
  auto at = [text](std::size_t byte) { return code_point_at(text, byte); };
  // The ASCII classes of the byte at `byte`; at the text's end, those of NUL (the string's
  // terminator, which ends a word as any other mark that stands alone would): the loops that
  // read a word need not test for the end.
  const char* const bytes = whole_text.c_str();
  auto classes_at = [bytes](std::size_t byte) { return kAsciiClasses[static_cast<unsigned char>(bytes[byte])]; };
  // Most of a word is ASCII letters and digits, a byte each: they are skipped without decoding.
  auto skip_ascii_alnum = [&](std::size_t byte) {
    while (classes_at(byte) & (kLetter | kDigit)) ++byte;
    return byte;
  };
  // The bytes of a letter and a period at `byte` ("U." of "U.S."), 0 if there are none.
  auto initial_at = [&](std::size_t byte) -> std::size_t {
    const CodePoint letter = at(byte);
    return is_alpha(letter.c) && at(byte + letter.size).c == '.' ? letter.size + 1 : 0;
  };
  // English news has a token every 5 to 6 bytes: room for one every 5, so that the vector is
  // seldom grown (which moves every token).
  tokens.reserve(text.size() / 5 + 1);
  // A token without a code point beyond ASCII (most of them) has its norm at its own bytes here.
  lowered_text = lowercase_ascii(text);
  const std::string_view lowered(lowered_text.data(), text.size());
  // The norms of the other tokens, one after another, and where each ends: they are viewed once
  // the last is in, as the string moves while it grows.
  std::string folded;
  struct FoldedNorm {
    std::size_t token, end;
  };
  std::vector<FoldedNorm> folded_ends;
  CodePointOffsets offsets(text);
  bool line_break = true;
  // Adds the token [start, end) whose first code point has the classes `first` (kLetter, kDigit
  // and kUpper for a capital: see first_classes()); a norm of `norm_size` bytes where all of it
  // is ASCII (the typewriter dash "---" has "--").
  auto add_token = [&](std::size_t start, std::size_t end, std::uint8_t first, std::size_t norm_size) __attribute__((always_inline)) {
    Token& t = tokens.emplace_back();
    t.byte_begin = start;
    t.byte_end = end;
    t.cp_begin = offsets.offset_of(start);
    const bool ascii = offsets.ascii_until(end);
    t.cp_end = ascii ? t.cp_begin + (end - start) : offsets.offset_of(end);
    if (ascii) {
      t.norm = std::string_view(lowered.data() + start, norm_size);
    } else {
      append_normalized(folded, text.substr(start, end - start));
      folded_ends.push_back({tokens.size() - 1, folded.size()});
    }
    t.is_word = (first & kLetter) != 0;
    t.is_number = (first & kDigit) != 0;
    t.capitalized = (first & kUpper) != 0;
    t.paragraph_start = line_break;
    line_break = false;
  };
  // True when the word [start, end), with the period at `end`, is an abbreviation. An ASCII word
  // is looked up as its bytes in `lowered`, period included.
  auto abbreviation_at = [&](std::size_t start, std::size_t end) {
    if (offsets.ascii_until(end + 1)) return abbreviations.contains(lowered.substr(start, end + 1 - start));
    return is_abbreviation(text.substr(start, end - start), abbreviations);
  };
  // Where the token ends that starts at `start` with an ASCII letter or digit (of `classes`),
  // when its bytes decide it as scan_token() would: the word's ASCII letters and
  // digits up to white space or a mark, with the period of an abbreviation. 0 when they do not
  // (a letter with a period, which may be an initial or start an initialism; a number before a
  // comma or period and then a digit or a byte that is not ASCII; anything beyond ASCII).
  auto ascii_word_end = [&](std::size_t start, std::uint8_t classes) -> std::size_t {
    const std::size_t end = skip_ascii_alnum(start + 1);
    const auto after = static_cast<unsigned char>(bytes[end]);
    if ((classes & kDigit) && (after == ',' || after == '.'))  // 1,500 and 2.5 go on
      return classes_at(end + 1) & (kLetter | kSpace | kAlone) ? end : 0;
    if (kAsciiClasses[after] & (kSpace | kAlone)) return end;
    if (after == '.' && end > start + 1) return abbreviation_at(start, end) ? end + 1 : end;
    return 0;
  };
  // The token at byte i, a code point's start, where the fast path's bytes did not decide it:
  // where it ends, the size of its norm where it is ASCII and the classes of its first code
  // point. White space there is passed: no token, and the end of the space. Out of line, so that
  // the fast path's loop keeps its values in registers.
  struct Scanned {
    std::size_t end, norm_size;
    std::uint8_t first_classes;
    bool is_token;
  };
  auto scan_token = [&](std::size_t i) __attribute__((noinline)) -> Scanned {
    const CodePoint first = at(i);
    const UChar32 c = first.c;
    if (is_space(c)) {
      if (is_line_break(c)) line_break = true;
      return {i + first.size, 0, 0, false};
    }
    const std::size_t start = i;
    const CodePoint second = at(i + first.size);
    bool hyphens = false;  // "--" or "---", the typewriter dash
    if (is_alpha(c) && second.c == '.' && initial_at(i + first.size + 1) != 0) {
      // Dotted initialisms: U.S., U.N., e.g.
      while (const std::size_t next = initial_at(i)) i += next;
    } else if (is_alnum(c)) {
      const bool numeric = is_digit(c);
      i += first.size;
      CodePoint d;  // the code point after the token so far
      for (;;) {
        i = skip_ascii_alnum(i);
        d = at(i);
        if (is_alnum(d.c)) {
          i += d.size;
          continue;
        }
        if (is_space(d.c)) break;  // the usual end of a word, whatever follows
        const CodePoint e = at(i + d.size);
        if (numeric && (d.c == ',' || d.c == '.') && is_digit(e.c)) {
          i += d.size + e.size;  // 1,500 and 2.5
        } else if (is_dash(d.c) && is_alnum(e.c) && !numeric) {
          i += d.size + e.size;  // special-operations, Hayat-Tahrir; numbers keep their hyphen apart
        } else if (is_apostrophe(d.c) && is_alpha(e.c) && !((e.c == 's' || e.c == 'S') && !is_alnum(at(i + d.size + e.size).c))) {
          i += d.size + e.size;  // don't, O'Brien, but not the possessive 's
        } else {
          break;
        }
      }
      if (d.c == '.' && !numeric) {
        // Keep the period of an abbreviation or an initial ("Gen.", "J.").
        const bool initial = i - start == first.size && is_upper(c);
        if (initial || abbreviation_at(start, i)) ++i;
      }
    } else if (is_apostrophe(c) && (second.c == 's' || second.c == 'S') && !is_alnum(at(i + first.size + 1).c) &&
               follows_alnum(text, start, tokens)) {
      i += first.size + 1;  // possessive 's as its own token
    } else if (c == '.' && second.c == '.' && at(i + 2).c == '.') {
      i += 3;
    } else if (c == '-' && second.c == '-' && !(start > 0 && text[start - 1] == '-')) {
      // A run of two or three ASCII hyphens is one dash token ("KYIV (AP) -- Drones"); longer
      // runs (rules, "-----") stay one token per hyphen.
      std::size_t run = 2;
      while (at(i + run).c == '-') ++run;
      hyphens = run <= 3;
      i += hyphens ? run : 1;
    } else {
      i += first.size;
    }
    return {i, hyphens ? 2 : i - start, first_classes(c), true};  // a dash of three hyphens is "--" too
  };
  std::size_t i = 0;  // a byte offset, at a code point's start
  while (i < text.size()) {
    // Most tokens are an ASCII word, a lone mark or a period, told by the classes of one or two
    // bytes without decoding; scan_token() takes the others.
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::uint8_t classes = kAsciiClasses[byte];
    if (classes & kSpace) {
      if (byte == '\n' || byte == '\r') line_break = true;
      ++i;
      continue;
    }
    std::size_t end = 0;
    if ((classes & kAlone) || (byte == '.' && bytes[i + 1] != '.')) {
      end = i + 1;
    } else if (classes & (kLetter | kDigit)) {
      end = ascii_word_end(i, classes);
    }
    if (end != 0) {
      add_token(i, end, classes, end - i);
      // The one space that usually follows is passed here rather than by another turn.
      i = bytes[end] == ' ' ? end + 1 : end;
      continue;
    }
    const Scanned scanned = scan_token(i);
    if (scanned.is_token) add_token(i, scanned.end, scanned.first_classes, scanned.norm_size);
    i = scanned.end;
  }
  if (!folded.empty()) {
    folded_norms.reserve(folded.size() + kNormPadding);
    folded_norms.assign(folded.begin(), folded.end());
    folded_norms.resize(folded.size() + kNormPadding);
  }
  std::size_t from = 0;
  for (const FoldedNorm& norm : folded_ends) {
    tokens[norm.token].norm = std::string_view(folded_norms.data() + from, norm.end - from);
    from = norm.end;
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
  return std::string_view(info_.text.data() + t.byte_begin, t.byte_end - t.byte_begin);
}

std::string_view Document::text_of(std::size_t first, std::size_t last) const {
  if (first >= last) return {};
  return std::string_view(info_.text.data() + tokens_[first].byte_begin, tokens_[last - 1].byte_end - tokens_[first].byte_begin);
}

model::Span Document::span(std::size_t first, std::size_t last) const {
  if (first >= last) return {};
  return {tokens_[first].cp_begin, tokens_[last - 1].cp_end, std::string(text_of(first, last))};
}

void Document::tokenize(const Abbreviations& abbreviations) {
  append_tokens(info_.text, abbreviations, tokens_, lowered_text_, folded_norms_);
}

void Document::split_sentences(const Abbreviations& abbreviations) {
  // Tested on every token: one-byte norms are told by their byte, not by string compares.
  auto ends = [](std::string_view norm) {
    return norm.size() == 1 ? norm[0] == '.' || norm[0] == '!' || norm[0] == '?' : norm == "..."sv;
  };
  auto closing = [](std::string_view norm) {
    return norm.size() == 1 && (norm[0] == '"' || norm[0] == '\'' || norm[0] == ')' || norm[0] == ']');
  };
  std::size_t first = 0;
  const std::size_t n = tokens_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > first && tokens_[i].paragraph_start) {
      sentences_.push_back({first, i});
      first = i;
    }
    const std::string_view norm = tokens_[i].norm;
    // Only a norm that ends with one of . ! ? can end a sentence: the others (most) go no further.
    const char last = norm.empty() ? '\0' : norm.back();
    if (last != '.' && last != '!' && last != '?') continue;
    // "... in the U.S. He said": an initialism's period also ends the sentence when a word
    // that opens sentences follows (the lexicon's sentence-starter class).
    if (norm.size() > 2 && norm.back() == '.' && i + 1 < n && !tokens_[i + 1].paragraph_start && tokens_[i + 1].capitalized &&
        norm.find('.') < norm.size() - 1 && abbreviations.contains(tokens_[i + 1].norm)) {
      sentences_.push_back({first, i + 1});
      first = i + 1;
      continue;
    }
    if (ends(norm)) {
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
    for (std::string_view word = token_text(i); !word.empty();) {
      const CodePoint cp = code_point_at(word, 0);
      const bool lower = cp.c < 0x80 ? ascii_is(cp.c, kLetter) && !ascii_is(cp.c, kUpper) : u_islower(cp.c) != 0;
      if (lower) return false;
      if (is_alpha(cp.c)) ++letters;
      word.remove_prefix(cp.size);
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
