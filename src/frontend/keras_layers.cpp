#include "frontend/keras_layers.h"

#include "frontend/layers/keras_layer_families.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {
namespace {

const ConverterTable& converters() {
  static const ConverterTable table = [] {
    ConverterTable all;
    add_core_converters(all);
    add_activation_converters(all);
    add_normalization_converters(all);
    add_merge_converters(all);
    add_conv_converters(all);
    add_pooling_converters(all);
    add_reshaping_converters(all);
    add_qkeras_converters(all);
    add_qkeras_normalization_converters(all);
    add_qkeras_conv_converters(all);
    return all;
  }();
  return table;
}

}  // namespace

const std::vector<std::string>& supported_keras_layers() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& entry : converters()) result.push_back(entry.first);
    return result;
  }();
  return names;
}

std::string keras_layer_options(const std::string& class_name) {
  static const OptionNotes notes = [] {
    OptionNotes all;
    add_conv_notes(all);
    add_pooling_notes(all);
    add_merge_notes(all);
    add_reshaping_notes(all);
    return all;
  }();
  const auto found = notes.find(class_name);
  return found == notes.end() ? "" : found->second;
}

bool is_supported_keras_layer(const std::string& class_name) {
  return converters().count(class_name) != 0;
}

std::optional<ir::Layer> convert_keras_layer(const KerasLayerCall& call,
                                             const std::vector<ir::Shape>& input_shapes,
                                             const std::vector<WeightArray>& weights,
                                             int keras_major_version) {
  const auto found = converters().find(call.class_name);
  if (found == converters().end()) {
    throw Error("layer class " + ir::display_name(call.class_name) + " is not supported",
                "layer " + ir::display_name(call.name), "see `hlsnn layers` for what is");
  }
  return found->second(Context{call, input_shapes, weights, keras_major_version});
}

}  // namespace hlsnn::frontend
