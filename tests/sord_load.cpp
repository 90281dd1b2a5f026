// sord_load SYNTAX FILE: loads an RDF file (turtle, ntriples, nquads or trig) into a Sord model
// through Serd's strict reader, as programs built on Sord do, and prints the number of quads.
// Exits 1 on any error (sordi itself reads Turtle and N-Triples only).
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include <serd/serd.h>
#include <sord/sord.h>

namespace {

int errors = 0;

SerdStatus on_error(void*, const SerdError* error) {
  ++errors;
  std::fprintf(stderr, "sord_load: %s:%u:%u: ", reinterpret_cast<const char*>(error->filename), error->line, error->col);
  va_list args;
  va_copy(args, *error->args);
  std::vfprintf(stderr, error->fmt, args);
  va_end(args);
  return SERD_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sord_load turtle|ntriples|nquads|trig FILE\n");
    return 2;
  }
  SerdSyntax syntax;
  if (!std::strcmp(argv[1], "turtle")) syntax = SERD_TURTLE;
  else if (!std::strcmp(argv[1], "ntriples")) syntax = SERD_NTRIPLES;
  else if (!std::strcmp(argv[1], "nquads")) syntax = SERD_NQUADS;
  else if (!std::strcmp(argv[1], "trig")) syntax = SERD_TRIG;
  else {
    std::fprintf(stderr, "sord_load: unknown syntax '%s'\n", argv[1]);
    return 2;
  }
  SordWorld* world = sord_world_new();
  SordModel* model = sord_new(world, SORD_SPO | SORD_OPS, true);
  SerdEnv* env = serd_env_new(nullptr);
  SerdReader* reader = sord_new_reader(model, env, syntax, nullptr);
  serd_reader_set_strict(reader, true);
  serd_reader_set_error_sink(reader, on_error, nullptr);
  const SerdStatus status = serd_reader_read_file(reader, reinterpret_cast<const uint8_t*>(argv[2]));
  const std::size_t quads = sord_num_quads(model);
  serd_reader_free(reader);
  serd_env_free(env);
  sord_free(model);
  sord_world_free(world);
  if (status != SERD_SUCCESS || errors > 0) {
    std::fprintf(stderr, "sord_load: %s: not read (%s)\n", argv[2], reinterpret_cast<const char*>(serd_strerror(status)));
    return 1;
  }
  std::printf("%zu\n", quads);
  return 0;
}
