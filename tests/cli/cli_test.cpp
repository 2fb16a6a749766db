#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "api/model.h"
#include "frontend/keras_file.h"
#include "frontend/test_files.h"
#include "frontend/zip_archive.h"

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

/// An .npz archive, as numpy.savez writes it, of (name, values, width) arrays of shape
/// (values / width, width), deflated as numpy.savez_compressed does.
void write_npz(const fs::path& path,
               const std::vector<std::tuple<std::string, std::vector<double>, int>>& arrays) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr) << error;
  std::vector<std::string> members;
  members.reserve(arrays.size());
  for (const auto& [name, values, width] : arrays) {
    const fs::path scratch = path.string() + ".member";
    write_npy(scratch, values, width);
    members.push_back(read_bytes(scratch));
    fs::remove(scratch);
    zip_source_t* source =
        zip_source_buffer(archive, members.back().data(), members.back().size(), 0);
    ASSERT_GE(zip_file_add(archive, (name + ".npy").c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(archive), 0);
}

/// The values of member `name` of an .npz the CLI wrote (float64, data at the member's end).
std::vector<double> npz_member_values(const fs::path& path, const std::string& name, size_t count) {
  const std::string bytes = frontend::ZipArchive::open(path).read_member(name + ".npy");
  EXPECT_NE(bytes.find("'<f8'"), std::string::npos);
  std::vector<double> values(count);
  std::memcpy(values.data(), bytes.data() + bytes.size() - count * sizeof(double),
              count * sizeof(double));
  return values;
}

TEST_F(CliTest, TraceEqualsTheFacadeBitForBit) {
  const std::vector<double> x = test_inputs();
  Model model = reference_model();
  const TraceResult expected = model.trace(std::vector<TensorView<double>>{{x.data(), x.size()}});
  ASSERT_FALSE(expected.layer_outputs.empty());

  write_npy(root() / "x_trace.npy", x, 4);
  const RunResult traced =
      run("trace -p " + project_dir().string() + " -i " + (root() / "x_trace.npy").string() +
          " -o " + (root() / "trace.npz").string());
  ASSERT_EQ(traced.exit_code, 0) << traced.err;
  for (const auto& [name, values] : expected.layer_outputs) {
    EXPECT_EQ(npz_member_values(root() / "trace.npz", name, values.size()), values) << name;
  }
}

TEST_F(CliTest, PredictTakesAnNpzKeyedByInputName) {
  const std::vector<double> x = test_inputs();
  const std::vector<double> expected =
      reference_model().predict(std::vector<std::vector<double>>{x})[0];
  write_npz(root() / "inputs.npz", {{"x", x, 4}});
  const RunResult predicted =
      run("predict -p " + project_dir().string() + " -i " + (root() / "inputs.npz").string() +
          " -o " + (root() / "y_npz.npy").string());
  ASSERT_EQ(predicted.exit_code, 0) << predicted.err;
  EXPECT_EQ(read_npy_values<double>(root() / "y_npz.npy", expected.size()), expected);

  write_npz(root() / "wrong.npz", {{"other", x, 4}, {"more", x, 4}});
  const std::string error = expect_one_line_error("predict -p " + project_dir().string() + " -i " +
                                                  (root() / "wrong.npz").string() + " -o " +
                                                  (root() / "never.npy").string());
  EXPECT_NE(error.find("no array for input 'x'"), std::string::npos) << error;
}

TEST_F(CliTest, TraceErrorsAreOneLine) {
  write_npy(root() / "x_err.npy", test_inputs(), 4);
  const std::string missing =
      expect_one_line_error("trace -p " + (root() / "absent-project").string() + " -i " +
                            (root() / "x_err.npy").string() + " -o " + (root() / "t.npz").string());
  EXPECT_NE(missing.find("absent-project"), std::string::npos) << missing;
  write_bytes(root() / "garbage.npy", "not numpy at all");
  const std::string bad = expect_one_line_error("trace -p " + project_dir().string() + " -i " +
                                                (root() / "garbage.npy").string() + " -o " +
                                                (root() / "t.npz").string());
  EXPECT_NE(bad.find("garbage.npy"), std::string::npos) << bad;
  const std::string wrong_output =
      expect_one_line_error("trace -p " + project_dir().string() + " -i " +
                            (root() / "x_err.npy").string() + " -o " + (root() / "t.npy").string());
  EXPECT_NE(wrong_output.find(".npz"), std::string::npos) << wrong_output;
}

TEST_F(CliTest, ReportOfAnUnbuiltProjectNamesTheBuildStep) {
  const std::string error = expect_one_line_error("report -p " + project_dir().string());
  EXPECT_NE(error.find("hlsnn build -p " + project_dir().string() + " -s"), std::string::npos)
      << error;
  expect_one_line_error("report -p " + (root() / "absent-project").string());
}

TEST_F(CliTest, ReportPrintsTableAndJson) {
  // The vendor's report files, as a build leaves them, in a converted project.
  const fs::path project = root() / "reported";
  fs::copy(project_dir(), project, fs::copy_options::recursive);
  fs::copy(fs::path(HLSNN_REPORT_TEST_DATA) / "vivado", project,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const RunResult table = run("report -p " + project.string());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("11 cycles (55 ns)"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Pass (Verilog)"), std::string::npos) << table.out;
  const RunResult json_output = run("report --json -p " + project.string());
  ASSERT_EQ(json_output.exit_code, 0) << json_output.err;
  const auto document = nlohmann::json::parse(json_output.out);
  EXPECT_EQ(document["CSynthesisReport"]["WorstLatency"], "11");
  EXPECT_EQ(document["Summary"]["CSynthesis"]["LatencyMaxNs"], 55.0);
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

TEST_F(CliTest, UnknownCommandAndMissingProjectAreOneLine) {
  expect_one_line_error("frobnicate");
  const std::string error = expect_one_line_error("compile -p " + (root() / "nowhere").string());
  EXPECT_NE(error.find("hlsnn convert"), std::string::npos) << error;
}

TEST_F(CliTest, ConfigWrittenIntoAnotherFolderConvertsFromThere) {
  // Issue 15: `config -m dir/m.h5 -o dir/c.yml` wrote KerasH5: dir/m.h5, which convert resolved
  // against the YAML's folder (dir/dir/m.h5).
  fs::create_directories(root() / "elsewhere" / "dir");
  fs::copy_file(root() / "model.h5", root() / "elsewhere" / "dir" / "m.h5",
                fs::copy_options::overwrite_existing);
  const std::string in_elsewhere = "cd " + (root() / "elsewhere").string() + " && ";
  const int configured = std::system((in_elsewhere + HLSNN_CLI_BINARY +
                                      " config -q -m dir/m.h5 -o dir/c.yml -x '" + kPrecision + "'")
                                         .c_str());
  ASSERT_EQ(configured, 0);
  EXPECT_NE(read_bytes(root() / "elsewhere" / "dir" / "c.yml").find("KerasH5: m.h5"),
            std::string::npos);
  const RunResult converted = run("convert -q -c " + (root() / "elsewhere/dir/c.yml").string());
  EXPECT_EQ(converted.exit_code, 0) << converted.err;
  EXPECT_TRUE(fs::exists(root() / "elsewhere" / "dir" / "my-hls-test" / "hlsnn_manifest.json"));
}

TEST_F(CliTest, TraceArchiveNamesMembersSafelyAndKeepsTheLayerNames) {
  // Issue 15: layer names were zip member names as they came ("../x.npy").
  const std::string hostile = "../evil \"name\"";
  std::string model_json = kModelConfig;
  model_json.replace(model_json.find("\"dense\""), 7, nlohmann::json(hostile).dump());
  const frontend::KerasModelFile file = frontend::read_keras_file(root() / "model.h5");
  frontend::WeightsByLayer weights = file.weights_by_layer;
  weights[hostile] = weights["dense"];
  weights.erase("dense");
  ConvertSettings settings;
  settings.output_dir = root() / "hostile-project";
  const nlohmann::ordered_json config = {
      {"Model", {{"Precision", {{"default", kPrecision}}}, {"ReuseFactor", 1}}}};
  Model::from_keras_json(model_json, weights, 2, config, settings).write();
  write_npy(root() / "x_hostile.npy", test_inputs(), 4);
  const RunResult traced =
      run("trace -p " + settings.output_dir.string() + " -i " +
          (root() / "x_hostile.npy").string() + " -o " + (root() / "hostile.npz").string());
  ASSERT_EQ(traced.exit_code, 0) << traced.err;
  const frontend::ZipArchive archive = frontend::ZipArchive::open(root() / "hostile.npz");
  const std::vector<std::string> members = archive.member_names();
  for (const std::string& member : members) {
    EXPECT_EQ(member.find_first_not_of(
                  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."),
              std::string::npos)
        << member;
  }
  EXPECT_NE(std::find(members.begin(), members.end(), "out.npy"), members.end());
  ASSERT_EQ(members.back(), "hlsnn_layer_names.npy");
  const std::string names = archive.read_member("hlsnn_layer_names.npy");
  std::string hostile_utf32;
  for (char c : hostile) hostile_utf32 += std::string(1, c) + std::string(3, '\0');
  EXPECT_NE(names.find(hostile_utf32), std::string::npos);
  EXPECT_FALSE(fs::exists(root() / "evil \"name\".npy"));
}

TEST_F(CliTest, DamagedInputsAreOnePrintableLineWithoutLibraryJargon) {
  write_bytes(root() / "cycle.yml", "KerasH5: model.h5\nHLSConfig: &a\n  Model: *a\n");
  write_bytes(root() / "devzero.yml", "KerasJson: /dev/zero\nKerasH5: model.h5\n");
  write_bytes(root() / "control.yml", "KerasH5: model.h5\n\"\\e[2J\\x07key\": 1\n");
  write_bytes(root() / "absurd.npy",
              std::string("\x93NUMPY\x01\x00\x4e\x00", 10) +
                  "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 4), }");
  fs::create_directories(root() / "badmanifest");
  write_bytes(root() / "badmanifest" / "hlsnn_manifest.json",
              "{\"format_version\": 1e999, " + std::string(100, '[') + "}");
  const std::vector<std::string> cases = {"convert -c " + (root() / "cycle.yml").string(),
                                          "convert -c " + (root() / "devzero.yml").string(),
                                          "convert -c " + (root() / "control.yml").string(),
                                          "predict -p " + project_dir().string() + " -i " +
                                              (root() / "absurd.npy").string() + " -o " +
                                              (root() / "never.npy").string(),
                                          "compile -p " + (root() / "badmanifest").string(),
                                          "config -m /dev/zero",
                                          "config -m " + root().string()};
  for (const std::string& arguments : cases) {
    const std::string error = expect_one_line_error(arguments);
    for (const char* jargon : {"json.exception", "_M_", "stoll", "filesystem error", "std::"}) {
      EXPECT_EQ(error.find(jargon), std::string::npos) << arguments << ": " << error;
    }
    for (size_t i = 0; i + 1 < error.size(); ++i) {
      const auto byte = static_cast<unsigned char>(error[i]);
      EXPECT_TRUE(byte >= 0x20 && byte != 0x7f) << arguments << ": " << error;
    }
  }
}

TEST_F(CliTest, HelpWorksForEveryCommand) {
  for (const char* command :
       {"", "config", "convert", "compile", "predict", "trace", "build", "report", "layers"}) {
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
  EXPECT_NE(layers.out.find("QKeras quantizers:"), std::string::npos) << layers.out;
  // Convolutions and pooling with the options they take.
  EXPECT_NE(layers.out.find("  Conv2D  (filters, kernel_size (1x1: pointwise), padding valid/same"),
            std::string::npos)
      << layers.out;
  EXPECT_NE(layers.out.find("  DepthwiseConv1D  (depth_multiplier,"), std::string::npos);
  EXPECT_NE(layers.out.find("  GlobalAveragePooling2D  (keepdims"), std::string::npos);
  EXPECT_NE(layers.out.find("  UpSampling2D  (size n or (rows, columns); interpolation nearest"),
            std::string::npos)
      << layers.out;
  const RunResult version = run("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("hlsnn "), std::string::npos) << version.out;
}

}  // namespace
}  // namespace hlsnn
