// The event table: one row per fact, tab-separated, for pandas, R and spreadsheets.
//
// Format: UTF-8 (no byte-order mark), LF line ends, one header line, then one line per fact
// in the documents' order. The columns, always in this order:
//
//   document  fact  kind  agents  targets  type  status  quantity  unit  bound  date  cameo
//   evidence  begin  end  rule
//
// document and fact are the IRIs of the RDF output (the same --base); agents are the
// claimants, providers or parties and targets the accused or recipients, as actor ids (the
// last segment of their IRIs) joined by ";"; type is the aid or agreement type (ontology
// names, "TroopsAid") or an OtherAct's description; status, bound are ontology names; date is
// YYYY, YYYY-MM or YYYY-MM-DD; evidence is the text of the fact's first evidence span and
// begin, end its code-point offsets in the document text (end exclusive), so that
// text[begin:end] == evidence in Python. An empty field is an unknown value.
//
// Escaping (RFC 4180 quoting, with a tab for the comma): a field that holds a tab, a line
// break or a double quote is written between double quotes, with each double quote inside
// doubled; every other field is written as it is. pandas.read_csv(sep="\t"), R's
// read.delim() and Python's csv.reader(delimiter="\t") read it back exactly; so do
// spreadsheets that import tab-separated text with " as the string delimiter. Read cameo as
// text (dtype=str, colClasses="character") to keep its leading zeros.
#pragma once

#include <string>
#include <string_view>

#include "newskg/model.hpp"
#include "newskg/rdf_writer.hpp"

namespace newskg::exporters {

// The header line, "\n" included.
std::string event_table_header();

// One line per fact of the document, "\n" after each.
std::string event_table_rows(const model::DocumentGraph&, const Iris&);

// One field, quoted when needed (see above).
std::string tsv_field(std::string_view);

}  // namespace newskg::exporters
