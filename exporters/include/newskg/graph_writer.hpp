// Every output format of `newskg extract` behind one interface: the RDF syntaxes (RdfWriter),
// the drawing as Graphviz DOT ("dot") and the event table ("tsv").
#pragma once

#include <cstdio>
#include <memory>
#include <string_view>

#include "newskg/model.hpp"
#include "newskg/rdf_writer.hpp"

namespace newskg::exporters {

class GraphWriter {
 public:
  virtual ~GraphWriter() = default;
  // Writes one document (streamed: the documents go out one at a time).
  virtual void write(const model::DocumentGraph& graph) = 0;
  // Writes a document that RdfWriter::render made on another thread (N-Triples and N-Quads).
  virtual void write_rendered(const RenderedDocument&) {}
  // RDF statements written so far (0 for the formats that are not RDF).
  virtual std::size_t statements() const { return 0; }
  // Ends the output. False on a write error.
  virtual bool finish() = 0;
};

// True for the format names make_graph_writer knows: those of parse_rdf_format, "dot", "tsv".
bool is_output_format(std::string_view name);

// A writer of `format` to `out` (not owned), with the IRIs of `options.base`; RDF formats also
// take the rest of `options`. nullptr for an unknown format.
//   dot: one digraph; each document adds its drawing (graph_drawing.hpp), the actors shared.
//   tsv: the event table (event_table.hpp), one header line then a row per fact.
std::unique_ptr<GraphWriter> make_graph_writer(std::string_view format, std::FILE* out, const RdfOptions& options);

}  // namespace newskg::exporters
