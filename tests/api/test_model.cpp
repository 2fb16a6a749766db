#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "api/model.h"
#include "ir/error.h"
#include "keras3_json.h"
#include "suite_directory.h"

namespace hlsnn {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

using test::called_on;
using test::dense_layer;
using test::functional_model;
using test::input_layer;

/// A Keras 3 functional model: input (4) -> dense (3, relu) -> out (2, linear).
std::string model_json(const std::string& extra_layer_class = "") {
  json layers = json::array({input_layer("x", 4), dense_layer("dense", 3, "relu", "x"),
                             dense_layer("out", 2, "linear", "dense")});
  std::string output = "out";
  if (!extra_layer_class.empty()) {
    layers.push_back({{"class_name", extra_layer_class},
                      {"name", "odd"},
                      {"config", {{"name", "odd"}}},
                      {"inbound_nodes", called_on("out")}});
    output = "odd";
  }
  return functional_model(layers, "x", output);
}

frontend::WeightsByLayer weights() {
  frontend::WeightsByLayer result;
  result["dense"] = {
      {"dense/0", {4, 3}, {0.5, -0.25, 1, 0.125, 0.5, -1, -0.5, 0.25, 0.75, 1, 0, 0.5}},
      {"dense/1", {3}, {0.125, 0, -0.25}}};
  result["out"] = {{"out/0", {3, 2}, {1, -0.5, 0.25, 0.5, -1, 2}}, {"out/1", {2}, {0.5, -0.5}}};
  return result;
}

/// The same network in plain double arithmetic: every value is exact in fixed<40,16>.
std::vector<double> reference(const std::vector<double>& x) {
  frontend::WeightsByLayer w = weights();
  std::vector<double> hidden(3), out(2);
  for (int j = 0; j < 3; ++j) {
    double sum = w["dense"][1].values[j];
    for (int i = 0; i < 4; ++i) sum += x[i] * w["dense"][0].values[i * 3 + j];
    hidden[j] = sum > 0 ? sum : 0;
  }
  for (int j = 0; j < 2; ++j) {
    double sum = w["out"][1].values[j];
    for (int i = 0; i < 3; ++i) sum += hidden[i] * w["out"][0].values[i * 2 + j];
    out[j] = sum;
  }
  return out;
}

class ModelTest : public test::SuiteDirectoryTest {
 protected:
  static ConvertSettings settings(const std::string& name) {
    ConvertSettings result = project_settings(name);
    result.threads = 2;
    return result;
  }
  static json wide_config() {
    return {{"Model", {{"Precision", {{"default", "fixed<40,16>"}}}, {"ReuseFactor", 1}}}};
  }
};

TEST_F(ModelTest, DefaultConfigIsModelGranularity) {
  const Model model =
      Model::from_keras_json(model_json(), weights(), 3, std::nullopt, settings("default_config"));
  EXPECT_EQ(model.config()["Model"]["Precision"]["default"], "fixed<16,6>");
  EXPECT_FALSE(model.config().contains("LayerName"));
  EXPECT_FALSE(model.compiled());
}

TEST_F(ModelTest, MakeConfigByNameListsEveryLayer) {
  const json config =
      Model::make_config(model_json(), weights(), 3, "name", "fixed<16,6>", 1, std::nullopt);
  EXPECT_TRUE(config["LayerName"].contains("dense"));
  EXPECT_TRUE(config["LayerName"].contains("out"));
}

TEST_F(ModelTest, WriteCompilePredictTrace) {
  Model model = Model::from_keras_json(model_json(), weights(), 3, wide_config(), settings("mlp"));
  model.write();
  EXPECT_TRUE(fs::exists(root() / "mlp" / "build_prj.tcl"));
  model.compile();
  const std::vector<double> x = {0.5, -1, 2, 0.25, 1, 1, -1, -0.5};  // two samples
  const auto outputs = model.predict(std::vector<std::vector<double>>{x});
  ASSERT_EQ(outputs.size(), 1u);
  ASSERT_EQ(outputs[0].size(), 4u);
  for (int s = 0; s < 2; ++s) {
    const std::vector<double> expected =
        reference(std::vector<double>(x.begin() + 4 * s, x.begin() + 4 * s + 4));
    EXPECT_EQ(outputs[0][2 * s], expected[0]);
    EXPECT_EQ(outputs[0][2 * s + 1], expected[1]);
  }

  const std::vector<float> x_float(x.begin(), x.end());
  const auto float_outputs = model.predict(std::vector<TensorView<float>>{{x_float.data(), 8}});
  EXPECT_FLOAT_EQ(float_outputs[0][0], static_cast<float>(outputs[0][0]));

  const TraceResult traced = model.trace({{x.data(), x.size()}});
  std::vector<std::string> names;
  for (const auto& [name, values] : traced.layer_outputs) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"dense", "dense_relu", "out"}));
  EXPECT_EQ(traced.layer_outputs.back().second, outputs[0]);

  // A second model of the same project is compiled from the cache.
  Model again = Model::from_keras_json(model_json(), weights(), 3, wide_config(), settings("mlp"));
  EXPECT_TRUE(again.compile());
}

TEST_F(ModelTest, CompilesAgainstAnotherApTypesFolderKeyedByItsContent) {
  Model model =
      Model::from_keras_json(model_json(), weights(), 3, wide_config(), settings("ap_types"));
  model.compile();
  const std::vector<double> x = {0.5, -1, 2, 0.25};
  const auto ours = model.predict(std::vector<std::vector<double>>{x});

  // A copy of our headers with one extra comment: same results, but a new cache entry.
  const fs::path copy = root() / "other_ap_types";
  fs::copy(settings("unused").hls_dir / "ap_types", copy, fs::copy_options::recursive);
  std::ofstream(copy / "ap_fixed.h", std::ios::app) << "// edited\n";
  EXPECT_FALSE(model.compile(copy));
  EXPECT_EQ(model.settings().ap_types_dir, copy);
  EXPECT_EQ(model.predict(std::vector<std::vector<double>>{x}), ours);
  EXPECT_TRUE(model.compile(copy));

  try {
    model.compile(root() / "no_headers_here");
    FAIL() << "compiled against a folder without headers";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("ap_fixed.h"), std::string::npos) << error.what();
  }
}

TEST_F(ModelTest, WrongInputSizeNamesTheExpectedShape) {
  Model model =
      Model::from_keras_json(model_json(), weights(), 3, wide_config(), settings("sizes"));
  try {
    model.predict(std::vector<std::vector<double>>{{1, 2, 3}});
    FAIL() << "no error for 3 values";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("'x' (N, 4)"), std::string::npos) << error.what();
  }
  EXPECT_THROW(model.predict(std::vector<std::vector<double>>{}), Error);
  EXPECT_THROW(model.predict(std::vector<std::vector<double>>{{1, 2, 3, 4}, {1, 2, 3, 4}}), Error);
}

TEST_F(ModelTest, UnsupportedLayerIsNamed) {
  try {
    Model::from_keras_json(model_json("FancyLayer"), weights(), 3, std::nullopt,
                           settings("unsupported"));
    FAIL() << "no error for FancyLayer";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("FancyLayer"), std::string::npos) << error.what();
  }
}

TEST_F(ModelTest, BuildWithoutVendorToolNamesToolAndVariable) {
  ConvertSettings vitis = settings("build");
  vitis.backend = "Vitis";
  Model model = Model::from_keras_json(model_json(), weights(), 3, std::nullopt, vitis);
  ::setenv("HLSNN_VITIS_HLS", (root() / "no_such_tool").c_str(), 1);
  try {
    model.build(BuildOptions{});
    FAIL() << "build ran without a vendor tool";
  } catch (const Error& error) {
    const std::string text = error.what();
    EXPECT_NE(text.find("vitis_hls"), std::string::npos) << text;
    EXPECT_NE(text.find("HLSNN_VITIS_HLS"), std::string::npos) << text;
  }
  ::unsetenv("HLSNN_VITIS_HLS");
}

}  // namespace
}  // namespace hlsnn
