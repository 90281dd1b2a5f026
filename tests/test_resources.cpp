// Unit tests of the Resources loader (extractor/src/resources.cpp): the shipped data, and
// user lexicon and gazetteer files with every kind of error reported as FILE:LINE.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <unistd.h>

#include "newskg/extractor.hpp"
#include "newskg/resources.hpp"

namespace {

using namespace newskg;
namespace fs = std::filesystem;

const std::string kLexiconHeader = "id\tclass\tphrases\tattributes";
const std::string kGazetteerHeader = "id\ttype\tlabel\tiso3\twikidata\taffiliation\trole\tnames\tdemonyms\tcapitals";

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("newskg-test-resources-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  fs::path write(const std::string& name, const std::string& content) const {
    fs::path p = path_ / name;
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The message of the LoadError that f() throws; a test failure if it throws nothing else.
template <typename F>
std::string load_error(F f) {
  try {
    f();
  } catch (const LoadError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw something other than LoadError: " << e.what();
    return {};
  }
  ADD_FAILURE() << "no LoadError thrown";
  return {};
}

std::string where(const fs::path& file, int line) { return file.string() + ":" + std::to_string(line) + ":"; }

// ---------------------------------------------------------------- the shipped data

class ResourcesDefault : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { resources_ = new Resources(Resources::load(Resources::default_data_dir())); }
  static void TearDownTestSuite() {
    delete resources_;
    resources_ = nullptr;
  }
  static Resources* resources_;
};
Resources* ResourcesDefault::resources_ = nullptr;

TEST_F(ResourcesDefault, DataDirectoryHoldsGazetteerAndLexicons) {
  const fs::path dir = Resources::default_data_dir();
  EXPECT_TRUE(fs::is_directory(dir / "gazetteer")) << dir;
  EXPECT_TRUE(fs::is_directory(dir / "lexicons")) << dir;
}

TEST_F(ResourcesDefault, GazetteerKnowsSouthKorea) {
  const GazetteerEntry* kor = resources_->find_actor("KOR");
  ASSERT_NE(kor, nullptr);
  EXPECT_EQ(kor->actor.id, "KOR");
  EXPECT_EQ(kor->actor.type, model::ActorType::State);
  EXPECT_EQ(kor->actor.label, "South Korea");
  EXPECT_EQ(kor->actor.iso3, "KOR");
  EXPECT_EQ(kor->actor.wikidata, "Q884");
  // The label counts as a name even when the names column does not list it.
  EXPECT_NE(std::find(kor->names.begin(), kor->names.end(), "South Korea"), kor->names.end());
  EXPECT_NE(std::find(kor->capitals.begin(), kor->capitals.end(), "Seoul"), kor->capitals.end());
  EXPECT_NE(std::find(kor->demonyms.begin(), kor->demonyms.end(), "South Korean"), kor->demonyms.end());
  EXPECT_NE(kor->file.find("countries.tsv"), std::string::npos);
  EXPECT_GT(kor->line, 1u);
}

TEST_F(ResourcesDefault, GazetteerKnowsNato) {
  const GazetteerEntry* nato = resources_->find_actor("NATO");
  ASSERT_NE(nato, nullptr);
  EXPECT_EQ(nato->actor.type, model::ActorType::Organization);
  EXPECT_TRUE(nato->actor.iso3.empty());
  EXPECT_EQ(resources_->find_actor("nato"), nullptr);  // ids are case-sensitive
  EXPECT_EQ(resources_->find_actor("NO-SUCH-ACTOR"), nullptr);
}

TEST_F(ResourcesDefault, EveryAffiliationPointsAtAKnownActor) {
  EXPECT_NO_THROW(resources_->validate());
  for (const GazetteerEntry& e : resources_->gazetteer())
    if (!e.actor.affiliation.empty()) {
      EXPECT_NE(resources_->find_actor(e.actor.affiliation), nullptr) << e.actor.id;
    }
}

TEST_F(ResourcesDefault, LexiconHasTheTriggerEntries) {
  const auto& lex = resources_->lexicon();
  auto deny = std::find_if(lex.begin(), lex.end(), [](const LexiconEntry& e) { return e.id == "claim.deny"; });
  ASSERT_NE(deny, lex.end());
  EXPECT_EQ(deny->cls, "claim");
  EXPECT_EQ(deny->attr("kind"), "Denial");
  EXPECT_EQ(deny->attr("no-such-attribute", "fallback"), "fallback");
  EXPECT_NE(std::find(deny->phrases.begin(), deny->phrases.end(), "denied"), deny->phrases.end());
  EXPECT_NE(deny->where().find("triggers.tsv:"), std::string::npos);
  EXPECT_EQ(deny->where(), deny->file + ":" + std::to_string(deny->line));
}

TEST_F(ResourcesDefault, AbbreviationsAreLowercaseWithThePeriod) {
  const Abbreviations& a = resources_->abbreviations();
  EXPECT_TRUE(a.count("gen."));
  EXPECT_TRUE(a.count("jan."));
  EXPECT_TRUE(a.count("no."));
  EXPECT_FALSE(a.count("Gen."));
  EXPECT_FALSE(a.count("gen"));
}

TEST(ResourcesLoad, MissingDataDirectoryThrows) {
  TempDir dir;
  std::string msg = load_error([&] { Resources::load(dir.path()); });
  EXPECT_NE(msg.find("gazetteer"), std::string::npos) << msg;
}

TEST(ResourcesLoad, LoadsEveryTsvOfADataDirectoryInNameOrder) {
  TempDir dir;
  fs::create_directories(dir.path() / "gazetteer");
  fs::create_directories(dir.path() / "lexicons");
  dir.write("gazetteer/b.tsv", kGazetteerHeader + "\nBBB\tState\tB-land\tBBB\t\t\t\t\t\t\n");
  dir.write("gazetteer/a.tsv", kGazetteerHeader + "\nAAA\tState\tA-land\tAAA\t\t\t\t\t\t\n");
  dir.write("gazetteer/ignored.txt", "not a tsv");
  dir.write("lexicons/x.tsv", kLexiconHeader + "\nabbr.x\tabbreviation\tXyz.\t\n");
  Resources r = Resources::load(dir.path());
  ASSERT_EQ(r.gazetteer().size(), 2u);
  EXPECT_EQ(r.gazetteer()[0].actor.id, "AAA");
  EXPECT_EQ(r.gazetteer()[1].actor.id, "BBB");
  ASSERT_EQ(r.lexicon().size(), 1u);
  EXPECT_TRUE(r.abbreviations().count("xyz."));
}

// ---------------------------------------------------------------- lexicon errors

class ResourcesLexicon : public ::testing::Test {
 protected:
  // A file whose line 4 is `row` (line 1 a comment, 2 the header, 3 a valid entry).
  fs::path file_with(const std::string& row) {
    return dir_.write("user.tsv", "# a user lexicon\n" + kLexiconHeader + "\nuser.one\tclaim\tclaims it\tkind=Report\n" + row + "\n");
  }
  std::string error_for(const std::string& row) {
    fs::path p = file_with(row);
    Resources r;
    return load_error([&] { r.add_lexicon_file(p); });
  }
  TempDir dir_;
};

TEST_F(ResourcesLexicon, ValidFileLoads) {
  Resources r;
  fs::path p = file_with("user.two\taid-verb\tairlifted|airlifts\tdirection=give;type=Humanitarian");
  ASSERT_NO_THROW(r.add_lexicon_file(p));
  ASSERT_EQ(r.lexicon().size(), 2u);
  const LexiconEntry& e = r.lexicon()[1];
  EXPECT_EQ(e.id, "user.two");
  EXPECT_EQ(e.cls, "aid-verb");
  EXPECT_EQ(e.phrases, (std::vector<std::string>{"airlifted", "airlifts"}));
  EXPECT_EQ(e.attr("type"), "Humanitarian");
  EXPECT_EQ(e.attr("direction"), "give");
  EXPECT_EQ(e.line, 4u);
  EXPECT_EQ(e.where(), p.string() + ":4");
}

TEST_F(ResourcesLexicon, WrongHeader) {
  fs::path p = dir_.write("user.tsv", "# comment\n\nid\tclass\tphrase\tattributes\nuser.one\tclaim\tx\t\n");
  Resources r;
  std::string msg = load_error([&] { r.add_lexicon_file(p); });
  EXPECT_NE(msg.find(where(p, 3)), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, MissingHeader) {
  fs::path p = dir_.write("user.tsv", "# only comments\n");
  Resources r;
  std::string msg = load_error([&] { r.add_lexicon_file(p); });
  EXPECT_NE(msg.find(p.string()), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, WrongFieldCount) {
  std::string msg = error_for("user.two\tclaim\tfoo");
  EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
  msg = error_for("user.two\tclaim\tfoo\t\textra");
  EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, UnknownClass) {
  std::string msg = error_for("user.two\tclam\tfoo\t");
  EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
  EXPECT_NE(msg.find("clam"), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, UnknownAttribute) {
  std::string msg = error_for("user.two\tclaim\tfoo\tkind=Report;colour=red");
  EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
  EXPECT_NE(msg.find("colour"), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, AttributeWithoutValue) {
  std::string msg = error_for("user.two\tclaim\tfoo\tkind");
  EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, DuplicateIdInTheSameFile) {
  std::string msg = error_for("user.one\tclaim\tbar\t");
  fs::path p = file_with("");
  EXPECT_NE(msg.find(where(p, 4)), std::string::npos) << msg;
  EXPECT_NE(msg.find(p.string() + ":3"), std::string::npos) << "names the first use: " << msg;
}

TEST_F(ResourcesLexicon, DuplicateIdOfTheShippedLexicon) {
  Resources r = Resources::load(Resources::default_data_dir());
  fs::path p = file_with("claim.deny\tclaim\tpooh-poohed\tkind=Denial");
  std::string msg = load_error([&] { r.add_lexicon_file(p); });
  EXPECT_NE(msg.find(where(p, 4)), std::string::npos) << msg;
  EXPECT_NE(msg.find("triggers.tsv"), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, InvalidUtf8) {
  std::string msg = error_for("user.two\tclaim\tf\xFFo\t");
  EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
  msg = error_for("user.two\tclaim\tf\xE2\x80\t");  // truncated sequence
  EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, OverlongAndSurrogateUtf8AreInvalid) {
  for (const char* bad : {"f\xC0\xAFo", "f\xED\xA0\x80o", "f\xF5\x80\x80\x80o"}) {
    std::string msg = error_for(std::string("user.two\tclaim\t") + bad + "\t");
    EXPECT_NE(msg.find(where(file_with(""), 4)), std::string::npos) << msg;
  }
}

TEST_F(ResourcesLexicon, BadIdAndEmptyPhrasesAndSpaces) {
  EXPECT_NE(error_for("user two\tclaim\tfoo\t").find(where(file_with(""), 4)), std::string::npos);
  EXPECT_NE(error_for("user.two\tclaim\t\t").find(where(file_with(""), 4)), std::string::npos);
  EXPECT_NE(error_for("user.two\tclaim\t foo\t").find(where(file_with(""), 4)), std::string::npos);
}

TEST_F(ResourcesLexicon, CommentsBlankLinesCrlfAndBomAreAccepted) {
  fs::path p = dir_.write("user.tsv", "\xEF\xBB\xBF" + kLexiconHeader + "\r\n\r\n# comment\r\nuser.a\tabbreviation\tAbc.\t\r\n");
  Resources r;
  ASSERT_NO_THROW(r.add_lexicon_file(p));
  ASSERT_EQ(r.lexicon().size(), 1u);
  EXPECT_EQ(r.lexicon()[0].line, 4u);
  EXPECT_TRUE(r.abbreviations().count("abc."));
}

TEST_F(ResourcesLexicon, MissingFileThrows) {
  Resources r;
  fs::path p = dir_.path() / "no-such.tsv";
  std::string msg = load_error([&] { r.add_lexicon_file(p); });
  EXPECT_NE(msg.find(p.string()), std::string::npos) << msg;
}

TEST_F(ResourcesLexicon, UserEntriesDriveTheExtractor) {
  Resources r = Resources::load(Resources::default_data_dir());
  const std::size_t before = r.lexicon().size();
  r.add_lexicon_file(dir_.write("user.tsv", kLexiconHeader + "\nuser.ferry\taid-verb\tferried|ferries\t\n"));
  ASSERT_EQ(r.lexicon().size(), before + 1);
  EXPECT_EQ(r.lexicon().back().id, "user.ferry");

  Extractor ex(r);
  model::DocumentInfo info;
  info.id = "t";
  info.text = "Germany ferried tents to Sudan.";
  model::DocumentGraph g = ex.extract(info);
  ASSERT_EQ(g.facts.size(), 1u);
  EXPECT_EQ(g.facts[0].kind, model::FactKind::Aid);
  EXPECT_EQ(g.facts[0].aid_type, model::AidType::Humanitarian);
  EXPECT_EQ(g.facts[0].provider, (std::vector<std::string>{"DEU"}));
  EXPECT_EQ(g.facts[0].recipient, (std::vector<std::string>{"SDN"}));
  EXPECT_EQ(g.facts[0].rule.rfind("user.ferry", 0), 0u) << g.facts[0].rule;
}

// ---------------------------------------------------------------- gazetteer errors

class ResourcesGazetteer : public ::testing::Test {
 protected:
  // A file whose line 3 is `row` (line 1 the header, 2 a valid state).
  fs::path file_with(const std::string& row) {
    return dir_.write("user-gazetteer.tsv",
                      kGazetteerHeader + "\natlantis\tState\tAtlantis\tATL\tQ4\t\t\tRepublic of Atlantis\tAtlantean\tPoseidonia\n" +
                          row + "\n");
  }
  std::string error_for(const std::string& row) {
    fs::path p = file_with(row);
    Resources r;
    return load_error([&] { r.add_gazetteer_file(p); });
  }
  TempDir dir_;
};

TEST_F(ResourcesGazetteer, BadType) {
  std::string msg = error_for("xland\tCountry\tXland\t\t\t\t\t\t\t");
  EXPECT_NE(msg.find(where(file_with(""), 3)), std::string::npos) << msg;
  EXPECT_NE(msg.find("Country"), std::string::npos) << msg;
}

TEST_F(ResourcesGazetteer, BadIso3) {
  for (const char* iso3 : {"XL", "XLND", "xld", "X1D"}) {
    std::string msg = error_for(std::string("xland\tState\tXland\t") + iso3 + "\t\t\t\t\t\t");
    EXPECT_NE(msg.find(where(file_with(""), 3)), std::string::npos) << iso3 << ": " << msg;
  }
}

TEST_F(ResourcesGazetteer, BadWikidataId) {
  for (const char* wd : {"P31", "Q", "Q12a", "q884", "884"}) {
    std::string msg = error_for(std::string("xland\tState\tXland\tXLD\t") + wd + "\t\t\t\t\t");
    EXPECT_NE(msg.find(where(file_with(""), 3)), std::string::npos) << wd << ": " << msg;
  }
}

TEST_F(ResourcesGazetteer, EmptyLabelAndBadIdAndFieldCount) {
  EXPECT_NE(error_for("xland\tState\t\tXLD\t\t\t\t\t\t").find(where(file_with(""), 3)), std::string::npos);
  EXPECT_NE(error_for("x land\tState\tXland\tXLD\t\t\t\t\t\t").find(where(file_with(""), 3)), std::string::npos);
  EXPECT_NE(error_for("xland\tState\tXland\tXLD").find(where(file_with(""), 3)), std::string::npos);
}

TEST_F(ResourcesGazetteer, DuplicateIdAcrossFiles) {
  Resources r = Resources::load(Resources::default_data_dir());
  fs::path p = file_with("KOR\tState\tKorea again\tKOR\tQ884\t\t\t\t\t");
  std::string msg = load_error([&] { r.add_gazetteer_file(p); });
  EXPECT_NE(msg.find(where(p, 3)), std::string::npos) << msg;
  EXPECT_NE(msg.find("countries.tsv"), std::string::npos) << msg;
}

TEST_F(ResourcesGazetteer, AffiliationToAnUnknownIdFailsValidation) {
  fs::path p = file_with("xland-navy\tGovernmentBody\tXland Navy\t\t\tno-such-state\t\t\t\t");
  Resources r;
  ASSERT_NO_THROW(r.add_gazetteer_file(p));  // cross-references are checked by validate()
  std::string msg = load_error([&] { r.validate(); });
  EXPECT_NE(msg.find(where(p, 3)), std::string::npos) << msg;
  EXPECT_NE(msg.find("no-such-state"), std::string::npos) << msg;
}

TEST_F(ResourcesGazetteer, AffiliationToAnActorOfAnotherFileIsValid) {
  Resources r = Resources::load(Resources::default_data_dir());
  r.add_gazetteer_file(file_with("jane-roe\tPerson\tJane Roe\t\t\tKOR\tEnvoy\tJane Roe\t\t"));
  EXPECT_NO_THROW(r.validate());
}

TEST_F(ResourcesGazetteer, ValidUserRowIsFound) {
  Resources r = Resources::load(Resources::default_data_dir());
  const std::size_t before = r.gazetteer().size();
  fs::path p = file_with("# nothing more");
  r.add_gazetteer_file(p);
  r.validate();
  ASSERT_EQ(r.gazetteer().size(), before + 1);
  const GazetteerEntry* e = r.find_actor("atlantis");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->actor.type, model::ActorType::State);
  EXPECT_EQ(e->actor.label, "Atlantis");
  EXPECT_EQ(e->actor.iso3, "ATL");
  EXPECT_EQ(e->actor.wikidata, "Q4");
  EXPECT_EQ(e->names, (std::vector<std::string>{"Atlantis", "Republic of Atlantis"}));
  EXPECT_EQ(e->demonyms, (std::vector<std::string>{"Atlantean"}));
  EXPECT_EQ(e->capitals, (std::vector<std::string>{"Poseidonia"}));
  EXPECT_EQ(e->file, p.string());
  EXPECT_EQ(e->line, 2u);
  ASSERT_NE(r.find_actor("KOR"), nullptr);  // the shipped ones are still there

  Extractor ex(r);
  model::DocumentInfo info;
  info.id = "t";
  info.text = "Atlantis will send 500 soldiers to Lithuania.";
  model::DocumentGraph g = ex.extract(info);
  ASSERT_EQ(g.facts.size(), 1u);
  EXPECT_EQ(g.facts[0].provider, (std::vector<std::string>{"atlantis"}));
  const model::Actor* a = g.find_actor("atlantis");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->iso3, "ATL");
}

}  // namespace
