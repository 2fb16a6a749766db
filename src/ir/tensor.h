#ifndef HLSNN_IR_TENSOR_H
#define HLSNN_IR_TENSOR_H

#include <cstdint>
#include <string>
#include <vector>

#include "ir/attribute.h"

namespace hlsnn::ir {

/// Dimensions of one sample, without the batch dimension, in Keras order (channels last):
/// a Dense output is {32}, a Conv2D output {height, width, channels}.
using Shape = std::vector<std::int64_t>;

/// Number of elements of a tensor of this shape: the product of the dimensions, 1 for {}.
std::int64_t element_count(const Shape& shape);

/// The shape as text: "[16]", "[28,28,1]".
std::string shape_to_string(const Shape& shape);

/// The shape of a batch of such samples as users see it in messages: "(N, 28, 28, 1)".
std::string batch_shape_to_string(const Shape& shape);

/// True when the shape has at least one dimension and every dimension is at least 1; Keras'
/// unknown dimensions (None, read as -1 or 0) make a shape incomplete.
bool is_complete_shape(const Shape& shape);

/// A value flowing between layers: produced by exactly one layer, consumed by any number.
struct Tensor {
  std::string name;
  Shape shape;
  /// Per-edge annotations that later passes attach, e.g. the FIFO depth of an io_stream channel.
  AttributeMap attributes;
};

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_TENSOR_H
