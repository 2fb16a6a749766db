#ifndef HLSNN_API_TABLE_REPORT_H
#define HLSNN_API_TABLE_REPORT_H

// The error report of a converted model's lookup tables: for every Softmax and every sigmoid,
// tanh, softplus, softsign, elu or selu Activation, the types and sizes hlsnn wrote, the memory
// of each table, the worst-case error estimated from the types, and the error measured on the
// emulation itself: the layer alone, with the same types, compiled (through the compile cache)
// and run on every value of its input type (sampled when the type holds more than
// `exhaustive_limit` values), softmax on rows of logits drawn from a stated distribution.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "api/model.h"

namespace hlsnn {

struct TableReportOptions {
  /// Input types with at most this many values are measured on every value; wider ones on this
  /// many: every value within this many/2 LSBs around 0, the rest drawn uniformly over the
  /// type's range, plus both ends.
  std::int64_t exhaustive_limit = std::int64_t{1} << 20;
  /// Softmax rows: logits drawn independently from N(0, softmax_sigma), rounded to the nearest
  /// value of the input type and clipped to its range.
  std::int64_t softmax_rows = 100000;
  double softmax_sigma = 3.0;
  std::uint64_t seed = 0;
};

/// What table_report says without running anything (every key but `measured`): what
/// Model::write saves as hlsnn_tables.json in the project.
nlohmann::ordered_json describe_tables(const ir::Graph& graph);

/// One JSON object per table layer, in graph order:
///   layer, class, function, implementation ("accurate" for hlsnn's kernels, else hls4ml's name:
///   stable, latency, legacy, or "hls4ml" for an Activation), input_type, result_type,
///   types {exp_table_t: ..., ...}, sizes {table_size: ..., ...}, tables [{name, entries,
///   entry_bits, bits, bram18}], memory {bits, bram18}, estimate {worst_error, largest: {key,
///   error, cause, hint}}, measured {inputs (what was run), worst_error, and for an Activation
///   worst_input, beyond_result_range (how far f leaves the result type's range, which no table
///   fixes; worst_error is measured against f clipped to that range); for Softmax
///   worst_sum_deviation, argmax_agreement, smallest_output, largest_output,
///   non_monotone_rows (rows where a larger input got a smaller output)}.
/// Argmax softmax layers are listed without tables or errors. Throws hlsnn::Error for options
/// outside their ranges (exhaustive_limit in [1024, 2^26], softmax_rows in [1, 10^8],
/// softmax_sigma > 0) and when a probe does not compile.
nlohmann::ordered_json table_report(const Model& model, const TableReportOptions& options = {});

/// The report as an aligned text table, one block per layer.
std::string format_table_report(const nlohmann::ordered_json& report);

}  // namespace hlsnn

#endif  // HLSNN_API_TABLE_REPORT_H
