#include "newskg/rdf_writer.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include <serd/serd.h>

#include "newskg/utf8.hpp"

namespace newskg::exporters {
namespace {

// Where the IRIs under the base go.
constexpr std::string_view kDocumentPath = "doc/";
constexpr std::string_view kActorPath = "actor/";
constexpr std::string_view kActorsGraphPath = "actors";

constexpr char kHex[] = "0123456789ABCDEF";

SerdNode node(std::string_view s, SerdType type) {
  // Serd's writers read only the bytes of an IRI; its flags and code-point count matter for
  // literals alone (long strings, escapes), so only literals pay for the scan that finds them.
  if (type == SERD_URI) return SerdNode{reinterpret_cast<const uint8_t*>(s.data()), s.size(), s.size(), 0, SERD_URI};
  return serd_node_from_substring(type, reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Replaces ill-formed UTF-8 with U+FFFD so that every literal written is valid.
std::string valid_utf8(std::string_view s) {
  std::string out = model::to_valid_utf8(s);
  // NUL cannot be written in N-Triples by every reader; keep text offsets by replacing it.
  for (std::size_t i = out.find('\0'); i != std::string::npos; i = out.find('\0', i)) out.replace(i, 1, "\xEF\xBF\xBD");
  return out;
}
// Sixteen bytes at a time (GCC and Clang vector extensions; plain code where there is no SIMD).
using Bytes16 = unsigned char __attribute__((vector_size(16)));
using SignedBytes16 = signed char __attribute__((vector_size(16)));

// True when `flags16` (of 16 bytes, the flags of those it looks for) flags one of the 16
// bytes at `at`.
template <class Flags16>
bool flagged(const unsigned char* at, Flags16 flags16) {
  Bytes16 block;
  std::memcpy(&block, at, 16);
  const auto flags = flags16(block);
  std::uint64_t halves[2];
  std::memcpy(halves, &flags, 16);
  return (halves[0] | halves[1]) != 0;
}
// Where the first byte that `flags16` flags is among the 16 at `at`: 0 to 15, or 16 for none.
template <class Flags16>
unsigned first_flagged(const unsigned char* at, Flags16 flags16) {
  Bytes16 block;
  std::memcpy(&block, at, 16);
  const auto flags = flags16(block);
  std::uint64_t halves[2];
  std::memcpy(halves, &flags, 16);
  // A flagged byte is 0xFF: its place in a half is found by counting the zero bits before it,
  // from the end that holds the half's first byte.
  const auto zero_bits_before = [](std::uint64_t half) {
    return static_cast<unsigned>(std::endian::native == std::endian::little ? std::countr_zero(half) : std::countl_zero(half));
  };
  if (halves[0] != 0) return zero_bits_before(halves[0]) / 8;
  if (halves[1] != 0) return 8 + zero_bits_before(halves[1]) / 8;
  return 16;
}
// The same for the 32 bytes at `at`, in one test: long text (a document's, a sentence) is
// scanned a pair of blocks at a time.
template <class Flags16>
bool flagged_pair(const unsigned char* at, Flags16 flags16) {
  Bytes16 first, second;
  std::memcpy(&first, at, 16);
  std::memcpy(&second, at + 16, 16);
  const auto flags = flags16(first) | flags16(second);
  std::uint64_t halves[2];
  std::memcpy(halves, &flags, 16);
  return (halves[0] | halves[1]) != 0;
}

// True when `flags16` flags a byte of s: a block at a time, the last one overlapping the one
// before. A string of under 16 bytes fills one block from two overlapping loads of its own
// bytes, the rest holding 'a', which no caller flags.
template <class Flags16>
bool any_flagged(std::string_view s, Flags16 flags16) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  if (n < 16) {
    Bytes16 block = Bytes16{} + static_cast<unsigned char>('a');
    auto* lanes = reinterpret_cast<unsigned char*>(&block);
    if (n >= 8) {
      std::memcpy(lanes, bytes, 8);
      std::memcpy(lanes + 8, bytes + n - 8, 8);
    } else if (n >= 4) {
      std::memcpy(lanes, bytes, 4);
      std::memcpy(lanes + 4, bytes + n - 4, 4);
    } else {
      std::copy(bytes, bytes + n, lanes);
    }
    return flagged(lanes, flags16);
  }
  for (std::size_t i = 0; i < n; i = std::min(i + 16, n))
    if (flagged(bytes + std::min(i, n - 16), flags16)) return true;
  return false;
}

// True when valid_utf8(s) would change s (rare: most text is clean, and is then not copied).
bool needs_repair(std::string_view s) {
  // Most literals are short and ASCII: seen clean here without the calls, which are faster on
  // long text (a document's).
  constexpr std::size_t kShort = 64;
  if (s.size() <= kShort && !any_flagged(s, [](Bytes16 b) { return (b == 0) | (b >= 0x80); })) return false;
  return s.find('\0') != std::string_view::npos || !model::is_valid_utf8(s);
}

// Percent-encodes c as %XX.
void percent_encode(std::string& out, unsigned char c) {
  const char code[] = {'%', kHex[c >> 4], kHex[c & 0xF]};
  out.append(code, sizeof code);
}

// ASCII letters, digits and - . _ ~: what an IRI path segment holds as it is. A table, read
// per byte of every actor id written (seven compares a byte cost more than the rest of the check).
constexpr std::array<bool, 256> kUnreserved = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
  return t;
}();
bool is_unreserved(unsigned char c) { return kUnreserved[c]; }

// What follows the document IRI in a fact's IRI.
void append_fact_suffix(std::string& out, std::string_view local_id) { out.append("/").append(local_id); }

// Writes the decimal digits of n at `at` (room for 20); returns their end. Inlined where
// std::to_chars is a call.
[[gnu::always_inline]] inline char* put_decimal(char* at, std::uint64_t n) {
  static constexpr auto kPowersOf10 = [] {
    std::array<std::uint64_t, 20> powers{};
    std::uint64_t power = 1;
    for (std::uint64_t& p : powers) p = std::exchange(power, power * 10);
    return powers;
  }();
  static constexpr auto kDigitPairs = [] {  // "00" to "99"
    std::array<char, 200> pairs{};
    for (std::size_t i = 0; i < 100; ++i) pairs[2 * i] = static_cast<char>('0' + i / 10), pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    return pairs;
  }();
  // The number of digits from the bit width (1233 / 4096 is just above log10(2)), corrected
  // by one comparison; n | 1 gives 0 its one digit.
  const std::uint64_t m = n | 1;
  const auto estimate = static_cast<std::size_t>(std::bit_width(m) * 1233) >> 12;
  char* const end = at + estimate + (m >= kPowersOf10[estimate] ? 1 : 0);
  char* digit = end;
  for (; n >= 100; n /= 100) {
    digit -= 2;
    std::memcpy(digit, &kDigitPairs[2 * (n % 100)], 2);
  }
  if (n >= 10) std::memcpy(digit - 2, &kDigitPairs[2 * n], 2);
  else digit[-1] = static_cast<char>('0' + n);
  return end;
}

// "#char=B,E" (RFC 5147): what follows the document IRI in a span's IRI. Its bytes need no
// escaping in an IRI; the digits of B and E are also the span's index literals.
class SpanSuffix {
 public:
  explicit SpanSuffix(const model::Span& s) { assign(s); }
  void assign(const model::Span& s) {  // in place: a SpanSuffix is 100 bytes to copy
    begin_ = s.begin;
    end_ = s.end;
    char* at = std::copy(kFragment.begin(), kFragment.end(), bytes_.data());
    at = put_decimal(at, s.begin);
    comma_ = static_cast<std::size_t>(at - bytes_.data());
    *at++ = ',';
    size_ = static_cast<std::size_t>(put_decimal(at, s.end) - bytes_.data());
  }
  bool of(const model::Span& s) const { return s.begin == begin_ && s.end == end_; }
  // (Views made by hand: substr's test of its bounds cost as much as a copy of the digits.)
  std::string_view view() const { return {bytes_.data(), size_}; }
  std::string_view begin_digits() const { return {bytes_.data() + kFragment.size(), comma_ - kFragment.size()}; }
  std::string_view end_digits() const { return {bytes_.data() + comma_ + 1, size_ - comma_ - 1}; }
  std::string_view offsets() const { return {bytes_.data() + kFragment.size(), size_ - kFragment.size()}; }  // "B,E"
  static constexpr std::string_view kFragment = "#char=";

  // What these pieces may take of a line's room: they are copied as so many bytes (a copy of a
  // known size is a few moves, not a call), of which only their own length counts.
  static constexpr std::size_t kOffsetsRoom = 48;  // "B,E": 41 bytes at most
  static constexpr std::size_t kDigitsRoom = 24;   // B or E: 20 bytes at most

 private:
  std::size_t begin_, end_;
  // Room for the longest text and for kOffsetsRoom bytes read from its offsets.
  std::array<char, 64> bytes_{};
  std::size_t comma_, size_;
  static_assert(kFragment.size() + kOffsetsRoom <= sizeof bytes_ && kFragment.size() + 21 + kDigitsRoom <= sizeof bytes_);
};

// The spans of a document already written, by offsets: an open-addressing table, sized for
// each document, whose memory serves the next. (A sorted vector paid an insertion in its
// middle for most spans.)
class SpanSet {
 public:
  // Empty, with room for `expected` spans before it grows.
  void clear(std::size_t expected) {
    slots_.assign(std::max<std::size_t>(16, std::bit_ceil(2 * expected)), Slot{});
    size_ = 0;
  }
  // True when s was not in the set.
  bool insert(const model::Span& s) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    Slot& slot = find(s.begin, s.end);
    if (slot.used) return false;
    slot = {s.begin, s.end, true};
    ++size_;
    return true;
  }

 private:
  struct Slot {
    std::size_t begin = 0, end = 0;
    bool used = false;
  };
  // The slot of (begin, end), or the empty one where it would go.
  Slot& find(std::size_t begin, std::size_t end) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;  // Fibonacci hashing
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(((begin * kMultiplier) ^ end) * kMultiplier >> 32) & mask;
    while (slots_[i].used && (slots_[i].begin != begin || slots_[i].end != end)) i = (i + 1) & mask;
    return slots_[i];
  }
  void grow() {
    std::vector<Slot> old(2 * slots_.size());
    old.swap(slots_);
    for (const Slot& slot : old)
      if (slot.used) find(slot.begin, slot.end) = slot;
  }
  std::vector<Slot> slots_ = std::vector<Slot>(16);
  std::size_t size_ = 0;
};

// Bytes written in place (LineEncoder): std::string's appends are calls, and a line takes a
// dozen. Its memory is a string's, which it can take and give back, so that rendered
// documents are encoded straight into the buffers that hold them.
class ByteBuffer {
 public:
  // Where to write at least `n` more bytes: [first, second). commit() says where writing ended.
  std::pair<char*, char*> room(std::size_t n) {
    if (n > bytes_.size() - size_) [[unlikely]] grow(n);
    return {bytes_.data() + size_, bytes_.data() + bytes_.size()};
  }
  void commit(const char* end) { size_ = static_cast<std::size_t>(end - bytes_.data()); }
  std::string_view view() const { return {bytes_.data(), size_}; }
  std::size_t size() const { return size_; }
  void clear() { size_ = 0; }
  void truncate(std::size_t size) { size_ = std::min(size, size_); }
  // Goes on, empty, in the memory of `rendered`. Its bytes are room to write over: they are not
  // zeroed again as the buffer grows (a string's resize zeroes what it adds).
  void reuse(RenderedBytes&& rendered) {
    bytes_ = std::move(rendered.memory);
    size_ = 0;
  }
  // The bytes, in their memory with its room; the buffer is left empty.
  RenderedBytes take() {
    RenderedBytes taken{std::move(bytes_), size_};
    bytes_.clear();
    size_ = 0;
    return taken;
  }

 private:
  // Twice the room. Where the string must move to more memory, only the bytes used go with it:
  // the rest of a reused buffer is room, not worth a copy.
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t size = std::max(2 * bytes_.size(), size_ + n);
    if (size > bytes_.capacity()) bytes_.resize(size_);
    bytes_.resize(size);
  }
  std::string bytes_;  // all of it is room: the first size_ bytes are used
  std::size_t size_ = 0;
};

// Writes pieces into room that a ByteBuffer set aside for at most `most` bytes, and commits
// them when it goes: one test for a run of pieces (LineEncoder tests each).
class Cursor {
 public:
  Cursor(ByteBuffer& out, std::size_t most) : out_(out), at_(out.room(most).first) {}
  ~Cursor() { out_.commit(at_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // (memcpy, not std::copy, which goes to memmove through a test for a single byte; the test
  // of emptiness keeps a null view's pointer from memcpy.)
  void put(std::string_view s) {
    if (s.empty()) return;
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }
  // A span's "B,E", B or E (taking SpanSuffix::kOffsetsRoom or kDigitsRoom of the room).
  void put_offsets(const SpanSuffix& s) { put_padded<SpanSuffix::kOffsetsRoom>(s.offsets()); }
  void put_begin_digits(const SpanSuffix& s) { put_padded<SpanSuffix::kDigitsRoom>(s.begin_digits()); }
  void put_end_digits(const SpanSuffix& s) { put_padded<SpanSuffix::kDigitsRoom>(s.end_digits()); }

 private:
  // A piece of a SpanSuffix copied as `room` bytes, which the suffix holds, of which only the
  // piece's own count.
  template <std::size_t room>
  void put_padded(std::string_view piece) {
    std::memcpy(at_, piece.data(), room);
    at_ += piece.size();
  }
  ByteBuffer& out_;
  char* at_;
};

struct Iri;

// An IRI written again and again (a vocabulary term, a namespace, the document being written),
// kept with the bytes LineEncoder writes for it so that these are encoded once.
class EncodedIri {
 public:
  EncodedIri() = default;
  explicit EncodedIri(std::string raw) { assign(std::move(raw)); }
  void assign(std::string raw);
  void assign(const Iri& stem_and_tail);  // as the IRI written from them
  // The encoded bytes alone, raw() left empty: for the N-Triples and N-Quads writers, which
  // read only those (a subject made per span or fact need not be joined twice).
  void assign_encoded(const Iri& stem_and_tail);
  const std::string& raw() const { return raw_; }
  std::string_view encoded() const { return encoded_.view(); }  // "<...>"

 private:
  std::string raw_;
  ByteBuffer encoded_;
};

// An IRI to write: a stem encoded once and a tail (an id, "#char=1,5") encoded as it is
// written. Escaping goes byte by byte, so the two give the bytes of the whole IRI encoded.
struct Iri {
  Iri() = default;  // no IRI: a literal without a datatype
  Iri(const EncodedIri& stem_, std::string_view tail_ = {}) : stem(&stem_), tail(tail_) {}  // implicit: a stem alone is an IRI
  // A tail known to need no escaping (ASCII names, "#char=B,E", path segments made by
  // iri_segment_escape): written as it is, unscanned.
  static Iri with_plain_tail(const EncodedIri& stem, std::string_view tail) {
    Iri v(stem, tail);
    v.plain_tail = true;
    return v;
  }
  const EncodedIri* stem = nullptr;
  std::string_view tail;
  bool plain_tail = false;
};

// An RDF term to write: views of strings that live at least until the statement is written.
struct Term {
  SerdType type = SERD_URI;
  Iri resource;            // for IRIs
  std::string_view value;  // for literals: the lexical form
  Iri datatype;            // for typed literals
  std::string_view lang;
};

Term iri(Iri v) { return {SERD_URI, v, {}, {}, {}}; }
Term literal(std::string_view v) { return {SERD_LITERAL, {}, v, {}, {}}; }
Term typed(std::string_view v, Iri datatype) { return {SERD_LITERAL, {}, v, datatype, {}}; }
Term english(std::string_view v) { return {SERD_LITERAL, {}, v, {}, "en"}; }

// Per byte: how LineEncoder writes it. Any other value is the letter that follows a backslash.
using EscapeTable = std::array<char, 256>;
constexpr char kAsIs = 0;
constexpr char kUnicodeEscape = 1;  // as \uXXXX
constexpr char kUtf8Lead = 2;       // in literals: starts a sequence written as it is if well-formed
constexpr char kNotWritten = 3;     // in literals: NUL, which valid_utf8 replaces
constexpr EscapeTable make_escape_table(bool for_iri) {
  EscapeTable t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kUnicodeEscape;
  t[0x7F] = kUnicodeEscape;
  if (for_iri) {
    for (unsigned char c : std::string_view(" \"<>\\^`{|}")) t[c] = kUnicodeEscape;
  } else {
    t['"'] = '"';
    t['\\'] = '\\';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    t[0] = kNotWritten;
    for (int c = 0x80; c < 0x100; ++c) t[c] = kUtf8Lead;
  }
  return t;
}

// N-Triples and N-Quads are written here, not by Serd: a line is a few appends, and Serd's
// writer (a sink call per node and separator, a test per character) cost as much as all of
// extraction. The bytes are those Serd writes (tests/test_rdf_writer.cpp has Serd read
// them back and write them again, unchanged): printable ASCII as it is, UTF-8 as it is, the
// rest as \uXXXX, plus \" \\ \n \r \t in literals. IRIs are valid UTF-8 (see valid_utf8);
// literals are checked as they are escaped, and repaired (valid_utf8) where they need it.
class LineEncoder {
 public:
  explicit LineEncoder(ByteBuffer& out) : out_(out) { std::tie(at_, end_) = out.room(0); }
  ~LineEncoder() { out_.commit(at_); }
  LineEncoder(const LineEncoder&) = delete;
  LineEncoder& operator=(const LineEncoder&) = delete;

  void iri(std::string_view v) {
    put('<');
    iri_bytes(v);
    put('>');
  }
  void iri(const Iri& v) {
    if (v.tail.empty()) put(v.stem->encoded());
    else stem_and_tail(v);
  }
  void literal(std::string_view v, const Iri& datatype, std::string_view lang) {
    put('"');
    literal_value(v);
    literal_end(datatype, lang);
  }
  // True when v, a literal's lexical form, is written as it is (no escape, no repair): a test of
  // short strings alone, as most are (codes, rule names), for a writer that copies them.
  static bool written_as_it_is(std::string_view v) { return v.size() <= 64 && !any_flagged(v, kLiteralFlags); }
  // A literal's lexical form, without its quotes, as valid_utf8 makes it: the scan that finds
  // what to escape also finds what is not UTF-8 or is NUL, so most text is read once.
  void literal_value(std::string_view v) {
    // Most are short and clean (an anchor, a code, a rule's name): seen whole in one test, here
    // where the call is inlined, without the escaping loop's entry and exit.
    if (v.size() < 16 && !any_flagged(v, kLiteralFlags)) return put(v);
    escaped_literal_value(v);
  }
  [[gnu::noinline]] void escaped_literal_value(std::string_view v) {
    out_.commit(at_);
    const std::size_t start = out_.size();
    if (escaped(v, kLiteralEscapes, kLiteralFlags)) return;
    out_.truncate(start);  // the part written before the bad byte
    std::tie(at_, end_) = out_.room(0);
    escaped(valid_utf8(v), kLiteralEscapes, kLiteralFlags);
  }
  // What follows a literal's lexical form: the closing quote, a datatype or a language tag.
  void literal_end(const Iri& datatype, std::string_view lang) {
    put('"');
    if (datatype.stem) {
      put("^^");
      iri(datatype);
    } else if (!lang.empty()) {
      put('@');
      put(lang);
    }
  }
  void separator() { put(' '); }
  // " <predicate> ": what stands between a statement's subject and its object.
  void predicate(const EncodedIri& p) {
    separator();
    iri(p);
    separator();
  }
  // What ends a statement in `graph` (null: the default graph), made once per graph into
  // `bytes` (whose memory serves again).
  static void line_end(const EncodedIri* graph, std::string& bytes);
  // Bytes already encoded: a line's end, or a piece of a line made once for many.
  void encoded(std::string_view bytes) { put(bytes); }

 private:
  static constexpr EscapeTable kIriEscapes = make_escape_table(true);
  static constexpr EscapeTable kLiteralEscapes = make_escape_table(false);
  // In 16 bytes, those kLiteralEscapes does not write as they are. Plus one and read as signed,
  // the controls, 0x7F and the bytes of 0x80 and up (UTF-8, to check) are all below '!'.
  static constexpr auto kLiteralFlags = [](Bytes16 b) { return (SignedBytes16(b + 1) < '!') | (b == '"') | (b == '\\'); };

  // Out of line, so that iri() stays small enough to inline where most IRIs are a stem alone.
  [[gnu::noinline]] void stem_and_tail(const Iri& v) {
    const std::string_view stem = v.stem->encoded();
    put({stem.data(), stem.size() - 1});  // without its '>'
    if (v.plain_tail) put(v.tail);
    else iri_bytes(v.tail);
    put('>');
  }
  void iri_bytes(std::string_view v) {
    escaped(v, kIriEscapes, [](Bytes16 b) { return (b <= ' ') | (b == 0x7F) | (b == '"') | (b == '<') | (b == '>') | (b == '\\') |
                                                    (b == '^') | (b == '`') | (b == '{') | (b == '|') | (b == '}'); });
  }

  // `flags16` marks, in 16 bytes, those that `table` does not write as they are. False when v
  // holds a byte that `table` does not write or a UTF-8 sequence that is ill-formed: it is then
  // written only in part.
  template <class Flags16>
  bool escaped(std::string_view v, const EscapeTable& table, Flags16 flags16) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(v.data());
    const std::size_t n = v.size();
    // Most strings are short (a number, an id, a span's "#char=B,E", an anchor) and clean: one
    // test sees them whole. A flagged one goes on to the byte loop below.
    if (n < 16 && !any_flagged(v, flags16)) {
      put(v);
      return true;
    }
    std::size_t run = 0;  // start of the bytes not yet appended
    std::size_t i = 0;
    while (true) {
      // Nearly every byte goes out as it is: skip them sixteen at a time, the last few tested
      // in the string's last sixteen bytes (a flagged byte among those already passed only
      // sends them to the byte loop). A string shorter than that goes to the byte loop.
      if (n >= 16) {
        while (i + 32 <= n && !flagged_pair(bytes + i, flags16)) i += 32;
        while (i + 16 <= n) {  // to the flagged byte itself, if there is one, where the byte loop stops
          const unsigned as_is = first_flagged(bytes + i, flags16);
          i += as_is;
          if (as_is < 16) break;
        }
        if (i < n && i + 16 > n && !flagged(bytes + n - 16, flags16)) i = n;
      }
      while (i < n && table[bytes[i]] == kAsIs) ++i;
      if (i == n) break;
      const char e = table[bytes[i]];
      if (e == kUtf8Lead) {  // goes out with the run when well-formed
        std::size_t next = i;  // (a copy: i itself stays in a register)
        if (model::decode_utf8(v, next) == model::kInvalidCodePoint) return false;
        i = next;
        continue;
      }
      if (e == kNotWritten) return false;
      put({v.data() + run, i - run});
      if (e == kUnicodeEscape) {
        const char code[] = {'\\', 'u', '0', '0', kHex[bytes[i] >> 4], kHex[bytes[i] & 0xF]};
        put({code, sizeof code});
      } else {
        const char code[] = {'\\', e};
        put({code, sizeof code});
      }
      run = ++i;
    }
    put({v.data() + run, n - run});
    return true;
  }

  // Bytes go to at_, in the room the buffer gave up to end_, and are committed at the end: the
  // appends of a line are a test and a copy each.
  void put(std::string_view s) {
    if (s.size() > static_cast<std::size_t>(end_ - at_)) make_room(s.size());
    if (s.empty()) return;  // (memcpy as in Cursor::put)
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }
  void put(char c) {
    if (at_ == end_) make_room(1);
    *at_++ = c;
  }
  [[gnu::noinline]] void make_room(std::size_t n) {  // out of line: the appends stay small enough to inline
    out_.commit(at_);
    std::tie(at_, end_) = out_.room(n);
  }

  ByteBuffer& out_;
  char* at_;
  char* end_;
};

void EncodedIri::assign(std::string raw) {
  raw_ = std::move(raw);
  encoded_.clear();
  LineEncoder(encoded_).iri(raw_);
}
void EncodedIri::assign(const Iri& stem_and_tail) {
  raw_.assign(stem_and_tail.stem->raw()).append(stem_and_tail.tail);
  encoded_.clear();
  LineEncoder(encoded_).iri(stem_and_tail);
}
void EncodedIri::assign_encoded(const Iri& stem_and_tail) {
  raw_.clear();
  encoded_.clear();
  LineEncoder(encoded_).iri(stem_and_tail);
}

void LineEncoder::line_end(const EncodedIri* graph, std::string& bytes) {
  bytes.clear();
  if (graph) bytes.append(" ").append(graph->encoded());
  bytes.append(" .\n");
}

// The IRI of `local` in a namespace.
EncodedIri in(std::string_view name_space, std::string_view local) {
  std::string iri;
  iri.reserve(name_space.size() + local.size());
  iri.append(name_space).append(local);
  return EncodedIri(std::move(iri));
}
EncodedIri nkg(std::string_view local) { return in(vocab::kNkg, local); }
EncodedIri nif(std::string_view local) { return in(vocab::kNif, local); }
EncodedIri dcterms(std::string_view local) { return in(vocab::kDcterms, local); }

// The vocabulary written, each IRI encoded once; and the namespaces of IRIs made from names.
const EncodedIri kNkgNamespace = nkg("");
const EncodedIri kXsdNamespace = in(vocab::kXsd, "");
const EncodedIri kWdNamespace = in(vocab::kWd, "");
const EncodedIri kRdfType = in(vocab::kRdf, "type");
const EncodedIri kRdfsLabel = in(vocab::kRdfs, "label");
const EncodedIri kOwlSameAs = in(vocab::kOwl, "sameAs");
const EncodedIri kProvWasDerivedFrom = in(vocab::kProv, "wasDerivedFrom");
const EncodedIri kXsdNonNegativeInteger = in(vocab::kXsd, "nonNegativeInteger");
const EncodedIri kXsdDecimal = in(vocab::kXsd, "decimal");
const EncodedIri kDctermsTitle = dcterms("title");
const EncodedIri kDctermsSource = dcterms("source");
const EncodedIri kDctermsIssued = dcterms("issued");
const EncodedIri kNifContext = nif("Context");
const EncodedIri kNifString = nif("String");
const EncodedIri kNifIsString = nif("isString");
const EncodedIri kNifReferenceContext = nif("referenceContext");
const EncodedIri kNifBeginIndex = nif("beginIndex");
const EncodedIri kNifEndIndex = nif("endIndex");
const EncodedIri kNifAnchorOf = nif("anchorOf");
const EncodedIri kNkgDocument = nkg("Document");
const EncodedIri kNkgSourceName = nkg("sourceName");
const EncodedIri kNkgMentions = nkg("mentions");
const EncodedIri kNkgIso3 = nkg("iso3");
const EncodedIri kNkgAffiliation = nkg("affiliation");
const EncodedIri kNkgRole = nkg("role");
const EncodedIri kNkgClaimant = nkg("claimant");
const EncodedIri kNkgAccused = nkg("accused");
const EncodedIri kNkgProvider = nkg("provider");
const EncodedIri kNkgRecipient = nkg("recipient");
const EncodedIri kNkgParty = nkg("party");
const EncodedIri kNkgAbout = nkg("about");
const EncodedIri kNkgAidType = nkg("aidType");
const EncodedIri kNkgAgreementType = nkg("agreementType");
const EncodedIri kNkgStatus = nkg("status");
const EncodedIri kNkgQuantity = nkg("quantity");
const EncodedIri kNkgQuantityUnit = nkg("quantityUnit");
const EncodedIri kNkgQuantityBound = nkg("quantityBound");
const EncodedIri kNkgDate = nkg("date");
const EncodedIri kNkgActDescription = nkg("actDescription");
const EncodedIri kNkgCameoCode = nkg("cameoCode");
const EncodedIri kNkgPloverType = nkg("ploverType");
const EncodedIri kNkgEvidence = nkg("evidence");
const EncodedIri kNkgTrigger = nkg("trigger");
const EncodedIri kNkgExtractedBy = nkg("extractedBy");

// The IRI whole, for Serd: the stem alone, or stem and tail joined in `buffer`.
std::string_view joined(const Iri& v, std::string& buffer) {
  if (v.tail.empty()) return v.stem->raw();
  buffer.assign(v.stem->raw()).append(v.tail);
  return buffer;
}

}  // namespace

std::optional<RdfFormat> parse_rdf_format(std::string_view name) {
  if (name == "turtle" || name == "ttl") return RdfFormat::Turtle;
  if (name == "ntriples" || name == "nt") return RdfFormat::NTriples;
  if (name == "nquads" || name == "nq") return RdfFormat::NQuads;
  if (name == "trig") return RdfFormat::TriG;
  return std::nullopt;
}

bool is_absolute_iri(std::string_view s) {
  const std::size_t colon = s.find(':');
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (colon == std::string_view::npos || colon == 0 || !alpha(s[0])) return false;
  return std::all_of(s.begin() + 1, s.begin() + static_cast<std::ptrdiff_t>(colon),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'; });
}

namespace {

// `s` with the bytes that `encoded` marks percent-encoded: runs of the others appended whole.
std::string percent_encoded(std::string_view s, const std::array<bool, 256>& encoded) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t run = i;
    while (i < s.size() && !encoded[static_cast<unsigned char>(s[i])]) ++i;
    out.append(s.substr(run, i - run));
    if (i < s.size()) percent_encode(out, static_cast<unsigned char>(s[i++]));
  }
  if (needs_repair(out)) return valid_utf8(out);
  return out;
}

// What iri_escape and iri_segment_escape percent-encode.
constexpr std::array<bool, 256> kEncodedInIri = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c <= 0x20; ++c) t[c] = true;
  for (unsigned char c : std::string_view("\x7F<>\"{}|^`\\")) t[c] = true;
  return t;
}();
constexpr std::array<bool, 256> kEncodedInSegment = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x80; ++c) t[c] = !kUnreserved[c];
  return t;
}();

}  // namespace

std::string iri_escape(std::string_view s) { return percent_encoded(s, kEncodedInIri); }

std::string iri_segment_escape(std::string_view s) { return percent_encoded(s, kEncodedInSegment); }

std::string Iris::document(const model::DocumentInfo& info) const {
  return base + std::string(kDocumentPath) + iri_segment_escape(info.id);
}
std::string Iris::actor(std::string_view id) const { return base + std::string(kActorPath) + iri_segment_escape(id); }
std::string Iris::fact(const model::DocumentInfo& info, const model::Fact& f) const { return fact_in(document(info), f.local_id); }
std::string Iris::span(const model::DocumentInfo& info, const model::Span& s) const { return span_in(document(info), s); }
std::string Iris::fact_in(std::string_view document_iri, std::string_view local_id) {
  std::string id(document_iri);
  append_fact_suffix(id, local_id);
  return id;
}
std::string Iris::span_in(std::string_view document_iri, const model::Span& s) {
  std::string id(document_iri);
  id.append(SpanSuffix(s).view());
  return id;
}
std::string Iris::actors_graph() const { return base + std::string(kActorsGraphPath); }

struct RdfWriter::Impl {
  bool failed = false;  // a statement Serd refused, or a write that failed
  RdfOptions options;
  Iris iris;
  std::FILE* out;  // null in a writer that only renders
  std::size_t statements = 0;
  // N-Triples and N-Quads: lines encoded here (LineEncoder) into `lines` and handed to the
  // output a page at a time and at each flush(). Turtle and TriG: Serd's writer, which abbreviates.
  bool line_based;
  ByteBuffer lines;
  SerdEnv* env = nullptr;
  SerdWriter* writer = nullptr;
  // Ids of the actors described so far, asked for each actor of each document: hashed, as
  // ids compared along a tree's path share long prefixes.
  std::unordered_set<std::string> actors_written;
  const EncodedIri actor_namespace;  // an actor's IRI is this and its id as a path segment
  const EncodedIri actors_graph;
  const EncodedIri* graph = nullptr;  // current graph, null for the default graph
  std::string line_end;               // of statements in it
  std::string iri_line_end;           // '>' and line_end: what ends a line after an IRI's last bytes

  void set_graph(const EncodedIri* g) {
    graph = g;
    LineEncoder::line_end(quads() ? graph : nullptr, line_end);
    iri_line_end.assign(">").append(line_end);
  }

  // A predicate and object that many subjects of a document's graph share, with the bytes that
  // end their lines (" <predicate> <object> <graph> .") made once for all of them.
  struct SharedEnding {
    const EncodedIri* predicate = nullptr;
    const EncodedIri* object = nullptr;
    ByteBuffer bytes;
  };
  SharedEnding span_is_string, span_in_context, fact_derived_from_document;
  void share_ending(SharedEnding& ending, const EncodedIri& predicate, const EncodedIri& object) {
    ending.predicate = &predicate;
    ending.object = &object;
    ending.bytes.clear();
    LineEncoder line(ending.bytes);
    line.predicate(predicate);
    line.iri(object);
    line.encoded(line_end);
  }
  // A predicate whose objects are literals (of a datatype, or plain), with the bytes around
  // their lexical forms (' <predicate> "' and '"^^<datatype> <graph> .') made once per document.
  struct LiteralEnding {
    const EncodedIri* predicate = nullptr;
    const EncodedIri* datatype = nullptr;
    ByteBuffer before, after;
  };
  LiteralEnding span_begin_index, span_end_index, span_anchor;
  LiteralEnding fact_cameo_code, fact_plover_type, fact_extracted_by;  // on (nearly) every fact
  void share_literal_ending(LiteralEnding& ending, const EncodedIri& predicate, const EncodedIri* datatype) {
    ending.predicate = &predicate;
    ending.datatype = datatype;
    ending.before.clear();
    ending.after.clear();
    {
      LineEncoder line(ending.before);
      line.predicate(predicate);
      line.encoded("\"");
    }
    LineEncoder line(ending.after);
    line.literal_end(datatype ? Iri(*datatype) : Iri(), {});
    line.encoded(line_end);
  }

  // A predicate whose objects are IRIs of one stem (actors, ontology terms, a document's
  // spans), with the bytes before an object's tail (' <predicate> <stem') made once; the tail,
  // which needs no escaping, and iri_line_end end the line.
  struct StemEnding {
    const EncodedIri* predicate = nullptr;
    const EncodedIri* stem = nullptr;
    ByteBuffer before;
  };
  // Per writer: actors (actor_segment) and ontology terms (model::name(), ASCII letters).
  StemEnding mentions_actor, claimant_actor, accused_actor, provider_actor, recipient_actor, party_actor;
  StemEnding type_term, aid_type_term, agreement_type_term, status_term, quantity_bound_term;
  // Per document: its spans.
  StemEnding evidence_span, trigger_span;
  void share_stem_ending(StemEnding& ending, const EncodedIri& predicate, const EncodedIri& stem) {
    ending.predicate = &predicate;
    ending.stem = &stem;
    ending.before.clear();
    LineEncoder line(ending.before);
    line.predicate(predicate);
    line.encoded(stem.encoded().substr(0, stem.encoded().size() - 1));  // without its '>'
  }

  static constexpr std::size_t kLinePage = 64 * 1024;  // written out when this much is pending

  // The writers that render() lends to threads, one per thread at most, given back with their
  // buffers grown: made afresh for each document, they grew them again each time.
  std::mutex idle_renderers_mutex;
  std::vector<std::unique_ptr<Impl>> idle_renderers;
  std::unique_ptr<Impl> lend_renderer() {
    {
      std::lock_guard lock(idle_renderers_mutex);
      if (!idle_renderers.empty()) {
        std::unique_ptr<Impl> renderer = std::move(idle_renderers.back());
        idle_renderers.pop_back();
        renderer->failed = false;
        return renderer;
      }
    }
    return std::make_unique<Impl>(nullptr, options);
  }
  void take_back(std::unique_ptr<Impl> renderer) {
    std::lock_guard lock(idle_renderers_mutex);
    idle_renderers.push_back(std::move(renderer));
  }

  Impl(std::FILE* out_, RdfOptions options_);
  ~Impl() {
    if (writer) serd_writer_free(writer);
    if (env) serd_env_free(env);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void put(std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size()) failed = true;
  }
  static std::size_t sink(const void* buffer, std::size_t size, void* stream) {
    static_cast<Impl*>(stream)->put(std::string_view(static_cast<const char*>(buffer), size));
    return size;
  }
  // Hands what was written so far to the output: at the end of each document and of the output.
  void flush() {
    if (writer) serd_writer_finish(writer);
    if (lines.size() != 0) put(lines.view());
    lines.clear();
  }
  bool quads() const { return options.format == RdfFormat::NQuads || options.format == RdfFormat::TriG; }
  // A full page goes out; a writer that only renders keeps the whole piece.
  void line_written() {
    if (out && lines.size() >= kLinePage) flush();
  }
  void encode_line(const Iri& subject, const EncodedIri& predicate, const Term& object) {
    LineEncoder line(lines);
    line.iri(subject);
    line.predicate(predicate);
    if (object.type == SERD_URI) line.iri(object.resource);
    else line.literal(object.value, object.datatype, object.lang);
    line.encoded(line_end);
  }
  void emit(const Iri& subject, const SharedEnding& ending) {
    if (!line_based) return emit(subject, *ending.predicate, iri(*ending.object));
    encode_line(subject, ending.bytes.size(), [&](Cursor& at) { at.put(ending.bytes.view()); });
  }
  // `plain_tail`: the object's, which needs no escaping (see Iri::with_plain_tail).
  void emit(const Iri& subject, const StemEnding& ending, std::string_view plain_tail) {
    if (!line_based) return emit(subject, *ending.predicate, iri(Iri::with_plain_tail(*ending.stem, plain_tail)));
    encode_line(subject, ending.before.size() + plain_tail.size() + iri_line_end.size(), [&](Cursor& at) {
      at.put(ending.before.view());
      at.put(plain_tail);
      at.put(iri_line_end);
    });
  }
  void emit(const Iri& subject, const LiteralEnding& ending, std::string_view value) {
    if (!line_based) return emit(subject, *ending.predicate, ending.datatype ? typed(value, *ending.datatype) : literal(value));
    if (LineEncoder::written_as_it_is(value)) {
      encode_line(subject, ending.before.size() + value.size() + ending.after.size(), [&](Cursor& at) {
        at.put(ending.before.view());
        at.put(value);
        at.put(ending.after.view());
      });
      return;
    }
    ++statements;
    {
      LineEncoder line(lines);
      line.iri(subject);
      line.encoded(ending.before.view());
      line.literal_value(value);
      line.encoded(ending.after.view());
    }
    line_written();
  }
  // A line whose pieces after the subject `write_rest` puts at a Cursor, in at most `most`
  // bytes: one test of room for the line. (A subject of stem and tail, an actor's, goes first
  // through a LineEncoder.)
  void encode_line(const Iri& subject, std::size_t most, auto write_rest) {
    ++statements;
    if (subject.tail.empty()) {
      const std::string_view encoded = subject.stem->encoded();
      Cursor at(lines, encoded.size() + most);
      at.put(encoded);
      write_rest(at);
    } else {
      LineEncoder(lines).iri(subject);
      Cursor at(lines, most);
      write_rest(at);
    }
    line_written();
  }
  // `value`, or its repair (valid_utf8) kept in `repaired` where it needs one: for Serd, which
  // writes what it is given. (LineEncoder repairs literals as it writes them.)
  static std::string_view valid_literal(std::string_view value, std::string& repaired) {
    if (needs_repair(value)) return repaired = valid_utf8(value);
    return value;
  }
  void emit(const Iri& subject, const EncodedIri& predicate, const Term& object) {
    ++statements;
    if (line_based) {
      encode_line(subject, predicate, object);
      line_written();
    } else {
      std::string repaired;
      write_with_serd(subject, predicate, object, object.type == SERD_LITERAL ? valid_literal(object.value, repaired) : object.value);
    }
  }
  // The IRIs given Serd, joined from stem and tail (write_with_serd), their buffers kept.
  std::string subject_iri, object_iri, datatype_iri;
  // `value`: the object's lexical form, valid UTF-8 without NUL.
  void write_with_serd(const Iri& subject, const EncodedIri& predicate, const Term& object, std::string_view value) {
    const bool in_graph = quads() && graph;
    SerdNode s = node(joined(subject, subject_iri), SERD_URI);
    SerdNode p = node(predicate.raw(), SERD_URI);
    SerdNode o = object.type == SERD_URI ? node(joined(object.resource, object_iri), SERD_URI) : node(value, object.type);
    // Serd's Turtle and TriG writer puts a literal holding a quote or a line break in a long
    // string ("""..."""); Serd 0.30's reader mis-reads a long string holding '"\' or ending
    // in '""' (rapper reads both). Without the flags that choose the long form, such a literal
    // goes out as a short string with its quotes and line breaks escaped, which all readers read.
    if (object.type == SERD_LITERAL && (value.find("\"\\") != std::string_view::npos || value.ends_with("\"\""))) o.flags = 0;
    SerdNode dt = object.datatype.stem ? node(joined(object.datatype, datatype_iri), SERD_URI) : SERD_NODE_NULL;
    SerdNode lang = node(object.lang, SERD_LITERAL);
    SerdNode g = in_graph ? node(graph->raw(), SERD_URI) : SERD_NODE_NULL;
    if (serd_writer_write_statement(writer, 0, in_graph ? &g : nullptr, &s, &p, &o, object.datatype.stem ? &dt : nullptr,
                                    object.lang.empty() ? nullptr : &lang) != SERD_SUCCESS)
      failed = true;  // Serd refused the statement (and may have written part of it): the output is unusable
  }

  // An actor's id as the path segment of its IRI, escaped (as iri_segment_escape does) in
  // `buffer` only where it needs it: ids are mostly ASCII letters, digits and '-'.
  static std::string_view actor_segment(std::string_view actor_id, std::string& buffer) {
    if (std::all_of(actor_id.begin(), actor_id.end(), [](unsigned char c) { return is_unreserved(c); })) return actor_id;
    buffer = iri_segment_escape(actor_id);
    return buffer;
  }
  Iri actor_iri(std::string_view actor_id, std::string& buffer) const {
    return Iri::with_plain_tail(actor_namespace, actor_segment(actor_id, buffer));
  }

  // The state of the document being written, its buffers kept from one document to the next.
  EncodedIri doc_iri;
  SpanSet spans_written;
  // The subject of several statements in a row, encoded once for them.
  EncodedIri fact_iri, span_iri;
  // Serd reads a subject's raw IRI, the writers of lines only its encoded bytes.
  void assign_subject(EncodedIri& subject, const Iri& stem_and_tail) const {
    if (line_based) subject.assign_encoded(stem_and_tail);
    else subject.assign(stem_and_tail);
  }
  std::string fact_suffix;    // of fact_iri
  // The IRI of a fact of the document, its suffix made in `suffix`: written as it is where
  // the id holds only unreserved bytes, as those of assign_fact_ids do, else escaped.
  Iri fact_iri_of(std::string_view local_id, std::string& suffix) const {
    suffix.clear();
    append_fact_suffix(suffix, local_id);
    if (std::all_of(local_id.begin(), local_id.end(), [](unsigned char c) { return is_unreserved(c); }))
      return Iri::with_plain_tail(doc_iri, suffix);
    return {doc_iri, suffix};
  }
  // The lexical form of the date written last, kept for the next: most dates written repeat
  // the one before (a document's facts share a few), and Date::lexical() formats each time.
  std::optional<model::Date> lexical_date;
  std::string lexical_form;
  std::string_view lexical(const model::Date& d) {
    if (lexical_date != d) {
      lexical_form = d.lexical();
      lexical_date = d;
    }
    return lexical_form;
  }
  std::string actor_segment_buffer;  // for actor_segment()

  // True the first time a span of the document is seen.
  bool first_sight(const model::Span& s) { return spans_written.insert(s); }
  // For Serd: the IRI of a span, made in span_iri unless it holds it already (a span's
  // mentions follow its own statements).
  std::optional<SpanSuffix> span_iri_suffix;  // of span_iri
  const EncodedIri& span_subject(const model::Span& s) {
    if (!span_iri_suffix || !span_iri_suffix->of(s)) {
      span_iri_suffix.emplace(s);
      span_iri.assign(Iri::with_plain_tail(doc_iri, span_iri_suffix->view()));
    }
    return span_iri;
  }
  void write_span(const model::Span& s) {
    if (!first_sight(s)) return;
    if (line_based) {
      statements += 5;
      write_span_lines(s);
      line_written();
      return;
    }
    const EncodedIri& id = span_subject(s);
    const SpanSuffix& offsets = *span_iri_suffix;
    emit(id, span_is_string);
    emit(id, span_in_context);
    emit(id, span_begin_index, offsets.begin_digits());
    emit(id, span_end_index, offsets.end_digits());
    emit(id, span_anchor, s.anchor);
  }
  void write_mention(const model::Mention& mention) {
    write_span(mention.span);
    const std::string_view actor = actor_segment(mention.actor_id, actor_segment_buffer);
    if (!line_based) return emit(span_subject(mention.span), mentions_actor, actor);
    ++statements;
    write_mention_line(mention.span, actor);
    line_written();
  }

  // N-Triples and N-Quads: the lines of a span and of its mentions, the most written, from
  // pieces made once per document (prepare_span_pieces) that join each line's end to the
  // next line's subject. Per span only its offsets and anchor are written, per mention its
  // actor: a few copies, not the dozen appends a line takes from its parts.
  struct SpanPieces {
    std::string subject;                    // "<document#char=", then a span's "B,E"
    std::string after_type;                 // "> rdf:type nif:String <graph> .\n" and subject
    std::string after_context;              // "> nif:referenceContext <document> <graph> .\n" and subject
    std::string before_begin, after_begin;  // '> nif:beginIndex "', B, '"^^xsd:nonNegativeInteger <graph> .\n' and subject
    std::string before_end, after_end;      // the same for E
    std::string before_anchor;              // '> nif:anchorOf "', then the anchor
    std::string before_actor;               // "> nkg:mentions <actor namespace", then an actor's segment
    std::size_t most = 0;                   // of a span's lines before its anchor
  } span_pieces;
  void prepare_span_pieces() {
    SpanPieces& p = span_pieces;
    const std::string_view document = doc_iri.encoded();
    p.subject.assign(document.substr(0, document.size() - 1)).append(SpanSuffix::kFragment);
    const auto joined = [](std::string& piece, std::string_view first, std::string_view second) { piece.assign(first).append(second); };
    joined(p.after_type, ">", span_is_string.bytes.view());
    p.after_type += p.subject;
    joined(p.after_context, ">", span_in_context.bytes.view());
    p.after_context += p.subject;
    joined(p.before_begin, ">", span_begin_index.before.view());
    joined(p.after_begin, span_begin_index.after.view(), p.subject);
    joined(p.before_end, ">", span_end_index.before.view());
    joined(p.after_end, span_end_index.after.view(), p.subject);
    joined(p.before_anchor, ">", span_anchor.before.view());
    joined(p.before_actor, ">", mentions_actor.before.view());
    p.most = p.subject.size() + p.after_type.size() + p.after_context.size() + p.before_begin.size() + p.after_begin.size() +
             p.before_end.size() + p.after_end.size() + p.before_anchor.size() + 5 * SpanSuffix::kOffsetsRoom +
             2 * SpanSuffix::kDigitsRoom;
  }
  // The suffix of the span written last, whose mentions' lines follow its own.
  SpanSuffix last_suffix{model::Span{}};
  const SpanSuffix& suffix_of(const model::Span& s) {
    if (!last_suffix.of(s)) last_suffix.assign(s);
    return last_suffix;
  }
  void write_span_lines(const model::Span& s) {
    const SpanPieces& p = span_pieces;
    const SpanSuffix& offsets = suffix_of(s);
    // Most anchors (a name, a word) go out as they are, at the cursor; the rest are escaped.
    const std::string_view after_anchor = span_anchor.after.view();
    const bool plain_anchor = LineEncoder::written_as_it_is(s.anchor);
    {
      Cursor at(lines, p.most + (plain_anchor ? s.anchor.size() + after_anchor.size() : 0));
      at.put(p.subject);
      at.put_offsets(offsets);
      at.put(p.after_type);
      at.put_offsets(offsets);
      at.put(p.after_context);
      at.put_offsets(offsets);
      at.put(p.before_begin);
      at.put_begin_digits(offsets);
      at.put(p.after_begin);
      at.put_offsets(offsets);
      at.put(p.before_end);
      at.put_end_digits(offsets);
      at.put(p.after_end);
      at.put_offsets(offsets);
      at.put(p.before_anchor);
      if (plain_anchor) {
        at.put(s.anchor);
        at.put(after_anchor);
        return;
      }
    }
    LineEncoder line(lines);
    line.literal_value(s.anchor);
    line.encoded(after_anchor);
  }
  void write_mention_line(const model::Span& s, std::string_view actor) {
    const SpanPieces& p = span_pieces;
    const SpanSuffix& offsets = suffix_of(s);
    Cursor at(lines, p.subject.size() + SpanSuffix::kOffsetsRoom + p.before_actor.size() + actor.size() + iri_line_end.size());
    at.put(p.subject);
    at.put_offsets(offsets);
    at.put(p.before_actor);
    at.put(actor);
    at.put(iri_line_end);
  }

  void write_actor(const model::Actor& a) {
    std::string id_segment, affiliation_segment;
    const Iri id = actor_iri(a.id, id_segment);
    emit(id, type_term, model::name(a.type));
    emit(id, kRdfsLabel, english(a.label));
    if (!a.iso3.empty()) emit(id, kNkgIso3, literal(a.iso3));
    if (!a.wikidata.empty()) emit(id, kOwlSameAs, iri({kWdNamespace, a.wikidata}));
    if (!a.affiliation.empty()) emit(id, kNkgAffiliation, iri(actor_iri(a.affiliation, affiliation_segment)));
    if (!a.role.empty()) emit(id, kNkgRole, literal(a.role));
  }

  void write_document(const model::DocumentGraph& g);  // all but the actors
  void write_fact(const model::DocumentGraph& g, const model::Fact& f) {
    assign_subject(fact_iri, fact_iri_of(f.local_id, fact_suffix));
    const EncodedIri& id = fact_iri;
    emit(id, type_term, model::name(f.kind));
    auto roles = [&](const StemEnding& ending, const std::vector<std::string>& actors) {
      for (const std::string& a : actors) emit(id, ending, actor_segment(a, actor_segment_buffer));
    };
    roles(claimant_actor, f.claimant);
    roles(accused_actor, f.accused);
    roles(provider_actor, f.provider);
    roles(recipient_actor, f.recipient);
    roles(party_actor, f.party);
    if (f.about && *f.about < g.facts.size()) {
      std::string about_suffix;
      emit(id, kNkgAbout, iri(fact_iri_of(g.facts[*f.about].local_id, about_suffix)));
    }
    if (f.aid_type) emit(id, aid_type_term, model::name(*f.aid_type));
    if (f.agreement_type) emit(id, agreement_type_term, model::name(*f.agreement_type));
    if (f.status) emit(id, status_term, model::name(*f.status));
    if (f.quantity) {
      emit(id, kNkgQuantity, typed(f.quantity->value, kXsdDecimal));
      if (!f.quantity->unit.empty()) emit(id, kNkgQuantityUnit, literal(f.quantity->unit));
      emit(id, quantity_bound_term, model::name(f.quantity->bound));
    }
    if (f.date) emit(id, kNkgDate, typed(lexical(*f.date), Iri::with_plain_tail(kXsdNamespace, f.date->datatype())));
    if (!f.description.empty()) emit(id, kNkgActDescription, literal(f.description));
    if (!f.cameo.empty()) emit(id, fact_cameo_code, f.cameo);
    if (!f.plover.empty()) emit(id, fact_plover_type, f.plover);
    for (const model::Span& s : f.evidence) emit(id, evidence_span, SpanSuffix(s).view());
    if (f.trigger) emit(id, trigger_span, SpanSuffix(*f.trigger).view());
    emit(id, fact_derived_from_document);
    emit(id, fact_extracted_by, f.rule);
    for (const model::Span& s : f.evidence) write_span(s);
    if (f.trigger) write_span(*f.trigger);
  }
};

RdfWriter::Impl::Impl(std::FILE* out_, RdfOptions options_)
    : options(std::move(options_)),
      iris{options.base},
      out(out_),
      line_based(renders_apart(options.format)),
      actor_namespace(options.base + std::string(kActorPath)),
      actors_graph(iris.actors_graph()) {
  set_graph(nullptr);
  share_stem_ending(mentions_actor, kNkgMentions, actor_namespace);
  share_stem_ending(claimant_actor, kNkgClaimant, actor_namespace);
  share_stem_ending(accused_actor, kNkgAccused, actor_namespace);
  share_stem_ending(provider_actor, kNkgProvider, actor_namespace);
  share_stem_ending(recipient_actor, kNkgRecipient, actor_namespace);
  share_stem_ending(party_actor, kNkgParty, actor_namespace);
  share_stem_ending(type_term, kRdfType, kNkgNamespace);
  share_stem_ending(aid_type_term, kNkgAidType, kNkgNamespace);
  share_stem_ending(agreement_type_term, kNkgAgreementType, kNkgNamespace);
  share_stem_ending(status_term, kNkgStatus, kNkgNamespace);
  share_stem_ending(quantity_bound_term, kNkgQuantityBound, kNkgNamespace);
  if (line_based) return;
  env = serd_env_new(nullptr);
  const SerdSyntax syntax = options.format == RdfFormat::TriG ? SERD_TRIG : SERD_TURTLE;
  writer = serd_writer_new(syntax, static_cast<SerdStyle>(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED), env, nullptr, &Impl::sink, this);
  for (const vocab::Prefix& p : vocab::kPrefixes) {
    const std::string name(p.name), uri(p.iri);
    SerdNode n = node(name, SERD_LITERAL);
    SerdNode u = node(uri, SERD_URI);
    serd_env_set_prefix(env, &n, &u);
    serd_writer_set_prefix(writer, &n, &u);
  }
}

void RdfWriter::Impl::write_document(const model::DocumentGraph& g) {
  doc_iri.assign(iris.document(g.info));
  std::size_t spans = g.mentions.size();
  for (const model::Fact& f : g.facts) spans += f.evidence.size() + (f.trigger ? 1 : 0);
  spans_written.clear(spans);
  span_iri_suffix.reset();
  set_graph(&doc_iri);
  share_ending(span_is_string, kRdfType, kNifString);
  share_ending(span_in_context, kNifReferenceContext, doc_iri);
  share_ending(fact_derived_from_document, kProvWasDerivedFrom, doc_iri);
  share_literal_ending(span_begin_index, kNifBeginIndex, &kXsdNonNegativeInteger);
  share_literal_ending(span_end_index, kNifEndIndex, &kXsdNonNegativeInteger);
  share_literal_ending(span_anchor, kNifAnchorOf, nullptr);
  share_literal_ending(fact_cameo_code, kNkgCameoCode, nullptr);
  share_literal_ending(fact_plover_type, kNkgPloverType, nullptr);
  share_literal_ending(fact_extracted_by, kNkgExtractedBy, nullptr);
  share_stem_ending(evidence_span, kNkgEvidence, doc_iri);
  share_stem_ending(trigger_span, kNkgTrigger, doc_iri);
  if (line_based) prepare_span_pieces();
  emit(doc_iri, kRdfType, iri(kNkgDocument));
  emit(doc_iri, kRdfType, iri(kNifContext));
  if (!g.info.title.empty()) emit(doc_iri, kDctermsTitle, literal(g.info.title));
  // A URL without a scheme is no IRI that N-Triples can hold: it goes out as a plain literal.
  if (!g.info.url.empty()) {
    if (is_absolute_iri(g.info.url)) emit(doc_iri, kDctermsSource, iri(EncodedIri(iri_escape(g.info.url))));
    else emit(doc_iri, kDctermsSource, literal(g.info.url));
  }
  if (!g.info.source.empty()) emit(doc_iri, kNkgSourceName, literal(g.info.source));
  if (g.info.published) emit(doc_iri, kDctermsIssued, typed(lexical(*g.info.published), Iri::with_plain_tail(kXsdNamespace, g.info.published->datatype())));
  if (options.include_text) emit(doc_iri, kNifIsString, literal(g.info.text));
  for (const model::Fact& f : g.facts) write_fact(g, f);
  for (const model::Mention& mention : g.mentions) write_mention(mention);
  set_graph(&actors_graph);
}

RdfWriter::RdfWriter(std::FILE* out, RdfOptions options) : impl_(std::make_unique<Impl>(out, std::move(options))) {}

RdfWriter::~RdfWriter() = default;

bool renders_apart(RdfFormat format) { return format == RdfFormat::NTriples || format == RdfFormat::NQuads; }

void RdfWriter::render(const model::DocumentGraph& g, RenderedDocument& rendered,
                       const std::function<bool(std::string_view actor_id)>& written) const {
  // A writer of its own, so that threads can render at once; line-based syntaxes keep no
  // state from one statement to the next, so the pieces join into what one writer would write.
  std::unique_ptr<Impl> renderer = impl_->lend_renderer();
  Impl& scratch = *renderer;
  // Encodes what `write` writes into the memory of `into`; returns the number of statements.
  auto render_into = [&](RenderedBytes& into, auto write) {
    scratch.lines.reuse(std::move(into));
    const std::size_t before = scratch.statements;
    write();
    into = scratch.lines.take();
    return scratch.statements - before;
  };
  rendered.count = render_into(rendered.statements, [&] { scratch.write_document(g); });
  std::size_t pieces = 0;
  for (const model::Actor& actor : g.actors) {
    if (written && written(actor.id)) continue;
    if (pieces == rendered.actors.size()) rendered.actors.emplace_back();
    RenderedDocument::Actor& piece = rendered.actors[pieces++];
    piece.id = actor.id;
    piece.count = render_into(piece.statements, [&] { scratch.write_actor(actor); });
  }
  rendered.actors.resize(pieces);
  rendered.failed = scratch.failed;
  impl_->take_back(std::move(renderer));
}

void RdfWriter::write(const RenderedDocument& rendered) {
  Impl& m = *impl_;
  m.put(rendered.statements.view());
  m.statements += rendered.count;
  for (const RenderedDocument::Actor& a : rendered.actors)
    if (m.actors_written.insert(a.id).second) {
      m.put(a.statements.view());
      m.statements += a.count;
    }
  m.failed |= rendered.failed;
}

void RdfWriter::write(const model::DocumentGraph& g) {
  Impl& m = *impl_;
  m.write_document(g);
  for (const model::Actor& a : g.actors)
    if (m.actors_written.insert(a.id).second) m.write_actor(a);
  // The document goes out whole now, ready for a filter's reader, and a
  // write(RenderedDocument) may follow. (Turtle and TriG keep their open statement.)
  if (m.line_based) m.flush();
}

std::size_t RdfWriter::statements() const { return impl_->statements; }

bool RdfWriter::finish() {
  impl_->flush();
  std::fflush(impl_->out);
  return !std::ferror(impl_->out) && !impl_->failed;
}

}  // namespace newskg::exporters
