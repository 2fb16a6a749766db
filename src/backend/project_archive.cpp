#include "backend/project_archive.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBlock = 512;

/// `value` as a zero-padded octal field of `width` bytes (the last one NUL), as ustar wants.
void put_octal(char* field, size_t width, unsigned long long value) {
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), value);
}

/// One ustar header block for a regular file: the path split into prefix and name at a '/'.
std::array<char, kBlock> file_header(const std::string& path, unsigned long long size) {
  std::array<char, kBlock> header{};
  std::string prefix;
  std::string name = path;
  if (name.size() > 100) {
    const size_t split = path.rfind('/', 155);
    if (split == std::string::npos || path.size() - split - 1 > 100) {
      throw Error("the path " + ir::single_quoted(path) + " is too long for a tar archive",
                  "write_tar", "use shorter layer or project names");
    }
    prefix = path.substr(0, split);
    name = path.substr(split + 1);
  }
  std::memcpy(header.data(), name.data(), name.size());
  put_octal(&header[100], 8, 0644);  // mode
  put_octal(&header[108], 8, 0);     // uid
  put_octal(&header[116], 8, 0);     // gid
  put_octal(&header[124], 12, size);
  put_octal(&header[136], 12, 0);  // mtime: 0, so that equal projects give equal archives
  header[156] = '0';               // regular file
  std::memcpy(&header[257], "ustar", 6);
  std::memcpy(&header[263], "00", 2);
  std::memcpy(&header[345], prefix.data(), prefix.size());
  std::memset(&header[148], ' ', 8);  // the checksum counts its own field as spaces
  unsigned long long checksum = 0;
  for (const char byte : header) checksum += static_cast<unsigned char>(byte);
  std::snprintf(&header[148], 8, "%06llo", checksum);
  return header;
}

class GzipFile {
 public:
  explicit GzipFile(const fs::path& path) : path_(path), file_(gzopen(path.c_str(), "wb6")) {
    if (file_ == nullptr) {
      throw Error("cannot write " + ir::single_quoted(path.string()), "write_tar",
                  "check that its folder exists and is writable");
    }
  }
  GzipFile(const GzipFile&) = delete;
  GzipFile& operator=(const GzipFile&) = delete;
  ~GzipFile() {
    if (file_ != nullptr) gzclose(file_);
  }

  void write(const char* data, size_t size) {
    if (size > 0 && gzwrite(file_, data, static_cast<unsigned>(size)) != static_cast<int>(size)) {
      throw Error("cannot write " + ir::single_quoted(path_.string()), "write_tar",
                  "check the free disk space");
    }
  }
  void close() {
    const int status = gzclose(file_);
    file_ = nullptr;
    if (status != Z_OK) {
      throw Error("cannot finish " + ir::single_quoted(path_.string()), "write_tar",
                  "check the free disk space");
    }
  }

 private:
  fs::path path_;
  gzFile file_;
};

}  // namespace

void write_project_archive(const fs::path& project_dir, const fs::path& archive) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(project_dir)) {
    if (entry.is_regular_file() && !entry.is_symlink() && entry.path() != archive) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  const fs::path partial = archive.string() + ".partial";
  try {
    GzipFile out(partial);
    const std::array<char, kBlock> zeros{};
    for (const fs::path& file : files) {
      std::ifstream stream(file, std::ios::binary);
      if (!stream) {
        throw Error("cannot read " + ir::single_quoted(file.string()), "write_tar",
                    "check the project folder's permissions");
      }
      const std::string content((std::istreambuf_iterator<char>(stream)),
                                std::istreambuf_iterator<char>());
      const std::array<char, kBlock> header =
          file_header(file.lexically_relative(project_dir).generic_string(), content.size());
      out.write(header.data(), header.size());
      out.write(content.data(), content.size());
      out.write(zeros.data(), (kBlock - content.size() % kBlock) % kBlock);
    }
    out.write(zeros.data(), zeros.size());  // two empty blocks end the archive
    out.write(zeros.data(), zeros.size());
    out.close();
  } catch (...) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw;
  }
  fs::rename(partial, archive);
}

}  // namespace hlsnn::backend
