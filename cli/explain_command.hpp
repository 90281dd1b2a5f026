// `newskg explain --sentence N ARTICLE`: what the extractor saw in one sentence, and why
// each trigger did or did not become a fact.
#pragma once

#include <string>
#include <vector>

namespace newskg::cli {

// Arguments after "explain". Returns 0, 1 when the article cannot be read or has no such
// sentence, 2 on a usage error.
int run_explain(const std::vector<std::string>& args);

}  // namespace newskg::cli
