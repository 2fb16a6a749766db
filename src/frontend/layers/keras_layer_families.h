#ifndef HLSNN_FRONTEND_LAYERS_KERAS_LAYER_FAMILIES_H
#define HLSNN_FRONTEND_LAYERS_KERAS_LAYER_FAMILIES_H

// The Keras layer converters by family: each family's file adds a converter per Keras class it
// understands. A new family is one new file and one line here and in keras_layers.cpp.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "frontend/layers/keras_layer_context.h"

namespace hlsnn::frontend {

/// Returns nothing for layers that do nothing at inference (Dropout).
using Converter = std::function<std::optional<ir::Layer>(const Context&)>;
using ConverterTable = std::map<std::string, Converter>;

void add_core_converters(ConverterTable& table);                  // keras_core_layers.cpp
void add_activation_converters(ConverterTable& table);            // keras_activation_layers.cpp
void add_normalization_converters(ConverterTable& table);         // keras_normalization_layers.cpp
void add_merge_converters(ConverterTable& table);                 // keras_merge_layers.cpp
void add_conv_converters(ConverterTable& table);                  // keras_conv_layers.cpp
void add_pooling_converters(ConverterTable& table);               // keras_pooling_layers.cpp
void add_reshaping_converters(ConverterTable& table);             // keras_reshaping_layers.cpp
void add_qkeras_converters(ConverterTable& table);                // qkeras_layers.cpp
void add_qkeras_normalization_converters(ConverterTable& table);  // qkeras_normalization_layers.cpp
void add_qkeras_conv_converters(ConverterTable& table);           // qkeras_conv_layers.cpp

/// What `hlsnn layers` shows next to a class: its supported options, for classes with more than
/// the obvious (a family adds lines for its own classes).
using OptionNotes = std::map<std::string, std::string>;
void add_conv_notes(OptionNotes& notes);       // keras_conv_layers.cpp
void add_pooling_notes(OptionNotes& notes);    // keras_pooling_layers.cpp
void add_merge_notes(OptionNotes& notes);      // keras_merge_layers.cpp
void add_reshaping_notes(OptionNotes& notes);  // keras_reshaping_layers.cpp

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_LAYERS_KERAS_LAYER_FAMILIES_H
