#ifndef HLSNN_IR_ATTRIBUTE_H
#define HLSNN_IR_ATTRIBUTE_H

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "ir/error.h"
#include "ir/names.h"
#include "ir/precision_type.h"

namespace hlsnn::ir {

/// A typed attribute value: what a layer's configuration holds (units, activation name,
/// pool size, epsilon, a quantizer's precision, ...). Closed over the kinds a model file can
/// express so that printing and comparing need no per-layer code.
using Attribute = std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>,
                               std::vector<double>, PrecisionType>;

/// Attributes by name; sorted so that printing is deterministic.
using AttributeMap = std::map<std::string, Attribute, std::less<>>;

/// What kind of value an attribute holds, for messages: "a bool", "an integer", "a number",
/// "a string", "a list of integers", "a list of numbers", "a precision".
std::string_view attribute_kind(const Attribute& value);

/// The attribute kind named for the alternative T (see attribute_kind).
template <typename T>
std::string_view attribute_kind_of() {
  return attribute_kind(Attribute(std::in_place_type<T>));
}

/// The value as text: true, 16, 0.001, 'relu', [3, 3], fixed<8,3>. Lists longer than eight
/// elements are cut with "... (N values)" so a dump stays one readable line.
std::string attribute_to_string(const Attribute& value);

/// The shortest decimal text that reads back as exactly `value` (0.1 -> "0.1", 1e-07 -> "1e-07").
std::string format_double(double value);

/// Wraps any C++ value in the right alternative: integers of every width become int64, floats
/// become double, string literals and views become std::string, vectors of integers become
/// vector<int64>. Without this, `"relu"` would silently turn into the bool alternative.
template <typename T>
Attribute make_attribute(T value) {
  using Value = std::decay_t<T>;
  if constexpr (std::is_same_v<Value, bool>) {
    return value;
  } else if constexpr (std::is_integral_v<Value>) {
    return static_cast<std::int64_t>(value);
  } else if constexpr (std::is_floating_point_v<Value>) {
    return static_cast<double>(value);
  } else if constexpr (std::is_convertible_v<Value, std::string_view>) {
    return std::string(std::string_view(value));
  } else if constexpr (std::is_same_v<Value, std::vector<int>>) {
    return std::vector<std::int64_t>(value.begin(), value.end());
  } else {
    return Attribute(std::move(value));
  }
}

/// Reads `key` from `map` as a T (one of the Attribute alternatives). An integer reads as a
/// double and an integer list as a number list, because model files write 1.0 as 1. Throws
/// hlsnn::Error at `owner` (e.g. "layer 'dense' (Dense)") naming the key and listing the keys
/// present when it is missing, or naming the kind found and the kind expected when it differs.
template <typename T>
T get_attribute(const AttributeMap& map, std::string_view key, std::string_view owner);

/// Like get_attribute, but returns `fallback` when the key is absent (a present value of the
/// wrong kind still throws).
template <typename T>
T get_attribute_or(const AttributeMap& map, std::string_view key, T fallback,
                   std::string_view owner) {
  return map.count(key) == 0 ? fallback : get_attribute<T>(map, key, owner);
}

namespace detail {
/// Throws the "missing attribute" error listing the keys that are present.
[[noreturn]] void throw_missing_attribute(const AttributeMap& map, std::string_view key,
                                          std::string_view owner);
/// Throws the "wrong kind" error naming what was found and what was expected.
[[noreturn]] void throw_wrong_attribute_kind(const Attribute& found, std::string_view key,
                                             std::string_view expected_kind,
                                             std::string_view owner);
}  // namespace detail

template <typename T>
T get_attribute(const AttributeMap& map, std::string_view key, std::string_view owner) {
  const auto found = map.find(key);
  if (found == map.end()) {
    detail::throw_missing_attribute(map, key, owner);
  }
  const Attribute& value = found->second;
  if (const T* exact = std::get_if<T>(&value)) {
    return *exact;
  }
  if constexpr (std::is_same_v<T, double>) {
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      return static_cast<double>(*integer);
    }
  }
  if constexpr (std::is_same_v<T, std::vector<double>>) {
    if (const auto* integers = std::get_if<std::vector<std::int64_t>>(&value)) {
      return std::vector<double>(integers->begin(), integers->end());
    }
  }
  detail::throw_wrong_attribute_kind(value, key, attribute_kind_of<T>(), owner);
}

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_ATTRIBUTE_H
