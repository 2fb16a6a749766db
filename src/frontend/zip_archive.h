#ifndef HLSNN_FRONTEND_ZIP_ARCHIVE_H
#define HLSNN_FRONTEND_ZIP_ARCHIVE_H

// A read-only zip archive over libzip, for Keras `.keras` files. Members are read whole into
// memory (a `.keras` model for an FPGA is small); a damaged archive or member becomes an
// hlsnn::Error naming the archive and the member.

#include <filesystem>
#include <memory>
#include <string>

struct zip;

namespace hlsnn::frontend {

class ZipArchive {
 public:
  /// Opens `path` read-only after checking the archive's central directory for consistency.
  static ZipArchive open(const std::filesystem::path& path);
  /// Whether the archive starts like a zip file (a local header or an empty archive's end).
  static bool has_zip_signature(const std::filesystem::path& path);

  bool has_member(const std::string& name) const;
  /// The member's uncompressed bytes; the member's checksum is verified while reading.
  std::string read_member(const std::string& name) const;
  /// "<archive>:<member>", how errors name a member.
  std::string member_label(const std::string& name) const;

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };
  ZipArchive(std::unique_ptr<zip, Closer> archive, std::string label)
      : archive_(std::move(archive)), label_(std::move(label)) {}

  std::unique_ptr<zip, Closer> archive_;
  std::string label_;
};

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_ZIP_ARCHIVE_H
