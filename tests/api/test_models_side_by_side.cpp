// Several models alive in one process, converted, compiled and run in interleaved order: each
// must give exactly what the `hlsnn` command gives for its project in a process of its own. The
// models share their kernels' mangled names (same project name, layer names and data types) and
// differ in their softmax tables, which is where libraries that bind to each other's symbols
// went wrong.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "api/model.h"
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

/// A Keras 3 functional model: input (4) -> `dense` (5 units) -> `scores` (Softmax).
std::string classifier_json() {
  const json layers = json::array({input_layer("x", 4),
                                   dense_layer("dense", 5, "linear", "x"),
                                   {{"class_name", "Softmax"},
                                    {"name", "scores"},
                                    {"config", {{"name", "scores"}, {"axis", -1}}},
                                    {"inbound_nodes", called_on("dense")}}});
  return functional_model(layers, "x", "scores");
}

frontend::WeightsByLayer classifier_weights() {
  frontend::WeightsByLayer result;
  std::vector<double> kernel;
  for (int i = 0; i < 20; ++i) kernel.push_back(((i * 7) % 11 - 5) / 4.0);
  result["dense"] = {{"dense/0", {4, 5}, kernel}, {"dense/1", {5}, {0.5, -0.25, 0, 1, -1}}};
  return result;
}

/// Explicit types everywhere (so that only the tables differ between models) and the given
/// softmax table types, table size and implementation.
json config_with_tables(const std::string& exp_table, const std::string& inv_table,
                        const std::string& inv_input, int table_size,
                        const std::string& implementation) {
  return {{"Model", {{"Precision", {{"default", "fixed<16,6>"}}}, {"ReuseFactor", 1}}},
          {"LayerName",
           {{"dense", {{"Precision", {{"accum", "fixed<24,10>"}, {"result", "fixed<16,8>"}}}}},
            {"scores",
             {{"exp_table_t", exp_table},
              {"inv_table_t", inv_table},
              {"inv_inp_t", inv_input},
              {"table_size", table_size},
              {"implementation", implementation}}}}}};
}

/// 64 samples of 4 values on a 1/32 grid within [-6, 6).
std::vector<double> inputs() {
  std::vector<double> values;
  for (int i = 0; i < 256; ++i) values.push_back(((i * 37) % 384 - 192) / 32.0);
  return values;
}

/// What a shell command prints on stdout.
std::string command_output(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  while (const size_t read = std::fread(buffer, 1, sizeof buffer, pipe))
    output.append(buffer, read);
  ::pclose(pipe);
  return output;
}

class ModelsSideBySideTest : public test::SuiteDirectoryTest {
 protected:
  static ConvertSettings settings(const std::string& folder, const std::string& project) {
    ConvertSettings result = project_settings(folder);
    result.project_name = project;
    result.threads = 2;
    return result;
  }

  static std::vector<double> predict(Model& model) {
    return model.predict(std::vector<std::vector<double>>{inputs()}).at(0);
  }

  /// What `hlsnn predict -p DIR` prints for the project, in a process of its own.
  static std::vector<double> cli_predict(const fs::path& project_dir) {
    const fs::path x = root() / "x.csv";
    const fs::path y = project_dir / "y.csv";
    std::ofstream csv(x);
    const std::vector<double> values = inputs();
    for (size_t i = 0; i < values.size(); ++i) csv << values[i] << ((i + 1) % 4 ? "," : "\n");
    csv.close();
    const std::string command = "HLSNN_CACHE_DIR=" + (root() / "cache").string() + " " +
                                HLSNN_CLI_BINARY + " predict -q -p " + project_dir.string() +
                                " -i " + x.string() + " -o " + y.string();
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream result(y);
    std::vector<double> read;
    std::string cell;
    while (std::getline(result, cell, ',') || !cell.empty()) {
      std::istringstream line(cell);
      double value = 0;
      while (line >> value) read.push_back(value);
      cell.clear();
    }
    return read;
  }
};

TEST_F(ModelsSideBySideTest, EachModelEqualsItsOwnCommandLineRunInAnyOrder) {
  const std::string model_json = classifier_json();
  Model fine = Model::from_keras_json(
      model_json, classifier_weights(), 3,
      config_with_tables("ap_fixed<18,8,AP_RND,AP_SAT>", "ap_fixed<18,8,AP_RND,AP_SAT>",
                         "ap_fixed<18,8,AP_RND,AP_SAT>", 1024, "stable"),
      settings("fine", "myproject"));
  fine.compile();
  const std::vector<double> fine_first = predict(fine);

  // Same project name, layers and data types; coarse tables. Converted while `fine` is loaded.
  Model coarse =
      Model::from_keras_json(model_json, classifier_weights(), 3,
                             config_with_tables("ap_fixed<8,2,AP_TRN,AP_WRAP>", "ap_fixed<10,4>",
                                                "ap_fixed<14,4,AP_RND,AP_SAT>", 256, "stable"),
                             settings("coarse", "myproject"));
  const std::vector<double> coarse_first = predict(coarse);  // compiles on first use

  // Another name and implementation, converted between the others' predictions.
  Model latency =
      Model::from_keras_json(model_json, classifier_weights(), 3,
                             config_with_tables("ap_fixed<12,4>", "ap_fixed<14,6>",
                                                "ap_fixed<18,4,AP_RND,AP_SAT>", 512, "latency"),
                             settings("latency", "other_project"));
  EXPECT_EQ(predict(fine), fine_first);
  latency.compile();
  const std::vector<double> latency_first = predict(latency);
  EXPECT_EQ(predict(coarse), coarse_first);

  EXPECT_NE(fine_first, coarse_first) << "the tables must give different numbers";
  EXPECT_NE(fine_first, latency_first);
  EXPECT_EQ(fine_first, cli_predict(root() / "fine"));
  EXPECT_EQ(coarse_first, cli_predict(root() / "coarse"));
  EXPECT_EQ(latency_first, cli_predict(root() / "latency"));

  // Each compiled library exports the bridge ABI and nothing else, and no GNU-unique symbol
  // (`u` in nm's listing) that the dynamic linker would merge across libraries.
  int libraries = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(root() / "cache")) {
    if (entry.path().extension() != ".so") continue;
    ++libraries;
    EXPECT_EQ(command_output("nm -D --defined-only --format=just-symbols " + entry.path().string() +
                             " | sort"),
              "hlsnn_bridge_abi_version\nhlsnn_bridge_signature\nhlsnn_predict_f32\n"
              "hlsnn_predict_f64\nhlsnn_trace_f64\n")
        << entry.path();
    EXPECT_EQ(command_output("nm " + entry.path().string() + " | grep -c ' u ' || true"), "0\n")
        << entry.path();
  }
  EXPECT_EQ(libraries, 3);
}

}  // namespace
}  // namespace hlsnn
