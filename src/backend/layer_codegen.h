#ifndef HLSNN_BACKEND_LAYER_CODEGEN_H
#define HLSNN_BACKEND_LAYER_CODEGEN_H

#include <string>
#include <vector>

#include "backend/project_symbols.h"
#include "ir/model_settings.h"

namespace hlsnn::backend {

/// What one layer contributes to the firmware.
struct LayerCode {
  /// Config struct(s) for parameters.h; empty for layers without a kernel (Input, aliased Reshape).
  std::string config;
  /// Statements for the top function body, each line indented by two spaces; may be empty.
  std::string call;
  /// Kernel headers of hls/nnet_utils the config and call need ("nnet_dense.h"): parameters.h
  /// includes each once.
  std::vector<std::string> headers;
};

/// The config struct and kernel call of a layer, from a table with one generator per IR class
/// (one file per layer family in backend/codegen/).
/// Throws hlsnn::Error naming the layer for a class or option without a generator.
LayerCode generate_layer_code(const LayerSymbols& layer, const ir::ModelSettings& settings);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_LAYER_CODEGEN_H
