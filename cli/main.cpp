// newskg: the command line. It parses options and wires the libraries together; all the
// work is in extractor/ and exporters/.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <boost/program_options.hpp>
#include <fmt/format.h>

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

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char* kUsage =
    "Usage: newskg <command> [options]\n"
    "\n"
    "Turns English news text into a knowledge graph: actors, allegations, denials,\n"
    "confirmations, agreements and aid, with the text each fact stands on.\n"
    "\n"
    "Commands:\n"
    "  extract   read articles, write their facts as RDF\n"
    "\n"
    "Run 'newskg <command> --help' for a command's options.\n";

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    if (std::cin.bad()) throw InputError("-: cannot read standard input");
    return ss.str();
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(fmt::format("{}: is a directory; give the article files inside it", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the file ({})", path, std::strerror(errno)));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(fmt::format("{}: read error", path));
  return text;
}

// Output goes to a temporary file beside the target, renamed over it only on success, so a
// failed run never leaves a partial file or destroys an earlier one.
class Output {
 public:
  explicit Output(std::string path) : path_(std::move(path)) {
    if (path_.empty() || path_ == "-") {
      file_ = stdout;
      return;
    }
    fs::path target(path_);
    temp_ = (target.parent_path().empty() ? fs::path(".") : target.parent_path()) /
            fmt::format(".{}.tmp-{}", target.filename().string(), static_cast<long>(::getpid()));
    file_ = std::fopen(temp_.c_str(), "wb");
    if (!file_) throw InputError(fmt::format("{}: cannot write here ({})", path_, std::strerror(errno)));
  }
  ~Output() {
    if (file_ && file_ != stdout) {
      std::fclose(file_);
      std::error_code ec;
      fs::remove(temp_, ec);
    }
  }
  std::FILE* file() const { return file_; }
  void commit() {
    if (file_ == stdout) {
      if (std::fflush(stdout) != 0 || std::ferror(stdout)) throw InputError("-: cannot write to standard output");
      return;
    }
    bool failed = std::fflush(file_) != 0 || std::ferror(file_);
    failed |= std::fclose(file_) != 0;
    file_ = nullptr;
    std::error_code ec;
    if (!failed) fs::rename(temp_, path_, ec);
    if (failed || ec) {
      fs::remove(temp_, ec);
      throw InputError(fmt::format("{}: cannot write the output", path_));
    }
  }

 private:
  std::string path_;
  fs::path temp_;
  std::FILE* file_ = nullptr;
};

int run_extract(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: newskg extract [FILE...|-] [options]\n\n"
      "Reads UTF-8 articles (files, or - for standard input) and writes their facts as RDF.\n\nOptions");
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>()->value_name("OUT"), "write to OUT instead of standard output")
      ("format,f", po::value<std::string>()->default_value("turtle")->value_name("FMT"), "turtle, ntriples, nquads or trig")
      ("base", po::value<std::string>()->value_name("IRI"), "base IRI of actors, documents and facts")
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"), "publication date; relative dates are resolved against it")
      ("url", po::value<std::string>()->value_name("URL"), "the article's URL (dcterms:source)")
      ("title", po::value<std::string>()->value_name("TEXT"), "the article's title (dcterms:title)")
      ("id", po::value<std::string>()->value_name("ID"), "document id (default: a hash of the text)")
      ("no-text", "do not copy the article text into the graph (nif:isString)")
      ("lexicon", po::value<std::vector<std::string>>()->value_name("FILE"), "an extra trigger lexicon (TSV); repeatable")
      ("gazetteer", po::value<std::vector<std::string>>()->value_name("FILE"), "an extra actor gazetteer (TSV); repeatable")
      ("data", po::value<std::string>()->value_name("DIR"), "the data directory (default: $NEWSKG_DATA or the built-in one)");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return kExitOk;
  }
  exporters::RdfOptions rdf;
  auto format = exporters::parse_rdf_format(vm["format"].as<std::string>());
  if (!format) throw UsageError(fmt::format("option '--format': unknown format '{}' (turtle, ntriples, nquads, trig)", vm["format"].as<std::string>()));
  rdf.format = *format;
  if (vm.count("base")) {
    rdf.base = vm["base"].as<std::string>();
    if (rdf.base.find(':') == std::string::npos) throw UsageError(fmt::format("option '--base': '{}' is not an absolute IRI", rdf.base));
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

  Resources resources;
  try {
    resources = Resources::load(vm.count("data") ? fs::path(vm["data"].as<std::string>()) : Resources::default_data_dir());
    if (vm.count("gazetteer"))
      for (const auto& f : vm["gazetteer"].as<std::vector<std::string>>()) resources.add_gazetteer_file(f);
    if (vm.count("lexicon"))
      for (const auto& f : vm["lexicon"].as<std::vector<std::string>>()) resources.add_lexicon_file(f);
    resources.validate();
  } catch (const LoadError& e) {
    throw InputError(e.what());
  }
  Extractor extractor(resources);

  Output out(vm.count("output") ? vm["output"].as<std::string>() : "-");
  exporters::RdfWriter writer(out.file(), rdf);
  int status = kExitOk;
  for (const std::string& path : inputs) {
    std::string raw;
    try {
      raw = read_input(path);
    } catch (const InputError& e) {
      fmt::print(stderr, "newskg: {}\n", e.what());
      status = kExitInput;
      continue;
    }
    std::size_t bad = std::string_view::npos;
    model::DocumentInfo info;
    info.text = repair_utf8(raw, &bad);
    if (bad != std::string_view::npos)
      fmt::print(stderr, "newskg: {}: byte {}: invalid UTF-8 replaced by U+FFFD\n", path, bad);
    info.id = vm.count("id") ? vm["id"].as<std::string>() : model::stable_hash(info.text);
    if (vm.count("title")) info.title = vm["title"].as<std::string>();
    if (vm.count("url")) info.url = vm["url"].as<std::string>();
    info.published = published;
    writer.write(extractor.extract(std::move(info)));
  }
  if (!writer.finish()) throw InputError(fmt::format("{}: cannot write the output", vm.count("output") ? vm["output"].as<std::string>() : "-"));
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
