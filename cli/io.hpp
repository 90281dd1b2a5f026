// Input and output shared by the commands: articles read from files or standard input, and
// output files that appear only when everything succeeded.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "newskg/corpus.hpp"
#include <string>

namespace newskg::cli {

using corpus::InputError;
using corpus::kDefaultMaxDocBytes;

// An article file's text, as `newskg extract` reads it (corpus::read_input, then
// corpus::article_text); a repair warning goes to stderr. Throws InputError.
std::string read_article(const std::string& path);

// Output goes to a temporary file beside the target, renamed over it only on success, so a
// failed run never leaves a partial file or destroys an earlier one. "-" or "": stdout.
// SIGINT, SIGTERM and SIGHUP remove the temporary file and exit with 128 + the signal. A
// symbolic link stays a link (its target is replaced); a device or a pipe (/dev/null, a FIFO)
// is written in place.
class Output {
 public:
  explicit Output(std::string path);  // throws InputError
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  std::FILE* file() const { return file_; }
  void commit();  // throws InputError

 private:
  std::string path_;
  std::filesystem::path target_, temp_;
  std::FILE* file_ = nullptr;
  bool in_place_ = false;
};

}  // namespace newskg::cli
