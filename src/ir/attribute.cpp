#include "ir/attribute.h"

#include <array>
#include <charconv>

namespace hlsnn::ir {
namespace {

constexpr size_t kMaxListedElements = 8;

template <typename Element>
std::string list_to_string(const std::vector<Element>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size() && i < kMaxListedElements; ++i) {
    if (i > 0) {
      text += ", ";
    }
    if constexpr (std::is_same_v<Element, double>) {
      text += format_double(values[i]);
    } else {
      text += std::to_string(values[i]);
    }
  }
  if (values.size() > kMaxListedElements) {
    text += ", ... (" + std::to_string(values.size()) + " values)";
  }
  return text + "]";
}

}  // namespace

std::string_view attribute_kind(const Attribute& value) {
  constexpr std::array<std::string_view, std::variant_size_v<Attribute>> kKinds = {
      "a bool",     "an integer", "a number", "a string", "a list of integers", "a list of numbers",
      "a precision"};
  return kKinds[value.index()];
}

std::string format_double(double value) {
  // std::to_chars without a format is the shortest text that reads back exactly; weight files
  // print thousands of values, so this is on the write path's hot loop.
  std::array<char, 32> buffer{};
  const std::to_chars_result written =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), written.ptr);
}

std::string attribute_to_string(const Attribute& value) {
  struct Printer {
    std::string operator()(bool flag) const { return flag ? "true" : "false"; }
    std::string operator()(std::int64_t integer) const { return std::to_string(integer); }
    std::string operator()(double number) const { return format_double(number); }
    std::string operator()(const std::string& text) const { return single_quoted(text); }
    std::string operator()(const std::vector<std::int64_t>& list) const {
      return list_to_string(list);
    }
    std::string operator()(const std::vector<double>& list) const { return list_to_string(list); }
    std::string operator()(const PrecisionType& type) const { return type.to_config(); }
  };
  return std::visit(Printer{}, value);
}

namespace detail {

void throw_missing_attribute(const AttributeMap& map, std::string_view key,
                             std::string_view owner) {
  std::string present;
  for (const auto& entry : map) {
    present += (present.empty() ? "" : ", ") + entry.first;
  }
  throw Error("missing attribute " + single_quoted(key), std::string(owner),
              present.empty() ? "it has no attributes; the frontend or a pass must set it"
                              : "attributes present: " + present);
}

void throw_wrong_attribute_kind(const Attribute& found, std::string_view key,
                                std::string_view expected_kind, std::string_view owner) {
  throw Error("attribute " + single_quoted(key) + " is " + std::string(attribute_kind(found)) +
                  " (" + attribute_to_string(found) + "), expected " + std::string(expected_kind),
              std::string(owner),
              "store it as " + std::string(expected_kind) + " or read it as " +
                  std::string(attribute_kind(found)));
}

}  // namespace detail
}  // namespace hlsnn::ir
