#include "explain_command.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "newskg/document.hpp"
#include "newskg/explain_writer.hpp"
#include "newskg/extractor.hpp"
#include "newskg/resources.hpp"

namespace newskg::cli {

namespace po = boost::program_options;

int run_explain(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: newskg explain --sentence N ARTICLE [options]\n\n"
      "Shows sentence N (1-based) of ARTICLE and every trigger the extractor saw in it: the\n"
      "lexicon entry and its file:line, and what became of it and why.\n\nOptions");
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("sentence,s", po::value<std::size_t>()->value_name("N"), "the sentence, counted from 1")
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"), "publication date")
      ("lexicon", po::value<std::vector<std::string>>()->value_name("FILE"), "an extra lexicon; repeatable")
      ("gazetteer", po::value<std::vector<std::string>>()->value_name("FILE"), "an extra gazetteer; repeatable")
      ("data", po::value<std::string>()->value_name("DIR"), "the data directory");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("article", po::value<std::string>(), "");
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("article", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    fmt::print(stderr, "newskg explain: {}\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return 0;
  }
  if (!vm.count("sentence") || !vm.count("article") || vm["sentence"].as<std::size_t>() == 0) {
    fmt::print(stderr, "newskg explain: give --sentence N (from 1) and one ARTICLE\n");
    return 2;
  }
  std::optional<model::Date> published;
  if (vm.count("published") && !(published = model::parse_date(vm["published"].as<std::string>()))) {
    fmt::print(stderr, "newskg explain: option '--published': '{}' is not a date (YYYY-MM-DD)\n", vm["published"].as<std::string>());
    return 2;
  }
  const std::string path = vm["article"].as<std::string>();
  try {
    Resources resources = Resources::load(vm.count("data") ? std::filesystem::path(vm["data"].as<std::string>()) : Resources::default_data_dir());
    if (vm.count("gazetteer"))
      for (const auto& f : vm["gazetteer"].as<std::vector<std::string>>()) resources.add_gazetteer_file(f);
    if (vm.count("lexicon"))
      for (const auto& f : vm["lexicon"].as<std::vector<std::string>>()) resources.add_lexicon_file(f);
    resources.validate();
    std::ifstream in(path, std::ios::binary);
    if (!in || std::filesystem::is_directory(path)) {
      fmt::print(stderr, "newskg explain: {}: cannot read the article\n", path);
      return 1;
    }
    model::DocumentInfo info;
    info.text = repair_utf8(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
    info.id = model::stable_hash(info.text);
    info.published = published;
    const model::DocumentGraph graph = Extractor(resources).extract(std::move(info), /*trace=*/true);
    const std::size_t n = vm["sentence"].as<std::size_t>();
    if (!exporters::write_sentence_trace(stdout, graph, n - 1)) {
      fmt::print(stderr, "newskg explain: {}: has {} sentences, not {}\n", path, graph.sentences.size(), n);
      return 1;
    }
  } catch (const LoadError& e) {
    fmt::print(stderr, "newskg explain: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace newskg::cli
