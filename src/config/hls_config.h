#ifndef HLSNN_CONFIG_HLS_CONFIG_H
#define HLSNN_CONFIG_HLS_CONFIG_H

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace hlsnn::config {

/// How finely a generated config addresses the model: one `Model` section, one entry per layer
/// class (`LayerType`) or one per layer (`LayerName`).
enum class Granularity { kModel, kType, kName };

/// Reads "model", "type" or "name" (any case); throws hlsnn::Error listing them otherwise.
Granularity parse_granularity(std::string_view text);

/// A starting config for the graph, with the reference tool's key names: `Model` with
/// `Precision: {default[, maximum]}`, `ReuseFactor`, `Strategy`, `BramFactor`, `TraceOutput`; at
/// `type` granularity a `LayerType` entry per class, at `name` granularity a `LayerName` entry
/// per layer with every precision slot set to `auto` (inferred), or to the type a QKeras
/// quantizer gives it, and the reuse factor.
nlohmann::ordered_json make_hls_config(const ir::Graph& graph, Granularity granularity,
                                       const std::string& default_precision,
                                       std::int64_t default_reuse_factor,
                                       const std::optional<std::string>& max_precision);

/// Checks an HLSConfig against the graph and applies it: model defaults, then for every layer
/// each setting resolved LayerName > LayerType > Model (per precision slot: the slot, then the
/// scope's `default`, in each scope). A slot a QKeras quantizer typed (layer attribute
/// `quantizer_precision.<slot>`) keeps that type unless the layer's LayerName or LayerType entry
/// names one other than `auto`. Unknown keys, layer names or types not in the model,
/// precision slots a layer does not have, strategies in the wrong case and reuse factors a layer
/// cannot use are errors naming the key and listing the valid choices.
void apply_hls_config(const nlohmann::ordered_json& hls_config, ir::Graph& graph);

}  // namespace hlsnn::config

#endif  // HLSNN_CONFIG_HLS_CONFIG_H
