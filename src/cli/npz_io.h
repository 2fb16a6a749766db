#ifndef HLSNN_CLI_NPZ_IO_H
#define HLSNN_CLI_NPZ_IO_H

// NumPy .npz archives (numpy.savez / savez_compressed): a zip file of .npy members, each array
// named by its member's name without ".npy".

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli/sample_table.h"

namespace hlsnn::cli {

using NamedTable = std::pair<std::string, SampleTable>;

/// The arrays in archive order. Throws hlsnn::Error naming the archive (and member) for a file
/// that is not a zip archive or a member that is not a float32/float64 .npy array.
std::vector<NamedTable> read_npz(const std::filesystem::path& path);
/// Writes the arrays uncompressed, as numpy.savez does, replacing the file.
void write_npz(const std::filesystem::path& path, const std::vector<NamedTable>& arrays);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_NPZ_IO_H
