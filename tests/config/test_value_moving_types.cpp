// The types of layers that only move values (padding, cropping, upsampling, transpose, reshape)
// through the config and infer_precision: the input's type unless the layer's own config
// (LayerName, LayerType) sets one, and the reference's `Algorithm` key of UpSampling layers.
#include <gtest/gtest.h>

#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/infer_precision.h"

namespace hlsnn::config {
namespace {

using json = nlohmann::ordered_json;

/// in(4, 4, 2) -> pad -> up -> perm -> flat, then Add of flat with itself (a computing layer).
ir::Graph typed_graph(const std::string& config_text) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 4, 4, 2]}},
        {"class_name": "ZeroPadding2D", "config": {"name": "pad", "padding": 1}},
        {"class_name": "UpSampling2D", "config": {"name": "up", "size": [2, 2]}},
        {"class_name": "Permute", "config": {"name": "perm", "dims": [3, 2, 1]}},
        {"class_name": "Flatten", "config": {"name": "flat"}}]}})",
      {}, 2);
  apply_hls_config(json::parse(config_text), graph);
  passes::infer_precision(graph);
  return graph;
}

std::string result_of(const ir::Graph& graph, const std::string& layer) {
  return graph.layer(layer).precision("result").to_config();
}

TEST(ValueMovingTypes, TheModelDefaultDoesNotApplyTheInputsTypeDoes) {
  const ir::Graph graph = typed_graph(R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"in": {"Precision": {"result": "ufixed<8,3>"}}}})");
  for (const char* layer : {"pad", "up", "perm", "flat"}) {
    EXPECT_EQ(result_of(graph, layer), "ufixed<8,3>") << layer;
  }
}

TEST(ValueMovingTypes, ALayersOwnTypeIsKeptAndPassedOn) {
  const ir::Graph graph = typed_graph(R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerType": {"Resize": {"Precision": "fixed<10,4>"}},
      "LayerName": {"perm": {"Precision": {"result": "fixed<6,2,RND,SAT>"}},
                    "pad": {"Precision": {"result": "auto"}}}})");
  EXPECT_EQ(result_of(graph, "pad"), "fixed<16,6>");  // the input's, from the Model default
  EXPECT_EQ(result_of(graph, "up"), "fixed<10,4>");
  EXPECT_EQ(result_of(graph, "perm"), "fixed<6,2,RND,SAT>");
  EXPECT_EQ(result_of(graph, "flat"), "fixed<6,2,RND,SAT>");
}

TEST(ValueMovingTypes, UpSamplingAlgorithmMustBeNearest) {
  const ir::Graph accepted = typed_graph(R"({"LayerName": {"up": {"Algorithm": "nearest"}}})");
  EXPECT_EQ(result_of(accepted, "up"), "fixed<16,6>");
  try {
    typed_graph(R"({"LayerType": {"Resize": {"Algorithm": "bilinear"}}})");
    FAIL() << "bilinear accepted";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("HLSConfig.LayerType.Resize"), std::string::npos) << message;
    EXPECT_NE(message.find("Algorithm \"bilinear\" is not supported"), std::string::npos)
        << message;
    EXPECT_NE(message.find("use nearest"), std::string::npos) << message;
  }
}

TEST(ValueMovingTypes, NameGranularityConfigWritesTheReferencesAlgorithmKey) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 4, 2]}},
        {"class_name": "UpSampling1D", "config": {"name": "up", "size": 2}}]}})",
      {}, 2);
  const json config = make_hls_config(graph, Granularity::kName, "fixed<16,6>", 1, std::nullopt);
  EXPECT_EQ(config["LayerName"]["up"]["Algorithm"], "nearest");
  EXPECT_EQ(config["LayerName"]["up"]["Precision"]["result"], "auto");
  apply_hls_config(config, graph);  // and reads it back
}

}  // namespace
}  // namespace hlsnn::config
