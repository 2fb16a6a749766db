// QKeras quantizers read from both serialized forms, their types, and the weights they produce,
// with the numbers of reference/qkeras_semantics.md (§1.1, §1.3, §1.4).
#include <gtest/gtest.h>

#include <cmath>

#include "../ir/error_matchers.h"
#include "frontend/keras_to_ir.h"
#include "frontend/qkeras_quantizers.h"
#include "frontend/qkeras_weight_quantization.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using ir::testing::message_of;
using json = nlohmann::ordered_json;

QKerasQuantizer parse(const json& value) { return parse_qkeras_quantizer(value, "layer 'q'"); }

std::string error_of(const json& value) {
  return message_of([&] { parse(value); });
}

TEST(QKerasQuantizers, DictFormIgnoresModuleAndRegisteredName) {
  const QKerasQuantizer q = parse(json::parse(R"({"class_name": "quantized_bits",
      "config": {"bits": 6, "integer": 0, "symmetric": 0, "alpha": 1, "keep_negative": true,
                 "use_stochastic_rounding": false, "qnoise_factor": 1.0},
      "module": "qkeras.quantizers", "registered_name": "quantized_bits"})"));
  EXPECT_TRUE(q.is_quantized_bits());
  EXPECT_EQ(q.bits, 6);
  EXPECT_EQ(q.integer, 0);
  EXPECT_TRUE(q.has_unit_alpha());
  EXPECT_EQ(qkeras_weight_type(q).to_config(), "fixed<6,1>");
}

TEST(QKerasQuantizers, StringFormTakesPositionalsThenKeywords) {
  const QKerasQuantizer q = parse("quantized_bits(8,3,1,alpha=1)");
  EXPECT_EQ(q.bits, 8);
  EXPECT_EQ(q.integer, 3);
  EXPECT_TRUE(q.symmetric);
  EXPECT_EQ(q.alpha, QKerasAlpha::kNumber);
  const QKerasQuantizer po2 = parse("quantized_bits(4, 0, alpha='auto_po2')");
  EXPECT_EQ(po2.alpha, QKerasAlpha::kAutoPo2);
  const QKerasQuantizer relu = parse("quantized_relu(4,0)");
  EXPECT_TRUE(relu.is_quantized_relu());
  EXPECT_EQ(qkeras_activation_type(relu, "").to_config(), "ufixed<4,0,RND_CONV,SAT>");
  EXPECT_EQ(parse("quantized_bits").bits, 8) << "a bare name takes the defaults";
  EXPECT_EQ(parse("relu").name, "relu");
  EXPECT_TRUE(parse("relu").is_plain_activation());
}

TEST(QKerasQuantizers, TypesFollowKeepNegativeAndSymmetric) {
  EXPECT_EQ(qkeras_weight_type(parse("quantized_bits(8,3)")).to_config(), "fixed<8,4>");
  EXPECT_EQ(qkeras_weight_type(parse("quantized_bits(8,3,keep_negative=False)")).to_config(),
            "ufixed<8,3>");
  EXPECT_EQ(qkeras_activation_type(parse("quantized_bits(6,2)"), "").to_config(),
            "fixed<6,3,RND_CONV,SAT>");
  EXPECT_EQ(qkeras_activation_type(parse("quantized_bits(6,2,1)"), "").to_config(),
            "fixed<6,3,RND_CONV,SAT_SYM>");
  EXPECT_THROW(qkeras_activation_type(parse("quantized_bits(6,2,alpha='auto')"), ""), Error);
  EXPECT_EQ(qkeras_activation_type(parse("quantized_tanh(6)"), "").to_config(),
            "fixed<6,1,RND_CONV,SAT>");
  EXPECT_EQ(qkeras_activation_type(parse("quantized_tanh(6,0,1)"), "").to_config(),
            "fixed<6,1,RND_CONV,SAT_SYM>");
  EXPECT_EQ(qkeras_activation_type(parse("quantized_sigmoid(5)"), "").to_config(),
            "ufixed<5,0,RND_CONV,SAT>");
}

TEST(QKerasQuantizers, KernelDefaultAlphaIsAutoPo2Symmetric) {
  const QKerasQuantizer kernel = with_kernel_alpha_default(parse("quantized_bits(4,0)"));
  EXPECT_EQ(kernel.alpha, QKerasAlpha::kAutoPo2);
  EXPECT_TRUE(kernel.symmetric);
  EXPECT_EQ(with_kernel_alpha_default(parse("quantized_bits(4,0,alpha=1)")).alpha,
            QKerasAlpha::kNumber)
      << "alpha=1 keeps the plain grid";
}

TEST(QKerasQuantizers, EveryQuantizerClassReadsItsOptions) {
  const QKerasQuantizer po2 = parse("quantized_po2(5, 4, quadratic_approximation=True)");
  EXPECT_TRUE(po2.is_po2());
  EXPECT_EQ(*po2.max_value, 4.0);
  EXPECT_TRUE(po2.quadratic_approximation);
  const QKerasQuantizer relu_po2 = parse("quantized_relu_po2(6, 2048, 0.5)");
  EXPECT_EQ(relu_po2.negative_slope, 0.5);
  EXPECT_TRUE(parse("quantized_po2(5, log2_rounding='floor')").log2_floor);
  const QKerasQuantizer binary = parse("binary(1, alpha='auto')");
  EXPECT_TRUE(binary.use_01);
  EXPECT_EQ(binary.alpha, QKerasAlpha::kAuto);
  EXPECT_TRUE(parse("stochastic_binary(alpha=0.5)").is_binary()) << "its inference form";
  const QKerasQuantizer ternary = parse("stochastic_ternary(0.5, 0.2)");
  EXPECT_TRUE(ternary.is_ternary());
  EXPECT_EQ(ternary.alpha_value, 0.5);
  EXPECT_EQ(*ternary.threshold, 0.2);
  EXPECT_TRUE(parse("quantized_tanh(4,use_real_tanh=True)").use_real);
  EXPECT_EQ(parse("quantized_relu(4,0,0,0.25)").negative_slope, 0.25);
  EXPECT_EQ(
      *parse("quantized_relu(4,0,relu_upper_bound=0.5,is_quantized_clip=False)").relu_upper_bound,
      0.5);
  EXPECT_FALSE(parse("quantized_relu(4,0,relu_upper_bound=0.5)").relu_upper_bound)
      << "inert under the default quantized clip";
  EXPECT_EQ(parse("quantized_hswish(6,2)").hswish_upper_bound, 6.0);
  EXPECT_EQ(with_kernel_alpha_default(parse("ternary()")).alpha, QKerasAlpha::kAutoPo2);
}

TEST(QKerasQuantizers, Po2ExponentRangesAreQKeras) {  // §4
  const Po2Exponents five = po2_exponents(parse("quantized_po2(5)"));
  EXPECT_EQ(five.min, -8);
  EXPECT_EQ(five.max, 7);
  const Po2Exponents quadratic =
      po2_exponents(parse("quantized_relu_po2(6, quadratic_approximation=True)"));
  EXPECT_EQ(quadratic.min, -32);
  EXPECT_EQ(quadratic.max, 30);
  EXPECT_EQ(quadratic.factor, 2);
  EXPECT_EQ(po2_exponents(parse("quantized_po2(4, 1)")).min, -8)
      << "max_value <= 1: no exponent sign bit";
  EXPECT_EQ(qkeras_weight_type(parse("quantized_po2(5)")).to_config(), "fixed<17,9>");
  EXPECT_EQ(qkeras_weight_type(parse("quantized_relu_po2(4)")).to_config(), "ufixed<16,8>");
  EXPECT_EQ(qkeras_weight_type(parse("binary()")).to_config(), "int<2>");
  EXPECT_EQ(qkeras_weight_type(parse("binary(1)")).to_config(), "uint<1>");
  EXPECT_EQ(qkeras_activation_type(parse("ternary(alpha=0.5)"), "").to_config(), "fixed<2,1>");
  EXPECT_EQ(qkeras_activation_type(parse("quantized_relu(5,1,0,0.25)"), "").to_config(),
            "fixed<5,2,RND_CONV,SAT>");
}

TEST(QKerasQuantizers, UnsupportedAndMalformedQuantizersNameThemselves) {
  EXPECT_NE(error_of("quantized_ulaw(8)").find("quantized_ulaw is not supported"),
            std::string::npos)
      << error_of("quantized_ulaw(8)");
  EXPECT_NE(error_of(json::parse(R"({"class_name": "quantized_linear", "config": {}})"))
                .find("quantized_linear"),
            std::string::npos);
  EXPECT_NE(error_of("quantized_bits(8,,0)").find("empty argument"), std::string::npos);
  EXPECT_NE(error_of("quantized_bits(8,0").find("malformed"), std::string::npos);
  EXPECT_NE(error_of("quantized_bits(eight)").find("not a value"), std::string::npos);
  EXPECT_NE(error_of("no_such_thing(3)").find("no_such_thing"), std::string::npos);
  EXPECT_NE(error_of("quantized_relu(4,0,0,0.3)").find("negative_slope"), std::string::npos);
  EXPECT_NE(error_of("quantized_relu(4,0,use_sigmoid=1)").find("use_sigmoid"), std::string::npos);
  EXPECT_NE(error_of("quantized_sigmoid(4,1)").find("symmetric"), std::string::npos);
  EXPECT_NE(error_of("ternary(alpha='auto', threshold=0.3)").find("threshold"), std::string::npos);
  EXPECT_NE(error_of("quantized_po2(5, log2_rounding='up')").find("log2_rounding"),
            std::string::npos);
  EXPECT_NE(error_of("quantized_relu_po2(9)").find("bits"), std::string::npos)
      << "exponents below float32's normal range";
  EXPECT_NE(error_of("binary(alpha=[1 2])").find("alpha"), std::string::npos);
  EXPECT_NE(error_of(json(42)).find("neither a string"), std::string::npos);
  EXPECT_NE(error_of("quantized_relu(4,0)").find("no error"), std::string::npos);
  EXPECT_NE(error_of("binary_tanh").find("supported: quantized_bits"), std::string::npos);
  EXPECT_THROW(qkeras_activation_type(parse("binary(alpha=0.7)"), ""), Error)
      << "QKeras' output is not exactly 0.7 for large inputs";
  EXPECT_THROW(qkeras_activation_type(parse("ternary(alpha='auto')"), ""), Error);
}

std::vector<double> quantize(const std::string& quantizer, std::vector<double> values,
                             ir::Shape shape = {}) {
  if (shape.empty()) shape = {static_cast<int64_t>(values.size())};
  return quantize_qkeras_weights(parse(quantizer), values, shape).values;
}

TEST(QKerasWeightQuantization, FixedGridExamples) {  // §1.1
  EXPECT_EQ(quantize("quantized_bits(8,0)", {0.3, 1.2, -1.2, 0.5 / 128, 1.5 / 128}),
            (std::vector<double>{0.296875, 0.9921875, -1.0, 0.0, 2.0 / 128}));
  EXPECT_EQ(quantize("quantized_bits(4,0,1)", {0.3}), std::vector<double>{0.25});
  EXPECT_EQ(quantize("quantized_bits(4,2)", {0.3, 3.3, -5}), (std::vector<double>{0.5, 3.5, -4}));
  EXPECT_EQ(quantize("quantized_bits(4,1,keep_negative=False)", {-0.3, 1.7}),
            (std::vector<double>{0.0, 1.75}));
}

TEST(QKerasWeightQuantization, BlendStepIsEvaluatedLiterally) {  // §8.1
  EXPECT_EQ(quantize("quantized_bits(8,0)", {2e5}), std::vector<double>{1.0});
}

TEST(QKerasWeightQuantization, AutoPo2PerChannelExample) {  // §1.3
  const std::vector<double> kernel = {0.5, -0.01, 0.12, 0.02, -0.31, 0.005, 0.07, -0.04};
  const QKerasQuantizedWeights q =
      quantize_qkeras_weights(parse("quantized_bits(4,0,alpha='auto_po2')"), kernel, {4, 2});
  EXPECT_EQ(q.values, (std::vector<double>{0.4375, -0.0078125, 0.125, 0.0234375, -0.3125, 0.0078125,
                                           0.0625, -0.0390625}));
  EXPECT_EQ(q.scales, (std::vector<double>{0.5, 0.0625}));
  EXPECT_EQ(q.grid,
            (std::vector<double>{0.875, -0.125, 0.25, 0.375, -0.625, 0.125, 0.125, -0.625}));
}

TEST(QKerasWeightQuantization, AutoPo2RankOneScalesEachElement) {  // §1.4
  EXPECT_EQ(quantize("quantized_bits(4,0,alpha='auto_po2')", {0.3, -0.02, 0, 1.3}),
            (std::vector<double>{0.25, -0.01953125, 0.0, 1.25}));
}

TEST(QKerasWeightQuantization, AutoScalesAreNotPowersOfTwo) {  // §1.2
  const QKerasQuantizedWeights q =
      quantize_qkeras_weights(parse("quantized_bits(4,0,alpha='auto')"),
                              {0.5, -0.01, 0.12, 0.02, -0.31, 0.005, 0.07, -0.04}, {4, 2});
  // The values QKeras 0.9.0 returns for this kernel (printed as float32 -> float64).
  EXPECT_EQ(q.scales, (std::vector<double>{0.5714285969734192, 0.04571428522467613}));
  EXPECT_EQ(q.values,
            (std::vector<double>{0.5, -0.011428571306169033, 0.1428571492433548,
                                 0.022857142612338066, -0.2857142984867096, 0.0057142856530845165,
                                 0.0714285746216774, -0.03999999910593033}));
}

// The examples of reference/qkeras_semantics.md §4, checked against QKeras 0.9.0.
TEST(QKerasWeightQuantization, PowersOfTwoRoundInTheLogDomain) {
  EXPECT_EQ(quantize("quantized_po2(5)", {0, 0.3, 0.7, 0.71, -0.75, 100, 1e-4}),
            (std::vector<double>{1.0 / 256, 0.25, 0.5, 1, -1, 128, 1.0 / 256}));
  EXPECT_EQ(quantize("quantized_relu_po2(4,6)", {7}), std::vector<double>{8});
  EXPECT_EQ(quantize("quantized_relu_po2(6,2048)", {-1, 5000}),
            (std::vector<double>{std::ldexp(1.0, -32), 2048}));
  EXPECT_EQ(quantize("quantized_relu_po2(6,quadratic_approximation=True)", {0.3, 3, 0}),
            (std::vector<double>{0.25, 4, std::ldexp(1.0, -32)}));
  EXPECT_EQ(quantize("quantized_relu_po2(5,4,0.25)", {-3, 1.5}), (std::vector<double>{-1, 2}))
      << "the negative side: -2^E(0.25 * 3)";
}

TEST(QKerasWeightQuantization, BinaryAndTernaryCodesAndScales) {  // §5
  EXPECT_EQ(quantize("binary()", {0.3, -2, 0}), (std::vector<double>{1, -1, 1}));
  EXPECT_EQ(quantize("binary(1)", {0.3, -2, 0}), (std::vector<double>{1, 0, 1}));
  EXPECT_EQ(quantize("ternary()", {0.3, -0.5, 0.33, 0}), (std::vector<double>{0, -1, 1, 0}));
  EXPECT_EQ(quantize("ternary(alpha=0.5,threshold=0.2)", {0.3, -0.1}),
            (std::vector<double>{0.5, 0}));
  const std::vector<double> kernel = {0.5, -0.01, 0.12, 0.02, -0.31, 0.005, 0.07, -0.04};
  const QKerasQuantizedWeights binary =
      quantize_qkeras_weights(parse("binary(alpha='auto_po2')"), kernel, {4, 2});
  EXPECT_EQ(binary.grid, (std::vector<double>{1, -1, 1, 1, -1, 1, 1, -1}));
  EXPECT_EQ(binary.scales, (std::vector<double>{0.25, 0.015625}));
  const QKerasQuantizedWeights ternary =
      quantize_qkeras_weights(parse("ternary(alpha='auto')"), kernel, {4, 2});
  EXPECT_EQ(ternary.grid, (std::vector<double>{1, 0, 0, 1, -1, 0, 0, -1}));
  EXPECT_FLOAT_EQ(static_cast<float>(ternary.scales[0]), 0.405f);
  EXPECT_FLOAT_EQ(static_cast<float>(ternary.scales[1]), 0.03f);
  EXPECT_THROW(quantize("quantized_tanh(4)", {0.1}), Error) << "an activation only";
}

TEST(QKerasWeightQuantization, ExactFixedTypeHoldsEveryValue) {
  EXPECT_EQ(exact_fixed_type({0.5, 0.0625}, "").to_config(), "ufixed<4,0>");
  EXPECT_EQ(exact_fixed_type({-0.01953125, 1.25}, "").to_config(), "fixed<10,2>");
  EXPECT_EQ(exact_fixed_type({0.0, 0.0}, "").to_config(), "ufixed<1,1>");
  EXPECT_EQ(exact_fixed_type({8.0, 4.0}, "").to_config(), "ufixed<2,4>");
}

TEST(QKerasWeightQuantization, ExtremeValuesFromAFileAreAnErrorNotAHang) {
  // Issue 15 (found by fuzzing): values far apart looped forever on the magnitude bits, and many
  // values took a pass over all of them per bit.
  EXPECT_THROW(exact_fixed_type({1e-300, 1e300}, ""), Error);
  EXPECT_THROW(exact_fixed_type({4.9406564584124654e-324, 1.0}, ""), Error);
  std::vector<double> many(1 << 20, std::ldexp(1.0, 900));
  many.back() = std::ldexp(1.0, 901);
  EXPECT_EQ(exact_fixed_type(many, "").to_config(), "ufixed<2,902>");
}

// A QDense with the default kernel alpha becomes a Dense on the grid and an ApplyAlpha.
TEST(QKerasToIr, QDenseRecordsScaleAndQuantizerTypes) {
  const std::string model = R"json({"class_name": "Sequential", "config": {"name": "s", "layers": [
    {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 4]}},
    {"class_name": "QDense", "config": {"name": "qd", "units": 2, "use_bias": true,
      "activation": "quantized_relu(4,0)",
      "kernel_quantizer": {"class_name": "quantized_bits", "config": {"bits": 4, "integer": 0,
        "alpha": null}},
      "bias_quantizer": "quantized_bits(4,0,alpha=1)"}},
    {"class_name": "QActivation", "config": {"name": "act",
      "activation": "quantized_bits(6,2,1)"}}]}})json";
  WeightArray kernel{"kernel", {4, 2}, {0.5, -0.01, 0.12, 0.02, -0.31, 0.005, 0.07, -0.04}};
  WeightArray bias{"bias", {2}, {0.3, -0.2}};
  const ir::Graph graph = graph_from_keras(model, {{"qd", {kernel, bias}}}, 2);
  const ir::Layer& dense = graph.layer("qd");
  EXPECT_EQ(dense.weight("weight").values[0], 0.875);
  EXPECT_EQ(dense.precision("weight").to_config(), "fixed<4,1>");
  EXPECT_EQ(dense.attribute<std::vector<double>>("alpha.scale"),
            (std::vector<double>{0.5, 0.0625}));
  EXPECT_EQ(dense.attribute<std::vector<double>>("alpha.bias"), (std::vector<double>{0.25, -0.25}));
  EXPECT_EQ(dense.weight("bias").values, (std::vector<double>{0, 0}));
  EXPECT_EQ(dense.attribute<ir::PrecisionType>("activation.quantizer_precision.result").to_config(),
            "ufixed<4,0,RND_CONV,SAT>");
  EXPECT_EQ(graph.layer("act").precision("result").to_config(), "fixed<6,3,RND_CONV,SAT_SYM>");
}

}  // namespace
}  // namespace hlsnn::frontend

namespace hlsnn::frontend {
namespace {

// §7's example with QKeras' default quantizers: gamma 1, beta 0 (-> 2^-8), mean 0.5, variance 1.
TEST(QKerasToIr, QBatchNormalizationIsTensorFlowsFloat32ScaleAndOffset) {
  const std::string model = R"json({"class_name": "Sequential", "config": {"name": "s", "layers": [
    {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 1]}},
    {"class_name": "QBatchNormalization", "config": {"name": "bn", "axis": [1],
      "epsilon": 0.001, "center": true, "scale": true,
      "beta_quantizer": "quantized_po2(5)", "gamma_quantizer": "quantized_relu_po2(6, 2048)",
      "mean_quantizer": "quantized_po2(5)",
      "variance_quantizer": "quantized_relu_po2(6, quadratic_approximation=True)"}}]}})json";
  const std::vector<WeightArray> weights = {{"bn/gamma:0", {1}, {1.0}},
                                            {"bn/beta:0", {1}, {0.0}},
                                            {"bn/moving_mean:0", {1}, {0.5}},
                                            {"bn/moving_variance:0", {1}, {1.0}}};
  const ir::Graph graph = graph_from_keras(model, {{"bn", weights}}, 2);
  const ir::Layer& bn = graph.layer("bn");
  EXPECT_EQ(bn.layer_class, "BatchNormalization");
  EXPECT_EQ(static_cast<float>(bn.weight("scale").values[0]), 1.0f / std::sqrt(1.001f));
  EXPECT_FLOAT_EQ(static_cast<float>(bn.weight("bias").values[0]), -0.49584395f);
  EXPECT_TRUE(bn.precision("scale").is_representable(bn.weight("scale").values[0]))
      << "the exact type of TensorFlow's float32 inv";
  EXPECT_TRUE(bn.precision("result").is_auto()) << "inferred exact";
}

// Kernel quantizers: po2 kernels are marked for the shift product; 'auto' scales are folded.
TEST(QKerasToIr, PowerOfTwoKernelsAreMarkedAndAutoScalesFolded) {
  const auto graph_with = [](const std::string& quantizer) {
    const std::string model = R"json({"class_name": "Sequential", "config": {"name": "s",
      "layers": [{"class_name": "InputLayer", "config": {"name": "x",
        "batch_input_shape": [null, 4]}},
      {"class_name": "QDense", "config": {"name": "qd", "units": 2, "use_bias": false,
        "kernel_quantizer": ")json" +
                              quantizer + R"json("}}]}})json";
    WeightArray kernel{"kernel", {4, 2}, {0.5, -0.01, 0.12, 0.02, -0.31, 0.005, 0.07, -0.04}};
    return graph_from_keras(model, {{"qd", {kernel}}}, 2);
  };
  const ir::Graph po2 = graph_with("quantized_po2(5)");
  EXPECT_TRUE(po2.layer("qd").attribute<bool>("po2_weight.weight"));
  EXPECT_EQ(po2.layer("qd").weight("weight").values[0], 0.5);
  EXPECT_EQ(po2.layer("qd").precision("weight").to_config(), "fixed<17,9>");
  const ir::Graph folded = graph_with("ternary(alpha='auto')");
  EXPECT_FALSE(folded.layer("qd").has_attribute("alpha.scale"));
  EXPECT_FLOAT_EQ(static_cast<float>(folded.layer("qd").weight("weight").values[0]), 0.405f);
  const ir::Graph scaled = graph_with("binary()");
  EXPECT_EQ(scaled.layer("qd").weight("weight").values[1], -1.0) << "the codes, on the grid";
  EXPECT_EQ(scaled.layer("qd").precision("weight").to_config(), "int<2>");
  EXPECT_TRUE(scaled.layer("qd").has_attribute("alpha.scale"));
}

}  // namespace
}  // namespace hlsnn::frontend
