// Explanations for people: why each fact is in the graph, and what became of the triggers
// of one sentence. Plain text, for --explain and `newskg explain`.
#pragma once

#include <cstddef>
#include <cstdio>

#include "newskg/model.hpp"
#include "newskg/rdf_writer.hpp"

namespace newskg::exporters {

// For each fact: its sentence, trigger, rule and the lexicon line behind it, the roles bound
// (with the coreference followed) and the status reasoning. Needs a graph extracted with a
// trace (DocumentGraph::sentences filled).
void write_fact_explanations(std::FILE* out, const model::DocumentGraph& graph, const Iris& iris);

// Sentence `index` (0-based) and every trigger the extractor saw in it, with what became of
// each and why. Returns false when the document has no such sentence.
bool write_sentence_trace(std::FILE* out, const model::DocumentGraph& graph, std::size_t index);

}  // namespace newskg::exporters
