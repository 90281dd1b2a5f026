#include "newskg/rdf_writer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
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

const std::string kRdfType = concat(vocab::kRdf, "type");
const std::string kRdfsLabel = concat(vocab::kRdfs, "label");
// The IRIs written for every span and mention, made once rather than per statement.
const std::string kNifString = nif("String");
const std::string kNifReferenceContext = nif("referenceContext");
const std::string kNifBeginIndex = nif("beginIndex");
const std::string kNifEndIndex = nif("endIndex");
const std::string kNifAnchorOf = nif("anchorOf");
const std::string kNkgMentions = nkg("mentions");
const std::string kNkgEvidence = nkg("evidence");
const std::string kXsdNonNegativeInteger = xsd("nonNegativeInteger");

// An RDF term to write: views of strings that live at least until the statement is written.
struct Term {
  SerdType type = SERD_URI;
  std::string_view value;
  std::string_view datatype;  // the whole IRI, for typed literals
  std::string_view lang;
};

Term iri(std::string_view v) { return {SERD_URI, v, {}, {}}; }
Term literal(std::string_view v) { return {SERD_LITERAL, v, {}, {}}; }
Term typed(std::string_view v, std::string_view datatype_iri) { return {SERD_LITERAL, v, datatype_iri, {}}; }
Term english(std::string_view v) { return {SERD_LITERAL, v, {}, "en"}; }

SerdNode node(std::string_view s, SerdType type) {
  // Serd's writers read only the bytes of an IRI; its flags and code-point count matter for
  // literals alone (long strings, escapes), so only literals pay for the scan that finds them.
  if (type == SERD_URI) return SerdNode{reinterpret_cast<const uint8_t*>(s.data()), s.size(), s.size(), 0, SERD_URI};
  return serd_node_from_substring(type, reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Replaces ill-formed UTF-8 with U+FFFD so that every literal written is valid.
std::string valid_utf8(std::string_view s) {
  std::string out = model::to_valid_utf8(s);
  // NUL cannot be written in N-Triples by every reader; keep text offsets by replacing it.
  for (std::size_t i = out.find('\0'); i != std::string::npos; i = out.find('\0', i)) out.replace(i, 1, "\xEF\xBF\xBD");
  return out;
}
// True when valid_utf8(s) would change s (rare: most text is clean, and is then not copied).
bool needs_repair(std::string_view s) { return s.find('\0') != std::string_view::npos || !model::is_valid_utf8(s); }

// Percent-encodes c as %XX.
void percent_encode(std::string& out, unsigned char c) { out += fmt::format("%{:02X}", c); }

// Per byte: 0 written as it is, 1 written as \uXXXX, or the letter that follows a backslash.
using EscapeTable = std::array<char, 256>;
constexpr EscapeTable make_escape_table(bool for_iri) {
  EscapeTable t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  t[0x7F] = 1;
  if (for_iri) {
    for (unsigned char c : std::string_view(" \"<>\\^`{|}")) t[c] = 1;
  } else {
    t['"'] = '"';
    t['\\'] = '\\';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
  }
  return t;
}

// N-Triples and N-Quads are written here, not by Serd: a line is a few appends, and Serd's
// writer (a sink call per node and separator, a test per character) cost as much as all of
// extraction. The bytes are those Serd writes (tests/test_rdf_writer.cpp has Serd read
// them back and write them again, unchanged): printable ASCII as it is, UTF-8 as it is, the
// rest as \uXXXX, plus \" \\ \n \r \t in literals. Input is valid UTF-8 (see valid_utf8).
class LineEncoder {
 public:
  explicit LineEncoder(std::string& out) : out_(out) {}

  void iri(std::string_view v) {
    out_ += '<';
    escaped(v, kIriEscapes, [](Bytes16 b) { return (b <= ' ') | (b == 0x7F) | (b == '"') | (b == '<') | (b == '>') | (b == '\\') |
                                                    (b == '^') | (b == '`') | (b == '{') | (b == '|') | (b == '}'); });
    out_ += '>';
  }
  void literal(std::string_view v, std::string_view datatype, std::string_view lang) {
    out_ += '"';
    escaped(v, kLiteralEscapes, [](Bytes16 b) { return (b < ' ') | (b == 0x7F) | (b == '"') | (b == '\\'); });
    out_ += '"';
    if (!datatype.empty()) {
      out_ += "^^";
      iri(datatype);
    } else if (!lang.empty()) {
      out_ += '@';
      out_ += lang;
    }
  }
  void separator() { out_ += ' '; }
  void end() { out_ += " .\n"; }

 private:
  static constexpr EscapeTable kIriEscapes = make_escape_table(true);
  static constexpr EscapeTable kLiteralEscapes = make_escape_table(false);

  // Sixteen bytes at a time (GCC and Clang vector extensions; plain code where there is no SIMD).
  using Bytes16 = unsigned char __attribute__((vector_size(16)));

  // `flags16` marks, in 16 bytes, those that `table` does not write as they are.
  template <class Flags16>
  void escaped(std::string_view v, const EscapeTable& table, Flags16 flags16) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(v.data());
    const std::size_t n = v.size();
    std::size_t run = 0;  // start of the bytes not yet appended
    std::size_t i = 0;
    while (true) {
      // Nearly every byte goes out as it is: skip them sixteen at a time.
      for (; i + 16 <= n; i += 16) {
        Bytes16 block;
        std::memcpy(&block, bytes + i, 16);
        const auto flags = flags16(block);
        std::uint64_t halves[2];
        std::memcpy(halves, &flags, 16);
        if (halves[0] | halves[1]) break;
      }
      while (i < n && table[bytes[i]] == 0) ++i;
      if (i == n) break;
      out_.append(v.data() + run, i - run);
      const char e = table[bytes[i]];
      if (e == 1) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        const char code[] = {'\\', 'u', '0', '0', kHex[bytes[i] >> 4], kHex[bytes[i] & 0xF]};
        out_.append(code, sizeof code);
      } else {
        const char code[] = {'\\', e};
        out_.append(code, sizeof code);
      }
      run = ++i;
    }
    out_.append(v.data() + run, n - run);
  }

  std::string& out_;
};

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
  bool failed = false;  // a statement Serd refused, or a write that failed
  RdfOptions options;
  Iris iris;
  std::FILE* out;
  std::string* capture = nullptr;  // when set, the output goes here instead of `out`
  std::size_t statements = 0;
  // N-Triples and N-Quads: lines encoded here (LineEncoder) into `lines` and written out a
  // page at a time. Turtle and TriG: Serd's writer, which abbreviates.
  bool line_based;
  std::string lines;
  SerdEnv* env = nullptr;
  SerdWriter* writer = nullptr;
  std::set<std::string> actors_written;
  std::string graph;  // current graph IRI, empty for the default graph

  static constexpr std::size_t kLinePage = 64 * 1024;  // written out when this much is pending

  Impl(std::FILE* out_, RdfOptions options_);
  ~Impl() {
    if (writer) serd_writer_free(writer);
    if (env) serd_env_free(env);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void put(std::string_view bytes) {
    if (capture) capture->append(bytes);
    else if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size()) failed = true;
  }
  static std::size_t sink(const void* buffer, std::size_t size, void* stream) {
    static_cast<Impl*>(stream)->put(std::string_view(static_cast<const char*>(buffer), size));
    return size;
  }
  // Hands what was written so far to the output: at the end of each document and of the output.
  void flush() {
    if (writer) serd_writer_finish(writer);
    if (!lines.empty()) put(lines);
    lines.clear();
  }
  bool quads() const { return options.format == RdfFormat::NQuads || options.format == RdfFormat::TriG; }
  void emit(std::string_view subject, std::string_view predicate, const Term& object) {
    ++statements;
    std::string repaired;
    std::string_view value = object.value;
    if (object.type == SERD_LITERAL && needs_repair(value)) value = repaired = valid_utf8(value);
    const bool in_graph = quads() && !graph.empty();
    if (line_based) {
      LineEncoder line(capture ? *capture : lines);
      line.iri(subject);
      line.separator();
      line.iri(predicate);
      line.separator();
      if (object.type == SERD_URI) line.iri(value);
      else line.literal(value, object.datatype, object.lang);
      if (in_graph) {
        line.separator();
        line.iri(graph);
      }
      line.end();
      if (lines.size() >= kLinePage) flush();
      return;
    }
    SerdNode s = node(subject, SERD_URI);
    SerdNode p = node(predicate, SERD_URI);
    SerdNode o = node(value, object.type);
    // Serd's Turtle and TriG writer puts a literal holding a quote or a line break in a long
    // string ("""..."""); Serd 0.30's reader mis-reads a long string holding '"\' or ending
    // in '""' (rapper reads both). Without the flags that choose the long form, such a literal
    // goes out as a short string with its quotes and line breaks escaped, which all readers read.
    if (object.type == SERD_LITERAL && (value.find("\"\\") != std::string_view::npos || value.ends_with("\"\"")))
      o.flags = 0;
    SerdNode dt = node(object.datatype, SERD_URI);
    SerdNode lang = node(object.lang, SERD_LITERAL);
    SerdNode g = node(graph, SERD_URI);
    if (serd_writer_write_statement(writer, 0, in_graph ? &g : nullptr, &s, &p, &o, object.datatype.empty() ? nullptr : &dt,
                                    object.lang.empty() ? nullptr : &lang) != SERD_SUCCESS)
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
    if (written.emplace(s.begin, s.end).second) describe_span(s, span_iri(s));
  }
  void describe_span(const model::Span& s, const std::string& id) {
    const std::string& doc = doc_iri;
    emit(id, kRdfType, iri(kNifString));
    emit(id, kNifReferenceContext, iri(doc));
    emit(id, kNifBeginIndex, typed(std::to_string(s.begin), kXsdNonNegativeInteger));
    emit(id, kNifEndIndex, typed(std::to_string(s.end), kXsdNonNegativeInteger));
    emit(id, kNifAnchorOf, literal(s.anchor));
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
      emit(id, nkg("quantity"), typed(f.quantity->value, xsd("decimal")));
      if (!f.quantity->unit.empty()) emit(id, nkg("quantityUnit"), literal(f.quantity->unit));
      emit(id, nkg("quantityBound"), iri(nkg(model::name(f.quantity->bound))));
    }
    if (f.date) emit(id, nkg("date"), typed(f.date->lexical(), xsd(f.date->datatype())));
    if (!f.description.empty()) emit(id, nkg("actDescription"), literal(f.description));
    if (!f.cameo.empty()) emit(id, nkg("cameoCode"), literal(f.cameo));
    if (!f.plover.empty()) emit(id, nkg("ploverType"), literal(f.plover));
    for (const model::Span& s : f.evidence) emit(id, kNkgEvidence, iri(span_iri(s)));
    if (f.trigger) emit(id, nkg("trigger"), iri(span_iri(*f.trigger)));
    emit(id, fmt::format("{}wasDerivedFrom", vocab::kProv), iri(doc));
    emit(id, nkg("extractedBy"), literal(f.rule));
    for (const model::Span& s : f.evidence) write_span(s, spans);
    if (f.trigger) write_span(*f.trigger, spans);
  }
};

RdfWriter::Impl::Impl(std::FILE* out_, RdfOptions options_)
    : options(std::move(options_)), out(out_), line_based(renders_apart(options.format)) {
  iris.base = options.base;
  if (line_based) return;
  env = serd_env_new(nullptr);
  const SerdSyntax syntax = options.format == RdfFormat::TriG ? SERD_TRIG : SERD_TURTLE;
  writer = serd_writer_new(syntax, static_cast<SerdStyle>(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED), env, nullptr, &Impl::sink, this);
  for (const vocab::Prefix& p : vocab::kPrefixes) {
    const std::string name(p.name), uri(p.iri);
    SerdNode n = node(name, SERD_LITERAL);
    SerdNode u = node(uri, SERD_URI);
    serd_env_set_prefix(env, &n, &u);
    serd_writer_set_prefix(writer, &n, &u);
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
  if (g.info.published) emit(doc, fmt::format("{}issued", vocab::kDcterms), typed(g.info.published->lexical(), xsd(g.info.published->datatype())));
  if (options.include_text) emit(doc, nif("isString"), literal(g.info.text));
  SpansWritten spans;
  for (const model::Fact& f : g.facts) write_fact(g, f, spans);
  for (const model::Mention& mention : g.mentions) {
    const std::string id = span_iri(mention.span);
    if (spans.emplace(mention.span.begin, mention.span.end).second) describe_span(mention.span, id);
    emit(id, kNkgMentions, iri(actor_iri(mention.actor_id)));
  }
  graph = iris.actors_graph();
}

RdfWriter::RdfWriter(std::FILE* out, RdfOptions options) : impl_(std::make_unique<Impl>(out, std::move(options))) {}

RdfWriter::~RdfWriter() = default;

bool renders_apart(RdfFormat format) { return format == RdfFormat::NTriples || format == RdfFormat::NQuads; }

void RdfWriter::render(const model::DocumentGraph& g, RenderedDocument& rendered) const {
  // A writer of its own, so that threads can render at once; line-based syntaxes keep no
  // state from one statement to the next, so the pieces join into what one writer would write.
  Impl scratch(nullptr, impl_->options);
  rendered.statements.clear();
  scratch.capture = &rendered.statements;
  scratch.write_document(g);
  rendered.count = scratch.statements;
  rendered.actors.resize(g.actors.size());
  for (std::size_t i = 0; i < g.actors.size(); ++i) {
    RenderedDocument::Actor& piece = rendered.actors[i];
    piece.id = g.actors[i].id;
    piece.statements.clear();
    scratch.capture = &piece.statements;
    const std::size_t before = scratch.statements;
    scratch.write_actor(g.actors[i]);
    piece.count = scratch.statements - before;
  }
  rendered.failed = scratch.failed;
}

void RdfWriter::write(const RenderedDocument& rendered) {
  Impl& m = *impl_;
  m.put(rendered.statements);
  m.statements += rendered.count;
  for (const RenderedDocument::Actor& a : rendered.actors)
    if (m.actors_written.insert(a.id).second) {
      m.put(a.statements);
      m.statements += a.count;
    }
  m.failed |= rendered.failed;
}

void RdfWriter::write(const model::DocumentGraph& g) {
  Impl& m = *impl_;
  m.write_document(g);
  for (const model::Actor& a : g.actors)
    if (m.actors_written.insert(a.id).second) m.write_actor(a);
  // The document goes out whole now, ready for a filter's reader, and a
  // write(RenderedDocument) may follow. (Turtle and TriG keep their open statement.)
  if (m.line_based) m.flush();
}

std::size_t RdfWriter::statements() const { return impl_->statements; }

bool RdfWriter::finish() {
  impl_->flush();
  std::fflush(impl_->out);
  return !std::ferror(impl_->out) && !impl_->failed;
}

}  // namespace newskg::exporters
