#ifndef HLSNN_BACKEND_CODEGEN_LAYER_FAMILIES_H
#define HLSNN_BACKEND_CODEGEN_LAYER_FAMILIES_H

// The code generators by layer family: each family's file adds a generator per IR class it
// handles. A new family is one new file and one line here and in layer_codegen.cpp.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "backend/layer_codegen.h"

namespace hlsnn::backend::codegen {

using Generator = std::function<LayerCode(const LayerSymbols&, const ir::ModelSettings&)>;
using GeneratorTable = std::map<std::string, Generator, std::less<>>;

void add_dense_generators(GeneratorTable& table);          // dense_codegen.cpp
void add_activation_generators(GeneratorTable& table);     // activation_codegen.cpp
void add_normalization_generators(GeneratorTable& table);  // normalization_codegen.cpp
void add_merge_generators(GeneratorTable& table);          // merge_codegen.cpp
void add_reshape_generators(GeneratorTable& table);        // reshape_codegen.cpp
void add_conv_generators(GeneratorTable& table);           // conv_codegen.cpp
void add_pooling_generators(GeneratorTable& table);        // pooling_codegen.cpp
void add_padding_generators(GeneratorTable& table);        // padding_codegen.cpp
void add_resample_generators(GeneratorTable& table);       // resample_codegen.cpp
void add_transpose_generators(GeneratorTable& table);      // transpose_codegen.cpp

/// The code of an Activation computing a QKeras quantizer with a kernel of its own
/// (nnet_qkeras.h), or nothing for the others (qkeras_activation_codegen.cpp).
std::optional<LayerCode> qkeras_activation(const LayerSymbols& layer);

}  // namespace hlsnn::backend::codegen

#endif  // HLSNN_BACKEND_CODEGEN_LAYER_FAMILIES_H
