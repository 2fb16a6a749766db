#ifndef HLSNN_RUNTIME_SHARED_LIBRARY_H
#define HLSNN_RUNTIME_SHARED_LIBRARY_H

#include <filesystem>
#include <string>

namespace hlsnn::runtime {

/// A loaded shared library, unloaded when the last owner goes. Libraries are loaded with
/// RTLD_LOCAL, so several compiled models with the same symbol names live in one process.
class SharedLibrary {
 public:
  /// Throws hlsnn::Error naming the file and the loader's message when it cannot be loaded.
  explicit SharedLibrary(const std::filesystem::path& path);
  ~SharedLibrary();
  SharedLibrary(SharedLibrary&& other) noexcept;
  SharedLibrary& operator=(SharedLibrary&& other) noexcept;
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  /// The address of `name`; throws hlsnn::Error naming the symbol and the library when absent.
  void* symbol(const std::string& name) const;

  /// The address of `name`, or nullptr when the library does not define it.
  void* find_symbol(const std::string& name) const;

  template <typename Function>
  Function* function(const std::string& name) const {
    return reinterpret_cast<Function*>(symbol(name));
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  void* handle_ = nullptr;
};

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_SHARED_LIBRARY_H
