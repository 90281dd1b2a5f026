// What a long run tells the person watching it, on stderr only: a progress line redrawn in
// place (documents, MB, MB/s, an ETA when the input's size is known), messages that do not
// tear it, and the summary at the end.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace newskg::cli {

class Progress {
 public:
  // `live`: draw the progress line; `summary`: print the summary at the end.
  Progress(bool live, bool summary, std::optional<std::uint64_t> total_input_bytes);
  void message(const std::string& line);  // "newskg: " + line, on its own line
  void document(std::uint64_t input_bytes, std::size_t text_bytes);
  void skipped(std::uint64_t input_bytes);
  void warning() { ++warnings_; }
  void fact(std::string_view kind);
  void finish(std::size_t triples, bool rdf);
  std::size_t skipped_count() const { return skipped_; }

 private:
  void draw(bool force);
  void clear();
  double elapsed() const;
  bool live_, summary_;
  std::optional<std::uint64_t> total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_draw_{};
  std::uint64_t input_bytes_ = 0, text_bytes_ = 0;
  std::size_t documents_ = 0, skipped_ = 0, warnings_ = 0;
  std::map<std::string, std::size_t, std::less<>> facts_;  // by kind
  bool drawn_ = false;
};

}  // namespace newskg::cli
