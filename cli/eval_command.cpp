// `newskg eval GOLD.json INPUT [GOLD2.json INPUT2 ...]`: wires extraction and export (for
// article inputs) to the evaluation library. All the scoring is in evaluation/.
#include "command.hpp"
#include "eval_command.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "io.hpp"
#include "newskg/evaluation.hpp"
#include "newskg/extractor.hpp"
#include "newskg/rdf_writer.hpp"
#include "newskg/resources.hpp"

namespace newskg::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using evaluation::EvalError;

constexpr int kExitOk = 0;
constexpr int kExitBelow = 1;     // the overall F1 is below --min-f1
constexpr int kExitUnusable = 2;  // a usage error, or an input that cannot be used


const char* kEvalUsage =
    "Usage: newskg eval GOLD.json INPUT [GOLD2.json INPUT2 ...] [options]\n"
    "\n"
    "Scores INPUT against the gold facts of GOLD.json with the matching rule of\n"
    "tools/kgscore.py, and prints the same table: per kind precision, recall, F1 and strict\n"
    "F1, the secondary scores, the provenance checks, then every missed and spurious fact\n"
    "with its sentence. Several pairs are summed (micro average). The last line is F1=x.xxx.\n"
    "\n"
    "INPUT ending in .ttl, .nt, .nq or .trig is read as a graph; any other INPUT is an\n"
    "article, extracted on the fly with the gold file's \"published\" date.\n"
    "\n"
    "Exit codes: 0 success; 1 the F1 is below --min-f1; 2 a usage error or an input that\n"
    "cannot be used (the message names the file).\n"
    "\n"
    "Options";

// Extraction for article inputs, loaded on first use.
class ArticleGraphs {
 public:
  explicit ArticleGraphs(std::optional<fs::path> data_dir) : data_dir_(std::move(data_dir)) {}

  evaluation::Graph extract(const std::string& path, std::optional<model::Date> published) {
    if (!extractor_) {
      try {
        resources_ = Resources::load(data_dir_ ? *data_dir_ : Resources::default_data_dir());
        resources_.validate();
      } catch (const LoadError& e) {
        throw EvalError(e.what());
      }
      extractor_ = std::make_unique<Extractor>(resources_);
    }
    // Read exactly as `newskg extract ARTICLE -f ntriples --published DATE` reads it.
    model::DocumentInfo info;
    try {
      info.text = read_article(path);
    } catch (const InputError& e) {
      throw EvalError(e.what());
    }
    info.id = model::stable_hash(info.text);
    info.published = published;
    const model::DocumentGraph facts = extractor_->extract(std::move(info));

    std::unique_ptr<std::FILE, int (*)(std::FILE*)> tmp(std::tmpfile(), &std::fclose);
    if (!tmp) throw EvalError(fmt::format("{}: cannot make a temporary file ({})", path, std::strerror(errno)));
    exporters::RdfOptions options;
    options.format = exporters::RdfFormat::NTriples;
    {
      exporters::RdfWriter writer(tmp.get(), options);
      writer.write(facts);
      if (!writer.finish()) throw EvalError(fmt::format("{}: cannot write its graph to a temporary file", path));
    }
    if (std::fflush(tmp.get()) != 0) throw EvalError(fmt::format("{}: cannot write its graph to a temporary file", path));
    std::rewind(tmp.get());
    return evaluation::Graph::read_stream(tmp.get(), evaluation::GraphSyntax::NTriples, path + " (extracted)");
  }

 private:
  std::optional<fs::path> data_dir_;
  Resources resources_;
  std::unique_ptr<Extractor> extractor_;
};

int eval(const std::vector<std::string>& args) {
  po::options_description opts(kEvalUsage);
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"), "publication date for article inputs (default: each gold file's \"published\")")
      ("min-f1", po::value<double>()->value_name("X"), "exit 1 when the overall F1 is below X")
      ("quiet", "do not list the missed and spurious facts")
      ("json", "print the scores as JSON (as kgscore --json) instead of the table")
      ("data", po::value<std::string>()->value_name("DIR"), "the data directory for article inputs (default: $NEWSKG_DATA or the built-in one)");
  // clang-format on
  const auto parsed = parse_command(args, opts);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  const std::vector<std::string> inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.empty() || inputs.size() % 2)
    throw UsageError("give GOLD.json INPUT pairs (try 'newskg eval --help')");
  std::optional<model::Date> published;
  if (vm.count("published")) {
    published = model::parse_date(vm["published"].as<std::string>());
    if (!published)
      throw UsageError(fmt::format("option '--published': '{}' is not a date (YYYY-MM-DD)", vm["published"].as<std::string>()));
  }

  ArticleGraphs articles(vm.count("data") ? std::optional<fs::path>(vm["data"].as<std::string>()) : std::nullopt);
  evaluation::Scorer scorer;
  for (std::size_t i = 0; i < inputs.size(); i += 2) {
    const std::string& gold_path = inputs[i];
    const std::string& input = inputs[i + 1];
    const evaluation::Gold gold = evaluation::read_gold(gold_path);
    if (auto syntax = evaluation::graph_syntax_for(input)) {
      scorer.add(gold, evaluation::Graph::read_file(input, *syntax));
      continue;
    }
    std::optional<model::Date> date = published;
    if (!date && gold.published) {
      date = model::parse_date(*gold.published);
      if (!date) throw EvalError(fmt::format("{}: \"published\" is not a date (YYYY-MM-DD): '{}'", gold_path, *gold.published));
    }
    scorer.add(gold, articles.extract(input, date));
  }

  if (vm.count("json")) {
    std::cout << scorer.json() << "\n";
  } else {
    for (const std::string& line : scorer.table(vm.count("quiet") > 0)) std::cout << line << "\n";
  }
  std::cout << evaluation::f1_line(scorer.f1()) << "\n";
  std::cout.flush();
  if (vm.count("min-f1") && scorer.f1() < vm["min-f1"].as<double>()) return kExitBelow;
  return kExitOk;
}

}  // namespace

int run_eval(const std::vector<std::string>& args) {
  try {
    return eval(args);
  } catch (const UsageError& e) {
    fmt::print(stderr, "newskg: {}\n", e.what());
  } catch (const EvalError& e) {
    fmt::print(stderr, "newskg: {}\n", e.what());
  } catch (const std::exception& e) {
    fmt::print(stderr, "newskg: internal error: {}\n", e.what());
  }
  return kExitUnusable;
}

}  // namespace newskg::cli
