// Fuzz target: the gold-file loader of `newskg eval` (newskg::evaluation::parse_gold, JSON
// through simdjson). Any bytes must give a Gold or an EvalError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "newskg/evaluation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  try {
    const auto gold = newskg::evaluation::parse_gold(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    (void)gold;
  } catch (const newskg::evaluation::EvalError&) {
  }
  return 0;
}
