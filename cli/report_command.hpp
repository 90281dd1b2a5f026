// `newskg report ARTICLE... -o report.html`: the HTML report of articles (exporters'
// html_report), extracted as `newskg extract` does.
#pragma once

#include <string>
#include <vector>

namespace newskg::cli {

// Arguments after "report". Returns the exit code: 0; 1 when an input or the output cannot
// be used (the message names it; the other inputs are still reported); 2 on a usage error.
int run_report(const std::vector<std::string>& args);

}  // namespace newskg::cli
