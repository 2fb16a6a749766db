#include "ir/graph.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "error_matchers.h"

namespace hlsnn::ir {
namespace {

using testing::Contains;
using testing::error_from;

Layer make_layer(const std::string& name, const std::string& layer_class,
                 std::vector<std::string> inputs, Shape shape) {
  Layer layer(name, layer_class);
  layer.inputs = std::move(inputs);
  layer.outputs = {{name, std::move(shape), {}}};
  return layer;
}

/// input_1 -> dense -> dense_relu, the usual shape of a converted MLP.
Graph make_mlp() {
  Graph graph;
  graph.add_layer(make_layer("input_1", "InputLayer", {}, {3}));
  Layer& dense = graph.add_layer(make_layer("dense", "Dense", {"input_1"}, {4}));
  dense.add_weight({"weight", {3, 4}, std::vector<double>(12, 0.25), PrecisionType::fixed(8, 3)});
  graph.add_layer(make_layer("dense_relu", "Activation", {"dense"}, {4}));
  graph.set_inputs({"input_1"});
  graph.set_outputs({"dense_relu"});
  return graph;
}

std::vector<std::string> layer_names(const Graph& graph) {
  std::vector<std::string> names;
  for (const Layer& layer : graph.layers()) {
    names.push_back(layer.name);
  }
  return names;
}

/// The `where` of the error validate() throws.
std::string validate_where(const Graph& graph) {
  return error_from([&] { graph.validate(); }).where();
}

TEST(Graph, AddLayerAppendsInOrder) {
  const Graph graph = make_mlp();
  EXPECT_EQ(layer_names(graph), (std::vector<std::string>{"input_1", "dense", "dense_relu"}));
  EXPECT_EQ(graph.layer_count(), 3U);
  EXPECT_NO_THROW(graph.validate());
}

TEST(Graph, AddLayerRejectsATakenLayerNameSuggestingAFreeOne) {
  Graph graph = make_mlp();
  const Error error = error_from([&] { graph.add_layer(make_layer("dense", "Dense", {}, {1})); });
  EXPECT_EQ(error.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(error.problem(), "the layer name is taken"));
  EXPECT_TRUE(Contains(error.hint(), "e.g. dense_2"));
  EXPECT_EQ(graph.layer_count(), 3U);
}

TEST(Graph, AddLayerRejectsATakenTensorName) {
  Graph graph = make_mlp();
  Layer layer = make_layer("other", "Dense", {"input_1"}, {4});
  layer.outputs[0].name = "dense";
  const Error error = error_from([&] { graph.add_layer(layer); });
  EXPECT_TRUE(
      Contains(error.problem(), "output tensor 'dense' is already produced by layer 'dense'"));
}

TEST(Graph, AddLayerRejectsAnOutputListedTwice) {
  Graph graph;
  Layer layer = make_layer("split", "Split", {}, {4});
  layer.outputs.push_back(layer.outputs[0]);
  EXPECT_TRUE(Contains(error_from([&] { graph.add_layer(layer); }).problem(), "listed twice"));
}

TEST(Graph, FindLayerReturnsNullWhenAbsent) {
  Graph graph = make_mlp();
  EXPECT_EQ(graph.find_layer("dense")->layer_class, "Dense");
  EXPECT_EQ(graph.find_layer("nope"), nullptr);
  EXPECT_EQ(std::as_const(graph).find_layer("nope"), nullptr);
}

TEST(Graph, LayerThrowsListingTheLayers) {
  Graph graph = make_mlp();
  EXPECT_EQ(graph.layer("dense").name, "dense");
  const Error error = error_from([&] { graph.layer("dens"); });
  EXPECT_TRUE(Contains(error.problem(), "no layer named 'dens'"));
  EXPECT_TRUE(Contains(error.hint(), "layers present: input_1, dense, dense_relu"));
}

TEST(Graph, LayerListInErrorsIsCutForLargeGraphs) {
  Graph graph;
  for (int i = 0; i < 30; ++i) {
    graph.add_layer(make_layer("l" + std::to_string(i), "X", {}, {1}));
  }
  const Error error = error_from([&] { graph.layer("missing"); });
  EXPECT_TRUE(Contains(error.hint(), "l19, ... (30 layers)"));
  EXPECT_TRUE(Contains(error_from([] { Graph().layer("x"); }).hint(), "none (the graph is empty)"));
}

TEST(Graph, ProducerAndTensorFindTheProducingLayer) {
  Graph graph = make_mlp();
  EXPECT_EQ(graph.producer("dense")->name, "dense");
  EXPECT_EQ(graph.producer("nope"), nullptr);
  EXPECT_EQ(graph.tensor("dense").shape, (Shape{4}));
  const Error error = error_from([&] { graph.tensor("nope"); });
  EXPECT_TRUE(Contains(error.problem(), "no layer produces tensor 'nope'"));
}

TEST(Graph, ConsumersListsEachConsumingLayerOnceInOrder) {
  Graph graph = make_mlp();
  graph.add_layer(make_layer("square", "Multiply", {"dense", "dense"}, {4}));
  const std::vector<Layer*> consumers = graph.consumers("dense");
  ASSERT_EQ(consumers.size(), 2U);
  EXPECT_EQ(consumers[0]->name, "dense_relu");
  EXPECT_EQ(consumers[1]->name, "square");
  EXPECT_TRUE(std::as_const(graph).consumers("dense_relu").empty());
}

TEST(Graph, InsertAfterRewiresConsumersAndModelOutputs) {
  Graph graph = make_mlp();
  graph.add_layer(make_layer("side", "Activation", {"dense_relu"}, {4}));
  graph.set_outputs({"dense_relu", "side"});
  Layer& linear =
      graph.insert_after("dense_relu", make_layer("scale", "ApplyAlpha", {"junk"}, {4}));
  EXPECT_EQ(linear.inputs, (std::vector<std::string>{"dense_relu"}));
  EXPECT_EQ(layer_names(graph),
            (std::vector<std::string>{"input_1", "dense", "dense_relu", "scale", "side"}));
  EXPECT_EQ(graph.layer("side").inputs, (std::vector<std::string>{"scale"}));
  EXPECT_EQ(graph.outputs(), (std::vector<std::string>{"scale", "side"}));
  EXPECT_NO_THROW(graph.validate());
}

TEST(Graph, InsertAfterKeepsReferencesToOtherLayersValid) {
  Graph graph = make_mlp();
  Layer& dense = graph.layer("dense");
  graph.insert_after("dense", make_layer("dense_linear", "Activation", {}, {4}));
  EXPECT_EQ(&dense, &graph.layer("dense"));
}

TEST(Graph, InsertAfterRejectsBadAnchorsAndLayers) {
  Graph graph = make_mlp();
  EXPECT_TRUE(Contains(
      error_from([&] { graph.insert_after("nope", make_layer("x", "X", {}, {1})); }).problem(),
      "no layer named 'nope'"));
  Layer no_output("x", "X");
  EXPECT_EQ(error_from([&] { graph.insert_after("dense", no_output); }).where(), "layer 'x' (X)");
  EXPECT_TRUE(Contains(error_from([&] {
                         graph.insert_after("dense", make_layer("dense_relu", "X", {}, {1}));
                       }).problem(),
                       "the layer name is taken"));
  graph.layer("dense").outputs.push_back({"second", {1}, {}});
  EXPECT_EQ(error_from([&] { graph.insert_after("dense", make_layer("y", "Y", {}, {1})); }).where(),
            "layer 'dense' (Dense)");
  EXPECT_EQ(graph.layer_count(), 3U);
}

TEST(Graph, RemoveLayerRewiresConsumersToItsInput) {
  Graph graph = make_mlp();
  graph.add_layer(make_layer("softmax", "Softmax", {"dense_relu"}, {4}));
  graph.set_outputs({"softmax"});
  graph.remove_layer("dense_relu");
  EXPECT_EQ(layer_names(graph), (std::vector<std::string>{"input_1", "dense", "softmax"}));
  EXPECT_EQ(graph.layer("softmax").inputs, (std::vector<std::string>{"dense"}));
  EXPECT_NO_THROW(graph.validate());
}

TEST(Graph, RemoveLayerRewiresModelOutputs) {
  Graph graph = make_mlp();
  graph.remove_layer("dense_relu");
  EXPECT_EQ(graph.outputs(), (std::vector<std::string>{"dense"}));
  EXPECT_NO_THROW(graph.validate());
}

TEST(Graph, RemoveLayerRejectsLayersThatAreNotOneInOneOut) {
  Graph graph = make_mlp();
  const Error error = error_from([&] { graph.remove_layer("input_1"); });
  EXPECT_EQ(error.where(), "layer 'input_1' (InputLayer)");
  EXPECT_TRUE(Contains(error.problem(), "0 inputs and 1 outputs"));
  EXPECT_TRUE(Contains(error_from([&] { graph.remove_layer("nope"); }).hint(), "input_1, dense"));
}

TEST(Graph, ReplaceLayerKeepsPositionAndWiring) {
  Graph graph = make_mlp();
  Layer replacement("dense", "DenseBatchnorm");
  replacement.set_attribute("fused", true);
  Layer& placed = graph.replace_layer("dense", replacement);
  EXPECT_EQ(placed.layer_class, "DenseBatchnorm");
  EXPECT_EQ(placed.inputs, (std::vector<std::string>{"input_1"}));
  EXPECT_EQ(placed.output().name, "dense");
  EXPECT_EQ(layer_names(graph), (std::vector<std::string>{"input_1", "dense", "dense_relu"}));
  EXPECT_NO_THROW(graph.validate());
}

TEST(Graph, ReplaceLayerRejectsANameTakenByAnotherLayer) {
  Graph graph = make_mlp();
  const Error error = error_from([&] { graph.replace_layer("dense", Layer("input_1", "Dense")); });
  EXPECT_TRUE(Contains(error.problem(), "the layer name is taken"));
  EXPECT_EQ(graph.layer("dense").layer_class, "Dense");
}

TEST(Graph, UnusedNameAvoidsLayerAndTensorNames) {
  Graph graph = make_mlp();
  EXPECT_EQ(graph.unused_name("dense_linear"), "dense_linear");
  EXPECT_EQ(graph.unused_name("dense"), "dense_2");
  graph.add_layer(make_layer("x", "X", {}, {1})).outputs[0].name = "dense_2";
  EXPECT_EQ(graph.unused_name("dense"), "dense_3");
}

TEST(Graph, TopologicalSortPutsProducersFirstAndKeepsOtherwiseTheOrder) {
  Graph graph;
  graph.add_layer(make_layer("c", "X", {"b"}, {1}));
  graph.add_layer(make_layer("a", "InputLayer", {}, {1}));
  graph.add_layer(make_layer("d", "X", {"a"}, {1}));
  graph.add_layer(make_layer("b", "X", {"a"}, {1}));
  graph.set_inputs({"a"});
  graph.set_outputs({"c", "d"});
  Layer& c = graph.layer("c");
  graph.topological_sort();
  EXPECT_EQ(layer_names(graph), (std::vector<std::string>{"a", "d", "b", "c"}));
  EXPECT_EQ(&c, &graph.layer("c"));
  EXPECT_NO_THROW(graph.validate());
}

TEST(Graph, TopologicalSortNamesTheLayersOfACycle) {
  Graph graph;
  graph.add_layer(make_layer("in", "InputLayer", {}, {1}));
  graph.add_layer(make_layer("a", "Add", {"in", "c"}, {1}));
  graph.add_layer(make_layer("b", "X", {"a"}, {1}));
  graph.add_layer(make_layer("c", "X", {"b"}, {1}));
  const Error error = error_from([&] { graph.topological_sort(); });
  EXPECT_TRUE(Contains(error.problem(), "the graph has a cycle: a -> b -> c -> a"));
  EXPECT_EQ(layer_names(graph), (std::vector<std::string>{"in", "a", "b", "c"}));
}

TEST(Graph, TopologicalSortReportsASelfLoop) {
  Graph graph;
  graph.add_layer(make_layer("a", "X", {"a"}, {1}));
  EXPECT_TRUE(Contains(error_from([&] { graph.topological_sort(); }).problem(), "cycle: a -> a"));
}

TEST(GraphValidate, RequiresLayersInputsAndOutputs) {
  EXPECT_TRUE(Contains(error_from([] { Graph().validate(); }).problem(), "no layers"));
  Graph graph = make_mlp();
  graph.set_inputs({});
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(), "no inputs"));
  graph = make_mlp();
  graph.set_outputs({});
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(), "no outputs"));
}

TEST(GraphValidate, RejectsEmptyOrDuplicateLayerNamesAndEmptyClasses) {
  Graph graph = make_mlp();
  graph.layer("dense_relu").name = "dense";
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(), "used twice"));
  graph = make_mlp();
  graph.layer("dense_relu").name = "";
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(), "empty name"));
  graph = make_mlp();
  graph.layer("dense_relu").layer_class = "";
  EXPECT_EQ(validate_where(graph), "layer 'dense_relu' ('')");
}

TEST(GraphValidate, RejectsLayersWithoutOutputs) {
  Graph graph = make_mlp();
  graph.add_layer(Layer("sink", "X"));
  EXPECT_EQ(validate_where(graph), "layer 'sink' (X)");
}

TEST(GraphValidate, RejectsConsumingATensorNobodyProduces) {
  Graph graph = make_mlp();
  graph.layer("dense_relu").inputs = {"dense_typo"};
  const Error error = error_from([&] { graph.validate(); });
  EXPECT_EQ(error.where(), "layer 'dense_relu' (Activation)");
  EXPECT_TRUE(Contains(error.problem(), "consumes tensor 'dense_typo', which no layer produces"));
}

TEST(GraphValidate, RejectsLayersOutOfOrderPointingToTopologicalSort) {
  Graph graph = make_mlp();
  graph.layer("dense").inputs = {"dense_relu_in"};
  graph.add_layer(make_layer("late", "X", {"input_1"}, {3})).outputs[0].name = "dense_relu_in";
  const Error error = error_from([&] { graph.validate(); });
  EXPECT_EQ(error.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(error.problem(), "before layer 'late' (X) produces it"));
  EXPECT_TRUE(Contains(error.hint(), "topological_sort()"));
}

TEST(GraphValidate, RejectsCycles) {
  Graph graph = make_mlp();
  graph.layer("dense").inputs = {"dense_relu"};
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(),
                       "cycle: dense -> dense_relu -> dense"));
}

TEST(GraphValidate, RejectsEmptyOrDuplicateTensorNames) {
  Graph graph = make_mlp();
  graph.layer("dense_relu").outputs[0].name = "";
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(), "empty name"));
  graph = make_mlp();
  graph.layer("dense_relu").outputs[0].name = "dense";
  graph.set_outputs({"dense"});
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(),
                       "output tensor 'dense' is also produced by layer 'dense' (Dense)"));
}

TEST(GraphValidate, RejectsIncompleteShapes) {
  Graph graph = make_mlp();
  graph.layer("dense").output().shape = {-1, 4};
  const Error error = error_from([&] { graph.validate(); });
  EXPECT_EQ(error.where(), "layer 'dense' (Dense)");
  EXPECT_TRUE(Contains(error.problem(), "incomplete shape [-1,4]"));
}

TEST(GraphValidate, RejectsWeightsThatDoNotFillTheirShape) {
  Graph graph = make_mlp();
  graph.layer("dense").weight("weight").values.pop_back();
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(),
                       "weight 'weight' has 11 values for shape [3,4]"));
}

TEST(GraphValidate, RejectsDuplicateWeightNames) {
  Graph graph = make_mlp();
  graph.layer("dense").weights.push_back(graph.layer("dense").weights[0]);
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(), "appears twice"));
}

TEST(GraphValidate, RejectsAPrecisionSlotShadowedByAWeight) {
  Graph graph = make_mlp();
  graph.layer("dense").precisions["weight"] = PrecisionType::fixed(4, 2);
  const Error error = error_from([&] { graph.validate(); });
  EXPECT_TRUE(Contains(error.problem(), "precision slot 'weight' is shadowed"));
  EXPECT_TRUE(Contains(error.hint(), "set_precision()"));
}

TEST(GraphValidate, RejectsReuseFactorsBelowOne) {
  Graph graph = make_mlp();
  graph.layer("dense").options.reuse_factor = 0;
  EXPECT_EQ(validate_where(graph), "layer 'dense' (Dense)");
}

TEST(GraphValidate, RequiresModelInputsToComeFromInputLayers) {
  Graph graph = make_mlp();
  graph.set_inputs({"dense"});
  EXPECT_TRUE(Contains(error_from([&] { graph.validate(); }).problem(),
                       "model input 'dense' is not produced by an input layer"));
  graph.set_inputs({"nope"});
  EXPECT_EQ(validate_where(graph), "graph inputs");
}

TEST(GraphValidate, RequiresModelOutputsToBeProduced) {
  Graph graph = make_mlp();
  graph.set_outputs({"nope"});
  const Error error = error_from([&] { graph.validate(); });
  EXPECT_EQ(error.where(), "graph outputs");
  EXPECT_TRUE(Contains(error.problem(), "model output 'nope' is not produced by any layer"));
}

TEST(Graph, ToStringPrintsSettingsInputsOutputsAndOneLinePerLayer) {
  Graph graph = make_mlp();
  graph.layer("dense").set_precision("result", PrecisionType::fixed(16, 6));
  graph.layer("dense_relu").set_attribute("activation", "relu");
  EXPECT_EQ(graph.to_string(),
            "graph myproject: Vivado xcvu13p-flga2577-2-e, clock 5 ns (uncertainty '12.5%'), "
            "io_parallel, default precision fixed<16,6>, reuse factor 1, Latency\n"
            "  inputs: input_1[3]\n"
            "  outputs: dense_relu[4]\n"
            "  input_1 (InputLayer): -> input_1[3] | reuse=1 Latency\n"
            "  dense (Dense): input_1[3] -> dense[4] | result=fixed<16,6> | "
            "weight[3,4]:fixed<8,3> | reuse=1 Latency\n"
            "  dense_relu (Activation): dense[4] -> dense_relu[4] | activation='relu' | "
            "reuse=1 Latency\n");
}

TEST(Graph, ToStringShowsBrokenWiringInsteadOfThrowing) {
  Graph graph = make_mlp();
  graph.layer("dense_relu").inputs = {"gone"};
  graph.set_outputs({"gone"});
  const std::string text = graph.to_string();
  EXPECT_TRUE(Contains(text, "outputs: gone[?]"));
  EXPECT_TRUE(Contains(text, "dense_relu (Activation): gone[] ->"));
}

TEST(Graph, CopiesAreDeep) {
  const Graph original = make_mlp();
  Graph copy = original;
  copy.layer("dense").weight("weight").values[0] = 9.0;
  copy.settings().project_name = "other";
  EXPECT_EQ(original.layer("dense").weight("weight").values[0], 0.25);
  EXPECT_EQ(original.settings().project_name, "myproject");
}

}  // namespace
}  // namespace hlsnn::ir
