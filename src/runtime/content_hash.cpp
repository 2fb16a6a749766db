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

std::string without_hls_pragmas(std::string_view source) {
  std::string kept;
  kept.reserve(source.size());
  bool continued = false;
  size_t start = 0;
  while (start < source.size()) {
    size_t end = source.find('\n', start);
    end = end == std::string_view::npos ? source.size() : end + 1;
    const std::string_view line = source.substr(start, end - start);
    const size_t first = line.find_first_not_of(" \t");
    const std::string_view text = first == std::string_view::npos ? "" : line.substr(first);
    const bool is_pragma = !continued && text.rfind("#pragma HLS", 0) == 0 && text.size() > 11 &&
                           (text[11] == ' ' || text[11] == '\t');
    if (!is_pragma) kept.append(line);
    const std::string_view trimmed = line.substr(0, line.find_last_not_of("\r\n") + 1);
    continued = !trimmed.empty() && trimmed.back() == '\\';
    start = end;
  }
  return kept;
}

ContentHasher::ContentHasher(bool ignore_hls_pragmas)
    : state_(std::make_unique<State>()), ignore_hls_pragmas_(ignore_hls_pragmas) {
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
  add(ignore_hls_pragmas_ ? without_hls_pragmas(contents) : contents);
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
