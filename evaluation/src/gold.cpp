// Gold files (schema in the gold README), parsed with simdjson. simdjson does not say where a
// syntax error is, so a small strict scanner finds its line and column for the message.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <simdjson.h>

#include "newskg/evaluation.hpp"
#include "text.hpp"

namespace newskg::evaluation {

namespace {

// ---------------------------------------------------------------- locating syntax errors

// A strict RFC 8259 scanner: the byte offset of the first error and what was expected there.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool run() {
    skip_ws();
    if (!value(0)) return false;
    skip_ws();
    if (i_ != s_.size()) return fail("extra data after the document");
    return true;
  }
  std::size_t offset() const { return i_; }
  const std::string& what() const { return what_; }

 private:
  bool fail(std::string what) {
    what_ = std::move(what);
    return false;
  }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return fail("expected a value");
    i_ += word.size();
    return true;
  }
  bool value(int depth) {
    if (depth > 1000) return fail("nested too deeply");
    if (i_ >= s_.size()) return fail("expected a value, found the end of the file");
    switch (s_[i_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }
  bool object(int depth) {
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
    for (;;) {
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != '"') return fail("expected a property name in double quotes");
      if (!string()) return false;
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != ':') return fail("expected ':'");
      ++i_;
      skip_ws();
      if (!value(depth + 1)) return false;
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
      return fail("expected ',' or '}'");
    }
  }
  bool array(int depth) {
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
    for (;;) {
      skip_ws();
      if (!value(depth + 1)) return false;
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
      return fail("expected ',' or ']'");
    }
  }
  bool string() {
    ++i_;
    while (i_ < s_.size()) {
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') return ++i_, true;
      if (c < 0x20) return fail("control character in a string");
      if (c == '\\') {
        if (i_ + 1 >= s_.size()) break;
        const char e = s_[i_ + 1];
        if (e == 'u') {
          for (std::size_t k = 2; k < 6; ++k)
            if (i_ + k >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_ + k]))) return fail("bad \\u escape");
          i_ += 6;
          continue;
        }
        if (std::strchr("\"\\/bfnrt", e) == nullptr || e == '\0') return fail("bad escape");
        i_ += 2;
        continue;
      }
      ++i_;
    }
    return fail("unterminated string");
  }
  bool digits() {
    const std::size_t b = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > b;
  }
  bool number() {
    const std::size_t start = i_;
    if (s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      i_ = start;
      return fail("expected a value");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digits()) return fail("expected a digit");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return fail("expected a digit");
    }
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::string what_;
};

[[noreturn]] void syntax_error(std::string_view json, const std::string& path, const char* simdjson_message) {
  Scanner scanner(json);
  if (scanner.run()) throw EvalError(fmt::format("{}: not valid JSON ({})", path, simdjson_message));
  const std::size_t at = std::min(scanner.offset(), json.size());
  const std::string_view before = json.substr(0, at);
  const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t column = 1 + text::code_points(before.substr(line_start));
  throw EvalError(fmt::format("{}:{}:{}: not valid JSON: {}", path, line, column, scanner.what()));
}

// ---------------------------------------------------------------- the schema

using simdjson::dom::element;
using simdjson::dom::element_type;

// Values copied out of their simdjson_result (a range-for over a temporary result's value
// would dangle). Only called after the type was checked.
simdjson::dom::array as_array(element e) {
  simdjson::dom::array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) throw EvalError("internal error: not an array");
  return a;
}
simdjson::dom::object as_object(element e) {
  simdjson::dom::object o;
  if (e.get_object().get(o) != simdjson::SUCCESS) throw EvalError("internal error: not an object");
  return o;
}
std::string as_string(element e) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) throw EvalError("internal error: not a string");
  return std::string(s);
}

std::string describe(element_type t) {
  switch (t) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

struct Context {
  const std::string& path;
  [[noreturn]] void wrong(const std::string& where, std::string_view expected, element e) const {
    throw EvalError(fmt::format("{}: {} must be {}, not {}", path, where, expected, describe(e.type())));
  }
  std::optional<std::string> optional_string(element e, const std::string& where) const {
    if (e.is_null()) return std::nullopt;
    if (!e.is_string()) wrong(where, "a string", e);
    return as_string(e);
  }
  std::string string(element e, const std::string& where) const {
    if (!e.is_string()) wrong(where, "a string", e);
    return as_string(e);
  }
  std::vector<std::string> strings(element e, const std::string& where) const {
    std::vector<std::string> out;
    if (e.is_null()) return out;
    if (!e.is_array()) wrong(where, "an array of strings", e);
    std::size_t n = 0;
    for (element item : as_array(e)) out.push_back(string(item, fmt::format("{}[{}]", where, n++)));
    return out;
  }
};

GoldActor parse_actor(const Context& cx, element e, const std::string& where) {
  if (!e.is_object()) cx.wrong(where, "an object", e);
  GoldActor a;
  bool has_name = false;
  for (auto field : as_object(e)) {
    const std::string_view key = field.key;
    const std::string at = fmt::format("{}.{}", where, key);
    if (key == "name") {
      a.name = cx.string(field.value, at);
      has_name = true;
    } else if (key == "aliases") {
      a.aliases = cx.strings(field.value, at);
    } else if (key == "iso3") {
      a.iso3 = cx.optional_string(field.value, at).value_or("");
    } else if (key == "affiliation") {
      a.affiliation = cx.optional_string(field.value, at);
    }
  }
  if (!has_name) throw EvalError(fmt::format("{}: {} has no \"name\"", cx.path, where));
  return a;
}

GoldFact parse_fact(const Context& cx, element e, const std::string& where) {
  if (!e.is_object()) cx.wrong(where, "an object", e);
  GoldFact f;
  bool has_kind = false;
  for (auto field : as_object(e)) {
    const std::string_view key = field.key;
    const std::string at = fmt::format("{}.{}", where, key);
    if (key == "kind") {
      f.kind = cx.string(field.value, at);
      has_kind = true;
    } else if (key == "claimant") {
      f.claimant = cx.strings(field.value, at);
    } else if (key == "denier") {
      f.denier = cx.strings(field.value, at);
    } else if (key == "confirmer") {
      f.confirmer = cx.strings(field.value, at);
    } else if (key == "accused") {
      f.accused = cx.strings(field.value, at);
    } else if (key == "parties") {
      f.parties = cx.strings(field.value, at);
    } else if (key == "provider") {
      f.provider = cx.strings(field.value, at);
    } else if (key == "recipient") {
      f.recipient = cx.strings(field.value, at);
    } else if (key == "act") {
      f.act = cx.optional_string(field.value, at);
    } else if (key == "type") {
      f.type = cx.optional_string(field.value, at);
    } else if (key == "status") {
      f.status = cx.optional_string(field.value, at);
    } else if (key == "when") {
      f.when = cx.optional_string(field.value, at);
    } else if (key == "aidType") {
      f.aid_type = cx.optional_string(field.value, at);
    } else if (key == "sentence") {
      f.sentence = cx.optional_string(field.value, at).value_or("");
    }
  }
  if (!has_kind) throw EvalError(fmt::format("{}: {} has no \"kind\"", cx.path, where));
  return f;
}

}  // namespace

Gold parse_gold(std::string_view json, const std::string& path) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(json.data(), json.size());
  element root;
  if (auto error = parser.parse(padded).get(root)) syntax_error(json, path, simdjson::error_message(error));
  const Context cx{path};
  if (!root.is_object()) cx.wrong("the document", "an object", root);
  Gold gold;
  gold.path = path;
  gold.doc = "None";
  bool has_facts = false;
  for (auto field : as_object(root)) {
    const std::string_view key = field.key;
    const element v = field.value;
    if (key == "id") {
      // kgscore prints str(gold.get("id")).
      if (v.is_null()) gold.doc = "None";
      else if (v.is_string()) gold.doc = as_string(v);
      else if (v.is_int64()) gold.doc = std::to_string(int64_t(v));
      else if (v.is_uint64()) gold.doc = std::to_string(uint64_t(v));
      else cx.wrong("\"id\"", "a string", v);
    } else if (key == "published") {
      gold.published = cx.optional_string(v, "\"published\"");
    } else if (key == "actors") {
      gold.actors.clear();
      if (v.is_null()) continue;
      if (!v.is_array()) cx.wrong("\"actors\"", "an array", v);
      std::size_t n = 0;
      for (element a : as_array(v)) {
        gold.actors.push_back(parse_actor(cx, a, fmt::format("actors[{}]", n)));
        ++n;
      }
    } else if (key == "facts") {
      gold.facts.clear();
      has_facts = true;
      if (!v.is_array()) cx.wrong("\"facts\"", "an array", v);
      std::size_t n = 0;
      for (element f : as_array(v)) {
        gold.facts.push_back(parse_fact(cx, f, fmt::format("facts[{}]", n)));
        ++n;
      }
    }
  }
  if (!has_facts) throw EvalError(fmt::format("{}: no \"facts\" list", path));
  return gold;
}

Gold read_gold(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw EvalError(fmt::format("{}: is a directory, not a gold file", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EvalError(fmt::format("{}: cannot open the gold file ({})", path, std::strerror(errno)));
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw EvalError(fmt::format("{}: read error", path));
  return parse_gold(json, path);
}

}  // namespace newskg::evaluation
