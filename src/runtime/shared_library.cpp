#include "runtime/shared_library.h"

#include <dlfcn.h>

#include <utility>

#include "ir/error.h"

namespace hlsnn::runtime {

SharedLibrary::SharedLibrary(const std::filesystem::path& path) : path_(path) {
  handle_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* reason = ::dlerror();
    throw Error("cannot load compiled model library: " + std::string(reason ? reason : "unknown"),
                path.string(), "recompile the project (compile() / `hlsnn compile`)");
  }
}

SharedLibrary::~SharedLibrary() {
  if (handle_ != nullptr) ::dlclose(handle_);
}

SharedLibrary::SharedLibrary(SharedLibrary&& other) noexcept
    : path_(std::move(other.path_)), handle_(std::exchange(other.handle_, nullptr)) {}

SharedLibrary& SharedLibrary::operator=(SharedLibrary&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) ::dlclose(handle_);
    path_ = std::move(other.path_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

void* SharedLibrary::find_symbol(const std::string& name) const {
  return ::dlsym(handle_, name.c_str());
}

void* SharedLibrary::symbol(const std::string& name) const {
  ::dlerror();
  void* address = ::dlsym(handle_, name.c_str());
  if (address == nullptr) {
    throw Error(
        "symbol '" + name + "' not found in compiled model library", path_.string(),
        "the project was written by another hlsnn version: write it again (`hlsnn convert`, "
        "or convert and write() in Python), then compile");
  }
  return address;
}

}  // namespace hlsnn::runtime
