#include "cli/npz_io.h"

#include <zip.h>

#include <memory>

#include "cli/npy_io.h"
#include "frontend/zip_archive.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::cli {

namespace fs = std::filesystem;

namespace {

constexpr char kMemberSuffix[] = ".npy";

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

/// The arrays in archive order; the archive bounds what its members may expand to.
std::vector<NamedTable> read_npz_archive(const frontend::ZipArchive& archive) {
  std::vector<NamedTable> arrays;
  for (std::string name : archive.member_names()) {
    const std::string label = archive.member_label(name);
    std::string bytes = archive.read_member(name);
    const size_t suffix = sizeof(kMemberSuffix) - 1;
    if (name.size() > suffix && name.compare(name.size() - suffix, suffix, kMemberSuffix) == 0) {
      name.resize(name.size() - suffix);
    }
    arrays.emplace_back(std::move(name), parse_npy(bytes, label));
  }
  return arrays;
}

Archive open_archive(const fs::path& path, int flags) {
  int error_code = 0;
  zip_t* archive = zip_open(path.c_str(), flags, &error_code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error("cannot open the .npz archive: " + reason, path.string(),
                "save it with numpy.savez or numpy.savez_compressed");
  }
  return Archive(archive);
}

}  // namespace

std::vector<NamedTable> read_npz(const fs::path& path) {
  return read_npz_archive(frontend::ZipArchive::open(path));
}

std::vector<NamedTable> parse_npz(std::string bytes, const std::string& label) {
  return read_npz_archive(frontend::ZipArchive::from_bytes(std::move(bytes), label));
}

void write_npz(const fs::path& path, const std::vector<NamedTable>& arrays,
               const std::vector<std::pair<std::string, std::vector<std::string>>>& texts) {
  // libzip reads the sources when the archive is closed: the bytes must live until then.
  std::vector<std::pair<std::string, std::string>> members;
  members.reserve(arrays.size() + texts.size());
  for (const auto& [name, table] : arrays) members.emplace_back(name, npy_bytes(table));
  for (const auto& [name, strings] : texts) members.emplace_back(name, npy_text_bytes(strings));
  Archive archive = open_archive(path, ZIP_CREATE | ZIP_TRUNCATE);
  for (const auto& [name, bytes] : members) {
    zip_source_t* source = zip_source_buffer(archive.get(), bytes.data(), bytes.size(), 0);
    const zip_int64_t index = source == nullptr
                                  ? -1
                                  : zip_file_add(archive.get(), (name + kMemberSuffix).c_str(),
                                                 source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      throw Error("cannot add " + ir::single_quoted(name) + ": " + zip_strerror(archive.get()),
                  path.string());
    }
    zip_set_file_compression(archive.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  zip_t* finished = archive.release();
  if (zip_close(finished) != 0) {
    const std::string reason = zip_strerror(finished);
    zip_discard(finished);
    throw Error("cannot write the .npz archive: " + reason, path.string());
  }
}

}  // namespace hlsnn::cli
