#include "runtime/content_hash.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <vector>

#include "ir/error.h"

namespace hlsnn::runtime {

namespace fs = std::filesystem;

struct ContentHasher::State {
  XXH3_state_t* xxh = XXH3_createState();
  ~State() { XXH3_freeState(xxh); }
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) {
  XXH3_128bits_reset(state_->xxh);
}

ContentHasher::~ContentHasher() = default;

void ContentHasher::add(std::string_view bytes) {
  const std::uint64_t length = bytes.size();
  XXH3_128bits_update(state_->xxh, &length, sizeof length);
  XXH3_128bits_update(state_->xxh, bytes.data(), bytes.size());
}

void ContentHasher::add_file(const fs::path& file, const fs::path& root) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    throw Error("cannot read '" + file.string() + "'", file.string(),
                "check that the file exists and is readable");
  }
  const std::string contents((std::istreambuf_iterator<char>(stream)),
                             std::istreambuf_iterator<char>());
  add(file.lexically_relative(root).generic_string());
  add(contents);
}

void ContentHasher::add_tree(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) add_file(file, directory);
}

std::string ContentHasher::hex_digest() const {
  const XXH128_hash_t digest = XXH3_128bits_digest(state_->xxh);
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(digest.high64),
                static_cast<unsigned long long>(digest.low64));
  return text;
}

}  // namespace hlsnn::runtime
