// Internal: the extractor's working state for one document, shared by its stages
// (mentions.cpp, frames.cpp, timex.cpp). Not part of the public interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "newskg/document.hpp"
#include "newskg/model.hpp"
#include "newskg/resources.hpp"
#include "phrase_index.hpp"

namespace newskg {

// Every phrase table the stages need, built once per Extractor from the Resources.
struct LexiconTables {
  const Resources* resources = nullptr;
  Vocabulary vocabulary;  // of every phrase below
  PhraseIndex gazetteer;  // payload: index into gazetteer_hits
  struct GazetteerHit {
    std::size_t entry;  // index into Resources::gazetteer()
    enum Form { Name, Demonym, Capital } form;
  };
  std::vector<GazetteerHit> gazetteer_hits;
  // One index per lexicon class that the stages look up; payload: index into Resources::lexicon().
  PhraseIndex claim, claim_noun, denial_cue, conditional, aid_verb, not_a_trigger, aid_noun, aid_modifier, agreement_noun,
      agreement_modifier, agreement_verb, modality, hedge, negation, title, title_modifier, person_noun, body_noun,
      group_head, named_body, pronoun, anaphor, preposition, month, weekday, relative_time, bound, amount_link, currency, armed_group_noun,
      intent_noun, conflict_noun, opposing_verb, stance_verb;
  std::set<std::string, std::less<>> currency_codes;  // the `code`s of the currency class: a quantity in one is a sum of money
  // Number words and magnitudes: payload is the index into values.
  PhraseIndex number_words, magnitudes;
  std::vector<std::string> values;
  // The rows of the "codes" class, in lexicon order (the first that fits a fact wins), with
  // the attributes that set_codes() reads on every act and claim taken out once, and their
  // comma lists split.
  struct CodeRule {
    std::string_view kind;
    std::vector<std::string_view> statuses, types;  // none: any status, any type
    std::string cameo, plover;
  };
  std::vector<CodeRule> codes;
  // For each combination of fact kind, status and type, the index of the first row of `codes`
  // that fits it: frames.cpp sets the codes of every act and claim from it. Made by the first
  // document to need it (in frames.cpp), once for all threads.
  mutable std::once_flag code_rows_made;
  mutable std::vector<std::uint16_t> code_rows;
  // The attributes that frame finding reads at every cue, by lexicon index: taken out of each
  // entry's map of strings once, not looked up there at every cue. Empty where an entry has none.
  struct CueAttributes {
    std::string_view kind, speaker, subject, object, direction, type, status, generic, reference, standalone, bound, code, owner;
  };
  std::vector<CueAttributes> cue_attributes;

  // The index of a lexicon class, or nullptr for a class that is read otherwise (abbreviations,
  // codes, number words) or not at all.
  PhraseIndex* of(std::string_view cls);
  const LexiconEntry& entry(std::size_t i) const { return resources->lexicon()[i]; }
  const CueAttributes& attributes(const LexiconEntry& e) const { return cue_attributes[&e - resources->lexicon().data()]; }
};

enum class MentionKind { Name, Capital, Demonym, Pattern, Pronoun, Anaphor, Coordination };

struct ActorMention {
  std::size_t first = 0, last = 0;  // tokens
  std::vector<std::string> actors;  // actor ids, at least one
  MentionKind kind = MentionKind::Name;
  bool plural = false;
  bool person = false;
  bool subject = false;   // not the object of a preposition
  bool modifier = false;  // a demonym used as an adjective ("Iranian military aid")
  std::vector<std::size_t> parts;  // for coordinations: the mentions joined
  long parent = -1;                // the coordination or person mention this one is part of
  std::string_view rule;   // a literal of mentions.cpp
  std::string_view antecedent;  // for pronouns and anaphors: the text they were resolved to, in the document
};

struct Cue {
  std::size_t first = 0, last = 0;
  const LexiconEntry* entry = nullptr;
};

// True when one of `cues` starts at token `at`.
inline bool cue_starts_at(const std::vector<Cue>& cues, std::size_t at) {
  for (const Cue& c : cues)
    if (c.first == at) return true;
  return false;
}

inline bool is_determiner(std::string_view norm) { return norm == "the" || norm == "a" || norm == "an"; }

// "'s" or a bare apostrophe ("the Houthis' drones").
inline bool is_possessive(const Token& t) { return std::string_view(t.norm) == "'s" || std::string_view(t.norm) == "'"; }

struct TimeExpression {
  std::size_t first = 0, last = 0;
  model::Date date;
};

struct Analysis {
  const Document& doc;
  const LexiconTables& tables;
  const TokenIds token_ids;                    // for the phrase lookups
  std::map<std::string, model::Actor, std::less<>> actors;  // every actor mentioned, by id
  std::vector<ActorMention> mentions;          // sorted by first token; coordinations after parts
  std::vector<long> mention_at;                // token -> index of the outermost mention, -1
  std::string focus_state;                     // dateline or most mentioned state
  std::vector<model::Fact> facts;
  std::vector<TimeExpression> times;
  std::vector<model::TraceEvent>* trace = nullptr;  // set when the caller wants --explain

  void note(std::size_t first, std::size_t last, const LexiconEntry* entry, std::string message) {
    if (!trace) return;
    trace->push_back({doc.sentence_of(first), doc.span(first, last), entry ? entry->id : std::string(),
                      entry ? entry->where() : std::string(), std::move(message)});
  }

  Analysis(const Document& d, const LexiconTables& t) : doc(d), tables(t), token_ids(d, t.vocabulary) {}

  const model::Actor& use_actor(const GazetteerEntry&);
  // The actor of that id mentioned so far, or nullptr.
  const model::Actor* actor(std::string_view id) const {
    auto it = actors.find(id);
    return it == actors.end() ? nullptr : &it->second;
  }
  const ActorMention* mention_starting(std::size_t token) const;
};

// Stages, in the order the extractor runs them.
void find_mentions(Analysis&);
void find_times(Analysis&);
void find_frames(Analysis&);

}  // namespace newskg
