#ifndef HLSNN_FRONTEND_KERAS_ACTIVATIONS_H
#define HLSNN_FRONTEND_KERAS_ACTIVATIONS_H

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hlsnn::frontend {

/// The activation functions hlsnn implements, by their Keras names.
const std::vector<std::string>& supported_activations();

/// The activation named by a Keras config value: a string ("relu") or a serialized function
/// object (Keras 3: {"class_name": "function", "config": "relu", ...}). Returns the canonical
/// name ("linear" for a missing value); throws hlsnn::Error at `where` listing the supported
/// names when the activation is not implemented.
std::string keras_activation_name(const nlohmann::ordered_json& value, const std::string& where);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_ACTIVATIONS_H
