#include "newskg/rdf_writer.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <serd/serd.h>

#include "newskg/utf8.hpp"

namespace newskg::exporters {
namespace {

using namespace std::string_literals;

std::string concat(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size());
  out.append(a).append(b);
  return out;
}
std::string nkg(std::string_view local) { return concat(vocab::kNkg, local); }
std::string nif(std::string_view local) { return concat(vocab::kNif, local); }
std::string xsd(std::string_view local) { return concat(vocab::kXsd, local); }

const std::string kRdfType = fmt::format("{}type", vocab::kRdf);
const std::string kRdfsLabel = fmt::format("{}label", vocab::kRdfs);

// An RDF term as Serd needs it; owns its strings.
struct Term {
  SerdType type = SERD_URI;
  std::string value;
  std::string datatype;  // for typed literals
  std::string lang;
};

Term iri(std::string v) { return {SERD_URI, std::move(v), {}, {}}; }
Term literal(std::string v) { return {SERD_LITERAL, std::move(v), {}, {}}; }
Term typed(std::string v, std::string_view xsd_local) { return {SERD_LITERAL, std::move(v), xsd(xsd_local), {}}; }
Term english(std::string v) { return {SERD_LITERAL, std::move(v), {}, "en"}; }

SerdNode node(const std::string& s, SerdType type) {
  // Serd's writers read only the bytes of an IRI; its flags and code-point count matter for
  // literals alone (long strings, escapes), so only literals pay for the scan that finds them.
  if (type == SERD_URI) return SerdNode{reinterpret_cast<const uint8_t*>(s.data()), s.size(), s.size(), 0, SERD_URI};
  return serd_node_from_substring(type, reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Replaces ill-formed UTF-8 with U+FFFD so that every literal Serd writes is valid.
std::string valid_utf8(std::string_view s) {
  std::string out = model::to_valid_utf8(s);
  // NUL cannot be written in N-Triples by every reader; keep text offsets by replacing it.
  for (std::size_t i = out.find('\0'); i != std::string::npos; i = out.find('\0', i)) out.replace(i, 1, "\xEF\xBF\xBD");
  return out;
}

// Percent-encodes c as %XX.
void percent_encode(std::string& out, unsigned char c) { out += fmt::format("%{:02X}", c); }

}  // namespace

std::optional<RdfFormat> parse_rdf_format(std::string_view name) {
  if (name == "turtle" || name == "ttl") return RdfFormat::Turtle;
  if (name == "ntriples" || name == "nt") return RdfFormat::NTriples;
  if (name == "nquads" || name == "nq") return RdfFormat::NQuads;
  if (name == "trig") return RdfFormat::TriG;
  return std::nullopt;
}

bool is_absolute_iri(std::string_view s) {
  const std::size_t colon = s.find(':');
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (colon == std::string_view::npos || colon == 0 || !alpha(s[0])) return false;
  return std::all_of(s.begin() + 1, s.begin() + static_cast<std::ptrdiff_t>(colon),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'; });
}

std::string iri_escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
        c == '\\')
      percent_encode(out, c);
    else
      out += static_cast<char>(c);
  }
  return valid_utf8(out);
}

std::string iri_segment_escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                            c == '_' || c == '~';
    if (unreserved || c >= 0x80)
      out += static_cast<char>(c);
    else
      percent_encode(out, c);
  }
  return valid_utf8(out);
}

std::string Iris::document(const model::DocumentInfo& info) const { return base + "doc/" + iri_segment_escape(info.id); }
std::string Iris::actor(std::string_view id) const { return base + "actor/" + iri_segment_escape(id); }
std::string Iris::fact(const model::DocumentInfo& info, const model::Fact& f) const { return fact_in(document(info), f.local_id); }
std::string Iris::span(const model::DocumentInfo& info, const model::Span& s) const { return span_in(document(info), s); }
std::string Iris::fact_in(std::string_view document_iri, std::string_view local_id) {
  std::string id(document_iri);
  id.append("/").append(local_id);
  return id;
}
std::string Iris::span_in(std::string_view document_iri, const model::Span& s) {
  std::string id(document_iri);
  id.append("#char=").append(std::to_string(s.begin)).append(",").append(std::to_string(s.end));
  return id;
}
std::string Iris::actors_graph() const { return base + "actors"; }

struct RdfWriter::Impl {
  bool failed = false;  // a statement Serd refused
  RdfOptions options;
  Iris iris;
  std::FILE* out;
  std::string* capture = nullptr;  // when set, Serd's output goes here instead of `out`
  std::size_t statements = 0;
  SerdEnv* env = nullptr;
  SerdWriter* writer = nullptr;
  std::set<std::string> actors_written;
  std::string graph;  // current graph IRI, empty for the default graph

  Impl(std::FILE* out_, RdfOptions options_, unsigned extra_style = 0);  // SerdStyle flags
  ~Impl() {
    if (writer) serd_writer_free(writer);
    if (env) serd_env_free(env);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  static std::size_t sink(const void* buffer, std::size_t size, void* stream) {
    Impl& m = *static_cast<Impl*>(stream);
    if (m.capture) {
      m.capture->append(static_cast<const char*>(buffer), size);
      return size;
    }
    return std::fwrite(buffer, 1, size, m.out);
  }
  bool quads() const { return options.format == RdfFormat::NQuads || options.format == RdfFormat::TriG; }
  void emit(const std::string& subject, const std::string& predicate, const Term& object) {
    SerdNode s = node(subject, SERD_URI);
    SerdNode p = node(predicate, SERD_URI);
    std::string value = object.type == SERD_LITERAL ? valid_utf8(object.value) : object.value;
    SerdNode o = node(value, object.type);
    // Serd's Turtle and TriG writer puts a literal holding a quote or a line break in a long
    // string ("""..."""); Serd 0.30's reader mis-reads a long string holding '"\' or ending
    // in '""' (rapper reads both). Without the flags that choose the long form, such a literal
    // goes out as a short string with its quotes and line breaks escaped, which all readers read.
    if (object.type == SERD_LITERAL && (value.find("\"\\") != std::string::npos || value.ends_with("\"\"")))
      o.flags = 0;
    SerdNode dt = node(object.datatype, SERD_URI);
    SerdNode lang = node(object.lang, SERD_LITERAL);
    SerdNode g = node(graph, SERD_URI);
    ++statements;
    if (serd_writer_write_statement(writer, 0, quads() && !graph.empty() ? &g : nullptr, &s, &p, &o,
                                    object.datatype.empty() ? nullptr : &dt, object.lang.empty() ? nullptr : &lang) != SERD_SUCCESS)
      failed = true;  // Serd refused the statement (and may have written part of it): the output is unusable
  }

  // The IRIs of the document being written, made once: a document has hundreds of them.
  std::string doc_iri;
  std::map<std::string, std::string, std::less<>> actor_iris;
  const std::string& actor_iri(const std::string& actor_id) {
    auto it = actor_iris.find(actor_id);
    if (it == actor_iris.end()) it = actor_iris.emplace(actor_id, iris.actor(actor_id)).first;
    return it->second;
  }
  std::string span_iri(const model::Span& s) const { return Iris::span_in(doc_iri, s); }
  using SpansWritten = std::set<std::pair<std::size_t, std::size_t>>;
  void write_span(const model::Span& s, SpansWritten& written) {
    if (!written.emplace(s.begin, s.end).second) return;
    const std::string id = span_iri(s);
    const std::string& doc = doc_iri;
    emit(id, kRdfType, iri(nif("String")));
    emit(id, nif("referenceContext"), iri(doc));
    emit(id, nif("beginIndex"), typed(std::to_string(s.begin), "nonNegativeInteger"));
    emit(id, nif("endIndex"), typed(std::to_string(s.end), "nonNegativeInteger"));
    emit(id, nif("anchorOf"), literal(s.anchor));
  }

  void write_actor(const model::Actor& a) {
    std::string id = iris.actor(a.id);
    emit(id, kRdfType, iri(nkg(model::name(a.type))));
    emit(id, kRdfsLabel, english(a.label));
    if (!a.iso3.empty()) emit(id, nkg("iso3"), literal(a.iso3));
    if (!a.wikidata.empty()) emit(id, fmt::format("{}sameAs", vocab::kOwl), iri(fmt::format("{}{}", vocab::kWd, a.wikidata)));
    if (!a.affiliation.empty()) emit(id, nkg("affiliation"), iri(iris.actor(a.affiliation)));
    if (!a.role.empty()) emit(id, nkg("role"), literal(a.role));
  }

  void write_document(const model::DocumentGraph& g);  // all but the actors
  void write_fact(const model::DocumentGraph& g, const model::Fact& f, SpansWritten& spans) {
    using model::FactKind;
    const std::string id = Iris::fact_in(doc_iri, f.local_id);
    const std::string& doc = doc_iri;
    emit(id, kRdfType, iri(nkg(model::name(f.kind))));
    auto roles = [&](const char* predicate, const std::vector<std::string>& actors) {
      for (const std::string& a : actors) emit(id, nkg(predicate), iri(actor_iri(a)));
    };
    roles("claimant", f.claimant);
    roles("accused", f.accused);
    roles("provider", f.provider);
    roles("recipient", f.recipient);
    roles("party", f.party);
    if (f.about && *f.about < g.facts.size()) emit(id, nkg("about"), iri(Iris::fact_in(doc_iri, g.facts[*f.about].local_id)));
    if (f.aid_type) emit(id, nkg("aidType"), iri(nkg(model::name(*f.aid_type))));
    if (f.agreement_type) emit(id, nkg("agreementType"), iri(nkg(model::name(*f.agreement_type))));
    if (f.status) emit(id, nkg("status"), iri(nkg(model::name(*f.status))));
    if (f.quantity) {
      emit(id, nkg("quantity"), typed(f.quantity->value, "decimal"));
      if (!f.quantity->unit.empty()) emit(id, nkg("quantityUnit"), literal(f.quantity->unit));
      emit(id, nkg("quantityBound"), iri(nkg(model::name(f.quantity->bound))));
    }
    if (f.date) emit(id, nkg("date"), typed(f.date->lexical(), f.date->datatype()));
    if (!f.description.empty()) emit(id, nkg("actDescription"), literal(f.description));
    if (!f.cameo.empty()) emit(id, nkg("cameoCode"), literal(f.cameo));
    if (!f.plover.empty()) emit(id, nkg("ploverType"), literal(f.plover));
    for (const model::Span& s : f.evidence) emit(id, nkg("evidence"), iri(span_iri(s)));
    if (f.trigger) emit(id, nkg("trigger"), iri(span_iri(*f.trigger)));
    emit(id, fmt::format("{}wasDerivedFrom", vocab::kProv), iri(doc));
    emit(id, nkg("extractedBy"), literal(f.rule));
    for (const model::Span& s : f.evidence) write_span(s, spans);
    if (f.trigger) write_span(*f.trigger, spans);
  }
};

RdfWriter::Impl::Impl(std::FILE* out_, RdfOptions options_, unsigned extra_style) : options(std::move(options_)), out(out_) {
  iris.base = options.base;
  env = serd_env_new(nullptr);
  SerdSyntax syntax = SERD_TURTLE;
  unsigned style = SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED;
  switch (options.format) {
    case RdfFormat::Turtle: syntax = SERD_TURTLE; break;
    case RdfFormat::TriG: syntax = SERD_TRIG; break;
    case RdfFormat::NTriples: syntax = SERD_NTRIPLES; style = 0; break;
    case RdfFormat::NQuads: syntax = SERD_NQUADS; style = 0; break;
  }
  writer = serd_writer_new(syntax, static_cast<SerdStyle>(style | extra_style), env, nullptr, &Impl::sink, this);
  if (syntax == SERD_TURTLE || syntax == SERD_TRIG) {
    for (const vocab::Prefix& p : vocab::kPrefixes) {
      std::string name(p.name), uri(p.iri);
      SerdNode n = node(name, SERD_LITERAL);
      SerdNode u = node(uri, SERD_URI);
      serd_env_set_prefix(env, &n, &u);
      serd_writer_set_prefix(writer, &n, &u);
    }
  }
}

void RdfWriter::Impl::write_document(const model::DocumentGraph& g) {
  doc_iri = iris.document(g.info);
  actor_iris.clear();
  const std::string& doc = doc_iri;
  graph = doc;
  emit(doc, kRdfType, iri(nkg("Document")));
  emit(doc, kRdfType, iri(nif("Context")));
  if (!g.info.title.empty()) emit(doc, fmt::format("{}title", vocab::kDcterms), literal(g.info.title));
  // A URL without a scheme is no IRI that N-Triples can hold: it goes out as a plain literal.
  if (!g.info.url.empty())
    emit(doc, fmt::format("{}source", vocab::kDcterms), is_absolute_iri(g.info.url) ? iri(iri_escape(g.info.url)) : literal(g.info.url));
  if (!g.info.source.empty()) emit(doc, nkg("sourceName"), literal(g.info.source));
  if (g.info.published) emit(doc, fmt::format("{}issued", vocab::kDcterms), typed(g.info.published->lexical(), g.info.published->datatype()));
  if (options.include_text) emit(doc, nif("isString"), literal(g.info.text));
  SpansWritten spans;
  for (const model::Fact& f : g.facts) write_fact(g, f, spans);
  for (const model::Mention& mention : g.mentions) {
    write_span(mention.span, spans);
    emit(span_iri(mention.span), nkg("mentions"), iri(actor_iri(mention.actor_id)));
  }
  graph = iris.actors_graph();
}

// Line-based output goes to Serd in pages (far fewer sink calls), flushed after each document.
RdfWriter::RdfWriter(std::FILE* out, RdfOptions options)
    : impl_(std::make_unique<Impl>(out, options, renders_apart(options.format) ? SERD_STYLE_BULK : 0)) {}

RdfWriter::~RdfWriter() = default;

bool renders_apart(RdfFormat format) { return format == RdfFormat::NTriples || format == RdfFormat::NQuads; }

RenderedDocument RdfWriter::render(const model::DocumentGraph& g) const {
  // A writer of its own, so that threads can render at once; line-based syntaxes keep no
  // state from one statement to the next, so the pieces join into what one writer would write.
  // It buffers Serd's output in pages (far fewer sink calls) and flushes before each switch.
  Impl scratch(nullptr, impl_->options, SERD_STYLE_BULK);
  RenderedDocument rendered;
  scratch.capture = &rendered.statements;
  scratch.write_document(g);
  serd_writer_finish(scratch.writer);
  rendered.count = scratch.statements;
  for (const model::Actor& a : g.actors) {
    RenderedDocument::Actor& piece = rendered.actors.emplace_back();
    piece.id = a.id;
    scratch.capture = &piece.statements;
    const std::size_t before = scratch.statements;
    scratch.write_actor(a);
    serd_writer_finish(scratch.writer);
    piece.count = scratch.statements - before;
  }
  rendered.failed = scratch.failed;
  return rendered;
}

void RdfWriter::write(const RenderedDocument& rendered) {
  Impl& m = *impl_;
  auto put = [&](const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), m.out) != text.size()) m.failed = true;
  };
  put(rendered.statements);
  m.statements += rendered.count;
  for (const RenderedDocument::Actor& a : rendered.actors)
    if (m.actors_written.insert(a.id).second) {
      put(a.statements);
      m.statements += a.count;
    }
  m.failed |= rendered.failed;
}

void RdfWriter::write(const model::DocumentGraph& g) {
  Impl& m = *impl_;
  m.write_document(g);
  for (const model::Actor& a : g.actors)
    if (m.actors_written.insert(a.id).second) m.write_actor(a);
  // The page Serd holds goes out now: the document is whole in the output, ready for a
  // filter's reader, and a write(RenderedDocument) may follow. (Turtle and TriG keep their
  // open statement, and write unbuffered.)
  if (renders_apart(m.options.format)) serd_writer_finish(m.writer);
}

std::size_t RdfWriter::statements() const { return impl_->statements; }

bool RdfWriter::finish() {
  serd_writer_finish(impl_->writer);
  std::fflush(impl_->out);
  return !std::ferror(impl_->out) && !impl_->failed;
}

}  // namespace newskg::exporters
