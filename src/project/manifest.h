#ifndef HLSNN_PROJECT_MANIFEST_H
#define HLSNN_PROJECT_MANIFEST_H

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hlsnn::project {

/// The file, at the top of every generated project, that lets the runtime and the CLI work from
/// the project directory alone.
inline constexpr const char* kManifestFileName = "hlsnn_manifest.json";
inline constexpr int kManifestFormatVersion = 1;

/// One tensor crossing the emulation boundary: a model input or output, or a traced layer output.
struct TensorInfo {
  std::string name;            ///< the name users see (Keras layer or tensor name)
  std::vector<int64_t> shape;  ///< without the batch dimension
  std::string precision;       ///< the HLS type of its elements, e.g. ap_fixed<16,6>
  int64_t element_count() const;
};

/// What a generated project holds, for everything that runs it without the IR.
struct Manifest {
  int format_version = kManifestFormatVersion;
  std::string hlsnn_version;
  std::string project_name;
  std::string backend;  ///< Vivado or Vitis
  std::string io_type;  ///< io_parallel or io_stream
  std::vector<TensorInfo> inputs;
  std::vector<TensorInfo> outputs;
  /// Layers whose outputs trace() returns, in execution order.
  std::vector<TensorInfo> traced_layers;
  /// Sources compiled into the emulation library, relative to the project directory.
  std::vector<std::string> emulation_sources;
  /// Include folders of those sources, relative to the project directory.
  std::vector<std::string> include_dirs;
};

/// Reads `<project_dir>/hlsnn_manifest.json`. Throws hlsnn::Error naming the file and the key
/// when it is missing, malformed, of another format version, or holds a value that could lead
/// outside the project or the compile cache (a path outside the project, a project name that is
/// not a C++ identifier) or to an impossible size (a shape over input_limits.h's limits).
Manifest read_manifest(const std::filesystem::path& project_dir);

/// The same from the manifest's text; `file` names it in errors.
Manifest parse_manifest(const std::string& text, const std::string& file);

/// What the compiled emulation library must have been built for, one line per fact: the project
/// name, then every input, output and traced layer with its element shape and type. The bridge
/// writer compiles it into the library (bridge_abi.h), and the runtime refuses a manifest whose
/// signature differs from the library's: a shape that differs would make the library read and
/// write past the arrays sized from the manifest.
std::string bridge_signature(const Manifest& manifest);

/// Writes `<project_dir>/hlsnn_manifest.json`.
void write_manifest(const Manifest& manifest, const std::filesystem::path& project_dir);

}  // namespace hlsnn::project

#endif  // HLSNN_PROJECT_MANIFEST_H
