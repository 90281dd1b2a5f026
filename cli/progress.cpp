#include "progress.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace newskg::cli {

Progress::Progress(bool live, bool summary, std::optional<std::uint64_t> total_input_bytes)
    : live_(live), summary_(summary), total_(total_input_bytes) {}

double Progress::elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

void Progress::clear() {
  if (drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

void Progress::message(const std::string& line) {
  clear();
  fmt::print(stderr, "newskg: {}\n", line);
}

void Progress::document(std::uint64_t input_bytes, std::size_t text_bytes) {
  ++documents_;
  input_bytes_ += input_bytes;
  text_bytes_ += text_bytes;
  draw(false);
}

void Progress::fact(std::string_view kind) {
  auto it = facts_.find(kind);
  if (it == facts_.end()) it = facts_.emplace(std::string(kind), 0).first;
  ++it->second;
}

void Progress::skipped(std::uint64_t input_bytes) {
  ++skipped_;
  input_bytes_ += input_bytes;
  draw(false);
}

void Progress::draw(bool force) {
  if (!live_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  const double seconds = elapsed();
  const double mb = static_cast<double>(text_bytes_) / 1e6;
  std::string line = fmt::format("newskg: {} document{}, {:.1f} MB, {:.1f} MB/s", documents_, documents_ == 1 ? "" : "s", mb, seconds > 0 ? mb / seconds : 0.0);
  if (total_ && *total_ > 0 && input_bytes_ > 0 && seconds > 0.5) {
    const double fraction = std::min(1.0, static_cast<double>(input_bytes_) / static_cast<double>(*total_));
    const auto left = static_cast<long>(seconds / fraction - seconds + 0.5);
    line += fmt::format(", {:.0f}%, ETA {}:{:02}", fraction * 100, left / 60, left % 60);
  }
  fmt::print(stderr, "\r{}\033[K", line);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish(std::size_t triples, bool rdf) {
  clear();
  if (!summary_) return;
  std::size_t total = 0;
  std::string kinds;
  for (const auto& [kind, count] : facts_) {
    total += count;
    kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", kind, count);
  }
  std::string facts = fmt::format("{} fact{}", total, total == 1 ? "" : "s");
  if (!kinds.empty()) facts += fmt::format(" ({})", kinds);
  const std::string statements = rdf ? fmt::format(", {} triples", triples) : "";
  fmt::print(stderr, "newskg: {} document{}, {} skipped, {}{}, {} warning{}, {:.2f} s\n", documents_, documents_ == 1 ? "" : "s", skipped_,
             facts, statements, warnings_, warnings_ == 1 ? "" : "s", elapsed());
}

}  // namespace newskg::cli
