#ifndef HLSNN_INPUT_INPUT_FILE_H
#define HLSNN_INPUT_INPUT_FILE_H

// Opening the files users pass: only regular files are read (a device such as /dev/zero never
// ends, a FIFO blocks), each against a size limit, with errors that name the file.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace hlsnn::input {

/// Checks, without reading it, that `path` is a regular file (symbolic links followed) and returns
/// its size. Missing paths, folders, devices, FIFOs and sockets are refused with an hlsnn::Error
/// naming the path; `what` says what the file should hold, e.g. "model JSON".
uint64_t check_regular_file(const std::filesystem::path& path, std::string_view what);

/// The whole content of a regular file of at most `max_bytes`, checked before reading and again
/// while reading (the file may grow meanwhile). Errors as check_regular_file, and for a file over
/// the limit one that names its size and the limit.
std::string read_input_file(const std::filesystem::path& path, uint64_t max_bytes,
                            std::string_view what);

/// Throws the error read_input_file gives for `size` bytes of `what` over `max_bytes`.
void check_size(uint64_t size, uint64_t max_bytes, std::string_view what, const std::string& where);

/// "512 bytes", "64 MiB", "1.5 GiB".
std::string format_bytes(uint64_t bytes);

/// Multiplies `product` by `factor` unless the result would exceed `limit` (or overflow); returns
/// whether it did. For sizes computed from dimensions a file declares.
bool multiply_within(uint64_t& product, uint64_t factor, uint64_t limit);

}  // namespace hlsnn::input

#endif  // HLSNN_INPUT_INPUT_FILE_H
