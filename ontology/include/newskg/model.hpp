// The fact model: what a document says, in the terms of the ontology contract.
// Nothing here knows how facts are found (extractor/) or written (exporters/).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newskg::model {

enum class ActorType { State, Organization, GovernmentBody, Person, ArmedGroup, Group };

struct Actor {
  std::string id;  // stable canonical id (gazetteer id, or derived from a normalised name)
  ActorType type = ActorType::State;
  std::string label;
  std::string iso3;
  std::string wikidata;     // "Q884", empty when unknown
  std::string affiliation;  // id of another actor, empty when unknown
  std::string role;         // a person's office, e.g. "Deputy Ambassador to the U.N."
};

// A span of the document text; offsets in Unicode code points, end exclusive.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string anchor;  // the text between begin and end
  friend bool operator==(const Span&, const Span&) = default;
};

struct Mention {
  Span span;
  std::string actor_id;
};

enum class FactKind { Aid, Agreement, OtherAct, Allegation, Denial, Confirmation };
enum class AidType { Military, Weapons, Troops, Humanitarian, Financial, Other };
enum class AgreementType { Defense, Trade, Ceasefire, Peace, Cooperation, Other };
enum class Status { Actual, Considered, Planned, Alleged, Denied, Refused };
enum class QuantityBound { Exact, AtLeast, AtMost, Approximately };
enum class DatePrecision { Day, Month, Year };

struct Quantity {
  std::string value;  // xsd:decimal lexical form, e.g. "1500" or "2500000000"
  std::string unit;   // e.g. "soldiers", "USD"
  QuantityBound bound = QuantityBound::Exact;
  Span span;
};

struct Date {
  int year = 0;
  int month = 0;  // 0 when unknown
  int day = 0;    // 0 when unknown
  DatePrecision precision = DatePrecision::Year;
  std::string lexical() const;   // "2024-06-01", "2024-06" or "2024"
  std::string_view datatype() const;  // "date", "gYearMonth" or "gYear" (xsd local names)
  friend bool operator==(const Date&, const Date&) = default;
};

using FactId = std::size_t;  // index into DocumentGraph::facts

struct Fact {
  FactKind kind = FactKind::OtherAct;
  std::string local_id;  // unique within the document, derived from content (assign_fact_ids)
  // Roles, as actor ids.
  std::vector<std::string> claimant, accused, provider, recipient, party;
  std::optional<FactId> about;
  std::optional<AidType> aid_type;
  std::optional<AgreementType> agreement_type;
  std::optional<Status> status;
  std::optional<Quantity> quantity;
  std::optional<Date> date;
  std::string description;  // what an OtherAct is, in the text's words
  std::string cameo;
  std::string plover;
  std::vector<Span> evidence;  // at least one
  std::optional<Span> trigger;
  std::string rule;  // id of the rule that produced the fact
  // For --explain, and so filled only when the extractor is asked for a trace:
  std::string source;  // file:line of the lexicon entry behind the rule, when there is one
  std::vector<std::string> reasons;  // why each role and the status were bound

  bool is_act() const { return kind == FactKind::Aid || kind == FactKind::Agreement || kind == FactKind::OtherAct; }
  bool is_claim() const { return !is_act(); }
};

struct DocumentInfo {
  std::string id;         // stable: given, or derived from a hash of the text
  std::string text;       // UTF-8
  std::string title;
  std::string url;
  std::string source;     // the publication or agency it came from ("Reuters"), when known
  std::optional<Date> published;
};

// What the extractor saw and decided about one trigger or mention, for --explain and
// `newskg explain`: facts made, and triggers that did not become facts, with the reason.
struct TraceEvent {
  std::size_t sentence = 0;  // index of the sentence in the document
  Span span;                 // the trigger or mention
  std::string entry;         // lexicon entry id or rule id
  std::string source;        // file:line of the lexicon entry
  std::string message;       // what became of it, and why
};

// Everything found in one document, ready for an exporter.
struct DocumentGraph {
  DocumentInfo info;
  std::vector<Actor> actors;  // each actor once, sorted by id
  std::vector<Mention> mentions;
  std::vector<Fact> facts;
  std::vector<Span> sentences;     // filled when a trace is asked for
  std::vector<TraceEvent> trace;   // idem

  const Actor* find_actor(std::string_view id) const;
};

// Gives every fact a local id from its kind and first evidence span ("aid-120-164"); where
// two facts would share one, both get a suffix from their content (aid type, what a claim is
// about, roles), so an id never changes meaning with the order facts were found in.
void assign_fact_ids(DocumentGraph&);

std::string_view name(ActorType);
std::string_view name(FactKind);
std::string_view name(AidType);
std::string_view name(AgreementType);
std::string_view name(Status);
std::string_view name(QuantityBound);

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date); nullopt otherwise.
std::optional<Date> parse_date(std::string_view);

int days_in_month(int year, int month);  // month 1..12

// A stable 64-bit FNV-1a hash, as 16 lowercase hex digits; used for content-derived ids.
std::string stable_hash(std::string_view);

// Lowercase ASCII slug of a name ("Russia's U.N. Ambassador" -> "russias-un-ambassador"),
// keeping non-ASCII letters as they are; for ids of actors the gazetteer does not know.
// Periods and apostrophes (' and ’) vanish; any other punctuation, space or invalid byte,
// ASCII or not, separates words.
std::string slug(std::string_view);

}  // namespace newskg::model
