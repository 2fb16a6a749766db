#ifndef HLSNN_CLI_CSV_IO_H
#define HLSNN_CLI_CSV_IO_H

// Plain-text batches: one sample per line, its values (flattened in C order) separated by commas
// or whitespace.

#include <filesystem>
#include <istream>
#include <string>

#include "cli/sample_table.h"

namespace hlsnn::cli {

/// A table of shape (lines, values per line). Throws hlsnn::Error naming the file and line for a
/// value that is not a number or a line of another length than the first.
SampleTable read_csv(const std::filesystem::path& path);
/// The same from a stream; `label` names it in errors.
SampleTable parse_csv(std::istream& stream, const std::string& label);
/// Writes shape[0] lines of the remaining values each, exact: every double round-trips.
void write_csv(const std::filesystem::path& path, const SampleTable& table);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_CSV_IO_H
