#include "frontend/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <fstream>

#include "input/input_file.h"
#include "input/input_limits.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {
namespace {

const char kDamagedArchiveHint[] =
    "the archive may be truncated or damaged (an interrupted copy or download?); write it again";

std::string libzip_message(const zip_error_t* error) {
  return zip_error_strerror(const_cast<zip_error_t*>(error));
}

std::string libzip_message(int error_code) {
  zip_error_t error;
  zip_error_init_with_code(&error, error_code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

/// Closes a member on every path out.
struct MemberCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void ZipArchive::Closer::operator()(zip* archive) const { zip_discard(archive); }

ZipArchive ZipArchive::open(const std::filesystem::path& path) {
  const uint64_t size = input::check_regular_file(path, "zip archive");
  int error_code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error_code);
  if (archive == nullptr) {
    throw Error("cannot be opened as a zip archive: " + libzip_message(error_code), path.string(),
                kDamagedArchiveHint);
  }
  return ZipArchive(std::unique_ptr<zip, Closer>(archive), path.string(), size, nullptr);
}

ZipArchive ZipArchive::from_bytes(std::string bytes, std::string label) {
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(owned->data(), owned->size(), 0, &error);
  zip* archive = source == nullptr
                     ? nullptr
                     : zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    const std::string message = libzip_message(&error);
    zip_error_fini(&error);
    if (source != nullptr) zip_source_free(source);
    throw Error("cannot be opened as a zip archive: " + message, label, kDamagedArchiveHint);
  }
  zip_error_fini(&error);
  const uint64_t size = owned->size();
  return ZipArchive(std::unique_ptr<zip, Closer>(archive), std::move(label), size,
                    std::move(owned));
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

std::vector<std::string> ZipArchive::member_names() const {
  const zip_int64_t count = zip_get_num_entries(archive_.get(), 0);
  if (count < 0) throw Error("cannot list the archive's members", label_, kDamagedArchiveHint);
  if (static_cast<uint64_t>(count) > input::kMaxArchiveMembers) {
    throw Error("the archive has " + std::to_string(count) + " members, more than the limit of " +
                    std::to_string(input::kMaxArchiveMembers),
                label_, kDamagedArchiveHint);
  }
  std::vector<std::string> names;
  names.reserve(static_cast<size_t>(count));
  for (zip_int64_t index = 0; index < count; ++index) {
    const char* name = zip_get_name(archive_.get(), static_cast<zip_uint64_t>(index), 0);
    if (name == nullptr) {
      throw Error("cannot read the name of member #" + std::to_string(index), label_,
                  kDamagedArchiveHint);
    }
    names.emplace_back(name);
  }
  return names;
}

std::string ZipArchive::member_label(const std::string& name) const { return label_ + ":" + name; }

std::string ZipArchive::read_member(const std::string& name) const {
  return read_member(name, input::kMaxArchiveMemberBytes);
}

std::string ZipArchive::read_member(const std::string& name, uint64_t max_bytes) const {
  const std::string label = member_label(name);
  const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), 0);
  if (index < 0) throw Error("the archive has no member " + ir::single_quoted(name), label_);
  zip_stat_t stat;
  zip_stat_init(&stat);
  const zip_uint64_t needed = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
  if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
      (stat.valid & needed) != needed) {
    throw Error("cannot read the member's sizes", label, kDamagedArchiveHint);
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    throw Error("the member is encrypted", label, "write the archive without a password");
  }
  // What the header declares, checked before a byte is allocated.
  if (stat.comp_size > archive_bytes_) {
    throw Error("the member declares " + input::format_bytes(stat.comp_size) +
                    " of compressed data in an archive of " + input::format_bytes(archive_bytes_),
                label, kDamagedArchiveHint);
  }
  if (stat.comp_method == ZIP_CM_STORE) {
    if (stat.size != stat.comp_size) {
      throw Error("the stored (uncompressed) member declares " + input::format_bytes(stat.size) +
                      " but occupies " + input::format_bytes(stat.comp_size),
                  label, kDamagedArchiveHint);
    }
  } else if (stat.comp_method == ZIP_CM_DEFLATE) {
    if (stat.size / input::kMaxDeflateRatio > stat.comp_size + 64) {
      throw Error("the member declares " + input::format_bytes(stat.size) + " from " +
                      input::format_bytes(stat.comp_size) +
                      " of deflated data, more than deflate can expand (a zip bomb or damage)",
                  label, kDamagedArchiveHint);
    }
  } else {
    throw Error("the member is compressed with method " + std::to_string(stat.comp_method) +
                    "; hlsnn reads stored and deflated members, as Keras and numpy write them",
                label, "write the archive again with Keras or numpy");
  }
  input::check_size(stat.size, max_bytes, "archive member", label);
  const uint64_t budget = std::max<uint64_t>(archive_bytes_, 1 << 16) * input::kMaxDeflateRatio;
  if (stat.size > budget - std::min(budget, expanded_bytes_)) {
    throw Error("the archive's members together expand to more than " +
                    std::to_string(input::kMaxDeflateRatio) +
                    " times its size (members sharing compressed data: a zip bomb or damage)",
                label, kDamagedArchiveHint);
  }

  std::unique_ptr<zip_file_t, MemberCloser> file(
      zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
  if (file == nullptr) {
    throw Error(std::string("cannot open the member: ") + zip_strerror(archive_.get()), label,
                kDamagedArchiveHint);
  }
  // Streamed in chunks: memory grows with what the member really holds, never past one chunk
  // beyond what it declared.
  constexpr size_t kChunkBytes = 1 << 20;
  std::string bytes;
  while (true) {
    const size_t filled = bytes.size();
    bytes.resize(filled + kChunkBytes);
    const zip_int64_t read = zip_fread(file.get(), bytes.data() + filled, kChunkBytes);
    if (read < 0) {
      throw Error("cannot read the member: " + libzip_message(zip_file_get_error(file.get())),
                  label, kDamagedArchiveHint);
    }
    bytes.resize(filled + static_cast<size_t>(read));
    if (bytes.size() > stat.size) {
      throw Error("the member holds more data than the " + input::format_bytes(stat.size) +
                      " its header declares",
                  label, kDamagedArchiveHint);
    }
    if (read == 0) break;
  }
  if (bytes.size() != stat.size) {
    throw Error("the member holds " + input::format_bytes(bytes.size()) + ", its header declares " +
                    input::format_bytes(stat.size),
                label, kDamagedArchiveHint);
  }
  expanded_bytes_ += bytes.size();
  return bytes;
}

}  // namespace hlsnn::frontend
