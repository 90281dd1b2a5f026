// Input and output shared by the commands: articles read from files or standard input, and
// output files that appear only when everything succeeded.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace newskg::cli {

// An input or output file that cannot be used; the message names it.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The largest article read by default (--max-doc-bytes); 0 means no limit.
inline constexpr std::size_t kDefaultMaxDocBytes = 10'000'000;

// The bytes of a file, or of standard input for "-". Throws InputError, whose message reads
// "FILE: [byte N: ]what happened; what to do", for a missing, unreadable, empty (or white
// space only) or binary file, a directory, and more than `max_bytes` bytes (0: no limit).
std::string read_input(const std::string& path, std::size_t max_bytes = kDefaultMaxDocBytes);

// An article's text: `raw` with invalid UTF-8 and NUL bytes replaced by U+FFFD, and a warning
// on stderr that names `path` and the first bad byte; when `strict`, such bytes throw
// InputError instead.
std::string article_text(const std::string& path, const std::string& raw, bool strict = false);

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
