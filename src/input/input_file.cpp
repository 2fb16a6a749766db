#include "input/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ir/error.h"

namespace hlsnn::input {

namespace fs = std::filesystem;

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

[[noreturn]] void fail_to_open(const fs::path& path, int error_number, std::string_view what) {
  const std::string where = path.string();
  if (error_number == ENOENT || error_number == ENOTDIR) {
    throw Error("the file does not exist", where, "check the path and the file name");
  }
  if (error_number == EACCES || error_number == EPERM) {
    throw Error("the file cannot be read (permission denied)", where,
                "check the file's permissions");
  }
  throw Error("cannot open the " + std::string(what) + ": " + std::strerror(error_number), where);
}

void check_kind(const fs::path& path, const struct stat& status, std::string_view what) {
  if (S_ISREG(status.st_mode)) return;
  if (S_ISDIR(status.st_mode)) {
    throw Error("a folder was given where a file is expected (" + std::string(what) + ")",
                path.string(), "pass the file itself");
  }
  throw Error("the path is " + kind_of(status.st_mode) + ", not a regular file; hlsnn reads the " +
                  std::string(what) + " only from regular files",
              path.string(), "save the data to a file and pass that file");
}

/// Closes a file descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int descriptor) : descriptor_(descriptor) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (descriptor_ >= 0) ::close(descriptor_);
  }
  int get() const { return descriptor_; }

 private:
  int descriptor_;
};

}  // namespace

std::string format_bytes(uint64_t bytes) {
  if (bytes < uint64_t{10} * 1024) return std::to_string(bytes) + " bytes";
  const char* units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 5) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, value < 100 ? "%.3g %s" : "%.0f %s", value, units[unit]);
  return text;
}

bool multiply_within(uint64_t& product, uint64_t factor, uint64_t limit) {
  if (factor != 0 && product > limit / factor) return false;
  product *= factor;
  return true;
}

void check_size(uint64_t size, uint64_t max_bytes, std::string_view what,
                const std::string& where) {
  if (size <= max_bytes) return;
  throw Error("the " + std::string(what) + " is " + format_bytes(size) +
                  ", more than the limit of " + format_bytes(max_bytes),
              where,
              "a " + std::string(what) +
                  " this large is damaged or not what hlsnn expects; "
                  "check that the right file was given");
}

uint64_t check_regular_file(const fs::path& path, std::string_view what) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) fail_to_open(path, errno, what);
  check_kind(path, status, what);
  return static_cast<uint64_t>(status.st_size);
}

std::string read_input_file(const fs::path& path, uint64_t max_bytes, std::string_view what) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) fail_to_open(path, errno, what);
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) fail_to_open(path, errno, what);
  check_kind(path, status, what);
  check_size(static_cast<uint64_t>(status.st_size), max_bytes, what, path.string());
  std::string content(static_cast<size_t>(status.st_size), '\0');
  size_t filled = 0;
  while (true) {
    if (filled == content.size()) {
      if (content.size() > max_bytes) check_size(content.size(), max_bytes, what, path.string());
      content.resize(content.size() + 4096);  // the file may have grown since fstat
    }
    const ssize_t count = ::read(file.get(), content.data() + filled, content.size() - filled);
    if (count < 0) {
      if (errno == EINTR) continue;
      throw Error("cannot read the " + std::string(what) + ": " + std::strerror(errno),
                  path.string());
    }
    if (count == 0) break;
    filled += static_cast<size_t>(count);
  }
  content.resize(filled);
  check_size(filled, max_bytes, what, path.string());
  return content;
}

}  // namespace hlsnn::input
