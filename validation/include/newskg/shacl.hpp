// A SHACL Core validator over Sord (https://www.w3.org/TR/shacl/).
//
// Data files of any RDF syntax Serd reads are merged into one data graph (the union of their
// triples; named graphs are flattened). An ontology contributes its rdfs:subClassOf triples to
// that graph, so sh:targetClass and sh:class see instances of subclasses. Shapes come from one
// or more shapes files. Depends on Serd, Sord and ICU only.
//
// Supported: targets sh:targetClass (with rdfs:subClassOf*), implicit class targets,
// sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf; paths: predicate, sh:inverse,
// sequence, sh:alternativePath, sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath;
// constraints sh:class, sh:datatype (with lexical well-formedness of the common XSD types),
// sh:nodeKind, sh:minCount, sh:maxCount, sh:minInclusive, sh:maxInclusive, sh:minExclusive,
// sh:maxExclusive, sh:minLength, sh:maxLength, sh:pattern (+ sh:flags), sh:languageIn,
// sh:uniqueLang, sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals, sh:not, sh:and,
// sh:or, sh:xone, sh:node, sh:property, sh:hasValue, sh:in, sh:closed (+ sh:ignoredProperties);
// sh:severity, sh:message, sh:deactivated. Not supported: sh:qualifiedValueShape and SHACL-SPARQL.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct SordNodeImpl;  // Sord's node type (SordNode)

namespace newskg::validation {

enum class Syntax { Turtle, NTriples, NQuads, TriG };

// "turtle"/"ttl", "ntriples"/"nt", "nquads"/"nq", "trig".
std::optional<Syntax> parse_syntax(std::string_view name);
// The syntax a file name implies by its extension (.ttl .nt .nq .trig); nullopt otherwise.
std::optional<Syntax> syntax_of_file(std::string_view path);

// Unusable input: a file that cannot be read or parsed, or a shapes graph the validator
// cannot use (a malformed path or list). The message names the file or the shape.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Severity { Info, Warning, Violation };
std::string_view name(Severity);  // "Info", "Warning", "Violation"

using Node = const SordNodeImpl*;  // valid while the Validator that made it lives

// One sh:ValidationResult.
struct Result {
  Node focus = nullptr;
  Node path = nullptr;          // the sh:path node (in the shapes graph), or a data predicate for sh:closed; null for node shapes
  Node value = nullptr;         // null when the result has no value (sh:minCount, ...)
  Node shape = nullptr;         // sh:sourceShape
  Node component = nullptr;     // sh:sourceConstraintComponent
  Severity severity = Severity::Violation;
  std::vector<Node> messages;   // the shape's sh:message literals; empty when it has none
  std::string default_message;  // said when the shape has no sh:message
};

struct Report {
  std::vector<Result> results;  // sorted by file, focus node, path, component, value
  bool conforms() const { return results.empty(); }  // as sh:conforms: no result of any severity
  std::size_t count(Severity) const;
};

class Validator {
 public:
  Validator();
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // Adds a data file (syntax from its extension unless given; Turtle by default), or text
  // read from elsewhere under a display name. Throws InputError.
  void add_data_file(const std::string& path, std::optional<Syntax> syntax = std::nullopt);
  void add_data(const std::string& text, Syntax syntax, const std::string& name);
  // Adds the rdfs:subClassOf triples of an ontology (Turtle) to the data graph.
  void add_ontology_file(const std::string& path);
  // Adds a shapes file (Turtle unless its extension says otherwise) or shapes text.
  void add_shapes_file(const std::string& path);
  void add_shapes(const std::string& text, Syntax syntax, const std::string& name);

  std::size_t data_triples() const;
  std::size_t shapes_triples() const;

  // Validates the data graph against every shape with a target. Throws InputError when the
  // shapes graph cannot be used.
  Report validate();

  // The data file a node was first read from (as a subject, else as an object); "" if none.
  std::string file_of(Node) const;
  // A node for display: prefixed name where a known prefix fits, <iri>, _:label or a literal
  // (long literals are shortened).
  std::string display(Node) const;
  // The result's path in SPARQL property-path syntax ("nkg:status", "^nkg:evidence",
  // "nkg:evidence/nif:referenceContext"); "" for a node shape.
  std::string display_path(const Result&) const;
  // The message of a result: its shape's sh:message (English or untagged first), else the
  // generated one.
  std::string message(const Result&) const;

  // The report as a Turtle sh:ValidationReport, resultPath structures copied from the shapes.
  std::string report_turtle(const Report&) const;
  // The report as text: one line per result "FILE: FOCUS PATH: MESSAGE [Severity ...]" and a
  // closing summary line.
  std::string report_text(const Report&) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newskg::validation
