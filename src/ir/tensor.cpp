#include "ir/tensor.h"

#include <algorithm>

namespace hlsnn::ir {

std::int64_t element_count(const Shape& shape) {
  std::int64_t count = 1;
  for (const std::int64_t dimension : shape) {
    count *= dimension;
  }
  return count;
}

std::string batch_shape_to_string(const Shape& shape) {
  std::string text = "(N";
  for (std::int64_t dimension : shape) text += ", " + std::to_string(dimension);
  return text + ")";
}

std::string shape_to_string(const Shape& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) {
      text += ",";
    }
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

bool is_complete_shape(const Shape& shape) {
  return !shape.empty() &&
         std::all_of(shape.begin(), shape.end(), [](std::int64_t size) { return size >= 1; });
}

}  // namespace hlsnn::ir
