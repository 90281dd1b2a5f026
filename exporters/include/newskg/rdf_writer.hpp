// Facts to RDF: Turtle and TriG through Serd's writer, which abbreviates; N-Triples and N-Quads
// encoded line by line here, byte for byte as Serd writes them (tested), at several times
// Serd's speed. Documents are streamed one at a time.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // The same, from a document IRI already made: a writer makes hundreds per document.
  static std::string fact_in(std::string_view document_iri, std::string_view local_id);
  static std::string span_in(std::string_view document_iri, const model::Span&);
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

// Statements rendered into memory that the next render() reuses as it is: its room beyond
// `size` is kept, not shrunk and zeroed again at each document as a string's would be.
struct RenderedBytes {
  std::string memory;
  std::size_t size = 0;  // of the first bytes of `memory`, the statements
  std::string_view view() const { return {memory.data(), size}; }
};

// A document's statements rendered apart from the output stream (RdfWriter::render), so that
// threads can render documents while one writer keeps their order.
struct RenderedDocument {
  struct Actor {
    std::string id;
    RenderedBytes statements;
    std::size_t count = 0;
  };
  RenderedBytes statements;   // the document's own
  std::size_t count = 0;      // of statements
  std::vector<Actor> actors;  // each actor's description, written where it was not yet
  bool failed = false;        // a statement could not be written
};

// True for the syntaxes that render() serves: N-Triples and N-Quads, whose statements are
// independent lines.
bool renders_apart(RdfFormat);

class RdfWriter {
 public:
  // Writes to `out` (not owned); the prefixes go out at once in Turtle and TriG.
  RdfWriter(std::FILE* out, RdfOptions options);
  ~RdfWriter();
  RdfWriter(const RdfWriter&) = delete;
  RdfWriter& operator=(const RdfWriter&) = delete;

  void write(const model::DocumentGraph& graph);
  // For renders_apart() formats: `graph` rendered into `into` (its buffers cleared and reused,
  // so that a pool of them keeps memory flat), on any thread, to be written later with
  // write(RenderedDocument), which adds only the actors not yet written. The two steps write
  // exactly what write(graph) writes. Actors for which `written` is true (known to be written
  // already) are not rendered: the writer would drop them.
  void render(const model::DocumentGraph& graph, RenderedDocument& into,
              const std::function<bool(std::string_view actor_id)>& written = {}) const;
  void write(const RenderedDocument& rendered);
  std::size_t statements() const;  // written so far
  // Ends the output (closes an open TriG graph or Turtle statement). False on a write error.
  bool finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newskg::exporters
