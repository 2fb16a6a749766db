// The working directory of a C++ API test: its projects and their emulation cache.
#ifndef HLSNN_TESTS_API_SUITE_DIRECTORY_H
#define HLSNN_TESTS_API_SUITE_DIRECTORY_H

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "api/model.h"

namespace hlsnn::test {

/// A fixture whose tests write their projects under a directory named after the suite and the
/// process (ctest runs each test in a process of its own, several at once), removed after the
/// suite; the models of one process share its emulation cache.
class SuiteDirectoryTest : public ::testing::Test {
 protected:
  /// <temp>/hlsnn_<suite>_<pid>, created on first use.
  static std::filesystem::path root() {
    const std::string suite = ::testing::UnitTest::GetInstance()->current_test_suite()->name();
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("hlsnn_" + suite + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path;
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(root()); }

  /// Settings that write the project into root()/`folder`, with the shared cache.
  static ConvertSettings project_settings(const std::string& folder) {
    ConvertSettings result;
    result.output_dir = root() / folder;
    result.cache_dir = root() / "cache";
    return result;
  }
};

}  // namespace hlsnn::test

#endif  // HLSNN_TESTS_API_SUITE_DIRECTORY_H
