#ifndef HLSNN_INPUT_INPUT_LIMITS_H
#define HLSNN_INPUT_INPUT_LIMITS_H

// Every size that a file controls is checked against one of these limits before anything is
// allocated or recursed on, so that a damaged or hostile file costs an error message, not a crash,
// a hang or gigabytes of memory. Each limit sits far above what a network that fits an FPGA needs;
// an error that hits one names the file, what exceeded it and the limit.

#include <cstdint>

namespace hlsnn::input {

inline constexpr uint64_t kMiB = uint64_t{1} << 20;

/// Model JSON (`model.to_json()`, config.json, an .h5 file's model_config), the project manifest
/// and other JSON documents read whole. A model with thousands of layers is a few MB.
inline constexpr uint64_t kMaxJsonBytes = 64 * kMiB;
/// Nesting of JSON arrays and objects. Keras configs nest about 10 levels (a nested model adds 5).
inline constexpr int kMaxJsonDepth = 256;

/// A YAML project config (hlsnn config / convert). A config naming every layer of a large model is
/// well under 1 MB; YAML nodes cost a few hundred bytes of memory each.
inline constexpr uint64_t kMaxYamlBytes = 4 * kMiB;
/// Nesting of YAML mappings and sequences.
inline constexpr int kMaxYamlDepth = 64;
/// Nodes after aliases are expanded: an alias repeats its anchor's whole subtree, so a few hundred
/// bytes of nested aliases could otherwise stand for billions of nodes.
inline constexpr uint64_t kMaxYamlNodes = uint64_t{1} << 20;

/// Reports of the vendor flow (XML, .rpt, logs), read whole.
inline constexpr uint64_t kMaxReportBytes = 256 * kMiB;

/// One member of a zip archive (.keras, .npz), uncompressed.
inline constexpr uint64_t kMaxArchiveMemberBytes = 1024 * kMiB;
/// Deflate cannot expand data more than 1032-fold: a member that declares more than this many
/// bytes per compressed byte is lying, and so is an archive whose members together do.
inline constexpr uint64_t kMaxDeflateRatio = 1100;
/// Members of one .npz archive.
inline constexpr uint64_t kMaxArchiveMembers = 65536;

/// Values of one weight array (a dense layer of 16k x 16k is 2^28).
inline constexpr uint64_t kMaxWeightValues = uint64_t{1} << 28;
/// Strings in one HDF5 string-list attribute (layer and weight names).
inline constexpr uint64_t kMaxAttributeStrings = uint64_t{1} << 20;

/// Values per sample of one tensor crossing the emulation boundary.
inline constexpr uint64_t kMaxTensorValues = uint64_t{1} << 31;
/// Dimensions of an array in a data file or the manifest.
inline constexpr int kMaxRank = 32;
/// Header of an .npy file; numpy itself refuses headers over 10000 bytes.
inline constexpr uint64_t kMaxNpyHeaderBytes = 65536;

}  // namespace hlsnn::input

#endif  // HLSNN_INPUT_INPUT_LIMITS_H
