// hls4ml's writer options through the C++ API: a namespace around the generated code, weight
// text files the C simulation reads, the emulation types, testbench data, the project tarball,
// the top function's schedule (also for io_stream designs), and settings refused when converting.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "api/model.h"
#include "ir/error.h"
#include "keras3_json.h"
#include "runtime/process.h"
#include "suite_directory.h"

namespace hlsnn {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

using test::dense_layer;
using test::functional_model;
using test::input_layer;

/// x (40) -> wide (32, relu; 1280 weights, above the constant-table limit) -> out (3).
std::string model_json() {
  const json layers = json::array({input_layer("x", 40), dense_layer("wide", 32, "relu", "x"),
                                   dense_layer("out", 3, "linear", "wide")});
  return functional_model(layers, "x", "out");
}

std::vector<double> ramp(size_t count, double scale) {
  std::vector<double> values(count);
  for (size_t i = 0; i < count; ++i) values[i] = scale * std::sin(0.37 * static_cast<double>(i));
  return values;
}

frontend::WeightsByLayer weights() {
  frontend::WeightsByLayer result;
  result["wide"] = {{"wide/0", {40, 32}, ramp(40 * 32, 0.3)}, {"wide/1", {32}, ramp(32, 0.1)}};
  result["out"] = {{"out/0", {32, 3}, ramp(32 * 3, 0.5)}, {"out/1", {3}, ramp(3, 0.2)}};
  return result;
}

std::string read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

class WriterOptionsTest : public test::SuiteDirectoryTest {
 protected:
  static Model convert(const ConvertSettings& settings, const json& config = json::parse(
                                                            R"({"Model": {"Precision":
                                                            "fixed<18,8>"}})")) {
    return Model::from_keras_json(model_json(), weights(), 3, config, settings);
  }
  /// The ap headers a hand-made C simulation compiles against: the vendor's when installed.
  static std::string ap_types_dir() {
    const std::string vendor = HLSNN_VENDOR_AP_TYPES_DIR;
    return vendor.empty() ? HLSNN_AP_TYPES_DIR : vendor;
  }
  /// Converts with a namespace, weight text files, emulation types and testbench data, checks that
  /// the vendor's C simulation of the project gives hlsnn's outputs and that code using the
  /// emulation types compiles; `ours` gets hlsnn's outputs for `x`.
  static void check_writer_options(const ConvertSettings& base, const std::vector<double>& x,
                                   size_t samples, std::vector<double>& ours) {
    ConvertSettings options = base;
    options.cpp_namespace = "jets";
    options.write_weights_txt = true;
    options.write_emulation_constants = true;
    options.input_data_tb = backend::TestbenchData{};
    for (size_t s = 0; s < samples; ++s) {
      options.input_data_tb->rows.emplace_back(x.begin() + s * 40, x.begin() + (s + 1) * 40);
    }
    Model model = convert(options);
    ours = model.predict({x})[0];
    const fs::path dir = options.output_dir;

    EXPECT_NE(read_file(dir / "firmware" / "myproject.h").find("namespace jets {"),
              std::string::npos);
    EXPECT_NE(read_file(dir / "firmware" / "defines.h").find("using inputs_t = std::tuple<"),
              std::string::npos);
    const std::string weight_text = read_file(dir / "firmware" / "weights" / "wide_weight.txt");
    EXPECT_EQ(std::count(weight_text.begin(), weight_text.end(), ','), 40 * 32 - 1);
    EXPECT_TRUE(fs::exists(dir / "firmware" / "weights" / "wide_weight.bin"));
    EXPECT_TRUE(fs::exists(dir / "tb_data" / "tb_input_features.dat"));

    // The vendor's C simulation, as `csim_design` runs it: the testbench and the top function,
    // weights from the text files, samples from tb_data; then code using the emulation types.
    const runtime::ProcessResult built = runtime::run_process(
        {"g++", "-std=c++17", "-O1", "-I" + (dir / "firmware").string(), "-I" + ap_types_dir(),
         "-DWEIGHTS_DIR=\"" + (dir / "firmware" / "weights").string() + "\"",
         (dir / "myproject_test.cpp").string(), (dir / "firmware" / "myproject.cpp").string(), "-o",
         (dir / "csim").string()});
    ASSERT_EQ(built.exit_code, 0) << built.output;
    const runtime::ProcessResult ran =
        runtime::run_process({"/bin/sh", "-c", "cd '" + dir.string() + "' && ./csim"});
    ASSERT_EQ(ran.exit_code, 0) << ran.output;
    std::istringstream results(read_file(dir / "tb_data" / "csim_results.log"));
    for (size_t k = 0; k < ours.size(); ++k) {
      double value = 0;
      ASSERT_TRUE(results >> value) << "output " << k;
      EXPECT_NEAR(value, ours[k], 1e-5 * std::max(1.0, std::fabs(ours[k]))) << "output " << k;
    }
    std::ofstream(dir / "uses_emulator.cpp")
        << "#include \"myproject.h\"\nvoid run(jets::inputs_t& in, jets::outputs_t& out) {\n"
           "  jets::myproject_emulator(in, out);\n}\n";
    const runtime::ProcessResult emulator_use = runtime::run_process(
        {"g++", "-std=c++17", "-fsyntax-only", "-I" + (dir / "firmware").string(),
         "-I" + ap_types_dir(), (dir / "uses_emulator.cpp").string()});
    EXPECT_EQ(emulator_use.exit_code, 0) << emulator_use.output;
  }
};

TEST_F(WriterOptionsTest, NamespaceWeightFilesAndEmulationTypesWorkInBothSimulations) {
  constexpr size_t kSamples = 3;
  const std::vector<double> x = ramp(40 * kSamples, 2.0);
  std::vector<double> ours;
  check_writer_options(project_settings("namespaced"), x, kSamples, ours);
}

TEST_F(WriterOptionsTest, IoStreamDesignsHonourTheNamespaceAndFirmwareOptions) {
  constexpr size_t kSamples = 3;
  const std::vector<double> x = ramp(40 * kSamples, 2.0);
  ConvertSettings stream = project_settings("namespaced_stream");
  stream.io_type = "io_stream";
  std::vector<double> streamed;
  check_writer_options(stream, x, kSamples, streamed);
  const fs::path dir = stream.output_dir;
  EXPECT_NE(read_file(dir / "firmware" / "myproject.cpp").find("#pragma HLS DATAFLOW"),
            std::string::npos);
  EXPECT_NE(read_file(dir / "firmware" / "myproject.h").find("hls::stream<"), std::string::npos);
  EXPECT_EQ(streamed, convert(project_settings("parallel")).predict({x})[0])
      << "io_stream must compute what io_parallel computes";
}

TEST_F(WriterOptionsTest, WriteTarPacksTheProjectNextToIt) {
  ConvertSettings options = project_settings("packed");
  options.write_tar = true;
  convert(options).write();
  const fs::path archive = root() / "packed.tar.gz";
  ASSERT_TRUE(fs::exists(archive));
  const runtime::ProcessResult listed = runtime::run_process({"tar", "-tzf", archive.string()});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  for (const char* file : {"firmware/myproject.cpp", "firmware/weights/wide_weight.bin",
                           "firmware/nnet_utils/nnet_dense.h", "hlsnn_manifest.json"}) {
    EXPECT_NE(listed.output.find(file), std::string::npos) << listed.output;
  }
}

TEST_F(WriterOptionsTest, TopScheduleFollowsPipelineStyle) {
  const auto top = [](const std::string& name, const json& config) {
    ConvertSettings options = project_settings(name);
    convert(options, config).write();
    return read_file(options.output_dir / "firmware" / "myproject.cpp");
  };
  EXPECT_NE(top("latency", json::parse(R"({"Model": {"Precision": "fixed<18,8>"}})"))
                .find("#pragma HLS PIPELINE\n"),
            std::string::npos);
  EXPECT_NE(top("resource", json::parse(R"({"Model": {"Precision": "fixed<18,8>"},
                "LayerName": {"wide": {"Strategy": "Resource", "ReuseFactor": 4}}})"))
                .find("#pragma HLS DATAFLOW"),
            std::string::npos)
      << "hls4ml's auto style: a Resource layer's loops must not be unrolled by a PIPELINE";
  EXPECT_NE(top("interval", json::parse(R"({"Model": {"Precision": "fixed<18,8>",
                "PipelineStyle": "pipeline", "PipelineInterval": 4}})"))
                .find("#pragma HLS PIPELINE II=4"),
            std::string::npos);
}

TEST_F(WriterOptionsTest, ClockUncertaintyDefaultsToTheBackends) {
  ConvertSettings vitis = project_settings("vitis");
  vitis.backend = "Vitis";
  convert(vitis).write();
  EXPECT_NE(read_file(vitis.output_dir / "build_prj.tcl").find("set_clock_uncertainty {27%}"),
            std::string::npos);
  ConvertSettings given = project_settings("given");
  given.clock_uncertainty = "0.5";
  convert(given).write();
  EXPECT_NE(read_file(given.output_dir / "build_prj.tcl").find("set_clock_uncertainty {0.5}"),
            std::string::npos);
}

TEST_F(WriterOptionsTest, UnsupportedSettingsAreRefusedWhenConverting) {
  const auto convert_error = [](const ConvertSettings& options) -> std::string {
    try {
      convert(options);
    } catch (const Error& error) {
      return error.what();
    }
    return "no error";
  };
  ConvertSettings quartus = project_settings("quartus");
  quartus.backend = "Quartus";
  EXPECT_NE(convert_error(quartus).find("an hls4ml backend) is not supported"), std::string::npos);
  ConvertSettings stream_out = project_settings("tb_stream");
  stream_out.tb_output_stream = "screen";
  EXPECT_NE(convert_error(stream_out).find("use both, stdout or file"), std::string::npos);
  ConvertSettings bad_namespace = project_settings("bad_namespace");
  bad_namespace.cpp_namespace = "nnet";
  Model model = convert(bad_namespace);
  EXPECT_THROW(model.write(), Error);
  EXPECT_FALSE(fs::exists(bad_namespace.output_dir));
}

TEST_F(WriterOptionsTest, TestbenchRowsOfTheWrongLengthAreNamed) {
  ConvertSettings options = project_settings("short_rows");
  options.output_data_tb = backend::TestbenchData{{}, {{1.0, 2.0}}};
  Model model = convert(options);
  try {
    model.write();
    FAIL() << "a 2-value row for 3 outputs was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("outputs sample 0 holds 2 values"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace hlsnn
