// The report for people: one self-contained HTML page (CSS and SVG inline, no script, no
// external resource) that shows, for each document, its text with every evidence span
// highlighted by fact kind, the table of facts, the actors and the drawing of its graph.
//
// The markup of the text. The text is cut at every boundary of an evidence span or trigger
// and each fact's evidence span becomes
//   <mark class="ev k-aid" data-fact="FACT IRI" data-span="BEGIN,END" title="...">...</mark>
// (BEGIN, END: code-point offsets, as in the RDF's NIF spans). Elements nest properly: where
// two spans cross, the inner one is closed at the boundary and reopened after it, so a span
// may be several <mark> elements with the same data-fact and data-span, and the text of a
// span is the text of those elements, less the footnote markers inside them. After the end
// of each span comes its footnote marker, <sup class="fn"><a href="#dN-fK">[K Kind]</a></sup>,
// linking to the fact's row (<tr id="dN-fK" data-fact="FACT IRI">) in the table of facts.
// Triggers are <span class="trigger"> inside their spans.
#pragma once

#include <string>
#include <vector>

#include "newskg/model.hpp"
#include "newskg/vocab.hpp"

namespace newskg::exporters {

struct ReportDocument {
  std::string name;  // what the reader knows the document by: its file name
  model::DocumentGraph graph;
};

struct ReportOptions {
  std::string base = std::string(vocab::kDefaultBase);  // IRIs, the same as the RDF's
  std::string title = "newskg report";
  std::string generator;  // "newskg 0.1.0", named in the page's footer when given
};

// The whole page. Documents are numbered 1, 2 ... in the given order (ids "d1-...").
std::string html_report(const std::vector<ReportDocument>& documents, const ReportOptions& options);

// Escapes text for HTML content and attribute values: & < > " ' as references, CR and the
// other C0 controls but tab and LF as numeric references (so the DOM keeps every code point
// of the text, and the offsets stay right), NUL as U+FFFD, invalid UTF-8 as U+FFFD.
std::string html_escape(std::string_view);

}  // namespace newskg::exporters
