// run_vendor_build with fake vendor tools: shell scripts on PATH that record their working
// directory and arguments, so the exact command line is checked without AMD's tools.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "api/vendor_build.h"
#include "ir/error.h"

namespace hlsnn {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class VendorBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("hlsnn_vendor_build_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(tools_dir());
    fs::create_directories(project());
    const char* path = std::getenv("PATH");
    saved_path_ = path != nullptr ? path : "";
    ::setenv("PATH", tools_dir().c_str(), 1);
    for (const char* variable : kVariables) ::unsetenv(variable);
  }
  void TearDown() override {
    ::setenv("PATH", saved_path_.c_str(), 1);
    for (const char* variable : kVariables) ::unsetenv(variable);
    fs::remove_all(root_);
  }

  fs::path tools_dir() const { return root_ / "tools"; }
  fs::path project() const { return root_ / "my prj"; }

  /// A fake tool that appends "<cwd>|<arg>|<arg>..." to <name>.calls and exits with `status`.
  fs::path add_tool(const std::string& name, int status = 0, const fs::path& dir = {}) {
    const fs::path where = dir.empty() ? tools_dir() : dir;
    fs::create_directories(where);
    const fs::path path = where / name;
    std::ofstream(path) << "#!/bin/sh\nline=\"$PWD\"\nfor a in \"$@\"; do line=\"$line|$a\"; done\n"
                        << "echo \"$line\" >> \"" << (root_ / (name + ".calls")).string()
                        << "\"\necho \"" << name << " says bye\"\nexit " << status << "\n";
    fs::permissions(path, fs::perms::owner_all);
    return path;
  }
  std::string calls(const std::string& name) const { return read_file(root_ / (name + ".calls")); }

  static constexpr const char* kVariables[] = {"HLSNN_VITIS_RUN", "HLSNN_VITIS_HLS",
                                               "HLSNN_VIVADO_HLS"};
  fs::path root_;
  std::string saved_path_;
};

TEST_F(VendorBuildTest, VitisPrefersVitisRunWithStepsInBuildOptTcl) {
  const fs::path vitis_run = add_tool("vitis-run");
  add_tool("vitis_hls");
  BuildOptions steps;
  steps.reset = true;
  steps.cosim = true;
  const BuildResult result = run_vendor_build(project(), true, steps);
  EXPECT_EQ(result.tool, vitis_run.string());
  EXPECT_EQ(calls("vitis-run"), project().string() + "|--mode|hls|--tcl|build_prj.tcl\n");
  EXPECT_FALSE(fs::exists(root_ / "vitis_hls.calls"));
  EXPECT_EQ(read_file(project() / "build_opt.tcl"),
            "array set opt {\n    reset 1\n    csim 1\n    synth 1\n    cosim 1\n"
            "    validation 0\n    export 0\n    vsynth 0\n}\n");
  EXPECT_NE(result.output.find("vitis-run says bye"), std::string::npos);
}

TEST_F(VendorBuildTest, VitisFallsBackToVitisHlsWithScriptArguments) {
  add_tool("vitis_hls");
  run_vendor_build(project(), true, BuildOptions{});
  EXPECT_EQ(calls("vitis_hls"),
            project().string() +
                "|-f|build_prj.tcl|reset=0 csim=1 synth=1 cosim=0 validation=0 export=0 "
                "vsynth=0\n");
}

TEST_F(VendorBuildTest, VivadoRunsVivadoHls) {
  add_tool("vitis-run");
  add_tool("vivado_hls");
  BuildOptions steps;
  steps.export_ip = true;
  run_vendor_build(project(), false, steps);
  EXPECT_EQ(calls("vivado_hls"),
            project().string() +
                "|-f|build_prj.tcl|reset=0 csim=1 synth=1 cosim=0 validation=0 export=1 "
                "vsynth=0\n");
  EXPECT_FALSE(fs::exists(root_ / "vitis-run.calls"));
}

TEST_F(VendorBuildTest, VariableOverridesPath) {
  add_tool("vitis-run");
  const fs::path elsewhere = add_tool("vitis_hls", 0, root_ / "opt");
  ::setenv("HLSNN_VITIS_HLS", elsewhere.c_str(), 1);
  EXPECT_EQ(run_vendor_build(project(), true, BuildOptions{}).tool, elsewhere.string());
  EXPECT_FALSE(fs::exists(root_ / "vitis-run.calls"));
  ::unsetenv("HLSNN_VITIS_HLS");
  const fs::path other_run = add_tool("vitis-run", 0, root_ / "unified");
  ::setenv("HLSNN_VITIS_RUN", other_run.c_str(), 1);
  EXPECT_EQ(run_vendor_build(project(), true, BuildOptions{}).tool, other_run.string());
}

TEST_F(VendorBuildTest, MissingToolsAreAllNamed) {
  try {
    run_vendor_build(project(), true, BuildOptions{});
    FAIL() << "build ran without a vendor tool";
  } catch (const Error& error) {
    const std::string text = error.what();
    for (const char* name : {"vitis-run", "vitis_hls", "HLSNN_VITIS_RUN", "HLSNN_VITIS_HLS"}) {
      EXPECT_NE(text.find(name), std::string::npos) << name << " not in: " << text;
    }
  }
  ::setenv("HLSNN_VIVADO_HLS", (root_ / "nowhere").c_str(), 1);
  try {
    run_vendor_build(project(), false, BuildOptions{});
    FAIL() << "build ran with a vendor tool path that does not exist";
  } catch (const Error& error) {
    const std::string text = error.what();
    EXPECT_NE(text.find("HLSNN_VIVADO_HLS"), std::string::npos) << text;
    EXPECT_NE(text.find("nowhere"), std::string::npos) << text;
  }
}

TEST_F(VendorBuildTest, FailingToolReportsExitCodeAndOutput) {
  add_tool("vitis-run", 3);
  try {
    run_vendor_build(project(), true, BuildOptions{});
    FAIL() << "a failing tool was not reported";
  } catch (const Error& error) {
    const std::string text = error.what();
    EXPECT_NE(text.find("exit code 3"), std::string::npos) << text;
    EXPECT_NE(text.find("vitis-run says bye"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace hlsnn
