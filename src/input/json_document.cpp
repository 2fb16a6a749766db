#include "input/json_document.h"

#include "ir/error.h"

namespace hlsnn::input {

void check_json_nesting(std::string_view text, int max_depth, const std::string& where) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        throw Error("the JSON nests arrays and objects deeper than the limit of " +
                        std::to_string(max_depth) + " levels (at byte " + std::to_string(at) + ")",
                    where, "a model description nests about 10 levels; the file is damaged");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

void throw_json_error(const nlohmann::json::exception& error, const std::string& where,
                      const std::string& hint) {
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while ..."
  std::string message = error.what();
  const size_t code_end = message.find("] ");
  if (code_end != std::string::npos) message.erase(0, code_end + 2);
  std::string place;
  const std::string at_line = "parse error at line ";
  if (message.rfind(at_line, 0) == 0) {
    const size_t colon = message.find(": ");
    if (colon != std::string::npos) {
      place = message.substr(std::string("parse error at ").size(),
                             colon - std::string("parse error at ").size());
      message.erase(0, colon + 2);
    }
  } else if (message.rfind("parse error: ", 0) == 0) {
    message.erase(0, std::string("parse error: ").size());
  }
  throw Error("not valid JSON: " + message, place.empty() ? where : where + ", " + place, hint);
}

}  // namespace hlsnn::input
