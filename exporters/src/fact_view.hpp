// How the views for people (the HTML report, the DOT drawing, the event table) read a fact:
// one place for its sides, its type, its quantity and its kind's colours, so that the three
// views say the same thing. Private to exporters/.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newskg/model.hpp"

namespace newskg::exporters::view {

// The roles of a fact in the order they are shown, each with its actor ids.
struct Role {
  std::string_view name;  // "claimant", "accused", "provider", "recipient", "party"
  const std::vector<std::string>* actors;
  bool agent;  // the acting or speaking side (claimant, provider, party) rather than the one acted on
};
std::vector<Role> roles(const model::Fact&);

// The acting side (claimants, providers, parties) and the side acted on (accused, recipients),
// each actor id once, in role order.
std::vector<std::string> agents(const model::Fact&);
std::vector<std::string> patients(const model::Fact&);

// The aid or agreement type's ontology name ("TroopsAid"), or an OtherAct's description.
std::string type_text(const model::Fact&);

// "up to 10,000 soldiers", "about 2.5 billion" ... for people; empty without a quantity.
std::string quantity_text(const model::Quantity&);

// A kind's look, shared by the highlighted text, the tables and the drawing. Colours are the
// Okabe-Ito palette (distinguishable with the common colour-vision deficiencies); the kind is
// always written out as well, and each kind has its own line style.
struct KindStyle {
  std::string_view css_class;  // "k-aid"
  std::string_view fill;       // light background
  std::string_view stroke;     // the strong colour
  std::string_view line;       // CSS border style of the underline: acts solid, double or dotted, claims dashed
};
const KindStyle& style(model::FactKind);
inline constexpr model::FactKind kAllKinds[] = {model::FactKind::Aid,        model::FactKind::Agreement,
                                                model::FactKind::OtherAct,   model::FactKind::Allegation,
                                                model::FactKind::Denial,     model::FactKind::Confirmation};

// "3. Aid - provider: North Korea; recipient: Russia - rule aid.give+aid.troops": the fact's
// number (index + 1), kind, roles with the actors' labels, and rule; for hovers and tooltips.
std::string fact_summary(const model::DocumentGraph&, std::size_t index, const model::Fact&);

// What the reader sees for an actor id: the actor's label, or the id when the graph lacks it.
std::string actor_label(const model::DocumentGraph&, std::string_view actor_id);

}  // namespace newskg::exporters::view
