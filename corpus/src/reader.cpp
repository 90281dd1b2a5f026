#include <algorithm>
#include <charconv>
#include <filesystem>
#include <limits>
#include <system_error>

#include <fmt/format.h>
#include <simdjson.h>

#include "byte_stream.hpp"
#include "newskg/corpus.hpp"

namespace newskg::corpus {

namespace fs = std::filesystem;

bool is_jsonl_name(std::string_view path) {
  if (path.ends_with(".gz")) path.remove_suffix(3);
  return path.ends_with(".jsonl") || path.ends_with(".ndjson");
}

std::uint32_t shard_of(std::string_view id, std::uint32_t count) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : id) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return count == 0 ? 0 : static_cast<std::uint32_t>(hash % count);
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_shard(std::string_view s) {
  const std::size_t slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view digits) -> std::optional<std::uint32_t> {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
  };
  const auto index = number(s.substr(0, slash)), count = number(s.substr(slash + 1));
  if (!index || !count || *count == 0 || *index >= *count) return std::nullopt;
  return std::pair{*index, *count};
}

namespace {

bool is_article_name(std::string_view path) {
  if (path.ends_with(".gz")) path.remove_suffix(3);
  return path.ends_with(".txt") || path.ends_with(".text") || path.ends_with(".md") || is_jsonl_name(path);
}

// The lines of a JSON Lines stream, each without its line break (and a CR before it). A line
// longer than `max_line` is passed over and reported as such, so that one runaway line costs
// no more memory than the limit.
class LineReader {
 public:
  LineReader(const std::string& path, std::size_t max_line) : in_(path), max_line_(max_line) {}

  enum class Result { Line, TooLong, End };
  Result next(std::string& line) {
    line.clear();
    bool too_long = false;
    while (true) {
      if (pos_ == end_) {
        end_ = in_.read(buffer_.data(), buffer_.size());
        pos_ = 0;
        if (end_ == 0) {
          if (line.empty() && !too_long && !pending_) return Result::End;
          pending_ = false;
          ++number_;
          return finish(line, too_long);
        }
      }
      pending_ = true;
      const char* start = buffer_.data() + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const std::size_t take = newline ? static_cast<std::size_t>(newline - start) : end_ - pos_;
      if (!too_long) {
        if (line.size() + take > max_line_) {
          too_long = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(start, take);
        }
      }
      pos_ += take;
      if (newline) {
        ++pos_;
        pending_ = false;
        ++number_;
        return finish(line, too_long);
      }
    }
  }
  std::size_t number() const { return number_; }
  const ByteStream& stream() const { return in_; }

 private:
  static Result finish(std::string& line, bool too_long) {
    if (too_long) return Result::TooLong;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return Result::Line;
  }
  ByteStream in_;
  std::size_t max_line_;
  std::vector<char> buffer_ = std::vector<char>(1 << 17);
  std::size_t pos_ = 0, end_ = 0, number_ = 0;
  bool pending_ = false;  // bytes of an unfinished line were read
};

// An optional string member of a JSON object; throws InputError-like text for a wrong type.
std::optional<std::string_view> string_member(simdjson::dom::object object, const char* key, std::string& error) {
  simdjson::dom::element value;
  if (object[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  std::string_view s;
  if (value.get(s) != simdjson::SUCCESS) {
    error = fmt::format("\"{}\" is not a string", key);
    return std::nullopt;
  }
  return s;
}

// "2024-10-22", "2024-10", "2024", or a date and time ("2024-10-22T09:30:00Z"), whose date is taken.
std::optional<model::Date> parse_published(std::string_view s) {
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) s = s.substr(0, 10);
  return model::parse_date(s);
}

}  // namespace

struct Reader::Impl {
  ReadOptions options;
  std::vector<Source> sources;
  std::vector<std::string> listing_errors;  // folders that hold no article, in input order
  std::vector<std::pair<std::size_t, std::string>> pending_errors;  // (before source index, message)
  std::size_t next_source = 0;
  std::size_t next_error = 0;
  std::unique_ptr<LineReader> lines;  // the JSON Lines file being read
  std::size_t lines_source = 0;
  std::uint64_t lines_offset = 0;  // stored bytes of it already counted
  std::string line;
  simdjson::dom::parser parser;

  std::size_t max_line() const {
    // A JSON line holds its text escaped, and the other members: room beyond the text's limit.
    if (options.max_doc_bytes == 0) return std::numeric_limits<std::size_t>::max();
    return options.max_doc_bytes + options.max_doc_bytes / 2 + (1 << 16);
  }

  void add_path(const std::string& path) {
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) {
      sources.push_back({path, fs::path(path).filename().string(), options.jsonl || is_jsonl_name(path)});
      if (path == "-") sources.back().relative = "stdin";
      return;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator walk(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && walk != fs::recursive_directory_iterator(); walk.increment(ec)) {
      const std::string name = walk->path().filename().string();
      if (name.starts_with(".")) {
        if (walk->is_directory(ec)) walk.disable_recursion_pending();
        continue;
      }
      if (walk->is_regular_file(ec) && is_article_name(name)) found.push_back(walk->path().string());
    }
    if (ec) {
      pending_errors.emplace_back(sources.size(), fmt::format("{}: cannot list the folder ({}); check its permissions", path, ec.message()));
      return;
    }
    if (found.empty()) {
      pending_errors.emplace_back(sources.size(), fmt::format("{}: no article files in this folder (*.txt, *.text, *.md, *.jsonl, *.ndjson, maybe .gz); give files or another folder", path));
      return;
    }
    std::sort(found.begin(), found.end());
    for (const std::string& file : found)
      sources.push_back({file, fs::path(file).lexically_relative(path).string(), options.jsonl || is_jsonl_name(file)});
  }

  bool wanted(const model::DocumentInfo& info) const {
    return options.shard_count <= 1 || shard_of(info.id, options.shard_count) == options.shard_index;
  }

  // An article file as one item; false when it falls outside the shard.
  bool read_article(std::size_t index, Item& item) {
    const Source& source = sources[index];
    item.source = index;
    try {
      const std::string raw = read_input(source.path, options.max_doc_bytes);
      model::DocumentInfo info = options.defaults;
      std::string warning;
      info.text = article_text(source.path, raw, options.strict, &warning);
      if (!warning.empty()) item.warnings.push_back(std::move(warning));
      if (info.id.empty()) info.id = model::stable_hash(info.text);
      if (!wanted(info)) return false;
      item.document = std::move(info);
    } catch (const InputError& e) {
      item.error = e.what();
    }
    return true;
  }

  // The document of one JSON line, or the reason it has none.
  void parse_line(const std::string& where, Item& item) {
    auto skip = [&](const std::string& why) { item.error = fmt::format("{}: {}; line skipped", where, why); };
    simdjson::dom::element root;
    if (const auto error = parser.parse(line).get(root)) return skip(fmt::format("not valid JSON ({})", simdjson::error_message(error)));
    simdjson::dom::object object;
    if (root.get(object) != simdjson::SUCCESS) return skip("not a JSON object; each line needs {\"id\": ..., \"text\": ...}");
    std::string error;
    model::DocumentInfo info;
    const auto text = string_member(object, "text", error);
    if (!error.empty()) return skip(error);
    if (!text || text->find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
      return skip(text ? "\"text\" is empty" : "no \"text\"; each line needs the article's text");
    if (options.max_doc_bytes != 0 && text->size() > options.max_doc_bytes)
      return skip(fmt::format("a text of {} bytes, more than --max-doc-bytes {}; split the article or raise --max-doc-bytes (0: no limit)",
                              text->size(), options.max_doc_bytes));
    simdjson::dom::element id;
    if (object["id"].get(id) == simdjson::SUCCESS && !id.is_null()) {
      if (std::string_view s; id.get(s) == simdjson::SUCCESS) info.id = std::string(s);
      else if (std::int64_t n; id.get(n) == simdjson::SUCCESS) info.id = std::to_string(n);
      else if (std::uint64_t u; id.get(u) == simdjson::SUCCESS) info.id = std::to_string(u);
      else return skip("\"id\" is neither a string nor an integer");
      if (info.id.empty()) return skip("\"id\" is empty");
    }
    for (auto [key, field] : {std::pair{"title", &info.title}, std::pair{"url", &info.url}, std::pair{"source", &info.source}}) {
      const auto value = string_member(object, key, error);
      if (!error.empty()) return skip(error);
      if (value) *field = std::string(*value);
    }
    if (const auto published = string_member(object, "published", error); published) {
      info.published = parse_published(*published);
      if (!info.published) return skip(fmt::format("\"published\": '{}' is not a date (YYYY-MM-DD)", *published));
    } else if (!error.empty()) {
      return skip(error);
    } else {
      info.published = options.defaults.published;
    }
    std::string warning;
    try {
      info.text = article_text(where, *text, options.strict, &warning);
    } catch (const InputError& e) {
      item.error = fmt::format("{}; line skipped", e.what());
      return;
    }
    if (!warning.empty()) item.warnings.push_back(std::move(warning));
    if (info.id.empty()) info.id = model::stable_hash(info.text);
    item.document = std::move(info);
  }

  // The next line of the open JSON Lines file as an item; false at its end.
  bool read_line(Item& item) {
    while (true) {
      LineReader::Result result;
      try {
        result = lines->next(line);
      } catch (const InputError& e) {
        item.source = lines_source;
        item.error = e.what();
        lines.reset();
        return true;
      }
      if (result == LineReader::Result::End) return false;
      const std::uint64_t offset = lines->stream().stored_offset();
      item.input_bytes += offset - std::min(offset, lines_offset);
      lines_offset = std::max(offset, lines_offset);
      const std::string where = fmt::format("{}:{}", sources[lines_source].path, lines->number());
      item.source = lines_source;
      if (result == LineReader::Result::TooLong) {
        item.error = fmt::format("{}: a line of more than {} bytes, beyond --max-doc-bytes {}; line skipped", where, max_line(), options.max_doc_bytes);
        if (options.shard_count <= 1 || shard_of(where, options.shard_count) == options.shard_index) return true;
        item.error.clear();
        continue;
      }
      if (line.find_first_not_of(" \t\r\f\v") == std::string::npos) continue;  // blank lines separate nothing
      parse_line(where, item);
      // A line without a usable document is reported by one shard: the one of its place.
      const bool mine = item.document ? wanted(*item.document)
                                      : options.shard_count <= 1 || shard_of(where, options.shard_count) == options.shard_index;
      if (mine) return true;
      item.document.reset();
      item.error.clear();
      item.warnings.clear();
    }
  }
};

Reader::Reader(const std::vector<std::string>& paths, ReadOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  for (const std::string& path : paths) impl_->add_path(path);
}

Reader::~Reader() = default;

const std::vector<Source>& Reader::sources() const { return impl_->sources; }

std::optional<std::uint64_t> Reader::total_bytes() const {
  std::uint64_t total = 0;
  for (const Source& source : impl_->sources) {
    std::error_code ec;
    if (source.path == "-") return std::nullopt;
    const auto size = fs::file_size(source.path, ec);
    if (!ec) total += size;
  }
  return total;
}

bool Reader::next(Item& item) {
  Impl& m = *impl_;
  item = Item{};
  while (true) {
    if (m.lines) {
      if (m.read_line(item)) return true;
      m.lines.reset();
    }
    if (m.next_error < m.pending_errors.size() && m.pending_errors[m.next_error].first <= m.next_source) {
      item.source = static_cast<std::size_t>(-1);
      item.error = m.pending_errors[m.next_error++].second;
      return true;
    }
    if (m.next_source == m.sources.size()) return false;
    const std::size_t index = m.next_source++;
    if (m.sources[index].jsonl) {
      try {
        m.lines = std::make_unique<LineReader>(m.sources[index].path, m.max_line());
        m.lines_source = index;
        m.lines_offset = 0;
      } catch (const InputError& e) {
        item.source = index;
        item.error = e.what();
        return true;
      }
      continue;
    }
    std::error_code ec;
    const std::uint64_t size = m.sources[index].path == "-" ? 0 : fs::file_size(m.sources[index].path, ec);
    item.input_bytes += ec ? 0 : size;
    if (m.read_article(index, item)) return true;
    // Outside the shard: its bytes still count as read.
    const std::uint64_t bytes = item.input_bytes;
    item = Item{};
    item.input_bytes = bytes;
  }
}

}  // namespace newskg::corpus
