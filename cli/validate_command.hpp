// `newskg validate`: SHACL validation of graphs against ontology/shapes.ttl, and the check
// behind `newskg extract --validate`. All the validation is in validation/.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "newskg/rdf_writer.hpp"

namespace newskg::cli {

// Arguments after "validate". Returns the exit code: 0 the data conforms (no sh:Violation
// result), 1 it does not, 2 a usage error or an input that cannot be used.
int run_validate(const std::vector<std::string>& args);

// For `extract --validate`: the writer writes into a memory buffer; finish() validates it
// against the shapes and ontology of `data_dir` and, when it conforms, copies it to `out`.
// When it does not, the text report goes to standard error and nothing is copied.
class ValidatedOutput {
 public:
  ValidatedOutput(bool enabled, std::FILE* out);
  ~ValidatedOutput();
  ValidatedOutput(const ValidatedOutput&) = delete;
  ValidatedOutput& operator=(const ValidatedOutput&) = delete;
  std::FILE* file() const { return enabled_ ? buffer_file_ : out_; }  // where the writer writes
  // True when validation is off, or the graph conforms and was copied to `out`.
  bool finish(exporters::RdfFormat format, const std::filesystem::path& data_dir);

 private:
  bool enabled_;
  std::FILE* out_;
  std::FILE* buffer_file_ = nullptr;
  char* buffer_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace newskg::cli
