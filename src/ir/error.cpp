#include "ir/error.h"

#include <cstdio>
#include <filesystem>
#include <new>
#include <utility>

namespace hlsnn {
namespace {

std::string compose_message(const std::string& problem, const std::string& where,
                            const std::string& hint) {
  std::string message = where.empty() ? problem : where + ": " + problem;
  if (!hint.empty()) {
    message += "\n  hint: " + hint;
  }
  return message;
}

void append_hex_escape(std::string& out, unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
  out += buffer;
}

/// The length of the valid UTF-8 sequence starting at `text[at]` and its code point; 0 when the
/// bytes there are not one (overlong forms, surrogates and values past U+10FFFF included).
size_t utf8_sequence(std::string_view text, size_t at, char32_t& code_point) {
  const auto byte = [&](size_t offset) { return static_cast<unsigned char>(text[at + offset]); };
  const unsigned char lead = byte(0);
  size_t length;
  char32_t minimum;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    minimum = 0x80;
    code_point = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    minimum = 0x800;
    code_point = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    minimum = 0x10000;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (size_t offset = 1; offset < length; ++offset) {
    if ((byte(offset) & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(offset) & 0x3f);
  }
  if (code_point < minimum || code_point > 0x10ffff ||
      (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return 0;
  }
  return length;
}

/// C1 controls and the characters that reorder text on screen (Trojan-source style).
bool is_invisible_control(char32_t code_point) {
  return (code_point >= 0x80 && code_point <= 0x9f) ||
         (code_point >= 0x202a && code_point <= 0x202e) ||
         (code_point >= 0x2066 && code_point <= 0x2069) || code_point == 0x200e ||
         code_point == 0x200f || code_point == 0x061c;
}

std::string strip_prefix(std::string text, std::string_view prefix) {
  if (text.compare(0, prefix.size(), prefix) == 0) text.erase(0, prefix.size());
  return text;
}

const char kTooLargeHint[] =
    "the input is damaged, or far larger than a network for an FPGA; check the file";

}  // namespace

std::string printable_text(std::string_view text, size_t max_bytes, bool keep_line_breaks) {
  std::string out;
  size_t at = 0;
  while (at < text.size() && out.size() < max_bytes) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7f) {
      out += text[at++];
      continue;
    }
    if (byte == '\n' && keep_line_breaks) {
      out += text[at++];
      continue;
    }
    if (byte < 0x80) {
      if (byte == '\n') {
        out += "\\n";
      } else if (byte == '\t') {
        out += "\\t";
      } else if (byte == '\r') {
        out += "\\r";
      } else {
        append_hex_escape(out, byte);
      }
      ++at;
      continue;
    }
    char32_t code_point = 0;
    const size_t length = utf8_sequence(text, at, code_point);
    if (length == 0) {
      append_hex_escape(out, byte);
      ++at;
    } else if (is_invisible_control(code_point)) {
      char buffer[12];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(code_point));
      out += buffer;
      at += length;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  if (at < text.size()) {
    out += " ... (" + std::to_string(text.size() - at) + " more bytes)";
  }
  return out;
}

Error::Error(std::string problem, std::string where, std::string hint)
    : std::runtime_error(compose_message(
          printable_text(problem, kMaxErrorPartBytes, /*keep_line_breaks=*/true),
          printable_text(where, kMaxErrorPartBytes), printable_text(hint, kMaxErrorPartBytes))),
      problem_(printable_text(problem, kMaxErrorPartBytes, /*keep_line_breaks=*/true)),
      where_(printable_text(where, kMaxErrorPartBytes)),
      hint_(printable_text(hint, kMaxErrorPartBytes)) {}

Error Error::with_context(std::string_view outer_where) const {
  std::string combined(outer_where);
  if (!where_.empty()) {
    combined = combined.empty() ? where_ : combined + ", " + where_;
  }
  return Error(problem_, std::move(combined), hint_);
}

Error error_from_exception(const std::exception& exception) {
  if (const auto* error = dynamic_cast<const Error*>(&exception)) return *error;
  if (const auto* filesystem = dynamic_cast<const std::filesystem::filesystem_error*>(&exception)) {
    // "filesystem error: cannot create directories: Permission denied [p]" -> the middle part.
    std::string problem = strip_prefix(filesystem->what(), "filesystem error: ");
    const size_t paths = problem.find(" [");
    if (paths != std::string::npos) problem.resize(paths);
    std::string where = filesystem->path1().string();
    if (!filesystem->path2().empty()) where += " -> " + filesystem->path2().string();
    return Error(problem, where, "check that the path exists and that you may use it");
  }
  if (dynamic_cast<const std::bad_alloc*>(&exception) != nullptr) {
    return Error("out of memory", "", kTooLargeHint);
  }
  if (dynamic_cast<const std::length_error*>(&exception) != nullptr) {
    return Error("a size taken from the input is too large", "", kTooLargeHint);
  }
  std::string text = exception.what();
  if (text.rfind("[json.exception.", 0) == 0) {
    // "[json.exception.type_error.302] type must be string, but is number"
    const size_t end = text.find("] ");
    return Error(
        "unexpected JSON value: " + (end == std::string::npos ? text : text.substr(end + 2)), "",
        "check the JSON input against what Keras writes");
  }
  return Error("hlsnn failed unexpectedly (" + text + ")", "",
               "please report this, with the input that caused it");
}

}  // namespace hlsnn
