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

}  // namespace

std::string read_article(const std::string& path) {
  std::string warning;
  std::string text = corpus::article_text(path, corpus::read_input(path), false, &warning);
  if (!warning.empty()) fmt::print(stderr, "newskg: {}\n", warning);
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
