#ifndef HLSNN_PASSES_TABLE_ANALYSIS_H
#define HLSNN_PASSES_TABLE_ANALYSIS_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"

// What a table layer (Softmax, or a sigmoid, tanh, softplus, softsign, elu or selu Activation)
// costs in memory and in accuracy, from its types and sizes alone: for the pre-flight warning,
// the error report (api/table_report.h) and `hlsnn tables`.

namespace hlsnn::passes {

/// One lookup table of a layer as the kernel builds it.
struct TableMemory {
  std::string name;  ///< "exp table", "inverse table", "table"
  std::int64_t entries = 0;
  int entry_bits = 0;
  std::int64_t bits() const { return entries * entry_bits; }
  /// The BRAM18 blocks it takes when mapped to block RAM at the usual packing: the cheapest of
  /// the 16K x 1, 8K x 2, 4K x 4, 2K x 9, 1K x 18 and 512 x 36 shapes.
  std::int64_t bram18() const;
};
/// The tables of a Softmax (exp, inverse; none for argmax) or a table Activation; empty for other
/// layers. Needs every type known (after choose_table_types).
std::vector<TableMemory> table_memory(const ir::Layer& layer);

/// One source of a table layer's error and the config key that controls it.
struct ErrorContribution {
  /// The key to change, relative to the layer's LayerName entry ("Precision.inv_inp",
  /// "table_size", ...) or a full key of another layer ("LayerName.dense.Precision.result").
  std::string key;
  /// Its share of the worst-case absolute error of the outputs.
  double error;
  /// What causes it, for messages: "the inverse table is addressed in steps of 0.25".
  std::string cause;
  /// What to do about it, for messages.
  std::string hint;
};

/// The worst-case absolute error of a Softmax or table Activation (sigmoid, tanh, softplus,
/// softsign, elu, selu) over every input its input type holds (softmax: over any row), estimated
/// from its types, table sizes and implementation without running it: the sum of the
/// contributions, largest first. An upper bound up to the rounding of each step (the error report,
/// api/table_report.h, measures the real worst case on the emulation). nullopt for other layers.
/// Needs every type known (after choose_table_types).
struct TableErrorEstimate {
  double worst = 0;
  std::vector<ErrorContribution> contributions;
};
std::optional<TableErrorEstimate> estimate_table_error(const ir::Graph& graph,
                                                       const ir::Layer& layer);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_TABLE_ANALYSIS_H
