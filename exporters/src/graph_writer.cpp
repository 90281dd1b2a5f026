#include "newskg/graph_writer.hpp"

#include <string>
#include <utility>

#include "newskg/event_table.hpp"
#include "newskg/graph_drawing.hpp"

namespace newskg::exporters {
namespace {

class RdfGraphWriter : public GraphWriter {
 public:
  RdfGraphWriter(std::FILE* out, const RdfOptions& options) : writer_(out, options) {}
  void write(const model::DocumentGraph& graph) override { writer_.write(graph); }
  void write_rendered(const RenderedDocument& rendered) override { writer_.write(rendered); }
  std::size_t statements() const override { return writer_.statements(); }
  bool finish() override { return writer_.finish(); }

 private:
  RdfWriter writer_;
};

// Writes text as it comes; remembers a failed write.
class TextWriter : public GraphWriter {
 public:
  TextWriter(std::FILE* out, std::string base) : out_(out) { iris_.base = std::move(base); }

 protected:
  void put(const std::string& text) {
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), out_) != text.size()) failed_ = true;
  }
  bool flush() { return std::fflush(out_) == 0 && !failed_ && !std::ferror(out_); }
  Iris iris_;

 private:
  std::FILE* out_;
  bool failed_ = false;
};

class TsvWriter : public TextWriter {
 public:
  using TextWriter::TextWriter;
  void write(const model::DocumentGraph& graph) override {
    header();
    put(event_table_rows(graph, iris_));
  }
  bool finish() override {
    header();  // an empty input still gives the header
    return flush();
  }

 private:
  void header() {
    if (std::exchange(header_written_, true)) return;
    put(event_table_header());
  }
  bool header_written_ = false;
};

// One digraph for all documents: the shared attributes, then each document's statements.
class DotWriter : public TextWriter {
 public:
  using TextWriter::TextWriter;
  void write(const model::DocumentGraph& graph) override { statements_ += dot_statements(graph, iris_); }
  bool finish() override {
    put(dot_digraph(statements_));
    return flush();
  }

 private:
  std::string statements_;
};

}  // namespace

bool is_output_format(std::string_view name) { return parse_rdf_format(name) || name == "dot" || name == "tsv"; }

std::unique_ptr<GraphWriter> make_graph_writer(std::string_view format, std::FILE* out, const RdfOptions& options) {
  if (format == "dot") return std::make_unique<DotWriter>(out, options.base);
  if (format == "tsv") return std::make_unique<TsvWriter>(out, options.base);
  if (auto rdf = parse_rdf_format(format)) {
    RdfOptions o = options;
    o.format = *rdf;
    return std::make_unique<RdfGraphWriter>(out, o);
  }
  return nullptr;
}

}  // namespace newskg::exporters
