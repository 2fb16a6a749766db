// QKeras quantizers read from both serialized forms, their types, and the weights they produce,
// with the numbers of reference/qkeras_semantics.md (§1.1, §1.3, §1.4).
#include <gtest/gtest.h>

#include <cmath>

#include "frontend/keras_to_ir.h"
#include "frontend/qkeras_quantizers.h"
#include "frontend/qkeras_weight_quantization.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using json = nlohmann::ordered_json;

QKerasQuantizer parse(const json& value) { return parse_qkeras_quantizer(value, "layer 'q'"); }

std::string error_of(const json& value) {
  try {
    parse(value);
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
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

TEST(QKerasQuantizers, UnsupportedAndMalformedQuantizersNameThemselves) {
  EXPECT_NE(error_of("quantized_po2(4)").find("quantized_po2 is not supported"), std::string::npos)
      << error_of("quantized_po2(4)");
  EXPECT_NE(error_of(json::parse(R"({"class_name": "ternary", "config": {}})")).find("ternary"),
            std::string::npos);
  EXPECT_NE(error_of("quantized_bits(8,,0)").find("empty argument"), std::string::npos);
  EXPECT_NE(error_of("quantized_bits(8,0").find("malformed"), std::string::npos);
  EXPECT_NE(error_of("quantized_bits(eight)").find("not a value"), std::string::npos);
  EXPECT_NE(error_of("no_such_thing(3)").find("no_such_thing"), std::string::npos);
  EXPECT_NE(error_of("quantized_relu(4,0,0,0.25)").find("negative_slope"), std::string::npos);
  EXPECT_NE(error_of("quantized_relu(4,0,is_quantized_clip=False)").find("is_quantized_clip"),
            std::string::npos);
  EXPECT_NE(error_of("quantized_tanh(4,use_real_tanh=True)").find("use_real_tanh"),
            std::string::npos);
  EXPECT_NE(error_of("quantized_sigmoid(4,1)").find("symmetric"), std::string::npos);
  EXPECT_NE(error_of(json(42)).find("neither a string"), std::string::npos);
  EXPECT_NE(error_of("quantized_relu(4,0)").find("no error"), std::string::npos);
  EXPECT_NE(error_of("binary").find("supported: quantized_bits"), std::string::npos);
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
