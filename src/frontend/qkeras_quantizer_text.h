#ifndef HLSNN_FRONTEND_QKERAS_QUANTIZER_TEXT_H
#define HLSNN_FRONTEND_QKERAS_QUANTIZER_TEXT_H

// The string form of QKeras quantizers ("quantized_bits(8,3,1,alpha=1)"), as QKeras' own parser
// reads it: the class name before "(", positional arguments in constructor order, then
// key=value pairs.

#include <nlohmann/json.hpp>
#include <string>

namespace hlsnn::frontend {

/// The hint of every quantizer error: what hlsnn implements.
std::string qkeras_supported_hint();

/// The string form as the dict form, {"class_name": name, "config": {...}}. A token is
/// True/False, None, a number, a quoted string or a bracketed list of numbers. Throws
/// hlsnn::Error at `where` quoting the text for malformed text, empty arguments, values that are
/// none of those, and positional arguments beyond the class's constructor.
nlohmann::ordered_json qkeras_string_to_dict(const std::string& text, const std::string& where);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_QKERAS_QUANTIZER_TEXT_H
