#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "backend/write_project.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/pass_list.h"
#include "reference_model.h"
#include "runtime/emulator.h"

namespace hlsnn::backend {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

/// Keras 3 functional-model JSON, built layer by layer, with deterministic random weights.
class ModelBuilder {
 public:
  std::string input(const std::string& name, std::vector<int64_t> shape) {
    shape.insert(shape.begin(), -1);
    json batch_shape = json::array({nullptr});
    for (size_t i = 1; i < shape.size(); ++i) batch_shape.push_back(shape[i]);
    layers_.push_back({{"class_name", "InputLayer"},
                       {"name", name},
                       {"config", {{"name", name}, {"batch_shape", batch_shape}}},
                       {"inbound_nodes", json::array()}});
    inputs_.push_back(json::array({name, 0, 0}));
    return name;
  }
  std::string layer(const std::string& class_name, const std::string& name, json config,
                    const std::vector<std::string>& inputs,
                    const std::vector<std::vector<int64_t>>& weight_shapes = {},
                    double weight_scale = 1.0) {
    config["name"] = name;
    json tensors = json::array();
    for (const std::string& input : inputs) {
      tensors.push_back(
          {{"class_name", "__keras_tensor__"}, {"config", {{"keras_history", {input, 0, 0}}}}});
    }
    json args = inputs.size() == 1 ? json::array({tensors[0]}) : json::array({tensors});
    layers_.push_back(
        {{"class_name", class_name},
         {"name", name},
         {"config", config},
         {"inbound_nodes", json::array({{{"args", args}, {"kwargs", json::object()}}})}});
    for (size_t k = 0; k < weight_shapes.size(); ++k) {
      frontend::WeightArray array{name + "/" + std::to_string(k), weight_shapes[k], {}};
      int64_t count = 1;
      for (int64_t d : array.shape) count *= d;
      // Positive variances for BatchNormalization's last array.
      const bool positive = class_name == "BatchNormalization" && k == 3;
      std::uniform_real_distribution<double> uniform(positive ? 0.5 : -1.0, positive ? 1.5 : 1.0);
      for (int64_t i = 0; i < count; ++i) array.values.push_back(weight_scale * uniform(random_));
      weights_[name].push_back(std::move(array));
    }
    return name;
  }
  std::string dense(const std::string& name, int64_t n_in, int64_t units, const std::string& input,
                    const std::string& activation = "linear") {
    return layer("Dense", name, {{"units", units}, {"activation", activation}, {"use_bias", true}},
                 {input}, {{n_in, units}, {units}}, 1.0 / std::sqrt(double(n_in)));
  }
  ir::Graph graph(const std::vector<std::string>& outputs, const json& hls_config) {
    json output_layers = json::array();
    for (const std::string& output : outputs) output_layers.push_back({output, 0, 0});
    const json model = {{"module", "keras"},
                        {"class_name", "Functional"},
                        {"config",
                         {{"name", "model"},
                          {"layers", layers_},
                          {"input_layers", inputs_},
                          {"output_layers", output_layers}}}};
    ir::Graph result = frontend::graph_from_keras(model.dump(), weights_, 3);
    passes::run_passes(result, passes::canonicalization_passes());
    config::apply_hls_config(hls_config, result);
    passes::run_passes(result, passes::optimization_passes());
    return result;
  }

 private:
  json layers_ = json::array();
  json inputs_ = json::array();
  frontend::WeightsByLayer weights_;
  std::mt19937_64 random_{20240607};
};

json wide_config() {
  // 24 fractional bits keep three layers of truncated sums well inside 1e-3 of the reference.
  return {{"Model",
           {{"Precision", {{"default", "fixed<40,16>"}}},
            {"ReuseFactor", 1},
            {"Strategy", "Latency"}}}};
}

std::vector<double> random_inputs(int64_t count, unsigned seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(-2.0, 2.0);
  std::vector<double> values(static_cast<size_t>(count));
  for (double& v : values) v = uniform(random);
  return values;
}

std::string read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

class WriteProjectTest : public ::testing::Test {
 protected:
  static fs::path root() {
    static const fs::path path = [] {
      const fs::path dir =
          fs::temp_directory_path() / ("hlsnn_backend_test_" + std::to_string(::getpid()));
      fs::create_directories(dir);
      return dir;
    }();
    return path;
  }
  static void TearDownTestSuite() { fs::remove_all(root()); }

  static WriteOptions write_options() {
    WriteOptions options;
    options.nnet_utils_dir = HLSNN_NNET_UTILS_DIR;
    options.hlsnn_version = "test";
    options.config_json = wide_config().dump(2);
    return options;
  }
  static runtime::EmulatorOptions emulator_options(const fs::path& ap_types, int threads = 1) {
    runtime::EmulatorOptions options;
    options.ap_types_dir = ap_types;
    options.cache_dir = root() / "cache";
    options.flags = {"-std=c++17", "-O1"};
    options.threads = threads;
    return options;
  }
  fs::path write(const ir::Graph& graph, const std::string& name) {
    const fs::path dir = root() / name;
    write_project(graph, dir, write_options());
    return dir;
  }

  struct Run {
    std::vector<std::vector<double>> outputs;
    std::vector<std::vector<double>> traces;
  };
  static Run run(const runtime::Emulator& emulator, const std::vector<std::vector<double>>& x,
                 int64_t samples) {
    const project::Manifest& manifest = emulator.manifest();
    Run result;
    std::vector<const double*> inputs;
    for (const auto& array : x) inputs.push_back(array.data());
    std::vector<double*> outputs;
    std::vector<double*> traces;
    for (const auto& info : manifest.outputs) {
      result.outputs.emplace_back(static_cast<size_t>(samples * info.element_count()));
    }
    for (const auto& info : manifest.traced_layers) {
      result.traces.emplace_back(static_cast<size_t>(samples * info.element_count()));
    }
    for (auto& array : result.outputs) outputs.push_back(array.data());
    for (auto& array : result.traces) traces.push_back(array.data());
    emulator.trace(inputs, outputs, traces, samples);
    return result;
  }

  /// Compiles `dir` with our headers and checks: outputs close to the double reference (per
  /// traced layer, `loose_layers` with a table-sized tolerance), trace consistent with predict,
  /// 1 vs 2 threads identical, and bit-identical outputs with the vendor headers.
  void check_project(const ir::Graph& graph, const fs::path& dir,
                     const std::set<std::string>& loose_layers = {}, bool compare_vendor = true) {
    constexpr int64_t kSamples = 16;
    std::vector<std::vector<double>> x;
    for (size_t i = 0; i < graph.inputs().size(); ++i) {
      const int64_t count = ir::element_count(graph.tensor(graph.inputs()[i]).shape);
      x.push_back(random_inputs(count * kSamples, 7 + static_cast<unsigned>(i)));
    }
    const runtime::Emulator ours(dir, emulator_options(HLSNN_AP_TYPES_DIR));
    const project::Manifest& manifest = ours.manifest();
    const Run result = run(ours, x, kSamples);

    size_t non_input_layers = 0;
    for (const ir::Layer& layer : graph.layers()) non_input_layers += layer.layer_class != "Input";
    ASSERT_EQ(manifest.traced_layers.size(), non_input_layers);

    for (int64_t s = 0; s < kSamples; ++s) {
      std::vector<std::vector<double>> sample;
      for (size_t i = 0; i < x.size(); ++i) {
        const size_t n = x[i].size() / kSamples;
        sample.emplace_back(x[i].begin() + s * n, x[i].begin() + (s + 1) * n);
      }
      const auto reference = testing::reference_outputs(graph, sample);
      for (size_t j = 0; j < manifest.traced_layers.size(); ++j) {
        const auto& info = manifest.traced_layers[j];
        const std::vector<double>& expected = reference.at(info.name);
        const size_t n = static_cast<size_t>(info.element_count());
        for (size_t k = 0; k < n; ++k) {
          const double got = result.traces[j][s * n + k];
          const double tolerance = loose_layers.count(info.name) != 0
                                       ? 0.03
                                       : 1e-3 * std::max(1.0, std::fabs(expected[k]));
          ASSERT_NEAR(got, expected[k], tolerance) << "layer " << info.name << " sample " << s;
        }
      }
    }

    // The last layer producing each output is traced with the same values as the prediction.
    std::vector<std::vector<double>> predicted(manifest.outputs.size());
    std::vector<double*> outputs;
    for (size_t o = 0; o < manifest.outputs.size(); ++o) {
      predicted[o].resize(result.outputs[o].size());
      outputs.push_back(predicted[o].data());
    }
    std::vector<const double*> inputs;
    for (const auto& array : x) inputs.push_back(array.data());
    ours.predict(inputs, outputs, kSamples);
    EXPECT_EQ(predicted, result.outputs);
    for (size_t o = 0; o < manifest.outputs.size(); ++o) {
      for (size_t j = 0; j < manifest.traced_layers.size(); ++j) {
        if (manifest.traced_layers[j].name == manifest.outputs[o].name) {
          EXPECT_EQ(result.traces[j], predicted[o]) << manifest.outputs[o].name;
        }
      }
    }

    const runtime::Emulator two_threads(dir, emulator_options(HLSNN_AP_TYPES_DIR, 2));
    EXPECT_EQ(run(two_threads, x, kSamples).traces, result.traces);

    if (!compare_vendor) return;
    if (std::string(HLSNN_VENDOR_AP_TYPES_DIR).empty()) {
      GTEST_SKIP() << "vendor ap_types (hls4ml wheel in .venv-keras2) not found at configure "
                      "time; the bit-exactness check against them is skipped";
    }
    const runtime::Emulator vendor(dir, emulator_options(HLSNN_VENDOR_AP_TYPES_DIR));
    const Run vendor_result = run(vendor, x, kSamples);
    EXPECT_EQ(vendor_result.outputs, result.outputs);
    EXPECT_EQ(vendor_result.traces, result.traces);
  }
};

TEST_F(WriteProjectTest, MlpWithReluAndSoftmaxMatchesReferenceAndVendorHeaders) {
  ModelBuilder model;
  std::string x = model.input("features", {16});
  x = model.dense("fc1", 16, 64, x, "relu");
  x = model.dense("fc2", 64, 32, x, "relu");
  x = model.dense("fc3", 32, 32, x, "relu");
  x = model.dense("logits", 32, 5, x);
  x = model.layer("Softmax", "probabilities", json::object(), {x});
  // Softmax addresses its tables with the top bits of its input and of the exponentials' sum, so
  // (as in the reference tool) those must be narrow: logits get the usual fixed<16,6>.
  json config = wide_config();
  // Its tables take the usual types too (the wide model default would address them badly).
  const std::string table = "fixed<18,8,RND,SAT>";
  config["LayerName"] = {{"logits", {{"Precision", {{"result", "fixed<16,6>"}}}}},
                         {"probabilities",
                          {{"Precision",
                            {{"exp_table", table},
                             {"inv_table", table},
                             {"inv_inp", table},
                             {"accum", "fixed<18,8>"}}}}}};
  const ir::Graph graph = model.graph({x}, config);
  const fs::path dir = write(graph, "mlp");
  for (const char* file :
       {"firmware/myproject.cpp", "firmware/myproject.h", "firmware/defines.h",
        "firmware/parameters.h", "firmware/nnet_utils/nnet_dense.h",
        "firmware/weights/fc1_weight.h", "myproject_bridge.cpp", "myproject_test.cpp",
        "build_prj.tcl", "hlsnn_config.json", "hlsnn_manifest.json"}) {
    EXPECT_TRUE(fs::exists(dir / file)) << file;
  }
  EXPECT_NE(read_file(dir / "build_prj.tcl").find("set_part {xcvu13p-flga2577-2-e}"),
            std::string::npos);
  check_project(graph, dir, {"logits", "probabilities"});
}

TEST_F(WriteProjectTest, BatchNormAndResourceStrategyMatchReference) {
  ModelBuilder model;
  std::string x = model.input("in", {8});
  x = model.dense("folded", 8, 12, x, "relu");
  x = model.layer("BatchNormalization", "bn", {{"epsilon", 0.001}}, {x}, {{12}, {12}, {12}, {12}});
  x = model.dense("head", 12, 6, x);
  json config = wide_config();
  config["LayerName"] = {{"folded", {{"Strategy", "Resource"}, {"ReuseFactor", 4}}},
                         {"head", {{"Strategy", "Resource"}, {"ReuseFactor", 24}}}};
  const ir::Graph graph = model.graph({x}, config);
  ASSERT_NE(graph.find_layer("bn"), nullptr) << "BN after relu stays a layer";
  check_project(graph, write(graph, "bn_resource"));
}

TEST_F(WriteProjectTest, FunctionalMergesDotAndReshapeMatchReference) {
  ModelBuilder model;
  const std::string in = model.input("in", {8});
  const std::string a = model.dense("a", 8, 8, in);
  const std::string b = model.dense("b", 8, 8, in);
  const std::string sum = model.layer("Add", "sum", json::object(), {a, b});
  const std::string product = model.layer("Multiply", "product", json::object(), {a, b});
  const std::string joined = model.layer("Concatenate", "joined", {{"axis", -1}}, {sum, product});
  const std::string grid = model.layer("Reshape", "grid", {{"target_shape", {4, 4}}}, {joined});
  const std::string flat = model.layer("Flatten", "flat", json::object(), {grid});
  const std::string head = model.dense("head", 16, 3, flat);
  const std::string dot = model.layer("Dot", "similarity", {{"axes", -1}}, {a, b});
  const ir::Graph graph = model.graph({head, dot}, wide_config());
  check_project(graph, write(graph, "functional"));
}

TEST_F(WriteProjectTest, DenseOverMultiDimensionalInputsMatchesReference) {
  // Keras applies Dense to the last axis: the kernel runs on every row, in both strategies, and
  // a BatchNormalization right after it folds in per output channel.
  ModelBuilder model;
  std::string x = model.input("sequence", {3, 5});
  x = model.dense("rows", 5, 4, x);
  x = model.layer("BatchNormalization", "bn", {{"epsilon", 0.001}}, {x}, {{4}, {4}, {4}, {4}});
  x = model.layer("Activation", "act", {{"activation", "relu"}}, {x});
  x = model.dense("resource_rows", 4, 6, x);
  x = model.layer("Reshape", "cube", {{"target_shape", {3, 2, 3}}}, {x});
  x = model.dense("cube_rows", 3, 2, x);
  json config = wide_config();
  // The Dense's result stays `auto`, so the BatchNormalization may fold into it.
  config["LayerName"] = {{"rows", {{"Precision", {{"result", "auto"}}}}},
                         {"resource_rows", {{"Strategy", "Resource"}, {"ReuseFactor", 2}}}};
  const ir::Graph graph = model.graph({x}, config);
  EXPECT_EQ(graph.find_layer("bn"), nullptr) << "BatchNormalization folds into the Dense";
  EXPECT_EQ(graph.layer("cube_rows").output().shape, (ir::Shape{3, 2, 2}));
  const fs::path dir = write(graph, "dense_nd");
  EXPECT_NE(read_file(dir / "firmware" / "myproject.cpp").find("nnet::dense_positions<"),
            std::string::npos);
  check_project(graph, dir);
}

TEST_F(WriteProjectTest, ConvolutionsAndPoolingMatchReferenceAndVendorHeaders) {
  // Every convolution and pooling family, 1-D and 2-D, both strategies, uneven 'same' padding,
  // strides, a depth multiplier, a parallelization factor and a folded BatchNormalization.
  ModelBuilder model;
  const std::string image = model.input("image", {6, 5, 3});
  const auto conv = [&](const std::string& cls, const std::string& name, json config,
                        const std::string& input, std::vector<std::vector<int64_t>> shapes) {
    config.merge_patch({{"activation", "linear"}, {"use_bias", true}});
    return model.layer(cls, name, config, {input}, shapes, 0.3);
  };
  std::string x =
      conv("Conv2D", "conv",
           {{"filters", 4}, {"kernel_size", {3, 2}}, {"strides", {2, 1}}, {"padding", "same"}},
           image, {{3, 2, 3, 4}, {4}});
  x = model.layer("BatchNormalization", "bn", {{"epsilon", 0.001}}, {x}, {{4}, {4}, {4}, {4}});
  x = model.layer("MaxPooling2D", "max",
                  {{"pool_size", {2, 2}}, {"strides", {1, 2}}, {"padding", "same"}}, {x});
  const std::string pointwise = conv(
      "Conv2D", "pointwise", {{"filters", 3}, {"kernel_size", {1, 1}}}, x, {{1, 1, 4, 3}, {3}});
  const std::string depthwise =
      conv("DepthwiseConv2D", "depthwise",
           {{"kernel_size", {2, 2}}, {"depth_multiplier", 2}, {"padding", "same"}}, image,
           {{2, 2, 3, 2}, {6}});
  const std::string separable =
      conv("SeparableConv2D", "separable",
           {{"filters", 5}, {"kernel_size", {3, 3}}, {"depth_multiplier", 1}}, image,
           {{3, 3, 3, 1}, {1, 1, 3, 5}, {5}});
  const std::string average =
      model.layer("AveragePooling2D", "average",
                  {{"pool_size", {3, 3}}, {"strides", {2, 2}}, {"padding", "same"}}, {image});
  const std::string global =
      model.layer("GlobalAveragePooling2D", "global", json::object(), {depthwise});
  const std::string sequence = model.input("sequence", {9, 2});
  std::string y =
      conv("Conv1D", "conv1d", {{"filters", 3}, {"kernel_size", {3}}, {"padding", "causal"}},
           sequence, {{3, 2, 3}, {3}});
  y = model.layer("AveragePooling1D", "average1d",
                  {{"pool_size", {2}}, {"strides", {2}}, {"padding", "same"}}, {y});
  const std::string separable1d =
      conv("SeparableConv1D", "separable1d",
           {{"filters", 2}, {"kernel_size", {2}}, {"depth_multiplier", 2}}, sequence,
           {{2, 2, 2}, {1, 4, 2}, {2}});
  const std::string global1d =
      model.layer("GlobalMaxPooling1D", "global1d", json::object(), {separable1d});
  json config = wide_config();
  config["LayerName"] = {
      {"conv", {{"Precision", {{"result", "auto"}}}, {"ParallelizationFactor", 3}}},
      {"pointwise", {{"Strategy", "Resource"}, {"ReuseFactor", 2}}},
      {"depthwise", {{"Strategy", "Resource"}, {"ReuseFactor", 3}}},
      {"separable", {{"Strategy", "Resource"}, {"ReuseFactor", 3}}},
      {"conv1d", {{"Strategy", "Resource"}, {"ReuseFactor", 2}}}};
  const ir::Graph graph = model.graph({pointwise, separable, average, global, y, global1d}, config);
  EXPECT_EQ(graph.find_layer("bn"), nullptr) << "BatchNormalization folds into the convolution";
  const fs::path dir = write(graph, "convolutions");
  const std::string top = read_file(dir / "firmware" / "myproject.cpp");
  for (const char* call :
       {"nnet::conv<", "nnet::depthwise_conv<", "nnet::separable_conv<", "nnet::pooling<"}) {
    EXPECT_NE(top.find(call), std::string::npos) << call;
  }
  check_project(graph, dir);
}

TEST_F(WriteProjectTest, LargeWeightTablesAreEmbeddedFromBinaryCopies) {
  // 48 x 40 = 1920 weights: above the constant-initialisation limit, so hlsnn's emulation
  // embeds the binary copy and converts it when the library loads (synthesis and any other
  // compiler see the plain constants). The vendor headers' build goes through the same runtime,
  // so it takes the same path with their constructor.
  ModelBuilder model;
  std::string x = model.input("in", {48});
  x = model.dense("wide", 48, 40, x, "relu");
  x = model.dense("wide_resource", 40, 48, x);
  json config = wide_config();
  config["LayerName"] = {{"wide_resource", {{"Strategy", "Resource"}, {"ReuseFactor", 40}}}};
  const ir::Graph graph = model.graph({x}, config);
  const fs::path dir = write(graph, "large_tables");
  for (const char* array : {"wide_weight", "wide_resource_weight"}) {
    const fs::path header = dir / "firmware" / "weights" / (std::string(array) + ".h");
    const std::string text = read_file(header);
    EXPECT_NE(text.find("#if defined(HLSNN_EMULATION)"), std::string::npos) << array;
    EXPECT_NE(text.find(".incbin \\\"weights/" + std::string(array) + ".bin"), std::string::npos)
        << text.substr(0, 1200);
    EXPECT_NE(text.find("#else\nstatic const"), std::string::npos) << array;
    EXPECT_EQ(fs::file_size(dir / "firmware" / "weights" / (std::string(array) + ".bin")),
              1920 * sizeof(double));
  }
  EXPECT_EQ(read_file(dir / "firmware" / "weights" / "wide_bias.h").find("HLSNN_EMULATION"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "firmware" / "weights" / "wide_bias.bin"));
  check_project(graph, dir);

  // The same project built from the C++ literals (what synthesis and every other compiler see,
  // and what the emulation compiled before the binary copies): the same bits. A forced include
  // comes after the command line's -D, so it can take back the runtime's HLSNN_EMULATION; the
  // binary copies are zeroed first, so only the literals can give these values.
  const std::vector<std::vector<double>> samples = {random_inputs(48 * 16, 3)};
  const Run embedded =
      run(runtime::Emulator(dir, emulator_options(HLSNN_AP_TYPES_DIR)), samples, 16);
  for (const char* array : {"wide_weight", "wide_resource_weight"}) {
    std::ofstream(dir / "firmware" / "weights" / (std::string(array) + ".bin"), std::ios::binary)
        << std::string(1920 * sizeof(double), '\0');
  }
  const fs::path literals = dir / "use_literal_tables.h";
  std::ofstream(literals) << "#undef HLSNN_EMULATION\n";
  runtime::EmulatorOptions literal_options = emulator_options(HLSNN_AP_TYPES_DIR);
  literal_options.flags.insert(literal_options.flags.end(), {"-include", literals.string()});
  const Run from_literals = run(runtime::Emulator(dir, literal_options), samples, 16);
  EXPECT_EQ(from_literals.traces, embedded.traces);
  EXPECT_EQ(from_literals.outputs, embedded.outputs);
}

TEST_F(WriteProjectTest, MergesOfThreeAndFourInputsMatchReference) {
  ModelBuilder model;
  const std::string in = model.input("in", {6});
  const std::vector<std::string> three = {model.dense("a", 6, 6, in), model.dense("b", 6, 6, in),
                                          model.dense("c", 6, 6, in)};
  std::vector<std::string> four = three;
  four.push_back(model.dense("d", 6, 6, in));
  std::vector<std::string> outputs;
  for (const char* op : {"Add", "Multiply", "Average", "Maximum", "Minimum"}) {
    outputs.push_back(model.layer(op, std::string(op) + "3", json::object(), three));
    outputs.push_back(model.layer(op, std::string(op) + "4", json::object(), four));
  }
  outputs.push_back(model.layer("Concatenate", "joined", {{"axis", -1}}, three));
  std::vector<std::string> grids;
  for (size_t k = 0; k < 3; ++k) {
    const std::vector<int64_t> shape = {k + 1 == 3 ? int64_t{2} : int64_t{3}, 2};
    const std::string flat = model.dense("g" + std::to_string(k), 6, shape[0] * 2, in);
    grids.push_back(
        model.layer("Reshape", "grid" + std::to_string(k), {{"target_shape", shape}}, {flat}));
  }
  outputs.push_back(model.layer("Concatenate", "stacked", {{"axis", 1}}, grids));
  const ir::Graph graph = model.graph(outputs, wide_config());
  EXPECT_EQ(graph.layer("stacked").output().shape, (ir::Shape{8, 2}));
  check_project(graph, write(graph, "nary_merges"));
}

TEST_F(WriteProjectTest, SubtractOfThreeInputsIsRefused) {
  ModelBuilder model;
  const std::string in = model.input("in", {2});
  try {
    model.graph({model.layer("Subtract", "diff", json::object(), {in, in, in})}, wide_config());
    FAIL() << "Subtract of three inputs was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("exactly two"), std::string::npos) << error.what();
  }
}

TEST_F(WriteProjectTest, EveryActivationMatchesReferenceAndVendorHeaders) {
  ModelBuilder model;
  const std::string in = model.input("in", {8});
  std::vector<std::string> outputs;
  for (const char* activation : {"relu", "sigmoid", "tanh", "softplus", "softsign", "selu",
                                 "hard_sigmoid", "elu", "relu6"}) {
    outputs.push_back(model.layer("Activation", std::string("act_") + activation,
                                  {{"activation", activation}}, {in}));
  }
  outputs.push_back(model.layer("LeakyReLU", "leaky", {{"negative_slope", 0.1}}, {in}));
  outputs.push_back(model.layer("ELU", "elu_layer", {{"alpha", 0.7}}, {in}));
  outputs.push_back(model.layer("ThresholdedReLU", "thresholded", {{"theta", 0.5}}, {in}));
  outputs.push_back(model.layer("PReLU", "prelu", json::object(), {in}, {{8}}));
  const ir::Graph graph = model.graph(outputs, wide_config());
  check_project(graph, write(graph, "activations"),
                {"act_sigmoid", "act_tanh", "act_softplus", "act_softsign", "act_selu", "act_elu",
                 "elu_layer"});
}

TEST_F(WriteProjectTest, HostileLayerNamesNeverReachTheCodeUnescaped) {
  const std::vector<std::string> names = {"a\"; system(\"rm -rf /\"); //",
                                          "line\nbreak",
                                          "end */ comment",
                                          "#include <evil>",
                                          "../../escape",
                                          "N_LAYER_1"};
  ModelBuilder model;
  std::string x = model.input("in\"put", {4});
  x = model.dense(names[0], 4, 4, x);
  for (size_t i = 1; i < names.size(); ++i) {
    x = model.layer("Activation", names[i], {{"activation", "relu"}}, {x});
  }
  const ir::Graph graph = model.graph({x}, wide_config());
  const fs::path dir = write(graph, "hostile");
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    const std::string extension = entry.path().extension().string();
    if (extension != ".cpp" && extension != ".h" && extension != ".tcl") continue;
    // Display names may appear only escaped inside comment lines; code lines never hold them.
    std::istringstream lines(read_file(entry.path()));
    std::string line;
    while (std::getline(lines, line)) {
      const bool comment = line.find_first_not_of(' ') != std::string::npos &&
                           line.compare(line.find_first_not_of(' '), 2, "//") == 0;
      for (const std::string& name : names) {
        if (name == "N_LAYER_1" || (comment && name.find_first_of("\"\n*") == std::string::npos)) {
          continue;  // the macro itself is legitimately there; escaping leaves these as they are
        }
        EXPECT_EQ(line.find(name), std::string::npos) << entry.path() << " holds " << name;
      }
    }
    const std::string text = read_file(entry.path());
    EXPECT_EQ(text.find("system(\"rm"), std::string::npos) << entry.path();
    EXPECT_TRUE(fs::path(entry.path()).lexically_relative(dir).string().find("..") ==
                std::string::npos);
  }
  const runtime::Emulator emulator(dir, emulator_options(HLSNN_AP_TYPES_DIR));
  const std::vector<double> input = {1.0, -2.0, 3.0, 0.5};
  std::vector<double> output(4);
  emulator.predict({input.data()}, {output.data()}, 1);
  EXPECT_EQ(emulator.manifest().traced_layers.back().name, "N_LAYER_1");
  const auto reference = testing::reference_outputs(graph, {input});
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(output[i], reference.at("N_LAYER_1")[i], 1e-3);
}

ir::Graph tiny_graph(const json& config = wide_config()) {
  ModelBuilder model;
  const std::string in = model.input("in", {4});
  return model.graph({model.dense("d", 4, 2, in)}, config);
}

TEST_F(WriteProjectTest, RefusesNonEmptyForeignFolderAndKeepsUnrelatedFilesOnOverwrite) {
  const fs::path dir = root() / "foreign";
  fs::create_directories(dir / "firmware");
  std::ofstream(dir / "notes.txt") << "mine";
  std::ofstream(dir / "firmware" / "keep.h") << "mine too";
  const ir::Graph graph = tiny_graph();
  try {
    write_project(graph, dir, write_options());
    FAIL() << "a foreign folder was written";
  } catch (const Error& error) {
    EXPECT_NE(error.hint().find("overwrite"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(fs::exists(dir / "hlsnn_manifest.json"));
  EXPECT_FALSE(fs::exists(dir / "firmware" / "myproject.cpp"));

  WriteOptions options = write_options();
  options.overwrite = true;
  write_project(graph, dir, options);
  EXPECT_TRUE(fs::exists(dir / "hlsnn_manifest.json"));
  // A rewrite (now an hlsnn project) with other layer names drops stale weights only.
  ModelBuilder other;
  const std::string in = other.input("in", {4});
  write_project(other.graph({other.dense("renamed", 4, 2, in)}, wide_config()), dir,
                write_options());
  EXPECT_FALSE(fs::exists(dir / "firmware" / "weights" / "d_weight.h"));
  EXPECT_TRUE(fs::exists(dir / "firmware" / "weights" / "renamed_weight.h"));
  EXPECT_EQ(read_file(dir / "notes.txt"), "mine");
  EXPECT_EQ(read_file(dir / "firmware" / "keep.h"), "mine too");
}

/// A tensor read twice (a copy), a row-wise Dense, a merge, an aliased Flatten and a Dense over
/// the flattened words, with a model output that other layers also read.
ir::Graph stream_test_graph(ir::IoType io_type) {
  ModelBuilder builder;
  const std::string x = builder.input("x", {4, 6});
  const std::string rows = builder.dense("rows", 6, 5, x, "relu");
  const std::string side = builder.dense("side", 6, 5, x);
  const std::string sum = builder.layer("Add", "sum", json::object(), {rows, side});
  const std::string flat = builder.layer("Flatten", "flat", json::object(), {sum});
  const std::string out = builder.dense("out", 20, 3, flat, "tanh");
  ir::Graph graph = builder.graph({out, sum}, wide_config());
  graph.settings().io_type = io_type;
  return graph;
}

TEST_F(WriteProjectTest, IoStreamDesignIsADataflowRegionWithTheParallelBits) {
  const ir::Graph graph = stream_test_graph(ir::IoType::kStream);
  const fs::path dir = write(graph, "stream");
  const std::string top = read_file(dir / "firmware" / "myproject.cpp");
  EXPECT_NE(top.find("#pragma HLS DATAFLOW"), std::string::npos) << top;
  EXPECT_NE(top.find("#pragma HLS INTERFACE axis port=x,"), std::string::npos) << top;
  EXPECT_NE(top.find("hls::stream<input_t>& x"), std::string::npos) << top;
  EXPECT_NE(top.find("nnet::clone_stream<"), std::string::npos) << top;
  // Default depths: the words of one sample, here 4 rows.
  EXPECT_NE(top.find("#pragma HLS STREAM variable=rows depth=4"), std::string::npos) << top;
  EXPECT_NE(read_file(dir / "firmware" / "defines.h").find("nnet::array<"), std::string::npos);
  const project::Manifest manifest = project::read_manifest(dir);
  EXPECT_EQ(manifest.io_type, "io_stream");
  ASSERT_FALSE(manifest.streams.empty());
  EXPECT_FALSE(manifest.processes.empty());

  check_project(graph, dir, {"out_tanh"});

  // The same bits as the io_parallel design, traces included.
  const ir::Graph parallel_graph = stream_test_graph(ir::IoType::kParallel);
  const runtime::Emulator stream(dir, emulator_options(HLSNN_AP_TYPES_DIR));
  const runtime::Emulator parallel(write(parallel_graph, "stream_as_parallel"),
                                   emulator_options(HLSNN_AP_TYPES_DIR));
  const std::vector<std::vector<double>> x = {random_inputs(24 * 8, 3)};
  const Run streamed = run(stream, x, 8);
  const Run arrays = run(parallel, x, 8);
  EXPECT_EQ(streamed.outputs, arrays.outputs);
  EXPECT_EQ(streamed.traces, arrays.traces);

  // Recorded for the schedule model: each stream written and read once per word.
  const std::vector<runtime::StreamEvent> events = stream.record_stream_events({x[0].data()});
  std::vector<int64_t> writes(manifest.streams.size());
  std::vector<int64_t> reads(manifest.streams.size());
  for (const runtime::StreamEvent& event : events)
    ++(event.is_write ? writes : reads)[event.stream];
  for (size_t s = 0; s < manifest.streams.size(); ++s) {
    EXPECT_EQ(writes[s], manifest.streams[s].words) << manifest.streams[s].name;
    EXPECT_EQ(reads[s], manifest.streams[s].words) << manifest.streams[s].name;
  }
}

TEST_F(WriteProjectTest, VitisScriptUsesTheVitisFlow) {
  ir::Graph graph = tiny_graph();
  graph.settings().backend = ir::Backend::kVitis;
  const fs::path dir = write(graph, "vitis");
  const std::string script = read_file(dir / "build_prj.tcl");
  EXPECT_NE(script.find("-flow_target vivado"), std::string::npos);
  EXPECT_NE(script.find("create_clock -period 5"), std::string::npos);
  // vitis-run passes no script arguments: the steps come from build_opt.tcl, then argv.
  const size_t sourced = script.find("source build_opt.tcl");
  ASSERT_NE(sourced, std::string::npos) << script;
  EXPECT_LT(sourced, script.find("foreach arg $::argv"));
  EXPECT_EQ(read_file(write(tiny_graph(), "vivado") / "build_prj.tcl").find("build_opt.tcl"),
            std::string::npos);
}

}  // namespace
}  // namespace hlsnn::backend
