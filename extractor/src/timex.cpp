// Time expressions, normalised against the publication date: "in June", "on Tuesday",
// "last month", "since August 2023", "on Oct. 18, 2024", "in 2022".
#include <charconv>

#include "analysis.hpp"

namespace newskg {

using namespace std::string_view_literals;
namespace {

int to_int(std::string_view s) {
  int v = -1;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Days since 1970-01-01 (proleptic Gregorian), and back; for weekday arithmetic.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

model::Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  model::Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2));
  d.precision = model::DatePrecision::Day;
  return d;
}

bool plausible_year(int y) { return y >= 1900 && y <= 2100; }

// The first token from `i` on that may open a time expression: a number, or one with a start
// bit of `opening`; tokens.size() if none. Apart from find_times(), whose many values would crowd
// this loop over every token out of the registers.
[[gnu::noinline]] std::size_t next_opening(const std::vector<Token>& tokens, const std::vector<Vocabulary::Indexes>& starts,
                                           Vocabulary::Indexes opening, std::size_t i) {
  const std::size_t count = tokens.size();
  while (i < count && !(starts[i] & opening) && !tokens[i].is_number) ++i;
  return i;
}

}  // namespace

void find_times(Analysis& a) {
  const Document& doc = a.doc;
  const auto& toks = doc.tokens();
  const std::optional<model::Date>& published = doc.info().published;
  const PhraseIndex& months = a.tables.month;
  const PhraseIndex& weekdays = a.tables.weekday;
  const PhraseIndex& relative = a.tables.relative_time;
  // A time expression opens with a month, a weekday, a relative time or a year: one test of
  // the start bits and the number flag rules out most tokens.
  const Vocabulary::Indexes opening = months.start_bit() | weekdays.start_bit() | relative.start_bit();
  for (std::size_t i = 0; (i = next_opening(toks, a.token_ids.starts, opening, i)) < toks.size(); ++i) {
    const std::size_t limit = doc.sentences()[doc.sentence_of(i)].last;
    if (auto m = months.longest_at(a.token_ids, i, limit); m && toks[i].capitalized) {
      // "May" is also a modal verb: as a month it needs a preposition, a day or a year.
      const int month = to_int(a.tables.entry(m->payload).attr("number"));
      std::size_t end = m->last;
      int day = 0, year = 0;
      if (end < limit && toks[end].is_number && toks[end].norm.size() <= 2) {
        day = to_int(toks[end].norm);
        ++end;
        if (end + 1 < limit && toks[end].norm == ","sv && toks[end + 1].is_number && plausible_year(to_int(toks[end + 1].norm))) {
          year = to_int(toks[end + 1].norm);
          end += 2;
        }
      } else if (end < limit && toks[end].is_number && plausible_year(to_int(toks[end].norm))) {
        year = to_int(toks[end].norm);
        ++end;
      }
      if (i > 0 && toks[i - 1].is_number && toks[i - 1].norm.size() <= 2 && day == 0) day = to_int(toks[i - 1].norm);  // 18 October
      const bool introduced = i > 0 && (toks[i - 1].norm == "in"sv || toks[i - 1].norm == "since"sv || toks[i - 1].norm == "on"sv ||
                                        toks[i - 1].norm == "by"sv || toks[i - 1].norm == "until"sv || toks[i - 1].norm == "last"sv ||
                                        toks[i - 1].norm == "early"sv || toks[i - 1].norm == "late"sv || toks[i - 1].norm == "mid"sv ||
                                        toks[i - 1].norm == "from"sv || toks[i - 1].norm == "of"sv || toks[i - 1].norm == "this"sv);
      if (!introduced && day == 0 && year == 0) continue;
      if (year == 0) {
        if (!published) continue;
        // A month without a year is the latest such month not after publication.
        year = month <= published->month ? published->year : published->year - 1;
      }
      model::Date d;
      d.year = year;
      d.month = month;
      d.day = day;
      d.precision = model::DatePrecision::Month;
      if (day >= 1 && day <= model::days_in_month(year, month)) d.precision = model::DatePrecision::Day;
      else d.day = 0;
      a.times.push_back({i, end, d});
      i = end - 1;
    } else if (auto w = weekdays.longest_at(a.token_ids, i, limit); w && toks[i].capitalized && published &&
                                                                     published->precision == model::DatePrecision::Day) {
      // The latest such weekday on or before publication (news reports the past week).
      const long pub = days_from_civil(published->year, published->month, published->day);
      const int pub_weekday = static_cast<int>(((pub % 7) + 7 + 3) % 7) + 1;  // 1970-01-01 was a Thursday
      const int want = to_int(a.tables.entry(w->payload).attr("number"));
      const int back = (pub_weekday - want + 7) % 7;
      a.times.push_back({i, w->last, civil_from_days(pub - back)});
      i = w->last - 1;
    } else if (auto r = relative.longest_at(a.token_ids, i, limit); r && published) {
      const LexiconEntry& e = a.tables.entry(r->payload);
      const int offset = to_int(e.attr("offset"));
      const std::string_view unit = e.attr("unit");
      model::Date d = *published;
      if (unit == "day" && published->precision == model::DatePrecision::Day) {
        d = civil_from_days(days_from_civil(d.year, d.month, d.day) + offset);
      } else if (unit == "week" && published->precision == model::DatePrecision::Day) {
        // A week has no XSD type of its own: "last week" is the month that week fell in.
        d = civil_from_days(days_from_civil(d.year, d.month, d.day) + 7 * offset);
        d = model::Date{d.year, d.month, 0, model::DatePrecision::Month};
      } else if (unit == "month" && published->precision != model::DatePrecision::Year) {
        int months_total = d.year * 12 + (d.month - 1) + offset;
        d = model::Date{months_total / 12, months_total % 12 + 1, 0, model::DatePrecision::Month};
      } else if (unit == "year") {
        d = model::Date{d.year + offset, 0, 0, model::DatePrecision::Year};
      } else {
        continue;
      }
      a.times.push_back({i, r->last, d});
      i = r->last - 1;
    } else if (toks[i].is_number && toks[i].norm.size() == 4 && plausible_year(to_int(toks[i].norm)) && i > 0 &&
               (toks[i - 1].norm == "in"sv || toks[i - 1].norm == "since"sv || toks[i - 1].norm == "by"sv || toks[i - 1].norm == "until"sv ||
                toks[i - 1].norm == "of"sv || toks[i - 1].norm == "from"sv || toks[i - 1].norm == "during"sv)) {
      a.times.push_back({i, i + 1, model::Date{to_int(toks[i].norm), 0, 0, model::DatePrecision::Year}});
    }
  }
}

}  // namespace newskg
