// Python's string semantics where kgscore relies on them: code-point slicing, str.upper(),
// whitespace, float formatting.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newskg::evaluation::text {

// Python's str.isspace() for one code point (the set re's \s and str.strip() use).
bool is_space(char32_t c);

// Python's str.upper() (full case mapping, no locale).
std::string upper(std::string_view utf8);

std::size_t code_points(std::string_view utf8);

// Python's s[begin:end] on code points, with its negative and out-of-range index rules.
std::string slice(std::string_view utf8, long long begin, long long end);
inline std::string head(std::string_view utf8, long long n) { return slice(utf8, 0, n); }
inline std::string tail(std::string_view utf8, long long n) {
  return slice(utf8, -n, static_cast<long long>(code_points(utf8)));
}

// Python's int(str) for the literals kgscore converts (sign, ASCII digits, single
// underscores between digits, surrounding whitespace); false when Python would raise.
bool parse_int(std::string_view s, long long& out);

// Python's repr(float): the shortest text that reads back, "1.0", "0.125", "1e-05".
std::string float_repr(double);

// Python's f"{x:.3f}".
std::string fixed3(double);

}  // namespace newskg::evaluation::text
