// Knowledge the extractor loads at start: the actor gazetteer and the trigger lexicons.
// Both are versioned TSV files under ontology/ (formats in docs/lexicons.md); users add
// their own with --lexicon / --gazetteer without recompiling.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newskg/document.hpp"
#include "newskg/model.hpp"

namespace newskg {

// A data file that cannot be used; what() reads "FILE:LINE: what is wrong".
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LexiconEntry {
  std::string id;     // unique, e.g. "claim.deny"; also the rule id of facts it triggers
  std::string cls;    // the entry's class, e.g. "claim", "aid-verb", "modality"
  std::vector<std::string> phrases;  // surface forms, as written in the file
  std::map<std::string, std::string, std::less<>> attrs;
  std::string file;
  std::size_t line = 0;

  std::string_view attr(std::string_view key, std::string_view fallback = {}) const;
  std::string where() const;  // "file:line"
};

struct GazetteerEntry {
  model::Actor actor;
  std::vector<std::string> names, demonyms, capitals;
  std::string file;
  std::size_t line = 0;
};

class Resources {
 public:
  // Loads every *.tsv of DATA_DIR/gazetteer and DATA_DIR/lexicons, in name order.
  static Resources load(const std::filesystem::path& data_dir);
  // The data directory: $NEWSKG_DATA, else the source tree's or the installed ontology/.
  static std::filesystem::path default_data_dir();

  void add_lexicon_file(const std::filesystem::path&);
  void add_gazetteer_file(const std::filesystem::path&);
  // Checks cross-references (affiliations, duplicate ids); throws LoadError.
  void validate() const;

  const std::vector<LexiconEntry>& lexicon() const { return lexicon_; }
  const std::vector<GazetteerEntry>& gazetteer() const { return gazetteer_; }
  const Abbreviations& abbreviations() const { return abbreviations_; }
  const GazetteerEntry* find_actor(std::string_view id) const;

 private:
  std::vector<LexiconEntry> lexicon_;
  std::vector<GazetteerEntry> gazetteer_;
  std::map<std::string, std::size_t, std::less<>> lexicon_index_;  // entry id -> index into lexicon_
  std::map<std::string, std::size_t, std::less<>> actor_index_;
  Abbreviations abbreviations_;
};

}  // namespace newskg
