// Python's string semantics where kgscore relies on them, and the actor-name normaliser.
#include "text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <cstdio>
#include <string>
#include <system_error>
#include <vector>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "newskg/evaluation.hpp"

namespace newskg::evaluation {
namespace text {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offsets where code points start, plus the end.
std::vector<std::size_t> starts(std::string_view s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!is_continuation(static_cast<unsigned char>(s[i]))) out.push_back(i);
  out.push_back(s.size());
  return out;
}

std::u32string to_u32(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(s.char32At(i)));
  return out;
}

std::string to_utf8(const std::u32string& s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

}  // namespace

bool is_space(char32_t c) {
  switch (c) {
    case U'\t': case U'\n': case U'\v': case U'\f': case U'\r':
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case U' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

std::string upper(std::string_view utf8) {
  icu::UnicodeString u = from_utf8(utf8);
  u.toUpper(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::size_t code_points(std::string_view utf8) { return starts(utf8).size() - 1; }

std::string slice(std::string_view utf8, long long begin, long long end) {
  const std::vector<std::size_t> at = starts(utf8);
  const long long n = static_cast<long long>(at.size()) - 1;
  auto clamp = [n](long long i) {
    if (i < 0) i += n;
    if (i < 0) i = 0;
    if (i > n) i = n;
    return i;
  };
  begin = clamp(begin);
  end = clamp(end);
  if (end <= begin) return {};
  return std::string(utf8.substr(at[static_cast<std::size_t>(begin)], at[static_cast<std::size_t>(end)] - at[static_cast<std::size_t>(begin)]));
}

bool parse_int(std::string_view s, long long& out) {
  std::u32string cps = to_u32(from_utf8(s));
  std::size_t b = 0, e = cps.size();
  while (b < e && is_space(cps[b])) ++b;
  while (e > b && is_space(cps[e - 1])) --e;
  bool negative = false;
  if (b < e && (cps[b] == U'+' || cps[b] == U'-')) negative = cps[b++] == U'-';
  if (b == e) return false;
  long long value = 0;
  bool last_digit = false;
  for (std::size_t i = b; i < e; ++i) {
    const char32_t c = cps[i];
    if (c == U'_') {
      if (!last_digit || i + 1 == e) return false;
      last_digit = false;
      continue;
    }
    if (c < U'0' || c > U'9') return false;
    if (value > (std::numeric_limits<long long>::max() - 9) / 10) return false;  // far beyond any text
    value = value * 10 + static_cast<long long>(c - U'0');
    last_digit = true;
  }
  out = negative ? -value : value;
  return true;
}

std::string float_repr(double x) {
  if (x != x) return "NaN";
  if (x == std::numeric_limits<double>::infinity()) return "Infinity";
  if (x == -std::numeric_limits<double>::infinity()) return "-Infinity";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // "-1.25e-05", shortest digits
  std::string sign;
  if (!sci.empty() && sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  const std::size_t epos = sci.find('e');
  std::string digits = sci.substr(0, epos);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exp = std::stoi(sci.substr(epos + 1));
  if (exp < -4 || exp >= 16) {
    std::string mant = digits.substr(0, 1);
    if (digits.size() > 1) mant += "." + digits.substr(1);
    return sign + mant + (exp < 0 ? "e-" : "e+") + (std::abs(exp) < 10 ? "0" : "") + std::to_string(std::abs(exp));
  }
  std::string out;
  if (exp < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<std::size_t>(exp) + 1 >= digits.size()) {
    out = digits + std::string(static_cast<std::size_t>(exp) + 1 - digits.size(), '0') + ".0";
  } else {
    out = digits.substr(0, static_cast<std::size_t>(exp) + 1) + "." + digits.substr(static_cast<std::size_t>(exp) + 1);
  }
  return sign + out;
}

std::string fixed3(double x) {
  // glibc's printf rounds the exact binary value half to even, as Python's format does.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

}  // namespace text

std::string normalize_name(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString u = text::from_utf8(name);
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfkc->normalize(u, status);
    if (U_SUCCESS(status)) u = n;
  }
  u.toLower(icu::Locale::getRoot());
  const std::u32string lowered = text::to_u32(u);
  std::u32string s;
  for (char32_t c : lowered) {
    if (c == U'.' || c == U'-') continue;
    s.push_back(c == U'\u2019' ? U'\'' : c);
  }
  // re.sub(r"^the\s+", "", name)
  if (s.size() > 3 && s.compare(0, 3, U"the") == 0 && text::is_space(s[3])) {
    std::size_t i = 3;
    while (i < s.size() && text::is_space(s[i])) ++i;
    s.erase(0, i);
  }
  // re.sub(r"\s+", " ", name).strip()
  std::u32string out;
  bool pending_space = false;
  for (char32_t c : s) {
    if (text::is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(c);
  }
  return text::to_utf8(out);
}

}  // namespace newskg::evaluation
