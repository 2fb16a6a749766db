#include <gtest/gtest.h>

#include <fstream>
#include <numeric>

#include "ir/error.h"
#include "runtime/emulator.h"

namespace hlsnn::runtime {
namespace {

namespace fs = std::filesystem;

// A small project written by hand against the bridge ABI: y = 2x + kOffset (kOffset from a
// header in the project's include folder), traced layer t = x + 1, and an input of 13 reports
// an error the way a generated bridge reports a dry stream. Its signature is the one
// project::bridge_signature gives for the manifest SetUp writes.
constexpr const char* kBridge = R"(
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include "offset.h"
#define EXPORT extern "C" __attribute__((visibility("default")))
EXPORT int hlsnn_bridge_abi_version() { return 2; }
EXPORT const char* hlsnn_bridge_signature() {
  return "project handmade\n"
         "input 0: shape (3), type ap_fixed<16,6>\n"
         "output 0: shape (3), type ap_fixed<16,6>\n"
         "traced layer 0: shape (3), type ap_fixed<16,6>\n";
}
template <typename T>
static int run(const T* const* in, T* const* out, double* const* trace, int64_t n, char* message,
               size_t size) {
  for (int64_t s = 0; s < n; ++s) {
    for (int i = 0; i < 3; ++i) {
      const T x = in[0][s * 3 + i];
      if (x == 13) { std::snprintf(message, size, "unlucky input in sample"); return 1; }
      out[0][s * 3 + i] = 2 * x + kOffset;
      if (trace) trace[0][s * 3 + i] = x + 1;
    }
  }
  return 0;
}
EXPORT int hlsnn_predict_f64(const double* const* in, double* const* out, int64_t n,
                             char* message, size_t size) {
  return run(in, out, nullptr, n, message, size);
}
EXPORT int hlsnn_predict_f32(const float* const* in, float* const* out, int64_t n,
                             char* message, size_t size) {
  return run(in, out, nullptr, n, message, size);
}
EXPORT int hlsnn_trace_f64(const double* const* in, double* const* out,
                           double* const* layers, int64_t n, char* message, size_t size) {
  return run(in, out, layers, n, message, size);
}
)";

class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            (std::string("hlsnn_emulator_") +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    project_ = root_ / "project";
    fs::remove_all(root_);
    fs::create_directories(project_ / "firmware");
    std::ofstream(project_ / "bridge.cpp") << kBridge;
    std::ofstream(project_ / "firmware" / "offset.h") << "constexpr int kOffset = 5;\n";
    project::Manifest manifest;
    manifest.project_name = "handmade";
    manifest.backend = "Vivado";
    manifest.io_type = "io_parallel";
    manifest.inputs = {{"x", {3}, "ap_fixed<16,6>"}};
    manifest.outputs = {{"y", {3}, "ap_fixed<16,6>"}};
    manifest.traced_layers = {{"t", {3}, "ap_fixed<16,6>"}};
    manifest.emulation_sources = {"bridge.cpp"};
    manifest.include_dirs = {"firmware"};
    project::write_manifest(manifest, project_);
    fs::create_directories(root_ / "no_ap_types");
    options_.ap_types_dir = root_ / "no_ap_types";  // the hand-written bridge needs no ap types
    options_.cache_dir = root_ / "cache";
    options_.flags = {"-std=c++17", "-O1"};
  }
  void TearDown() override { fs::remove_all(root_); }

  /// The manifest SetUp wrote, changed by `edit` and written back, as a user editing it would.
  template <typename Edit>
  void edit_manifest(Edit&& edit) {
    project::Manifest manifest = project::read_manifest(project_);
    edit(manifest);
    project::write_manifest(manifest, project_);
  }

  /// The error constructing an Emulator gives.
  std::string construction_error() {
    try {
      Emulator(project_, options_);
    } catch (const Error& error) {
      return error.what();
    }
    return "no error";
  }

  fs::path root_;
  fs::path project_;
  EmulatorOptions options_;
};

TEST_F(EmulatorTest, PredictsWholeBatchesIdenticallyForAnyThreadCount) {
  const int64_t samples = 1001;
  std::vector<double> x(samples * 3);
  std::iota(x.begin(), x.end(), 14.0);
  std::vector<double> one_thread(x.size());
  std::vector<double> three_threads(x.size());
  options_.threads = 1;
  Emulator(project_, options_).predict({x.data()}, {one_thread.data()}, samples);
  options_.threads = 3;
  const Emulator emulator(project_, options_);
  EXPECT_TRUE(emulator.loaded_from_cache());
  emulator.predict({x.data()}, {three_threads.data()}, samples);
  EXPECT_EQ(one_thread, three_threads);
  for (size_t i = 0; i < x.size(); ++i) ASSERT_EQ(one_thread[i], 2 * x[i] + 5);
}

TEST_F(EmulatorTest, AutomaticThreadCountFollowsTheEnvironmentAtEachCall) {
  options_.threads = 0;
  const Emulator automatic(project_, options_);
  setenv("HLSNN_NUM_THREADS", "3", 1);
  EXPECT_EQ(automatic.thread_count(), 3);
  setenv("HLSNN_NUM_THREADS", "1", 1);
  EXPECT_EQ(automatic.thread_count(), 1);
  options_.threads = 2;
  EXPECT_EQ(Emulator(project_, options_).thread_count(), 2);
  unsetenv("HLSNN_NUM_THREADS");
}

TEST_F(EmulatorTest, PredictsFloatArrays) {
  const std::vector<float> x = {1, 2, 3, 4, 5, 6};
  std::vector<float> y(6);
  Emulator(project_, options_).predict({x.data()}, {y.data()}, 2);
  EXPECT_EQ(y, (std::vector<float>{7, 9, 11, 13, 15, 17}));
}

TEST_F(EmulatorTest, TracesLayerOutputsAlongsideThePrediction) {
  const std::vector<double> x = {1, 2, 3};
  std::vector<double> y(3);
  std::vector<double> t(3);
  Emulator(project_, options_).trace({x.data()}, {y.data()}, {t.data()}, 1);
  EXPECT_EQ(y, (std::vector<double>{7, 9, 11}));
  EXPECT_EQ(t, (std::vector<double>{2, 3, 4}));
}

TEST_F(EmulatorTest, ErrorFromTheEmulatedCodeIsRaisedWithItsMessage) {
  const std::vector<double> x = {1, 2, 3, 13, 0, 0};
  std::vector<double> y(6);
  try {
    Emulator(project_, options_).predict({x.data()}, {y.data()}, 2);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("unlucky input"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("handmade"), std::string::npos);
  }
}

TEST_F(EmulatorTest, WrongNumberOfArraysIsAnError) {
  const std::vector<double> x = {1, 2, 3};
  std::vector<double> y(3);
  const Emulator emulator(project_, options_);
  EXPECT_THROW(emulator.predict({x.data(), x.data()}, {y.data()}, 1), Error);
  EXPECT_THROW(emulator.trace({x.data()}, {y.data()}, {}, 1), Error);
}

TEST_F(EmulatorTest, LibraryOfAnotherAbiVersionIsRefused) {
  std::string bridge = kBridge;
  bridge.replace(bridge.find("return 2; }"), 9, "return 7;");
  std::ofstream(project_ / "bridge.cpp") << bridge;
  try {
    Emulator(project_, options_);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("ABI 7"), std::string::npos) << error.what();
  }
}

TEST_F(EmulatorTest, ManifestThatDisagreesWithTheLibraryIsRefused) {
  // Issue 15: a manifest whose shapes were not the library's made predict read and write past
  // the arrays it sized (heap corruption), or silently drop values on small batches.
  edit_manifest([](project::Manifest& manifest) { manifest.inputs[0].shape = {1}; });
  std::string message = construction_error();
  EXPECT_NE(message.find("does not describe the compiled library"), std::string::npos) << message;
  EXPECT_NE(message.find("input 0: shape (1)"), std::string::npos) << message;
  EXPECT_NE(message.find("input 0: shape (3)"), std::string::npos) << message;
  EXPECT_NE(message.find(project::kManifestFileName), std::string::npos) << message;

  edit_manifest([](project::Manifest& manifest) {
    manifest.inputs[0].shape = {3};
    manifest.traced_layers[0].shape = {3000};
  });
  message = construction_error();
  EXPECT_NE(message.find("traced layer 0: shape (3000)"), std::string::npos) << message;

  edit_manifest([](project::Manifest& manifest) {
    manifest.traced_layers[0].shape = {3};
    manifest.outputs.push_back(manifest.outputs[0]);
  });
  message = construction_error();
  EXPECT_NE(message.find("output 1"), std::string::npos) << message;
}

TEST_F(EmulatorTest, ManifestProjectNameNeverLeavesTheCompileCache) {
  // Issue 15: the manifest's project name named the compiled library's file unchecked.
  std::ifstream in(project_ / project::kManifestFileName);
  const std::string original((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  for (const std::string hostile : {"../escaped", "/tmp/hlsnn_escaped", "a/b"}) {
    std::string text = original;
    const std::string quoted = "\"handmade\"";
    text.replace(text.find(quoted), quoted.size(), "\"" + hostile + "\"");
    std::ofstream(project_ / project::kManifestFileName) << text;
    const std::string message = construction_error();
    EXPECT_NE(message.find("project_name"), std::string::npos) << message;
    EXPECT_NE(message.find("not a C++ identifier"), std::string::npos) << message;
  }
  EXPECT_TRUE(!fs::exists(root_ / "cache") || fs::is_empty(root_ / "cache"));
  for (const fs::directory_entry& entry : fs::directory_iterator(root_)) {
    EXPECT_TRUE(entry.path().filename() == "project" || entry.path().filename() == "cache" ||
                entry.path().filename() == "no_ap_types")
        << entry.path();
  }
}

TEST_F(EmulatorTest, TwoProjectsWithTheSameSymbolsLiveInOneProcess) {
  const fs::path other = root_ / "other";
  fs::copy(project_, other, fs::copy_options::recursive);
  std::ofstream(other / "firmware" / "offset.h") << "constexpr int kOffset = 100;\n";
  const Emulator first(project_, options_);
  const Emulator second(other, options_);
  const std::vector<double> x = {1, 1, 1};
  std::vector<double> y1(3);
  std::vector<double> y2(3);
  first.predict({x.data()}, {y1.data()}, 1);
  second.predict({x.data()}, {y2.data()}, 1);
  EXPECT_EQ(y1[0], 7);
  EXPECT_EQ(y2[0], 102);
}

}  // namespace
}  // namespace hlsnn::runtime
