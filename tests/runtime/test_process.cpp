#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "ir/error.h"
#include "runtime/process.h"

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

TEST(RunProcess, StreamsWholeLinesWhileTheChildRuns) {
  using Clock = std::chrono::steady_clock;
  std::vector<std::pair<std::string, Clock::time_point>> deliveries;
  const ProcessResult result =
      run_process({"sh", "-c", "echo one; sleep 0.5; printf 'two\\nthr'; printf 'ee'"},
                  [&](std::string_view lines) { deliveries.emplace_back(lines, Clock::now()); });
  std::string streamed;
  for (const auto& delivery : deliveries) streamed += delivery.first;
  EXPECT_EQ(streamed, "one\ntwo\nthree");
  EXPECT_EQ(result.output, streamed);
  ASSERT_GE(deliveries.size(), 2u);
  EXPECT_EQ(deliveries.front().first, "one\n");  // shown before the child slept, not at its end
  EXPECT_GE(deliveries.back().second - deliveries.front().second, std::chrono::milliseconds(400));
  EXPECT_EQ(deliveries.back().first.back(), 'e');  // the unterminated last line comes whole
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
