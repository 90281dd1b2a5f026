// A file or standard input, gzip-compressed or not (told by its first bytes), read as it
// comes: a read returns what is there, so that a pipe is processed line by line while it is
// still being written. Errors are worded for people (which file, which byte, what to do).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <zlib.h>

namespace newskg::corpus {

class ByteStream {
 public:
  // Opens `path` ("-": standard input). Throws InputError for a missing or unreadable path and
  // for a directory.
  explicit ByteStream(std::string path);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // Up to `size` (decompressed) bytes, at least one unless at the end: 0 there. Throws
  // InputError on a read error or damaged or truncated gzip data.
  std::size_t read(char* buffer, std::size_t size);
  // The size of a regular file as stored (compressed for .gz), else 0.
  std::uint64_t stored_size() const { return stored_size_; }
  // How many stored bytes have been read so far.
  std::uint64_t stored_offset() const { return stored_offset_; }
  const std::string& path() const { return path_; }
  bool compressed() const { return compressed_; }

 private:
  std::size_t read_stored(char* buffer, std::size_t size);  // raw bytes; 0 at the end
  bool fill();  // more stored bytes into input_; false at the end
  std::string path_;
  int fd_ = -1;
  bool compressed_ = false, in_stream_ = false, at_end_ = false;
  z_stream zs_ = {};
  std::vector<unsigned char> input_;  // stored bytes not yet used
  std::size_t input_pos_ = 0;
  std::uint64_t stored_size_ = 0, stored_offset_ = 0, decompressed_ = 0;
};

}  // namespace newskg::corpus
