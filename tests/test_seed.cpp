// End to end on the seed article: the gold facts this version must find, provenance of every
// span, and the Turtle output holding exactly the triples of the N-Triples output.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <serd/serd.h>
#include <sord/sord.h>

#include "newskg/extractor.hpp"
#include "newskg/rdf_writer.hpp"
#include "newskg/resources.hpp"

namespace {

using namespace newskg;
using model::AidType;
using model::FactKind;
using model::Status;

class Seed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    resources_ = new Resources(Resources::load(Resources::default_data_dir()));
    extractor_ = new Extractor(*resources_);
    std::ifstream in(NEWSKG_SEED, std::ios::binary);
    model::DocumentInfo info;
    info.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    info.id = "seed";
    info.published = model::parse_date("2024-10-22");
    graph_ = new model::DocumentGraph(extractor_->extract(std::move(info)));
  }
  static void TearDownTestSuite() {
    delete graph_;
    delete extractor_;
    delete resources_;
  }

  // The state an actor stands for: itself or what it is affiliated with ("Russia's U.N.
  // Ambassador" stands for RUS), as the scorer's primary match reads roles.
  static std::string side(const std::string& id) {
    const model::Actor* a = graph_->find_actor(id);
    if (!a) return id;
    if (!a->iso3.empty()) return a->iso3;
    if (!a->affiliation.empty()) return side(a->affiliation);
    return a->id;
  }
  static std::set<std::string> sides(const std::vector<std::string>& ids) {
    std::set<std::string> out;
    for (const auto& id : ids) out.insert(side(id));
    return out;
  }
  static const model::Fact* about(const model::Fact& f) {
    return f.about && *f.about < graph_->facts.size() ? &graph_->facts[*f.about] : nullptr;
  }

  static bool has_aid(std::set<std::string> provider, std::set<std::string> recipient, AidType type, Status status) {
    for (const auto& f : graph_->facts)
      if (f.kind == FactKind::Aid && f.aid_type == type && f.status == status && sides(f.provider) == provider &&
          sides(f.recipient) == recipient)
        return true;
    return false;
  }
  // A claim whose claimant, accused (or the provider of the aid it is about) and act match.
  static bool has_claim(FactKind kind, std::set<std::string> claimant, std::set<std::string> accused,
                        std::optional<AidType> act) {
    for (const auto& f : graph_->facts) {
      if (f.kind != kind || sides(f.claimant) != claimant) continue;
      const model::Fact* target = about(f);
      while (target && target->is_claim()) target = about(*target);
      std::set<std::string> acc = sides(f.accused);
      if (acc.empty() && target && target->kind == FactKind::Aid) acc = sides(target->provider);
      if (acc != accused) continue;
      if (act && !(target && target->kind == FactKind::Aid && target->aid_type == act)) continue;
      if (!act && target && target->kind == FactKind::Aid) continue;
      return true;
    }
    return false;
  }

  static Resources* resources_;
  static Extractor* extractor_;
  static model::DocumentGraph* graph_;
};

Resources* Seed::resources_ = nullptr;
Extractor* Seed::extractor_ = nullptr;
model::DocumentGraph* Seed::graph_ = nullptr;

TEST_F(Seed, FindsTheGoldAid) {
  EXPECT_TRUE(has_aid({"KOR"}, {"UKR"}, AidType::Military, Status::Considered));
  EXPECT_TRUE(has_aid({"PRK"}, {"RUS"}, AidType::Troops, Status::Alleged));
  EXPECT_TRUE(has_aid({"RUS"}, {"PRK"}, AidType::Weapons, Status::Considered));
  EXPECT_TRUE(has_aid({"KOR"}, {"UKR"}, AidType::Weapons, Status::Considered));
  EXPECT_TRUE(has_aid({"KOR"}, {"UKR"}, AidType::Humanitarian, Status::Actual));
  EXPECT_TRUE(has_aid({"KOR"}, {"UKR"}, AidType::Financial, Status::Actual));
  EXPECT_TRUE(has_aid({"PRK"}, {"RUS"}, AidType::Troops, Status::Planned));
  EXPECT_TRUE(has_aid({"PRK"}, {"RUS"}, AidType::Weapons, Status::Alleged));
  EXPECT_TRUE(has_aid({"IRN"}, {"RUS"}, AidType::Military, Status::Alleged));
}

TEST_F(Seed, QuantitiesCarryTheirBounds) {
  bool up_to_10000 = false, more_than_13000 = false;
  for (const auto& f : graph_->facts) {
    if (!f.quantity) continue;
    up_to_10000 |= f.quantity->value == "10000" && f.quantity->bound == model::QuantityBound::AtMost;
    more_than_13000 |= f.quantity->value == "13000" && f.quantity->bound == model::QuantityBound::AtLeast &&
                       f.quantity->unit == "containers";
  }
  EXPECT_TRUE(up_to_10000);
  EXPECT_TRUE(more_than_13000);
}

TEST_F(Seed, FindsTheDefenseAgreementOfJune) {
  bool found = false;
  for (const auto& f : graph_->facts)
    if (f.kind == FactKind::Agreement && sides(f.party) == std::set<std::string>{"PRK", "RUS"} &&
        f.agreement_type == model::AgreementType::Defense && f.status == Status::Actual && f.date &&
        f.date->lexical() == "2024-06" && f.cameo == "057")
      found = true;
  EXPECT_TRUE(found);
}

TEST_F(Seed, FindsTheGoldAllegations) {
  EXPECT_TRUE(has_claim(FactKind::Allegation, {}, {"PRK"}, AidType::Troops));            // "allegedly sending troops"
  EXPECT_TRUE(has_claim(FactKind::Allegation, {"KOR"}, {"PRK"}, std::nullopt));          // "a criminal group"
  EXPECT_TRUE(has_claim(FactKind::Allegation, {"KOR"}, {"PRK"}, AidType::Troops));       // the agency verified
  EXPECT_TRUE(has_claim(FactKind::Allegation, {"UKR"}, {"PRK"}, AidType::Troops));       // Zelenskyy
  EXPECT_TRUE(has_claim(FactKind::Allegation, {"KOR"}, {"PRK"}, AidType::Weapons));      // according to the agency
  EXPECT_TRUE(has_claim(FactKind::Allegation, {"RUS"}, {"west"}, std::nullopt));         // "He accused Western nations"
}

TEST_F(Seed, FindsTheGoldDenials) {
  EXPECT_TRUE(has_claim(FactKind::Denial, {"PRK", "RUS"}, {"PRK"}, AidType::Troops));
  EXPECT_TRUE(has_claim(FactKind::Denial, {"PRK", "RUS"}, {"PRK"}, AidType::Weapons));
  EXPECT_TRUE(has_claim(FactKind::Denial, {"RUS"}, {"PRK"}, AidType::Troops));
  EXPECT_TRUE(has_claim(FactKind::Denial, {"PRK"}, {"PRK"}, AidType::Troops));
}

TEST_F(Seed, NoConfirmationFromANegatedOrConditionalVerb) {
  for (const auto& f : graph_->facts) EXPECT_NE(f.kind, FactKind::Confirmation) << f.rule;
}

TEST_F(Seed, KnowsTheTitledPersons) {
  const model::Actor* wood = nullptr;
  for (const auto& a : graph_->actors)
    if (a.label == "Robert Wood") wood = &a;
  ASSERT_NE(wood, nullptr);
  EXPECT_EQ(wood->type, model::ActorType::Person);
  EXPECT_EQ(wood->affiliation, "USA");
  EXPECT_EQ(wood->role, "Deputy Ambassador to the U.N.");
  const model::Actor* kor = graph_->find_actor("KOR");
  ASSERT_NE(kor, nullptr);
  EXPECT_EQ(kor->wikidata, "Q884");
}

// Every span's anchor is the document text between its code-point offsets.
TEST_F(Seed, EverySpanAnchorsTheText) {
  std::u32string text;
  {
    const std::string& s = graph_->info.text;
    for (std::size_t i = 0; i < s.size();) {
      auto c = static_cast<unsigned char>(s[i]);
      std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      text.push_back(cp);
      i += n;
    }
  }
  auto check = [&](const model::Span& span) {
    ASSERT_LE(span.begin, span.end);
    ASSERT_LE(span.end, text.size());
    std::u32string want = text.substr(span.begin, span.end - span.begin);
    std::u32string got;
    for (std::size_t i = 0; i < span.anchor.size();) {
      auto c = static_cast<unsigned char>(span.anchor[i]);
      std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(span.anchor[i + k]) & 0x3F);
      got.push_back(cp);
      i += n;
    }
    EXPECT_TRUE(got == want) << span.anchor;
  };
  std::size_t spans = 0;
  for (const auto& f : graph_->facts) {
    EXPECT_FALSE(f.evidence.empty()) << f.rule;
    EXPECT_FALSE(f.rule.empty());
    for (const auto& s : f.evidence) check(s), ++spans;
  }
  for (const auto& m : graph_->mentions) check(m.span), ++spans;
  EXPECT_GT(spans, 50u);
}

std::string write(const model::DocumentGraph& g, exporters::RdfFormat format) {
  std::FILE* f = std::tmpfile();
  {
    exporters::RdfOptions options;
    options.format = format;
    exporters::RdfWriter writer(f, options);
    writer.write(g);
    EXPECT_TRUE(writer.finish());
  }
  std::rewind(f);
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  return out;
}

// The statements Sord holds after Serd reads `text`, as comparable strings.
std::set<std::string> read_into_sord(const std::string& text, SerdSyntax syntax) {
  SordWorld* world = sord_world_new();
  SordModel* model = sord_new(world, SORD_SPO, false);
  SerdEnv* env = serd_env_new(nullptr);
  SerdReader* reader = sord_new_reader(model, env, syntax, nullptr);
  SerdStatus st = serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(text.c_str()));
  EXPECT_EQ(st, SERD_SUCCESS);
  std::set<std::string> out;
  SordIter* it = sord_begin(model);
  for (; !sord_iter_end(it); sord_iter_next(it)) {
    SordQuad q;
    sord_iter_get(it, q);
    std::string line;
    for (int k = 0; k < 3; ++k) {
      const SordNode* n = q[k];
      line += std::to_string(sord_node_get_type(n)) + ":" + reinterpret_cast<const char*>(sord_node_get_string(n));
      if (const SordNode* dt = sord_node_get_datatype(n)) line += "^^" + std::string(reinterpret_cast<const char*>(sord_node_get_string(dt)));
      if (const char* lang = sord_node_get_language(n)) line += std::string("@") + lang;
      line += " | ";
    }
    out.insert(line);
  }
  sord_iter_free(it);
  serd_reader_free(reader);
  serd_env_free(env);
  sord_free(model);
  sord_world_free(world);
  return out;
}

TEST_F(Seed, TurtleHoldsTheSameTriplesAsNTriples) {
  const std::set<std::string> turtle = read_into_sord(write(*graph_, exporters::RdfFormat::Turtle), SERD_TURTLE);
  const std::set<std::string> ntriples = read_into_sord(write(*graph_, exporters::RdfFormat::NTriples), SERD_NTRIPLES);
  EXPECT_GT(turtle.size(), 300u);
  EXPECT_EQ(turtle, ntriples);
}

TEST_F(Seed, OutputIsDeterministic) {
  EXPECT_EQ(write(*graph_, exporters::RdfFormat::NQuads), write(extractor_->extract(graph_->info), exporters::RdfFormat::NQuads));
}

}  // namespace
