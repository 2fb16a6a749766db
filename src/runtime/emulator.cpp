#include "runtime/emulator.h"

#include <cstdlib>
#include <iterator>
#include <map>
#include <sstream>
#include <string_view>
#include <utility>

#include "ir/error.h"
#include "project/bridge_abi.h"
#include "runtime/compiler.h"
#include "runtime/parallel_for.h"

namespace hlsnn::runtime {

namespace fs = std::filesystem;

namespace {

SharedLibrary compile_and_load(const fs::path& project_dir, const project::Manifest& manifest,
                               const EmulatorOptions& options, bool& from_cache) {
  CompileRequest request;
  for (const std::string& source : manifest.emulation_sources) {
    request.sources.push_back(project_dir / source);
  }
  for (const std::string& directory : manifest.include_dirs) {
    request.include_dirs.push_back(project_dir / directory);
    request.assembler_include_dirs.push_back(project_dir / directory);
  }
  request.include_dirs.push_back(options.ap_types_dir);
  request.flags = options.flags;
  request.exported_symbols.assign(std::begin(project::kBridgeSymbols),
                                  std::end(project::kBridgeSymbols));
  if (!manifest.streams.empty()) request.exported_symbols.push_back(project::kRecordStreamsSymbol);
  request.flags.emplace_back("-DHLSNN_EMULATION");
  request.cache_dir = options.cache_dir;
  request.library_stem = manifest.project_name;
  request.one_translation_unit = true;
  std::error_code error;
  fs::create_directories(options.cache_dir, error);
  if (error) {
    throw Error("cannot create the compile cache folder: " + error.message(),
                options.cache_dir.string(), "set $HLSNN_CACHE_DIR to a folder you may write");
  }
  const CompiledLibrary compiled = compile_shared_library(request, find_compiler());
  from_cache = compiled.from_cache;
  return SharedLibrary(compiled.path);
}

/// Pointers to sample `begin` of each per-tensor array.
template <typename T>
std::vector<T*> offset_by(const std::vector<T*>& arrays,
                          const std::vector<project::TensorInfo>& tensors, int64_t begin) {
  std::vector<T*> shifted(arrays.size());
  for (size_t k = 0; k < arrays.size(); ++k) {
    shifted[k] = arrays[k] + begin * tensors[k].element_count();
  }
  return shifted;
}

void check_count(size_t given, size_t expected, const char* what) {
  if (given != expected) {
    throw Error("the model has " + std::to_string(expected) + " " + what + " but " +
                    std::to_string(given) + " arrays were given",
                what, "pass one array per model " + std::string(what));
  }
}

/// Runs one bridge call per chunk on the worker threads; a failing chunk's message is raised.
template <typename Call>
void run_chunks(int64_t sample_count, int threads, const std::string& project_name,
                const Call& call) {
  parallel_for(sample_count, threads, [&](int64_t begin, int64_t end) {
    char message[1024] = {0};
    if (call(begin, end - begin, message, sizeof message) != 0) {
      throw Error(message[0] ? message : "the emulation failed without a message",
                  "project '" + project_name + "'", "check the inputs given to this model");
    }
  });
}

/// Predict through the bridge function `symbol`, for one element type.
template <typename Function, typename T>
void predict_batch(const SharedLibrary& library, const char* symbol,
                   const project::Manifest& manifest, int threads,
                   const std::vector<const T*>& inputs, const std::vector<T*>& outputs,
                   int64_t sample_count) {
  check_count(inputs.size(), manifest.inputs.size(), "inputs");
  check_count(outputs.size(), manifest.outputs.size(), "outputs");
  auto* predict_chunk = library.function<Function>(symbol);
  run_chunks(sample_count, threads, manifest.project_name,
             [&](int64_t begin, int64_t count, char* message, size_t size) {
               return predict_chunk(offset_by(inputs, manifest.inputs, begin).data(),
                                    offset_by(outputs, manifest.outputs, begin).data(), count,
                                    message, size);
             });
}

/// The first line where two signatures differ (or "(nothing)" past the end of one).
std::pair<std::string, std::string> first_difference(const std::string& expected,
                                                     const std::string& actual) {
  std::istringstream expected_lines(expected);
  std::istringstream actual_lines(actual);
  while (true) {
    std::string expected_line;
    std::string actual_line;
    const bool more_expected = static_cast<bool>(std::getline(expected_lines, expected_line));
    const bool more_actual = static_cast<bool>(std::getline(actual_lines, actual_line));
    if (!more_expected && !more_actual) return {};
    if (expected_line != actual_line || more_expected != more_actual) {
      return {more_expected ? expected_line : "(nothing)", more_actual ? actual_line : "(nothing)"};
    }
  }
}

/// The library was compiled from the project's sources, the manifest read from its folder: they
/// disagree when either was edited or replaced, and the arrays predict and trace size from the
/// manifest would then not be the ones the library reads and writes.
void check_signature(const SharedLibrary& library, const project::Manifest& manifest,
                     const fs::path& project_dir) {
  const std::string library_signature =
      library.function<project::BridgeSignatureFunction>(project::kBridgeSignatureSymbol)();
  const std::string manifest_signature = project::bridge_signature(manifest);
  if (library_signature == manifest_signature) return;
  const auto [in_manifest, in_library] = first_difference(manifest_signature, library_signature);
  throw Error("the manifest does not describe the compiled library: it says '" + in_manifest +
                  "', the library was built for '" + in_library + "'",
              (project_dir / project::kManifestFileName).string(),
              "regenerate the project (hlsnn convert / Model.write) instead of editing its files");
}

}  // namespace

fs::path default_cache_dir() {
  if (const char* explicit_dir = std::getenv("HLSNN_CACHE_DIR"); explicit_dir && *explicit_dir) {
    return explicit_dir;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "hlsnn";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return fs::path(home) / ".cache" / "hlsnn";
  }
  return fs::temp_directory_path() / "hlsnn-cache";
}

Emulator::Emulator(const fs::path& project_dir, const EmulatorOptions& options)
    : manifest_(project::read_manifest(project_dir)),
      library_(compile_and_load(project_dir, manifest_, options, from_cache_)),
      requested_threads_(options.threads) {
  const int version =
      library_.function<project::BridgeAbiVersionFunction>(project::kBridgeAbiVersionSymbol)();
  if (version != project::kBridgeAbiVersion) {
    throw Error("the compiled library speaks bridge ABI " + std::to_string(version) +
                    ", this hlsnn speaks " + std::to_string(project::kBridgeAbiVersion),
                library_.path().string(), "regenerate the project with this hlsnn version");
  }
  check_signature(library_, manifest_, project_dir);
}

int Emulator::thread_count() const {
  return requested_threads_ > 0 ? requested_threads_ : default_thread_count();
}

void Emulator::predict(const std::vector<const double*>& inputs,
                       const std::vector<double*>& outputs, int64_t sample_count) const {
  predict_batch<project::PredictDoubleFunction>(library_, project::kPredictDoubleSymbol, manifest_,
                                                thread_count(), inputs, outputs, sample_count);
}

void Emulator::predict(const std::vector<const float*>& inputs, const std::vector<float*>& outputs,
                       int64_t sample_count) const {
  predict_batch<project::PredictFloatFunction>(library_, project::kPredictFloatSymbol, manifest_,
                                               thread_count(), inputs, outputs, sample_count);
}

std::vector<StreamEvent> Emulator::record_stream_events(
    const std::vector<const double*>& inputs) const {
  check_count(inputs.size(), manifest_.inputs.size(), "inputs");
  if (manifest_.streams.empty()) {
    throw Error("the project is no io_stream design", "project '" + manifest_.project_name + "'",
                "stream operations exist only with IOType io_stream");
  }
  auto* record = reinterpret_cast<project::RecordStreamsFunction*>(
      library_.find_symbol(project::kRecordStreamsSymbol));
  if (record == nullptr) {
    throw Error(
        "the library was compiled without hlsnn's hls_stream.h, which records stream "
        "operations",
        library_.path().string(), "compile the project with hlsnn's own headers");
  }
  struct Recording {
    std::map<std::string, size_t, std::less<>> index;
    std::vector<StreamEvent> events;
    std::string unknown;
  } recording;
  for (size_t s = 0; s < manifest_.streams.size(); ++s) {
    recording.index[manifest_.streams[s].name] = s;
  }
  const auto on_event = [](void* context, const char* name, int is_write) {
    auto& target = *static_cast<Recording*>(context);
    const std::string_view stream(name);
    // A stream inside one kernel (named "nnet::..."), e.g. between a separable convolution's two
    // steps, belongs to that process: the schedule model does not see it.
    if (stream.substr(0, 6) == "nnet::") return;
    const auto found = target.index.find(stream);
    if (found == target.index.end()) {
      if (target.unknown.empty()) target.unknown = name;
      return;
    }
    target.events.push_back({found->second, is_write != 0});
  };
  char message[1024] = {0};
  if (record(inputs.data(), on_event, &recording, message, sizeof message) != 0) {
    throw Error(message[0] ? message : "the emulation failed without a message",
                "project '" + manifest_.project_name + "'", "check the inputs given to this model");
  }
  if (!recording.unknown.empty()) {
    throw Error(
        "the design used stream '" + recording.unknown + "', which the manifest does not list",
        "project '" + manifest_.project_name + "'", "regenerate the project with this hlsnn");
  }
  return std::move(recording.events);
}

void Emulator::trace(const std::vector<const double*>& inputs, const std::vector<double*>& outputs,
                     const std::vector<double*>& layer_outputs, int64_t sample_count) const {
  check_count(inputs.size(), manifest_.inputs.size(), "inputs");
  check_count(outputs.size(), manifest_.outputs.size(), "outputs");
  check_count(layer_outputs.size(), manifest_.traced_layers.size(), "traced layers");
  auto* trace_chunk = library_.function<project::TraceDoubleFunction>(project::kTraceDoubleSymbol);
  run_chunks(sample_count, thread_count(), manifest_.project_name,
             [&](int64_t begin, int64_t count, char* message, size_t size) {
               return trace_chunk(offset_by(inputs, manifest_.inputs, begin).data(),
                                  offset_by(outputs, manifest_.outputs, begin).data(),
                                  offset_by(layer_outputs, manifest_.traced_layers, begin).data(),
                                  count, message, size);
             });
}

}  // namespace hlsnn::runtime
