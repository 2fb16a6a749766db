#ifndef HLSNN_IR_WEIGHT_H
#define HLSNN_IR_WEIGHT_H

#include <string>
#include <vector>

#include "ir/precision_type.h"
#include "ir/tensor.h"

namespace hlsnn::ir {

/// A constant array of a layer (kernel, bias, BatchNorm scale, ...). Values are kept as double:
/// every float32 a model file holds is exact in a double, and passes that fold weights (BatchNorm
/// into Dense, QKeras alpha) need headroom before quantization. The array is stored row-major in
/// the order of `shape` (Keras order: a Dense kernel is {n_in, n_out}).
struct Weight {
  /// The name within its layer; hls4ml's slot names (`weight`, `bias`, `scale`, ...) so that a
  /// config's `Precision: {weight: ...}` addresses it directly.
  std::string name;
  Shape shape;
  std::vector<double> values;
  /// The type the weight is stored in; `auto` until the config or a pass decides.
  PrecisionType precision;

  /// True when `values` holds exactly element_count(shape) values.
  bool has_consistent_size() const {
    return static_cast<std::int64_t>(values.size()) == element_count(shape);
  }
};

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_WEIGHT_H
