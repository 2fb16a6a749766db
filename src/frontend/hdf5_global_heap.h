#ifndef HLSNN_FRONTEND_HDF5_GLOBAL_HEAP_H
#define HLSNN_FRONTEND_HDF5_GLOBAL_HEAP_H

// Variable-length strings (h5py's, so Keras' layer names and model JSON) live in an HDF5 file's
// global heap collections. The HDF5 library (1.10, as Debian 12 ships it) walks a collection's
// objects trusting their sizes: an object of size 0 makes it loop forever, an oversized one makes
// it read past the collection. This checks every collection of a file image the same way before
// the library sees it.

#include <string>
#include <string_view>

namespace hlsnn::frontend {

/// Throws hlsnn::Error naming `label` and the byte offset when a global heap collection ("GCOL",
/// version 1) in `image` holds an object whose size does not fit the collection, or a collection
/// runs past the end of the file. A file without a recognisable superblock is left to HDF5.
void check_global_heaps(std::string_view image, const std::string& label);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_HDF5_GLOBAL_HEAP_H
