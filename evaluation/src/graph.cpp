// Graphs read with Serd into a Sord model, queried the way kgscore queries its triples: terms
// by their text, values of a property in the order they were read, rdf:type closed over
// rdfs:subClassOf.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <serd/serd.h>
#include <sord/sord.h>

#include "newskg/evaluation.hpp"
#include "newskg/vocab.hpp"

namespace newskg::evaluation {

namespace {

const std::string kRdfType = std::string(vocab::kRdf) + "type";
const std::string kSubClassOf = std::string(vocab::kRdfs) + "subClassOf";

const uint8_t* u8(const char* s) { return reinterpret_cast<const uint8_t*>(s); }

// Sord stores only absolute IRIs; a relative one (kept relative where serdi keeps it, as when
// a Turtle file is named by a relative path and has no @base) is stored under this scheme.
constexpr std::string_view kRelative = "x-newskg-relative:";

// kgscore's view of a term: IRIs as themselves, blank nodes as "_:label", literals as their
// lexical form (datatype and language tag are not compared).
std::string key(const SordNode* n) {
  const auto* s = reinterpret_cast<const char*>(sord_node_get_string(n));
  std::size_t size = 0, chars = 0;
  sord_node_get_string_measured(n, &size, &chars);
  switch (sord_node_get_type(n)) {
    case SORD_BLANK: return "_:" + std::string(s, size);
    case SORD_URI: {
      std::string_view v(s, size);
      if (v.starts_with(kRelative)) v.remove_prefix(kRelative.size());
      return std::string(v);
    }
    case SORD_LITERAL: break;
  }
  return std::string(s, size);
}

SerdSyntax serd_syntax(GraphSyntax s) {
  switch (s) {
    case GraphSyntax::Turtle: return SERD_TURTLE;
    case GraphSyntax::NTriples: return SERD_NTRIPLES;
    case GraphSyntax::NQuads: return SERD_NQUADS;
    case GraphSyntax::TriG: return SERD_TRIG;
  }
  return SERD_TURTLE;
}

}  // namespace

struct Graph::Impl {
  SordWorld* world = sord_world_new();
  SordModel* model = sord_new(world, SORD_SPO | SORD_POS, false);
  SerdEnv* env = serd_env_new(nullptr);
  std::string name;
  std::string error;  // the first reading error
  std::size_t sequence = 0;
  // When each statement was first read: "the first value" is the one read first.
  std::map<std::array<const SordNode*, 3>, std::size_t> order;
  // Subject nodes by their text (kgscore keys terms by text, so the IRI <_:x> and the blank
  // node _:x would be one subject to it, and are here too).
  std::unordered_map<std::string, std::vector<const SordNode*>> subjects;
  std::map<std::string, std::set<std::string>, std::less<>> types;  // closed
  mutable std::unordered_map<std::string, SordNode*> predicates;

  Impl() {
    // Sord's own complaints (a relative IRI it will not store) are handled here, not printed.
    sord_world_set_error_sink(world, [](void*, const SerdError*) { return SERD_SUCCESS; }, nullptr);
  }
  ~Impl() {
    for (auto& [iri, node] : predicates) sord_node_free(world, node);
    serd_env_free(env);
    sord_free(model);
    sord_world_free(world);
  }

  const SordNode* predicate(std::string_view iri) const {
    auto [it, inserted] = predicates.try_emplace(std::string(iri), nullptr);
    if (inserted) it->second = sord_new_uri(world, u8(it->first.c_str()));
    return it->second;
  }

  static SerdStatus on_base(void* handle, const SerdNode* uri) {
    return serd_env_set_base_uri(static_cast<Impl*>(handle)->env, uri);
  }
  static SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    return serd_env_set_prefix(static_cast<Impl*>(handle)->env, name, uri);
  }
  // The text of an IRI or prefixed name as serdi writes it in N-Quads: prefixed names
  // expanded, relative IRIs resolved against the base (a base without a scheme leaves them as
  // they are). nullopt: an undefined prefix.
  std::optional<std::string> iri_text(const SerdNode* n) const {
    if (n->type == SERD_CURIE) {
      SerdChunk prefix{}, suffix{};
      if (serd_env_expand(env, n, &prefix, &suffix) != SERD_SUCCESS) return std::nullopt;
      return std::string(reinterpret_cast<const char*>(prefix.buf), prefix.len) +
             std::string(reinterpret_cast<const char*>(suffix.buf), suffix.len);
    }
    const std::string text(reinterpret_cast<const char*>(n->buf), n->n_bytes);
    if (serd_uri_string_has_scheme(n->buf)) return text;
    SerdURI base{};
    serd_env_get_base_uri(env, &base);
    SerdURI resolved{};
    SerdNode abs = serd_node_new_uri_from_node(n, &base, &resolved);
    std::string out = abs.buf ? std::string(reinterpret_cast<const char*>(abs.buf), abs.n_bytes) : text;
    serd_node_free(&abs);
    return out;
  }

  SordNode* node(const SerdNode* n, const SerdNode* datatype, const SerdNode* lang) const {
    if (n->type == SERD_URI || n->type == SERD_CURIE) {
      std::optional<std::string> text = iri_text(n);
      if (!text) return nullptr;
      if (!serd_uri_string_has_scheme(u8(text->c_str()))) text = std::string(kRelative) + *text;
      return sord_new_uri(world, u8(text->c_str()));
    }
    if (n->type == SERD_LITERAL && datatype) {
      std::optional<std::string> dt = iri_text(datatype);
      if (!dt) return nullptr;
      if (!serd_uri_string_has_scheme(u8(dt->c_str()))) dt = std::string(kRelative) + *dt;
      const SerdNode dt_node = serd_node_from_string(SERD_URI, u8(dt->c_str()));
      return sord_node_from_serd_node(world, env, n, &dt_node, lang);
    }
    return sord_node_from_serd_node(world, env, n, nullptr, lang);
  }

  static SerdStatus on_statement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode* subject,
                                 const SerdNode* predicate, const SerdNode* object, const SerdNode* datatype,
                                 const SerdNode* lang) {
    Impl& g = *static_cast<Impl*>(handle);
    SordNode* s = g.node(subject, nullptr, nullptr);
    SordNode* p = g.node(predicate, nullptr, nullptr);
    SordNode* o = g.node(object, datatype, lang);
    SerdStatus status = SERD_SUCCESS;
    if (s && p && o) {
      const SordQuad quad = {s, p, o, nullptr};
      sord_add(g.model, quad);
      g.order.try_emplace({s, p, o}, g.sequence++);
    } else if (g.error.empty()) {
      const SerdNode* bad = !s ? subject : !p ? predicate : (object->type == SERD_LITERAL ? datatype : object);
      g.error = fmt::format("{}: cannot expand '{}' (undefined prefix)", g.name,
                            reinterpret_cast<const char*>(bad->buf));
      status = SERD_ERR_BAD_CURIE;
    }
    if (s) sord_node_free(g.world, s);
    if (p) sord_node_free(g.world, p);
    if (o) sord_node_free(g.world, o);
    return status;
  }
  static SerdStatus on_error(void* handle, const SerdError* e) {
    Impl& g = *static_cast<Impl*>(handle);
    if (!g.error.empty()) return SERD_SUCCESS;
    char message[512];
    va_list args;
    va_copy(args, *e->args);
    std::vsnprintf(message, sizeof message, e->fmt, args);
    va_end(args);
    std::string what = message;
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    g.error = e->line ? fmt::format("{}:{}:{}: {}", g.name, e->line, e->col, what) : fmt::format("{}: {}", g.name, what);
    return SERD_SUCCESS;
  }

  SerdReader* reader(GraphSyntax syntax) {
    SerdReader* r = serd_reader_new(serd_syntax(syntax), this, nullptr, on_base, on_prefix, on_statement, nullptr);
    // Strictly, as serdi reads Turtle for kgscore. (kgscore's own N-Triples reader takes any
    // text between angle brackets; invalid IRIs are an error here.)
    serd_reader_set_strict(r, true);
    serd_reader_set_error_sink(r, on_error, this);
    return r;
  }

  void finish(SerdStatus status) {
    if (status != SERD_SUCCESS && status != SERD_FAILURE && error.empty())
      error = fmt::format("{}: not valid RDF ({})", name, reinterpret_cast<const char*>(serd_strerror(status)));
    if (!error.empty()) throw EvalError(error);
    index();
  }

  void index() {
    std::map<std::string, std::set<std::string>> sub;
    const SordNode* type = predicate(kRdfType);
    const SordNode* subclass = predicate(kSubClassOf);
    SordIter* it = sord_begin(model);
    for (; it && !sord_iter_end(it); sord_iter_next(it)) {
      SordQuad q;
      sord_iter_get(it, q);
      auto& nodes = subjects[key(q[SORD_SUBJECT])];
      if (std::find(nodes.begin(), nodes.end(), q[SORD_SUBJECT]) == nodes.end()) nodes.push_back(q[SORD_SUBJECT]);
      if (q[SORD_PREDICATE] == type) types[key(q[SORD_SUBJECT])].insert(key(q[SORD_OBJECT]));
      else if (q[SORD_PREDICATE] == subclass) sub[key(q[SORD_SUBJECT])].insert(key(q[SORD_OBJECT]));
    }
    sord_iter_free(it);
    for (auto& [node, ts] : types) {
      std::vector<std::string> todo(ts.begin(), ts.end());
      while (!todo.empty()) {
        const std::string t = todo.back();
        todo.pop_back();
        auto found = sub.find(t);
        if (found == sub.end()) continue;
        for (const std::string& super : found->second)
          if (ts.insert(super).second) todo.push_back(super);
      }
    }
  }

  // (order read, object) of every statement (subject, predicate, *), subject by its text.
  std::vector<std::pair<std::size_t, const SordNode*>> find(std::string_view subject, std::string_view pred) const {
    std::vector<std::pair<std::size_t, const SordNode*>> out;
    auto found = subjects.find(std::string(subject));
    if (found == subjects.end()) return out;
    const SordNode* p = predicate(pred);
    for (const SordNode* s : found->second) {
      SordIter* it = sord_search(model, s, p, nullptr, nullptr);
      for (; it && !sord_iter_end(it); sord_iter_next(it)) {
        const SordNode* o = sord_iter_get_node(it, SORD_OBJECT);
        auto seq = order.find({s, p, o});
        out.emplace_back(seq == order.end() ? 0 : seq->second, o);
      }
      sord_iter_free(it);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::optional<GraphSyntax> graph_syntax_for(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext; };
  if (ends(".ttl")) return GraphSyntax::Turtle;
  if (ends(".nt")) return GraphSyntax::NTriples;
  if (ends(".nq")) return GraphSyntax::NQuads;
  if (ends(".trig")) return GraphSyntax::TriG;
  return std::nullopt;
}

Graph::Graph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;
Graph::~Graph() = default;

// Turtle and TriG files are read as kgscore has serdi read them: with the file's URI as the
// base (a relative path gives a relative base, against which nothing resolves).
std::unique_ptr<Graph::Impl> Graph::with_file_base(const std::string& path, GraphSyntax syntax) {
  auto impl = std::make_unique<Graph::Impl>();
  if (syntax == GraphSyntax::Turtle || syntax == GraphSyntax::TriG) {
    SerdURI uri{};
    SerdNode base = serd_node_new_file_uri(u8(path.c_str()), nullptr, &uri, true);
    serd_env_set_base_uri(impl->env, &base);
    serd_node_free(&base);
  }
  return impl;
}

Graph Graph::read_stream(std::FILE* stream, GraphSyntax syntax, const std::string& name) {
  return read_stream(std::make_unique<Impl>(), stream, syntax, name);
}

Graph Graph::read_stream(std::unique_ptr<Impl> impl, std::FILE* stream, GraphSyntax syntax, const std::string& name) {
  impl->name = name;
  SerdReader* reader = impl->reader(syntax);
  const SerdStatus status = serd_reader_read_file_handle(reader, stream, u8(name.c_str()));
  serd_reader_free(reader);
  if (std::ferror(stream) && impl->error.empty()) impl->error = fmt::format("{}: read error", name);
  impl->finish(status);
  return Graph(std::move(impl));
}

Graph Graph::read_file(const std::string& path, GraphSyntax syntax) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw EvalError(fmt::format("{}: is a directory, not a graph", path));
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw EvalError(fmt::format("{}: cannot open the graph ({})", path, std::strerror(errno)));
  try {
    Graph g = read_stream(with_file_base(path, syntax), f, syntax, path);
    std::fclose(f);
    return g;
  } catch (...) {
    std::fclose(f);
    throw;
  }
}

Graph Graph::parse(std::string_view text, GraphSyntax syntax, const std::string& name) {
  auto impl = std::make_unique<Impl>();
  impl->name = name;
  SerdReader* reader = impl->reader(syntax);
  const std::string copy(text);
  const SerdStatus status = serd_reader_read_string(reader, u8(copy.c_str()));
  serd_reader_free(reader);
  impl->finish(status);
  return Graph(std::move(impl));
}

std::size_t Graph::size() const { return sord_num_quads(impl_->model); }

std::vector<std::string> Graph::objects(std::string_view subject, std::string_view predicate) const {
  std::vector<std::string> out;
  for (const auto& [seq, o] : impl_->find(subject, predicate)) out.push_back(key(o));
  return out;
}

std::optional<std::string> Graph::object(std::string_view subject, std::string_view predicate) const {
  auto found = impl_->find(subject, predicate);
  if (found.empty()) return std::nullopt;
  return key(found.front().second);
}

bool Graph::has_type(std::string_view subject, std::string_view cls) const {
  auto found = impl_->types.find(subject);
  return found != impl_->types.end() && found->second.count(std::string(cls)) > 0;
}

std::vector<std::string> Graph::instances(std::string_view cls) const {
  std::vector<std::string> out;
  const std::string c(cls);
  for (const auto& [node, ts] : impl_->types)
    if (ts.count(c)) out.push_back(node);
  return out;  // std::map: sorted by bytes, which is code-point order in UTF-8
}

std::vector<std::string> Graph::subjects_with(std::string_view predicate) const {
  std::set<std::string> out;
  SordIter* it = sord_search(impl_->model, nullptr, impl_->predicate(predicate), nullptr, nullptr);
  for (; it && !sord_iter_end(it); sord_iter_next(it)) out.insert(key(sord_iter_get_node(it, SORD_SUBJECT)));
  sord_iter_free(it);
  return {out.begin(), out.end()};
}

}  // namespace newskg::evaluation
