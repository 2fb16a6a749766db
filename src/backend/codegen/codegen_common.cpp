#include "backend/codegen/codegen_common.h"

#include <cmath>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend::codegen {

std::string unsigned_member(const std::string& name, int64_t value) {
  return "  static const unsigned " + name + " = " + std::to_string(value) + ";\n";
}

std::string typedef_member(const std::string& type, const std::string& name) {
  return "  typedef " + type + " " + name + ";\n";
}

const char* const kProductMember =
    "  template <class x_T, class y_T>\n"
    "  using product = nnet::product::mult<x_T, y_T>;\n";

std::string struct_open(const LayerSymbols& layer, const std::string& base) {
  // The display name goes through a string literal's escaping, so no name can end the comment.
  return "// " + ir::to_cpp_string_literal(layer.layer->name) + " (" + layer.layer->layer_class +
         ")\nstruct " + layer.config + (base.empty() ? "" : " : " + base) + " {\n";
}

int64_t reuse_factor(const LayerSymbols& layer) { return layer.layer->options.reuse_factor; }

int64_t table_size(const LayerSymbols& layer) {
  return ir::get_attribute_or<int64_t>(layer.layer->options.extra, "table_size", 1024,
                                       layer.layer->description());
}

std::string literal(const LayerSymbols& layer, const std::string& attribute) {
  // Keras' plain Activation('elu') carries no alpha: it is 1.
  const double value = layer.layer->attribute_or<double>(attribute, 1.0);
  if (!std::isfinite(value)) {
    throw Error(attribute + " is not finite", layer.layer->description(), "use a finite value");
  }
  std::string text = ir::format_double(value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string kernel_call(const LayerSymbols& layer, const std::string& function,
                        const std::string& extra_type, const std::string& extra_arg) {
  std::string types;
  std::string args;
  for (const LayerSymbols* input : layer.inputs) {
    types += input->type + ", ";
    args += input->array + ", ";
  }
  if (!extra_type.empty()) types += extra_type + ", ";
  if (!extra_arg.empty()) args += extra_arg + ", ";
  return "  nnet::" + function + "<" + types + layer.type + ", " + layer.config + ">(" + args +
         layer.array + ");\n";
}

void require_inputs(const LayerSymbols& layer, size_t count) {
  if (layer.inputs.size() != count) {
    throw Error("the backend supports " + layer.layer->layer_class + " with " +
                    std::to_string(count) + " inputs, not " + std::to_string(layer.inputs.size()),
                layer.layer->description(), "not yet supported; restructure the model");
  }
}

const ir::PrecisionType& result_precision(const LayerSymbols& layer) {
  return layer.layer->precision("result");
}

WindowGeometry window_geometry(const ir::Layer& layer, const std::string& window) {
  WindowGeometry geometry;
  geometry.in_height = layer.attribute<int64_t>("in_height");
  geometry.in_width = layer.attribute<int64_t>("in_width");
  geometry.n_chan = layer.attribute<int64_t>("n_chan");
  geometry.height = layer.attribute<int64_t>(window + "_height");
  geometry.width = layer.attribute<int64_t>(window + "_width");
  geometry.stride_height = layer.attribute<int64_t>("stride_height");
  geometry.stride_width = layer.attribute<int64_t>("stride_width");
  geometry.pad_top = layer.attribute<int64_t>("pad_top");
  geometry.pad_bottom = layer.attribute<int64_t>("pad_bottom");
  geometry.pad_left = layer.attribute<int64_t>("pad_left");
  geometry.pad_right = layer.attribute<int64_t>("pad_right");
  geometry.out_height = layer.attribute<int64_t>("out_height");
  geometry.out_width = layer.attribute<int64_t>("out_width");
  return geometry;
}

std::string window_members(const WindowGeometry& geometry, const std::string& window,
                           const std::string& indent) {
  const std::pair<std::string, int64_t> members[] = {{"in_height", geometry.in_height},
                                                     {"in_width", geometry.in_width},
                                                     {"n_chan", geometry.n_chan},
                                                     {window + "_height", geometry.height},
                                                     {window + "_width", geometry.width},
                                                     {"stride_height", geometry.stride_height},
                                                     {"stride_width", geometry.stride_width},
                                                     {"pad_top", geometry.pad_top},
                                                     {"pad_bottom", geometry.pad_bottom},
                                                     {"pad_left", geometry.pad_left},
                                                     {"pad_right", geometry.pad_right},
                                                     {"out_height", geometry.out_height},
                                                     {"out_width", geometry.out_width}};
  std::string text;
  for (const auto& [name, value] : members) text += indent + unsigned_member(name, value);
  return text;
}

std::string indented(const std::string& text, const std::string& indent) {
  std::string result;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    const size_t stop = end == std::string::npos ? text.size() : end + 1;
    result += indent + text.substr(start, stop - start);
    start = stop;
  }
  return result;
}

}  // namespace hlsnn::backend::codegen
