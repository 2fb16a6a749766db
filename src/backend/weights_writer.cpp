#include <cmath>
#include <cstdint>
#include <cstring>

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

/// Above this many values the emulation build takes a table from a binary file rather than from
/// C++ literals: g++ spends about 40 us and 0.3 KB per literal it parses, constant-initialises
/// and emits (5 of the 8 CPU seconds and 330 of the 580 MB of a 1M-weight model's compile), while
/// the assembler copies a file's bytes for free. Folding small constant tables into the kernels did
/// not make predict measurably faster (MLPerf-style autoencoder, 64..72-wide layers), so only
/// tables too small to matter stay literals.
constexpr size_t kLargestConstantTable = 1024;

/// Convolution kernels loop over window taps and channels instead of unrolling into
/// their weights, so literals gain them nothing and cost the compiler the same: their
/// weights are always embedded from binary copies.
bool folds_into_kernel(const ir::Layer& layer) {
  return layer.layer_class.find("Conv") == std::string::npos;
}

/// The values as C++ literals, eight to a line.
std::string value_list(const ir::Layer& layer, const ir::Weight& weight,
                       const std::vector<double>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw Error(
          "weight '" + weight.name + "' holds a non-finite value at index " + std::to_string(i),
          layer.description(), "check the trained model for NaN or infinite weights");
    }
    text += (i % 8 == 0 ? (i == 0 ? "" : "\n") + std::string("    ") : " ") +
            ir::format_double(values[i]) + ",";
  }
  return text;
}

/// The values as little-endian IEEE doubles, the layout of a `double[]` on the machines the
/// emulation runs on (checked by the header that reads them).
std::string binary_values(const std::vector<double>& values) {
  std::string bytes(values.size() * sizeof(double), '\0');
  for (size_t i = 0; i < values.size(); ++i) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &values[i], sizeof bits);
    for (size_t b = 0; b < sizeof bits; ++b) {
      bytes[i * sizeof bits + b] = static_cast<char>((bits >> (8 * b)) & 0xffU);
    }
  }
  return bytes;
}

/// The emulation build's definition of a large table: the assembler embeds <array>.bin (found
/// through the assembler include folder the runtime passes: the firmware folder) as a hidden symbol
/// of this library, and the doubles are converted when the library loads, with the constructor a
/// constant initialiser would call, so the values are the same bits.
std::string embedded_definition(const std::string& type, const std::string& array,
                                const std::string& qualified_array, const std::string& size) {
  const std::string symbol = "hlsnn_values_" + array;
  return "extern \"C\" __attribute__((visibility(\"hidden\"))) const double " + symbol + "[" +
         size + "];\nasm(\".pushsection .rodata\\n.balign 8\\n.hidden " + symbol + "\\n.globl " +
         symbol + "\\n" + symbol + ":\\n.incbin \\\"weights/" + array +
         ".bin\\\"\\n.popsection\\n\");\nstatic " + type + " " + array + "[" + size +
         "];\nnamespace hlsnn_weight_conversions {\n[[maybe_unused]] static const bool " + array +
         " = [] {\n  for (int i = 0; i < " + size + "; ++i) " + qualified_array + "[i] = " + type +
         "(" + symbol + "[i]);\n  return true;\n}();\n}  // namespace hlsnn_weight_conversions\n";
}

/// The values as hls4ml's weight text files hold them: one line, separated by ", ".
std::string text_values(const std::vector<double>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    text += (i == 0 ? "" : ", ") + ir::format_double(values[i]);
  }
  return text + "\n";
}

std::vector<GeneratedFile> weight_file(const ProjectSymbols& symbols, const ir::Layer& layer,
                                       const ir::Weight& weight, const std::string& array,
                                       const FirmwareOptions& options) {
  const std::vector<double> values = kernel_order(layer, weight);
  const std::filesystem::path folder = std::filesystem::path("firmware") / "weights";
  // No include guard: only the top function's file includes it, and a guard macro could collide
  // with an identifier taken from a layer name.
  std::string text = "// Weight " + ir::to_cpp_string_literal(weight.name) + " of layer " +
                     ir::to_cpp_string_literal(layer.name) + ", shape " +
                     ir::shape_to_string(weight.shape) + ".\n// Each value is the shortest " +
                     "decimal that reads back as the stored double, so the conversion to the\n" +
                     "// weight type quantizes exactly that value.\n#include \"defines.h\"\n\n";
  const std::string type = weight_cpp_type(layer, weight);
  const std::string size = std::to_string(values.size());
  const std::string constants = "static const " + type + " " + array + "[" + size + "] = {\n" +
                                value_list(layer, weight, values) + "\n};\n";
  const bool embedded = values.size() > kLargestConstantTable || !folds_into_kernel(layer);
  std::vector<GeneratedFile> files;
  std::string definitions;
  // hlsnn's emulation (HLSNN_EMULATION, set by its runtime) embeds the binary copy; other C
  // simulations read the text copy when there is one; synthesis sees plain constants.
  if (embedded) {
    definitions +=
        "#if defined(HLSNN_EMULATION) && defined(__ELF__) && "
        "__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__\n" +
        embedded_definition(type, array, qualified(symbols, array), size);
    files.push_back({folder / (array + ".bin"), binary_values(values)});
  }
  if (options.write_weights_txt) {
    definitions += std::string(embedded ? "#elif" : "#if") +
                   " !defined(__SYNTHESIS__) && !defined(HLSNN_EMULATION)\n// Filled from " +
                   array + ".txt by the top function's first call.\nstatic " + type + " " + array +
                   "[" + size + "];\n";
    files.push_back({folder / (array + ".txt"), text_values(values)});
  }
  definitions +=
      embedded || options.write_weights_txt ? "#else\n" + constants + "#endif\n" : constants;
  files.insert(files.begin(), {folder / (array + ".h"), text + in_namespace(symbols, definitions)});
  return files;
}

}  // namespace

std::vector<GeneratedFile> weight_files(const ProjectSymbols& symbols,
                                        const FirmwareOptions& options) {
  std::vector<GeneratedFile> files;
  for (const LayerSymbols& layer : symbols.layers) {
    for (const ir::Weight& weight : layer.layer->weights) {
      for (GeneratedFile& file : weight_file(symbols, *layer.layer, weight,
                                             layer.weight_arrays.at(weight.name), options)) {
        files.push_back(std::move(file));
      }
    }
  }
  return files;
}

}  // namespace hlsnn::backend
