#ifndef HLSNN_IR_LAYER_OPTIONS_H
#define HLSNN_IR_LAYER_OPTIONS_H

#include <cstdint>
#include <string_view>

#include "ir/attribute.h"

namespace hlsnn::ir {

/// How a layer's multiplications are scheduled: all in parallel (Latency) or folded onto fewer
/// multipliers with weights in BRAM (Resource).
enum class Strategy { kLatency, kResource };

/// "Latency" or "Resource", as written in configs.
std::string_view to_string(Strategy strategy);

/// Reads a strategy, ignoring case ("latency" and "Latency" mean the same; the reference tool
/// silently treats some spellings as Latency). Throws hlsnn::Error quoting the text and listing
/// the valid choices otherwise.
Strategy parse_strategy(std::string_view text);

/// Per-layer implementation choices, after the config's LayerName > LayerType > Model resolution.
struct LayerOptions {
  /// How many times each multiplier is reused; 1 = fully parallel.
  std::int64_t reuse_factor = 1;
  Strategy strategy = Strategy::kLatency;
  /// Whether `trace` records this layer's output.
  bool trace = false;
  /// Options specific to some layer classes, by config key: softmax `implementation`,
  /// activation `table_size`, `skip`, conv `ParallelizationFactor`, ...
  AttributeMap extra;
};

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_LAYER_OPTIONS_H
