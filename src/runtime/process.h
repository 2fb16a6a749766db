#ifndef HLSNN_RUNTIME_PROCESS_H
#define HLSNN_RUNTIME_PROCESS_H

#include <string>
#include <vector>

namespace hlsnn::runtime {

/// What a finished child process left behind.
struct ProcessResult {
  int exit_code = 0;   ///< the exit status, or 128 + signal number when it was killed
  std::string output;  ///< standard output and standard error, interleaved as written
};

/// Runs `argv` (argv[0] searched on PATH) without a shell, so no argument is ever interpreted,
/// and waits for it. Throws hlsnn::Error when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv);

/// The full path of `program` found on PATH (or the path itself when it contains a '/' and is
/// executable); empty when there is none.
std::string find_executable(const std::string& program);

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_PROCESS_H
