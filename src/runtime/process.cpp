#include "runtime/process.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "ir/error.h"

extern char** environ;

namespace hlsnn::runtime {

namespace {

bool is_executable_file(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

}  // namespace

std::string find_executable(const std::string& program) {
  if (program.empty()) return {};
  if (program.find('/') != std::string::npos) return is_executable_file(program) ? program : "";
  const char* path_variable = std::getenv("PATH");
  std::stringstream directories(path_variable ? path_variable : "/usr/bin:/bin");
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    std::string candidate = (directory.empty() ? "." : directory) + "/" + program;
    if (is_executable_file(candidate)) return candidate;
  }
  return {};
}

ProcessResult run_process(const std::vector<std::string>& argv, const OutputSink& on_output) {
  if (argv.empty()) throw Error("no program to run", "run_process", "pass the program name first");
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) {
    throw Error(std::string("cannot create a pipe: ") + std::strerror(errno), argv[0],
                "check the process's open-file limit");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[1]);

  std::vector<char*> c_argv;
  c_argv.reserve(argv.size() + 1);
  for (const std::string& argument : argv) c_argv.push_back(const_cast<char*>(argument.c_str()));
  c_argv.push_back(nullptr);

  pid_t child = 0;
  const int spawn_status =
      ::posix_spawnp(&child, c_argv[0], &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_ends[1]);
  if (spawn_status != 0) {
    ::close(pipe_ends[0]);
    throw Error(std::string("cannot start '") + argv[0] + "': " + std::strerror(spawn_status),
                argv[0], "install it or put it on PATH");
  }

  ProcessResult result;
  size_t delivered = 0;  // result.output[0, delivered) went to on_output
  char buffer[4096];
  for (;;) {
    const ssize_t count = ::read(pipe_ends[0], buffer, sizeof buffer);
    if (count > 0) {
      result.output.append(buffer, static_cast<size_t>(count));
      const size_t line_end = result.output.rfind('\n');
      if (on_output && line_end != std::string::npos && line_end >= delivered) {
        on_output(std::string_view(result.output).substr(delivered, line_end + 1 - delivered));
        delivered = line_end + 1;
      }
    } else if (count == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(pipe_ends[0]);
  if (on_output && delivered < result.output.size()) {
    on_output(std::string_view(result.output).substr(delivered));
  }

  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace hlsnn::runtime
