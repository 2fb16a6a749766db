#include <cmath>

#include "backend/generated_files.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

/// The values in the order the kernel reads them: the Resource dense kernel takes the kernel
/// transposed (w[j * n_in + i]), every other kernel the IR's row-major order.
std::vector<double> kernel_order(const ir::Layer& layer, const ir::Weight& weight) {
  const bool transposed = layer.layer_class == "Dense" && weight.name == "weight" &&
                          layer.options.strategy == ir::Strategy::kResource;
  if (!transposed) return weight.values;
  const size_t n_in = static_cast<size_t>(weight.shape.at(0));
  const size_t n_out = static_cast<size_t>(weight.shape.at(1));
  std::vector<double> values(weight.values.size());
  for (size_t i = 0; i < n_in; ++i) {
    for (size_t j = 0; j < n_out; ++j) values[j * n_in + i] = weight.values[i * n_out + j];
  }
  return values;
}

GeneratedFile weight_file(const ir::Layer& layer, const ir::Weight& weight,
                          const std::string& array) {
  if (weight.precision.is_auto()) {
    throw Error("the precision of weight '" + weight.name + "' is still auto", layer.description(),
                "run the optimization passes before writing the project");
  }
  const std::vector<double> values = kernel_order(layer, weight);
  // No include guard: only the top function's file includes it, and a guard macro could collide
  // with an identifier taken from a layer name.
  std::string text = "// Weight " + ir::to_cpp_string_literal(weight.name) + " of layer " +
                     ir::to_cpp_string_literal(layer.name) + ", shape " +
                     ir::shape_to_string(weight.shape) + ".\n// Each value is the shortest " +
                     "decimal that reads back as the stored double, so the conversion to the\n" +
                     "// weight type quantizes exactly that value.\n#include \"defines.h\"\n\n" +
                     "static const " + weight.precision.to_cpp() + " " + array + "[" +
                     std::to_string(values.size()) + "] = {";
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw Error(
          "weight '" + weight.name + "' holds a non-finite value at index " + std::to_string(i),
          layer.description(), "check the trained model for NaN or infinite weights");
    }
    text += (i % 8 == 0 ? "\n    " : " ") + ir::format_double(values[i]) + ",";
  }
  text += "\n};\n";
  return {std::filesystem::path("firmware") / "weights" / (array + ".h"), std::move(text)};
}

}  // namespace

std::vector<GeneratedFile> weight_files(const ProjectSymbols& symbols) {
  std::vector<GeneratedFile> files;
  for (const LayerSymbols& layer : symbols.layers) {
    for (const ir::Weight& weight : layer.layer->weights) {
      files.push_back(weight_file(*layer.layer, weight, layer.weight_arrays.at(weight.name)));
    }
  }
  return files;
}

}  // namespace hlsnn::backend
