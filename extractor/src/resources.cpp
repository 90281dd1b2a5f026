#include "newskg/resources.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "newskg/utf8.hpp"

#ifndef NEWSKG_SOURCE_DATA_DIR
#define NEWSKG_SOURCE_DATA_DIR ""
#endif
#ifndef NEWSKG_INSTALL_DATA_DIR
#define NEWSKG_INSTALL_DATA_DIR ""
#endif

namespace newskg {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (std::string& item : split(s, '|'))
    if (!item.empty()) out.push_back(std::move(item));
  return out;
}

bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '.' || c == '-';
  });
}

// Calls row(fields, line) for every data row of a TSV file; the first row is the header and
// must equal `header`. Comments (#) and blank lines are skipped.
template <typename Row>
void read_tsv(const std::filesystem::path& path, const std::vector<std::string>& header, Row row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(fmt::format("{}: cannot open the file ({}); check the path", path.string(), std::strerror(errno)));
  std::string line;
  std::size_t number = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.empty() || line[0] == '#') continue;
    auto where = [&] { return fmt::format("{}:{}", path.string(), number); };
    if (!model::is_valid_utf8(line)) throw LoadError(fmt::format("{}: the line is not valid UTF-8", where()));
    std::vector<std::string> fields = split(line, '\t');
    if (!header_seen) {
      if (fields != header)
        throw LoadError(fmt::format("{}: expected the header line \"{}\"", where(), fmt::join(header, "\\t")));
      header_seen = true;
      continue;
    }
    if (fields.size() != header.size())
      throw LoadError(fmt::format("{}: expected {} tab-separated fields, found {}", where(), header.size(), fields.size()));
    for (const std::string& f : fields)
      if (!f.empty() && (std::isspace(static_cast<unsigned char>(f.front())) || std::isspace(static_cast<unsigned char>(f.back()))))
        throw LoadError(fmt::format("{}: the field \"{}\" has leading or trailing spaces", where(), f));
    row(fields, number, where);
  }
  if (in.bad()) throw LoadError(fmt::format("{}: read error", path.string()));
  if (!header_seen) throw LoadError(fmt::format("{}: the file has no header line", path.string()));
}

const std::vector<std::string> kLexiconHeader = {"id", "class", "phrases", "attributes"};
const std::vector<std::string> kGazetteerHeader = {"id", "type", "label", "iso3", "wikidata", "affiliation",
                                                   "role", "names", "demonyms", "capitals"};

// Lexicon classes and the attributes each one accepts; an unknown class or attribute is a
// typo the user wants to hear about.
const std::map<std::string, std::set<std::string>, std::less<>> kLexiconClasses = {
    {"abbreviation", {}},
    {"sentence-starter", {}},
    {"claim", {"kind", "speaker", "object", "cameo", "plover"}},
    {"claim-noun", {}},
    {"denial-cue", {}},
    {"conditional", {}},
    {"aid-verb", {"direction", "type", "status", "cameo", "plover"}},
    {"not-a-trigger", {}},
    {"aid-noun", {"type", "standalone", "generic", "reference", "owner"}},
    {"aid-modifier", {"type"}},
    {"agreement-noun", {"type"}},
    {"agreement-modifier", {"type"}},
    {"agreement-verb", {"status", "subject"}},
    {"modality", {"status"}},
    {"hedge", {}},
    {"negation", {}},
    {"title", {}},
    {"title-modifier", {}},
    {"person-noun", {"plural"}},
    {"body-noun", {"metonym", "plural", "type"}},
    {"group-head", {"type", "metonym"}},
    {"named-body", {}},
    {"pronoun", {"refers", "plural"}},
    {"anaphor", {"refers"}},
    {"preposition", {}},
    {"month", {"number"}},
    {"weekday", {"number"}},
    {"relative-time", {"unit", "offset"}},
    {"number-word", {"value"}},
    {"magnitude", {"value"}},
    {"bound", {"bound"}},
    {"amount-link", {}},
    {"currency", {"code"}},
    {"armed-group-noun", {}},
    {"intent-noun", {"status"}},
    {"conflict-noun", {}},
    {"opposing-verb", {}},
    {"stance-verb", {}},
    {"codes", {"kind", "status", "type", "cameo", "plover"}},
};

model::ActorType parse_actor_type(std::string_view s, const std::string& where) {
  using model::ActorType;
  for (ActorType t : {ActorType::State, ActorType::Organization, ActorType::GovernmentBody, ActorType::Person,
                      ActorType::ArmedGroup, ActorType::Group})
    if (model::name(t) == s) return t;
  throw LoadError(fmt::format("{}: unknown actor type \"{}\" (State, Organization, GovernmentBody, Person, ArmedGroup or Group)", where, s));
}

}  // namespace

std::string_view LexiconEntry::attr(std::string_view key, std::string_view fallback) const {
  auto it = attrs.find(key);
  return it == attrs.end() ? fallback : std::string_view(it->second);
}

std::string LexiconEntry::where() const { return fmt::format("{}:{}", file, line); }

std::filesystem::path Resources::default_data_dir() {
  if (const char* env = std::getenv("NEWSKG_DATA"); env && *env) return env;
  for (const char* dir : {NEWSKG_SOURCE_DATA_DIR, NEWSKG_INSTALL_DATA_DIR}) {
    std::error_code ec;
    if (*dir && std::filesystem::is_directory(std::filesystem::path(dir) / "lexicons", ec)) return dir;
  }
  return NEWSKG_SOURCE_DATA_DIR;
}

Resources Resources::load(const std::filesystem::path& data_dir) {
  Resources r;
  for (const char* sub : {"gazetteer", "lexicons"}) {
    std::filesystem::path dir = data_dir / sub;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      throw LoadError(fmt::format("{}: no such data directory (set NEWSKG_DATA to newskg's ontology/ folder)", dir.string()));
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".tsv") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (std::string_view(sub) == "gazetteer") r.add_gazetteer_file(f);
      else r.add_lexicon_file(f);
    }
  }
  r.validate();
  return r;
}

void Resources::add_lexicon_file(const std::filesystem::path& path) {
  read_tsv(path, kLexiconHeader, [&](const std::vector<std::string>& f, std::size_t line, auto where) {
    LexiconEntry e;
    e.id = f[0];
    e.cls = f[1];
    e.file = path.string();
    e.line = line;
    if (!valid_id(e.id)) throw LoadError(fmt::format("{}: bad id \"{}\" (letters, digits, _ . -)", where(), e.id));
    auto cls = kLexiconClasses.find(e.cls);
    if (cls == kLexiconClasses.end()) throw LoadError(fmt::format("{}: unknown class \"{}\"", where(), e.cls));
    e.phrases = split_list(f[2]);
    if (e.phrases.empty()) throw LoadError(fmt::format("{}: the entry has no phrases", where()));
    for (const std::string& kv : split(f[3], ';')) {
      if (kv.empty()) continue;
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0)
        throw LoadError(fmt::format("{}: attribute \"{}\" is not key=value", where(), kv));
      std::string key = kv.substr(0, eq);
      if (!cls->second.count(key))
        throw LoadError(fmt::format("{}: class \"{}\" has no attribute \"{}\"", where(), e.cls, key));
      e.attrs[key] = kv.substr(eq + 1);
    }
    if (auto it = lexicon_index_.find(e.id); it != lexicon_index_.end())
      throw LoadError(fmt::format("{}: id \"{}\" is already used at {}", where(), e.id, lexicon_[it->second].where()));
    if (e.cls == "abbreviation" || e.cls == "sentence-starter")
      for (const std::string& p : e.phrases) abbreviations_.insert(normalize(p));
    lexicon_index_.emplace(e.id, lexicon_.size());
    lexicon_.push_back(std::move(e));
  });
}

void Resources::add_gazetteer_file(const std::filesystem::path& path) {
  read_tsv(path, kGazetteerHeader, [&](const std::vector<std::string>& f, std::size_t line, auto where) {
    GazetteerEntry e;
    e.file = path.string();
    e.line = line;
    model::Actor& a = e.actor;
    a.id = f[0];
    if (!valid_id(a.id)) throw LoadError(fmt::format("{}: bad id \"{}\" (letters, digits, _ . -)", where(), a.id));
    a.type = parse_actor_type(f[1], where());
    a.label = f[2];
    if (a.label.empty()) throw LoadError(fmt::format("{}: the label is empty", where()));
    a.iso3 = f[3];
    if (!a.iso3.empty() && (a.iso3.size() != 3 || !std::all_of(a.iso3.begin(), a.iso3.end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
      throw LoadError(fmt::format("{}: iso3 \"{}\" is not three capital letters", where(), a.iso3));
    a.wikidata = f[4];
    if (!a.wikidata.empty() && (a.wikidata[0] != 'Q' || a.wikidata.size() < 2 ||
                                !std::all_of(a.wikidata.begin() + 1, a.wikidata.end(), [](char c) { return c >= '0' && c <= '9'; })))
      throw LoadError(fmt::format("{}: wikidata \"{}\" is not an item id like Q884", where(), a.wikidata));
    a.affiliation = f[5];
    a.role = f[6];
    e.names = split_list(f[7]);
    e.demonyms = split_list(f[8]);
    e.capitals = split_list(f[9]);
    if (std::find(e.names.begin(), e.names.end(), a.label) == e.names.end()) e.names.insert(e.names.begin(), a.label);
    if (auto it = actor_index_.find(a.id); it != actor_index_.end()) {
      const GazetteerEntry& other = gazetteer_[it->second];
      throw LoadError(fmt::format("{}: id \"{}\" is already used at {}:{}", where(), a.id, other.file, other.line));
    }
    actor_index_.emplace(a.id, gazetteer_.size());
    gazetteer_.push_back(std::move(e));
  });
}

void Resources::validate() const {
  for (const GazetteerEntry& e : gazetteer_)
    if (!e.actor.affiliation.empty() && !actor_index_.count(e.actor.affiliation))
      throw LoadError(fmt::format("{}:{}: affiliation \"{}\" is not the id of any actor", e.file, e.line, e.actor.affiliation));
}

const GazetteerEntry* Resources::find_actor(std::string_view id) const {
  auto it = actor_index_.find(id);
  return it == actor_index_.end() ? nullptr : &gazetteer_[it->second];
}

}  // namespace newskg
