#include <cmath>

#include "backend/generated_files.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

/// Whether the layer's Resource kernel folds this weight as a Dense matrix {n_in, n_out} (its
/// last axis the outputs): Dense and Conv kernels, a separable convolution's pointwise kernel.
bool read_by_folded_dense(const ir::Layer& layer, const ir::Weight& weight) {
  const std::string& name = layer.layer_class;
  if (weight.name == "weight") return name == "Dense" || name == "Conv1D" || name == "Conv2D";
  return weight.name == "pointwise" && (name == "SeparableConv1D" || name == "SeparableConv2D");
}

/// The values in the order the kernel reads them: the Resource dense kernel takes the matrix
/// transposed (w[j * n_in + i]), every other kernel the IR's row-major order.
std::vector<double> kernel_order(const ir::Layer& layer, const ir::Weight& weight) {
  const bool transposed =
      layer.options.strategy == ir::Strategy::kResource && read_by_folded_dense(layer, weight);
  if (!transposed) return weight.values;
  const size_t n_out = static_cast<size_t>(weight.shape.back());
  const size_t n_in = weight.values.size() / n_out;
  std::vector<double> values(weight.values.size());
  for (size_t i = 0; i < n_in; ++i) {
    for (size_t j = 0; j < n_out; ++j) values[j * n_in + i] = weight.values[i * n_out + j];
  }
  return values;
}

/// Above this many values a table is converted when the emulation library loads: constant
/// evaluation costs the compiler about 0.2 ms and 9 KB per value (a 512 x 512 layer: 45 s and
/// 1.8 GB), a conversion at load time nanoseconds. Smaller tables stay constant-initialised, which
/// lets the compiler fold their values into the kernels.
constexpr size_t kLargestConstantTable = 16384;

/// Convolution kernels loop over window taps and channels instead of unrolling into
/// their weights, so constant tables gain them nothing and cost the compiler the same: their
/// weights are always converted when the library loads (the SVHN-style CNN: 228 -> 150 MB).
bool folds_into_kernel(const ir::Layer& layer) {
  return layer.layer_class.find("Conv") == std::string::npos;
}

/// The values as C++ literals, eight to a line; `line_end` closes each line but the last.
std::string value_list(const ir::Layer& layer, const ir::Weight& weight,
                       const std::vector<double>& values, const std::string& line_end) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw Error(
          "weight '" + weight.name + "' holds a non-finite value at index " + std::to_string(i),
          layer.description(), "check the trained model for NaN or infinite weights");
    }
    text +=
        (i % 8 == 0 ? (i == 0 ? "" : line_end) + "    " : " ") + ir::format_double(values[i]) + ",";
  }
  return text;
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
                     "// weight type quantizes exactly that value.\n#include \"defines.h\"\n\n";
  const std::string type = weight.precision.to_cpp();
  const std::string size = std::to_string(values.size());
  if (values.size() <= kLargestConstantTable && folds_into_kernel(layer)) {
    text += "static const " + type + " " + array + "[" + size + "] = {\n" +
            value_list(layer, weight, values, "\n") + "\n};\n";
  } else {
    // hlsnn's emulation converts the doubles when the library loads, with the same constructor
    // the constant initialiser would call; any other compiler of this file sees plain constants.
    text += "#define HLSNN_WEIGHT_VALUES \\\n" + value_list(layer, weight, values, "\\\n") +
            "\n#ifdef HLSNN_AP_TYPES\nstatic " + type + " " + array + "[" + size + "];\n" +
            "namespace hlsnn_weight_conversions {\n[[maybe_unused]] static const bool " + array +
            " = [] {\n  static const double values[" + size + "] = {HLSNN_WEIGHT_VALUES};\n" +
            "  for (int i = 0; i < " + size + "; ++i) ::" + array + "[i] = " + type +
            "(values[i]);\n  return true;\n}();\n}  // namespace hlsnn_weight_conversions\n" +
            "#else\nstatic const " + type + " " + array + "[" + size +
            "] = {HLSNN_WEIGHT_VALUES};\n#endif\n#undef HLSNN_WEIGHT_VALUES\n";
  }
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
