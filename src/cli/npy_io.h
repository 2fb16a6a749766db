#ifndef HLSNN_CLI_NPY_IO_H
#define HLSNN_CLI_NPY_IO_H

// NumPy .npy files (format versions 1 and 2, as documented in numpy.lib.format), limited to
// what the CLI exchanges: little-endian float32 or float64 arrays in C order.

#include <filesystem>
#include <string>
#include <vector>

#include "cli/sample_table.h"

namespace hlsnn::cli {

/// Throws hlsnn::Error naming the file for anything but a C-order float32/float64 array.
SampleTable read_npy(const std::filesystem::path& path);
/// The same from a file's bytes (an .npz member); `label` names it in errors.
SampleTable parse_npy(const std::string& bytes, const std::string& label);
/// The bytes of a version 1.0 file holding `table`.
std::string npy_bytes(const SampleTable& table);
/// The bytes of a version 1.0 file holding `texts` as a 1-D array of numpy strings (dtype '<U',
/// UTF-32), which numpy loads without pickle. Bytes that are not UTF-8 become U+FFFD.
std::string npy_text_bytes(const std::vector<std::string>& texts);
/// Writes version 1.0, float32 when `table.single_precision`, else float64.
void write_npy(const std::filesystem::path& path, const SampleTable& table);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_NPY_IO_H
