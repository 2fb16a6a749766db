#ifndef HLSNN_BACKEND_LAYER_CODEGEN_H
#define HLSNN_BACKEND_LAYER_CODEGEN_H

#include <string>

#include "backend/project_symbols.h"
#include "ir/model_settings.h"

namespace hlsnn::backend {

/// What one layer contributes to the firmware.
struct LayerCode {
  /// Config struct(s) for parameters.h; empty for layers without a kernel (Input, aliased Reshape).
  std::string config;
  /// Statements for the top function body, each line indented by two spaces; may be empty.
  std::string call;
};

/// The config struct and kernel call of a layer, from a table with one generator per IR class.
/// Throws hlsnn::Error naming the layer for a class or option without a generator.
LayerCode generate_layer_code(const LayerSymbols& layer, const ir::ModelSettings& settings);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_LAYER_CODEGEN_H
