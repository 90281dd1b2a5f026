// Fuzz target: any bytes as an article, extracted and exported. The first line also serves as
// the title, the second as the URL and the third as the document id (as --title, --url and
// --id would give them), and the input's length picks an odd --base. Every output format must
// re-parse in Serd's reader (reparse.hpp), else the target aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "newskg/document.hpp"
#include "newskg/extractor.hpp"
#include "newskg/resources.hpp"
#include "reparse.hpp"

namespace {

using namespace newskg;

const Extractor& extractor() {
  static const Resources resources = Resources::load(NEWSKG_FUZZ_DATA);
  static const Extractor instance(resources);
  return instance;
}

std::string_view line(std::string_view text, std::size_t n) {
  for (; n > 0; --n) {
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return {};
    text.remove_prefix(nl + 1);
  }
  return text.substr(0, std::min(text.find('\n'), std::size_t{300}));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  model::DocumentInfo info;
  // Odd sizes keep the bytes as they are (the library's contract: invalid UTF-8 is kept);
  // even sizes repair them first, as the command line does.
  info.text = size % 2 ? std::string(raw) : repair_utf8(raw);
  info.title = std::string(line(raw, 0));
  info.url = std::string(line(raw, 1));
  info.id = std::string(line(raw, 2));
  if (info.id.empty()) info.id = model::stable_hash(info.text);
  if (size % 3 == 0) info.published = model::parse_date("2024-10-22");
  model::DocumentGraph graph = extractor().extract(std::move(info));

  exporters::RdfOptions options;
  static const char* const kBases[] = {nullptr, "http://example.org/a b>c/", "urn:x:", "http://example.org/kg#",
                                       "file:///tmp/x\"y\\z/", "http://[::1]:80/{}|^`/"};
  if (const char* base = kBases[size % (sizeof kBases / sizeof *kBases)]) options.base = exporters::iri_escape(base);
  options.include_text = size % 5 != 0;
  fuzz::export_and_reparse(graph, options);
  return 0;
}
