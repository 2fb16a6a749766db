// Issue 15: hostile YAML project configs. An alias cycle recursed until the stack overflowed, a few
// hundred bytes of nested aliases expanded until memory ran out, and `KerasJson: /dev/zero` read
// forever; each is now an hlsnn::Error naming the file and line.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "../ir/error_matchers.h"
#include "cli/project_config_yaml.h"
#include "cli/project_conversion.h"
#include "ir/error.h"

namespace hlsnn::cli {
namespace {

using ir::testing::Contains;
using ir::testing::error_from;

Error config_error(const std::string& yaml) {
  return error_from([&] { parse_project_config(yaml, "/nowhere", "cfg.yml"); });
}

TEST(HostileYaml, AliasCycleIsAnErrorNamingTheLine) {
  const Error error = config_error("KerasH5: m.h5\nHLSConfig: &a\n  Model: *a\n");
  EXPECT_TRUE(Contains(error.problem(), "cycle"));
  EXPECT_TRUE(Contains(error.where(), "cfg.yml:"));
  const Error in_list = error_from([] { yaml_to_json("a: &x [1, [2, *x]]\n", "list.yml"); });
  EXPECT_TRUE(Contains(in_list.problem(), "cycle"));
}

TEST(HostileYaml, AliasBombIsStoppedAtTheNodeLimit) {
  // Nine levels of ten aliases each: 10^9 values from a few hundred bytes.
  std::string yaml = "KerasH5: m.h5\nHLSConfig:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 10; ++level) {
    const std::string previous = "*a" + std::to_string(level - 1);
    yaml += "  a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", " : "") + previous;
    yaml += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const Error error = config_error(yaml);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_TRUE(Contains(error.problem(), "expands to more than 1048576 values"));
  EXPECT_TRUE(Contains(error.where(), "cfg.yml:"));
}

TEST(HostileYaml, DeepNestingIsAnError) {
  const Error flow = config_error("KerasH5: m.h5\nHLSConfig: " + std::string(100000, '[') +
                                  std::string(100000, ']') + "\n");
  EXPECT_TRUE(Contains(flow.where(), "cfg.yml"));
  std::string block = "KerasH5: m.h5\nHLSConfig:\n";
  for (int level = 0; level < 100; ++level) block += std::string(2 * level + 2, ' ') + "k:\n";
  EXPECT_TRUE(Contains(config_error(block).problem(), "deeper than the limit of 64 levels"));
}

TEST(HostileYaml, TextThatIsNotUtf8IsRefused) {
  const Error error = config_error("KerasH5: m.h5\nHLSConfig:\n  Model: \"\xff\xfe\"\n");
  EXPECT_TRUE(Contains(error.problem(), "not UTF-8"));
  EXPECT_TRUE(Contains(error.where(), "cfg.yml:3"));
}

TEST(HostileYaml, OversizedConfigIsRefusedBeforeParsing) {
  const Error error = config_error("KerasH5: m.h5\n#" + std::string(5 << 20, 'x') + "\n");
  EXPECT_TRUE(Contains(error.problem(), "more than the limit of 4 MiB"));
}

TEST(HostileYaml, DevZeroAsModelJsonIsRefusedWithoutReading) {
  const auto directory = std::filesystem::temp_directory_path() / "hlsnn_devzero_yaml";
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "cfg.yml") << "KerasJson: /dev/zero\nKerasH5: m.h5\n";
  const auto start = std::chrono::steady_clock::now();
  const Error error =
      error_from([&] { convert_project(read_project_config(directory / "cfg.yml")); });
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(Contains(error.where(), "/dev/zero"));
  EXPECT_TRUE(Contains(error.problem(), "not a regular file"));
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace hlsnn::cli
