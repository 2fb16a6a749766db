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

}  // namespace hlsnn::backend::codegen
