#ifndef HLSNN_RUNTIME_PROCESS_H
#define HLSNN_RUNTIME_PROCESS_H

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hlsnn::runtime {

/// What a finished child process left behind.
struct ProcessResult {
  int exit_code = 0;   ///< the exit status, or 128 + signal number when it was killed
  std::string output;  ///< standard output and standard error, interleaved as written
};

/// Receives a child's output while it runs: one or more whole lines per call (a last line
/// without a newline comes when the child ends), so a multi-byte character is never split.
using OutputSink = std::function<void(std::string_view lines)>;

/// Runs `argv` (argv[0] searched on PATH) without a shell, so no argument is ever interpreted,
/// and waits for it; `on_output`, when given, sees the output as it is written (the result still
/// holds all of it). Throws hlsnn::Error when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const OutputSink& on_output = {});

/// The full path of `program` found on PATH (or the path itself when it contains a '/' and is
/// executable); empty when there is none.
std::string find_executable(const std::string& program);

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_PROCESS_H
