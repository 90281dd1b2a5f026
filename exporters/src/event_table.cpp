#include "newskg/event_table.hpp"

#include <array>

#include "fact_view.hpp"
#include "newskg/utf8.hpp"

namespace newskg::exporters {
namespace {

constexpr std::array<std::string_view, 16> kColumns{"document", "fact",     "kind",  "agents", "targets", "type",
                                                     "status",   "quantity", "unit",  "bound",  "date",    "cameo",
                                                     "evidence", "begin",    "end",   "rule"};

std::string ids(const std::vector<std::string>& actors) {
  std::string out;
  for (const std::string& a : actors) {
    if (!out.empty()) out += ';';
    out += a;
  }
  return out;
}

void append_line(std::string& out, const std::array<std::string, kColumns.size()>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += '\t';
    out += tsv_field(fields[i]);
  }
  out += '\n';
}

}  // namespace

std::string tsv_field(std::string_view raw) {
  std::string s = model::to_valid_utf8(raw);
  if (s.find_first_of("\t\n\r\"") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string event_table_header() {
  std::array<std::string, kColumns.size()> fields;
  for (std::size_t i = 0; i < kColumns.size(); ++i) fields[i] = kColumns[i];
  std::string out;
  append_line(out, fields);
  return out;
}

std::string event_table_rows(const model::DocumentGraph& g, const Iris& iris) {
  std::string out;
  const std::string doc = iris.document(g.info);
  for (const model::Fact& f : g.facts) {
    const model::Span* span = f.evidence.empty() ? nullptr : &f.evidence.front();
    append_line(out, {doc,
                      iris.fact(g.info, f),
                      std::string(model::name(f.kind)),
                      ids(view::agents(f)),
                      ids(view::patients(f)),
                      view::type_text(f),
                      f.status ? std::string(model::name(*f.status)) : "",
                      f.quantity ? f.quantity->value : "",
                      f.quantity ? f.quantity->unit : "",
                      f.quantity ? std::string(model::name(f.quantity->bound)) : "",
                      f.date ? f.date->lexical() : "",
                      f.cameo,
                      span ? span->anchor : "",
                      span ? std::to_string(span->begin) : "",
                      span ? std::to_string(span->end) : "",
                      f.rule});
  }
  return out;
}

}  // namespace newskg::exporters
