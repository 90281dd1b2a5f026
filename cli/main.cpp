// newskg: the command line. It parses options and wires the libraries together; all the
// work is in extractor/ and exporters/.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "command.hpp"
#include "eval_command.hpp"
#include "validate_command.hpp"
#include "explain_command.hpp"
#include "io.hpp"
#include "report_command.hpp"
#include "newskg/graph_writer.hpp"
#include "newskg/explain_writer.hpp"
#include "newskg/document.hpp"
#include "newskg/extractor.hpp"
#include "newskg/rdf_writer.hpp"
#include "newskg/resources.hpp"

#ifndef NEWSKG_VERSION
#define NEWSKG_VERSION "0.0.0"
#endif

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace newskg;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInput = 1;  // an input or output file could not be used
constexpr int kExitUsage = 2;  // the command line is wrong

using cli::UsageError;
using cli::InputError;

const char* kUsage =
    "Usage: newskg <command> [options]\n"
    "\n"
    "Turns English news text into a knowledge graph: actors, allegations, denials,\n"
    "confirmations, agreements and aid, with the text each fact stands on.\n"
    "\n"
    "Commands:\n"
    "  extract   read articles, write their facts as RDF\n"
    "  report    read articles, write an HTML report: highlighted evidence, facts, actors, graph\n"
    "  explain   show what the extractor saw in one sentence, and why\n"
    "  eval      score graphs or articles against gold facts (as tools/kgscore.py)\n"
    "  validate  check graphs against the SHACL shapes of the graph contract\n"
    "\n"
    "Run 'newskg <command> --help' for a command's options.\n";

using cli::Output;
using cli::read_input;

int run_extract(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: newskg extract [FILE...|-] [options]\n\n"
      "Reads UTF-8 articles (files, or - for standard input) and writes their facts as RDF.\n\nOptions");
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>()->value_name("OUT"), "write to OUT instead of standard output")
      ("format,f", po::value<std::string>()->default_value("turtle")->value_name("FMT"), "turtle, ntriples, nquads, trig, dot (the drawing) or tsv (the event table)")
      ("base", po::value<std::string>()->value_name("IRI"), "base IRI of actors, documents and facts")
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"), "publication date; relative dates are resolved against it")
      ("url", po::value<std::string>()->value_name("URL"), "the article's URL (dcterms:source)")
      ("title", po::value<std::string>()->value_name("TEXT"), "the article's title (dcterms:title)")
      ("id", po::value<std::string>()->value_name("ID"), "document id (default: a hash of the text)")
      ("no-text", "do not copy the article text into the graph (nif:isString)")
      ("strict", "refuse articles with invalid UTF-8 or NUL bytes instead of replacing those by U+FFFD")
      ("fail-fast", "stop at the first input that cannot be used, and write no output file")
      ("max-doc-bytes", po::value<std::string>()->value_name("N"), "refuse articles of more than N bytes (default 10000000; 0: no limit)")
      ("validate", "check the graph against the SHACL shapes (shapes.ttl) before writing it; exit 1 and write nothing if it does not conform")
      ("explain", po::value<std::string>()->implicit_value("-")->value_name("FILE"),
       "explain every fact (sentence, trigger, lexicon line, roles, status) on stderr, or --explain=FILE");
  // clang-format on
  cli::add_data_options(opts);
  const auto parsed = cli::parse_command(args, opts);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  exporters::RdfOptions rdf;
  const std::string format_name = vm["format"].as<std::string>();
  if (!exporters::is_output_format(format_name))
    throw UsageError(fmt::format("option '--format': unknown format '{}' (turtle, ntriples, nquads, trig, dot, tsv)", format_name));
  if (auto format = exporters::parse_rdf_format(format_name)) rdf.format = *format;
  else if (vm.count("validate")) throw UsageError(fmt::format("option '--validate': '{}' is not an RDF format", format_name));
  if (vm.count("base")) {
    rdf.base = vm["base"].as<std::string>();
    if (!exporters::is_absolute_iri(rdf.base)) throw UsageError(fmt::format("option '--base': '{}' is not an absolute IRI (it needs a scheme, as in https://...)", rdf.base));
    if (rdf.base.back() != '/' && rdf.base.back() != '#') rdf.base += '/';
    rdf.base = exporters::iri_escape(rdf.base);
  }
  rdf.include_text = !vm.count("no-text");
  std::optional<model::Date> published;
  if (vm.count("published")) {
    published = model::parse_date(vm["published"].as<std::string>());
    if (!published) throw UsageError(fmt::format("option '--published': '{}' is not a date (YYYY-MM-DD)", vm["published"].as<std::string>()));
  }
  std::vector<std::string> inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  if (vm.count("id") && inputs.size() > 1) throw UsageError("option '--id': only one input can take a given id");
  if (vm.count("url") && !exporters::is_absolute_iri(vm["url"].as<std::string>()))
    throw UsageError(fmt::format("option '--url': '{}' is not an absolute URL (it needs a scheme, as in https://...)", vm["url"].as<std::string>()));
  const bool strict = vm.count("strict") > 0, fail_fast = vm.count("fail-fast") > 0;
  std::size_t max_doc_bytes = cli::kDefaultMaxDocBytes;
  if (vm.count("max-doc-bytes")) {
    const std::string n = vm["max-doc-bytes"].as<std::string>();
    if (n.empty() || n.size() > 18 || n.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError(fmt::format("option '--max-doc-bytes': '{}' is not a number of bytes", n));
    max_doc_bytes = std::stoull(n);
  }
  if (vm.count("output"))
    for (const std::string& path : inputs) {
      std::error_code ec;
      if (path != "-" && fs::equivalent(path, vm["output"].as<std::string>(), ec))
        throw UsageError(fmt::format("option '--output': '{}' is also an input; write the graph to another file", path));
    }

  Resources resources;
  try {
    resources = cli::load_resources(vm);
  } catch (const LoadError& e) {
    throw InputError(e.what());
  }
  Extractor extractor(resources);
  std::FILE* explain = nullptr;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> explain_file(nullptr, &std::fclose);
  if (vm.count("explain")) {
    const std::string target = vm["explain"].as<std::string>();
    if (target == "-") {
      explain = stderr;
    } else {
      explain_file.reset(std::fopen(target.c_str(), "w"));
      if (!explain_file) throw InputError(fmt::format("{}: cannot write the explanations here ({})", target, std::strerror(errno)));
      explain = explain_file.get();
    }
  }

  Output out(vm.count("output") ? vm["output"].as<std::string>() : "-");
  cli::ValidatedOutput checked(vm.count("validate") > 0, out.file());
  auto writer = exporters::make_graph_writer(format_name, checked.file(), rdf);
  int status = kExitOk;
  for (const std::string& path : inputs) {
    model::DocumentInfo info;
    try {
      info.text = cli::article_text(path, read_input(path, max_doc_bytes), strict);
    } catch (const InputError& e) {
      fmt::print(stderr, "newskg: {}\n", e.what());
      status = kExitInput;
      if (!fail_fast) continue;
      if (vm.count("output")) fmt::print(stderr, "newskg: {}: not written (--fail-fast)\n", vm["output"].as<std::string>());
      return status;
    }
    info.id = vm.count("id") ? vm["id"].as<std::string>() : model::stable_hash(info.text);
    if (vm.count("title")) info.title = vm["title"].as<std::string>();
    if (vm.count("url")) info.url = vm["url"].as<std::string>();
    info.published = published;
    const model::DocumentGraph graph = extractor.extract(std::move(info), explain != nullptr);
    writer->write(graph);
    if (explain) exporters::write_fact_explanations(explain, graph, exporters::Iris{rdf.base});
  }
  if (!writer->finish()) throw InputError(fmt::format("{}: cannot write the output", vm.count("output") ? vm["output"].as<std::string>() : "-"));
  if (!checked.finish(rdf.format, vm.count("data") ? fs::path(vm["data"].as<std::string>()) : Resources::default_data_dir())) return kExitInput;
  out.commit();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) {
      std::cerr << kUsage;
      return kExitUsage;
    }
    const std::string command = args.front();
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return kExitOk;
    }
    if (command == "--version" || command == "-V") {
      std::cout << "newskg " << NEWSKG_VERSION << "\n";
      return kExitOk;
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "extract") return run_extract(rest);
    if (command == "report") return cli::run_report(rest);
    if (command == "eval") return cli::run_eval(rest);
    if (command == "validate") return cli::run_validate(rest);
    if (command == "explain") return cli::run_explain(rest);
    throw UsageError(fmt::format("unknown command '{}' (try 'newskg --help')", command));
  } catch (const UsageError& e) {
    fmt::print(stderr, "newskg: {}\n", e.what());
    return kExitUsage;
  } catch (const InputError& e) {
    fmt::print(stderr, "newskg: {}\n", e.what());
    return kExitInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "newskg: internal error: {}\n", e.what());
    return kExitInput;
  }
}
