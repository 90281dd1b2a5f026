// Facts to RDF through Serd's writer: Turtle, N-Triples, N-Quads and TriG. Documents are
// streamed one at a time; nothing is formatted by hand.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "newskg/model.hpp"
#include "newskg/vocab.hpp"

namespace newskg::exporters {

enum class RdfFormat { Turtle, NTriples, NQuads, TriG };

std::optional<RdfFormat> parse_rdf_format(std::string_view name);  // "turtle", "ntriples", ...

struct RdfOptions {
  RdfFormat format = RdfFormat::Turtle;
  std::string base = std::string(vocab::kDefaultBase);  // IRIs of actors, documents, facts, spans
  bool include_text = true;                             // nif:isString on each document
};

// IRIs of the things a graph describes, all under the base; derived from content only.
struct Iris {
  std::string base;
  std::string document(const model::DocumentInfo&) const;
  std::string actor(std::string_view actor_id) const;
  std::string fact(const model::DocumentInfo&, const model::Fact&) const;
  std::string span(const model::DocumentInfo&, const model::Span&) const;
  std::string actors_graph() const;
};

// True when s starts with a scheme and a colon ("https:", "urn:"), as an absolute IRI does.
bool is_absolute_iri(std::string_view s);

// Makes a whole IRI (a --base or --url) safe: percent-encodes spaces, controls and <>"{}|^`\,
// keeps the delimiters (: / ? # % & ...) as they are, and replaces invalid UTF-8 by U+FFFD.
std::string iri_escape(std::string_view);

// Makes a string (a document or actor id) one IRI path segment: keeps ASCII letters, digits,
// - . _ ~ and non-ASCII UTF-8, percent-encodes every other byte (/ ? # % included), and
// replaces invalid UTF-8 by U+FFFD.
std::string iri_segment_escape(std::string_view);

class RdfWriter {
 public:
  // Writes to `out` (not owned); the prefixes go out at once in Turtle and TriG.
  RdfWriter(std::FILE* out, RdfOptions options);
  ~RdfWriter();
  RdfWriter(const RdfWriter&) = delete;
  RdfWriter& operator=(const RdfWriter&) = delete;

  void write(const model::DocumentGraph& graph);
  // Ends the output (closes an open TriG graph or Turtle statement). False on a write error.
  bool finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newskg::exporters
