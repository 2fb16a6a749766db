#ifndef HLSNN_BACKEND_PROJECT_ARCHIVE_H
#define HLSNN_BACKEND_PROJECT_ARCHIVE_H

#include <filesystem>

namespace hlsnn::backend {

/// Packs every regular file below `project_dir` (symbolic links are skipped, never followed) into
/// the gzip-compressed tar archive `archive`, paths relative to the folder, in sorted order: what
/// hls4ml's WriteTar produces next to the project. Replaces an existing archive. Throws
/// hlsnn::Error naming the file that cannot be read or written, or a path too long for the tar
/// format (more than 255 bytes, or a last part over 100).
void write_project_archive(const std::filesystem::path& project_dir,
                           const std::filesystem::path& archive);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_PROJECT_ARCHIVE_H
