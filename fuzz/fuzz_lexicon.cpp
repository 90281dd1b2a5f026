// Fuzz target: the lexicon and gazetteer loader, as --lexicon FILE and --gazetteer FILE use
// it. The input is a lexicon TSV, optionally followed by a line "%%gazetteer" and a gazetteer
// TSV; both are added to the built-in data. A file the loader accepts must give an extractor
// that handles an article and exports valid RDF; a rejected one must throw LoadError and
// nothing else.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "newskg/extractor.hpp"
#include "newskg/resources.hpp"
#include "reparse.hpp"

namespace {

using namespace newskg;
namespace fs = std::filesystem;

const Resources& base() {
  static const Resources instance = Resources::load(NEWSKG_FUZZ_DATA);
  return instance;
}

const std::string& article() {
  static const std::string text = [] {
    std::ifstream in(NEWSKG_FUZZ_TEXT, std::ios::binary);
    std::string t((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return t.substr(0, 2000);
  }();
  return text;
}

const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string templ = (fs::temp_directory_path() / "newskg-fuzz-lexicon-XXXXXX").string();
    if (!::mkdtemp(templ.data())) std::abort();
    return fs::path(templ);
  }();
  return dir;
}

fs::path write(const char* name, std::string_view content) {
  fs::path p = scratch() / name;
  std::ofstream(p, std::ios::binary | std::ios::trunc).write(content.data(), static_cast<std::streamsize>(content.size()));
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find("%%gazetteer\n");
  Resources resources = base();
  try {
    if (split != std::string_view::npos) resources.add_gazetteer_file(write("gazetteer.tsv", input.substr(split + 12)));
    resources.add_lexicon_file(write("lexicon.tsv", input.substr(0, split)));
    resources.validate();
  } catch (const LoadError&) {
    return 0;
  }
  const Extractor extractor(resources);
  model::DocumentInfo info;
  info.text = article();
  info.id = "fuzz";
  info.published = model::parse_date("2024-10-22");
  fuzz::export_and_reparse(extractor.extract(std::move(info)), exporters::RdfOptions{});
  return 0;
}
