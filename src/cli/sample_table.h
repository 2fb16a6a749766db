#ifndef HLSNN_CLI_SAMPLE_TABLE_H
#define HLSNN_CLI_SAMPLE_TABLE_H

#include <cstdint>
#include <vector>

namespace hlsnn::cli {

/// A batch of samples as read from or written to a data file: row-major values, samples first.
struct SampleTable {
  /// The array's shape, batch dimension first.
  std::vector<int64_t> shape;
  std::vector<double> values;
  /// Whether the file held float32 values (outputs are then written as float32 too).
  bool single_precision = false;
};

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_SAMPLE_TABLE_H
