#include "newskg/utf8.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newskg::model {

char32_t detail::decode_utf8_beyond_ascii(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i++);
  std::size_t length;
  char32_t c;
  // The range of the second byte depends on the lead (Table 3-7); the others are 80..BF.
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    c = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    c = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return kInvalidCodePoint;  // a continuation byte, C0, C1 or F5..FF
  }
  for (std::size_t k = 1; k < length; ++k) {
    // A missing or out-of-range byte ends the ill-formed subpart; i stays on it.
    if (i >= s.size() || byte(i) < low || byte(i) > high) return kInvalidCodePoint;
    c = (c << 6) | (byte(i++) & 0x3F);
    low = 0x80;
    high = 0xBF;
  }
  return c;
}

std::size_t ascii_run_length(std::string_view s) {
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is (every x86-64): the high bit of each byte, and of each
  // NUL once compared with zero, make a mask whose lowest bit is the run's end.
  const __m128i zero = _mm_setzero_si128();
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i sixteen = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const auto stops = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(sixteen, _mm_cmpeq_epi8(sixteen, zero))));
    if (stops != 0) return i + static_cast<std::size_t>(std::countr_zero(stops));
  }
#endif
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
  for (std::uint64_t eight; i + 8 <= s.size(); i += 8) {
    std::memcpy(&eight, s.data() + i, 8);
    // A byte of 0x80 or more has its high bit set; (eight - kOnes) & ~eight sets the high bit
    // of the first zero byte (and maybe of later ones, which end the run just as well).
    const std::uint64_t stops = (eight | ((eight - kOnes) & ~eight)) & kHighBits;
    if (stops != 0) {
      const int bit = std::endian::native == std::endian::little ? std::countr_zero(stops) : std::countl_zero(stops);
      return i + static_cast<std::size_t>(bit / 8);
    }
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) - 1u < 0x7Fu) ++i;
  return i;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    i += ascii_run_length(s.substr(i));
    if (i < s.size() && decode_utf8(s, i) == kInvalidCodePoint) return false;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    if (decode_utf8(s, i) == kInvalidCodePoint) out += "\xEF\xBF\xBD";
    else out.append(s.substr(start, i - start));
  }
  return out;
}

}  // namespace newskg::model
