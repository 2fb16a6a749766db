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
/// The same from an archive held in memory; `label` names it in errors.
std::vector<NamedTable> parse_npz(std::string bytes, const std::string& label);
/// Writes the arrays uncompressed, as numpy.savez does, replacing the file. Each table becomes the
/// member `<name>.npy`; `texts` are written as 1-D numpy string arrays (dtype '<U'), members
/// `<name>.npy` too. Names must be safe member names (no '/', no "..").
void write_npz(const std::filesystem::path& path, const std::vector<NamedTable>& arrays,
               const std::vector<std::pair<std::string, std::vector<std::string>>>& texts = {});

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_NPZ_IO_H
