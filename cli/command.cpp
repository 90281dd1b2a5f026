#include "command.hpp"

#include <filesystem>
#include <iostream>

namespace newskg::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_command(const std::vector<std::string>& args, const po::options_description& opts, int max_inputs) {
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description positional;
  positional.add("input", max_inputs);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return std::nullopt;
  }
  return vm;
}

void add_data_options(po::options_description& opts) {
  // clang-format off
  opts.add_options()
      ("lexicon", po::value<std::vector<std::string>>()->value_name("FILE"), "an extra trigger lexicon (TSV); repeatable")
      ("gazetteer", po::value<std::vector<std::string>>()->value_name("FILE"), "an extra actor gazetteer (TSV); repeatable")
      ("data", po::value<std::string>()->value_name("DIR"), "the data directory (default: $NEWSKG_DATA or the built-in one)");
  // clang-format on
}

Resources load_resources(const po::variables_map& vm) {
  Resources resources =
      Resources::load(vm.count("data") ? std::filesystem::path(vm["data"].as<std::string>()) : Resources::default_data_dir());
  if (vm.count("gazetteer"))
    for (const auto& f : vm["gazetteer"].as<std::vector<std::string>>()) resources.add_gazetteer_file(f);
  if (vm.count("lexicon"))
    for (const auto& f : vm["lexicon"].as<std::vector<std::string>>()) resources.add_lexicon_file(f);
  resources.validate();
  return resources;
}

}  // namespace newskg::cli
