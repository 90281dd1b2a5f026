// Whole-file articles: reading them, refusing what is not text, repairing what is nearly so.
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "byte_stream.hpp"
#include "newskg/corpus.hpp"
#include "newskg/document.hpp"
#include "newskg/utf8.hpp"

namespace newskg::corpus {

namespace {

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
  ByteStream in(path);
  const bool compressed = in.compressed();
  if (!compressed && in.stored_size() > limit) throw InputError(too_big(path, std::to_string(in.stored_size()), max_bytes));
  std::string text;
  if (!compressed) text.reserve(in.stored_size());
  char buffer[1 << 16];
  while (const std::size_t n = in.read(buffer, sizeof buffer)) {
    text.append(buffer, n);
    if (text.size() > limit) throw InputError(too_big(path, fmt::format("more than {}", limit), max_bytes));
  }
  check_text(path, text);
  return text;
}

std::string article_text(const std::string& where, std::string_view raw, bool strict, std::string* warning) {
  std::size_t bad = std::string_view::npos;
  std::string text = repair_utf8(raw, &bad);
  if (bad != std::string_view::npos) {
    const bool nul = bad < raw.size() && raw[bad] == '\0';
    if (strict)
      throw InputError(fmt::format("{}: byte {}: {}; --strict refuses the file: {}", where, bad, nul ? "a NUL byte" : "invalid UTF-8",
                                   nul ? "remove the NUL bytes" : "convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"));
    if (warning)
      *warning = fmt::format("{}: byte {}: {} replaced by U+FFFD; {}, or use --strict to refuse such files", where, bad,
                             nul ? "a NUL byte" : "invalid UTF-8", nul ? "remove the NUL bytes" : "convert the file to UTF-8");
  }
  return text;
}

}  // namespace newskg::corpus
