#include "newskg/model.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <compare>
#include <concepts>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "newskg/utf8.hpp"

namespace newskg::model {

namespace {

// Appends `value` in decimal, zero-padded to `width` digits as "{:0<width>d}" writes it.
template <std::integral T>
void append_decimal(std::string& out, T value, std::size_t width = 0) {
  if (std::cmp_less(value, 0)) {  // never from a real date or offset
    fmt::format_to(std::back_inserter(out), "{:0{}d}", value, width);
    return;
  }
  char digits[24];
  const auto n = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, value).ptr - digits);
  if (n < width) out.append(width - n, '0');
  out.append(digits, n);
}

}  // namespace

std::string Date::lexical() const {
  // By hand rather than with fmt::format: the exporters write the date of every dated fact.
  std::string out;
  append_decimal(out, year, 4);
  if (precision == DatePrecision::Year) return out;
  out += '-';
  append_decimal(out, month, 2);
  if (precision == DatePrecision::Month) return out;
  out += '-';
  append_decimal(out, day, 2);
  return out;
}

std::string_view Date::datatype() const {
  switch (precision) {
    case DatePrecision::Day: return "date";
    case DatePrecision::Month: return "gYearMonth";
    case DatePrecision::Year: break;
  }
  return "gYear";
}

const Actor* DocumentGraph::find_actor(std::string_view id) const {
  auto it = std::lower_bound(actors.begin(), actors.end(), id,
                             [](const Actor& a, std::string_view key) { return a.id < key; });
  return it != actors.end() && it->id == id ? &*it : nullptr;
}

namespace {

std::string base_key(const Fact& fact) {
  // "-B-E" made in place, so that the key is allocated once, at its size.
  std::array<char, 2 * (1 + std::numeric_limits<std::size_t>::digits10 + 1)> offsets;
  char* end = offsets.data();
  if (!fact.evidence.empty())
    for (std::size_t offset : {fact.evidence.front().begin, fact.evidence.front().end}) {
      *end++ = '-';
      end = std::to_chars(end, offsets.data() + offsets.size(), offset).ptr;
    }
  const std::string_view kind = name(fact.kind);
  std::string key(kind.size() + static_cast<std::size_t>(end - offsets.data()), '-');
  // Kind names are ASCII: lowercased by arithmetic, not by a locale call per letter.
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::copy(offsets.data(), end, std::transform(kind.begin(), kind.end(), key.begin(), lower));
  return key;
}

// What tells apart two facts of one kind on one span, from their content only (so that an
// IRI never changes meaning when the extractor finds facts in another order): the aid or
// agreement type, the act or claim a claim is about, an act's own words, else its roles.
std::string discriminator(const DocumentGraph& graph, const Fact& fact) {
  std::string d;
  if (fact.aid_type) d = std::string(name(*fact.aid_type));
  if (fact.agreement_type) d = std::string(name(*fact.agreement_type));
  if (fact.about && *fact.about < graph.facts.size()) d = base_key(graph.facts[*fact.about]);
  if (!fact.description.empty()) d = stable_hash(fact.description).substr(0, 8);
  if (d.empty())
    for (const auto* role : {&fact.claimant, &fact.accused, &fact.provider, &fact.recipient, &fact.party})
      for (const std::string& id : *role) d += "-" + id;
  return slug(d);
}

// What base_key(fact) is made of, compared as numbers: equal exactly where the keys are.
struct BaseKeyParts {
  explicit BaseKeyParts(const Fact& fact)
      : kind(fact.kind), has_evidence(!fact.evidence.empty()), begin(has_evidence ? fact.evidence.front().begin : 0),
        end(has_evidence ? fact.evidence.front().end : 0) {}
  FactKind kind;
  bool has_evidence;
  std::size_t begin, end;
  friend auto operator<=>(const BaseKeyParts&, const BaseKeyParts&) = default;
};

struct Occurrence {
  std::size_t rank = 0;   // how many keys equal to this one come before it
  std::size_t count = 0;  // how many keys equal this one, itself included
};

// The occurrences of each key in `keys`, from one sort rather than a map. (Equal keys keep
// their order by index, as a stable sort would, without its buffer.)
template <class Key>
std::vector<Occurrence> occurrences(const std::vector<Key>& keys) {
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto c = keys[x] <=> keys[y];
    return c < 0 || (c == 0 && x < y);
  });
  std::vector<Occurrence> out(keys.size());
  for (std::size_t run = 0, end = 0; run < order.size(); run = end) {
    while (end < order.size() && keys[order[end]] == keys[order[run]]) ++end;
    for (std::size_t k = run; k < end; ++k) out[order[k]] = {k - run, end - run};
  }
  return out;
}

}  // namespace

void assign_fact_ids(DocumentGraph& graph) {
  // The keys are made in the local ids themselves, extended and numbered there.
  std::vector<BaseKeyParts> parts;
  parts.reserve(graph.facts.size());
  for (Fact& fact : graph.facts) {
    fact.local_id = base_key(fact);
    parts.emplace_back(fact);
  }
  // Which keys are shared, found from their parts: numbers compare faster than the strings.
  const std::vector<Occurrence> shared = occurrences(parts);
  bool extended = false;
  for (std::size_t i = 0; i < graph.facts.size(); ++i)
    if (shared[i].count > 1)
      if (std::string d = discriminator(graph, graph.facts[i]); !d.empty()) {
        graph.facts[i].local_id.append("-").append(d);
        extended = true;
      }
  // Two facts alike in every way but order still need two names.
  std::vector<Occurrence> repeated;
  if (extended) {
    std::vector<std::string_view> keys;  // (no more used once local ids grow below)
    keys.reserve(graph.facts.size());
    for (const Fact& fact : graph.facts) keys.push_back(fact.local_id);
    repeated = occurrences(keys);
  }
  const std::vector<Occurrence>& ranks = extended ? repeated : shared;
  for (std::size_t i = 0; i < graph.facts.size(); ++i)
    if (ranks[i].rank != 0) graph.facts[i].local_id += fmt::format("-{}", ranks[i].rank + 1);
}

std::string_view name(ActorType t) {
  switch (t) {
    case ActorType::State: return "State";
    case ActorType::Organization: return "Organization";
    case ActorType::GovernmentBody: return "GovernmentBody";
    case ActorType::Person: return "Person";
    case ActorType::ArmedGroup: return "ArmedGroup";
    case ActorType::Group: return "Group";
  }
  return "Actor";
}

std::string_view name(FactKind k) {
  switch (k) {
    case FactKind::Aid: return "Aid";
    case FactKind::Agreement: return "Agreement";
    case FactKind::OtherAct: return "OtherAct";
    case FactKind::Allegation: return "Allegation";
    case FactKind::Denial: return "Denial";
    case FactKind::Confirmation: return "Confirmation";
  }
  return "Fact";
}

std::string_view name(AidType t) {
  switch (t) {
    case AidType::Military: return "MilitaryAid";
    case AidType::Weapons: return "WeaponsAid";
    case AidType::Troops: return "TroopsAid";
    case AidType::Humanitarian: return "HumanitarianAid";
    case AidType::Financial: return "FinancialAid";
    case AidType::Other: return "OtherAid";
  }
  return "OtherAid";
}

std::string_view name(AgreementType t) {
  switch (t) {
    case AgreementType::Defense: return "DefenseAgreement";
    case AgreementType::Trade: return "TradeAgreement";
    case AgreementType::Ceasefire: return "Ceasefire";
    case AgreementType::Peace: return "PeaceAgreement";
    case AgreementType::Cooperation: return "CooperationAgreement";
    case AgreementType::Other: return "OtherAgreement";
  }
  return "OtherAgreement";
}

std::string_view name(Status s) {
  switch (s) {
    case Status::Actual: return "Actual";
    case Status::Considered: return "Considered";
    case Status::Planned: return "Planned";
    case Status::Alleged: return "Alleged";
    case Status::Denied: return "Denied";
    case Status::Refused: return "Refused";
  }
  return "Actual";
}

std::string_view name(QuantityBound b) {
  switch (b) {
    case QuantityBound::Exact: return "Exact";
    case QuantityBound::AtLeast: return "AtLeast";
    case QuantityBound::AtMost: return "AtMost";
    case QuantityBound::Approximately: return "Approximately";
  }
  return "Exact";
}

namespace {
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() < 4 || !all_digits(s.substr(0, 4))) return std::nullopt;
  d.year = to_int(s.substr(0, 4));
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-' || !all_digits(s.substr(5, 2))) return std::nullopt;
  d.month = to_int(s.substr(5, 2));
  if (d.month < 1 || d.month > 12) return std::nullopt;
  d.precision = DatePrecision::Month;
  if (s.size() == 7) return d;
  if (s.size() != 10 || s[7] != '-' || !all_digits(s.substr(8, 2))) return std::nullopt;
  d.day = to_int(s.substr(8, 2));
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  d.precision = DatePrecision::Day;
  return d;
}

std::string stable_hash(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // Sixteen lowercase hex digits, written directly: the extractor hashes every new actor name.
  std::string hex(16, '0');
  for (auto digit = hex.rbegin(); digit != hex.rend(); ++digit, h >>= 4) *digit = "0123456789abcdef"[h & 0xF];
  return hex;
}

namespace {

// Non-ASCII code points that separate words in a slug: Latin-1 punctuation and symbols (NBSP,
// «, », §, ...), × and ÷, General Punctuation (dashes, curly quotes, thin spaces, ...) and CJK
// punctuation (ideographic space, 、, 。, ...). Every other code point counts as a letter.
bool non_ascii_separator(char32_t c) {
  return (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F);
}

}  // namespace

std::string slug(std::string_view s) {
  std::string out;
  bool dash = false;
  auto keep = [&](std::string_view letter) {
    if (dash && !out.empty()) out += '-';
    dash = false;
    out += letter;
  };
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = decode_utf8(s, i);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      keep(s.substr(start, 1));
    } else if (c >= 'A' && c <= 'Z') {
      const char lower = static_cast<char>(c - 'A' + 'a');
      keep({&lower, 1});
    } else if (c == '.' || c == '\'' || c == 0x2019) {
      // "U.N." -> "un", "Russia's" and "Russia’s" -> "russias"
    } else if (c >= 0x80 && c != kInvalidCodePoint && !non_ascii_separator(c)) {
      keep(s.substr(start, i - start));  // a non-ASCII letter, as written
    } else {
      dash = true;  // ASCII punctuation, spaces, controls, non-ASCII punctuation, invalid bytes
    }
  }
  return out;
}

}  // namespace newskg::model
