// Conv1D/2D (1x1 windows included), DepthwiseConv1D/2D and SeparableConv1D/2D: nnet_conv.h and
// nnet_depthwise_conv.h. One-dimensional layers are written as images of height 1.

#include <algorithm>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/attribute.h"

namespace hlsnn::backend::codegen {
namespace {

/// One convolution step's config: a Conv, a Depthwise, or one half of a SeparableConv.
struct ConvStep {
  WindowGeometry geometry;
  int64_t n_filt = 1;
  int64_t depth_multiplier = 0;  ///< 0 for a plain convolution
  std::string weight_t;
  std::string bias_t;
  std::string accum_t;
  std::string product;  ///< the config's product member (shifts for po2 weights, ...)
  const ir::Weight* weight = nullptr;
};

int64_t parallelization_factor(const ir::Layer& layer) {
  return ir::get_attribute_or<int64_t>(layer.options.extra, "ParallelizationFactor", 1,
                                       layer.description());
}

std::string implementation(const ir::Layer& layer) {
  const std::string name = ir::get_attribute_or<std::string>(
      layer.options.extra, "ConvImplementation", "LineBuffer", layer.description());
  return name == "Encoded" ? "encoded" : "linebuffer";
}

std::string product_and_types(const ConvStep& step, const std::string& indent) {
  return indent + typedef_member(step.accum_t, "accum_t") + indent +
         typedef_member(step.bias_t, "bias_t") + indent +
         typedef_member(step.weight_t, "weight_t") + indented(step.product, indent);
}

/// The members of a conv_config (depthwise_conv_config when step.depth_multiplier > 0), and for
/// a plain convolution the Dense one pixel is (mult_config), which the Resource kernel folds.
std::string conv_step_members(const LayerSymbols& layer, const ConvStep& step,
                              const std::string& indent) {
  const ir::Layer& ir_layer = *layer.layer;
  const bool resource = ir_layer.options.strategy == ir::Strategy::kResource;
  const std::vector<double>& weights = step.weight->values;
  const int64_t zeros = std::count(weights.begin(), weights.end(), 0.0);
  const WindowGeometry& g = step.geometry;
  const int64_t taps = g.height * g.width;
  const std::string strategy = std::string("nnet::") + (resource ? "resource" : "latency");
  std::string text = window_members(g, "filt", indent) + indent +
                     unsigned_member("n_filt", step.n_filt) + indent +
                     "  static const unsigned io_type = nnet::io_parallel;\n" + indent +
                     "  static const unsigned strategy = " + strategy + ";\n" + indent +
                     unsigned_member("reuse_factor", reuse_factor(layer)) + indent +
                     unsigned_member("parallelization_factor", parallelization_factor(ir_layer)) +
                     indent + "  static const nnet::conv_implementation implementation =\n" +
                     indent + "      nnet::conv_implementation::" + implementation(ir_layer) +
                     ";\n" + indent + "  static const bool store_weights_in_bram = false;\n" +
                     indent + unsigned_member("n_zeros", zeros);
  if (step.depth_multiplier > 0) {
    return text + indent + unsigned_member("depth_multiplier", step.depth_multiplier) + indent +
           "  static const unsigned multiplier_limit =\n" + indent +
           "      DIV_ROUNDUP(filt_height * filt_width * n_filt * parallelization_factor, "
           "reuse_factor) -\n" +
           indent + "      n_zeros * parallelization_factor / reuse_factor;\n" +
           product_and_types(step, indent);
  }
  const std::string mult_indent = indent + "  ";
  return text + indent + "  static const unsigned multiplier_limit =\n" + indent +
         "      DIV_ROUNDUP(filt_height * filt_width * n_chan * n_filt * parallelization_factor, "
         "reuse_factor) -\n" +
         indent + "      n_zeros * parallelization_factor / reuse_factor;\n" +
         product_and_types(step, indent) + indent + "  // The Dense one output pixel is.\n" +
         indent + "  struct mult_config : nnet::dense_config {\n" + mult_indent +
         unsigned_member("n_in", taps * g.n_chan) + mult_indent +
         unsigned_member("n_out", step.n_filt) + mult_indent +
         "  static const unsigned io_type = nnet::io_parallel;\n" + mult_indent +
         "  static const unsigned strategy = " + strategy + ";\n" + mult_indent +
         unsigned_member("reuse_factor", reuse_factor(layer)) + mult_indent +
         unsigned_member("n_zeros", zeros) + mult_indent +
         "  static const unsigned multiplier_limit =\n" + mult_indent +
         "      DIV_ROUNDUP(n_in * n_out, reuse_factor) - n_zeros / reuse_factor;\n" + mult_indent +
         "  static const bool store_weights_in_bram = false;\n" +
         product_and_types(step, mult_indent) + indent + "  };\n";
}

ConvStep layer_step(const ir::Layer& layer, const std::string& weight,
                    const std::string& accum = "accum") {
  ConvStep step;
  step.geometry = window_geometry(layer, "filt");
  step.n_filt = layer.attribute<int64_t>("n_filt");
  step.weight = &layer.weight(weight);
  step.weight_t = weight_cpp_type(layer, *step.weight);
  step.bias_t = cpp_type(layer, "bias");
  step.accum_t = cpp_type(layer, accum);
  step.product = product_member(layer, *step.weight);
  return step;
}

std::string weight_arguments(const LayerSymbols& layer, std::initializer_list<const char*> names) {
  std::string text;
  for (const char* name : names) text += ", " + layer.weight_arrays.at(name);
  return text;
}

LayerCode conv(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 1);
  LayerCode code;
  code.headers = {"nnet_conv.h"};
  code.config = struct_open(layer, "nnet::conv_config") +
                conv_step_members(layer, layer_step(*layer.layer, "weight"), "") + "};\n";
  code.call = "  nnet::conv<" + layer.inputs[0]->type + ", " + layer.type + ", " + layer.config +
              ">(" + layer.inputs[0]->array + ", " + layer.array +
              weight_arguments(layer, {"weight", "bias"}) + ");\n";
  return code;
}

LayerCode depthwise_conv(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 1);
  ConvStep step = layer_step(*layer.layer, "weight");
  step.depth_multiplier = layer.layer->attribute<int64_t>("depth_multiplier");
  LayerCode code;
  code.headers = {"nnet_depthwise_conv.h"};
  code.config = struct_open(layer, "nnet::depthwise_conv_config") +
                conv_step_members(layer, step, "") + "};\n";
  code.call = "  nnet::depthwise_conv<" + layer.inputs[0]->type + ", " + layer.type + ", " +
              layer.config + ">(" + layer.inputs[0]->array + ", " + layer.array +
              weight_arguments(layer, {"weight", "bias"}) + ");\n";
  return code;
}

/// The reference's split of a separable convolution: a depthwise step without bias (an unsigned
/// one-bit zero, as hls4ml types it) into depthwise_result_t, then a 1x1 convolution.
LayerCode separable_conv(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 1);
  const ir::Layer& ir_layer = *layer.layer;
  ConvStep depthwise = layer_step(ir_layer, "depthwise", "depthwise_accum");
  depthwise.depth_multiplier = ir_layer.attribute<int64_t>("depth_multiplier");
  depthwise.n_filt = depthwise.geometry.n_chan * depthwise.depth_multiplier;
  depthwise.bias_t = "ap_uint<1>";
  ConvStep pointwise = layer_step(ir_layer, "pointwise", "pointwise_accum");
  WindowGeometry& g = pointwise.geometry;
  g.in_height = g.out_height;
  g.in_width = g.out_width;
  g.n_chan = depthwise.n_filt;
  g.height = g.width = g.stride_height = g.stride_width = 1;
  g.pad_top = g.pad_bottom = g.pad_left = g.pad_right = 0;

  LayerCode code;
  code.headers = {"nnet_depthwise_conv.h"};
  code.config = struct_open(layer, "") +
                typedef_member(cpp_type(ir_layer, "depthwise_result"), "depthwise_result_t") +
                "  struct depthwise_config : nnet::depthwise_conv_config {\n" +
                conv_step_members(layer, depthwise, "  ") +
                "  };\n  struct pointwise_config : nnet::conv_config {\n" +
                conv_step_members(layer, pointwise, "  ") + "  };\n};\n";
  code.call = "  nnet::separable_conv<" + layer.inputs[0]->type + ", " + layer.config +
              "::depthwise_result_t, " + layer.type + ", " + layer.config + ">(" +
              layer.inputs[0]->array + ", " + layer.array +
              weight_arguments(layer, {"depthwise", "pointwise", "bias"}) + ");\n";
  return code;
}

}  // namespace

void add_conv_generators(GeneratorTable& table) {
  for (const char* name : {"Conv1D", "Conv2D"}) table.emplace(name, conv);
  for (const char* name : {"DepthwiseConv1D", "DepthwiseConv2D"}) {
    table.emplace(name, depthwise_conv);
  }
  for (const char* name : {"SeparableConv1D", "SeparableConv2D"}) {
    table.emplace(name, separable_conv);
  }
}

}  // namespace hlsnn::backend::codegen
