#include "io.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <limits>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "newskg/document.hpp"
#include "newskg/utf8.hpp"

namespace newskg::cli {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------- signals
// The temporary output file that SIGINT, SIGTERM or SIGHUP must remove. The handler may only
// make async-signal-safe calls (unlink, _exit), so the path lives in a fixed buffer, and the
// main program blocks those signals while it creates, renames or removes the file.
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_active = 0;
constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temp_and_exit(int signal) {
  if (g_temp_active) ::unlink(g_temp_path);
  ::_exit(128 + signal);
}

void install_signal_handlers() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (int s : kCleanupSignals) {
    struct sigaction old = {};
    if (::sigaction(s, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;  // nohup, background jobs
    struct sigaction action = {};
    action.sa_handler = remove_temp_and_exit;
    sigemptyset(&action.sa_mask);
    ::sigaction(s, &action, nullptr);
  }
}

// Blocks the cleanup signals for its lifetime.
class SignalBlock {
 public:
  SignalBlock() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : kCleanupSignals) sigaddset(&set, s);
    ::sigprocmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalBlock() { ::sigprocmask(SIG_SETMASK, &old_, nullptr); }
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

 private:
  sigset_t old_;
};

// ---------------------------------------------------------------- input checks

std::string open_error(const std::string& path, int error) {
  switch (error) {
    case ENOENT: return fmt::format("{}: no such file; check the path", path);
    case ENOTDIR: return fmt::format("{}: a folder on the path is a file; check the path", path);
    case EACCES:
    case EPERM: return fmt::format("{}: permission denied; make the file readable (chmod +r)", path);
    default: return fmt::format("{}: cannot open the file ({}); check the path", path, std::strerror(error));
  }
}

std::string too_big(const std::string& path, std::string_view size, std::size_t max_bytes) {
  return fmt::format("{}: {} bytes, more than --max-doc-bytes {}; split the article or raise --max-doc-bytes (0: no limit)", path,
                     size, max_bytes);
}

// Bytes that no text holds: NUL and the C0 controls but tab, line breaks, vertical tab, form
// feed and escape (terminal colours).
bool control_byte(unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B; }

// Throws InputError for an empty or white-space-only input, and for one whose first 8 KiB are
// more than 10% control bytes and ill-formed UTF-8 sequences: an image, an archive, a program.
void check_text(const std::string& path, std::string_view raw) {
  std::size_t offset = 0;
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
    raw.remove_prefix(3);
    offset = 3;
  }
  if (raw.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
    throw InputError(fmt::format("{}: {}; nothing to extract, give an article's text", path, raw.empty() ? "empty file" : "only white space"));
  const std::string_view sample = raw.substr(0, 8192);
  std::size_t bad = 0, first = 0;
  for (std::size_t i = 0; i < sample.size();) {
    const std::size_t at = i;
    const char32_t c = model::decode_utf8(sample, i);
    // A sequence that the sample's end cuts in two is not held against the file.
    const bool cut = c == model::kInvalidCodePoint && i == sample.size() && sample.size() < raw.size();
    if ((c == model::kInvalidCodePoint && !cut) || (c < 0x20 && control_byte(static_cast<unsigned char>(c)))) {
      if (bad++ == 0) first = at;
    }
  }
  if (bad * 10 > sample.size())
    throw InputError(fmt::format("{}: byte {}: not text ({} control bytes or invalid UTF-8 sequences in the first {} bytes); give a UTF-8 text file",
                                 path, offset + first, bad, sample.size()));
}

}  // namespace

std::string read_input(const std::string& path, std::size_t max_bytes) {
  const std::size_t limit = max_bytes == 0 ? std::numeric_limits<std::size_t>::max() : max_bytes;
  int fd = STDIN_FILENO;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(open_error(path, errno));
  }
  struct Closer {
    int fd;
    ~Closer() {
      if (fd != STDIN_FILENO) ::close(fd);
    }
  } closer{fd};
  struct stat st = {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw InputError(fmt::format("{}: is a directory; give the article files inside it", path));
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limit)
      throw InputError(too_big(path, std::to_string(st.st_size), max_bytes));
  }
  std::string text;
  if (S_ISREG(st.st_mode)) text.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (errno == EISDIR) throw InputError(fmt::format("{}: is a directory; give the article files inside it", path));
      throw InputError(fmt::format("{}: byte {}: cannot read ({}); check the file or the device", path, text.size(), std::strerror(errno)));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > limit) throw InputError(too_big(path, fmt::format("more than {}", limit), max_bytes));
  }
  check_text(path, text);
  return text;
}

std::string article_text(const std::string& path, const std::string& raw, bool strict) {
  std::size_t bad = std::string_view::npos;
  std::string text = repair_utf8(raw, &bad);
  if (bad != std::string_view::npos) {
    const bool nul = bad < raw.size() && raw[bad] == '\0';
    if (strict)
      throw InputError(fmt::format("{}: byte {}: {}; --strict refuses the file: {}", path, bad, nul ? "a NUL byte" : "invalid UTF-8",
                                   nul ? "remove the NUL bytes" : "convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"));
    fmt::print(stderr, "newskg: {}: byte {}: {} replaced by U+FFFD; {}, or use --strict to refuse such files\n", path, bad,
               nul ? "a NUL byte" : "invalid UTF-8", nul ? "remove the NUL bytes" : "convert the file to UTF-8");
  }
  return text;
}

Output::Output(std::string path) : path_(std::move(path)) {
  install_signal_handlers();
  if (path_.empty() || path_ == "-") {
    file_ = stdout;
    return;
  }
  target_ = path_;
  std::error_code ec;
  const fs::file_status status = fs::status(target_, ec);  // of what a symbolic link points to
  if (fs::is_directory(status)) throw InputError(fmt::format("{}: is a directory; give -o a file name", path_));
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A device or a pipe (/dev/null, /dev/stdout, a FIFO) cannot be replaced: written in place.
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) throw InputError(fmt::format("{}: cannot write here ({}); choose another path", path_, std::strerror(errno)));
    in_place_ = true;
    return;
  }
  // A symbolic link stays a link: the file it points to is the one replaced.
  if (fs::is_symlink(fs::symlink_status(target_, ec)))
    if (fs::path real = fs::weakly_canonical(target_, ec); !ec) target_ = real;
  temp_ = (target_.parent_path().empty() ? fs::path(".") : target_.parent_path()) /
          fmt::format(".{}.tmp-{}", target_.filename().string(), static_cast<long>(::getpid()));
  int fd = -1;
  {
    SignalBlock block;
    const std::string& temp = temp_.native();
    const bool tracked = temp.size() < sizeof g_temp_path;
    if (tracked) {
      std::memcpy(g_temp_path, temp.c_str(), temp.size() + 1);
      g_temp_active = 1;
    }
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) g_temp_active = 0;
  }
  if (fd < 0) {
    const int error = errno;
    throw InputError(fmt::format("{}: cannot write here ({}); {}", path_, std::strerror(error),
                                 error == ENOENT ? "create the folder first" : "choose a writable folder"));
  }
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    ::close(fd);
    SignalBlock block;
    fs::remove(temp_, ec);
    g_temp_active = 0;
    throw InputError(fmt::format("{}: cannot write here ({})", path_, std::strerror(errno)));
  }
}

Output::~Output() {
  if (file_ && in_place_) {
    std::fclose(file_);
  } else if (file_ && file_ != stdout) {
    SignalBlock block;
    std::fclose(file_);
    std::error_code ec;
    fs::remove(temp_, ec);
    g_temp_active = 0;
  }
}

void Output::commit() {
  if (file_ == stdout) {
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) throw InputError("-: cannot write to standard output");
    return;
  }
  if (in_place_) {
    const bool failed = std::fflush(file_) != 0 || std::ferror(file_) || std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed) throw InputError(fmt::format("{}: cannot write the output; check the device", path_));
    return;
  }
  bool failed = std::fflush(file_) != 0 || std::ferror(file_);
  failed |= ::fsync(::fileno(file_)) != 0 && errno != EINVAL;
  SignalBlock block;
  failed |= std::fclose(file_) != 0;
  file_ = nullptr;
  std::error_code ec;
  if (!failed) fs::rename(temp_, target_, ec);
  if (failed || ec) fs::remove(temp_, ec);
  g_temp_active = 0;
  if (failed || ec) throw InputError(fmt::format("{}: cannot write the output (disk full?); free some space or choose another path", path_));
}

}  // namespace newskg::cli
