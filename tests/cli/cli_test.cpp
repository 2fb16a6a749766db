#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>

#include "api/model.h"
#include "frontend/test_files.h"

namespace hlsnn {
namespace {

namespace fs = std::filesystem;
using frontend::testing::Hdf5Writer;
using frontend::testing::read_bytes;
using frontend::testing::write_bytes;

// Input (4) -> Dense "dense" (3, relu) -> Dense "out" (2), as Keras 2 saves it in an .h5 file.
const char kModelConfig[] = R"({"class_name": "Sequential", "config": {"name": "mlp", "layers": [
  {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 4]}},
  {"class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": "relu"}},
  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "linear"}}]}})";

const char kPrecision[] = "fixed<24,8>";

void write_model_file(const fs::path& path) {
  Hdf5Writer(path)
      .string_attribute("/", "keras_version", "2.14.0")
      .string_attribute("/", "backend", "tensorflow")
      .string_attribute("/", "model_config", kModelConfig)
      .group("/model_weights")
      .string_list_attribute("/model_weights", "layer_names", {"x", "dense", "out"})
      .group("/model_weights/x")
      .empty_list_attribute("/model_weights/x", "weight_names")
      .group("/model_weights/dense")
      .string_list_attribute("/model_weights/dense", "weight_names",
                             {"dense/kernel:0", "dense/bias:0"})
      .float_dataset("/model_weights/dense/dense/kernel:0", {4, 3},
                     {0.5, -0.3, 1, 0.1, 0.5, -1, -0.5, 0.25, 0.7, 1, 0, 0.5})
      .float_dataset("/model_weights/dense/dense/bias:0", {3}, {0.1, 0, -0.2})
      .group("/model_weights/out")
      .string_list_attribute("/model_weights/out", "weight_names", {"out/kernel:0", "out/bias:0"})
      .float_dataset("/model_weights/out/out/kernel:0", {3, 2}, {1, -0.5, 0.3, 0.5, -1, 2})
      .float_dataset("/model_weights/out/out/bias:0", {2}, {0.5, -0.5});
}

struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};

/// Eight samples of four values, not all exactly representable in the model's precision.
std::vector<double> test_inputs() {
  std::vector<double> values;
  for (int i = 0; i < 32; ++i) values.push_back(0.37 * (i % 7) - 1.1 + 0.013 * i);
  return values;
}

/// A version 1.0 .npy file of shape (values / width, width).
template <typename T>
void write_npy(const fs::path& path, const std::vector<T>& values, int width) {
  std::string header = std::string("{'descr': '") + (sizeof(T) == 4 ? "<f4" : "<f8") +
                       "', 'fortran_order': False, 'shape': (" +
                       std::to_string(values.size() / width) + ", " + std::to_string(width) +
                       "), }";
  header += std::string(63 - (10 + header.size()) % 64, ' ') + "\n";
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size());
  bytes += '\0';
  bytes += header;
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  write_bytes(path, bytes);
}

/// The values of a .npy file of element type T (its data is at the end of the file).
template <typename T>
std::vector<T> read_npy_values(const fs::path& path, size_t count) {
  const std::string bytes = read_bytes(path);
  EXPECT_NE(bytes.find(sizeof(T) == 4 ? "'<f4'" : "'<f8'"), std::string::npos) << bytes;
  std::vector<T> values(count);
  std::memcpy(values.data(), bytes.data() + bytes.size() - count * sizeof(T), count * sizeof(T));
  return values;
}

class CliTest : public ::testing::Test {
 protected:
  static fs::path root() {
    static const fs::path path =
        fs::temp_directory_path() / ("hlsnn_cli_test_" + std::to_string(::getpid()));
    return path;
  }

  static fs::path cache_dir() { return fs::temp_directory_path() / "hlsnn_cli_test_cache"; }

  static RunResult run(const std::string& arguments) {
    const std::string command = std::string(HLSNN_CLI_BINARY) + " " + arguments + " >" +
                                (root() / "stdout").string() + " 2>" + (root() / "stderr").string();
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_bytes(root() / "stdout"),
            read_bytes(root() / "stderr")};
  }

  /// The CLI's error contract: a non-zero exit and one line `hlsnn: error: ...` on stderr.
  static std::string expect_one_line_error(const std::string& arguments) {
    const RunResult result = run(arguments);
    EXPECT_NE(result.exit_code, 0) << arguments;
    EXPECT_EQ(result.err.rfind("hlsnn: error: ", 0), 0u) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    return result.err;
  }

  // config -> convert -> compile once for all tests.
  static void SetUpTestSuite() {
    fs::create_directories(root());
    // Shared by the test processes ctest starts, so that only the first compiles the project.
    ::setenv("HLSNN_CACHE_DIR", cache_dir().c_str(), 1);
    write_model_file(root() / "model.h5");
    ASSERT_EQ(run("config -m " + (root() / "model.h5").string() + " -x '" + kPrecision + "' -o " +
                  (root() / "cfg.yml").string())
                  .exit_code,
              0);
    const RunResult converted = run("convert -q -c " + (root() / "cfg.yml").string());
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    const RunResult compiled = run("compile -p " + project_dir().string());
    ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  }
  static void TearDownTestSuite() { fs::remove_all(root()); }

  // OutputDir "my-hls-test" is relative to the config file's folder.
  static fs::path project_dir() { return root() / "my-hls-test"; }

  static Model reference_model() {
    ConvertSettings settings;
    settings.output_dir = root() / "reference";
    settings.cache_dir = cache_dir();
    const nlohmann::ordered_json config = {
        {"Model", {{"Precision", {{"default", kPrecision}}}, {"ReuseFactor", 1}}}};
    return Model::from_keras_file(root() / "model.h5", config, settings);
  }
};

TEST_F(CliTest, ConfigHasTheReferenceKeys) {
  const RunResult result = run("config -m " + (root() / "model.h5").string() + " -g name");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* key : {"KerasH5:", "OutputDir:", "ProjectName:", "Part:", "ClockPeriod:",
                          "IOType:", "Backend:", "HLSConfig:", "LayerName:", "dense:"}) {
    EXPECT_NE(result.out.find(key), std::string::npos) << key << " in\n" << result.out;
  }
  EXPECT_TRUE(fs::exists(project_dir() / "hlsnn_manifest.json"));
}

TEST_F(CliTest, PredictNpyAndCsvEqualTheFacadeBitForBit) {
  const std::vector<double> x = test_inputs();
  Model model = reference_model();
  const std::vector<double> expected = model.predict(std::vector<std::vector<double>>{x})[0];
  ASSERT_NE(expected, std::vector<double>(expected.size(), 0.0));  // a meaningful comparison

  write_npy(root() / "x.npy", x, 4);
  const std::string project = " -p " + project_dir().string();
  ASSERT_EQ(run("predict" + project + " -i " + (root() / "x.npy").string() + " -o " +
                (root() / "y.npy").string())
                .exit_code,
            0);
  EXPECT_EQ(read_npy_values<double>(root() / "y.npy", expected.size()), expected);

  std::ofstream csv(root() / "x.csv");
  csv.precision(17);
  for (size_t i = 0; i < x.size(); ++i) csv << x[i] << ((i + 1) % 4 == 0 ? "\n" : ",");
  csv.close();
  ASSERT_EQ(run("predict" + project + " -i " + (root() / "x.csv").string() + " -o " +
                (root() / "y.csv").string())
                .exit_code,
            0);
  std::ifstream output(root() / "y.csv");
  std::vector<double> from_csv;
  std::string field;
  while (std::getline(output, field, ',')) {
    std::istringstream lines(field);
    for (std::string value; std::getline(lines, value);) from_csv.push_back(std::stod(value));
  }
  EXPECT_EQ(from_csv, expected);

  const std::vector<float> x_float(x.begin(), x.end());
  const std::vector<float> expected_float =
      model.predict(std::vector<TensorView<float>>{{x_float.data(), x_float.size()}})[0];
  write_npy(root() / "xf.npy", x_float, 4);
  ASSERT_EQ(run("predict" + project + " -i " + (root() / "xf.npy").string() + " -o " +
                (root() / "yf.npy").string())
                .exit_code,
            0);
  EXPECT_EQ(read_npy_values<float>(root() / "yf.npy", expected_float.size()), expected_float);
}

TEST_F(CliTest, ConvertsArchitectureJsonWithWeightsFile) {
  write_bytes(root() / "model.json", kModelConfig);
  write_bytes(root() / "json.yml", std::string("KerasJson: model.json\nKerasH5: model.h5\n") +
                                       "OutputDir: json-project\nHLSConfig:\n  Model:\n" +
                                       "    Precision: " + kPrecision + "\n    ReuseFactor: 1\n");
  const RunResult converted = run("convert -c " + (root() / "json.yml").string());
  ASSERT_EQ(converted.exit_code, 0) << converted.err;

  const std::vector<double> x = test_inputs();
  write_npy(root() / "x_json.npy", x, 4);
  ASSERT_EQ(run("predict -p " + (root() / "json-project").string() + " -i " +
                (root() / "x_json.npy").string() + " -o " + (root() / "y_json.npy").string())
                .exit_code,
            0);
  const std::vector<double> expected =
      reference_model().predict(std::vector<std::vector<double>>{x})[0];
  EXPECT_EQ(read_npy_values<double>(root() / "y_json.npy", expected.size()), expected);
}

TEST_F(CliTest, MissingModelFileIsOneLine) {
  const std::string error = expect_one_line_error("config -m " + (root() / "absent.h5").string());
  EXPECT_NE(error.find("absent.h5"), std::string::npos) << error;
}

TEST_F(CliTest, BadYamlIsOneLine) {
  write_bytes(root() / "bad.yml", "KerasH5: [unclosed\n");
  const std::string error = expect_one_line_error("convert -c " + (root() / "bad.yml").string());
  EXPECT_NE(error.find("bad.yml"), std::string::npos) << error;
}

TEST_F(CliTest, UnknownKeyIsNamedWithTheValidOnes) {
  write_bytes(root() / "typo.yml", "KerasH5: model.h5\nOutputDirectory: out\n");
  const std::string error = expect_one_line_error("convert -c " + (root() / "typo.yml").string());
  EXPECT_NE(error.find("OutputDirectory"), std::string::npos) << error;
  EXPECT_NE(error.find("OutputDir,"), std::string::npos) << error;
}

TEST_F(CliTest, WrongInputWidthIsOneLine) {
  write_bytes(root() / "narrow.csv", "1,2,3\n4,5,6\n");
  const std::string error = expect_one_line_error("predict -p " + project_dir().string() + " -i " +
                                                  (root() / "narrow.csv").string() + " -o " +
                                                  (root() / "never.csv").string());
  EXPECT_NE(error.find("(N, 4)"), std::string::npos) << error;
}

TEST_F(CliTest, BuildWithoutVendorToolNamesToolAndVariable) {
  ::setenv("HLSNN_VIVADO_HLS", (root() / "no_such_tool").c_str(), 1);
  const std::string error = expect_one_line_error("build -cs -p " + project_dir().string());
  ::unsetenv("HLSNN_VIVADO_HLS");
  EXPECT_NE(error.find("vivado_hls"), std::string::npos) << error;
  EXPECT_NE(error.find("HLSNN_VIVADO_HLS"), std::string::npos) << error;
}

TEST_F(CliTest, UnknownOptionIsOneLine) { expect_one_line_error("predict --frobnicate"); }

TEST_F(CliTest, HelpWorksForEveryCommand) {
  for (const char* command : {"", "config", "convert", "compile", "predict", "build", "layers"}) {
    const RunResult result = run(std::string(command) + " --help");
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << command << ": " << result.out;
  }
}

TEST_F(CliTest, LayersAndVersion) {
  const RunResult layers = run("layers");
  EXPECT_EQ(layers.exit_code, 0);
  EXPECT_NE(layers.out.find("Dense"), std::string::npos) << layers.out;
  EXPECT_NE(layers.out.find("relu"), std::string::npos) << layers.out;
  const RunResult version = run("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("hlsnn "), std::string::npos) << version.out;
}

}  // namespace
}  // namespace hlsnn
