#include "fact_view.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace newskg::exporters::view {

std::vector<Role> roles(const model::Fact& f) {
  return {{"claimant", &f.claimant, true},
          {"accused", &f.accused, false},
          {"provider", &f.provider, true},
          {"recipient", &f.recipient, false},
          {"party", &f.party, true}};
}

namespace {
std::vector<std::string> side(const model::Fact& f, bool agent) {
  std::vector<std::string> out;
  for (const Role& r : roles(f)) {
    if (r.agent != agent) continue;
    for (const std::string& a : *r.actors)
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;
}

// "10000" -> "10,000"; "2500000.5" -> "2,500,000.5"; anything else as it is.
std::string group_digits(const std::string& value) {
  std::size_t start = !value.empty() && (value[0] == '-' || value[0] == '+') ? 1 : 0;
  std::size_t point = value.find('.');
  std::size_t int_end = point == std::string::npos ? value.size() : point;
  for (std::size_t i = start; i < int_end; ++i)
    if (value[i] < '0' || value[i] > '9') return value;
  std::string out = value.substr(0, start);
  for (std::size_t i = start; i < int_end; ++i) {
    if (i > start && (int_end - i) % 3 == 0) out += ',';
    out += value[i];
  }
  out += value.substr(int_end);
  return out;
}
}  // namespace

std::vector<std::string> agents(const model::Fact& f) { return side(f, true); }
std::vector<std::string> patients(const model::Fact& f) { return side(f, false); }

std::string type_text(const model::Fact& f) {
  if (f.aid_type) return std::string(model::name(*f.aid_type));
  if (f.agreement_type) return std::string(model::name(*f.agreement_type));
  return f.description;
}

std::string quantity_text(const model::Quantity& q) {
  std::string out;
  switch (q.bound) {
    case model::QuantityBound::Exact: break;
    case model::QuantityBound::AtLeast: out = "at least "; break;
    case model::QuantityBound::AtMost: out = "up to "; break;
    case model::QuantityBound::Approximately: out = "about "; break;
  }
  out += group_digits(q.value);
  if (!q.unit.empty()) out += " " + q.unit;
  return out;
}

const KindStyle& style(model::FactKind k) {
  static const KindStyle kAid{"k-aid", "#d4ebf9", "#0072b2", "solid"};
  static const KindStyle kAgreement{"k-agreement", "#c9ede1", "#009e73", "double"};
  static const KindStyle kOther{"k-otheract", "#e6e6e6", "#555555", "dotted"};
  static const KindStyle kAllegation{"k-allegation", "#fbe6b8", "#b27500", "dashed"};
  static const KindStyle kDenial{"k-denial", "#f7d3bd", "#d55e00", "dashed"};
  static const KindStyle kConfirmation{"k-confirmation", "#f1d8e7", "#a8508a", "dashed"};
  switch (k) {
    case model::FactKind::Aid: return kAid;
    case model::FactKind::Agreement: return kAgreement;
    case model::FactKind::OtherAct: return kOther;
    case model::FactKind::Allegation: return kAllegation;
    case model::FactKind::Denial: return kDenial;
    case model::FactKind::Confirmation: return kConfirmation;
  }
  return kOther;
}

std::string fact_summary(const model::DocumentGraph& g, std::size_t index, const model::Fact& f) {
  std::string roles_text;
  for (const Role& r : roles(f)) {
    if (r.actors->empty()) continue;
    if (!roles_text.empty()) roles_text += "; ";
    roles_text += fmt::format("{}: ", r.name);
    for (std::size_t i = 0; i < r.actors->size(); ++i) roles_text += (i ? ", " : "") + actor_label(g, (*r.actors)[i]);
  }
  std::string text = fmt::format("{}. {}", index + 1, model::name(f.kind));
  if (!roles_text.empty()) text += " - " + roles_text;
  if (!f.rule.empty()) text += " - rule " + f.rule;
  return text;
}

std::string actor_label(const model::DocumentGraph& g, std::string_view actor_id) {
  const model::Actor* a = g.find_actor(actor_id);
  return a && !a->label.empty() ? a->label : std::string(actor_id);
}

}  // namespace newskg::exporters::view
