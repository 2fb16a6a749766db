#include "runtime/process.h"

#include <gtest/gtest.h>

#include "ir/error.h"

namespace hlsnn::runtime {
namespace {

TEST(RunProcess, CapturesOutputAndExitCode) {
  const ProcessResult result = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.output.find("out"), std::string::npos);
  EXPECT_NE(result.output.find("err"), std::string::npos);
}

TEST(RunProcess, PassesArgumentsWithoutAShell) {
  const ProcessResult result = run_process({"echo", "$(rm -rf /); `x` 'q'"});
  EXPECT_EQ(result.output, "$(rm -rf /); `x` 'q'\n");
}

TEST(RunProcess, MissingProgramIsAnErrorNamingIt) {
  try {
    run_process({"hlsnn-no-such-program-xyz"});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("hlsnn-no-such-program-xyz"), std::string::npos);
  }
}

TEST(FindExecutable, FindsProgramsOnPathAndNothingElse) {
  EXPECT_FALSE(find_executable("sh").empty());
  EXPECT_TRUE(find_executable("hlsnn-no-such-program-xyz").empty());
  EXPECT_TRUE(find_executable("").empty());
}

}  // namespace
}  // namespace hlsnn::runtime
