#ifndef HLSNN_CLI_BATCH_INPUTS_H
#define HLSNN_CLI_BATCH_INPUTS_H

// The input files of `predict` and `trace`: one .npy or .csv per model input, or one .npz
// holding them all (keyed by input name, or arr_0, arr_1, ... in order as numpy.savez names
// unnamed arrays).

#include <string>
#include <vector>

#include "cli/sample_table.h"
#include "project/manifest.h"

namespace hlsnn::cli {

struct BatchInputs {
  /// One table per model input, in the manifest's order.
  std::vector<SampleTable> tables;
  int64_t sample_count = 0;
  /// Whether every file held float32 (the float entry point then runs, as in Python).
  bool single_precision = true;
};

/// Throws hlsnn::Error naming the file for an unknown file type, a missing or extra input, a
/// sample of the wrong size or inputs of different batch sizes.
BatchInputs read_batch_inputs(const std::vector<std::string>& paths,
                              const project::Manifest& manifest);

/// Throws hlsnn::Error unless `path` ends in one of `extensions` (".npy", ...).
void check_extension(const std::string& path, const std::vector<std::string>& extensions);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_BATCH_INPUTS_H
