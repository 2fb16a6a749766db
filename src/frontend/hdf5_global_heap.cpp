#include "frontend/hdf5_global_heap.h"

#include <cstdint>

#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

constexpr std::string_view kSuperblockSignature("\x89HDF\r\n\x1a\n", 8);
constexpr std::string_view kCollectionSignature("GCOL", 4);

uint64_t little_endian(std::string_view bytes, size_t at, size_t size) {
  uint64_t value = 0;
  for (size_t byte = 0; byte < size; ++byte) {
    value |= uint64_t{static_cast<unsigned char>(bytes[at + byte])} << (8 * byte);
  }
  return value;
}

/// The superblock's "size of lengths" (bytes of a length field), 0 when there is no superblock.
/// It sits at offset 0 or after a user block of 512, 1024, 2048, ... bytes.
size_t size_of_lengths(std::string_view image) {
  for (size_t at = 0; at + 16 <= image.size(); at = at == 0 ? 512 : 2 * at) {
    if (image.compare(at, kSuperblockSignature.size(), kSuperblockSignature) != 0) continue;
    const auto version = static_cast<unsigned char>(image[at + 8]);
    // Versions 0 and 1 put it at byte 14, versions 2 and 3 at byte 10.
    const size_t field = version <= 1 ? at + 14 : at + 10;
    return field < image.size() ? static_cast<unsigned char>(image[field]) : 0;
  }
  return 0;
}

}  // namespace

void check_global_heaps(std::string_view image, const std::string& label) {
  const size_t length_size = size_of_lengths(image);
  if (length_size != 2 && length_size != 4 && length_size != 8) return;
  // Collection header: "GCOL", version 1, 3 reserved bytes, the collection's size (a length).
  // Object header: index (2 bytes), reference count (2), reserved (4), the object's size.
  const size_t header_size = 8 + length_size;
  const size_t object_header_size = 8 + length_size;
  for (size_t start = image.find(kCollectionSignature); start != std::string_view::npos;
       start = image.find(kCollectionSignature, start + 1)) {
    if (start + header_size > image.size() || image[start + 4] != 1) continue;
    const auto fail = [&](const std::string& problem) {
      throw Error("the global heap (where variable-length strings are kept) at byte " +
                      std::to_string(start) + " is damaged: " + problem,
                  label,
                  "the file may be truncated or damaged (an interrupted copy or download?); save "
                  "the model again from Keras");
    };
    const uint64_t size = little_endian(image, start + 8, length_size);
    if (size < header_size || size > image.size() - start) {
      fail("its size " + std::to_string(size) + " does not fit the file");
    }
    const size_t end = start + size;
    for (size_t object = start + header_size; object < end;) {
      if (object + object_header_size > end) break;  // free space too small for a header
      const uint64_t index = little_endian(image, object, 2);
      const uint64_t object_size = little_endian(image, object + 8, length_size);
      if (object_size > end - object) {
        fail("an object of " + std::to_string(object_size) + " bytes runs past the collection");
      }
      // Objects other than the free space (index 0) are padded to 8 bytes after their header.
      const uint64_t step =
          index == 0 ? object_size : object_header_size + ((object_size + 7) / 8) * 8;
      if (step == 0 || step > end - object) {
        fail("an object of " + std::to_string(object_size) + " bytes does not fit the collection");
      }
      object += step;
    }
  }
}

}  // namespace hlsnn::frontend
