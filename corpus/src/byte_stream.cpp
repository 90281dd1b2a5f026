#include "byte_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "newskg/corpus.hpp"

namespace newskg::corpus {

namespace {

std::string open_error(const std::string& path, int error) {
  switch (error) {
    case ENOENT: return fmt::format("{}: no such file; check the path", path);
    case ENOTDIR: return fmt::format("{}: a folder on the path is a file; check the path", path);
    case EACCES:
    case EPERM: return fmt::format("{}: permission denied; make the file readable (chmod +r)", path);
    default: return fmt::format("{}: cannot open the file ({}); check the path", path, std::strerror(error));
  }
}

std::string directory_error(const std::string& path) {
  return fmt::format("{}: is a directory; give the article files inside it", path);
}

constexpr std::size_t kChunk = 1 << 17;

}  // namespace

ByteStream::ByteStream(std::string path) : path_(std::move(path)) {
  fd_ = path_ == "-" ? STDIN_FILENO : ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw InputError(open_error(path_, errno));
  struct stat st = {};
  if (::fstat(fd_, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (fd_ != STDIN_FILENO) ::close(fd_);
      throw InputError(directory_error(path_));
    }
    if (S_ISREG(st.st_mode)) stored_size_ = static_cast<std::uint64_t>(st.st_size);
  }
  // The gzip magic number, whatever the name says: a pipe has no name to go by.
  while (input_.size() < 2 && fill()) {
  }
  compressed_ = input_.size() >= 2 && input_[0] == 0x1f && input_[1] == 0x8b;
}

ByteStream::~ByteStream() {
  if (in_stream_) ::inflateEnd(&zs_);
  if (fd_ >= 0 && fd_ != STDIN_FILENO) ::close(fd_);
}

bool ByteStream::fill() {
  if (at_end_) return false;
  if (input_pos_ == input_.size()) {
    input_.clear();
    input_pos_ = 0;
  }
  const std::size_t old = input_.size();
  input_.resize(old + kChunk);
  while (true) {
    const ssize_t n = ::read(fd_, input_.data() + old, kChunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      input_.resize(old);
      if (error == EISDIR) throw InputError(directory_error(path_));
      throw InputError(fmt::format("{}: byte {}: cannot read ({}); check the file or the device", path_, stored_offset_, std::strerror(error)));
    }
    input_.resize(old + static_cast<std::size_t>(n));
    stored_offset_ += static_cast<std::uint64_t>(n);
    if (n == 0) at_end_ = true;
    return n > 0;
  }
}

std::size_t ByteStream::read_stored(char* buffer, std::size_t size) {
  if (input_pos_ == input_.size() && !fill()) return 0;
  const std::size_t n = std::min(size, input_.size() - input_pos_);
  std::memcpy(buffer, input_.data() + input_pos_, n);
  input_pos_ += n;
  return n;
}

std::size_t ByteStream::read(char* buffer, std::size_t size) {
  if (!compressed_) return read_stored(buffer, size);
  auto damaged = [&](const char* what) {
    return InputError(fmt::format("{}: byte {} of the decompressed text: damaged gzip data ({}); check or re-create the file", path_,
                                  decompressed_, what));
  };
  while (true) {
    if (input_pos_ == input_.size() && !fill()) {
      if (in_stream_) throw damaged("the file ends in the middle of a compressed stream");
      return 0;
    }
    if (!in_stream_) {
      // A gzip file may be several streams one after the other (cat a.gz b.gz).
      if (::inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) throw damaged("out of memory");
      in_stream_ = true;
    }
    zs_.next_in = input_.data() + input_pos_;
    zs_.avail_in = static_cast<uInt>(input_.size() - input_pos_);
    zs_.next_out = reinterpret_cast<Bytef*>(buffer);
    zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
    const int status = ::inflate(&zs_, Z_NO_FLUSH);
    input_pos_ = input_.size() - zs_.avail_in;
    const std::size_t produced = static_cast<std::size_t>(reinterpret_cast<char*>(zs_.next_out) - buffer);
    decompressed_ += produced;
    if (status == Z_STREAM_END) {
      ::inflateEnd(&zs_);
      in_stream_ = false;
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      throw damaged(zs_.msg ? zs_.msg : "inflate failed");
    }
    if (produced > 0) return produced;
  }
}

}  // namespace newskg::corpus
