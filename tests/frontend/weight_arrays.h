#ifndef HLSNN_TESTS_FRONTEND_WEIGHT_ARRAYS_H
#define HLSNN_TESTS_FRONTEND_WEIGHT_ARRAYS_H

// Weight arrays for models built from Keras JSON in the tests: values that are easy to follow by
// hand (a ramp) or that do not matter (a constant).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "frontend/keras_file.h"

namespace hlsnn::frontend::testing {

/// An array of `shape` whose values, in row-major order, run from `start` in steps of `step`.
inline WeightArray ramp(std::string name, std::vector<int64_t> shape, double start, double step) {
  WeightArray array{std::move(name), std::move(shape), {}};
  int64_t count = 1;
  for (int64_t dimension : array.shape) count *= dimension;
  for (int64_t i = 0; i < count; ++i) array.values.push_back(start + step * static_cast<double>(i));
  return array;
}

/// An array of `shape` with every value `value`.
inline WeightArray constant(std::string name, std::vector<int64_t> shape, double value) {
  return ramp(std::move(name), std::move(shape), value, 0.0);
}

}  // namespace hlsnn::frontend::testing

#endif  // HLSNN_TESTS_FRONTEND_WEIGHT_ARRAYS_H
