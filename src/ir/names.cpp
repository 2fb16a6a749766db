#include "ir/names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <utility>

namespace hlsnn::ir {
namespace {

/// C++20 keywords, alternative tokens, and names the preprocessor of the generated code expands.
constexpr std::string_view kForbiddenNames[] = {
    "alignas",       "alignof",     "and",
    "and_eq",        "asm",         "auto",
    "bitand",        "bitor",       "bool",
    "break",         "case",        "catch",
    "char",          "char8_t",     "char16_t",
    "char32_t",      "class",       "compl",
    "concept",       "const",       "consteval",
    "constexpr",     "constinit",   "const_cast",
    "continue",      "co_await",    "co_return",
    "co_yield",      "decltype",    "default",
    "delete",        "do",          "double",
    "dynamic_cast",  "else",        "enum",
    "explicit",      "export",      "extern",
    "false",         "float",       "for",
    "friend",        "goto",        "if",
    "inline",        "int",         "long",
    "mutable",       "namespace",   "new",
    "noexcept",      "not",         "not_eq",
    "nullptr",       "operator",    "or",
    "or_eq",         "private",     "protected",
    "public",        "register",    "reinterpret_cast",
    "requires",      "return",      "short",
    "signed",        "sizeof",      "static",
    "static_assert", "static_cast", "struct",
    "switch",        "template",    "this",
    "thread_local",  "throw",       "true",
    "try",           "typedef",     "typeid",
    "typename",      "union",       "unsigned",
    "using",         "virtual",     "void",
    "volatile",      "wchar_t",     "while",
    "xor",           "xor_eq",      "final",
    "override",      "import",      "module",
    "NULL",          "EOF",         "assert",
    "errno",         "offsetof",    "stdin",
    "stdout",        "stderr",      "INFINITY",
    "NAN",           "HUGE_VAL",    "CHAR_BIT",
    "INT_MAX",       "INT_MIN",     "SIZE_MAX",
    "NDEBUG",        "RAND_MAX",
};

/// Prefixes of the macros and enumerators of the ap headers (AP_RND, SC_SAT, ...).
constexpr std::array<std::string_view, 2> kForbiddenPrefixes = {"AP_", "SC_"};

constexpr size_t kMaxCleanedLength = 48;

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_char(char c) { return is_ascii_letter(c) || is_ascii_digit(c) || c == '_'; }

/// 64-bit FNV-1a: tiny, stable across platforms and releases, good enough to tell names apart.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string hex8(std::uint64_t value) {
  std::array<char, 9> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%08x", static_cast<unsigned>(value & 0xffffffffU));
  return std::string(buffer.data());
}

/// Escapes `c` for a quoted message (`'` quoting) as \n, \t, \r, \\, \' or \xNN.
void append_escaped_for_display(std::string& out, char c) {
  const auto byte = static_cast<unsigned char>(c);
  switch (c) {
    case '\n':
      out += "\\n";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\'':
      out += "\\'";
      return;
    default:
      break;
  }
  if (byte < 0x20 || byte >= 0x7f) {
    std::array<char, 5> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "\\x%02x", byte);
    out += buffer.data();
    return;
  }
  out += c;
}

}  // namespace

bool is_valid_cpp_identifier(std::string_view name) {
  if (name.empty() || is_ascii_digit(name.front()) || name.front() == '_') {
    return false;
  }
  if (!std::all_of(name.begin(), name.end(), is_identifier_char)) {
    return false;
  }
  if (name.find("__") != std::string_view::npos) {
    return false;
  }
  for (const std::string_view prefix : kForbiddenPrefixes) {
    if (name.substr(0, prefix.size()) == prefix) {
      return false;
    }
  }
  return std::find(std::begin(kForbiddenNames), std::end(kForbiddenNames), name) ==
         std::end(kForbiddenNames);
}

std::string sanitize_identifier(std::string_view name) {
  if (name.size() <= kMaxIdentifierLength && is_valid_cpp_identifier(name)) {
    return std::string(name);
  }
  std::string cleaned;
  for (const char c : name) {
    const char kept = is_identifier_char(c) ? c : '_';
    if (kept == '_' && (cleaned.empty() || cleaned.back() == '_')) {
      continue;
    }
    cleaned += kept;
  }
  if (cleaned.size() > kMaxCleanedLength) {
    cleaned.resize(kMaxCleanedLength);
  }
  while (!cleaned.empty() && cleaned.back() == '_') {
    cleaned.pop_back();
  }
  if (cleaned.empty()) {
    cleaned = "id";
  } else if (is_ascii_digit(cleaned.front())) {
    cleaned.insert(0, "id_");
  }
  // The hexadecimal suffix rules out keywords; a reserved prefix (AP_, SC_) needs one more guard.
  std::string candidate = cleaned + "_" + hex8(fnv1a(name));
  if (!is_valid_cpp_identifier(candidate)) {
    candidate.insert(0, "id_");
  }
  return candidate;
}

void IdentifierTable::reserve(std::string identifier) { taken_.insert(std::move(identifier)); }

const std::string& IdentifierTable::assign(std::string_view name) {
  const auto found = assigned_.find(name);
  if (found != assigned_.end()) {
    return found->second;
  }
  const std::string base = sanitize_identifier(name);
  std::string identifier = base;
  for (int suffix = 2; taken_.count(identifier) != 0; ++suffix) {
    identifier = base + "_" + std::to_string(suffix);
  }
  taken_.insert(identifier);
  return assigned_.emplace(std::string(name), std::move(identifier)).first->second;
}

std::string single_quoted(std::string_view name) {
  std::string out = "'";
  for (const char c : name) {
    append_escaped_for_display(out, c);
  }
  return out + "'";
}

std::string display_name(std::string_view name) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return is_identifier_char(c) || c == '.' || c == ':' || c == '/' || c == '-';
  });
  return plain ? std::string(name) : single_quoted(name);
}

std::string to_cpp_string_literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || c == '?') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7f || c == '*') {
      // Octal escapes stop after three digits; hex escapes would swallow following hex digits.
      std::array<char, 5> buffer{};
      std::snprintf(buffer.data(), buffer.size(), "\\%03o", byte);
      out += buffer.data();
    } else {
      out += c;
    }
  }
  return out + "\"";
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace hlsnn::ir
