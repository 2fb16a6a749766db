#include "cli/npz_io.h"

#include <zip.h>

#include <memory>

#include "cli/npy_io.h"
#include "ir/error.h"

namespace hlsnn::cli {

namespace fs = std::filesystem;

namespace {

constexpr char kMemberSuffix[] = ".npy";

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

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

std::string read_member(zip_t* archive, zip_uint64_t index, const std::string& label) {
  zip_stat_t stat;
  zip_file_t* file = nullptr;
  if (zip_stat_index(archive, index, 0, &stat) != 0 ||
      (file = zip_fopen_index(archive, index, 0)) == nullptr) {
    throw Error(std::string("cannot read the member: ") + zip_strerror(archive), label);
  }
  std::string bytes(stat.size, '\0');
  const zip_int64_t read = zip_fread(file, bytes.data(), stat.size);
  zip_fclose(file);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    throw Error("the member is damaged (short read)", label);
  }
  return bytes;
}

}  // namespace

std::vector<NamedTable> read_npz(const fs::path& path) {
  const Archive archive = open_archive(path, ZIP_RDONLY | ZIP_CHECKCONS);
  std::vector<NamedTable> arrays;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    std::string name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    const std::string label = path.string() + ":" + name;
    const size_t suffix = sizeof(kMemberSuffix) - 1;
    if (name.size() > suffix && name.compare(name.size() - suffix, suffix, kMemberSuffix) == 0) {
      name.resize(name.size() - suffix);
    }
    arrays.emplace_back(
        name, parse_npy(read_member(archive.get(), static_cast<zip_uint64_t>(i), label), label));
  }
  return arrays;
}

void write_npz(const fs::path& path, const std::vector<NamedTable>& arrays) {
  Archive archive = open_archive(path, ZIP_CREATE | ZIP_TRUNCATE);
  // libzip reads the sources when the archive is closed: the bytes must live until then.
  std::vector<std::string> members;
  members.reserve(arrays.size());
  for (const auto& [name, table] : arrays) {
    members.push_back(npy_bytes(table));
    zip_source_t* source =
        zip_source_buffer(archive.get(), members.back().data(), members.back().size(), 0);
    const zip_int64_t index = source == nullptr
                                  ? -1
                                  : zip_file_add(archive.get(), (name + kMemberSuffix).c_str(),
                                                 source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      throw Error(std::string("cannot add '") + name + "': " + zip_strerror(archive.get()),
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
