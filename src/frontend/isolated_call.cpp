#include "frontend/isolated_call.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>

#include "input/input_file.h"
#include "ir/error.h"

#if defined(__SANITIZE_ADDRESS__)
#define HLSNN_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HLSNN_ADDRESS_SANITIZER 1
#endif
#endif

namespace hlsnn::frontend {
namespace {

// The child's message: 'V' and the value, or 'E' and the error's three parts, each part preceded
// by its length; the whole preceded by its length, so that a child dying while writing is seen.
void append_part(std::string& message, const std::string& part) {
  const uint64_t size = part.size();
  message.append(reinterpret_cast<const char*>(&size), sizeof size);
  message += part;
}

bool take_part(const std::string& message, size_t& at, std::string& part) {
  uint64_t size = 0;
  if (message.size() - at < sizeof size) return false;
  std::memcpy(&size, message.data() + at, sizeof size);
  at += sizeof size;
  if (message.size() - at < size) return false;
  part.assign(message, at, size);
  at += size;
  return true;
}

std::string encode_error(const Error& error) {
  std::string message = "E";
  append_part(message, error.problem());
  append_part(message, error.where());
  append_part(message, error.hint());
  return message;
}

void write_all(int descriptor, const std::string& bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t count = ::write(descriptor, bytes.data() + written, bytes.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return;
    written += static_cast<size_t>(count);
  }
}

#ifndef HLSNN_ADDRESS_SANITIZER
/// The address space the process uses now (/proc/self/statm counts pages).
uint64_t current_address_space() {
  std::ifstream statm("/proc/self/statm");
  uint64_t pages = 0;
  statm >> pages;
  return pages * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

#endif

[[noreturn]] void run_child(const std::function<std::string()>& work, const IsolationLimits& limits,
                            int descriptor) {
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  const auto cpu_seconds = static_cast<rlim_t>(std::ceil(limits.seconds)) + 1;
  const rlimit cpu{cpu_seconds, cpu_seconds};
  ::setrlimit(RLIMIT_CPU, &cpu);
#ifndef HLSNN_ADDRESS_SANITIZER
  const rlim_t address_space = current_address_space() + limits.memory_bytes;
  const rlimit memory{address_space, address_space};
  ::setrlimit(RLIMIT_AS, &memory);
#endif
  std::string message;
  try {
    message = "V" + work();
  } catch (const std::exception& exception) {
    message = encode_error(error_from_exception(exception));
  } catch (...) {
    message = encode_error(Error("the reader failed with an unknown exception"));
  }
  std::string framed;
  append_part(framed, message);
  write_all(descriptor, framed);
  ::_exit(0);
}

std::string signal_name(int signal_number) {
  const char* name = ::sigabbrev_np(signal_number);
  return name == nullptr ? std::to_string(signal_number) : std::string("SIG") + name;
}

/// Reads the child's whole message, or stops at the deadline; returns whether it got to the end.
bool read_until_closed(int descriptor, std::chrono::steady_clock::time_point deadline,
                       std::string& bytes) {
  char buffer[1 << 16];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_descriptor{descriptor, POLLIN, 0};
    const int ready = ::poll(&poll_descriptor, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t count = ::read(descriptor, buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return true;
    bytes.append(buffer, static_cast<size_t>(count));
  }
}

/// Closes both ends of a pipe on every path out.
struct Pipe {
  int ends[2] = {-1, -1};
  ~Pipe() {
    for (int end : ends) {
      if (end >= 0) ::close(end);
    }
  }
  void close(int index) {
    ::close(ends[index]);
    ends[index] = -1;
  }
};

}  // namespace

std::string call_isolated(const std::function<std::string()>& work, const IsolationLimits& limits,
                          const std::string& label, const std::string& hint) {
  Pipe pipe;
  if (::pipe2(pipe.ends, O_CLOEXEC) != 0) {
    throw Error(std::string("cannot start the reader process: ") + std::strerror(errno), label);
  }
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(limits.seconds * 1000));
  const pid_t child = ::fork();
  if (child < 0) {
    throw Error(std::string("cannot start the reader process: ") + std::strerror(errno), label);
  }
  if (child == 0) run_child(work, limits, pipe.ends[1]);
  pipe.close(1);
  std::string bytes;
  const bool finished = read_until_closed(pipe.ends[0], deadline, bytes);
  if (!finished) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  std::string message;
  size_t at = 0;
  const bool complete = take_part(bytes, at, message) && at == bytes.size() && !message.empty();
  if (!finished) {
    throw Error("reading took longer than " + std::to_string(static_cast<int>(limits.seconds)) +
                    " s and was stopped (the file makes the reading library loop)",
                label, hint);
  }
  if (!complete) {
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
      throw Error("reading used more than its CPU time limit and was stopped", label, hint);
    }
    throw Error(WIFSIGNALED(status) ? "the reading library crashed on this file (" +
                                          signal_name(WTERMSIG(status)) + "); hlsnn contained it"
                                    : "the reader process ended without a result",
                label, hint);
  }
  if (message[0] == 'V') return message.substr(1);
  std::string problem;
  std::string where;
  std::string error_hint;
  at = 1;
  if (!take_part(message, at, problem) || !take_part(message, at, where) ||
      !take_part(message, at, error_hint)) {
    throw Error("the reader process sent a malformed result", label, hint);
  }
  throw Error(problem, where, error_hint);
}

}  // namespace hlsnn::frontend
