#ifndef HLSNN_RUNTIME_CONTENT_HASH_H
#define HLSNN_RUNTIME_CONTENT_HASH_H

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace hlsnn::runtime {

/// `source` without its `#pragma HLS` lines (not continuations of a macro definition).
std::string without_hls_pragmas(std::string_view source);

/// A 128-bit content hash (XXH3) built from labelled pieces. Each piece is length-prefixed, so
/// ("ab","c") and ("a","bc") hash differently. Used as the key of the compile cache.
class ContentHasher {
 public:
  /// `ignore_hls_pragmas`: files are hashed without their `#pragma HLS` lines, which only the
  /// vendor's synthesis reads (a C++ compiler ignores them): a project whose FIFO depths or
  /// other synthesis directives changed keeps its compiled emulation library.
  explicit ContentHasher(bool ignore_hls_pragmas = false);
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;

  void add(std::string_view bytes);
  /// Adds the file's path relative to `root` and its bytes; throws hlsnn::Error when unreadable.
  void add_file(const std::filesystem::path& file, const std::filesystem::path& root);
  /// Adds every regular file below `directory`, in sorted path order.
  void add_tree(const std::filesystem::path& directory);
  /// 32 lowercase hex digits.
  std::string hex_digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  bool ignore_hls_pragmas_;
};

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_CONTENT_HASH_H
