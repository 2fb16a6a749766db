#include <gtest/gtest.h>

#include <fstream>

#include "ir/error.h"
#include "project/manifest.h"

namespace hlsnn::project {
namespace {

namespace fs = std::filesystem;

class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("hlsnn_manifest_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static Manifest example() {
    Manifest manifest;
    manifest.hlsnn_version = "0.1.0";
    manifest.project_name = "myproject";
    manifest.backend = "Vivado";
    manifest.io_type = "io_parallel";
    manifest.inputs = {{"input_1", {16}, "ap_fixed<16,6>"}};
    manifest.outputs = {{"dense_2", {5}, "ap_fixed<16,6>"}};
    manifest.traced_layers = {{"dense_1", {4, 8}, "ap_fixed<16,6>"}};
    manifest.emulation_sources = {"firmware/myproject.cpp", "myproject_bridge.cpp"};
    manifest.include_dirs = {"firmware"};
    return manifest;
  }

  void write_text(const std::string& text) { std::ofstream(dir_ / kManifestFileName) << text; }

  std::string read_error() {
    try {
      read_manifest(dir_);
    } catch (const Error& error) {
      return error.what();
    }
    return "no error";
  }

  fs::path dir_;
};

TEST_F(ManifestTest, RoundTripsEveryField) {
  write_manifest(example(), dir_);
  const Manifest read = read_manifest(dir_);
  EXPECT_EQ(read.project_name, "myproject");
  EXPECT_EQ(read.backend, "Vivado");
  EXPECT_EQ(read.io_type, "io_parallel");
  ASSERT_EQ(read.inputs.size(), 1u);
  EXPECT_EQ(read.inputs[0].name, "input_1");
  EXPECT_EQ(read.inputs[0].shape, std::vector<int64_t>{16});
  EXPECT_EQ(read.outputs[0].precision, "ap_fixed<16,6>");
  EXPECT_EQ(read.traced_layers[0].element_count(), 32);
  EXPECT_EQ(read.emulation_sources, example().emulation_sources);
  EXPECT_EQ(read.include_dirs, example().include_dirs);
}

TEST_F(ManifestTest, RoundTripsTheStreamsAndProcessesOfAStreamDesign) {
  Manifest manifest = example();
  manifest.io_type = "io_stream";
  manifest.streams = {{"dense_1", "dense_1", "dense_1", "output dense_2", 4, 8, 0},
                      {"layer0_cpy1", "input_1", "input_1 copy 1", "dense_1", 1, 16, 2}};
  manifest.processes = {{"dense_1", 1, 2, 9}, {"output dense_2", 1, 1, 0}};
  write_manifest(manifest, dir_);
  const Manifest read = read_manifest(dir_);
  ASSERT_EQ(read.streams.size(), 2u);
  EXPECT_EQ(read.streams[1].name, "layer0_cpy1");
  EXPECT_EQ(read.streams[1].producer, "input_1 copy 1");
  EXPECT_EQ(read.streams[1].depth, 2);
  EXPECT_EQ(read.streams[0].words, 4);
  ASSERT_EQ(read.processes.size(), 2u);
  EXPECT_EQ(read.processes[0].write_interval, 2);
  EXPECT_EQ(read.processes[0].latency, 9);
  // io_parallel manifests have neither key.
  write_manifest(example(), dir_);
  EXPECT_TRUE(read_manifest(dir_).streams.empty());
  std::ifstream text(dir_ / kManifestFileName);
  const std::string content((std::istreambuf_iterator<char>(text)), {});
  EXPECT_EQ(content.find("streams"), std::string::npos);
}

TEST_F(ManifestTest, StreamsOutOfRangeAreRefused) {
  Manifest manifest = example();
  manifest.streams = {{"s", "l", "a", "b", 0, 8, 1}};
  manifest.processes = {{"a", 1, 1, 1}};
  write_manifest(manifest, dir_);
  EXPECT_NE(read_error().find("streams[0]."), std::string::npos) << read_error();
  manifest.streams[0].words = 1;
  manifest.processes[0].read_interval = 0;
  write_manifest(manifest, dir_);
  EXPECT_NE(read_error().find("processes[0]."), std::string::npos) << read_error();
}

TEST_F(ManifestTest, MissingManifestSaysThisIsNoProject) {
  EXPECT_NE(read_error().find("no hlsnn project here"), std::string::npos);
}

TEST_F(ManifestTest, MalformedJsonNamesTheFile) {
  write_text("{\"format_version\": 1,");
  const std::string message = read_error();
  EXPECT_NE(message.find(kManifestFileName), std::string::npos) << message;
  EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;
}

TEST_F(ManifestTest, MissingKeyIsNamed) {
  write_text("{\"format_version\": 1, \"hlsnn_version\": \"0.1.0\"}");
  EXPECT_NE(read_error().find("'project_name'"), std::string::npos);
}

TEST_F(ManifestTest, WrongTypeOfANestedKeyIsNamedWithItsPath) {
  write_manifest(example(), dir_);
  std::ifstream in(dir_ / kManifestFileName);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t at = text.find("\"input_1\"");
  text.replace(at, 9, "42");
  write_text(text);
  EXPECT_NE(read_error().find("'inputs[0].name'"), std::string::npos) << read_error();
}

TEST_F(ManifestTest, OtherFormatVersionIsRefused) {
  Manifest manifest = example();
  manifest.format_version = 99;
  write_manifest(manifest, dir_);
  EXPECT_NE(read_error().find("format_version 99"), std::string::npos);
}

TEST_F(ManifestTest, PathsOutsideTheProjectAreRefused) {
  for (const std::string hostile : {"../outside.cpp", "/etc/passwd", "firmware/../../x.cpp"}) {
    Manifest manifest = example();
    manifest.emulation_sources = {hostile};
    write_manifest(manifest, dir_);
    EXPECT_NE(read_error().find("not a path inside the project"), std::string::npos) << hostile;
  }
}

TEST_F(ManifestTest, NonPositiveDimensionsAreRefused) {
  Manifest manifest = example();
  manifest.inputs[0].shape = {4, 0};
  write_manifest(manifest, dir_);
  EXPECT_NE(read_error().find("inputs[0].shape"), std::string::npos);
}

// Issue 15: damaged or hostile manifests. Each of these crashed, escaped or overflowed before.

TEST_F(ManifestTest, DeeplyNestedJsonIsAnErrorNotAStackOverflow) {
  write_text("{\"format_version\": " + std::string(200000, '[') + std::string(200000, ']') + "}");
  const std::string message = read_error();
  EXPECT_NE(message.find("deeper than the limit of 256 levels"), std::string::npos) << message;
  EXPECT_NE(message.find(kManifestFileName), std::string::npos) << message;
}

TEST_F(ManifestTest, ProjectNameThatIsNoIdentifierIsRefused) {
  for (const std::string hostile : {"../x", "/abs/path", "a b", ""}) {
    Manifest manifest = example();
    manifest.project_name = hostile;
    write_manifest(manifest, dir_);
    const std::string message = read_error();
    EXPECT_NE(message.find("project_name"), std::string::npos) << hostile << ": " << message;
    EXPECT_NE(message.find("not a C++ identifier"), std::string::npos) << message;
  }
}

TEST_F(ManifestTest, ShapesBeyondTheLimitsAreRefusedWithoutOverflow) {
  Manifest manifest = example();
  manifest.inputs[0].shape = {1 << 20, 1 << 20};  // 2^40 values per sample
  write_manifest(manifest, dir_);
  EXPECT_NE(read_error().find("more than the limit of 2147483648 values per sample"),
            std::string::npos)
      << read_error();
  write_manifest(example(), dir_);
  std::ifstream in(dir_ / kManifestFileName);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const std::string dimension : {"1.5", "1e300", "18446744073709551615", "-3", "\"4\""}) {
    std::string edited = text;
    const size_t at = edited.find("16", edited.find("\"shape\""));  // inputs[0] comes first
    edited.replace(at, 2, dimension);
    write_text(edited);
    EXPECT_NE(read_error().find("inputs[0].shape"), std::string::npos) << dimension << read_error();
  }
}

TEST_F(ManifestTest, OversizedManifestAndNonRegularFilesAreRefused) {
  write_text(std::string(65 << 20, ' '));
  EXPECT_NE(read_error().find("more than the limit of 64 MiB"), std::string::npos) << read_error();
  fs::remove(dir_ / kManifestFileName);
  fs::create_symlink("/dev/zero", dir_ / kManifestFileName);
  EXPECT_NE(read_error().find("not a regular file"), std::string::npos) << read_error();
}

TEST_F(ManifestTest, SignatureListsEveryTensorWithShapeAndType) {
  EXPECT_EQ(bridge_signature(example()),
            "project myproject\n"
            "input 0: shape (16), type ap_fixed<16,6>\n"
            "output 0: shape (5), type ap_fixed<16,6>\n"
            "traced layer 0: shape (4, 8), type ap_fixed<16,6>\n");
}

}  // namespace
}  // namespace hlsnn::project
