#ifndef HLSNN_RUNTIME_EMULATOR_H
#define HLSNN_RUNTIME_EMULATOR_H

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "project/manifest.h"
#include "runtime/dataflow_schedule.h"
#include "runtime/shared_library.h"

namespace hlsnn::runtime {

struct EmulatorOptions {
  /// Our emulation headers (ap_int.h, ap_fixed.h, hls_stream.h).
  std::filesystem::path ap_types_dir;
  /// Where compiled libraries are cached by content hash.
  std::filesystem::path cache_dir;
  /// Compiler flags; the default builds for this CPU. The emulator adds -DHLSNN_EMULATION, which
  /// tells the generated code that this runtime builds it: large weight tables then come from the
  /// project's binary copies (assembled in from the firmware folder) instead of C++ literals.
  std::vector<std::string> flags = {"-std=c++17", "-O3", "-march=native", "-DNDEBUG"};
  /// Worker threads for predict and trace; 0 means default_thread_count() at each call.
  int threads = 0;
};

/// The default compile cache: $HLSNN_CACHE_DIR, else $XDG_CACHE_HOME/hlsnn, else ~/.cache/hlsnn.
std::filesystem::path default_cache_dir();

/// A generated project compiled into a shared library and loaded: runs predict and trace on
/// batches, split over threads (each sample is independent, so results do not depend on the
/// thread count). Several emulators, of the same or other projects, can live in one process.
class Emulator {
 public:
  /// Reads the project's manifest, compiles its emulation sources (or takes them from the cache)
  /// and loads the library. Throws hlsnn::Error on a missing or broken project, a compile error
  /// or a library of another ABI version.
  Emulator(const std::filesystem::path& project_dir, const EmulatorOptions& options);

  const project::Manifest& manifest() const { return manifest_; }
  const std::filesystem::path& library_path() const { return library_.path(); }
  bool loaded_from_cache() const { return from_cache_; }
  /// The threads the next predict or trace uses at most.
  int thread_count() const;

  /// inputs[k] holds sample_count × manifest().inputs[k].element_count() values; outputs
  /// likewise for the outputs.
  void predict(const std::vector<const double*>& inputs, const std::vector<double*>& outputs,
               int64_t sample_count) const;
  void predict(const std::vector<const float*>& inputs, const std::vector<float*>& outputs,
               int64_t sample_count) const;
  /// io_stream designs compiled against hlsnn's headers: runs one sample (inputs[k] holds one
  /// sample of input k) and returns its stream operations in the C simulation's order, for the
  /// schedule model. Throws hlsnn::Error for an io_parallel project or one compiled against
  /// other headers.
  std::vector<StreamEvent> record_stream_events(const std::vector<const double*>& inputs) const;

  /// As predict, plus layer_outputs[j] for manifest().traced_layers[j].
  void trace(const std::vector<const double*>& inputs, const std::vector<double*>& outputs,
             const std::vector<double*>& layer_outputs, int64_t sample_count) const;

 private:
  project::Manifest manifest_;
  bool from_cache_ = false;  // declared before library_: its initialiser sets it
  SharedLibrary library_;
  /// options.threads: 0 asks default_thread_count() on every call, so $HLSNN_NUM_THREADS set
  /// after compiling still applies.
  int requested_threads_ = 0;
};

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_EMULATOR_H
