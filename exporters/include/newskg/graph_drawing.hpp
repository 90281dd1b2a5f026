// A document's graph drawn for people: actors and facts as nodes, roles as labelled edges.
// One function builds the drawing, as Graphviz DOT; `newskg extract -f dot` writes it, and the
// HTML report lays it out into SVG through Graphviz's C library (cgraph + gvc).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "newskg/model.hpp"
#include "newskg/rdf_writer.hpp"

namespace newskg::exporters {

struct DrawingOptions {
  // Prefix of the SVG element ids ("d1-" gives "d1-drawing", "d1-node-aid-60-121", "d1-edge-3"), so that
  // several drawings can share one HTML page; empty: Graphviz numbers the elements itself.
  std::string id_prefix;
  // Each fact node links to "#<id_prefix>f<N>", its row in the report's table of facts.
  bool link_rows = false;
};

// The statements of one document's drawing (nodes and edges, no enclosing graph). Nodes are
// named by their IRIs (the same as the RDF's), so the drawings of several documents put
// together share their actors. Fact nodes are numbered 1, 2 ... in the document's order, as
// in the report. Only actors that take a role in some fact are drawn; edges are the roles
// (from the claimant, provider or party to the fact, from the fact to the accused or
// recipient) and "about" (from a claim to what it is about).
std::string dot_statements(const model::DocumentGraph&, const Iris&, const DrawingOptions& = {});

// A whole digraph around statements: the attributes every drawing shares, then `statements`.
std::string dot_digraph(std::string_view statements);

// One document's drawing as a DOT digraph: dot_digraph(dot_statements(...)).
std::string document_dot(const model::DocumentGraph&, const Iris&, const DrawingOptions& = {});

// Lays DOT text out with Graphviz's "dot" engine and renders it as SVG; returns the <svg>
// element alone (no XML declaration or DOCTYPE), ready to inline in HTML. Throws
// std::runtime_error with Graphviz's message when the text does not parse or lay out.
std::string dot_to_svg(std::string_view dot);

}  // namespace newskg::exporters
