// newskg: the command line. It parses options and wires the libraries together; all the
// work is in extractor/ and exporters/.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "eval_command.hpp"
#include "explain_command.hpp"
#include "extract_command.hpp"
#include "io.hpp"
#include "report_command.hpp"
#include "validate_command.hpp"

#ifndef NEWSKG_VERSION
#define NEWSKG_VERSION "0.0.0"
#endif

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
    if (command == "extract") return cli::run_extract(rest);
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
