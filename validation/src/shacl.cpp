#include "newskg/shacl.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>
#include <utility>

#include <serd/serd.h>
#include <sord/sord.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace newskg::validation {
namespace {

constexpr std::string_view kSh = "http://www.w3.org/ns/shacl#";
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

// Prefixes used for display and in the Turtle report, besides those the inputs declare.
constexpr std::pair<std::string_view, std::string_view> kKnownPrefixes[] = {
    {"sh", kSh},
    {"rdf", kRdf},
    {"rdfs", kRdfs},
    {"xsd", kXsd},
    {"owl", "http://www.w3.org/2002/07/owl#"},
    {"nkg", "https://w3id.org/newskg/ontology#"},
    {"nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"},
    {"prov", "http://www.w3.org/ns/prov#"},
    {"dcterms", "http://purl.org/dc/terms/"},
    {"wd", "http://www.wikidata.org/entity/"},
    {"skos", "http://www.w3.org/2004/02/skos/core#"},
};

std::string str(Node n) { return n ? reinterpret_cast<const char*>(sord_node_get_string(n)) : std::string(); }
bool is_iri(Node n) { return n && sord_node_get_type(n) == SORD_URI; }
bool is_blank(Node n) { return n && sord_node_get_type(n) == SORD_BLANK; }
bool is_literal(Node n) { return n && sord_node_get_type(n) == SORD_LITERAL; }
std::string lang_of(Node n) {
  const char* l = is_literal(n) ? sord_node_get_language(n) : nullptr;
  return l ? l : "";
}

// Code points of a UTF-8 string.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ---- Lexical forms of XSD datatypes -------------------------------------------------------

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_integer_lexical(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return all_digits(s);
}

bool is_decimal_lexical(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  const auto dot = s.find('.');
  if (dot == std::string_view::npos) return all_digits(s);
  std::string_view whole = s.substr(0, dot), frac = s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return false;
  return (whole.empty() || all_digits(whole)) && (frac.empty() || all_digits(frac));
}

bool is_double_lexical(std::string_view s) {
  if (s == "INF" || s == "-INF" || s == "+INF" || s == "NaN") return true;
  const auto e = s.find_first_of("eE");
  if (e == std::string_view::npos) return is_decimal_lexical(s);
  return is_decimal_lexical(s.substr(0, e)) && is_integer_lexical(s.substr(e + 1));
}

// An optional time zone at the end: Z or (+|-)hh:mm. Removes it from s.
bool strip_timezone(std::string_view& s) {
  if (!s.empty() && s.back() == 'Z') {
    s.remove_suffix(1);
    return true;
  }
  if (s.size() >= 6 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') && s[s.size() - 3] == ':' &&
      all_digits(s.substr(s.size() - 5, 2)) && all_digits(s.substr(s.size() - 2))) {
    s.remove_suffix(6);
    return true;
  }
  return true;
}

// -?YYYY (four or more digits, no leading zero beyond four); removes it from the front.
bool take_year(std::string_view& s, int* year) {
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  if (n < 4 || (n > 4 && s[0] == '0')) return false;
  *year = std::atoi(std::string(s.substr(0, n)).c_str()) * (negative ? -1 : 1);
  s.remove_prefix(n);
  return true;
}

bool take_two(std::string_view& s, char sep, int* value) {
  if (s.size() < 3 || s[0] != sep || !all_digits(s.substr(1, 2))) return false;
  *value = (s[1] - '0') * 10 + (s[2] - '0');
  s.remove_prefix(3);
  return true;
}

int days_in(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return days[month - 1];
}

bool is_date_like(std::string_view s, bool month, bool day) {
  strip_timezone(s);
  int y = 0, m = 1, d = 1;
  if (!take_year(s, &y)) return false;
  if (month && (!take_two(s, '-', &m) || m < 1 || m > 12)) return false;
  if (day && (!take_two(s, '-', &d) || d < 1 || d > days_in(y, m))) return false;
  return s.empty();
}

bool is_time_lexical(std::string_view s) {
  strip_timezone(s);
  int h = 0, m = 0, sec = 0;
  if (s.size() < 8 || !all_digits(s.substr(0, 2))) return false;
  h = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  if (!take_two(s, ':', &m) || !take_two(s, ':', &sec)) return false;
  if (!s.empty()) {
    if (s[0] != '.' || !all_digits(s.substr(1))) return false;
  }
  return (h < 24 && m < 60 && sec < 60) || (h == 24 && m == 0 && sec == 0);
}

bool is_datetime_lexical(std::string_view s) {
  const auto t = s.find('T');
  if (t == std::string_view::npos) return false;
  return is_date_like(s.substr(0, t), true, true) && is_time_lexical(s.substr(t + 1));
}

const std::set<std::string, std::less<>>& integer_types() {
  static const std::set<std::string, std::less<>> types = [] {
    std::set<std::string, std::less<>> t;
    for (const char* local : {"integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long",
                              "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"})
      t.insert(std::string(kXsd) + local);
    return t;
  }();
  return types;
}

bool is_numeric_type(std::string_view dt) {
  return integer_types().count(dt) || dt == std::string(kXsd) + "decimal" || dt == std::string(kXsd) + "double" ||
         dt == std::string(kXsd) + "float";
}

// Whether `lexical` is a well-formed literal of datatype `dt`. Datatypes the validator does not
// know are taken as well-formed.
bool well_formed(std::string_view lexical, std::string_view dt) {
  if (dt.substr(0, kXsd.size()) != kXsd) return true;
  const std::string_view local = dt.substr(kXsd.size());
  if (integer_types().count(dt)) {
    if (!is_integer_lexical(lexical)) return false;
    const bool negative = lexical[0] == '-' && lexical.find_first_not_of("-0") != std::string_view::npos;
    const bool zero = lexical.find_first_not_of("+-0") == std::string_view::npos;
    if (local == "nonNegativeInteger" || local.substr(0, 8) == "unsigned") return !negative;
    if (local == "positiveInteger") return !negative && !zero;
    if (local == "nonPositiveInteger") return negative || zero;
    if (local == "negativeInteger") return negative && !zero;
    if (local == "long" || local == "int" || local == "short" || local == "byte") {
      const long double v = std::strtold(std::string(lexical).c_str(), nullptr);
      const long double limit = local == "long" ? 9223372036854775807.0L : local == "int" ? 2147483647.0L : local == "short" ? 32767.0L : 127.0L;
      return v <= limit && v >= -limit - 1;
    }
    return true;
  }
  if (local == "decimal") return is_decimal_lexical(lexical);
  if (local == "double" || local == "float") return is_double_lexical(lexical);
  if (local == "boolean") return lexical == "true" || lexical == "false" || lexical == "1" || lexical == "0";
  if (local == "date") return is_date_like(lexical, true, true);
  if (local == "gYearMonth") return is_date_like(lexical, true, false);
  if (local == "gYear") return is_date_like(lexical, false, false);
  if (local == "dateTime") return is_datetime_lexical(lexical);
  if (local == "time") return is_time_lexical(lexical);
  return true;
}

// ---- Paths ---------------------------------------------------------------------------------

struct Path {
  enum Kind { Predicate, Inverse, Sequence, Alternative, ZeroOrMore, OneOrMore, ZeroOrOne } kind = Predicate;
  Node predicate = nullptr;
  std::vector<Path> items;
};

struct Shape {
  Node node = nullptr;
  bool property = false;
  Node path_node = nullptr;
  Path path;
  bool deactivated = false;
  Severity severity = Severity::Violation;
  std::vector<Node> messages;
  std::vector<std::pair<Node, Node>> parameters;  // (predicate, object) of the shape node
};

using NodeSet = std::vector<Node>;  // distinct, in first-seen order

void add_unique(NodeSet& set, Node n) {
  if (std::find(set.begin(), set.end(), n) == set.end()) set.push_back(n);
}

// Collects distinct nodes in first-seen order, in linear time for large sets.
struct Collector {
  NodeSet items;
  std::unordered_set<Node> seen;
  void add(Node n) {
    if (seen.insert(n).second) items.push_back(n);
  }
};

enum class Order { Less, Equal, Greater, Incomparable };

}  // namespace

std::string_view name(Severity s) {
  switch (s) {
    case Severity::Info: return "Info";
    case Severity::Warning: return "Warning";
    case Severity::Violation: return "Violation";
  }
  return "Violation";
}

std::optional<Syntax> parse_syntax(std::string_view n) {
  if (n == "turtle" || n == "ttl") return Syntax::Turtle;
  if (n == "ntriples" || n == "nt") return Syntax::NTriples;
  if (n == "nquads" || n == "nq") return Syntax::NQuads;
  if (n == "trig") return Syntax::TriG;
  return std::nullopt;
}

std::optional<Syntax> syntax_of_file(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return std::nullopt;
  return parse_syntax(lower(std::string(path.substr(dot + 1))));
}

std::size_t Report::count(Severity s) const {
  return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [s](const Result& r) { return r.severity == s; }));
}

struct Validator::Impl {
  SordWorld* world = sord_world_new();
  SordModel* data = sord_new(world, SORD_SPO | SORD_POS | SORD_OPS, false);
  SordModel* shapes = sord_new(world, SORD_SPO | SORD_POS | SORD_OPS, false);
  std::vector<SordNode*> owned;  // constant nodes made here
  std::map<Node, std::string> origin;
  std::vector<std::pair<std::string, std::string>> prefixes;  // display prefixes, first wins
  int files = 0;

  std::map<Node, std::unique_ptr<Shape>> shape_cache;
  std::map<Node, NodeSet> superclasses;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<icu::RegexPattern>> regexes;
  int depth = 0;

  Impl() {
    for (const auto& [p, iri] : kKnownPrefixes) prefixes.emplace_back(p, iri);
  }
  ~Impl() {
    for (SordNode* n : owned) sord_node_free(world, n);
    sord_free(data);
    sord_free(shapes);
    sord_world_free(world);
  }

  Node iri(std::string_view ns, std::string_view local) {
    const std::string s = std::string(ns) + std::string(local);
    SordNode* n = sord_new_uri(world, reinterpret_cast<const uint8_t*>(s.c_str()));
    owned.push_back(n);
    return n;
  }
  Node sh(std::string_view local) { return iri(kSh, local); }

  // Constant nodes.
  Node rdf_type = iri(kRdf, "type"), rdf_first = iri(kRdf, "first"), rdf_rest = iri(kRdf, "rest"), rdf_nil = iri(kRdf, "nil");
  Node rdf_lang_string = iri(kRdf, "langString");
  Node rdfs_subclass = iri(kRdfs, "subClassOf"), rdfs_class = iri(kRdfs, "Class");
  Node xsd_string = iri(kXsd, "string"), xsd_boolean = iri(kXsd, "boolean");
  Node sh_node_shape = sh("NodeShape"), sh_property_shape = sh("PropertyShape");
  Node sh_path = sh("path"), sh_inverse = sh("inversePath"), sh_alternative = sh("alternativePath");
  Node sh_zero_or_more = sh("zeroOrMorePath"), sh_one_or_more = sh("oneOrMorePath"), sh_zero_or_one = sh("zeroOrOnePath");
  Node sh_target_class = sh("targetClass"), sh_target_node = sh("targetNode"), sh_target_subjects = sh("targetSubjectsOf"),
       sh_target_objects = sh("targetObjectsOf");
  Node sh_deactivated = sh("deactivated"), sh_severity = sh("severity"), sh_message = sh("message");
  Node sh_violation = sh("Violation"), sh_warning = sh("Warning"), sh_info = sh("Info");
  Node sh_flags = sh("flags"), sh_ignored = sh("ignoredProperties"), sh_property = sh("property");
  Node sh_iri = sh("IRI"), sh_blank = sh("BlankNode"), sh_literal = sh("Literal"), sh_blank_or_iri = sh("BlankNodeOrIRI"),
       sh_blank_or_literal = sh("BlankNodeOrLiteral"), sh_iri_or_literal = sh("IRIOrLiteral");

  // ---- Graph access ----

  NodeSet objects(SordModel* m, Node s, Node p) const {
    Collector out;
    SordIter* it = sord_search(m, s, p, nullptr, nullptr);
    for (; it && !sord_iter_end(it); sord_iter_next(it)) out.add(sord_iter_get_node(it, SORD_OBJECT));
    sord_iter_free(it);
    return std::move(out.items);
  }
  NodeSet subjects(SordModel* m, Node p, Node o) const {
    Collector out;
    SordIter* it = sord_search(m, nullptr, p, o, nullptr);
    for (; it && !sord_iter_end(it); sord_iter_next(it)) out.add(sord_iter_get_node(it, SORD_SUBJECT));
    sord_iter_free(it);
    return std::move(out.items);
  }
  Node object(SordModel* m, Node s, Node p) const {
    NodeSet o = objects(m, s, p);
    return o.empty() ? nullptr : o.front();
  }
  bool has(SordModel* m, Node s, Node p, Node o) const {
    SordQuad q = {s, p, o, nullptr};
    return sord_contains(m, q);
  }

  // An RDF list in the shapes graph; throws on a malformed one.
  NodeSet list(Node head, std::string_view what) const {
    NodeSet items;
    std::set<Node> seen;
    for (Node n = head; n != rdf_nil;) {
      if (!n || !seen.insert(n).second) throw InputError(fmt_shape(what) + ": not a well-formed RDF list");
      Node first = object(shapes, n, rdf_first);
      if (!first) throw InputError(fmt_shape(what) + ": not a well-formed RDF list");
      items.push_back(first);
      n = object(shapes, n, rdf_rest);
    }
    return items;
  }
  std::string fmt_shape(std::string_view what) const { return std::string(what); }

  // ---- Loading ----

  struct Load {
    Impl* impl;
    SordModel* model;
    SerdEnv* env;
    std::string name;
    bool track_origin;
    bool subclass_only;
    std::string error;
  };

  static SerdStatus on_base(void* h, const SerdNode* uri) {
    auto* l = static_cast<Load*>(h);
    return serd_env_set_base_uri(l->env, uri);
  }
  static SerdStatus on_prefix(void* h, const SerdNode* name, const SerdNode* uri) {
    auto* l = static_cast<Load*>(h);
    SerdStatus st = serd_env_set_prefix(l->env, name, uri);
    // Record the expanded namespace for display.
    SerdNode expanded = serd_node_new_uri_from_node(uri, nullptr, nullptr);
    const std::string p(reinterpret_cast<const char*>(name->buf), name->n_bytes);
    const std::string ns(reinterpret_cast<const char*>(expanded.buf), expanded.n_bytes);
    serd_node_free(&expanded);
    auto& prefixes = l->impl->prefixes;
    if (!p.empty() && std::none_of(prefixes.begin(), prefixes.end(), [&](const auto& e) { return e.first == p || e.second == ns; }))
      prefixes.emplace_back(p, ns);
    return st;
  }
  static SerdStatus on_statement(void* h, SerdStatementFlags, const SerdNode*, const SerdNode* s, const SerdNode* p,
                                 const SerdNode* o, const SerdNode* dt, const SerdNode* lang) {
    auto* l = static_cast<Load*>(h);
    SordWorld* w = l->impl->world;
    SordNode* S = sord_node_from_serd_node(w, l->env, s, nullptr, nullptr);
    SordNode* P = sord_node_from_serd_node(w, l->env, p, nullptr, nullptr);
    SordNode* O = sord_node_from_serd_node(w, l->env, o, dt, lang);
    SerdStatus st = SERD_SUCCESS;
    if (!S || !P || !O) {
      if (l->error.empty()) l->error = "a prefixed name or relative IRI could not be expanded";
      st = SERD_ERR_BAD_CURIE;
    } else if (!l->subclass_only || P == l->impl->rdfs_subclass) {
      SordQuad q = {S, P, O, nullptr};
      sord_add(l->model, q);
      if (l->track_origin) {
        l->impl->origin.emplace(S, l->name);
        if (sord_node_get_type(O) != SORD_LITERAL) l->impl->origin.emplace(O, l->name);
      }
    }
    if (S) sord_node_free(w, S);
    if (P) sord_node_free(w, P);
    if (O) sord_node_free(w, O);
    return st;
  }
  static SerdStatus on_error(void* h, const SerdError* e) {
    auto* l = static_cast<Load*>(h);
    char buffer[512];
    va_list args;
    va_copy(args, *e->args);
    std::vsnprintf(buffer, sizeof buffer, e->fmt, args);
    va_end(args);
    std::string message(buffer);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    if (l->error.empty()) l->error = e->line ? std::to_string(e->line) + ":" + std::to_string(e->col) + ": " + message : message;
    return SERD_SUCCESS;
  }

  void load(SordModel* model, const std::string& name, Syntax syntax, std::FILE* file, const std::string* text,
            const std::string& base, bool track_origin, bool subclass_only) {
    SerdSyntax s = SERD_TURTLE;
    switch (syntax) {
      case Syntax::Turtle: s = SERD_TURTLE; break;
      case Syntax::NTriples: s = SERD_NTRIPLES; break;
      case Syntax::NQuads: s = SERD_NQUADS; break;
      case Syntax::TriG: s = SERD_TRIG; break;
    }
    SerdNode base_node = serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base.c_str()));
    Load l{this, model, serd_env_new(base.empty() ? nullptr : &base_node), name, track_origin, subclass_only, {}};
    SerdReader* reader = serd_reader_new(s, &l, nullptr, on_base, on_prefix, on_statement, nullptr);
    serd_reader_set_strict(reader, true);
    serd_reader_set_error_sink(reader, on_error, &l);
    const std::string blank_prefix = "f" + std::to_string(++files) + "_";
    serd_reader_add_blank_prefix(reader, reinterpret_cast<const uint8_t*>(blank_prefix.c_str()));
    SerdStatus st = file ? serd_reader_read_file_handle(reader, file, reinterpret_cast<const uint8_t*>(name.c_str()))
                         : serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(text->c_str()));
    serd_reader_free(reader);
    serd_env_free(l.env);
    if (st != SERD_SUCCESS || !l.error.empty())
      throw InputError(name + ":" + (l.error.empty() ? std::string(" cannot parse the file") : l.error));
  }

  void load_file(SordModel* model, const std::string& path, Syntax syntax, bool track_origin, bool subclass_only) {
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) throw InputError(path + ": cannot open the file (" + std::strerror(errno) + ")");
    std::string base;
    if (path != "-") {
      char* real = ::realpath(path.c_str(), nullptr);
      SerdNode uri = serd_node_new_file_uri(reinterpret_cast<const uint8_t*>(real ? real : path.c_str()), nullptr, nullptr, true);
      base.assign(reinterpret_cast<const char*>(uri.buf), uri.n_bytes);
      serd_node_free(&uri);
      std::free(real);
    }
    try {
      load(model, path, syntax, f, nullptr, base, track_origin, subclass_only);
    } catch (...) {
      if (f != stdin) std::fclose(f);
      throw;
    }
    if (f != stdin) std::fclose(f);
  }

  // ---- Shapes ----

  Path parse_path(Node n, Node shape, int depth_left = 32) {
    if (depth_left == 0) throw InputError(display(shape) + ": sh:path is nested too deep");
    Path p;
    if (is_iri(n)) {
      p.kind = Path::Predicate;
      p.predicate = n;
      return p;
    }
    if (!is_blank(n)) throw InputError(display(shape) + ": sh:path must be an IRI or a blank node");
    if (Node first = object(shapes, n, rdf_first); first) {
      p.kind = Path::Sequence;
      for (Node item : list(n, display(shape) + " sh:path")) p.items.push_back(parse_path(item, shape, depth_left - 1));
      if (p.items.size() < 2) throw InputError(display(shape) + ": a sequence path needs at least two members");
      return p;
    }
    struct Unary {
      Node predicate;
      Path::Kind kind;
    };
    for (const Unary& u : {Unary{sh_inverse, Path::Inverse}, Unary{sh_zero_or_more, Path::ZeroOrMore},
                           Unary{sh_one_or_more, Path::OneOrMore}, Unary{sh_zero_or_one, Path::ZeroOrOne}}) {
      if (Node inner = object(shapes, n, u.predicate); inner) {
        p.kind = u.kind;
        p.items.push_back(parse_path(inner, shape, depth_left - 1));
        return p;
      }
    }
    if (Node alternatives = object(shapes, n, sh_alternative); alternatives) {
      p.kind = Path::Alternative;
      for (Node item : list(alternatives, display(shape) + " sh:alternativePath"))
        p.items.push_back(parse_path(item, shape, depth_left - 1));
      if (p.items.size() < 2) throw InputError(display(shape) + ": an alternative path needs at least two members");
      return p;
    }
    throw InputError(display(shape) + ": sh:path is not a SHACL property path");
  }

  const Shape& shape(Node n) {
    auto it = shape_cache.find(n);
    if (it != shape_cache.end()) return *it->second;
    auto s = std::make_unique<Shape>();
    s->node = n;
    SordIter* i = sord_search(shapes, n, nullptr, nullptr, nullptr);
    for (; i && !sord_iter_end(i); sord_iter_next(i))
      s->parameters.emplace_back(sord_iter_get_node(i, SORD_PREDICATE), sord_iter_get_node(i, SORD_OBJECT));
    sord_iter_free(i);
    NodeSet paths = objects(shapes, n, sh_path);
    if (paths.size() > 1) throw InputError(display(n) + ": a shape has at most one sh:path");
    if (!paths.empty()) {
      s->property = true;
      s->path_node = paths.front();
      s->path = parse_path(paths.front(), n);
    }
    Node deactivated = object(shapes, n, sh_deactivated);
    s->deactivated = deactivated && str(deactivated) == "true";
    if (Node sev = object(shapes, n, sh_severity); sev)
      s->severity = sev == sh_warning ? Severity::Warning : sev == sh_info ? Severity::Info : Severity::Violation;
    s->messages = objects(shapes, n, sh_message);
    return *shape_cache.emplace(n, std::move(s)).first->second;
  }

  // ---- Classes ----

  const NodeSet& supers(Node cls) {
    auto it = superclasses.find(cls);
    if (it != superclasses.end()) return it->second;
    NodeSet out{cls};
    for (std::size_t i = 0; i < out.size(); ++i)
      for (Node s : objects(data, out[i], rdfs_subclass)) add_unique(out, s);
    return superclasses.emplace(cls, std::move(out)).first->second;
  }
  bool instance_of(Node n, Node cls) {
    if (is_literal(n)) return false;
    for (Node t : objects(data, n, rdf_type)) {
      const NodeSet& s = supers(t);
      if (std::find(s.begin(), s.end(), cls) != s.end()) return true;
    }
    return false;
  }
  NodeSet instances(Node cls) {
    NodeSet classes{cls};
    Collector out;
    for (std::size_t i = 0; i < classes.size(); ++i)
      for (Node sub : subjects(data, rdfs_subclass, classes[i])) add_unique(classes, sub);
    for (Node c : classes)
      for (Node s : subjects(data, rdf_type, c)) out.add(s);
    return std::move(out.items);
  }

  // ---- Paths ----

  NodeSet eval(const Path& p, Node focus) {
    NodeSet out;
    switch (p.kind) {
      case Path::Predicate: return objects(data, focus, p.predicate);
      case Path::Inverse: {
        if (p.items[0].kind == Path::Predicate) return subjects(data, p.items[0].predicate, focus);
        return inverse(p.items[0], focus);
      }
      case Path::Sequence: {
        NodeSet current{focus};
        for (const Path& step : p.items) {
          Collector next;
          for (Node n : current)
            for (Node m : eval(step, n)) next.add(m);
          current = std::move(next.items);
        }
        return current;
      }
      case Path::Alternative:
        for (const Path& alt : p.items)
          for (Node m : eval(alt, focus)) add_unique(out, m);
        return out;
      case Path::ZeroOrOne:
        out.push_back(focus);
        for (Node m : eval(p.items[0], focus)) add_unique(out, m);
        return out;
      case Path::ZeroOrMore:
      case Path::OneOrMore: {
        NodeSet frontier = eval(p.items[0], focus);
        if (p.kind == Path::ZeroOrMore) out.push_back(focus);
        for (std::size_t i = 0; i < frontier.size(); ++i) {
          if (std::find(out.begin(), out.end(), frontier[i]) != out.end()) continue;
          out.push_back(frontier[i]);
          for (Node m : eval(p.items[0], frontier[i])) add_unique(frontier, m);
        }
        return out;
      }
    }
    return out;
  }

  // The nodes from which `p` reaches `focus`: all candidate nodes of the data graph tried.
  NodeSet inverse(const Path& p, Node focus) {
    NodeSet out;
    std::set<Node> candidates;
    SordIter* it = sord_begin(data);
    for (; it && !sord_iter_end(it); sord_iter_next(it)) {
      candidates.insert(sord_iter_get_node(it, SORD_SUBJECT));
      candidates.insert(sord_iter_get_node(it, SORD_OBJECT));
    }
    sord_iter_free(it);
    for (Node c : candidates) {
      NodeSet reach = eval(p, c);
      if (std::find(reach.begin(), reach.end(), focus) != reach.end()) out.push_back(c);
    }
    return out;
  }

  // ---- Literals ----

  Node datatype_of(Node n) const {
    if (!is_literal(n)) return nullptr;
    if (Node dt = sord_node_get_datatype(n)) return dt;
    return lang_of(n).empty() ? xsd_string : rdf_lang_string;
  }

  Order compare(Node a, Node b) const {
    if (!is_literal(a) || !is_literal(b)) return Order::Incomparable;
    const std::string da = str(datatype_of(a)), db = str(datatype_of(b));
    const std::string la = str(a), lb = str(b);
    if (is_numeric_type(da) && is_numeric_type(db)) {
      if (!well_formed(la, da) || !well_formed(lb, db) || la == "NaN" || lb == "NaN") return Order::Incomparable;
      const long double x = std::strtold(la.c_str(), nullptr), y = std::strtold(lb.c_str(), nullptr);
      return x < y ? Order::Less : x > y ? Order::Greater : Order::Equal;
    }
    const bool temporal = da == db && (da == std::string(kXsd) + "date" || da == std::string(kXsd) + "dateTime" ||
                                       da == std::string(kXsd) + "gYear" || da == std::string(kXsd) + "gYearMonth" ||
                                       da == std::string(kXsd) + "time");
    const bool strings = da == db && da == std::string(kXsd) + "string";
    if (temporal || strings) {
      if (temporal && !well_formed(la, da)) return Order::Incomparable;
      if (temporal && !well_formed(lb, db)) return Order::Incomparable;
      const int c = la.compare(lb);
      return c < 0 ? Order::Less : c > 0 ? Order::Greater : Order::Equal;
    }
    return Order::Incomparable;
  }

  bool node_kind_matches(Node v, Node kind) const {
    const bool i = is_iri(v), b = is_blank(v), l = is_literal(v);
    if (kind == sh_iri) return i;
    if (kind == sh_blank) return b;
    if (kind == sh_literal) return l;
    if (kind == sh_blank_or_iri) return b || i;
    if (kind == sh_blank_or_literal) return b || l;
    if (kind == sh_iri_or_literal) return i || l;
    return false;
  }

  bool pattern_matches(Node v, const std::string& pattern, const std::string& flags, Node shape_node) {
    if (is_blank(v)) return false;
    auto key = std::make_pair(pattern, flags);
    auto it = regexes.find(key);
    if (it == regexes.end()) {
      uint32_t f = 0;
      for (char c : flags) {
        if (c == 'i') f |= UREGEX_CASE_INSENSITIVE;
        if (c == 'm') f |= UREGEX_MULTILINE;
        if (c == 's') f |= UREGEX_DOTALL;
        if (c == 'x') f |= UREGEX_COMMENTS;
        if (c == 'q') f |= UREGEX_LITERAL;
      }
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error;
      std::unique_ptr<icu::RegexPattern> compiled(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), f, parse_error, status));
      if (U_FAILURE(status)) throw InputError(display(shape_node) + ": sh:pattern '" + pattern + "' is not a valid regular expression");
      it = regexes.emplace(key, std::move(compiled)).first;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString subject = icu::UnicodeString::fromUTF8(str(v));
    std::unique_ptr<icu::RegexMatcher> matcher(it->second->matcher(subject, status));
    if (U_FAILURE(status)) return false;
    const bool found = matcher->find(status);
    return U_SUCCESS(status) && found;
  }

  static bool language_matches(const std::string& tag, const std::string& range) {
    const std::string t = lower(tag), r = lower(range);
    if (r == "*") return !t.empty();
    return t == r || (t.size() > r.size() && t.compare(0, r.size(), r) == 0 && t[r.size()] == '-');
  }

  // ---- Validation ----

  struct Context {
    const Shape* shape;
    Node focus;
    std::vector<Result>* out;
  };

  void report(const Context& c, Node component, Node value, std::string default_message, Node path = nullptr) {
    Result r;
    r.focus = c.focus;
    r.path = path ? path : c.shape->path_node;
    r.value = value;
    r.shape = c.shape->node;
    r.component = component;
    r.severity = c.shape->severity;
    r.messages = c.shape->messages;
    r.default_message = std::move(default_message);
    c.out->push_back(std::move(r));
  }

  bool conforms(Node focus, Node shape_node) {
    std::vector<Result> results;
    validate_shape(shape(shape_node), focus, results);
    return results.empty();
  }

  std::string count_word(std::size_t n, std::string_view one) { return std::to_string(n) + " " + std::string(one) + (n == 1 ? "" : "s"); }

  void validate_shape(const Shape& s, Node focus, std::vector<Result>& out) {
    if (s.deactivated) return;
    if (++depth > 64) {
      --depth;
      throw InputError(display(s.node) + ": shapes refer to each other in a cycle");
    }
    struct DepthGuard {
      int& d;
      ~DepthGuard() { --d; }
    } guard{depth};
    const NodeSet values = s.property ? eval(s.path, focus) : NodeSet{focus};
    Context c{&s, focus, &out};
    std::string flags;
    for (const auto& [p, o] : s.parameters)
      if (p == sh_flags) flags = str(o);
    for (const auto& [p, o] : s.parameters) {
      const std::string param = str(p);
      if (param.compare(0, kSh.size(), kSh) != 0) continue;
      const std::string local = param.substr(kSh.size());
      if (local == "class") {
        for (Node v : values)
          if (!instance_of(v, o)) report(c, sh("ClassConstraintComponent"), v, "value is not an instance of " + display(o));
      } else if (local == "datatype") {
        for (Node v : values)
          if (datatype_of(v) != o || !well_formed(str(v), str(o)))
            report(c, sh("DatatypeConstraintComponent"), v, "value is not a well-formed literal of datatype " + display(o));
      } else if (local == "nodeKind") {
        for (Node v : values)
          if (!node_kind_matches(v, o)) report(c, sh("NodeKindConstraintComponent"), v, "value is not of node kind " + display(o));
      } else if (local == "minCount" && s.property) {
        const std::size_t n = std::strtoul(str(o).c_str(), nullptr, 10);
        if (values.size() < n)
          report(c, sh("MinCountConstraintComponent"), nullptr, "has " + std::to_string(values.size()) + ", fewer than " + count_word(n, "value"));
      } else if (local == "maxCount" && s.property) {
        const std::size_t n = std::strtoul(str(o).c_str(), nullptr, 10);
        if (values.size() > n)
          report(c, sh("MaxCountConstraintComponent"), nullptr, "has " + std::to_string(values.size()) + ", more than " + count_word(n, "value"));
      } else if (local == "minInclusive" || local == "minExclusive" || local == "maxInclusive" || local == "maxExclusive") {
        for (Node v : values) {
          const Order ord = compare(v, o);
          bool ok = false;
          if (local == "minInclusive") ok = ord == Order::Greater || ord == Order::Equal;
          if (local == "minExclusive") ok = ord == Order::Greater;
          if (local == "maxInclusive") ok = ord == Order::Less || ord == Order::Equal;
          if (local == "maxExclusive") ok = ord == Order::Less;
          std::string component = local;
          component[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(component[0])));
          if (!ok) report(c, sh(component + "ConstraintComponent"), v, "value is not within " + local + " " + display(o));
        }
      } else if (local == "minLength" || local == "maxLength") {
        const std::size_t n = std::strtoul(str(o).c_str(), nullptr, 10);
        for (Node v : values) {
          const std::size_t len = code_points(str(v));
          const bool ok = !is_blank(v) && (local == "minLength" ? len >= n : len <= n);
          if (!ok)
            report(c, sh(local == "minLength" ? "MinLengthConstraintComponent" : "MaxLengthConstraintComponent"), v,
                   "value's length is not within " + local + " " + std::to_string(n));
        }
      } else if (local == "pattern") {
        for (Node v : values)
          if (!pattern_matches(v, str(o), flags, s.node))
            report(c, sh("PatternConstraintComponent"), v, "value does not match the pattern " + str(o));
      } else if (local == "languageIn") {
        NodeSet ranges = list(o, display(s.node) + " sh:languageIn");
        for (Node v : values) {
          const std::string tag = lang_of(v);
          bool ok = !tag.empty() && std::any_of(ranges.begin(), ranges.end(), [&](Node r) { return language_matches(tag, str(r)); });
          if (!ok) report(c, sh("LanguageInConstraintComponent"), v, "value's language tag is not among the allowed ones");
        }
      } else if (local == "uniqueLang" && s.property && str(o) == "true") {
        std::map<std::string, int> seen;
        for (Node v : values)
          if (!lang_of(v).empty()) ++seen[lower(lang_of(v))];
        for (const auto& [tag, n] : seen)
          if (n > 1) report(c, sh("UniqueLangConstraintComponent"), nullptr, "more than one value with language tag " + tag);
      } else if (local == "equals" || local == "disjoint" || local == "lessThan" || local == "lessThanOrEquals") {
        const NodeSet others = objects(data, focus, o);
        auto in = [](const NodeSet& set, Node n) { return std::find(set.begin(), set.end(), n) != set.end(); };
        if (local == "equals") {
          for (Node v : values)
            if (!in(others, v)) report(c, sh("EqualsConstraintComponent"), v, "value is not a value of " + display(o));
          for (Node w : others)
            if (!in(values, w)) report(c, sh("EqualsConstraintComponent"), w, "value of " + display(o) + " is not a value here");
        } else if (local == "disjoint") {
          for (Node v : values)
            if (in(others, v)) report(c, sh("DisjointConstraintComponent"), v, "value is also a value of " + display(o));
        } else {
          const bool strict = local == "lessThan";
          for (Node v : values)
            for (Node w : others) {
              const Order ord = compare(v, w);
              if (!(ord == Order::Less || (!strict && ord == Order::Equal)))
                report(c, sh(strict ? "LessThanConstraintComponent" : "LessThanOrEqualsConstraintComponent"), v,
                       "value is not " + std::string(strict ? "less than " : "less than or equal to ") + display(w) + " (" +
                           display(o) + ")");
            }
        }
      } else if (local == "not") {
        for (Node v : values)
          if (conforms(v, o)) report(c, sh("NotConstraintComponent"), v, "value conforms to a shape it must not conform to");
      } else if (local == "and" || local == "or" || local == "xone") {
        NodeSet members = list(o, display(s.node) + " sh:" + local);
        for (Node v : values) {
          std::size_t ok = 0;
          for (Node m : members)
            if (conforms(v, m)) ++ok;
          if (local == "and" && ok != members.size())
            report(c, sh("AndConstraintComponent"), v, "value does not conform to all of the shapes of sh:and");
          if (local == "or" && ok == 0) report(c, sh("OrConstraintComponent"), v, "value conforms to none of the shapes of sh:or");
          if (local == "xone" && ok != 1)
            report(c, sh("XoneConstraintComponent"), v, "value conforms to " + std::to_string(ok) + " of the shapes of sh:xone, not exactly one");
        }
      } else if (local == "node") {
        for (Node v : values)
          if (!conforms(v, o)) report(c, sh("NodeConstraintComponent"), v, "value does not conform to the shape " + display(o));
      } else if (local == "property") {
        for (Node v : values) validate_shape(shape(o), v, out);
      } else if (local == "hasValue") {
        if (std::find(values.begin(), values.end(), o) == values.end())
          report(c, sh("HasValueConstraintComponent"), nullptr, "missing the value " + display(o));
      } else if (local == "in") {
        NodeSet allowed = list(o, display(s.node) + " sh:in");
        for (Node v : values)
          if (std::find(allowed.begin(), allowed.end(), v) == allowed.end())
            report(c, sh("InConstraintComponent"), v, "value is not one of the allowed values");
      } else if (local == "closed" && !s.property && str(o) == "true") {
        NodeSet allowed;
        for (Node prop : objects(shapes, s.node, sh_property))
          if (Node path = object(shapes, prop, sh_path); is_iri(path)) add_unique(allowed, path);
        if (Node ignored = object(shapes, s.node, sh_ignored))
          for (Node i : list(ignored, display(s.node) + " sh:ignoredProperties")) add_unique(allowed, i);
        SordIter* it = sord_search(data, focus, nullptr, nullptr, nullptr);
        for (; it && !sord_iter_end(it); sord_iter_next(it)) {
          Node pred = sord_iter_get_node(it, SORD_PREDICATE);
          if (std::find(allowed.begin(), allowed.end(), pred) == allowed.end())
            report(c, sh("ClosedConstraintComponent"), sord_iter_get_node(it, SORD_OBJECT),
                   "property " + display(pred) + " is not allowed by the closed shape", pred);
        }
        sord_iter_free(it);
      }
    }
  }

  NodeSet targets(const Shape& s) {
    Collector out;
    for (const auto& [p, o] : s.parameters) {
      if (p == sh_target_class) {
        for (Node n : instances(o)) out.add(n);
      } else if (p == sh_target_node) {
        out.add(o);
      } else if (p == sh_target_subjects) {
        for (Node n : subjects(data, o, nullptr)) out.add(n);
      } else if (p == sh_target_objects) {
        for (Node n : objects(data, nullptr, o)) out.add(n);
      }
    }
    // Implicit class target: a shape that is also a class.
    const bool is_shape = has(shapes, s.node, rdf_type, sh_node_shape) || has(shapes, s.node, rdf_type, sh_property_shape);
    if (is_shape && has(shapes, s.node, rdf_type, rdfs_class))
      for (Node n : instances(s.node)) out.add(n);
    return std::move(out.items);
  }

  // ---- Display ----

  std::string display(Node n) const {
    if (!n) return "";
    const std::string s = str(n);
    if (is_blank(n)) return "_:" + s;
    if (is_iri(n)) return compact_iri(s);
    std::string lexical = s;
    if (code_points(lexical) > 60) {
      std::size_t bytes = 0, cps = 0;
      while (bytes < lexical.size() && cps < 57) {
        ++bytes;
        while (bytes < lexical.size() && (static_cast<unsigned char>(lexical[bytes]) & 0xC0) == 0x80) ++bytes;
        ++cps;
      }
      lexical = lexical.substr(0, bytes) + "...";
    }
    std::string escaped;
    for (char ch : lexical) {
      if (ch == '"' || ch == '\\') escaped += '\\';
      if (ch == '\n') {
        escaped += "\\n";
        continue;
      }
      escaped += ch;
    }
    std::string out = "\"" + escaped + "\"";
    if (!lang_of(n).empty()) return out + "@" + lang_of(n);
    if (Node dt = sord_node_get_datatype(n)) return out + "^^" + compact_iri(str(dt));
    return out;
  }

  std::string compact_iri(const std::string& iri) const {
    for (const auto& [p, ns] : prefixes) {
      if (iri.size() <= ns.size() || iri.compare(0, ns.size(), ns) != 0) continue;
      const std::string local = iri.substr(ns.size());
      const bool simple = std::all_of(local.begin(), local.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
      });
      if (simple && std::isalpha(static_cast<unsigned char>(local[0]))) return p + ":" + local;
    }
    return "<" + iri + ">";
  }

  std::string display_path(const Path& p) const {
    auto wrap = [&](const Path& inner) {
      std::string s = display_path(inner);
      return inner.kind == Path::Sequence || inner.kind == Path::Alternative ? "(" + s + ")" : s;
    };
    switch (p.kind) {
      case Path::Predicate: return display(p.predicate);
      case Path::Inverse: return "^" + wrap(p.items[0]);
      case Path::ZeroOrMore: return wrap(p.items[0]) + "*";
      case Path::OneOrMore: return wrap(p.items[0]) + "+";
      case Path::ZeroOrOne: return wrap(p.items[0]) + "?";
      case Path::Sequence:
      case Path::Alternative: {
        std::string s;
        for (const Path& item : p.items) s += (s.empty() ? "" : p.kind == Path::Sequence ? "/" : "|") + wrap(item);
        return s;
      }
    }
    return "";
  }

  std::string result_path(const Result& r) const {
    if (!r.path) return "";
    auto it = shape_cache.find(r.shape);
    if (it != shape_cache.end() && it->second->path_node == r.path) return display_path(it->second->path);
    return display(r.path);
  }

  std::string message(const Result& r) const {
    Node best = nullptr;
    for (Node m : r.messages) {
      const std::string tag = lower(lang_of(m));
      if (tag == "en" || tag.rfind("en-", 0) == 0) {
        best = m;
        break;
      }
      if (!best && tag.empty()) best = m;
    }
    if (!best && !r.messages.empty()) best = r.messages.front();
    return best ? str(best) : r.default_message;
  }
};

Validator::Validator() : impl_(std::make_unique<Impl>()) {}
Validator::~Validator() = default;

void Validator::add_data_file(const std::string& path, std::optional<Syntax> syntax) {
  impl_->load_file(impl_->data, path, syntax ? *syntax : syntax_of_file(path).value_or(Syntax::Turtle), true, false);
}
void Validator::add_data(const std::string& text, Syntax syntax, const std::string& name) {
  impl_->load(impl_->data, name, syntax, nullptr, &text, "", true, false);
}
void Validator::add_ontology_file(const std::string& path) {
  impl_->load_file(impl_->data, path, syntax_of_file(path).value_or(Syntax::Turtle), false, true);
}
void Validator::add_shapes_file(const std::string& path) {
  impl_->load_file(impl_->shapes, path, syntax_of_file(path).value_or(Syntax::Turtle), false, false);
}
void Validator::add_shapes(const std::string& text, Syntax syntax, const std::string& name) {
  impl_->load(impl_->shapes, name, syntax, nullptr, &text, "", false, false);
}
std::size_t Validator::data_triples() const { return sord_num_quads(impl_->data); }
std::size_t Validator::shapes_triples() const { return sord_num_quads(impl_->shapes); }

Report Validator::validate() {
  Impl& m = *impl_;
  m.superclasses.clear();
  // Shapes with targets: subjects of the target predicates, and shapes that are classes.
  NodeSet roots;
  for (Node p : {m.sh_target_class, m.sh_target_node, m.sh_target_subjects, m.sh_target_objects})
    for (Node s : m.subjects(m.shapes, p, nullptr)) add_unique(roots, s);
  for (Node s : m.subjects(m.shapes, m.rdf_type, m.rdfs_class))
    if (m.has(m.shapes, s, m.rdf_type, m.sh_node_shape) || m.has(m.shapes, s, m.rdf_type, m.sh_property_shape)) add_unique(roots, s);
  Report report;
  for (Node root : roots) {
    const Shape& s = m.shape(root);
    if (s.deactivated) continue;
    for (Node focus : m.targets(s)) m.validate_shape(s, focus, report.results);
  }
  // Sorted, and without exact duplicates (one shape reached twice from the same focus node).
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;
  auto key = [&](const Result& r) {
    return Key{file_of(r.focus), m.display(r.focus), m.result_path(r), m.display(r.component), m.display(r.value), m.display(r.shape)};
  };
  std::vector<std::pair<Key, Result>> keyed;
  for (Result& r : report.results) keyed.emplace_back(key(r), std::move(r));
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  keyed.erase(std::unique(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), keyed.end());
  report.results.clear();
  for (auto& [k, r] : keyed) report.results.push_back(std::move(r));
  return report;
}

std::string Validator::file_of(Node n) const {
  auto it = impl_->origin.find(n);
  return it == impl_->origin.end() ? std::string() : it->second;
}
std::string Validator::display(Node n) const { return impl_->display(n); }
std::string Validator::display_path(const Result& r) const { return impl_->result_path(r); }
std::string Validator::message(const Result& r) const { return impl_->message(r); }

std::string Validator::report_text(const Report& report) const {
  std::string out;
  for (const Result& r : report.results) {
    const std::string file = file_of(r.focus);
    out += (file.empty() ? std::string("-") : file) + ": " + display(r.focus);
    const std::string path = display_path(r);
    if (!path.empty()) out += " " + path;
    out += ": " + message(r) + " [" + std::string(name(r.severity));
    if (r.value) out += "; value " + display(r.value);
    std::string component = display(r.component);
    if (component.rfind("sh:", 0) == 0) component = component.substr(3);
    out += "; " + component + "]\n";
  }
  const std::size_t v = report.count(Severity::Violation), w = report.count(Severity::Warning), i = report.count(Severity::Info);
  if (report.conforms())
    out += "conforms: " + std::to_string(data_triples()) + " triples, no results\n";
  else
    out += "does not conform: " + std::to_string(v) + " violation" + (v == 1 ? "" : "s") + ", " + std::to_string(w) + " warning" +
           (w == 1 ? "" : "s") + ", " + std::to_string(i) + " info" + (i == 1 ? "" : "s") + "\n";
  return out;
}

namespace {

struct TurtleOut {
  SerdEnv* env = nullptr;
  SerdWriter* writer = nullptr;
  std::string text;
  static size_t sink(const void* buf, size_t len, void* stream) {
    static_cast<TurtleOut*>(stream)->text.append(static_cast<const char*>(buf), len);
    return len;
  }
};

}  // namespace

std::string Validator::report_turtle(const Report& report) const {
  const Impl& m = *impl_;
  TurtleOut t;
  t.env = serd_env_new(nullptr);
  t.writer = serd_writer_new(SERD_TURTLE, static_cast<SerdStyle>(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED), t.env, nullptr,
                             TurtleOut::sink, &t);
  for (const auto& [p, ns] : m.prefixes) {
    SerdNode name = serd_node_from_substring(SERD_LITERAL, reinterpret_cast<const uint8_t*>(p.data()), p.size());
    SerdNode uri = serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(ns.data()), ns.size());
    serd_env_set_prefix(t.env, &name, &uri);
    serd_writer_set_prefix(t.writer, &name, &uri);
  }
  // Nodes as Serd nodes; blank nodes of the data and shapes graphs keep distinct labels.
  struct Term {
    SerdNode node{}, datatype{}, lang{};
    std::string value, dt, language;
  };
  auto term = [&](Node n, std::string_view blank_prefix) {
    Term out;
    out.value = str(n);
    if (is_blank(n)) out.value = std::string(blank_prefix) + out.value;
    if (is_literal(n)) {
      if (Node dt = sord_node_get_datatype(n)) out.dt = str(dt);
      out.language = lang_of(n);
    }
    return out;
  };
  auto finish = [](Term& tm, SerdType type) {
    tm.node = serd_node_from_substring(type, reinterpret_cast<const uint8_t*>(tm.value.data()), tm.value.size());
    tm.datatype = serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(tm.dt.data()), tm.dt.size());
    tm.lang = serd_node_from_substring(SERD_LITERAL, reinterpret_cast<const uint8_t*>(tm.language.data()), tm.language.size());
  };
  auto node_type = [](Node n) { return is_iri(n) ? SERD_URI : is_blank(n) ? SERD_BLANK : SERD_LITERAL; };
  auto emit = [&](Term s, SerdType st, const std::string& p, Term o, SerdType ot) {
    finish(s, st);
    Term pt;
    pt.value = p;
    finish(pt, SERD_URI);
    finish(o, ot);
    serd_writer_write_statement(t.writer, 0, nullptr, &s.node, &pt.node, &o.node, o.dt.empty() ? nullptr : &o.datatype,
                                o.language.empty() ? nullptr : &o.lang);
  };
  auto named = [](std::string v) {
    Term x;
    x.value = std::move(v);
    return x;
  };
  auto typed = [](std::string v, std::string dt) {
    Term x;
    x.value = std::move(v);
    x.dt = std::move(dt);
    return x;
  };
  const std::string sh(kSh), rdf_type = std::string(kRdf) + "type";
  emit(named("report"), SERD_BLANK, rdf_type, named(sh + "ValidationReport"), SERD_URI);
  emit(named("report"), SERD_BLANK, sh + "conforms", typed(report.conforms() ? "true" : "false", std::string(kXsd) + "boolean"), SERD_LITERAL);
  std::set<Node> copied;
  // Copies a path structure of the shapes graph into the report.
  std::function<void(Node)> copy_path = [&](Node n) {
    if (!is_blank(n) || !copied.insert(n).second) return;
    SordIter* it = sord_search(m.shapes, n, nullptr, nullptr, nullptr);
    std::vector<std::pair<Node, Node>> triples;
    for (; it && !sord_iter_end(it); sord_iter_next(it))
      triples.emplace_back(sord_iter_get_node(it, SORD_PREDICATE), sord_iter_get_node(it, SORD_OBJECT));
    sord_iter_free(it);
    for (const auto& [p, o] : triples) {
      emit(term(n, "shapes_"), SERD_BLANK, str(p), term(o, "shapes_"), node_type(o));
      copy_path(o);
    }
  };
  int index = 0;
  for (const Result& r : report.results) {
    const std::string id = "result" + std::to_string(++index);
    emit(named("report"), SERD_BLANK, sh + "result", named(id), SERD_BLANK);
    emit(named(id), SERD_BLANK, rdf_type, named(sh + "ValidationResult"), SERD_URI);
    emit(named(id), SERD_BLANK, sh + "focusNode", term(r.focus, "data_"), node_type(r.focus));
    if (r.path) {
      const bool from_shapes = m.shape_cache.count(r.shape) && m.shape_cache.at(r.shape)->path_node == r.path;
      emit(named(id), SERD_BLANK, sh + "resultPath", term(r.path, from_shapes ? "shapes_" : "data_"), node_type(r.path));
      if (from_shapes) copy_path(r.path);
    }
    if (r.value) emit(named(id), SERD_BLANK, sh + "value", term(r.value, "data_"), node_type(r.value));
    emit(named(id), SERD_BLANK, sh + "sourceShape", term(r.shape, "shapes_"), node_type(r.shape));
    emit(named(id), SERD_BLANK, sh + "sourceConstraintComponent", term(r.component, ""), SERD_URI);
    emit(named(id), SERD_BLANK, sh + "resultSeverity", named(sh + std::string(name(r.severity))), SERD_URI);
    if (r.messages.empty())
      emit(named(id), SERD_BLANK, sh + "resultMessage", named(r.default_message), SERD_LITERAL);
    for (Node msg : r.messages) emit(named(id), SERD_BLANK, sh + "resultMessage", term(msg, ""), SERD_LITERAL);
  }
  serd_writer_finish(t.writer);
  serd_writer_free(t.writer);
  serd_env_free(t.env);
  return t.text;
}

}  // namespace newskg::validation
