// A YAML project config (hlsnn config / convert): parsed, its HLSConfig and settings applied to a
// small fixed model as `hlsnn convert` applies them, and the YAML <-> JSON round trip of Python's
// parse_yaml_config / write_yaml_config.

#include "api/model.h"
#include "cli/project_config_yaml.h"
#include "fuzz_common.h"

namespace {

// Input (4) -> Dense "dense" (3, relu) -> Dense "out" (2), as Keras 2 describes it.
const char kModelJson[] = R"({"class_name": "Sequential", "keras_version": "2.14.0", "config": {
  "name": "mlp", "layers": [
  {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 4]}},
  {"class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": "relu"}},
  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "linear"}}]}})";

hlsnn::frontend::WeightsByLayer model_weights() {
  using hlsnn::frontend::WeightArray;
  hlsnn::frontend::WeightsByLayer weights;
  weights["x"] = {};
  weights["dense"] = {WeightArray{"dense/kernel:0", {4, 3}, std::vector<double>(12, 0.25)},
                      WeightArray{"dense/bias:0", {3}, {0.5, -0.5, 0}}};
  weights["out"] = {WeightArray{"out/kernel:0", {3, 2}, std::vector<double>(6, -0.75)},
                    WeightArray{"out/bias:0", {2}, {1, 0}}};
  return weights;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const hlsnn::frontend::WeightsByLayer weights = model_weights();
  const std::string text = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader(
      [&] { hlsnn::cli::json_to_yaml(hlsnn::cli::yaml_to_json(text, "fuzz.yml")); });
  hlsnn::fuzz::run_reader([&] {
    const hlsnn::cli::ProjectConfig config =
        hlsnn::cli::parse_project_config(text, "/nonexistent", "fuzz.yml");
    hlsnn::Model::from_keras_json(kModelJson, weights, 2, config.hls_config, config.settings);
  });
  return 0;
}
