#ifndef HLSNN_FRONTEND_ZIP_ARCHIVE_H
#define HLSNN_FRONTEND_ZIP_ARCHIVE_H

// A read-only zip archive over libzip, for Keras `.keras` files and numpy `.npz` files. Nothing a
// member's header declares is trusted: its sizes are checked against the archive's size, the most
// deflate can expand, and a cap (input_limits.h) before reading, and the member is then streamed,
// stopping as soon as it holds more than it declared. A damaged archive or member becomes an
// hlsnn::Error naming the archive and the member.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct zip;

namespace hlsnn::frontend {

class ZipArchive {
 public:
  /// Opens the regular file `path` read-only after checking its central directory for
  /// consistency.
  static ZipArchive open(const std::filesystem::path& path);
  /// An archive held in memory; `label` names it in errors.
  static ZipArchive from_bytes(std::string bytes, std::string label);
  /// Whether the file starts like a zip archive (a local header or an empty archive's end).
  static bool has_zip_signature(const std::filesystem::path& path);

  bool has_member(const std::string& name) const;
  /// The members' names in archive order.
  std::vector<std::string> member_names() const;
  /// The member's uncompressed bytes, at most `max_bytes`; the checksum is verified while reading.
  /// All members read from one archive together expand at most kMaxDeflateRatio times the
  /// archive's size (members may share compressed data).
  std::string read_member(const std::string& name, uint64_t max_bytes) const;
  std::string read_member(const std::string& name) const;
  /// "<archive>:<member>", how errors name a member.
  std::string member_label(const std::string& name) const;

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };
  ZipArchive(std::unique_ptr<zip, Closer> archive, std::string label, uint64_t archive_bytes,
             std::shared_ptr<const std::string> bytes)
      : bytes_(std::move(bytes)),
        archive_(std::move(archive)),
        label_(std::move(label)),
        archive_bytes_(archive_bytes) {}

  /// The in-memory archive's bytes; libzip reads them until the archive is closed.
  std::shared_ptr<const std::string> bytes_;
  std::unique_ptr<zip, Closer> archive_;
  std::string label_;
  uint64_t archive_bytes_;
  /// Bytes handed out by read_member so far, for the ratio budget.
  mutable uint64_t expanded_bytes_ = 0;
};

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_ZIP_ARCHIVE_H
