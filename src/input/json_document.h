#ifndef HLSNN_INPUT_JSON_DOCUMENT_H
#define HLSNN_INPUT_JSON_DOCUMENT_H

// JSON from files and strings users pass (model JSON, manifests, metadata): size and nesting are
// checked before the parser runs (the parser and every walk over the document recurse once per
// level, so a few hundred kilobytes of brackets would overflow the stack), and a syntax error
// becomes an Error naming the document, line and column.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "input/input_file.h"
#include "input/input_limits.h"

namespace hlsnn::input {

/// Throws an hlsnn::Error at `where` when arrays and objects in `text` nest deeper than
/// `max_depth` (brackets inside strings do not count).
void check_json_nesting(std::string_view text, int max_depth, const std::string& where);

/// The Error for an exception of the JSON parser (syntax error, number out of range), with the
/// line and column it gives added to `where`, and without the library's exception codes.
[[noreturn]] void throw_json_error(const nlohmann::json::exception& error, const std::string& where,
                                   const std::string& hint);

/// Parses a JSON document of at most kMaxJsonBytes nesting at most kMaxJsonDepth levels; `Json` is
/// nlohmann::json or nlohmann::ordered_json. `where` names the document in errors (a file, an
/// archive member, an HDF5 attribute); `hint` says what to do about a malformed one.
template <typename Json>
Json parse_json_document(std::string_view text, const std::string& where, const std::string& hint) {
  check_size(text.size(), kMaxJsonBytes, "JSON document", where);
  check_json_nesting(text, kMaxJsonDepth, where);
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    throw_json_error(error, where, hint);
  }
}

}  // namespace hlsnn::input

#endif  // HLSNN_INPUT_JSON_DOCUMENT_H
