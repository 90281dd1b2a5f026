// Unit tests of the fact model (ontology/model.cpp): dates, hashes, slugs, fact ids.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "newskg/model.hpp"
#include "newskg/utf8.hpp"

namespace {

using namespace newskg::model;

// ---------------------------------------------------------------- parse_date

TEST(ModelDate, ParsesYear) {
  auto d = parse_date("2024");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 0);
  EXPECT_EQ(d->day, 0);
  EXPECT_EQ(d->precision, DatePrecision::Year);
}

TEST(ModelDate, ParsesYearMonth) {
  auto d = parse_date("2024-06");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 6);
  EXPECT_EQ(d->day, 0);
  EXPECT_EQ(d->precision, DatePrecision::Month);
}

TEST(ModelDate, ParsesFullDate) {
  auto d = parse_date("2024-06-01");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 6);
  EXPECT_EQ(d->day, 1);
  EXPECT_EQ(d->precision, DatePrecision::Day);
}

TEST(ModelDate, AcceptsLeapDayOnlyInLeapYears) {
  EXPECT_TRUE(parse_date("2024-02-29").has_value());
  EXPECT_TRUE(parse_date("2000-02-29").has_value());  // divisible by 400
  EXPECT_FALSE(parse_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_date("1900-02-29").has_value());  // divisible by 100, not 400
}

TEST(ModelDate, AcceptsLastDayOfEveryMonth) {
  const char* last[] = {"2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30", "2023-05-31", "2023-06-30",
                        "2023-07-31", "2023-08-31", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"};
  for (const char* s : last) EXPECT_TRUE(parse_date(s).has_value()) << s;
  const char* past[] = {"2023-04-31", "2023-06-31", "2023-09-31", "2023-11-31", "2023-01-32"};
  for (const char* s : past) EXPECT_FALSE(parse_date(s).has_value()) << s;
}

TEST(ModelDate, RejectsInvalidInput) {
  const char* bad[] = {"",           "24-01-01",   "2024-13",     "2024-00",  "2024-01-00", "2024-1",
                       "2024-01-1",  "2024/01/01", "2024-01-01x", "2024-01-", "abcd",       "202",
                       "20245",      "2024-AB",    "-2024",       " 2024",    "2024 ",      "2024-01-01T00:00"};
  for (const char* s : bad) EXPECT_FALSE(parse_date(s).has_value()) << '"' << s << '"';
}

TEST(ModelDate, DaysInMonth) {
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2023, 4), 30);
  EXPECT_EQ(days_in_month(2023, 12), 31);
}

// ---------------------------------------------------------------- Date::lexical / datatype

TEST(ModelDate, LexicalAndDatatypeFollowPrecision) {
  Date day{2024, 6, 1, DatePrecision::Day};
  EXPECT_EQ(day.lexical(), "2024-06-01");
  EXPECT_EQ(day.datatype(), "date");

  Date month{2024, 3, 0, DatePrecision::Month};
  EXPECT_EQ(month.lexical(), "2024-03");
  EXPECT_EQ(month.datatype(), "gYearMonth");

  Date year{2022, 0, 0, DatePrecision::Year};
  EXPECT_EQ(year.lexical(), "2022");
  EXPECT_EQ(year.datatype(), "gYear");
}

TEST(ModelDate, LexicalPadsWithZeros) {
  EXPECT_EQ((Date{987, 1, 2, DatePrecision::Day}).lexical(), "0987-01-02");
  EXPECT_EQ((Date{2024, 9, 0, DatePrecision::Month}).lexical(), "2024-09");
}

TEST(ModelDate, ParseThenLexicalRoundTrips) {
  for (const char* s : {"2024", "2024-02", "2024-02-29", "1999-12-31"}) {
    auto d = parse_date(s);
    ASSERT_TRUE(d.has_value()) << s;
    EXPECT_EQ(d->lexical(), s);
  }
}

// ---------------------------------------------------------------- stable_hash

TEST(ModelHash, IsDeterministicSixteenLowercaseHexDigits) {
  const std::string h = stable_hash("Iran denied supplying drones.");
  EXPECT_EQ(h, stable_hash("Iran denied supplying drones."));
  ASSERT_EQ(h.size(), 16u);
  for (char c : h) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << h;
}

TEST(ModelHash, IsFnv1a64) {
  // Published FNV-1a 64-bit test vectors: the hash must not change between versions,
  // since document ids are derived from it.
  EXPECT_EQ(stable_hash(""), "cbf29ce484222325");
  EXPECT_EQ(stable_hash("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(stable_hash("foobar"), "85944171f73967e8");
}

TEST(ModelHash, DiffersForDifferentInput) {
  std::set<std::string> hashes;
  for (const char* s : {"a", "b", "ab", "ba", "abc", "Iran", "iran", "Iran "}) hashes.insert(stable_hash(s));
  EXPECT_EQ(hashes.size(), 8u);
}

// ---------------------------------------------------------------- slug

TEST(ModelSlug, DropsPeriodsAndApostrophesAndJoinsWordsWithDashes) {
  EXPECT_EQ(slug("Russia's U.N. Ambassador"), "russias-un-ambassador");
  EXPECT_EQ(slug("Emmanuel Macron"), "emmanuel-macron");
  EXPECT_EQ(slug("Defense Minister"), "defense-minister");
}

TEST(ModelSlug, CollapsesAndTrimsSeparators) {
  EXPECT_EQ(slug("  Foreign   Ministry  "), "foreign-ministry");
  EXPECT_EQ(slug("--Hayat-Tahrir al-Sham--"), "hayat-tahrir-al-sham");
  EXPECT_EQ(slug("G7 (Group of Seven)"), "g7-group-of-seven");
  EXPECT_EQ(slug(""), "");
  EXPECT_EQ(slug("..."), "");
}

TEST(ModelSlug, KeepsNonAsciiLettersAsTheyAre) {
  EXPECT_EQ(slug("Élysée Palace"), "Élysée-palace");
  EXPECT_EQ(slug("Malacañang"), "malacañang");
}

TEST(ModelSlug, TreatsNonAsciiPunctuationLikeAsciiPunctuation) {
  EXPECT_EQ(slug("Russia\u2019s envoy"), "russias-envoy");
  EXPECT_EQ(slug("Hamas \u2014 Gaza"), "hamas-gaza");
  EXPECT_EQ(slug("South\u00A0Korea"), "south-korea");
}

// ---------------------------------------------------------------- assign_fact_ids

Fact fact(FactKind kind, std::size_t begin, std::size_t end) {
  Fact f;
  f.kind = kind;
  f.evidence.push_back(Span{begin, end, "x"});
  return f;
}

TEST(ModelFactIds, DeriveFromKindAndFirstEvidenceSpan) {
  DocumentGraph g;
  g.facts.push_back(fact(FactKind::Aid, 120, 164));
  g.facts.push_back(fact(FactKind::Denial, 0, 43));
  g.facts.push_back(fact(FactKind::OtherAct, 5, 9));
  g.facts[0].evidence.push_back(Span{200, 210, "later"});  // only the first span counts
  assign_fact_ids(g);
  EXPECT_EQ(g.facts[0].local_id, "aid-120-164");
  EXPECT_EQ(g.facts[1].local_id, "denial-0-43");
  EXPECT_EQ(g.facts[2].local_id, "otheract-5-9");
}

TEST(ModelFactIds, DuplicateKindAndSpanGetNumberedSuffixes) {
  DocumentGraph g;
  g.facts.push_back(fact(FactKind::Aid, 4, 70));
  g.facts.push_back(fact(FactKind::Aid, 4, 70));
  g.facts.push_back(fact(FactKind::Agreement, 4, 70));  // another kind: no clash
  g.facts.push_back(fact(FactKind::Aid, 4, 70));
  g.facts.push_back(fact(FactKind::Aid, 4, 71));
  assign_fact_ids(g);
  EXPECT_EQ(g.facts[0].local_id, "aid-4-70");
  EXPECT_EQ(g.facts[1].local_id, "aid-4-70-2");
  EXPECT_EQ(g.facts[2].local_id, "agreement-4-70");
  EXPECT_EQ(g.facts[3].local_id, "aid-4-70-3");
  EXPECT_EQ(g.facts[4].local_id, "aid-4-71");
}

TEST(ModelFactIds, AreUniqueAndStableAcrossRuns) {
  DocumentGraph g;
  for (int i = 0; i < 3; ++i) {
    g.facts.push_back(fact(FactKind::Allegation, 10, 20));
    g.facts.push_back(fact(FactKind::Confirmation, 10, 20));
  }
  g.facts.push_back(Fact{});  // no evidence at all
  g.facts.back().kind = FactKind::Aid;
  assign_fact_ids(g);
  std::set<std::string> ids;
  for (const Fact& f : g.facts) {
    EXPECT_FALSE(f.local_id.empty());
    ids.insert(f.local_id);
  }
  EXPECT_EQ(ids.size(), g.facts.size());

  DocumentGraph again = g;
  for (Fact& f : again.facts) f.local_id.clear();
  assign_fact_ids(again);
  for (std::size_t i = 0; i < g.facts.size(); ++i) EXPECT_EQ(again.facts[i].local_id, g.facts[i].local_id);
}

TEST(ModelFactIds, SharedSpansAreToldApartByContentNotOrder) {
  DocumentGraph g;
  g.facts.push_back(fact(FactKind::Aid, 4, 70));
  g.facts.back().aid_type = AidType::Humanitarian;
  g.facts.push_back(fact(FactKind::Aid, 4, 70));
  g.facts.back().aid_type = AidType::Financial;
  assign_fact_ids(g);
  EXPECT_EQ(g.facts[0].local_id, "aid-4-70-humanitarianaid");
  EXPECT_EQ(g.facts[1].local_id, "aid-4-70-financialaid");
  std::swap(g.facts[0], g.facts[1]);  // found in the other order: the same names
  assign_fact_ids(g);
  EXPECT_EQ(g.facts[0].local_id, "aid-4-70-financialaid");
  EXPECT_EQ(g.facts[1].local_id, "aid-4-70-humanitarianaid");
}

TEST(ModelFactIds, ReassigningDoesNotAccumulateSuffixes) {
  DocumentGraph g;
  g.facts.push_back(fact(FactKind::Aid, 1, 2));
  g.facts.push_back(fact(FactKind::Aid, 1, 2));
  assign_fact_ids(g);
  assign_fact_ids(g);
  EXPECT_EQ(g.facts[0].local_id, "aid-1-2");
  EXPECT_EQ(g.facts[1].local_id, "aid-1-2-2");
}

// ---------------------------------------------------------------- names and find_actor

TEST(ModelNames, MatchTheOntologyLocalNames) {
  EXPECT_EQ(name(ActorType::GovernmentBody), "GovernmentBody");
  EXPECT_EQ(name(FactKind::Confirmation), "Confirmation");
  EXPECT_EQ(name(AidType::Troops), "TroopsAid");
  EXPECT_EQ(name(AgreementType::Defense), "DefenseAgreement");
  EXPECT_EQ(name(AgreementType::Ceasefire), "Ceasefire");
  EXPECT_EQ(name(Status::Refused), "Refused");
  EXPECT_EQ(name(QuantityBound::AtMost), "AtMost");
}

TEST(ModelGraph, FindActorUsesSortedIds) {
  DocumentGraph g;
  for (const char* id : {"CHN", "FRA", "KOR", "person-jean-dupont"}) {
    Actor a;
    a.id = id;
    g.actors.push_back(a);
  }
  ASSERT_NE(g.find_actor("KOR"), nullptr);
  EXPECT_EQ(g.find_actor("KOR")->id, "KOR");
  ASSERT_NE(g.find_actor("person-jean-dupont"), nullptr);
  EXPECT_EQ(g.find_actor("DEU"), nullptr);
  EXPECT_EQ(g.find_actor("KO"), nullptr);
  EXPECT_EQ(g.find_actor(""), nullptr);
  EXPECT_EQ(g.find_actor("ZZZ"), nullptr);
}

TEST(ModelFact, ActsAndClaims) {
  Fact f;
  for (FactKind k : {FactKind::Aid, FactKind::Agreement, FactKind::OtherAct}) {
    f.kind = k;
    EXPECT_TRUE(f.is_act()) << name(k);
    EXPECT_FALSE(f.is_claim()) << name(k);
  }
  for (FactKind k : {FactKind::Allegation, FactKind::Denial, FactKind::Confirmation}) {
    f.kind = k;
    EXPECT_FALSE(f.is_act()) << name(k);
    EXPECT_TRUE(f.is_claim()) << name(k);
  }
}

}  // namespace

// ---------------------------------------------------------------- UTF-8

namespace newskg::model {
namespace {

TEST(ModelUtf8, ValidityDoesNotDependOnWhereTheBadByteIs) {
  // is_valid_utf8 skips ASCII eight bytes at a time: a bad byte must be found in any position,
  // inside or after such a block, and a sequence cut at the end of the text too.
  for (std::size_t at = 0; at <= 20; ++at) {
    const std::string ascii(20, 'a');
    for (std::string_view bad : {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "\x80", "\xE2\x80"}) {
      std::string text = ascii;
      text.insert(at, bad);
      EXPECT_FALSE(is_valid_utf8(text)) << at;
    }
    for (const std::string& good : {std::string("\xC3\xA9"), std::string("\xE2\x80\x94"), std::string("\xF0\x9F\x98\x80"), std::string(1, '\0')}) {
      std::string text = ascii;
      text.insert(at, good);
      EXPECT_TRUE(is_valid_utf8(text)) << at;
      EXPECT_EQ(to_valid_utf8(text), text);
    }
  }
  EXPECT_FALSE(is_valid_utf8(std::string(16, 'a') + "\xF0\x9F\x98"));
  EXPECT_TRUE(is_valid_utf8(""));
}

TEST(ModelUtf8, AsciiRunEndsAtTheFirstNonAsciiOrNulByte) {
  // In and after each eight-byte block, and with later bytes of the block stopping it too.
  for (std::size_t at = 0; at <= 20; ++at) {
    for (std::string_view stop : {std::string_view("\0", 1), std::string_view("\x80"), std::string_view("\xFF"), std::string_view("\xC3\xA9")}) {
      std::string text(20, 'a');
      text.insert(at, stop);
      text += '\0';
      EXPECT_EQ(ascii_run_length(text), at) << at;
    }
    EXPECT_EQ(ascii_run_length(std::string(at, '\x7F')), at);
  }
  EXPECT_EQ(ascii_run_length(""), 0u);
}

}  // namespace
}  // namespace newskg::model
