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

/// A FIFO of an io_stream design, with the processes at its ends (for the schedule model).
struct StreamInfo {
  std::string name;      ///< the stream's variable, also its name in the C simulation
  std::string layer;     ///< the layer whose output it carries
  std::string producer;  ///< process names, see ProcessInfo
  std::string consumer;
  int64_t words = 0;      ///< words per sample
  int64_t word_size = 0;  ///< values per word
  int64_t depth = 0;      ///< FIFO depth in words; 0 for a top-function argument (the caller's)
};

/// A process of an io_stream design's dataflow region, as the schedule model times it: cycles
/// between two reads of one input stream, between two writes of one output stream, and from a
/// read to the first write after it.
struct ProcessInfo {
  std::string name;
  int64_t read_interval = 1;
  int64_t write_interval = 1;
  int64_t latency = 1;
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
  /// io_stream designs only (absent from io_parallel manifests).
  std::vector<StreamInfo> streams;
  std::vector<ProcessInfo> processes;
};

/// Reads `<project_dir>/hlsnn_manifest.json`. Throws hlsnn::Error naming the file and the key
/// when it is missing, malformed, of another format version, or holds a value that could lead
/// outside the project or the compile cache (a path outside the project, a project name that is
/// not a C++ identifier) or to an impossible size (a shape over input_limits.h's limits).
Manifest read_manifest(const std::filesystem::path& project_dir);

/// The same from the manifest's text; `file` names it in errors.
Manifest parse_manifest(const std::string& text, const std::string& file);

/// What the compiled emulation library must have been built for, one line per fact: the project
/// name, then every input, output and traced layer with its element shape and type, and an
/// io_stream design's streams with their words. The bridge writer compiles it into the library
/// (bridge_abi.h), and the runtime refuses a manifest whose signature differs from the library's: a
/// shape that differs would make the library read and write past the arrays sized from the
/// manifest.
std::string bridge_signature(const Manifest& manifest);

/// Writes `<project_dir>/hlsnn_manifest.json`.
void write_manifest(const Manifest& manifest, const std::filesystem::path& project_dir);

}  // namespace hlsnn::project

#endif  // HLSNN_PROJECT_MANIFEST_H
