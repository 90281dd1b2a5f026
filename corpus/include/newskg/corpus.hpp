// Corpus input: article files, folders of them, standard input and JSON Lines (plain or
// gzip-compressed) read as one stream of documents, in a stable order, each with where it came
// from. Unusable inputs become items that say why, so that a caller reports them in order and
// goes on (docs/corpus-format.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newskg/model.hpp"

namespace newskg::corpus {

// An input or output file that cannot be used; the message names it (and the line or byte).
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The largest article read by default (--max-doc-bytes); 0 means no limit.
inline constexpr std::size_t kDefaultMaxDocBytes = 10'000'000;

// The bytes of a file (gzip-compressed ones are decompressed), or of standard input for "-".
// Throws InputError, whose message reads "FILE: [byte N: ]what happened; what to do", for a
// missing, unreadable, empty (or white space only) or binary file, a directory, and more than
// `max_bytes` bytes (0: no limit).
std::string read_input(const std::string& path, std::size_t max_bytes = kDefaultMaxDocBytes);

// An article's text: `raw` with invalid UTF-8 and NUL bytes replaced by U+FFFD and a leading
// byte-order mark dropped. The first bad byte gives a warning ("WHERE: byte N: ...; what to
// do") in `*warning`, or, when `strict`, throws InputError instead. `where` names the input.
std::string article_text(const std::string& where, std::string_view raw, bool strict, std::string* warning);

// One file to read: an article, or JSON Lines.
struct Source {
  std::string path;      // as given, or found in a given folder; "-" is standard input
  std::string relative;  // the name to mirror in an output folder: the path below the given folder
  bool jsonl = false;
};

struct ReadOptions {
  bool jsonl = false;  // every input is JSON Lines, whatever its name (--jsonl)
  // What article files take (an empty id: a hash of the text); JSON Lines documents take
  // only `published`, where their line has none.
  model::DocumentInfo defaults;
  bool strict = false;
  std::size_t max_doc_bytes = kDefaultMaxDocBytes;
  // Keep only the documents of shard `shard_index` of `shard_count` (see shard_of).
  std::uint32_t shard_index = 0, shard_count = 1;
};

// What the reader gives for each document or unusable input, in input order.
struct Item {
  std::size_t source = 0;  // index in Reader::sources(); npos for a path that names no file
  std::optional<model::DocumentInfo> document;  // none: see `error`
  std::string error;                  // "FILE[:LINE]: what happened; what to do"
  std::vector<std::string> warnings;  // the document is read, but something was repaired
  std::uint64_t input_bytes = 0;      // bytes of the file read since the previous item
};

// True for a name that says JSON Lines: *.jsonl, *.ndjson, with or without .gz.
bool is_jsonl_name(std::string_view path);

// The shard of a document id: FNV-1a (64 bits) of its bytes modulo `count`. Stable across
// runs, machines and versions: a corpus split in `count` shards is covered exactly once.
std::uint32_t shard_of(std::string_view id, std::uint32_t count);

// Parses "K/N" with 0 <= K < N; nullopt otherwise.
std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_shard(std::string_view);

// Reads the inputs in order: each given file; each given folder walked recursively in sorted
// (byte-wise) order, taking the files whose names say article or JSON Lines (*.txt, *.text,
// *.md, *.jsonl, *.ndjson, each maybe .gz) and skipping hidden ones; "-" as standard input.
// Documents outside the shard are passed over silently.
class Reader {
 public:
  Reader(const std::vector<std::string>& paths, ReadOptions options);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The next item, or false at the end. Never throws for a bad input: that is an item.
  bool next(Item& item);
  const std::vector<Source>& sources() const;
  // The bytes of all inputs, as stored (compressed for .gz), when known (no standard input).
  std::optional<std::uint64_t> total_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newskg::corpus
