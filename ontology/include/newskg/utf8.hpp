// Strict UTF-8 (Unicode 15, section 3.9, Table 3-7): no overlong forms, no surrogates, nothing
// above U+10FFFF. Shared by the extractor and the exporters; no dependency beyond the standard
// library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newskg::model {

// What decode_utf8 returns for an ill-formed sequence.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

namespace detail {
// decode_utf8() of a sequence whose lead byte is not ASCII.
char32_t decode_utf8_beyond_ascii(std::string_view s, std::size_t& i);
}  // namespace detail

// Decodes the code point starting at s[i] and moves i past it. An ill-formed sequence gives
// kInvalidCodePoint and moves i past its maximal subpart (at least one byte), so that each
// ill-formed subsequence counts once, as ICU and Python count it. Requires i < s.size().
// Inline for ASCII, which callers that walk a text meet most.
inline char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  return detail::decode_utf8_beyond_ascii(s, i);
}

// The length of the run of ASCII bytes other than NUL that s starts with: text that needs no
// decoding. News text is mostly ASCII, so the run is found eight bytes at a time.
std::size_t ascii_run_length(std::string_view s);

// True when s is well-formed UTF-8 (NUL included).
bool is_valid_utf8(std::string_view s);

// s with each maximal ill-formed subsequence replaced by U+FFFD; well-formed text is unchanged.
std::string to_valid_utf8(std::string_view s);

}  // namespace newskg::model
