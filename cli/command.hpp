// What every subcommand parses alike: its options with positional inputs, and the data options
// (--data, --gazetteer, --lexicon) with the Resources they name.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "newskg/resources.hpp"

namespace newskg::cli {

// A wrong command line; the message names the option. Commands exit 2 on it.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses `args` against `opts`, every other argument being a positional input stored under
// "input" (at most `max_inputs`, -1: any number). On --help, prints `opts` and returns
// nullopt. Throws UsageError.
std::optional<boost::program_options::variables_map> parse_command(const std::vector<std::string>& args,
                                                                   const boost::program_options::options_description& opts,
                                                                   int max_inputs = -1);

// Adds --lexicon FILE..., --gazetteer FILE... and --data DIR to `opts`.
void add_data_options(boost::program_options::options_description& opts);

// The shipped data (or --data's), plus the --gazetteer and --lexicon files, validated.
// Throws LoadError naming the file and line.
Resources load_resources(const boost::program_options::variables_map& vm);

}  // namespace newskg::cli
