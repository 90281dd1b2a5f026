// Unit tests of the Document (extractor/src/document.cpp): tokens with byte and code-point
// offsets, sentences, the dateline, spans, UTF-8 repair and normalisation; and the phrase
// lookups over a document's tokens (extractor/src/phrase_index.cpp).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "newskg/document.hpp"
#include "newskg/resources.hpp"
#include "phrase_index.hpp"

namespace {

using namespace newskg;

class DocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { resources_ = new Resources(Resources::load(Resources::default_data_dir())); }
  static void TearDownTestSuite() {
    delete resources_;
    resources_ = nullptr;
  }

  static Document doc(std::string text) {
    model::DocumentInfo info;
    info.id = "t";
    info.text = std::move(text);
    return Document(std::move(info), resources_->abbreviations());
  }

  static std::vector<std::string> texts(const Document& d) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < d.tokens().size(); ++i) out.emplace_back(d.token_text(i));
    return out;
  }

  // The text of each sentence, as written.
  static std::vector<std::string> sentences(const Document& d) {
    std::vector<std::string> out;
    for (const Sentence& s : d.sentences()) out.emplace_back(d.text_of(s.first, s.last));
    return out;
  }

  static std::size_t index_of(const Document& d, std::string_view token, std::size_t from = 0) {
    for (std::size_t i = from; i < d.tokens().size(); ++i)
      if (d.token_text(i) == token) return i;
    ADD_FAILURE() << "no token \"" << token << "\"";
    return d.tokens().size();
  }

  static Resources* resources_;
};

Resources* DocumentTest::resources_ = nullptr;

// Code points [begin, end) of valid UTF-8 text, independently of the Document.
std::string cp_substr(std::string_view s, std::size_t begin, std::size_t end) {
  std::size_t cp = 0, b = 0, start = std::string_view::npos;
  while (b <= s.size()) {
    if (cp == begin) start = b;
    if (cp == end) return std::string(s.substr(start, b - start));
    if (b == s.size()) break;
    auto c = static_cast<unsigned char>(s[b]);
    b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cp;
  }
  ADD_FAILURE() << "code points " << begin << "-" << end << " are outside the text";
  return {};
}

// ---------------------------------------------------------------- tokens and offsets

TEST_F(DocumentTest, TokensHaveByteAndCodePointOffsets) {
  const std::string text = "Seoul \u2014 Russia\u2019s envoy";  // "Seoul — Russia’s envoy"
  Document d = doc(text);
  ASSERT_EQ(texts(d), (std::vector<std::string>{"Seoul", "\u2014", "Russia", "\u2019s", "envoy"}));
  const auto& t = d.tokens();

  // "—" is one code point and three bytes.
  EXPECT_EQ(t[1].byte_begin, 6u);
  EXPECT_EQ(t[1].byte_end, 9u);
  EXPECT_EQ(t[1].cp_begin, 6u);
  EXPECT_EQ(t[1].cp_end, 7u);
  EXPECT_EQ(t[1].norm, "-");

  // "Russia" starts at byte 10 but code point 8.
  EXPECT_EQ(t[2].byte_begin, 10u);
  EXPECT_EQ(t[2].byte_end, 16u);
  EXPECT_EQ(t[2].cp_begin, 8u);
  EXPECT_EQ(t[2].cp_end, 14u);
  EXPECT_EQ(t[2].norm, "russia");
  EXPECT_TRUE(t[2].is_word);
  EXPECT_TRUE(t[2].capitalized);

  // The possessive is its own token, with the apostrophe folded.
  EXPECT_EQ(t[3].cp_begin, 14u);
  EXPECT_EQ(t[3].cp_end, 16u);
  EXPECT_EQ(t[3].byte_end - t[3].byte_begin, 4u);
  EXPECT_EQ(t[3].norm, "'s");

  EXPECT_EQ(t[4].byte_begin, 21u);
  EXPECT_EQ(t[4].cp_begin, 17u);
  EXPECT_EQ(t[4].cp_end, 22u);

  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(text.substr(t[i].byte_begin, t[i].byte_end - t[i].byte_begin), d.token_text(i));
    EXPECT_EQ(cp_substr(text, t[i].cp_begin, t[i].cp_end), d.token_text(i)) << i;
  }
}

TEST_F(DocumentTest, NormsSurviveAMove) {
  // Norms are views into buffers the Document owns: moving it (a short text included, whose
  // string a move copies) must leave them pointing at live bytes.
  std::vector<Document> moved;
  for (const char* text : {"Hi Kim.", "Kyiv\u2019s \u201cAID\u201d \u2014 Zelenskyy\u2019s plan, SAID U.S. officials."}) {
    auto original = std::make_unique<Document>(doc(text));
    std::vector<std::string> norms;
    for (const Token& t : original->tokens()) norms.emplace_back(t.norm);
    moved.push_back(std::move(*original));
    original.reset();
    ASSERT_EQ(moved.back().tokens().size(), norms.size()) << text;
    for (std::size_t i = 0; i < norms.size(); ++i) EXPECT_EQ(moved.back().tokens()[i].norm, norms[i]) << text;
  }
  EXPECT_EQ(moved[1].tokens()[1].norm, "'s");
}

TEST_F(DocumentTest, CodePointOffsetsCountFourByteCharacters) {
  // U+1F600 is four bytes and one code point (not two UTF-16 units).
  Document d = doc("\U0001F600 Iran");
  ASSERT_EQ(d.tokens().size(), 2u);
  EXPECT_EQ(d.tokens()[1].byte_begin, 5u);
  EXPECT_EQ(d.tokens()[1].cp_begin, 2u);
  EXPECT_EQ(d.tokens()[1].cp_end, 6u);
}

TEST_F(DocumentTest, InvalidBytesCountAsOneCodePointEach) {
  Document d = doc("a\xFF\xFE Iran");
  const std::size_t iran = index_of(d, "Iran");
  ASSERT_LT(iran, d.tokens().size());
  EXPECT_EQ(d.tokens()[iran].byte_begin, 4u);
  EXPECT_EQ(d.tokens()[iran].cp_begin, 4u);
}

TEST_F(DocumentTest, PossessiveWithAsciiApostropheAndContractions) {
  Document d = doc("Iran's ally O'Brien doesn't care");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"Iran", "'s", "ally", "O'Brien", "doesn't", "care"}));
  EXPECT_EQ(d.tokens()[1].norm, "'s");
}

TEST_F(DocumentTest, DottedInitialismsAreOneToken) {
  Document d = doc("The U.S. and the U.N. met.");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"The", "U.S.", "and", "the", "U.N.", "met", "."}));
  EXPECT_EQ(d.tokens()[1].norm, "u.s.");
  EXPECT_TRUE(d.tokens()[1].is_word);
  EXPECT_TRUE(d.tokens()[1].capitalized);
}

TEST_F(DocumentTest, DottedInitialismBeforeAHyphen) {
  Document d = doc("the U.S.-led coalition");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"the", "U.S.", "-", "led", "coalition"}));
}

TEST_F(DocumentTest, HyphenatedWordsStayWhole) {
  Document d = doc("special-operations forces of Hayat-Tahrir");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"special-operations", "forces", "of", "Hayat-Tahrir"}));
}

TEST_F(DocumentTest, NumbersWithSeparatorsAreOneToken) {
  Document d = doc("They sent 1,500 troops and $2.5 billion in 2024.");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"They", "sent", "1,500", "troops", "and", "$", "2.5", "billion", "in", "2024", "."}));
  const std::size_t n = index_of(d, "1,500");
  EXPECT_TRUE(d.tokens()[n].is_number);
  EXPECT_FALSE(d.tokens()[n].is_word);
  EXPECT_TRUE(d.tokens()[index_of(d, "2.5")].is_number);
  EXPECT_TRUE(d.tokens()[index_of(d, "2024")].is_number);
}

TEST_F(DocumentTest, NumbersKeepTheirHyphenApart) {
  Document d = doc("a 5-year deal");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"a", "5", "-", "year", "deal"}));
}

TEST_F(DocumentTest, AbbreviationsKeepThePeriodAndDoNotEndSentences) {
  Document d = doc("Gen. Smith met Sen. Jones on Jan. 5. They talked.");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"Gen.", "Smith", "met", "Sen.", "Jones", "on", "Jan.", "5", ".", "They",
                                                "talked", "."}));
  EXPECT_EQ(d.tokens()[0].norm, "gen.");
  EXPECT_EQ(d.tokens()[6].norm, "jan.");
  EXPECT_EQ(sentences(d), (std::vector<std::string>{"Gen. Smith met Sen. Jones on Jan. 5.", "They talked."}));
}

TEST_F(DocumentTest, WordsThatAreNotAbbreviationsLoseTheirPeriod) {
  Document d = doc("They met in Seoul. Then they left.");
  EXPECT_EQ(index_of(d, "Seoul") + 1, index_of(d, "."));
  EXPECT_EQ(sentences(d).size(), 2u);
}

TEST_F(DocumentTest, SingleCapitalInitialsKeepTheirPeriod) {
  Document d = doc("John F. Kennedy spoke.");
  EXPECT_EQ(texts(d), (std::vector<std::string>{"John", "F.", "Kennedy", "spoke", "."}));
  EXPECT_EQ(sentences(d).size(), 1u);
}

TEST_F(DocumentTest, AbbreviationsFromAUserLexiconApply) {
  // Without the abbreviation list, "Gen." is a word and a period.
  model::DocumentInfo info;
  info.text = "Gen. Smith met him.";
  Document bare(info, Abbreviations{});
  EXPECT_EQ(bare.token_text(0), "Gen");
  Document with(info, Abbreviations{"gen."});
  EXPECT_EQ(with.token_text(0), "Gen.");
}

// ---------------------------------------------------------------- sentences

TEST_F(DocumentTest, SplitsSentencesOnPeriodQuestionAndExclamationMarks) {
  Document d = doc("Iran sent drones. Will it stop? No! It will not.");
  EXPECT_EQ(sentences(d), (std::vector<std::string>{"Iran sent drones.", "Will it stop?", "No!", "It will not."}));
  for (std::size_t i = 0; i < d.tokens().size(); ++i) {
    const Sentence& s = d.sentences()[d.sentence_of(i)];
    EXPECT_GE(i, s.first);
    EXPECT_LT(i, s.last);
  }
}

TEST_F(DocumentTest, ALongRunWithoutASentenceEndIsCut) {
  // 2,600 tokens without a period: cut after the last comma in the second half of each window
  // of kMaxSentenceTokens, or at the window's end where there is none.
  std::string text;
  for (int k = 0; k < 2600; ++k) text += k == 700 ? ", " : "word ";
  Document d = doc(text);
  ASSERT_EQ(d.tokens().size(), 2600u);
  ASSERT_EQ(d.sentences().size(), 3u);
  EXPECT_EQ(d.sentences()[0].last, 701u);  // after the comma (token 700)
  EXPECT_EQ(d.sentences()[1].last, 1701u);
  EXPECT_EQ(d.sentences()[2].last, 2600u);
  for (std::size_t i = 0; i < d.tokens().size(); ++i) {
    const Sentence& s = d.sentences()[d.sentence_of(i)];
    EXPECT_GE(i, s.first);
    EXPECT_LT(i, s.last);
  }
}

TEST_F(DocumentTest, APeriodBeforeALowercaseWordDoesNotSplit) {
  Document d = doc("It cost 5 mln. dollars in total.");
  EXPECT_EQ(sentences(d).size(), 1u);
}

TEST_F(DocumentTest, SplitsSentencesOnLineBreaks) {
  Document d = doc("Headline without a period\nBody text here.\r\n\r\nSecond paragraph.");
  EXPECT_EQ(sentences(d), (std::vector<std::string>{"Headline without a period", "Body text here.", "Second paragraph."}));
  EXPECT_TRUE(d.tokens()[index_of(d, "Headline")].paragraph_start);
  EXPECT_TRUE(d.tokens()[index_of(d, "Body")].paragraph_start);
  EXPECT_FALSE(d.tokens()[index_of(d, "text")].paragraph_start);
  EXPECT_TRUE(d.tokens()[index_of(d, "Second")].paragraph_start);
}

TEST_F(DocumentTest, ClosingQuotesStayInTheSentence) {
  Document d = doc("He said \"We will go.\" Then he left.");
  EXPECT_EQ(sentences(d), (std::vector<std::string>{"He said \"We will go.\"", "Then he left."}));
  Document curly = doc("He said \u201CWe will go.\u201D Then he left (quietly.) Done.");
  EXPECT_EQ(sentences(curly), (std::vector<std::string>{"He said \u201CWe will go.\u201D", "Then he left (quietly.)", "Done."}));
}

TEST_F(DocumentTest, EmptyTextHasOneEmptySentence) {
  Document d = doc("");
  EXPECT_TRUE(d.tokens().empty());
  ASSERT_EQ(d.sentences().size(), 1u);
  EXPECT_EQ(d.sentences()[0].first, 0u);
  EXPECT_EQ(d.sentences()[0].last, 0u);
  EXPECT_EQ(d.dateline_end(), 0u);
}

// ---------------------------------------------------------------- dateline

TEST_F(DocumentTest, DatelineEndsAfterTheDash) {
  Document d = doc("SEOUL, South Korea \u2014 On Tuesday, South Korea said it would act.");
  ASSERT_EQ(d.dateline_end(), 5u);
  EXPECT_EQ(d.token_text(d.dateline_end() - 1), "\u2014");
  EXPECT_EQ(d.token_text(d.dateline_end()), "On");
  EXPECT_EQ(d.text_of(0, d.dateline_end()), "SEOUL, South Korea \u2014");
}

TEST_F(DocumentTest, DatelineWithAgencyAndAsciiDash) {
  Document d = doc("KYIV, Ukraine (AP) \u2013 Drones hit the city.");
  ASSERT_EQ(d.dateline_end(), 7u);
  EXPECT_EQ(d.token_text(d.dateline_end()), "Drones");
  Document one = doc("WASHINGTON - Officials met.");
  EXPECT_EQ(one.dateline_end(), 2u);
}

TEST_F(DocumentTest, DatelineWithADoubleHyphenEndsAfterBothHyphens) {
  Document d = doc("KYIV, Ukraine (AP) -- Drones hit the city.");
  ASSERT_GT(d.dateline_end(), 0u);
  EXPECT_EQ(d.token_text(d.dateline_end()), "Drones");
}

TEST_F(DocumentTest, NoDatelineGivesZero) {
  EXPECT_EQ(doc("South Korea said on Tuesday \u2014 again \u2014 that it would act.").dateline_end(), 0u);
  EXPECT_EQ(doc("Seoul \u2014 Russia\u2019s envoy").dateline_end(), 0u);
  EXPECT_EQ(doc("SEOUL, South Korea said it would act.").dateline_end(), 0u);  // no dash
  EXPECT_EQ(doc("SEOUL, South Korea\n\u2014 a new paragraph").dateline_end(), 0u);
}

TEST_F(DocumentTest, AnAcronymOpeningASentenceIsNotADateline) {
  EXPECT_EQ(doc("NATO said Russia sent 500 soldiers to Mali \u2014 a first.").dateline_end(), 0u);
  EXPECT_EQ(doc("UN officials said Russia sent 500 soldiers to Mali - a first.").dateline_end(), 0u);
}

// ---------------------------------------------------------------- spans

TEST_F(DocumentTest, SpanAnchorEqualsTheTextBetweenItsOffsets) {
  const std::string text = "Seoul \u2014 Russia\u2019s envoy said \u201CNo.\u201D \U0001F600 Mali\u2019s army left.";
  Document d = doc(text);
  const std::size_t n = d.tokens().size();
  for (std::size_t first = 0; first < n; ++first)
    for (std::size_t last = first + 1; last <= n; ++last) {
      model::Span s = d.span(first, last);
      ASSERT_EQ(s.anchor, d.text_of(first, last));
      ASSERT_EQ(s.anchor, cp_substr(text, s.begin, s.end)) << first << "-" << last;
    }
  model::Span s = d.span(index_of(d, "Russia"), index_of(d, "envoy") + 1);
  EXPECT_EQ(s.begin, 8u);
  EXPECT_EQ(s.end, 22u);
  EXPECT_EQ(s.anchor, "Russia\u2019s envoy");
}

TEST_F(DocumentTest, EmptySpan) {
  Document d = doc("Iran sent drones.");
  model::Span s = d.span(2, 2);
  EXPECT_EQ(s.begin, 0u);
  EXPECT_EQ(s.end, 0u);
  EXPECT_TRUE(s.anchor.empty());
  EXPECT_TRUE(d.text_of(2, 1).empty());
}

// ---------------------------------------------------------------- repair_utf8

TEST(DocumentRepairUtf8, ValidTextIsUnchanged) {
  const std::string text = "Seoul \u2014 Russia\u2019s \U0001F600 envoy";
  std::size_t bad = 0;
  EXPECT_EQ(repair_utf8(text, &bad), text);
  EXPECT_EQ(bad, std::string_view::npos);
}

TEST(DocumentRepairUtf8, ReplacesInvalidBytesWithReplacementCharacter) {
  std::size_t bad = 0;
  EXPECT_EQ(repair_utf8("ab\xFF" "cd\xFE", &bad), "ab\uFFFD" "cd\uFFFD");
  EXPECT_EQ(bad, 2u);
  // A lone continuation byte, an overlong encoding and an encoded surrogate.
  EXPECT_EQ(repair_utf8("x\x80y"), "x\uFFFDy");
  EXPECT_EQ(repair_utf8("\xC0\xAF"), "\uFFFD\uFFFD");
  EXPECT_EQ(repair_utf8("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  // A truncated sequence is one maximal subpart: one replacement, and the next byte survives.
  EXPECT_EQ(repair_utf8("a\xE2\x80" "b", &bad), "a\uFFFD" "b");
  EXPECT_EQ(bad, 1u);
  EXPECT_EQ(repair_utf8("end\xF0\x9F\x98"), "end\uFFFD");
}

TEST(DocumentRepairUtf8, RepairsBadBytesAroundAsciiBlocks) {
  // ASCII is skipped eight bytes at a time: a bad byte or NUL in any position, inside, at the
  // edge of or after a block, is found and replaced, and the text around it kept.
  const std::string ascii(20, 'a');
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    for (std::string_view bad : {std::string_view("\xFF"), std::string_view("\0", 1), std::string_view("\xE2\x80")}) {
      std::string text = ascii;
      text.insert(at, bad);
      text += "\xC3\xA9";  // well-formed, after the repair
      std::size_t first_bad = 0;
      EXPECT_EQ(repair_utf8(text, &first_bad), ascii.substr(0, at) + "\uFFFD" + ascii.substr(at) + "\u00E9") << at;
      EXPECT_EQ(first_bad, at);
    }
  }
}

TEST(DocumentRepairUtf8, ReplacesNul) {
  std::size_t bad = 0;
  EXPECT_EQ(repair_utf8(std::string_view("a\0b", 3), &bad), "a\uFFFD" "b");
  EXPECT_EQ(bad, 1u);
}

TEST(DocumentRepairUtf8, DropsALeadingByteOrderMarkOnly) {
  std::size_t bad = 0;
  EXPECT_EQ(repair_utf8("\xEF\xBB\xBFhello", &bad), "hello");
  EXPECT_EQ(bad, std::string_view::npos);
  // A BOM elsewhere is a (valid) U+FEFF and stays.
  EXPECT_EQ(repair_utf8("a\xEF\xBB\xBF" "b"), "a\xEF\xBB\xBF" "b");
  EXPECT_EQ(repair_utf8(""), "");
  EXPECT_EQ(repair_utf8("\xEF\xBB\xBF"), "");
}

TEST(DocumentRepairUtf8, FirstBadIsTheOffsetInTheInputAfterABom) {
  std::size_t bad = 0;
  EXPECT_EQ(repair_utf8("\xEF\xBB\xBF" "ab\xFF", &bad), "ab\uFFFD");
  EXPECT_EQ(bad, 5u);
}

// ---------------------------------------------------------------- normalize

TEST(DocumentNormalize, FoldsTypographicVariants) {
  EXPECT_EQ(normalize("Russia\u2019s \u2018quote\u2019"), "russia's 'quote'");
  EXPECT_EQ(normalize("\u201CNo\u201D \u00ABnon\u00BB"), "\"no\" \"non\"");
  EXPECT_EQ(normalize("a\u2014b\u2013c\u2011d"), "a-b-c-d");
  EXPECT_EQ(normalize("South\u00A0Korea"), "south korea");
}

TEST(DocumentNormalize, LowercasesBeyondAscii) {
  EXPECT_EQ(normalize("\u00C4gypten"), "\u00E4gypten");  // Ä -> ä
  EXPECT_EQ(normalize("\u00C9LYS\u00C9E"), "\u00E9lys\u00E9e");
  EXPECT_EQ(normalize("U.S. NATO"), "u.s. nato");
  EXPECT_EQ(normalize("\u0391\u0398\u0397\u039D\u0391"), "\u03B1\u03B8\u03B7\u03BD\u03B1");  // ΑΘΗΝΑ
}

TEST(DocumentNormalize, ReplacesInvalidBytes) {
  EXPECT_EQ(normalize("A\xFF"), "a\uFFFD");
}

// ---------------------------------------------------------------- PhraseIndex

class DocumentPhraseIndex : public ::testing::Test {
 protected:
  void add(std::string_view phrase, std::size_t payload, bool case_sensitive = false) {
    index_.add(phrase, payload, abbreviations_, vocabulary_, case_sensitive);
  }
  // The payload and length of the longest phrase at token i of `text`, or {-1, 0}.
  std::pair<long, std::size_t> longest(std::string text, std::size_t i, std::size_t limit = SIZE_MAX) {
    model::DocumentInfo info;
    info.text = std::move(text);
    const Document doc(std::move(info), abbreviations_);
    const TokenIds ids(doc, vocabulary_);
    const auto m = index_.longest_at(ids, i, std::min(limit, doc.tokens().size()));
    return m ? std::pair{static_cast<long>(m->payload), m->last - m->first} : std::pair{-1L, std::size_t{0}};
  }

  Abbreviations abbreviations_;
  Vocabulary vocabulary_;
  PhraseIndex index_;
};

TEST_F(DocumentPhraseIndex, TheLongestPhraseWithinTheLimitWins) {
  add("north", 1);
  add("north korea", 2);
  add("north korea's army", 3);
  EXPECT_EQ(longest("Talks with North Korea's army", 2), std::pair(3L, std::size_t{4}));
  EXPECT_EQ(longest("Talks with North Korea's envoy", 2), std::pair(2L, std::size_t{2}));
  EXPECT_EQ(longest("Talks with North Korea's army", 2, 5), std::pair(2L, std::size_t{2}));
  EXPECT_EQ(longest("North Carolina", 0), std::pair(1L, std::size_t{1}));
  EXPECT_EQ(longest("Korea", 0), std::pair(-1L, std::size_t{0}));
}

TEST_F(DocumentPhraseIndex, TheFirstAddedOfEqualPhrasesWins) {
  add("national guard", 1);
  add("National Guard", 2);
  EXPECT_EQ(longest("the National Guard", 1), std::pair(1L, std::size_t{2}));
}

TEST_F(DocumentPhraseIndex, ACaseSensitivePhraseNeedsTheSameCapitals) {
  add("niger", 1);
  add("Niger Delta", 2, true);
  add("niger delta", 3);
  add("Chad", 4, true);
  EXPECT_EQ(longest("in the Niger Delta", 2), std::pair(2L, std::size_t{2}));
  // A case-sensitive phrase that does not fit gives way to the next, then to a shorter one.
  EXPECT_EQ(longest("in the Niger delta", 2), std::pair(3L, std::size_t{2}));
  EXPECT_EQ(longest("Chad", 0), std::pair(4L, std::size_t{1}));
  EXPECT_EQ(longest("chad", 0), std::pair(-1L, std::size_t{0}));
}

}  // namespace
