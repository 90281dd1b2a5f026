#include "command.hpp"
#include "report_command.hpp"

#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "io.hpp"
#include "newskg/extractor.hpp"
#include "newskg/html_report.hpp"
#include "newskg/rdf_writer.hpp"
#include "newskg/resources.hpp"

#ifndef NEWSKG_VERSION
#define NEWSKG_VERSION "0.0.0"
#endif

namespace newskg::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitInput = 1;
constexpr int kExitUsage = 2;


int report(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: newskg report [FILE...|-] [-o report.html] [options]\n\n"
      "Reads UTF-8 articles (files, or - for standard input) and writes one self-contained HTML\n"
      "page (no script, no network access): for each article, its text with every evidence span\n"
      "highlighted by fact kind, the table of facts, the actors, and the graph drawn by Graphviz.\n\n"
      "Options");
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>()->value_name("OUT"), "write to OUT (report.html) instead of standard output")
      ("title", po::value<std::string>()->value_name("TEXT"), "the report's title (default: newskg report)")
      ("base", po::value<std::string>()->value_name("IRI"), "base IRI of actors, documents and facts, as for extract")
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"), "publication date; relative dates are resolved against it");
  // clang-format on
  add_data_options(opts);
  const auto parsed = parse_command(args, opts);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  exporters::ReportOptions options;
  options.generator = "newskg " NEWSKG_VERSION;
  if (vm.count("title")) options.title = vm["title"].as<std::string>();
  if (vm.count("base")) {
    // The same IRIs as `newskg extract --base`.
    std::string base = vm["base"].as<std::string>();
    if (base.find(':') == std::string::npos) throw UsageError(fmt::format("option '--base': '{}' is not an absolute IRI", base));
    if (base.back() != '/' && base.back() != '#') base += '/';
    options.base = exporters::iri_escape(base);
  }
  std::optional<model::Date> published;
  if (vm.count("published")) {
    published = model::parse_date(vm["published"].as<std::string>());
    if (!published) throw UsageError(fmt::format("option '--published': '{}' is not a date (YYYY-MM-DD)", vm["published"].as<std::string>()));
  }
  const std::vector<std::string> inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};

  Resources resources;
  try {
    resources = load_resources(vm);
  } catch (const LoadError& e) {
    throw InputError(e.what());
  }
  Extractor extractor(resources);

  Output out(vm.count("output") ? vm["output"].as<std::string>() : "-");
  int status = kExitOk;
  std::vector<exporters::ReportDocument> documents;
  for (const std::string& path : inputs) {
    model::DocumentInfo info;
    try {
      info.text = read_article(path);
    } catch (const InputError& e) {
      fmt::print(stderr, "newskg: {}\n", e.what());
      status = kExitInput;
      continue;
    }
    info.id = model::stable_hash(info.text);
    info.published = published;
    documents.push_back({path == "-" ? std::string("standard input") : fs::path(path).filename().string(), extractor.extract(std::move(info))});
  }
  const std::string html = exporters::html_report(documents, options);
  if (std::fwrite(html.data(), 1, html.size(), out.file()) != html.size())
    throw InputError(fmt::format("{}: cannot write the output", vm.count("output") ? vm["output"].as<std::string>() : "-"));
  out.commit();
  return status;
}

}  // namespace

int run_report(const std::vector<std::string>& args) {
  try {
    return report(args);
  } catch (const UsageError& e) {
    fmt::print(stderr, "newskg: {}\n", e.what());
    return kExitUsage;
  } catch (const InputError& e) {
    fmt::print(stderr, "newskg: {}\n", e.what());
    return kExitInput;
  }
}

}  // namespace newskg::cli
