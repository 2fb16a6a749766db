#include "ir/layer.h"

#include <gtest/gtest.h>

#include <utility>

#include "error_matchers.h"

namespace hlsnn::ir {
namespace {

using testing::Contains;
using testing::error_from;

Layer make_dense() {
  Layer layer("dense", "Dense");
  layer.inputs = {"input_1"};
  layer.outputs = {{"dense", {4}, {}}};
  layer.set_attribute("n_in", 3);
  layer.set_attribute("activation", "relu");
  layer.add_weight({"weight", {3, 4}, std::vector<double>(12, 0.5), PrecisionType::fixed(8, 3)});
  layer.add_weight({"bias", {4}, std::vector<double>(4, 0.0), PrecisionType::fixed(8, 3)});
  layer.precisions["result"] = PrecisionType::fixed(16, 6);
  layer.precisions["accum"] = PrecisionType::automatic();
  return layer;
}

TEST(Layer, DescriptionNamesTheLayerAndItsClass) {
  EXPECT_EQ(make_dense().description(), "layer 'dense' (Dense)");
  EXPECT_EQ(Layer("a\nb", "Dense").description(), "layer 'a\\nb' (Dense)");
}

TEST(Layer, OutputReturnsTheSingleOutput) {
  Layer layer = make_dense();
  EXPECT_EQ(layer.output().name, "dense");
  layer.output().shape = {8};
  EXPECT_EQ(layer.outputs.front().shape, (Shape{8}));
}

TEST(Layer, OutputThrowsUnlessThereIsExactlyOne) {
  Layer layer = make_dense();
  layer.outputs.push_back({"extra", {4}, {}});
  const Error error = error_from([&] { layer.output(); });
  EXPECT_EQ(error.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(error.problem(), "found 2 (dense, extra)"));
  layer.outputs.clear();
  EXPECT_TRUE(
      Contains(error_from([&] { std::as_const(layer).output(); }).problem(), "found 0 (none)"));
}

TEST(Layer, TypedAttributeAccessReadsWhatWasSet) {
  const Layer layer = make_dense();
  EXPECT_TRUE(layer.has_attribute("n_in"));
  EXPECT_FALSE(layer.has_attribute("n_out"));
  EXPECT_EQ(layer.attribute<std::int64_t>("n_in"), 3);
  EXPECT_EQ(layer.attribute<std::string>("activation"), "relu");
  EXPECT_EQ(layer.attribute_or<std::int64_t>("n_out", 7), 7);
}

TEST(Layer, SetAttributeReplacesAnExistingValue) {
  Layer layer = make_dense();
  layer.set_attribute("activation", "linear");
  EXPECT_EQ(layer.attribute<std::string>("activation"), "linear");
}

TEST(Layer, AttributeErrorsNameTheLayer) {
  const Layer layer = make_dense();
  const Error missing = error_from([&] { layer.attribute<std::int64_t>("n_out"); });
  EXPECT_EQ(missing.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(missing.hint(), "activation, n_in"));
  const Error wrong = error_from([&] { layer.attribute<bool>("activation"); });
  EXPECT_EQ(wrong.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(wrong.problem(), "expected a bool"));
  EXPECT_TRUE(Contains(error_from([&] { layer.attribute_or<bool>("activation", false); }).where(),
                       "layer 'dense'"));
}

TEST(Layer, WeightLookupFindsByName) {
  Layer layer = make_dense();
  EXPECT_TRUE(layer.has_weight("bias"));
  EXPECT_FALSE(layer.has_weight("kernel"));
  EXPECT_EQ(std::as_const(layer).weight("weight").shape, (Shape{3, 4}));
  layer.weight("bias").values[0] = 1.5;
  EXPECT_EQ(layer.weights[1].values[0], 1.5);
}

TEST(Layer, MissingWeightListsTheWeightsPresent) {
  const Layer layer = make_dense();
  const Error error = error_from([&] { layer.weight("kernel"); });
  EXPECT_EQ(error.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(error.problem(), "no weight 'kernel'"));
  EXPECT_TRUE(Contains(error.hint(), "weights present: weight, bias"));
}

TEST(Layer, AddWeightKeepsOrderAndRejectsDuplicates) {
  Layer layer = make_dense();
  EXPECT_EQ(layer.weights[0].name, "weight");
  EXPECT_EQ(layer.weights[1].name, "bias");
  const Error error = error_from([&] { layer.add_weight({"bias", {4}, {0, 0, 0, 0}, {}}); });
  EXPECT_TRUE(Contains(error.problem(), "a weight 'bias' exists already"));
  EXPECT_EQ(layer.weights.size(), 2U);
}

TEST(Layer, PrecisionReadsWeightTypesAndComputedSlotsAlike) {
  const Layer layer = make_dense();
  EXPECT_EQ(layer.precision("result"), PrecisionType::fixed(16, 6));
  EXPECT_EQ(layer.precision("bias"), PrecisionType::fixed(8, 3));
  EXPECT_TRUE(layer.precision("accum").is_auto());
  EXPECT_TRUE(layer.has_precision("weight"));
  EXPECT_TRUE(layer.has_precision("result"));
  EXPECT_FALSE(layer.has_precision("table"));
}

TEST(Layer, SetPrecisionStoresWeightTypesOnTheWeight) {
  Layer layer = make_dense();
  layer.set_precision("weight", PrecisionType::integer(4));
  EXPECT_EQ(layer.weight("weight").precision, PrecisionType::integer(4));
  EXPECT_EQ(layer.precisions.count("weight"), 0U);
  layer.set_precision("table", PrecisionType::fixed(18, 8));
  EXPECT_EQ(layer.precisions.at("table"), PrecisionType::fixed(18, 8));
  layer.set_precision("result", PrecisionType::fixed(8, 2));
  EXPECT_EQ(layer.precision("result"), PrecisionType::fixed(8, 2));
}

TEST(Layer, MissingPrecisionListsTheSlots) {
  const Layer layer = make_dense();
  const Error error = error_from([&] { layer.precision("table"); });
  EXPECT_EQ(error.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(error.problem(), "no precision for slot 'table'"));
  EXPECT_TRUE(Contains(error.hint(), "slots present: accum, result, weight, bias"));
}

TEST(Layer, ToStringShowsWiringPrecisionsWeightsAttributesAndOptions) {
  Layer layer = make_dense();
  layer.options.trace = true;
  layer.options.reuse_factor = 2;
  layer.options.extra["table_size"] = make_attribute(1024);
  EXPECT_EQ(layer.to_string({{3}}),
            "dense (Dense): input_1[3] -> dense[4] | accum=auto result=fixed<16,6> | "
            "weight[3,4]:fixed<8,3> bias[4]:fixed<8,3> | activation='relu' n_in=3 | "
            "reuse=2 Latency trace table_size=1024");
}

TEST(Layer, ToStringWithoutInputShapesShowsInputNamesOnly) {
  Layer layer("input_1", "InputLayer");
  layer.outputs = {{"input_1", {16}, {}}};
  EXPECT_EQ(layer.to_string(), "input_1 (InputLayer): -> input_1[16] | reuse=1 Latency");
  Layer add("add", "Add");
  add.inputs = {"a", "b c"};
  add.outputs = {{"add", {2}, {}}};
  EXPECT_EQ(add.to_string(), "add (Add): a, 'b c' -> add[2] | reuse=1 Latency");
}

}  // namespace
}  // namespace hlsnn::ir
