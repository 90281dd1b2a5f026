// The matching rule of tools/kgscore.py: system facts from the graph, actor matching (strict
// and lenient), per-kind maximum matching, secondary scores, provenance checks, the report.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "newskg/evaluation.hpp"
#include "newskg/vocab.hpp"
#include "text.hpp"

namespace newskg::evaluation {

namespace {

std::string nkg(std::string_view local) { return std::string(vocab::kNkg) + std::string(local); }
std::string nif(std::string_view local) { return std::string(vocab::kNif) + std::string(local); }
const std::string kLabel = std::string(vocab::kRdfs) + "label";

using Opt = std::optional<std::string>;

Opt lookup(const std::map<std::string_view, std::string_view>& table, const Opt& key) {
  if (!key) return std::nullopt;
  auto found = table.find(*key);
  if (found == table.end()) return std::nullopt;
  return std::string(found->second);
}

const std::map<std::string_view, std::string_view> kAidTypes = {
    {"MilitaryAid", "Military"}, {"WeaponsAid", "Weapons"},         {"TroopsAid", "Troops"},
    {"HumanitarianAid", "Humanitarian"}, {"FinancialAid", "Financial"}, {"OtherAid", "Other"}};
const std::map<std::string_view, std::string_view> kAidFamily = {
    {"Military", "Military"},         {"Weapons", "Military"},   {"Troops", "Military"},
    {"Humanitarian", "Humanitarian"}, {"Financial", "Financial"}, {"Other", "Other"}};
const std::map<std::string_view, std::string_view> kStatus = {
    {"Actual", "actual"}, {"Considered", "considered"}, {"Planned", "planned"},
    {"Alleged", "alleged"}, {"Denied", "denied"},       {"Refused", "refused"}};
// Gold agreement statuses in terms of nkg:status.
const std::map<std::string_view, std::string_view> kAgreementStatus = {
    {"signed", "actual"}, {"proposed", "considered"}, {"considered", "considered"},
    {"negotiating", "planned"}, {"planned", "planned"}, {"actual", "actual"}};
const std::map<std::string_view, std::string_view> kGoldAct = {
    {"TroopDeployment", "TroopDeployment"}, {"ArmsTransfer", "ArmsTransfer"}, {"Aid", "Aid"},
    {"Agreement", "Agreement"}, {"Attack", "Other"}, {"Other", "Other"}};

// kgscore's local(): the part after the last '#', then after the last '/'; None for no IRI.
Opt local(const Opt& iri) {
  if (!iri || iri->empty()) return std::nullopt;
  std::string s = *iri;
  if (auto h = s.rfind('#'); h != std::string::npos) s = s.substr(h + 1);
  if (auto sl = s.rfind('/'); sl != std::string::npos) s = s.substr(sl + 1);
  return s;
}

// ---------------------------------------------------------------- actors

class GoldActors {
 public:
  explicit GoldActors(const std::vector<GoldActor>& actors) {
    for (const GoldActor& a : actors) {
      by_key_.try_emplace(normalize_name(a.name), a.name);
      for (const std::string& alias : a.aliases) by_key_.try_emplace(normalize_name(alias), a.name);
      if (!a.iso3.empty()) by_key_.try_emplace("iso3:" + text::upper(a.iso3), a.name);
      info_[a.name] = &a;
    }
  }
  // The gold name of the first key that names a gold actor.
  const std::string* resolve(const std::vector<std::string>& keys) const {
    for (const std::string& k : keys)
      if (auto found = by_key_.find(k); found != by_key_.end()) return &found->second;
    return nullptr;
  }
  const std::optional<std::string>* affiliation(const std::string& name) const {
    auto found = info_.find(name);
    return found == info_.end() ? nullptr : &found->second->affiliation;
  }

 private:
  std::map<std::string, std::string> by_key_;
  std::map<std::string, const GoldActor*> info_;
};

struct SysActor {
  std::vector<std::string> keys;
  std::optional<std::vector<std::string>> affiliation_keys;  // one level, as kgscore uses it
};

std::vector<std::string> actor_keys(const Graph& g, const std::string& node) {
  const Opt label = g.object(node, kLabel);
  std::vector<std::string> keys{normalize_name(label ? *label : node)};
  const Opt iso = g.object(node, nkg("iso3"));
  if (iso && !iso->empty()) keys.push_back("iso3:" + text::upper(*iso));
  return keys;
}

SysActor sys_actor(const Graph& g, const std::string& node) {
  SysActor a{actor_keys(g, node), std::nullopt};
  const Opt aff = g.object(node, nkg("affiliation"));
  if (aff && *aff != node) a.affiliation_keys = actor_keys(g, *aff);
  return a;
}

bool same(const std::string* resolved, const std::string& name) { return resolved && *resolved == name; }

// A gold actor name and a system actor match by name, alias or ISO code; leniently also when
// one is the other's affiliation (an agency and its state).
bool actor_match(const std::string& gname, const SysActor& s, const GoldActors& gold, bool lenient) {
  const std::string* resolved = gold.resolve(s.keys);
  if (same(resolved, gname)) return true;
  if (!lenient) return false;
  if (s.affiliation_keys && same(gold.resolve(*s.affiliation_keys), gname)) return true;
  const std::optional<std::string>* gaff = gold.affiliation(gname);
  return gaff && *gaff && same(resolved, **gaff);
}

// Every gold actor is covered by some system actor and every system actor covers some gold
// actor. An empty gold role is a wildcard.
bool roles_match(const std::vector<std::string>& gnames, const std::vector<SysActor>& sys, const GoldActors& gold,
                 bool lenient) {
  if (gnames.empty()) return true;
  if (sys.empty()) return false;
  for (const std::string& g : gnames)
    if (std::none_of(sys.begin(), sys.end(), [&](const SysActor& s) { return actor_match(g, s, gold, lenient); }))
      return false;
  for (const SysActor& s : sys)
    if (std::none_of(gnames.begin(), gnames.end(), [&](const std::string& g) { return actor_match(g, s, gold, lenient); }))
      return false;
  return true;
}

// ---------------------------------------------------------------- system facts

bool is_claim(const Graph& g, const std::string& node) {
  return g.has_type(node, nkg("Claim")) || g.has_type(node, nkg("Allegation"));
}

Opt act_kind(const Graph& g, const Opt& node, int depth = 0) {
  if (!node || depth > 4) return std::nullopt;
  if (g.has_type(*node, nkg("Aid"))) {
    const Opt at = lookup(kAidTypes, local(g.object(*node, nkg("aidType"))));
    if (at == "Troops") return "TroopDeployment";
    if (at == "Weapons") return "ArmsTransfer";
    return "Aid";
  }
  if (g.has_type(*node, nkg("Agreement"))) return "Agreement";
  if (is_claim(g, *node)) return act_kind(g, g.object(*node, nkg("about")), depth + 1);
  return "Other";
}

std::vector<std::string> accused_of(const Graph& g, const Opt& node, int depth = 0) {
  if (!node || depth > 4) return {};
  std::vector<std::string> accused = g.objects(*node, nkg("accused"));
  if (!accused.empty()) return accused;
  const Opt about = g.object(*node, nkg("about"));
  if (about && is_claim(g, *about)) return accused_of(g, about, depth + 1);
  if (about && g.has_type(*about, nkg("Aid"))) return g.objects(*about, nkg("provider"));
  return {};
}

struct SysFact {
  std::string kind, node;
  std::vector<SysActor> claimant, accused, parties, provider, recipient;
  std::string act;
  Opt aid_type, status, when;
};

std::vector<SysActor> actors(const Graph& g, const std::vector<std::string>& nodes) {
  std::vector<SysActor> out;
  for (const std::string& n : nodes) out.push_back(sys_actor(g, n));
  return out;
}

std::vector<SysFact> system_facts(const Graph& g, std::string_view kind) {
  std::vector<SysFact> facts;
  for (const std::string& node : g.instances(nkg(kind))) {
    SysFact f;
    f.kind = std::string(kind);
    f.node = node;
    if (kind == "Allegation" || kind == "Denial" || kind == "Confirmation") {
      f.claimant = actors(g, g.objects(node, nkg("claimant")));
      f.accused = actors(g, accused_of(g, node));
      f.act = act_kind(g, g.object(node, nkg("about"))).value_or("Other");
    } else if (kind == "Agreement") {
      f.parties = actors(g, g.objects(node, nkg("party")));
      f.status = lookup(kStatus, local(g.object(node, nkg("status"))));
      f.when = g.object(node, nkg("date"));
    } else {
      f.provider = actors(g, g.objects(node, nkg("provider")));
      f.recipient = actors(g, g.objects(node, nkg("recipient")));
      f.aid_type = lookup(kAidTypes, local(g.object(node, nkg("aidType"))));
      f.status = lookup(kStatus, local(g.object(node, nkg("status"))));
    }
    facts.push_back(std::move(f));
  }
  return facts;
}

std::string gold_act(const GoldFact& gf) { return lookup(kGoldAct, gf.act).value_or("Other"); }

bool primary_match(const GoldFact& gf, const SysFact& sf, const GoldActors& gold, bool lenient) {
  if (gf.kind != sf.kind) return false;
  const std::string& k = gf.kind;
  if (k == "Allegation")
    return roles_match(gf.claimant, sf.claimant, gold, lenient) && roles_match(gf.accused, sf.accused, gold, lenient) &&
           gold_act(gf) == sf.act;
  if (k == "Denial")
    return roles_match(gf.denier, sf.claimant, gold, lenient) && roles_match(gf.accused, sf.accused, gold, lenient) &&
           gold_act(gf) == sf.act;
  if (k == "Confirmation") return roles_match(gf.confirmer, sf.claimant, gold, lenient) && gold_act(gf) == sf.act;
  if (k == "Agreement") return roles_match(gf.parties, sf.parties, gold, lenient);
  return roles_match(gf.provider, sf.provider, gold, lenient) && roles_match(gf.recipient, sf.recipient, gold, lenient) &&
         lookup(kAidFamily, gf.aid_type) == lookup(kAidFamily, sf.aid_type);
}

// ---------------------------------------------------------------- provenance

struct Provenance {
  std::size_t spans = 0, bad = 0, no_evidence = 0;
};

Provenance provenance(const Graph& g) {
  Provenance p;
  for (const std::string& span : g.subjects_with(nif("referenceContext"))) {
    ++p.spans;
    const Opt context = g.object(span, nif("referenceContext"));
    const Opt text = g.object(*context, nif("isString"));
    if (!text) continue;
    const Opt b = g.object(span, nif("beginIndex"));
    const Opt e = g.object(span, nif("endIndex"));
    const Opt anchor = g.object(span, nif("anchorOf"));
    long long begin = 0, end = 0;
    if (!b || !e || !text::parse_int(*b, begin) || !text::parse_int(*e, end)) {
      ++p.bad;
      continue;
    }
    if (!anchor || text::slice(*text, begin, end) != *anchor) ++p.bad;
  }
  for (std::string_view kind : kKinds)
    for (const std::string& node : g.instances(nkg(kind)))
      if (g.objects(node, nkg("evidence")).empty()) ++p.no_evidence;
  return p;
}

// The text a spurious fact stands on: the anchorOf of its first evidence span, on one line.
std::string evidence_text(const Graph& g, const std::string& node) {
  const Opt evidence = g.object(node, nkg("evidence"));
  const Opt anchor = evidence ? g.object(*evidence, nif("anchorOf")) : std::nullopt;
  if (!anchor) return {};
  std::string out;
  for (char c : text::head(*anchor, 90)) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  return out;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

// ---------------------------------------------------------------- public

std::map<std::size_t, std::size_t> max_matching(std::size_t golds, std::size_t systems,
                                                const std::function<bool(std::size_t, std::size_t)>& ok) {
  std::vector<std::vector<std::size_t>> adj(golds);
  for (std::size_t i = 0; i < golds; ++i)
    for (std::size_t j = 0; j < systems; ++j)
      if (ok(i, j)) adj[i].push_back(j);
  std::map<std::size_t, std::size_t> owner;  // system -> gold
  std::function<bool(std::size_t, std::set<std::size_t>&)> augment = [&](std::size_t i, std::set<std::size_t>& seen) {
    for (std::size_t j : adj[i]) {
      if (!seen.insert(j).second) continue;
      auto found = owner.find(j);
      if (found == owner.end() || augment(found->second, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (std::size_t i = 0; i < golds; ++i) {
    std::set<std::size_t> seen;
    augment(i, seen);
  }
  std::map<std::size_t, std::size_t> out;
  for (const auto& [j, i] : owner) out[i] = j;
  return out;
}

double KindScore::precision() const {
  if (system) return static_cast<double>(matched) / static_cast<double>(system);
  return gold ? 0.0 : 1.0;
}
double KindScore::recall() const { return gold ? static_cast<double>(matched) / static_cast<double>(gold) : 1.0; }

namespace {
double f_measure(double p, double r) { return p + r != 0.0 ? 2 * p * r / (p + r) : 0.0; }
}  // namespace

double KindScore::f1() const { return f_measure(precision(), recall()); }
double KindScore::strict_f1() const {
  KindScore s = *this;
  s.matched = strict;
  return s.f1();
}

Scorer::Scorer() {
  for (std::string_view k : kKinds) kinds_.emplace(std::string(k), KindScore{});
}

const KindScore& Scorer::kind(std::string_view kind) const {
  auto found = kinds_.find(kind);
  if (found == kinds_.end()) throw std::out_of_range(fmt::format("no kind '{}'", kind));
  return found->second;
}

KindScore Scorer::total() const {
  KindScore t;
  for (const auto& [k, s] : kinds_) {
    t.gold += s.gold;
    t.system += s.system;
    t.matched += s.matched;
    t.strict += s.strict;
  }
  return t;
}

Secondary& Scorer::secondary(std::string_view name) {
  for (Secondary& s : secondary_)
    if (s.name == name) return s;
  secondary_.push_back(Secondary{std::string(name), 0, 0});
  return secondary_.back();
}

void Scorer::add(const Gold& gold, const Graph& graph) {
  const GoldActors gactors(gold.actors);
  const Provenance prov = provenance(graph);
  spans_ += prov.spans;
  bad_spans_ += prov.bad;
  no_evidence_ += prov.no_evidence;
  for (std::string_view kind : kKinds) {
    std::vector<const GoldFact*> gk;
    for (const GoldFact& f : gold.facts)
      if (f.kind == kind) gk.push_back(&f);
    const std::vector<SysFact> sk = system_facts(graph, kind);
    const auto m = max_matching(gk.size(), sk.size(), [&](std::size_t i, std::size_t j) {
      return primary_match(*gk[i], sk[j], gactors, true);
    });
    const auto ms = max_matching(gk.size(), sk.size(), [&](std::size_t i, std::size_t j) {
      return primary_match(*gk[i], sk[j], gactors, false);
    });
    KindScore& t = kinds_[std::string(kind)];
    t.gold += gk.size();
    t.system += sk.size();
    t.matched += m.size();
    t.strict += ms.size();
    for (const auto& [gi, si] : m) {
      const GoldFact& gf = *gk[gi];
      const SysFact& sf = sk[si];
      if (kind == "Aid") {
        Secondary& type = secondary("aidType");
        type.right += gf.aid_type == sf.aid_type;
        ++type.of;
        Secondary& status = secondary("aid status");
        status.right += gf.status == sf.status;
        ++status.of;
      }
      if (kind == "Agreement") {
        Secondary& status = secondary("agreement status");
        status.right += lookup(kAgreementStatus, gf.status) == sf.status;
        ++status.of;
        if (gf.when && !gf.when->empty()) {
          Secondary& date = secondary("agreement date");
          date.right += sf.when.value_or("").starts_with(*gf.when);
          ++date.of;
        }
      }
    }
    for (std::size_t gi = 0; gi < gk.size(); ++gi)
      if (!m.count(gi)) misses_.push_back(Miss{gold.doc, true, std::string(kind), text::head(gk[gi]->sentence, 90), {}});
    std::set<std::size_t> matched;
    for (const auto& [gi, si] : m) matched.insert(si);
    for (std::size_t si = 0; si < sk.size(); ++si)
      if (!matched.count(si)) misses_.push_back(Miss{gold.doc, false, std::string(kind), evidence_text(graph, sk[si].node), sk[si].node});
  }
}

std::vector<std::string> Scorer::table(bool quiet) const {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("{:<13}{:>5}{:>5}{:>6}{:>7}{:>7}{:>7}{:>10}", "kind", "gold", "sys", "match", "P", "R", "F1", "strictF1"));
  auto row = [&](std::string_view name, const KindScore& s) {
    lines.push_back(fmt::format("{:<13}{:>5}{:>5}{:>6}{:>7}{:>7}{:>7}{:>10}", name, s.gold, s.system, s.matched,
                                text::fixed3(s.precision()), text::fixed3(s.recall()), text::fixed3(s.f1()),
                                text::fixed3(s.strict_f1())));
  };
  for (std::string_view k : kKinds) row(k, kind(k));
  row("all", total());
  for (const Secondary& s : secondary_) lines.push_back(fmt::format("secondary {}: {}/{}", s.name, s.right, s.of));
  lines.push_back(fmt::format("provenance: {} spans, {} whose anchorOf differs from the text, {} facts without nkg:evidence",
                              spans_, bad_spans_, no_evidence_));
  if (!quiet)
    for (const Miss& m : misses_) {
      // A spurious fact is shown by the text it stands on (kgscore shows its IRI's tail).
      const std::string where = m.missed ? m.text : (m.text.empty() ? text::tail(m.node, 60) : m.text);
      lines.push_back(fmt::format("  {}: {} {}: {}", m.doc, m.missed ? "missed" : "spurious", m.kind, where));
    }
  return lines;
}

std::string Scorer::json() const {
  std::string out = "{\n \"kinds\": {";
  bool first = true;
  auto kind_json = [&](std::string_view name, const KindScore& s) {
    out += first ? "\n" : ",\n";
    first = false;
    out += fmt::format(
        "  {}: {{\n   \"gold\": {},\n   \"system\": {},\n   \"matched\": {},\n   \"P\": {},\n   \"R\": {},\n"
        "   \"F1\": {},\n   \"strictF1\": {}\n  }}",
        json_string(name), s.gold, s.system, s.matched, text::float_repr(s.precision()), text::float_repr(s.recall()),
        text::float_repr(s.f1()), text::float_repr(s.strict_f1()));
  };
  for (std::string_view k : kKinds) kind_json(k, kind(k));
  kind_json("all", total());
  out += "\n },\n \"secondary\": {";
  first = true;
  for (const Secondary& s : secondary_) {
    out += first ? "\n" : ",\n";
    first = false;
    out += fmt::format("  {}: {{\n   \"right\": {},\n   \"of\": {}\n  }}", json_string(s.name), s.right, s.of);
  }
  out += secondary_.empty() ? "}" : "\n }";
  out += fmt::format(",\n \"provenance\": {{\n  \"spans\": {},\n  \"bad_spans\": {},\n  \"facts_without_evidence\": {}\n }}\n}}",
                     spans_, bad_spans_, no_evidence_);
  return out;
}

std::string f1_line(double f1) { return "F1=" + text::fixed3(f1); }

}  // namespace newskg::evaluation
