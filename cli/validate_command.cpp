// `newskg validate DATA... [--shapes FILE]... [--ontology FILE]... [-f text|turtle] [-o OUT]`:
// wires files to the SHACL validator of validation/.
#include "command.hpp"
#include "validate_command.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "newskg/resources.hpp"
#include "newskg/shacl.hpp"

namespace newskg::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr int kExitConforms = 0;
constexpr int kExitViolations = 1;
constexpr int kExitUnusable = 2;  // a usage error, or an input that cannot be used


const char* kValidateUsage =
    "Usage: newskg validate DATA... [options]\n"
    "\n"
    "Validates RDF graphs with SHACL (Core): every DATA file (.ttl, .nt, .nq, .trig; - for\n"
    "standard input) is merged into one data graph, the ontology's rdfs:subClassOf triples are\n"
    "added, and the graph is checked against the shapes (by default ontology/shapes.ttl, the\n"
    "graph contract of newskg's output). Writes one line per result (file, focus node, path,\n"
    "message) or a standard sh:ValidationReport in Turtle.\n"
    "\n"
    "Exit codes: 0 the data conforms (no result of severity sh:Violation; warnings are\n"
    "reported but do not fail); 1 it does not; 2 a usage error or an input that cannot be\n"
    "used (unreadable or unparsable data, shapes or ontology).\n"
    "\n"
    "Options";

void write_all(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw validation::InputError("-: cannot write to standard output");
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw validation::InputError(fmt::format("{}: cannot write here ({})", path, std::strerror(errno)));
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) throw validation::InputError(fmt::format("{}: cannot write the report", path));
}

fs::path data_dir_or_default(const po::variables_map& vm) {
  return vm.count("data") ? fs::path(vm["data"].as<std::string>()) : Resources::default_data_dir();
}

int validate(const std::vector<std::string>& args) {
  po::options_description opts(kValidateUsage);
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("shapes", po::value<std::vector<std::string>>()->value_name("FILE"), "a SHACL shapes file (Turtle); repeatable (default: shapes.ttl of the data directory)")
      ("ontology", po::value<std::vector<std::string>>()->value_name("FILE"), "an ontology whose rdfs:subClassOf triples join the data; repeatable (default: newskg.ttl of the data directory)")
      ("no-ontology", "add no ontology")
      ("format,f", po::value<std::string>()->default_value("text")->value_name("FMT"), "text or turtle (an sh:ValidationReport)")
      ("input-format,i", po::value<std::string>()->value_name("FMT"), "syntax of every DATA file: turtle, ntriples, nquads, trig (default: from the extension, else turtle)")
      ("output,o", po::value<std::string>()->value_name("OUT"), "write the report to OUT instead of standard output")
      ("data", po::value<std::string>()->value_name("DIR"), "the data directory (default: $NEWSKG_DATA or the built-in one)");
  // clang-format on
  const auto parsed = parse_command(args, opts);
  if (!parsed) return kExitConforms;
  const po::variables_map& vm = *parsed;
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "turtle" && format != "ttl")
    throw UsageError(fmt::format("option '--format': unknown format '{}' (text, turtle)", format));
  std::optional<validation::Syntax> syntax;
  if (vm.count("input-format")) {
    syntax = validation::parse_syntax(vm["input-format"].as<std::string>());
    if (!syntax)
      throw UsageError(fmt::format("option '--input-format': unknown syntax '{}' (turtle, ntriples, nquads, trig)",
                                   vm["input-format"].as<std::string>()));
  }
  if (!vm.count("input")) throw UsageError("no DATA file to validate (try 'newskg validate --help')");
  if (vm.count("no-ontology") && vm.count("ontology")) throw UsageError("option '--no-ontology': cannot be combined with '--ontology'");

  validation::Validator validator;
  std::vector<std::string> shapes = vm.count("shapes") ? vm["shapes"].as<std::vector<std::string>>()
                                                       : std::vector<std::string>{(data_dir_or_default(vm) / "shapes.ttl").string()};
  std::vector<std::string> ontologies;
  if (vm.count("ontology"))
    ontologies = vm["ontology"].as<std::vector<std::string>>();
  else if (!vm.count("no-ontology"))
    ontologies.push_back((data_dir_or_default(vm) / "newskg.ttl").string());
  for (const std::string& f : shapes) validator.add_shapes_file(f);
  for (const std::string& f : ontologies) validator.add_ontology_file(f);
  for (const std::string& f : vm["input"].as<std::vector<std::string>>()) {
    std::error_code ec;
    if (f != "-" && fs::is_directory(f, ec)) throw validation::InputError(fmt::format("{}: is a directory; give the graph files inside it", f));
    validator.add_data_file(f, syntax);
  }
  const validation::Report report = validator.validate();
  const std::string out = vm.count("output") ? vm["output"].as<std::string>() : "-";
  write_all(format == "text" ? validator.report_text(report) : validator.report_turtle(report), out);
  return report.count(validation::Severity::Violation) ? kExitViolations : kExitConforms;
}

}  // namespace

int run_validate(const std::vector<std::string>& args) {
  try {
    return validate(args);
  } catch (const UsageError& e) {
    fmt::print(stderr, "newskg validate: {}\n", e.what());
    return kExitUnusable;
  } catch (const validation::InputError& e) {
    fmt::print(stderr, "newskg validate: {}\n", e.what());
    return kExitUnusable;
  }
}

ValidatedOutput::ValidatedOutput(bool enabled, std::FILE* out) : enabled_(enabled), out_(out) {
  if (!enabled_) return;
  buffer_file_ = ::open_memstream(&buffer_, &size_);
  if (!buffer_file_) throw std::runtime_error("cannot allocate the buffer for --validate");
}

ValidatedOutput::~ValidatedOutput() {
  if (buffer_file_) std::fclose(buffer_file_);
  std::free(buffer_);
}

bool ValidatedOutput::finish(exporters::RdfFormat format, const fs::path& data_dir) {
  if (!enabled_) return true;
  std::fclose(buffer_file_);
  buffer_file_ = nullptr;
  const std::string text(buffer_ ? buffer_ : "", size_);
  validation::Syntax syntax = validation::Syntax::Turtle;
  switch (format) {
    case exporters::RdfFormat::Turtle: syntax = validation::Syntax::Turtle; break;
    case exporters::RdfFormat::NTriples: syntax = validation::Syntax::NTriples; break;
    case exporters::RdfFormat::NQuads: syntax = validation::Syntax::NQuads; break;
    case exporters::RdfFormat::TriG: syntax = validation::Syntax::TriG; break;
  }
  validation::Validator validator;
  try {
    validator.add_shapes_file((data_dir / "shapes.ttl").string());
    validator.add_ontology_file((data_dir / "newskg.ttl").string());
    validator.add_data(text, syntax, "output");
    const validation::Report report = validator.validate();
    if (report.count(validation::Severity::Violation)) {
      fmt::print(stderr, "newskg: --validate: the graph does not conform to {}; nothing was written\n{}",
                 (data_dir / "shapes.ttl").string(), validator.report_text(report));
      return false;
    }
    if (!report.conforms()) fmt::print(stderr, "{}", validator.report_text(report));
  } catch (const validation::InputError& e) {
    fmt::print(stderr, "newskg: --validate: {}\n", e.what());
    return false;
  }
  return std::fwrite(text.data(), 1, text.size(), out_) == text.size();
}

}  // namespace newskg::cli
