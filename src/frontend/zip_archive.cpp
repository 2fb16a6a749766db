#include "frontend/zip_archive.h"

#include <zip.h>

#include <array>
#include <fstream>

#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

const char kDamagedArchiveHint[] =
    "the archive may be truncated or damaged (an interrupted copy or download?); save the model "
    "again with model.save(\"model.keras\")";

std::string libzip_message(int error_code) {
  zip_error_t error;
  zip_error_init_with_code(&error, error_code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

}  // namespace

void ZipArchive::Closer::operator()(zip* archive) const { zip_discard(archive); }

ZipArchive ZipArchive::open(const std::filesystem::path& path) {
  int error_code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error_code);
  if (archive == nullptr) {
    throw Error("cannot be opened as a zip archive: " + libzip_message(error_code), path.string(),
                kDamagedArchiveHint);
  }
  return ZipArchive(std::unique_ptr<zip, Closer>(archive), path.string());
}

bool ZipArchive::has_zip_signature(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::array<char, 4> magic{};
  if (!stream.read(magic.data(), magic.size())) return false;
  const std::string start(magic.data(), magic.size());
  return start == std::string("PK\x03\x04", 4) || start == std::string("PK\x05\x06", 4);
}

bool ZipArchive::has_member(const std::string& name) const {
  return zip_name_locate(archive_.get(), name.c_str(), 0) >= 0;
}

std::string ZipArchive::member_label(const std::string& name) const { return label_ + ":" + name; }

std::string ZipArchive::read_member(const std::string& name) const {
  const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), 0);
  if (index < 0) throw Error("the archive has no member '" + name + "'", label_);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
      (stat.valid & ZIP_STAT_SIZE) == 0) {
    throw Error("cannot read the member's size", member_label(name), kDamagedArchiveHint);
  }
  zip_file_t* file = zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    throw Error(std::string("cannot open the member: ") + zip_strerror(archive_.get()),
                member_label(name), kDamagedArchiveHint);
  }
  std::string bytes(stat.size, '\0');
  const zip_int64_t read = zip_fread(file, bytes.data(), stat.size);
  // A checksum mismatch shows up in the last read, or in the next one, which must read nothing.
  char extra;
  const bool intact =
      read == static_cast<zip_int64_t>(stat.size) && zip_fread(file, &extra, 1) == 0;
  const std::string file_message = zip_error_strerror(zip_file_get_error(file));
  zip_fclose(file);
  if (!intact) {
    throw Error("cannot read the member: " + file_message, member_label(name), kDamagedArchiveHint);
  }
  return bytes;
}

}  // namespace hlsnn::frontend
