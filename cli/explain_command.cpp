#include "explain_command.hpp"

#include <cstdio>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "command.hpp"
#include "io.hpp"
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
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"), "publication date");
  // clang-format on
  add_data_options(opts);
  try {
    const auto parsed = parse_command(args, opts, 1);
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    if (!vm.count("sentence") || !vm.count("input") || vm["sentence"].as<std::size_t>() == 0)
      throw UsageError("give --sentence N (from 1) and one ARTICLE");
    std::optional<model::Date> published;
    if (vm.count("published") && !(published = model::parse_date(vm["published"].as<std::string>())))
      throw UsageError(fmt::format("option '--published': '{}' is not a date (YYYY-MM-DD)", vm["published"].as<std::string>()));
    const std::string path = vm["input"].as<std::vector<std::string>>().front();
    const Resources resources = load_resources(vm);
    // Read exactly as `newskg extract` reads it, so that sentence numbers and offsets agree.
    model::DocumentInfo info;
    info.text = read_article(path);
    info.id = model::stable_hash(info.text);
    info.published = published;
    const model::DocumentGraph graph = Extractor(resources).extract(std::move(info), /*trace=*/true);
    const std::size_t n = vm["sentence"].as<std::size_t>();
    if (!exporters::write_sentence_trace(stdout, graph, n - 1)) {
      fmt::print(stderr, "newskg explain: {}: has {} sentences, not {}\n", path, graph.sentences.size(), n);
      return 1;
    }
  } catch (const UsageError& e) {
    fmt::print(stderr, "newskg explain: {}\n", e.what());
    return 2;
  } catch (const LoadError& e) {
    fmt::print(stderr, "newskg explain: {}\n", e.what());
    return 1;
  } catch (const InputError& e) {
    fmt::print(stderr, "newskg explain: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace newskg::cli
