// Behaviour of the extractor on short invented sentences: the facts, roles, statuses,
// quantities, dates and actors the ontology contract asks for, and the provenance of every
// fact (evidence spans whose anchors are the text between their code-point offsets).
#include <algorithm>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "newskg/extractor.hpp"
#include "newskg/resources.hpp"

namespace {

using namespace newskg;
using model::AgreementType;
using model::AidType;
using model::DatePrecision;
using model::Fact;
using model::FactKind;
using model::Status;

using Ids = std::vector<std::string>;

Ids sorted(Ids v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Code points [begin, end) of valid UTF-8 text, counted independently of the extractor.
std::string cp_substr(std::string_view s, std::size_t begin, std::size_t end) {
  std::size_t cp = 0, b = 0, start = std::string_view::npos;
  while (b <= s.size()) {
    if (cp == begin) start = b;
    if (cp == end) return start == std::string_view::npos ? std::string() : std::string(s.substr(start, b - start));
    if (b == s.size()) break;
    auto c = static_cast<unsigned char>(s[b]);
    b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cp;
  }
  return "<out of range>";
}

class Extractor_ : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    resources_ = new Resources(Resources::load(Resources::default_data_dir()));
    extractor_ = new Extractor(*resources_);
  }
  static void TearDownTestSuite() {
    delete extractor_;
    delete resources_;
    extractor_ = nullptr;
    resources_ = nullptr;
  }

  // Extracts `text` and checks the provenance every graph must have.
  static model::DocumentGraph extract(const std::string& text, const char* published = nullptr) {
    model::DocumentInfo info;
    info.id = "t";
    info.text = text;
    if (published) info.published = model::parse_date(published);
    model::DocumentGraph g = extractor_->extract(std::move(info));
    check_provenance(g);
    return g;
  }

  static void check_provenance(const model::DocumentGraph& g) {
    const std::string& text = g.info.text;
    auto check_span = [&](const model::Span& s, const std::string& what) {
      EXPECT_LT(s.begin, s.end) << what;
      EXPECT_FALSE(s.anchor.empty()) << what;
      EXPECT_EQ(s.anchor, cp_substr(text, s.begin, s.end)) << what << " [" << s.begin << "," << s.end << ")";
    };
    std::vector<std::string> ids;
    for (const Fact& f : g.facts) {
      const std::string what = std::string(model::name(f.kind)) + " " + f.local_id;
      EXPECT_FALSE(f.evidence.empty()) << what;
      for (const model::Span& s : f.evidence) check_span(s, what + " evidence");
      if (f.trigger) check_span(*f.trigger, what + " trigger");
      if (f.quantity) check_span(f.quantity->span, what + " quantity");
      EXPECT_FALSE(f.rule.empty()) << what;
      EXPECT_FALSE(f.local_id.empty()) << what;
      ids.push_back(f.local_id);
      if (f.about) {
        EXPECT_LT(*f.about, g.facts.size()) << what;
      }
      if (f.is_claim()) {
        EXPECT_TRUE(f.about.has_value()) << what << " is about nothing";
      }
      // Every actor a fact names is described in the graph.
      for (const auto* role : {&f.claimant, &f.accused, &f.provider, &f.recipient, &f.party})
        for (const std::string& id : *role) EXPECT_NE(g.find_actor(id), nullptr) << what << " names " << id;
    }
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate fact ids";
    for (const model::Mention& m : g.mentions) {
      check_span(m.span, "mention of " + m.actor_id);
      EXPECT_NE(g.find_actor(m.actor_id), nullptr) << m.actor_id;
    }
    EXPECT_TRUE(std::is_sorted(g.actors.begin(), g.actors.end(), [](const auto& x, const auto& y) { return x.id < y.id; }));
    for (const model::Actor& a : g.actors)
      if (!a.affiliation.empty()) {
        EXPECT_NE(g.find_actor(a.affiliation), nullptr) << a.id << " -> " << a.affiliation;
      }
  }

  // The person of the graph with that label, or nullptr.
  static const model::Actor* person(const model::DocumentGraph& g, std::string_view label) {
    for (const model::Actor& a : g.actors)
      if (a.type == model::ActorType::Person && a.label == label) return &a;
    return nullptr;
  }

  static std::vector<const Fact*> facts(const model::DocumentGraph& g, FactKind kind) {
    std::vector<const Fact*> out;
    for (const Fact& f : g.facts)
      if (f.kind == kind) out.push_back(&f);
    return out;
  }

  static Resources* resources_;
  static Extractor* extractor_;
};

Resources* Extractor_::resources_ = nullptr;
Extractor* Extractor_::extractor_ = nullptr;

// GoogleTest suite names: ExtractorClaims, ExtractorAgreements, ... (all "Extractor*").
class ExtractorClaims : public Extractor_ {};
class ExtractorAgreements : public Extractor_ {};
class ExtractorAid : public Extractor_ {};
class ExtractorActors : public Extractor_ {};
class ExtractorDates : public Extractor_ {};
class ExtractorProvenance : public Extractor_ {};

// ---------------------------------------------------------------- claims

TEST_F(ExtractorClaims, SelfDenialOfAid) {
  auto g = extract("Iran denied supplying drones to the Houthis.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  const Fact& d = *denials[0];
  EXPECT_EQ(d.claimant, Ids{"IRN"});
  ASSERT_TRUE(d.about.has_value());
  const Fact& aid = g.facts[*d.about];
  EXPECT_EQ(aid.kind, FactKind::Aid);
  EXPECT_EQ(aid.provider, Ids{"IRN"});
  EXPECT_EQ(aid.recipient, Ids{"houthis"});
  EXPECT_EQ(aid.aid_type, AidType::Weapons);
  EXPECT_EQ(aid.status, Status::Denied);
  ASSERT_TRUE(d.trigger.has_value());
  EXPECT_EQ(d.trigger->anchor, "denied");
  EXPECT_EQ(d.rule, "claim.deny");
  EXPECT_TRUE(facts(g, FactKind::Allegation).empty());
  EXPECT_TRUE(facts(g, FactKind::Confirmation).empty());
  ASSERT_NE(g.find_actor("houthis"), nullptr);
  EXPECT_EQ(g.find_actor("houthis")->type, model::ActorType::ArmedGroup);
}

TEST_F(ExtractorClaims, DenialWithAPronounSubject) {
  auto g = extract("Iran denied that it supplied drones to the Houthis.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  ASSERT_TRUE(denials[0]->about.has_value());
  EXPECT_EQ(g.facts[*denials[0]->about].provider, Ids{"IRN"});
}

TEST_F(ExtractorClaims, AnIndefiniteShipmentIsNotTheActToldBefore) {
  // "a shipment of Iranian weapons" is not Poland's delivery told again.
  auto g = extract("Poland delivered weapons to Ukraine. Iran's foreign ministry dismissed reports that a shipment of Iranian weapons had been seized.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  ASSERT_TRUE(denials[0]->about.has_value());
  EXPECT_NE(g.facts[*denials[0]->about].provider, Ids{"POL"});
  EXPECT_EQ(denials[0]->accused.size(), 1u);
  EXPECT_EQ(std::count(denials[0]->accused.begin(), denials[0]->accused.end(), "POL"), 0);
}

TEST_F(ExtractorClaims, HisMinistryIsABodyOfTheMinistersState) {
  auto g = extract("Romania's economy minister rejected claims that his ministry was delivering weapons to Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_EQ(aid[0]->provider.size(), 1u);
  const model::Actor* ministry = g.find_actor(aid[0]->provider[0]);
  ASSERT_NE(ministry, nullptr);
  EXPECT_EQ(ministry->type, model::ActorType::GovernmentBody);
  EXPECT_EQ(ministry->affiliation, "ROU");
}

TEST_F(ExtractorClaims, AWarningAgainstAnActAllegesNothing) {
  auto g = extract("Washington warned Beijing against supplying weapons to Russia.");
  EXPECT_TRUE(facts(g, FactKind::Allegation).empty());
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"CHN"});
  EXPECT_EQ(aid[0]->status, Status::Considered);
  // A warning that it is done is still an allegation.
  g = extract("Washington warned that Beijing was supplying weapons to Russia.");
  EXPECT_EQ(facts(g, FactKind::Allegation).size(), 1u);
}

TEST_F(ExtractorClaims, ThePronounAfterAClaimNounIsItsOwner) {
  auto g = extract("Sudan's army rejected the UAE's denial that it supplied weapons to the RSF.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"ARE"});
}

TEST_F(ExtractorClaims, APassiveDenialIsByWhoFollowsBy) {
  auto g = extract("Reports that Egypt sent drones to Sudan were denied by Cairo.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0]->claimant, Ids{"EGY"});
  // A denial rejected is one claim against another: no denial by Kyiv of "by Kyiv".
  g = extract("Iran's denial that it supplied drones to Russia was rejected by Kyiv.");
  denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0]->claimant, Ids{"IRN"});
}

TEST_F(ExtractorClaims, DenialOfClaimsThatNamesTheClaims) {
  // "claims that" after a denial verb is the noun, not the verb "claims that".
  auto g = extract("Egypt rejected claims that it sent weapons to Sudan.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0]->claimant, Ids{"EGY"});
  ASSERT_TRUE(denials[0]->about.has_value());
  EXPECT_EQ(g.facts[*denials[0]->about].provider, Ids{"EGY"});
}

TEST_F(ExtractorClaims, AVerbInAnAdverbialClauseHasItsOwnSubject) {
  // "after a report claimed": the subject of "claimed" is in its own clause, not "it" before
  // the comma; the denial still answers the claims it names.
  auto g = extract("Egypt denied Monday allegations that it is shipping rifles to Sudan, after a report claimed Egypt was among "
                   "countries arming the rebels.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  ASSERT_TRUE(denials[0]->about.has_value());
  const Fact& denied = g.facts[*denials[0]->about];
  EXPECT_EQ(denied.kind, FactKind::Aid);
  EXPECT_EQ(denied.provider, Ids{"EGY"});
  ASSERT_FALSE(denied.evidence.empty());
  EXPECT_EQ(denied.evidence[0].anchor.substr(0, 14), "it is shipping");
  EXPECT_TRUE(facts(g, FactKind::OtherAct).empty());
}

TEST_F(ExtractorClaims, TheReportIsWhoeverWroteIt) {
  // "The report" opening a sentence stands for the authors of the report named before; as an
  // object ("called the report fabricated") it stands for nobody. "the rebels" is never the
  // U.N. experts.
  auto g = extract("Mali cited a confidential report by United Nations experts. The report also accused Niger of providing the rebels "
                   "with logistical support. Niger called the report fabricated and denied that it sent troops to Mali.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->claimant, Ids{"UN-experts"});
  EXPECT_EQ(allegations[0]->accused, Ids{"NER"});
  ASSERT_TRUE(allegations[0]->about.has_value());
  const Fact& support = g.facts[*allegations[0]->about];
  ASSERT_EQ(support.recipient.size(), 1u);
  EXPECT_EQ(g.find_actor(support.recipient[0])->type, model::ActorType::ArmedGroup);
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0]->claimant, Ids{"NER"});
}

TEST_F(ExtractorClaims, ABorderDisputeIsNoDenial) {
  // "dispute" the noun (not-a-trigger.dispute-noun) is no "dispute" the verb.
  EXPECT_TRUE(facts(extract("Guyana has taken the border dispute to the International Court of Justice."), FactKind::Denial).empty());
  EXPECT_EQ(facts(extract("China disputed the claims that it sent drones to Russia."), FactKind::Denial).size(), 1u);
}

TEST_F(ExtractorClaims, DenialAndAdmissionSharingTheirSubject) {
  // The second verb's speaker is the subject both share: the denial's complement ends at "but".
  auto g = extract("Hungary has denied selling rifles to Ukraine, but admitted shipping drones to Serbia.");
  auto denials = facts(g, FactKind::Denial), confirmations = facts(g, FactKind::Confirmation);
  ASSERT_EQ(denials.size(), 1u);
  ASSERT_EQ(confirmations.size(), 1u);
  ASSERT_TRUE(denials[0]->about && confirmations[0]->about);
  const Fact& denied = g.facts[*denials[0]->about];
  EXPECT_EQ(denied.recipient, Ids{"UKR"});
  EXPECT_EQ(denied.status, Status::Denied);
  const Fact& admitted = g.facts[*confirmations[0]->about];
  EXPECT_EQ(admitted.recipient, Ids{"SRB"});
  EXPECT_EQ(admitted.status, Status::Actual);
}

TEST_F(ExtractorClaims, ADenialWithoutAClauseMakesNoEmptyAct) {
  // Once made an act with the empty span [0,0): check_provenance() refuses any empty span.
  auto g = extract("The United Arab Emirates on Sunday denied a report claiming rifles were found in its relief convoys, "
                   "arguing it \"backs no side\" in the war.");
  for (const Fact& f : g.facts) {
    if (f.kind != FactKind::OtherAct) continue;
    EXPECT_FALSE(f.description.empty()) << f.local_id;
  }
}

TEST_F(ExtractorClaims, AClaimNounBeforeTheSpeakerIsWhatItAnswers) {
  // "a claim China rejected as groundless": the denial answers the accusation, and "as
  // groundless" is no act.
  auto g = extract("Washington accused Beijing of providing Moscow with drone engines, a claim China rejected as groundless.");
  auto denials = facts(g, FactKind::Denial), allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(denials.size(), 1u);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(denials[0]->claimant, Ids{"CHN"});
  ASSERT_TRUE(denials[0]->about.has_value());
  EXPECT_EQ(&g.facts[*denials[0]->about], allegations[0]);
  EXPECT_TRUE(facts(g, FactKind::OtherAct).empty());
}

TEST_F(ExtractorClaims, AnActToldOnlyInADenialIsDenied) {
  auto g = extract("The Kremlin denied that any Belarusian soldiers were fighting in Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"BLR"});
  EXPECT_EQ(aid[0]->status, Status::Denied);
  ASSERT_EQ(facts(g, FactKind::Denial).size(), 1u);
}

TEST_F(ExtractorClaims, ItsMinistryIsABodyOfTheStateItRefersTo) {
  // "its foreign ministry" is the body "China's foreign ministry" is: the same actor, and a
  // speaker whose denial of its own state's act makes the act Denied.
  auto g = extract("China has not provided lethal aid to Russia, its foreign ministry said.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  ASSERT_EQ(denials[0]->claimant.size(), 1u);
  const model::Actor* ministry = g.find_actor(denials[0]->claimant.front());
  ASSERT_NE(ministry, nullptr);
  EXPECT_EQ(ministry->label, "China's foreign ministry");
  EXPECT_EQ(ministry->affiliation, "CHN");
  auto explicit_form = extract("China has not provided lethal aid to Russia, China's foreign ministry said.");
  ASSERT_EQ(facts(explicit_form, FactKind::Denial).size(), 1u);
  EXPECT_EQ(facts(explicit_form, FactKind::Denial)[0]->claimant, denials[0]->claimant);
  ASSERT_TRUE(denials[0]->about.has_value());
  EXPECT_EQ(g.facts[*denials[0]->about].status, Status::Denied);
}

TEST_F(ExtractorClaims, AClaimToldByANounIsItsOwners) {
  // "Iran's denial of supplying drones": Iran denies, and the act it denies is its own.
  auto g = extract("Iran's denial of supplying drones to Russia came a day later.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0]->claimant, Ids{"IRN"});
  ASSERT_TRUE(denials[0]->about.has_value());
  const Fact& aid = g.facts[*denials[0]->about];
  EXPECT_EQ(aid.provider, Ids{"IRN"});
  EXPECT_EQ(aid.recipient, Ids{"RUS"});
  EXPECT_EQ(aid.status, Status::Denied);
  // "Russia's allegations that ...": Russia alleges; without an owner the noun claims nothing.
  g = extract("Russia's allegations that Poland sent weapons to Ukraine were dismissed.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->claimant, Ids{"RUS"});
  EXPECT_EQ(allegations[0]->accused, Ids{"POL"});
  EXPECT_TRUE(facts(extract("The allegations that Poland sent weapons to Ukraine were new."), FactKind::Allegation).empty());
}

TEST_F(ExtractorClaims, AccusationOfAnotherState) {
  // Told by a verb, or by a noun ("deliveries of arms", "shipments of weapons").
  for (const char* text : {"The U.S. accused Iran of supplying drones to the Houthis.",
                           "The U.S. accused Iran of coordinating deliveries of arms to the Houthis.",
                           "The U.S. accused Iran of shipments of weapons to the Houthis."}) {
    auto g = extract(text);
    auto allegations = facts(g, FactKind::Allegation);
    ASSERT_EQ(allegations.size(), 1u) << text;
    const Fact& a = *allegations[0];
    EXPECT_EQ(a.claimant, Ids{"USA"}) << text;
    EXPECT_EQ(a.accused, Ids{"IRN"}) << text;
    ASSERT_TRUE(a.about.has_value()) << text;
    const Fact& aid = g.facts[*a.about];
    EXPECT_EQ(aid.kind, FactKind::Aid) << text;
    EXPECT_EQ(aid.provider, Ids{"IRN"}) << text;
    EXPECT_EQ(aid.status, Status::Alleged) << text;  // inside someone else's claim
    EXPECT_EQ(aid.aid_type, AidType::Weapons) << text;
  }
}

TEST_F(ExtractorClaims, APassiveAccusationTurnsTheRolesRound) {
  auto g = extract("Serbia has been accused by Russia of selling ammunition to Ukraine.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->claimant, Ids{"RUS"});
  EXPECT_EQ(allegations[0]->accused, Ids{"SRB"});
  ASSERT_TRUE(allegations[0]->about.has_value());
  EXPECT_EQ(g.facts[*allegations[0]->about].provider, Ids{"SRB"});
  EXPECT_EQ(g.facts[*allegations[0]->about].status, Status::Alleged);
  // Without "by", no one is named as the accuser, and the act is still only alleged.
  auto unnamed = extract("Serbia has been accused of selling ammunition to Ukraine.");
  auto unnamed_allegations = facts(unnamed, FactKind::Allegation);
  ASSERT_EQ(unnamed_allegations.size(), 1u);
  EXPECT_TRUE(unnamed_allegations[0]->claimant.empty());
  EXPECT_EQ(unnamed_allegations[0]->accused, Ids{"SRB"});
  ASSERT_TRUE(unnamed_allegations[0]->about.has_value());
  EXPECT_EQ(unnamed.facts[*unnamed_allegations[0]->about].status, Status::Alleged);
}

TEST_F(ExtractorClaims, SupportOfAnArmedGroupToldByOthersIsAnAllegation) {
  auto g = extract("UN experts said that Rwanda has supported the M23.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->claimant, Ids{"UN-experts"});
  EXPECT_EQ(allegations[0]->accused, Ids{"RWA"});
  // Support of a state is news, not an accusation.
  EXPECT_TRUE(facts(extract("UN experts said that Rwanda has supported Kenya."), FactKind::Allegation).empty());
}

TEST_F(ExtractorClaims, HedgeWithoutASpeakerIsAnAllegation) {
  auto g = extract("Iran reportedly sent drones to Russia.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Alleged);
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_TRUE(allegations[0]->claimant.empty());
  EXPECT_EQ(allegations[0]->accused, Ids{"IRN"});
}

TEST_F(ExtractorClaims, ASpeakerReportingItsOwnSideIsNoAllegation) {
  auto g = extract("French President Emmanuel Macron said France would send troops to Chad.");
  EXPECT_TRUE(facts(g, FactKind::Allegation).empty());
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"FRA"});
  EXPECT_EQ(aid[0]->recipient, Ids{"TCD"});
  EXPECT_EQ(aid[0]->status, Status::Planned);
}

TEST_F(ExtractorClaims, AnEmbassyInACapitalDeniesOnSocialMedia) {
  // "tweeted" reports; the capital after "in" is where the embassy is, not who speaks; "to aid
  // in its fight" is a verb, no second aid.
  auto g = extract("\"Allegations that Turkey is supplying Ethiopia with drones to aid in its fight are false,\" "
                   "Turkey's embassy in Addis Ababa tweeted.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  const model::Actor* embassy = g.find_actor(denials[0]->claimant.at(0));
  ASSERT_NE(embassy, nullptr);
  EXPECT_EQ(embassy->affiliation, "TUR");
  EXPECT_EQ(facts(g, FactKind::Aid).size(), 1u);
}

TEST_F(ExtractorClaims, ANounAccusedOfIsTheAccusedUnlessItsObjectWentFirst) {
  auto g = extract("Washington imposed sanctions on Chinese companies accused of supplying components to Russia's military. "
                   "The measures also target Belarus, which the EU accused of sending shells to Russia.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 2u);
  EXPECT_TRUE(allegations[0]->claimant.empty());
  ASSERT_EQ(allegations[0]->accused.size(), 1u);
  const model::Actor* companies = g.find_actor(allegations[0]->accused[0]);
  ASSERT_NE(companies, nullptr);
  EXPECT_EQ(companies->affiliation, "CHN");
  EXPECT_EQ(allegations[1]->claimant, Ids{"EU"});
  EXPECT_EQ(allegations[1]->accused, Ids{"BLR"});
}

TEST_F(ExtractorClaims, AndHasOpensASecondClauseOfTheSameSubject) {
  // What the flights carried is no part of what the UAE denied giving.
  auto g = extract("The UAE has denied arming any group in Sudan and has told the panel that the flights carried humanitarian aid.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
  EXPECT_EQ(aid[0]->status, Status::Denied);
}

TEST_F(ExtractorClaims, ARecipientConfirmingWhatItGotVouchesForItAHoaxIsADenial) {
  auto g = extract("The United Nations confirmed that it had received the first shipment of aid from Jordan. "
                   "Ukraine said North Korea had sent troops to Russia. Kremlin spokesman Dmitry Peskov called the reports another hoax.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[0]->status, Status::Actual);
  EXPECT_EQ(aid[1]->status, Status::Alleged);  // a third party's word; the Kremlin's denial answers the reports
  EXPECT_EQ(facts(g, FactKind::Denial).size(), 1u);
}

// ---------------------------------------------------------------- agreements

TEST_F(ExtractorAgreements, ForcesOnEachOthersSoilAreDefense) {
  for (const char* text : {"The Philippines and Japan signed a reciprocal access agreement.",
                           "U.S. military officials finalized a status of forces agreement with the government of Niger."}) {
    auto g = extract(text);
    auto agreements = facts(g, FactKind::Agreement);
    ASSERT_EQ(agreements.size(), 1u) << text;
    EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Defense) << text;
  }
}

TEST_F(ExtractorAgreements, ThePurposeAfterToMayNameTheTypeAfterAVerbAndItsModifiers) {
  auto g = extract("India and Egypt on Tuesday signed an MoU to further enhance bilateral defence cooperation.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Defense);
  // Not past a comma: what follows it is another matter.
  g = extract("India and Egypt signed an MoU on Tuesday, and later discussed trade.");
  agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Other);
}

TEST_F(ExtractorAgreements, DefenseAgreementWithAMonth) {
  auto g = extract("Japan signed a defense agreement with the Philippines in March.", "2024-07-10");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  const Fact& a = *agreements[0];
  EXPECT_EQ(sorted(a.party), (Ids{"JPN", "PHL"}));
  EXPECT_EQ(a.agreement_type, AgreementType::Defense);
  EXPECT_EQ(a.status, Status::Actual);
  ASSERT_TRUE(a.date.has_value());
  EXPECT_EQ(a.date->lexical(), "2024-03");
  EXPECT_EQ(a.date->datatype(), "gYearMonth");
  EXPECT_EQ(a.date->precision, DatePrecision::Month);
  EXPECT_TRUE(a.provider.empty());
  EXPECT_TRUE(facts(g, FactKind::Aid).empty());
  ASSERT_TRUE(a.trigger.has_value());
  EXPECT_EQ(a.trigger->anchor, "agreement");
  ASSERT_FALSE(a.evidence.empty());
  EXPECT_NE(a.evidence[0].anchor.find("Japan signed"), std::string::npos);
  EXPECT_NE(a.evidence[0].anchor.find("Philippines"), std::string::npos);
}

TEST_F(ExtractorAgreements, FormalizedIsASigning) {
  auto g = extract("Japan and India formalized a defense pact on Monday.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->party, (Ids{"JPN", "IND"}));
  EXPECT_EQ(agreements[0]->status, Status::Actual);
}

TEST_F(ExtractorAgreements, MinistriesOfTwoStatesAreTwoParties) {
  // "the Ministry of Defence of the United Kingdom": a body of the state named after it, so the
  // coordination with the other ministry holds.
  auto g = extract("The Ministry of Defence of the United Kingdom and the Ministry of Defence of Germany signed an agreement on "
                   "defence co-operation.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  ASSERT_EQ(agreements[0]->party.size(), 2u);
  EXPECT_EQ(g.find_actor(agreements[0]->party[0])->affiliation, "GBR");
  EXPECT_EQ(g.find_actor(agreements[0]->party[1])->affiliation, "DEU");
}

TEST_F(ExtractorAgreements, AGovernmentAndUnnamedRebelsSignACeasefire) {
  // "rebels" is an armed group of its own (the armed-group-noun class); the mediator's report
  // of the ceasefire is news, not an allegation.
  auto g = extract("The Malian government and rebels signed a ceasefire deal on Thursday, according to the African Union.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  ASSERT_EQ(agreements[0]->party.size(), 2u);
  EXPECT_EQ(agreements[0]->party[0], "MLI");
  const model::Actor* rebels = g.find_actor(agreements[0]->party[1]);
  ASSERT_NE(rebels, nullptr);
  EXPECT_EQ(rebels->type, model::ActorType::ArmedGroup);
  EXPECT_EQ(rebels->label, "rebels");
  EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Ceasefire);
  EXPECT_TRUE(facts(g, FactKind::Allegation).empty());
}

TEST_F(ExtractorAid, ADemonymBeforeRebelsNamesTheGroupNotTheState) {
  auto g = extract("Egypt denied supplying weapons to Libyan rebels.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_EQ(aid[0]->recipient.size(), 1u);
  const model::Actor* rebels = g.find_actor(aid[0]->recipient[0]);
  ASSERT_NE(rebels, nullptr);
  EXPECT_EQ(rebels->label, "Libyan rebels");
  EXPECT_EQ(rebels->type, model::ActorType::ArmedGroup);
}

TEST_F(ExtractorAgreements, RestoringDiplomaticTiesIsACooperationAgreement) {
  auto g = extract("Saudi Arabia and Iran restored diplomatic ties in March.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->party, (Ids{"SAU", "IRN"}));
  EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Cooperation);
  EXPECT_TRUE(facts(extract("Egypt broke off diplomatic relations with Qatar."), FactKind::Agreement).empty());
}

TEST_F(ExtractorAgreements, TheTypeMayFollowTheNoun) {
  auto g = extract("Russia and China signed an agreement to expand military cooperation, state media reported.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Defense);
  g = extract("Japan and India signed a deal on trade and investment.");
  agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Trade);
}

TEST_F(ExtractorAgreements, AMonthAfterPublicationIsLastYears) {
  auto g = extract("Japan signed a defense agreement with the Philippines in March.", "2024-02-10");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  ASSERT_TRUE(agreements[0]->date.has_value());
  EXPECT_EQ(agreements[0]->date->lexical(), "2023-03");
}

TEST_F(ExtractorAgreements, AMonthWithoutPublicationDateHasNoDate) {
  auto g = extract("Japan signed a defense agreement with the Philippines in March.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_FALSE(agreements[0]->date.has_value());
}

TEST_F(ExtractorAgreements, CoordinatedPartiesAndAFullDate) {
  auto g = extract("Japan and the Philippines signed a defense pact on Oct. 18, 2024.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(sorted(agreements[0]->party), (Ids{"JPN", "PHL"}));
  ASSERT_TRUE(agreements[0]->date.has_value());
  EXPECT_EQ(agreements[0]->date->lexical(), "2024-10-18");
  EXPECT_EQ(agreements[0]->date->datatype(), "date");
}

TEST_F(ExtractorAgreements, TradeAgreementReportedByAGovernmentBody) {
  auto g = extract("The Chinese Foreign Ministry said China signed a trade agreement with Brazil.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(sorted(agreements[0]->party), (Ids{"BRA", "CHN"}));
  EXPECT_EQ(agreements[0]->agreement_type, AgreementType::Trade);
  EXPECT_TRUE(facts(g, FactKind::Allegation).empty());  // the ministry speaks for China
}

TEST_F(ExtractorAgreements, TheGovernmentOfAStateAndATypeAfterTheParties) {
  auto g = extract("The ministers signed on Thursday in Lisbon the Agreement between the Government of Romania and the "
                   "Government of the Portuguese Republic on defense cooperation.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(sorted(agreements[0]->party), sorted(Ids{"ROU", "PRT"}));
  EXPECT_EQ(agreements[0]->agreement_type, AgreementType::Defense);
}

TEST_F(ExtractorAgreements, ADealWithAStateIsAnAgreementToDealWithIsNot) {
  auto g = extract("Ethiopia signed a military cooperation deal with Russia. Kenya said it must deal with Russia and China.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(sorted(agreements[0]->party), sorted(Ids{"ETH", "RUS"}));
  EXPECT_EQ(agreements[0]->agreement_type, AgreementType::Defense);
}

TEST_F(ExtractorAgreements, AMediatorIsNoParty) {
  auto g = extract("Qatar and Egypt brokered a truce between Israel and Hamas. Russia and Ukraine signed a grain deal brokered by Turkey.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 2u);
  EXPECT_EQ(sorted(agreements[0]->party), sorted(Ids{"ISR", "hamas"}));
  EXPECT_EQ(agreements[0]->agreement_type, AgreementType::Ceasefire);
  EXPECT_EQ(sorted(agreements[1]->party), sorted(Ids{"RUS", "UKR"}));
  // Who announces a truce "between" two others is no party either; "with" still makes one.
  g = extract("Qatar announced a ceasefire between Israel and Hamas. Israel signed a ceasefire with Hamas.");
  agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(sorted(agreements[0]->party), sorted(Ids{"ISR", "hamas"}));
}

// ---------------------------------------------------------------- aid

TEST_F(ExtractorAid, PlannedTroopsWithAQuantity) {
  auto g = extract("Germany will send 500 soldiers to Lithuania.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  const Fact& f = *aid[0];
  EXPECT_EQ(f.provider, Ids{"DEU"});
  EXPECT_EQ(f.recipient, Ids{"LTU"});
  EXPECT_EQ(f.aid_type, AidType::Troops);
  EXPECT_EQ(f.status, Status::Planned);
  ASSERT_TRUE(f.quantity.has_value());
  EXPECT_EQ(f.quantity->value, "500");
  EXPECT_EQ(f.quantity->unit, "soldiers");
  EXPECT_EQ(f.quantity->bound, model::QuantityBound::Exact);
  EXPECT_EQ(f.quantity->span.anchor, "500");
  ASSERT_TRUE(f.trigger.has_value());
  EXPECT_EQ(f.trigger->anchor, "send");
  EXPECT_EQ(g.facts.size(), 1u);
}

TEST_F(ExtractorAid, QuantityBoundsAndMoney) {
  auto g = extract("Germany will send up to 1,500 soldiers to Lithuania.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "1500");
  EXPECT_EQ(aid[0]->quantity->bound, model::QuantityBound::AtMost);
  EXPECT_EQ(aid[0]->quantity->span.anchor, "up to 1,500");

  g = extract("The European Union pledged $2.5 billion in aid to Ukraine.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"EU"});
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "2500000000");
  EXPECT_EQ(aid[0]->quantity->unit, "USD");
  EXPECT_EQ(aid[0]->quantity->span.anchor, "$2.5 billion");
}

TEST_F(ExtractorAid, ASumJoinedAfterTheAidMeasuresIt) {
  // The amount-link lexicon class: "worth", "totalling", "of" between the aid (or the recipient
  // after it) and its sum.
  struct Case {
    const char* text;
    const char* value;
    model::QuantityBound bound;
  };
  for (const Case& c : {Case{"Canada announced a military aid package worth $400 million for Ukraine.", "400000000", model::QuantityBound::Exact},
                        Case{"Japan pledged humanitarian aid totalling $2 billion to Sudan.", "2000000000", model::QuantityBound::Exact},
                        Case{"The EU approved aid of more than $50 million for Gaza.", "50000000", model::QuantityBound::AtLeast},
                        // After the recipient that follows what is given; "valued" then a bound.
                        Case{"The Pentagon is sending another aid package to Ukraine, valued at $300 million.", "300000000", model::QuantityBound::Exact},
                        Case{"Canada announced a military aid package for Ukraine valued up to $6 billion.", "6000000000", model::QuantityBound::AtMost},
                        Case{"Germany sent a military aid package to Ukraine worth about $500 million.", "500000000", model::QuantityBound::Approximately}}) {
    auto g = extract(c.text);
    auto aid = facts(g, FactKind::Aid);
    ASSERT_EQ(aid.size(), 1u) << c.text;
    ASSERT_TRUE(aid[0]->quantity.has_value()) << c.text;
    EXPECT_EQ(aid[0]->quantity->value, c.value) << c.text;
    EXPECT_EQ(aid[0]->quantity->unit, "USD") << c.text;
    EXPECT_EQ(aid[0]->quantity->bound, c.bound) << c.text;
  }
  // A count after "of" is no sum: "a package of 500 rifles" is counted by its noun, not here.
  auto g = extract("Canada announced a military aid package of 500 rifles for Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_FALSE(aid.empty());
  EXPECT_TRUE(!aid[0]->quantity || aid[0]->quantity->unit != "USD");
  // A sum told in another clause measures nothing here.
  g = extract("The EU sent humanitarian aid to Sudan, the bloc said on Monday, worth 20 million euros.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_FALSE(aid[0]->quantity.has_value());
}

TEST_F(ExtractorAid, APlaceThatNamesAWarGetsNothing) {
  // The conflict-noun lexicon class: "the Ukraine war" says which war, not who receives.
  auto g = extract("Iran has supplied drones for use in the Ukraine war. Belarus has supplied shells to Russia for use in the Ukraine war.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_TRUE(aid[0]->recipient.empty());
  EXPECT_EQ(aid[1]->recipient, Ids{"RUS"});
  // A demonym names a side of the war, which gets the aid.
  g = extract("Belarus sent shells to support the Russian invasion.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"RUS"});
}

TEST_F(ExtractorAid, CurrenciesBeforeOrAfterTheNumberGiveTheirCode) {
  // The currency lexicon class: symbols, codes and names, the unit is the ISO code.
  struct Case {
    const char* text;
    const char* unit;
  };
  for (const Case& c : {Case{"The EU pledged 50 million euros in aid to Gaza.", "EUR"}, Case{"The EU pledged EUR 50 million in aid to Gaza.", "EUR"},
                        Case{"Japan pledged 5 billion yen in aid to Ukraine.", "JPY"}, Case{"Britain pledged \u00a320 million in aid to Sudan.", "GBP"},
                        Case{"Germany pledged US$2 million in aid to Ukraine.", "USD"}}) {
    auto g = extract(c.text);
    auto aid = facts(g, FactKind::Aid);
    ASSERT_EQ(aid.size(), 1u) << c.text;
    ASSERT_TRUE(aid[0]->quantity.has_value()) << c.text;
    EXPECT_EQ(aid[0]->quantity->unit, c.unit) << c.text;
  }
  // A weight is no sum of money.
  auto g = extract("The United States sent 100,000 pounds of food to Haiti.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_NE(aid[0]->quantity->unit, "GBP");
}

TEST_F(ExtractorAid, ACountWordWithOfCountsTheNounAfterIt) {
  auto g = extract("Russia had sent hundreds of troops to Mali.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->unit, "troops");
  EXPECT_EQ(aid[0]->quantity->bound, model::QuantityBound::Approximately);
}

TEST_F(ExtractorAid, ALoanWithoutARecipientGoesToTheStorysCountry) {
  // Datelined Colombo, in a story of the aid Sri Lanka receives: the World Bank's loan goes to
  // Sri Lanka, which its sentence leaves out. Arms are not assumed so.
  auto g = extract("COLOMBO, Sri Lanka (AP) - The IMF released $330 million to Sri Lanka on Friday. Sri Lanka's economy grew last "
                   "year. The World Bank plans to lend up to $2 billion. Separately, India sent rifles.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 3u);
  EXPECT_EQ(aid[1]->aid_type, AidType::Financial);
  EXPECT_EQ(aid[1]->recipient, Ids{"LKA"});
  EXPECT_EQ(aid[2]->aid_type, AidType::Weapons);
  EXPECT_TRUE(aid[2]->recipient.empty());
  // Datelined Washington, with no aid to the United States told: Japan's relief goes nowhere
  // the text does not say.
  g = extract("WASHINGTON (Reuters) - The State Department met on Thursday. Japan pledged 1.5 billion yen in emergency relief.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_TRUE(aid[0]->recipient.empty());
}

TEST_F(ExtractorAid, SupplyingAStatesGroupWithArmsGoesToTheGroup) {
  auto g = extract("Israel accused Iran of supplying Lebanon's Hezbollah with rockets.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_EQ(aid[0]->recipient.size(), 1u);
  EXPECT_NE(aid[0]->recipient[0], "LBN");
  EXPECT_EQ(g.find_actor(aid[0]->recipient[0])->type, model::ActorType::ArmedGroup);
}

TEST_F(ExtractorAid, AProgrammeOfANamedOwnerIsTheOwner) {
  // "Morocco's Urban Transport Program": the loan goes to Morocco, not to an organization named
  // after the programme; a programme named on its own is an organization.
  auto g = extract("The World Bank approved a $250 million loan for Morocco's Urban Transport Program on Tuesday.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"MAR"});
  g = extract("Japan pledged $50 million to Ukraine's Energy Support Fund.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
  g = extract("Germany will give 20 million euros to the Sahel Resilience Programme.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_EQ(aid[0]->recipient.size(), 1u);
  EXPECT_EQ(g.find_actor(aid[0]->recipient[0])->type, model::ActorType::Organization);
}

TEST_F(ExtractorAid, TheFirstObjectOfGiveReceives) {
  // "give Jordan 3 billion euros": the mention right before what is given is the recipient.
  auto g = extract("The European Union will give Jordan 3 billion euros.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"JOR"});
  g = extract("The United States sent Kyiv a $400 million military aid package.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
  g = extract("The U.S. has now sent Ukraine more than $16.8 billion in aid.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
}

TEST_F(ExtractorAid, WhoJudgesTheAidDoesNotGiveIt) {
  const std::pair<const char*, const char*> judged[] = {{"Russia condemned military aid to Ukraine.", "RUS"},
                                                         {"China criticized the delivery of weapons to Taiwan.", "CHN"},
                                                         {"Russia condemned the decision to send tanks to Ukraine.", "RUS"},
                                                         {"Russia warned against supplying Ukraine with long-range missiles.", "RUS"}};
  for (const auto& [text, judge] : judged) {
    auto g = extract(text);
    for (const Fact* aid : facts(g, FactKind::Aid)) EXPECT_NE(aid->provider, Ids{judge}) << text;
  }
  // A verb that does not judge leaves the subject the giver, and so does one in a clause of its own.
  for (const char* text : {"Germany would contemplate arms assistance to Ukraine.", "Germany, which criticized the delay, sent tanks to Ukraine."}) {
    auto g = extract(text);
    auto aid = facts(g, FactKind::Aid);
    ASSERT_EQ(aid.size(), 1u) << text;
    EXPECT_EQ(aid[0]->provider, Ids{"DEU"}) << text;
  }
}

TEST_F(ExtractorAid, AWordOfAnActWithWhatItGivesAfterOfIsANewAct) {
  // "sales of drones and weapons to Morocco": what is sold names the act; the amount before "in" counts it.
  auto g = extract("Washington has moved forward with $1 billion in sales of drones and precision-guided weapons to Morocco.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"USA"});
  EXPECT_EQ(aid[0]->recipient, Ids{"MAR"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "1000000000");
  // Whose the weapons are, after "of", gives them.
  g = extract("Iran's foreign ministry dismissed reports that a shipment of Iranian weapons bound for Yemen had been seized.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"IRN"});
  EXPECT_EQ(aid[0]->recipient, Ids{"YEM"});
  // Whose delivery the reports tell, the one who denies them does not say.
  g = extract("Russia denied reports of a delivery of tanks to Kyiv.");
  for (const Fact* f : facts(g, FactKind::Aid)) EXPECT_NE(f->provider, Ids{"RUS"});
  // One who confirms or denies the act itself is its giver.
  g = extract("Germany's defence ministry confirmed the delivery of the first IRIS-T air defence system to Ukraine.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
  ASSERT_EQ(aid[0]->provider.size(), 1u);
  EXPECT_EQ(g.find_actor(aid[0]->provider[0])->affiliation, "DEU");
}

TEST_F(ExtractorAid, TheRecipientMayFollowThePackageAndItsSum) {
  auto g = extract("American officials are expected to announce on Friday a military aid package of about $330 million for Taiwan.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"USA"});
  EXPECT_EQ(aid[0]->recipient, Ids{"TWN"});
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "330000000");
  EXPECT_EQ(aid[0]->quantity->bound, model::QuantityBound::Approximately);
}

TEST_F(ExtractorAid, NoOneGivesToThemselves) {
  auto g = extract("Russia has been a key supporter of the Assad regime, providing it with weapons.");
  for (const Fact* aid : facts(g, FactKind::Aid)) EXPECT_NE(aid->recipient, aid->provider);
}

TEST_F(ExtractorAid, HasArmedIsArming) {
  auto g = extract("The UAE had armed the RSF for years.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"ARE"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
  // "armed" as an adjective gives nothing.
  g = extract("Sudan's armed forces clashed with the RSF.");
  EXPECT_TRUE(facts(g, FactKind::Aid).empty());
}

TEST_F(ExtractorAid, ADeploymentToAPlaceOfAStatesTroops) {
  for (const char* text : {"The ceremony marked the deployment to Haiti of Peru's 20th military contingent.",
                           "The deployment of Peru's troops to Haiti began."}) {
    auto g = extract(text);
    auto aid = facts(g, FactKind::Aid);
    ASSERT_EQ(aid.size(), 1u) << text;
    EXPECT_EQ(aid[0]->provider, Ids{"PER"}) << text;
    EXPECT_EQ(aid[0]->recipient, Ids{"HTI"}) << text;
    EXPECT_EQ(aid[0]->aid_type, AidType::Troops) << text;
  }
}

TEST_F(ExtractorAid, MoneyForAnotherReceiverBuysNoneOfTheArmsBefore) {
  auto g = extract("Washington has approved the sale of 66 F-16 fighter jets to Taiwan. The World Bank approved a $500 million credit for Kenya.");
  bool kenya = false;
  for (const Fact* aid : facts(g, FactKind::Aid))
    if (aid->recipient == Ids{"KEN"}) {
      kenya = true;
      EXPECT_EQ(aid->aid_type, AidType::Financial);
    }
  EXPECT_TRUE(kenya);
}

TEST_F(ExtractorAid, AGerundAfterAnAdjectiveIsANoun) {
  // "in humanitarian funding": one pledge of humanitarian aid, not also an act of "funding".
  auto g = extract("The European Commission announced an additional 50 million euros in humanitarian funding for Sudan.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Humanitarian);
  EXPECT_EQ(aid[0]->recipient, Ids{"SDN"});
  // After an adverb it is still the verb.
  g = extract("Israel accused Qatar of secretly funding Hamas.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"QAT"});
}

TEST_F(ExtractorAid, APassiveVerbInAnAdverbialClauseGivesNothingBeforeIt) {
  auto g = extract("The Netherlands will supply Ukraine with 18 F-16 fighter jets once pilots are trained.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"NLD"});
}

TEST_F(ExtractorAid, AGerundListedAfterAnAidNounIsANoun) {
  auto g = extract("Hezbollah receives weapons and funding from Iran.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  for (const Fact* f : aid) {
    EXPECT_EQ(f->provider, Ids{"IRN"});
    EXPECT_EQ(f->recipient, Ids{"hezbollah"});
  }
}

TEST_F(ExtractorAid, WhereTroopsFightIsNotWhomTheyAreSentTo) {
  auto g = extract("Russian soldiers are based in Syria. North Korean troops are fighting in Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[0]->recipient, Ids{"SYR"});
  EXPECT_NE(aid[1]->recipient, Ids{"UKR"});
}

TEST_F(ExtractorAid, ARangeCountsAtLeastItsFirstNumber) {
  auto g = extract("Rwanda has deployed between 3,000 and 4,000 troops in eastern Congo.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "3000");
  EXPECT_EQ(aid[0]->quantity->unit, "troops");
  EXPECT_EQ(aid[0]->quantity->bound, model::QuantityBound::AtLeast);
  EXPECT_EQ(aid[0]->quantity->span.anchor, "between 3,000 and 4,000");
  g = extract("Japan gave between 2 and 3 million dollars to Nepal.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "2000000");
}

TEST_F(ExtractorClaims, OfficialsWhoBelieveAllege) {
  auto g = extract("U.S. officials believe Iran has provided Russia with short-range ballistic missiles.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->claimant, Ids{"USA"});
}

TEST_F(ExtractorAid, AVagueCountTellsNoActApart) {
  // "thousands of soldiers" and "between 3,000 and 4,000 troops": one deployment told twice;
  // two different sums are two acts.
  auto g = extract("Rwanda deployed thousands of soldiers in Congo. Rwanda has deployed between 3,000 and 4,000 troops in eastern Congo.");
  EXPECT_EQ(facts(g, FactKind::Aid).size(), 1u);
  g = extract("Japan gave $5 million to Nepal. Japan also gave $7 million to Nepal.");
  EXPECT_EQ(facts(g, FactKind::Aid).size(), 2u);
}

TEST_F(ExtractorAid, APassiveVerbCountsWhatIsGivenBeforeIt) {
  // The amount of what is given, told before a passive verb.
  auto g = extract("Officials said $110 million in humanitarian assistance is being provided by the United States to Pakistan.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "110000000");
  EXPECT_EQ(aid[0]->quantity->unit, "USD");
  g = extract("Some 40 tons of food were delivered to Gaza by Jordan.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "40");
  EXPECT_EQ(aid[0]->quantity->unit, "tons of food");
  // A count of something else before the aid counts nothing.
  g = extract("Two days later weapons were delivered to Kyiv by Poland.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_FALSE(aid[0]->quantity.has_value());
}

TEST_F(ExtractorAid, AirliftedReliefGoodsAreHumanitarianAid) {
  auto g = extract("The United Arab Emirates airlifted 30 tons of food parcels and hygiene kits to Sudan.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_FALSE(aid.empty());
  EXPECT_EQ(aid[0]->aid_type, model::AidType::Humanitarian);
  EXPECT_EQ(aid[0]->recipient, Ids{"SDN"});
}

TEST_F(ExtractorAid, ADepositInAStatesCentralBankIsFinancialAidToIt) {
  auto g = extract("Saudi Arabia deposited $3 billion in Egypt's central bank.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Financial);
  ASSERT_EQ(aid[0]->recipient.size(), 1u);
  EXPECT_EQ(g.find_actor(aid[0]->recipient[0])->affiliation, "EGY");
  // A body of the giver's own state is no recipient.
  g = extract("Russia deployed troops in the Foreign Ministry building.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_TRUE(aid[0]->recipient.empty());
}

TEST_F(ExtractorAid, SatelliteImageryBesideWeaponsIsOneActOfMilitaryAid) {
  auto g = extract("Beijing has been accused by Washington of providing satellite imagery to Moscow.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Military);
  EXPECT_EQ(aid[0]->provider, Ids{"CHN"});
  g = extract("China is providing Russia with machine tools, drone engines and satellite imagery.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
}

TEST_F(ExtractorAid, SupportingAStatesWarEffortIsMilitaryAidToIt) {
  auto g = extract("The EU accused China of supporting Russia's war effort.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Military);
  EXPECT_EQ(aid[0]->provider, Ids{"CHN"});
  EXPECT_EQ(aid[0]->recipient, Ids{"RUS"});
  EXPECT_TRUE(facts(extract("Russia's war effort has stalled."), FactKind::Aid).empty());
}

TEST_F(ExtractorAid, NamedWeaponSystemsAreWeapons) {
  auto g = extract("The Netherlands has said it will deliver 18 more F-16s to Ukraine over the coming months.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
  EXPECT_EQ(aid[0]->provider, Ids{"NLD"});
  EXPECT_EQ(aid[0]->status, Status::Planned);
  // A system's "fighters" are aircraft, not troops; bare "fighters" still are troops.
  g = extract("Poland offered to hand over all its MIG-29 fighters to the United States.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
  g = extract("The UAE sent fighters to Libya.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Troops);
  // Vehicles that carry infantry or personnel are weapons, and send no troops.
  g = extract("Germany is also providing Marder infantry fighting vehicles and armored personnel carriers to Ukraine.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
}

TEST_F(ExtractorAid, TheSubjectOfAReportedClauseIsNotTheSpeaker) {
  // "any country" supplies, not Russia, which warns.
  auto g = extract("Russia warned that any country supplying the jets to Ukraine would become a party to the conflict.");
  for (const Fact* aid : facts(g, FactKind::Aid)) EXPECT_NE(aid->provider, Ids{"RUS"});
  // A pronoun after "that" is still the clause's subject.
  g = extract("Iran said that it had sent drones to Sudan.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"IRN"});
}

TEST_F(ExtractorAid, QuantityUnitIsTheCountedNoun) {
  auto g = extract("Poland bought 48 Patriot launchers from the United States.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"USA"});
  EXPECT_EQ(aid[0]->recipient, Ids{"POL"});
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "48");
  EXPECT_NE(aid[0]->quantity->unit.find("launchers"), std::string::npos) << aid[0]->quantity->unit;
}

TEST_F(ExtractorAid, TwoAidTypesGiveTwoFacts) {
  auto g = extract("The United States has extended humanitarian and financial aid to Sudan.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  std::vector<AidType> types;
  for (const Fact* f : aid) {
    EXPECT_EQ(f->provider, Ids{"USA"});
    EXPECT_EQ(f->recipient, Ids{"SDN"});
    EXPECT_EQ(f->status, Status::Actual);
    ASSERT_TRUE(f->aid_type.has_value());
    types.push_back(*f->aid_type);
  }
  std::sort(types.begin(), types.end());
  EXPECT_EQ(types, (std::vector<AidType>{AidType::Humanitarian, AidType::Financial}));
  EXPECT_NE(aid[0]->local_id, aid[1]->local_id);
}

TEST_F(ExtractorAid, ReceivingNamesTheProviderAfterFrom) {
  auto g = extract("Sudan received humanitarian aid from Egypt.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"EGY"});
  EXPECT_EQ(aid[0]->recipient, Ids{"SDN"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Humanitarian);
}

TEST_F(ExtractorAid, AStateBeforeTheAidNounSaysWhoseAidNotWhere) {
  // "in U.S. emergency aid" is no location: the recipient is the one after "to".
  auto g = extract("President Joe Biden has offered $40 million in U.S. emergency aid to Morocco.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"MAR"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Humanitarian);
}

TEST_F(ExtractorAid, MedicalSuppliesAreANounAndPledgedToPlans) {
  auto g = extract("Japan pledged to send medical supplies to Sudan.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"JPN"});
  EXPECT_EQ(aid[0]->recipient, Ids{"SDN"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Humanitarian);
  EXPECT_EQ(aid[0]->status, Status::Planned);
}

TEST_F(ExtractorAid, StatusFromModality) {
  // Modals, and the intent-noun's status attribute: a readiness or an offer is a plan, a
  // proposal a possibility, a refusal a refusal; a stronger cue still wins ("blocked an offer").
  struct Case {
    const char* text;
    Status status;
    const char* provider = "DEU";
  };
  for (const Case& c : {Case{"Germany may send troops to Lithuania.", Status::Considered},
                        Case{"Germany will send troops to Lithuania.", Status::Planned},
                        Case{"Germany refused to send tanks to Ukraine.", Status::Refused},
                        Case{"Germany sent troops to Lithuania.", Status::Actual},
                        Case{"Germany has not sent tanks to Ukraine.", Status::Refused},
                        Case{"Germany has sent no tanks to Ukraine.", Status::Refused},  // negation opening the object
                        Case{"Germany sent not only tanks but also shells to Ukraine.", Status::Actual},
                        Case{"Pistorius announced Berlin's readiness to deliver five interceptors to Ukraine.", Status::Planned},
                        Case{"An offer by Poland to send jets to Ukraine was welcomed.", Status::Planned, "POL"},
                        Case{"A proposal by France to send troops to Ukraine divided the allies.", Status::Considered, "FRA"},
                        Case{"Germany's refusal to send tanks to Ukraine angered Kyiv.", Status::Refused},
                        Case{"Washington blocked an offer by Poland to send jets to Ukraine.", Status::Refused, "POL"}}) {
    auto g = extract(c.text);
    auto aid = facts(g, FactKind::Aid);
    ASSERT_EQ(aid.size(), 1u) << c.text;
    EXPECT_EQ(aid[0]->status, c.status) << c.text << ": " << model::name(*aid[0]->status);
    EXPECT_EQ(aid[0]->provider, Ids{c.provider}) << c.text;
  }
}

TEST_F(ExtractorAid, NoFactsInAPlainSentence) {
  auto g = extract("The weather in Paris was sunny on Tuesday.", "2024-10-24");
  EXPECT_TRUE(g.facts.empty());
  g = extract("");
  EXPECT_TRUE(g.facts.empty());
  EXPECT_TRUE(g.mentions.empty());
}

TEST_F(ExtractorAid, TheOwnerOfADecisionOrAnOfferGives) {
  // Whose decision or offer it is gives, not the clause's subject.
  auto g = extract("Kenya condemned Iran's sudden decision to supply Sudan with drones. "
                   "Washington blocked an offer by Poland to send jets to Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[0]->provider, Ids{"IRN"});
  EXPECT_EQ(aid[0]->recipient, Ids{"SDN"});
  EXPECT_EQ(aid[1]->provider, Ids{"POL"});
  EXPECT_EQ(aid[1]->recipient, Ids{"UKR"});
  EXPECT_EQ(aid[1]->status, Status::Refused);
}

TEST_F(ExtractorActors, ThePersonsCountryIsTheirState) {
  // "his country", "whose country": the state of the person named.
  for (const char* text : {"Zelensky said his country had received 30 tanks from Poland.",
                           "Zelensky, whose country will receive 30 tanks from Poland, thanked Warsaw."}) {
    auto g = extract(text);
    auto aid = facts(g, FactKind::Aid);
    ASSERT_EQ(aid.size(), 1u) << text;
    EXPECT_EQ(aid[0]->provider, Ids{"POL"}) << text;
    EXPECT_EQ(aid[0]->recipient, Ids{"UKR"}) << text;
  }
}

TEST_F(ExtractorActors, ALeadersAdministrationIsTheState) {
  auto g = extract("The Biden administration sent weapons to Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"USA"});
  g = extract("The Maduro government denied supplying weapons to the rebels.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0]->claimant, Ids{"VEN"});
  // The leader alone is still the person.
  g = extract("Biden sent weapons to Ukraine.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"joe-biden"});
}

TEST_F(ExtractorActors, AnAcronymInBracketsIsPartOfTheName) {
  // "(UAE)" between a name and its verb keeps the name the verb's subject.
  auto g = extract("Cyprus and the United Arab Emirates (UAE) signed a defence cooperation agreement.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->party, (Ids{"CYP", "ARE"}));
}

TEST_F(ExtractorActors, TheGovernmentIsItAndTheAuthoritiesAreThey) {
  // A body standing for its state has the noun's number: "the British government ... it", not
  // the state named in the sentence before; "the Malian authorities ... they".
  auto g = extract("Japan pledged tents. The British government announced on Thursday that it would provide relief supplies.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[1]->provider, Ids{"GBR"});
  g = extract("Japan pledged tents. The Malian authorities said they would send troops to Niger.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[1]->provider, Ids{"MLI"});
}

TEST_F(ExtractorActors, AnObjectPronounIsNotItsOwnClausesSubject) {
  // "the UAE supplied it": "it" is the RSF, not the UAE; "said it would" is a subject, which may be.
  auto g = extract("The Rapid Support Forces (RSF) denied that the UAE supplied it with weapons.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"ARE"});
  EXPECT_EQ(aid[0]->recipient, Ids{"RSF"});
  g = extract("Chad said Sudan accused it of supplying the rebels.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->accused, Ids{"TCD"});
  g = extract("Russia said it would send troops to Mali.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"RUS"});
}

TEST_F(ExtractorAgreements, TheAgreementSignedByTheirMinistersIsTheOneToldBefore) {
  // An agreement of no known type between the same sides repeats the typed one before it.
  auto g = extract("The United States and Brazil signed a defense cooperation agreement. "
                   "The agreement was signed by U.S. Defense Secretary Robert Gates and Brazilian Defense Minister Nelson Jobim.");
  auto agreements = facts(g, FactKind::Agreement);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0]->agreement_type, model::AgreementType::Defense);
  EXPECT_EQ(agreements[0]->evidence.size(), 2u);
}

TEST_F(ExtractorClaims, WhichTheAccusedDeniesAnswersTheClauseBefore) {
  // ", which Minsk denies": a denial of the act told before the comma, whose status is Denied.
  auto g = extract("Kyiv said Belarus is training Russian troops, which Minsk denies.");
  auto aid = facts(g, FactKind::Aid);
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Denied);
  EXPECT_EQ(denials[0]->claimant, Ids{"BLR"});
  // A "which" that no claim verb follows answers nothing.
  g = extract("Russia sent drones to Mali, which Ukraine shot down.");
  EXPECT_TRUE(facts(g, FactKind::Denial).empty());
}

TEST_F(ExtractorAid, WhomAidIsAgainstGetsNothing) {
  // The opposing-verb lexicon class: "to deter", "to fight" name an adversary; "to support" a recipient.
  auto g = extract("Britain committed to deploy troops to deter further Russian aggression.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_TRUE(aid[0]->recipient.empty());
  g = extract("The United States sent advisers to fight the Islamic State in Iraq.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"IRQ"});
  g = extract("Iran sent drones to support the Russian invasion.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->recipient, Ids{"RUS"});
}

TEST_F(ExtractorAid, CommitmentsFromOthersAreTheirs) {
  // "commitments from X to deploy" as "an offer by X to send"; a declaration to deploy is a plan.
  auto g = extract("The move follows commitments from Britain and France to deploy troops to Estonia.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(sorted(aid[0]->provider), sorted(Ids{"GBR", "FRA"}));
  EXPECT_EQ(aid[0]->status, Status::Planned);
  g = extract("Poland signed a declaration to deploy troops to Lithuania.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Planned);
}

TEST_F(ExtractorAid, AGrantAfterItsAmountIsANoun) {
  // "a $1 billion grant": no verb "grant" whose subject gives; the receiver receives.
  auto g = extract("Ethiopia will receive a $1 billion grant from the World Bank.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"world-bank"});
  EXPECT_EQ(aid[0]->recipient, Ids{"ETH"});
  // Budget support, as a loan, belongs to its recipient.
  g = extract("The World Bank approved $1.5 billion in financing for Ethiopia's budget support.");
  for (const Fact* f : facts(g, FactKind::Aid)) EXPECT_NE(f->provider, Ids{"ETH"});
}

TEST_F(ExtractorAid, TroopsNamedByTheirNationAreItsWhenNoOneSendsThem) {
  // No subject: "British soldiers" are Britain's; weapons named by their maker are not given by it.
  auto g = extract("MPs will vote on deploying British soldiers to Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"GBR"});
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
  EXPECT_TRUE(facts(extract("Sending American tanks to Ukraine was debated."), FactKind::Aid).empty());
}

TEST_F(ExtractorAid, APossibleSaleIsConsideredAndCountsWhatItSells) {
  // "possible" in the object makes it Considered; "sale of 40 F-16 jets" counts the jets.
  auto g = extract("The State Department approved the possible sale of 40 F-16 jets to Turkey.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Considered);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "40");
  // A modal after the aid says nothing of it.
  g = extract("France sent weapons to Ukraine that could change the war.");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Actual);
}

TEST_F(ExtractorAid, AnUnveiledPackageIsAPlan) {
  auto g = extract("The United States unveiled a military aid package worth $1.3 billion for Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Planned);
  EXPECT_EQ(aid[0]->provider, Ids{"USA"});
}

TEST_F(ExtractorAid, SupplyingAnActorWithGoodsNamesItBeforeAnyPlace) {
  // "supply Kyiv with jets" names the recipient; "in Germany" later is where, not to whom; the
  // recipient's own words ("forces") are no aid type.
  auto g = extract("Poland offered to supply Kyiv with jets that would pass through a base in Germany. "
                   "Iran continued to supply Russian forces with drones.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
  EXPECT_EQ(aid[1]->recipient, Ids{"RUS"});
  EXPECT_EQ(aid[1]->aid_type, AidType::Weapons);
}

TEST_F(ExtractorAid, AnAccusedNewskgCannotNameIsNotTheAccuser) {
  auto g = extract("Chad accused its neighbour of supporting and arming the rebels.");
  for (const Fact* f : facts(g, FactKind::Aid)) EXPECT_NE(f->provider, Ids{"TCD"}) << f->evidence[0].anchor;
}

TEST_F(ExtractorAid, ALoanBelongsToItsBorrower) {
  auto g = extract("The IMF completed the second review of Ghana's three-year loan program. "
                   "The executive board of the IMF approved the review of Kenya's extended credit facility.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[0]->provider, Ids{"IMF"});
  EXPECT_EQ(aid[0]->recipient, Ids{"GHA"});
  EXPECT_EQ(aid[0]->status, Status::Actual);  // "the second review" considers nothing
  EXPECT_EQ(aid[1]->provider, Ids{"IMF"});
  EXPECT_EQ(aid[1]->recipient, Ids{"KEN"});
}

TEST_F(ExtractorAid, AVerbBeforeAThatClauseReports) {
  // "announced" gives nothing here (it had given "the U.S." 500 rifles); the rifles' giver is Iran.
  auto g = extract("The U.S. Navy announced on Tuesday that it had seized 500 rifles, which had been sent from Iran to Yemen's Houthis.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"IRN"});
  EXPECT_EQ(aid[0]->recipient, Ids{"houthis"});
}

TEST_F(ExtractorAid, ACurrencyPrefixIsNoActorAndFundsAfterAPrepositionAreANoun) {
  auto g = extract("Kuwait pledged US$50 million to Pakistan. The bank offered $10 million in immediate funds to Pakistan.");
  for (const model::Mention& m : g.mentions) EXPECT_NE(m.actor_id, "USA") << m.span.anchor;
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);  // the bank is no actor; "funds" is what was offered, not a verb
  EXPECT_EQ(aid[0]->recipient, Ids{"PAK"});
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->unit, "USD");
}

TEST_F(ExtractorAid, AYearAfterATimePrepositionIsNoQuantity) {
  auto g = extract("Russia sent up to 2000 troops to Mali in 2021. Chad has deployed since 2020 about 1,000 soldiers in Niger.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "2000");
  ASSERT_TRUE(aid[1]->quantity.has_value());
  EXPECT_EQ(aid[1]->quantity->value, "1000");
  EXPECT_EQ(aid[1]->quantity->unit, "soldiers");
}

TEST_F(ExtractorAid, WhoseTroopsIsNoPartOfTheirUnit) {
  auto g = extract("The Netherlands will send up to 1,400 Dutch troops to Lithuania.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->unit, "troops");
}

TEST_F(ExtractorAid, ASumInACurrencysWordTakesTheStorysAidTypeButNeverTroops) {
  auto g = extract("Britain pledged $900 million in humanitarian aid for Sudan. Germany announced 40 million euros. "
                   "Chad sent 300 soldiers to Sudan. Kuwait pledged 20 million Canadian dollars.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 4u);
  EXPECT_EQ(aid[1]->provider, Ids{"DEU"});
  EXPECT_EQ(aid[1]->aid_type, AidType::Humanitarian);
  ASSERT_TRUE(aid[3]->quantity.has_value());
  EXPECT_EQ(aid[3]->quantity->unit, "CAD");
  EXPECT_NE(aid[3]->aid_type, AidType::Troops);
}

TEST_F(ExtractorAid, TheStateDepartmentApprovesASaleToAStateOfWeapons) {
  // "The State Department" is a name, not the anaphor "the state"; the weapons follow the
  // recipient; "a $2 billion loan" is in dollars.
  auto g = extract("The State Department has approved the possible sale to Poland of Patriot missiles. "
                   "The United States also approved a $2 billion loan to Poland.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[0]->provider, Ids{"us-state-department"});
  EXPECT_EQ(aid[0]->recipient, Ids{"POL"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
  ASSERT_TRUE(aid[1]->quantity.has_value());
  EXPECT_EQ(aid[1]->quantity->unit, "USD");
}

TEST_F(ExtractorAid, AStatesNameBeforeTroopsSaysWhoseTheyAre) {
  auto g = extract("A spokesperson acknowledged that a team of U.S. military trainers was working with the Guyana Defence Force.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"USA"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Troops);
}

TEST_F(ExtractorAid, AMillionAndWhatAnAgencyBelievesIsAlleged) {
  auto g = extract("South Korea's spy agency believes North Korea sent more than a million artillery shells to Russia.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Alleged);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "1000000");
  EXPECT_EQ(aid[0]->quantity->bound, model::QuantityBound::AtLeast);
}

TEST_F(ExtractorAid, WeaponsSystemsAndMissileLaunchersAreWeapons) {
  auto g = extract("The United States will send advanced weapons systems to Ukraine. Germany supplied missile launchers to Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  for (const Fact* f : aid) EXPECT_EQ(f->aid_type, AidType::Weapons);
}

TEST_F(ExtractorAid, WhoseTroopsOrDronesWereSentGivesThem) {
  // A passive with no "by": the owner of what was sent gives it.
  auto g = extract("Russian troops were sent to Mali last year. Iranian drones were delivered to Russia by sea. "
                   "India sent 25 tonnes of relief material to Sri Lanka.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 3u);
  EXPECT_EQ(aid[0]->provider, Ids{"RUS"});
  EXPECT_EQ(aid[0]->recipient, Ids{"MLI"});
  EXPECT_EQ(aid[1]->provider, Ids{"IRN"});
  EXPECT_EQ(aid[2]->aid_type, AidType::Humanitarian);
}

TEST_F(ExtractorAid, BombsAreWeaponsAndTrainingIsMilitaryAid) {
  auto g = extract("Israel received a shipment of bombs from the United States. France will train 2,000 Ukrainian soldiers.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 2u);
  EXPECT_EQ(aid[0]->provider, Ids{"USA"});
  EXPECT_EQ(aid[0]->recipient, Ids{"ISR"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Weapons);
  EXPECT_EQ(aid[1]->provider, Ids{"FRA"});
  EXPECT_EQ(aid[1]->aid_type, AidType::Military);
}

TEST_F(ExtractorAid, AnAmountRightBeforeANominalActIsItsQuantity) {
  auto g = extract("The European Commission proposed a 50 billion euro facility for Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->status, Status::Considered);
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "50000000000");
  EXPECT_EQ(aid[0]->quantity->unit, "EUR");
}

// ---------------------------------------------------------------- actors

TEST_F(ExtractorActors, TitledPersonKnownToTheGazetteer) {
  auto g = extract("French President Emmanuel Macron said France would send troops to Chad.");
  const model::Actor* macron = person(g, "Emmanuel Macron");
  ASSERT_NE(macron, nullptr);
  EXPECT_EQ(macron->affiliation, "FRA");
  EXPECT_EQ(macron->role, "President");
  ASSERT_NE(g.find_actor("FRA"), nullptr);
  // "French" inside the person mention is a mention of France.
  bool french = false, person = false;
  for (const model::Mention& m : g.mentions) {
    french |= m.actor_id == "FRA" && m.span.anchor == "French";
    person |= m.actor_id == macron->id && m.span.anchor == "French President Emmanuel Macron";
  }
  EXPECT_TRUE(french);
  EXPECT_TRUE(person);
}

TEST_F(ExtractorActors, TitledPersonUnknownToTheGazetteer) {
  auto g = extract("French Defense Minister Jean Dupont said France would send troops to Chad.");
  const model::Actor* dupont = person(g, "Jean Dupont");
  ASSERT_NE(dupont, nullptr);
  EXPECT_EQ(dupont->affiliation, "FRA");
  EXPECT_EQ(dupont->role, "Defense Minister");
  EXPECT_TRUE(dupont->iso3.empty());
  EXPECT_TRUE(dupont->wikidata.empty());
  EXPECT_FALSE(dupont->id.empty());
  EXPECT_NE(dupont->id, "FRA");
}

TEST_F(ExtractorActors, GovernmentBodyAffiliatedWithItsState) {
  auto g = extract("The Chinese Foreign Ministry said China signed a trade agreement with Brazil.");
  const model::Actor* body = nullptr;
  for (const model::Actor& a : g.actors)
    if (a.type == model::ActorType::GovernmentBody) body = &a;
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->affiliation, "CHN");
  EXPECT_NE(body->label.find("Foreign Ministry"), std::string::npos) << body->label;
  EXPECT_TRUE(body->iso3.empty());
  bool mentioned = false;
  for (const model::Mention& m : g.mentions) mentioned |= m.actor_id == body->id && m.span.anchor == "Chinese Foreign Ministry";
  EXPECT_TRUE(mentioned);
}

TEST_F(ExtractorActors, NamedSpokesmanOfABodyNamedWithItsStatesDemonym) {
  // "Chilean Foreign Ministry spokesman ...": the demonym's mention follows the body's, and the
  // person after the body is still found; later the surname alone is that person.
  auto g = extract("Chilean Foreign Ministry spokesman Pablo Ferrada spoke on Monday. Ferrada accused Peru of sending rifles to rebels.");
  const model::Actor* ferrada = person(g, "Pablo Ferrada");
  ASSERT_NE(ferrada, nullptr);
  EXPECT_EQ(ferrada->role, "spokesman");
  const model::Actor* body = g.find_actor(ferrada->affiliation);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->type, model::ActorType::GovernmentBody);
  EXPECT_EQ(body->affiliation, "CHL");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->claimant, Ids{ferrada->id});
  EXPECT_EQ(allegations[0]->accused, Ids{"PER"});
}

TEST_F(ExtractorActors, TheCountryAfterAStatesOfficialIsThatState) {
  auto g = extract("Chile's Deputy Foreign Minister Pablo Ferrada on Monday rejected a claim that the country had sent troops to Peru.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"CHL"});
  EXPECT_EQ(aid[0]->recipient, Ids{"PER"});
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0]->accused, Ids{"CHL"});
}

TEST_F(ExtractorActors, ANamedSpokeswomanOfAStatesGovernment) {
  // "government" stands for the state; the named spokeswoman after it is a person of that state,
  // and "She" in the next sentence is her.
  auto g = extract("Ghanaian government spokeswoman Ama Mensah denied that Ghana sent troops to Togo. She accused Togo of arming rebels.");
  auto denials = facts(g, FactKind::Denial);
  ASSERT_EQ(denials.size(), 1u);
  ASSERT_EQ(denials[0]->claimant.size(), 1u);
  const model::Actor* spokeswoman = g.find_actor(denials[0]->claimant[0]);
  ASSERT_NE(spokeswoman, nullptr);
  EXPECT_EQ(spokeswoman->label, "Ama Mensah");
  EXPECT_EQ(spokeswoman->affiliation, "GHA");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  EXPECT_EQ(allegations[0]->claimant, Ids{spokeswoman->id});
}

TEST_F(ExtractorActors, AStatesMilitaryIntelligenceIsABodyThatClaims) {
  auto g = extract("Ukraine's military intelligence said North Korea had shipped shells to Russia.");
  auto allegations = facts(g, FactKind::Allegation);
  ASSERT_EQ(allegations.size(), 1u);
  ASSERT_EQ(allegations[0]->claimant.size(), 1u);
  const model::Actor* body = g.find_actor(allegations[0]->claimant[0]);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->type, model::ActorType::GovernmentBody);
  EXPECT_EQ(body->affiliation, "UKR");
  EXPECT_EQ(allegations[0]->accused, Ids{"PRK"});
}

TEST_F(ExtractorActors, CoordinationPutsBothActorsInOneRole) {
  auto g = extract("Both Egypt and Qatar sent humanitarian aid to Gaza.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(sorted(aid[0]->provider), (Ids{"EGY", "QAT"}));
  EXPECT_EQ(aid[0]->recipient, Ids{"PS-GZA"});
  EXPECT_EQ(aid[0]->aid_type, AidType::Humanitarian);
  // Each state is mentioned by itself; the coordination is not a mention.
  std::vector<std::string> anchors;
  for (const model::Mention& m : g.mentions) anchors.push_back(m.span.anchor);
  EXPECT_NE(std::find(anchors.begin(), anchors.end(), "Egypt"), anchors.end());
  EXPECT_NE(std::find(anchors.begin(), anchors.end(), "Qatar"), anchors.end());
  EXPECT_EQ(std::find(anchors.begin(), anchors.end(), "Both Egypt and Qatar"), anchors.end());
}

TEST_F(ExtractorActors, StatesCarryTheirGazetteerIds) {
  auto g = extract("Japan signed a defense agreement with the Philippines.");
  const model::Actor* jpn = g.find_actor("JPN");
  ASSERT_NE(jpn, nullptr);
  EXPECT_EQ(jpn->type, model::ActorType::State);
  EXPECT_EQ(jpn->iso3, "JPN");
  EXPECT_EQ(jpn->wikidata, "Q17");
  EXPECT_EQ(jpn->label, "Japan");
}

TEST_F(ExtractorActors, DatelineIsNotPartOfTheStory) {
  auto g = extract("SEOUL, South Korea \u2014 Japan sent humanitarian aid to Ukraine.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"JPN"});
  EXPECT_EQ(aid[0]->recipient, Ids{"UKR"});
  for (const model::Mention& m : g.mentions) EXPECT_GE(m.span.begin, 21u) << m.span.anchor;  // after "SEOUL, South Korea — "
}

TEST_F(ExtractorActors, AnAcronymOpeningTheTextIsNoDateline) {
  auto g = extract("NATO said Russia sent 500 soldiers to Mali \u2014 a first for the alliance.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"RUS"});
  EXPECT_EQ(aid[0]->recipient, Ids{"MLI"});
}

TEST_F(ExtractorActors, TheGroupIsTheGroupItsSpokesmanSpeaksFor) {
  auto g = extract("Kinshasa backs the Democratic Forces for the Liberation of Rwanda, Rwanda said. "
                   "M23 spokesman Innocent Bahati said the group had not received a single bullet from Rwanda.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_FALSE(aid.empty());
  EXPECT_EQ(aid.back()->recipient, Ids{"M23"});
  ASSERT_NE(g.find_actor("FDLR"), nullptr);
}

// ---------------------------------------------------------------- dates

TEST_F(ExtractorDates, RelativeDatesResolveAgainstPublication) {
  struct Case {
    const char* text;
    const char* published;
    const char* date;
  };
  for (const Case& c : {
           Case{"Germany sent 500 soldiers to Lithuania on Tuesday.", "2024-10-24", "2024-10-22"},  // a Thursday
           Case{"Germany sent 500 soldiers to Lithuania on Thursday.", "2024-10-24", "2024-10-24"},
           Case{"Germany sent 500 soldiers to Lithuania on Friday.", "2024-10-24", "2024-10-18"},
           Case{"Germany sent 500 soldiers to Lithuania yesterday.", "2024-03-01", "2024-02-29"},
           Case{"Germany sent 500 soldiers to Lithuania last month.", "2024-01-15", "2023-12"},
           Case{"Germany sent 500 soldiers to Lithuania last year.", "2024-01-15", "2023"},
           Case{"Germany sent 500 soldiers to Lithuania in 2022.", "2024-01-15", "2022"},
       }) {
    auto g = extract(c.text, c.published);
    auto aid = facts(g, FactKind::Aid);
    ASSERT_EQ(aid.size(), 1u) << c.text;
    ASSERT_TRUE(aid[0]->date.has_value()) << c.text;
    EXPECT_EQ(aid[0]->date->lexical(), c.date) << c.text << " published " << c.published;
  }
}

TEST_F(ExtractorDates, WeekdaysNeedADayPrecisePublicationDate) {
  auto g = extract("Germany sent 500 soldiers to Lithuania on Tuesday.");
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_FALSE(aid[0]->date.has_value());
  g = extract("Germany sent 500 soldiers to Lithuania on Tuesday.", "2024-10");
  aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_FALSE(aid[0]->date.has_value());
}

// ---------------------------------------------------------------- provenance

TEST_F(ExtractorProvenance, OffsetsAreCodePointsInTextWithMultibyteCharacters) {
  const std::string text = "Seoul \u2014 Russia\u2019s envoy said Russia sent 1,500 soldiers to Mali.";
  auto g = extract(text);  // check_provenance compares every anchor with the code points
  auto aid = facts(g, FactKind::Aid);
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0]->provider, Ids{"RUS"});
  ASSERT_TRUE(aid[0]->quantity.has_value());
  EXPECT_EQ(aid[0]->quantity->value, "1500");
  ASSERT_FALSE(aid[0]->evidence.empty());
  const model::Span& ev = aid[0]->evidence[0];
  EXPECT_EQ(ev.anchor, "Russia sent 1,500 soldiers to Mali");
  EXPECT_EQ(ev.begin, 28u);  // byte 32
  EXPECT_EQ(ev.end, 62u);
  bool envoy = false;
  for (const model::Mention& m : g.mentions)
    if (m.span.begin == 8 && m.span.anchor.rfind("Russia", 0) == 0) envoy = true;
  EXPECT_TRUE(envoy);
}

TEST_F(ExtractorProvenance, EveryFactOfAParagraphHasEvidenceAndARule) {
  const std::string text =
      "SEOUL, South Korea \u2014 The U.S. accused Iran of supplying drones to the Houthis on Monday. "
      "Iran denied it. Germany will send 500 soldiers to Lithuania, and Japan signed a defense pact with the Philippines "
      "in March.\nThe United States has extended humanitarian and financial aid to Sudan.";
  auto g = extract(text, "2024-10-24");
  EXPECT_GE(g.facts.size(), 5u);
  EXPECT_FALSE(facts(g, FactKind::Allegation).empty());
  EXPECT_FALSE(facts(g, FactKind::Agreement).empty());
  EXPECT_GE(facts(g, FactKind::Aid).size(), 3u);
}

TEST_F(ExtractorProvenance, ExtractionIsDeterministicAndThreadSafe) {
  const std::string text =
      "The U.S. accused Iran of supplying drones to the Houthis. Germany will send 500 soldiers to Lithuania. "
      "Both Egypt and Qatar sent humanitarian aid to Gaza.";
  auto reference = extract(text, "2024-10-24");
  ASSERT_FALSE(reference.facts.empty());
  auto same = [&](const model::DocumentGraph& g) {
    if (g.facts.size() != reference.facts.size() || g.actors.size() != reference.actors.size() ||
        g.mentions.size() != reference.mentions.size())
      return false;
    for (std::size_t i = 0; i < g.facts.size(); ++i)
      if (g.facts[i].local_id != reference.facts[i].local_id || g.facts[i].evidence != reference.facts[i].evidence ||
          g.facts[i].provider != reference.facts[i].provider)
        return false;
    return true;
  };
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ok.size(); ++t)
    threads.emplace_back([&, t] {
      model::DocumentInfo info;
      info.id = "t";
      info.text = text;
      info.published = model::parse_date("2024-10-24");
      bool all = true;
      for (int k = 0; k < 5; ++k) all = all && same(extractor_->extract(info));
      ok[t] = all;
    });
  for (std::thread& th : threads) th.join();
  for (int v : ok) EXPECT_TRUE(v);
}

TEST_F(ExtractorProvenance, ExtractFromADocumentEqualsExtractFromInfo) {
  model::DocumentInfo info;
  info.id = "t";
  info.text = "Germany will send 500 soldiers to Lithuania.";
  Document doc(info, resources_->abbreviations());
  auto a = extractor_->extract(doc);
  auto b = extractor_->extract(info);
  ASSERT_EQ(a.facts.size(), b.facts.size());
  for (std::size_t i = 0; i < a.facts.size(); ++i) EXPECT_EQ(a.facts[i].local_id, b.facts[i].local_id);
  EXPECT_EQ(a.info.text, info.text);
  EXPECT_EQ(a.info.id, "t");
}

}  // namespace
