// Scoring a graph against gold facts: the matching rule of tools/kgscore.py (schema in the
// gold README), in C++ over Sord. Depends on the model's vocabulary only; it never extracts
// nor writes RDF itself (the command line wires those in).
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newskg::evaluation {

// A gold file or graph that cannot be used; what() reads "FILE[:LINE[:COLUMN]]: what is wrong".
class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The actor-name normaliser of kgscore: NFKC, lowercase, ’ -> ', no '.' or '-', no leading
// "the ", whitespace runs collapsed to one space and trimmed.
std::string normalize_name(std::string_view name);

// ---------------------------------------------------------------- gold files

struct GoldActor {
  std::string name;
  std::vector<std::string> aliases;
  std::string iso3;                        // empty when absent
  std::optional<std::string> affiliation;  // a gold actor's name
};

struct GoldFact {
  std::string kind;  // Allegation, Denial, Confirmation, Agreement, Aid (others are ignored)
  // Role lists; empty (or absent) is a wildcard.
  std::vector<std::string> claimant, denier, confirmer, accused, parties, provider, recipient;
  std::optional<std::string> act, type, status, when, aid_type;
  std::string sentence;
};

struct Gold {
  std::string path;
  std::string doc;  // the "id" as kgscore prints it ("None" when absent)
  std::optional<std::string> published;
  std::vector<GoldActor> actors;
  std::vector<GoldFact> facts;
};

// Parses a gold file's JSON (simdjson); `path` names it in errors. Throws EvalError, with the
// line and column of the first syntax error.
Gold parse_gold(std::string_view json, const std::string& path);
Gold read_gold(const std::string& path);

// ---------------------------------------------------------------- graphs

enum class GraphSyntax { Turtle, NTriples, NQuads, TriG };

// By extension: .ttl, .nt, .nq, .trig; nullopt for anything else.
std::optional<GraphSyntax> graph_syntax_for(std::string_view path);

// An RDF graph read with Serd into a Sord model (graph names are ignored). Terms are seen as
// kgscore sees them, by their text: an IRI as itself, a blank node as "_:label", a literal as
// its lexical form; where a property has several values, the first one read comes first.
class Graph {
 public:
  static Graph read_file(const std::string& path, GraphSyntax syntax);
  // Reads an open stream to its end; `name` names it in errors.
  static Graph read_stream(std::FILE* stream, GraphSyntax syntax, const std::string& name);
  static Graph parse(std::string_view text, GraphSyntax syntax, const std::string& name = "(string)");

  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  ~Graph();

  std::size_t size() const;  // statements stored
  std::vector<std::string> objects(std::string_view subject, std::string_view predicate) const;
  std::optional<std::string> object(std::string_view subject, std::string_view predicate) const;
  // rdf:type closed over the rdfs:subClassOf statements of the same graph.
  bool has_type(std::string_view subject, std::string_view cls) const;
  std::vector<std::string> instances(std::string_view cls) const;  // sorted
  std::vector<std::string> subjects_with(std::string_view predicate) const;  // sorted, distinct

 private:
  struct Impl;
  static std::unique_ptr<Impl> with_file_base(const std::string& path, GraphSyntax);
  explicit Graph(std::unique_ptr<Impl>);
  static Graph read_stream(std::unique_ptr<Impl>, std::FILE*, GraphSyntax, const std::string&);
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------- matching

// Maximum bipartite matching by augmenting paths, golds tried in order, each gold's candidates
// in increasing index: the assignment kgscore finds. Returns gold index -> system index.
std::map<std::size_t, std::size_t> max_matching(std::size_t golds, std::size_t systems,
                                                const std::function<bool(std::size_t, std::size_t)>& ok);

inline constexpr std::string_view kKinds[] = {"Allegation", "Denial", "Confirmation", "Agreement", "Aid"};

struct KindScore {
  std::size_t gold = 0, system = 0, matched = 0, strict = 0;
  double precision() const;
  double recall() const;
  double f1() const;
  double strict_f1() const;
};

struct Secondary {
  std::string name;  // "aidType", "aid status", "agreement status", "agreement date"
  std::size_t right = 0, of = 0;
};

struct Miss {
  std::string doc;
  bool missed = true;  // false: spurious
  std::string kind;
  std::string text;  // missed: the gold sentence (90 characters); spurious: the evidence's anchorOf
  std::string node;  // spurious: the fact's IRI
};

// Scores (gold, graph) pairs one by one and sums the counts (micro average).
class Scorer {
 public:
  Scorer();
  void add(const Gold& gold, const Graph& graph);

  const KindScore& kind(std::string_view kind) const;  // one of kKinds
  KindScore total() const;
  const std::vector<Secondary>& secondary() const { return secondary_; }
  std::size_t spans() const { return spans_; }
  std::size_t bad_spans() const { return bad_spans_; }
  std::size_t facts_without_evidence() const { return no_evidence_; }
  const std::vector<Miss>& misses() const { return misses_; }
  double f1() const { return total().f1(); }

  // kgscore's table, line by line (without the final F1= line); with the misses unless quiet.
  std::vector<std::string> table(bool quiet) const;
  // kgscore's --json document (json.dumps(result, indent=1)), without a final newline.
  std::string json() const;

 private:
  Secondary& secondary(std::string_view name);
  std::map<std::string, KindScore, std::less<>> kinds_;
  std::vector<Secondary> secondary_;  // in kgscore's order: first counted, first printed
  std::size_t spans_ = 0, bad_spans_ = 0, no_evidence_ = 0;
  std::vector<Miss> misses_;
};

// "F1=0.857": the last line both kgscore and `newskg eval` print.
std::string f1_line(double f1);

}  // namespace newskg::evaluation
