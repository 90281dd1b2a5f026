// Text to facts: the extractor finds actor mentions and event frames in a Document and
// returns them as a DocumentGraph in the terms of the ontology contract.
#pragma once

#include <memory>

#include "newskg/document.hpp"
#include "newskg/model.hpp"
#include "newskg/resources.hpp"

namespace newskg {

class Extractor {
 public:
  explicit Extractor(const Resources& resources);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Thread-safe: extraction keeps its state per call. With `trace`, the graph also holds the
  // sentences and a TraceEvent for every trigger seen (what became of it and why), and each
  // fact its source and reasons.
  model::DocumentGraph extract(const Document& document, bool trace = false) const;

  // Convenience: segment the text with the resources' abbreviations, then extract.
  model::DocumentGraph extract(model::DocumentInfo info, bool trace = false) const;

 private:
  struct Tables;
  const Resources& resources_;
  std::unique_ptr<Tables> tables_;
};

}  // namespace newskg
