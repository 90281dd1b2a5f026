// newskg extract: articles and corpora in, RDF (or the drawing, or the event table) out.
#pragma once

#include <string>
#include <vector>

namespace newskg::cli {

int run_extract(const std::vector<std::string>& args);

}  // namespace newskg::cli
