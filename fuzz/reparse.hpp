// Shared by the fuzz targets that export: writes a graph in every RDF format and re-parses
// each output with Serd's reader (strict); any output that does not parse, formats that
// disagree on the number of statements, or N-Triples and N-Quads other than what Serd's own
// writer makes of them (newskg encodes those itself), abort the target. tests/test_rdf_writer
// uses serd_rewrite too.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <serd/serd.h>

#include "newskg/model.hpp"
#include "newskg/rdf_writer.hpp"

namespace newskg::fuzz {

inline std::string write_rdf(const model::DocumentGraph& graph, const exporters::RdfOptions& options) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  if (!out) std::abort();
  {
    exporters::RdfWriter writer(out, options);
    writer.write(graph);
    if (!writer.finish()) std::abort();
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

struct ParseResult {
  std::size_t statements = 0;
  std::string error;
};

inline SerdStatus count_statement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode*, const SerdNode*,
                                  const SerdNode*, const SerdNode*, const SerdNode*) {
  ++static_cast<ParseResult*>(handle)->statements;
  return SERD_SUCCESS;
}

inline SerdStatus record_error(void* handle, const SerdError* error) {
  auto* result = static_cast<ParseResult*>(handle);
  char message[512];
  va_list args;
  va_copy(args, *error->args);
  std::vsnprintf(message, sizeof message, error->fmt, args);
  va_end(args);
  if (result->error.empty()) result->error = std::to_string(error->line) + ":" + std::to_string(error->col) + ": " + message;
  return SERD_SUCCESS;
}

inline ParseResult parse_rdf(const std::string& text, SerdSyntax syntax) {
  ParseResult result;
  SerdEnv* env = serd_env_new(nullptr);
  SerdReader* reader = serd_reader_new(syntax, &result, nullptr, nullptr, nullptr, count_statement, nullptr);
  serd_reader_set_strict(reader, true);
  serd_reader_set_error_sink(reader, record_error, &result);
  const SerdStatus status = serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(text.c_str()));
  if (status != SERD_SUCCESS && result.error.empty()) result.error = std::string("status ") + reinterpret_cast<const char*>(serd_strerror(status));
  serd_reader_free(reader);
  serd_env_free(env);
  return result;
}

// A Serd writer in `syntax`, without abbreviations, that appends what it writes to `out`.
inline SerdWriter* serd_string_writer(SerdSyntax syntax, SerdEnv* env, std::string& out) {
  return serd_writer_new(syntax, static_cast<SerdStyle>(0), env, nullptr,
                         [](const void* bytes, std::size_t n, void* stream) {
                           static_cast<std::string*>(stream)->append(static_cast<const char*>(bytes), n);
                           return n;
                         },
                         &out);
}

// What Serd's writer makes of N-Triples or N-Quads `text` read strictly, as serdi would rewrite
// it; empty when Serd cannot read it.
inline std::string serd_rewrite(const std::string& text, SerdSyntax syntax) {
  std::string out;
  SerdEnv* env = serd_env_new(nullptr);
  SerdWriter* writer = serd_string_writer(syntax, env, out);
  SerdReader* reader = serd_reader_new(syntax, writer, nullptr, nullptr, nullptr,
                                       reinterpret_cast<SerdStatementSink>(serd_writer_write_statement), nullptr);
  serd_reader_set_strict(reader, true);
  serd_reader_set_error_sink(reader, [](void*, const SerdError*) { return SERD_SUCCESS; }, nullptr);
  const SerdStatus status = serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(text.c_str()));
  serd_writer_finish(writer);
  serd_reader_free(reader);
  serd_writer_free(writer);
  serd_env_free(env);
  return status == SERD_SUCCESS ? out : std::string();
}

// Writes `graph` in all four formats and aborts unless each one parses with the same number of
// statements.
inline void export_and_reparse(const model::DocumentGraph& graph, exporters::RdfOptions options) {
  struct Format {
    exporters::RdfFormat format;
    SerdSyntax syntax;
    const char* name;
  };
  const Format formats[] = {{exporters::RdfFormat::NTriples, SERD_NTRIPLES, "ntriples"},
                            {exporters::RdfFormat::Turtle, SERD_TURTLE, "turtle"},
                            {exporters::RdfFormat::NQuads, SERD_NQUADS, "nquads"},
                            {exporters::RdfFormat::TriG, SERD_TRIG, "trig"}};
  std::size_t expected = 0;
  for (const Format& f : formats) {
    options.format = f.format;
    const std::string text = write_rdf(graph, options);
    if (text.find('\0') != std::string::npos) {
      std::fprintf(stderr, "fuzz: %s output holds a NUL byte\n", f.name);
      std::abort();
    }
    const ParseResult parsed = parse_rdf(text, f.syntax);
    if (!parsed.error.empty() || (f.format != exporters::RdfFormat::NTriples && parsed.statements != expected)) {
      std::fprintf(stderr, "fuzz: %s output does not re-parse: %s (%zu statements, N-Triples had %zu)\n----\n%s\n----\n", f.name,
                   parsed.error.c_str(), parsed.statements, expected, text.c_str());
      std::abort();
    }
    if ((f.syntax == SERD_NTRIPLES || f.syntax == SERD_NQUADS) && serd_rewrite(text, f.syntax) != text) {
      std::fprintf(stderr, "fuzz: %s output is not what Serd writes for it\n----\n%s\n----\n", f.name, text.c_str());
      std::abort();
    }
    if (f.format == exporters::RdfFormat::NTriples) expected = parsed.statements;
  }
}

}  // namespace newskg::fuzz
