// `newskg eval`: scores graphs or articles against gold facts (kgscore's matching rule).
#pragma once

#include <string>
#include <vector>

namespace newskg::cli {

// Arguments after "eval". Returns the exit code: 0, 1 below --min-f1, 2 on a usage error or an
// unusable input (the message names the file).
int run_eval(const std::vector<std::string>& args);

}  // namespace newskg::cli
