#include "project/manifest.h"

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "input/input_file.h"
#include "input/input_limits.h"
#include "input/json_document.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::project {

namespace fs = std::filesystem;
using nlohmann::json;

int64_t TensorInfo::element_count() const {
  int64_t count = 1;
  for (int64_t dimension : shape) count *= dimension;
  return count;
}

namespace {

json tensor_to_json(const TensorInfo& tensor) {
  return {{"name", tensor.name}, {"shape", tensor.shape}, {"precision", tensor.precision}};
}

json tensors_to_json(const std::vector<TensorInfo>& tensors) {
  json list = json::array();
  for (const TensorInfo& tensor : tensors) list.push_back(tensor_to_json(tensor));
  return list;
}

/// Reads the manifest's JSON with errors that name the file and the key.
class ManifestReader {
 public:
  ManifestReader(const json& document, std::string file)
      : document_(document), file_(std::move(file)) {}

  /// The value of `key` in `object`, which must be of `kind` (checked by `is_kind`).
  template <typename IsKind>
  const json& value(const json& object, const char* key, const std::string& path, IsKind is_kind,
                    const char* kind) const {
    if (!object.is_object()) fail("'" + path + "' is not an object");
    const auto found = object.find(key);
    if (found == object.end()) fail("missing key '" + path + key + "'");
    if (!is_kind(*found))
      fail("key '" + path + key + "' has the wrong type (expected " + kind + ")");
    return *found;
  }

  std::string text(const json& object, const char* key, const std::string& path) const {
    return value(
               object, key, path, [](const json& v) { return v.is_string(); }, "a string")
        .get<std::string>();
  }

  /// An integer in [minimum, maximum]; JSON numbers that are not integers are refused.
  int64_t integer(const json& element, const std::string& name, int64_t minimum,
                  int64_t maximum) const {
    bool in_range = false;
    if (element.is_number_unsigned()) {
      const auto number = element.get<uint64_t>();
      in_range = number <= static_cast<uint64_t>(maximum) &&
                 (minimum <= 0 || number >= static_cast<uint64_t>(minimum));
    } else if (element.is_number_integer()) {
      const auto number = element.get<int64_t>();
      in_range = number >= minimum && number <= maximum;
    }
    if (!in_range) {
      fail("key '" + name + "' is " + element.dump().substr(0, 40) + ", not an integer from " +
           std::to_string(minimum) + " to " + std::to_string(maximum));
    }
    return element.get<int64_t>();
  }

  /// integer() of the value of `key` in `object`.
  int64_t number(const json& object, const char* key, const std::string& path, int64_t minimum,
                 int64_t maximum) const {
    const json& element = value(
        object, key, path, [](const json& v) { return v.is_number(); }, "a number");
    return integer(element, path + key, minimum, maximum);
  }

  const json& list(const json& object, const char* key, const std::string& path) const {
    return value(
        object, key, path, [](const json& v) { return v.is_array(); }, "a list");
  }

  std::vector<TensorInfo> tensors(const char* key) const {
    std::vector<TensorInfo> result;
    const json& entries = list(document_, key, "");
    for (size_t index = 0; index < entries.size(); ++index) {
      const std::string path = std::string(key) + "[" + std::to_string(index) + "].";
      TensorInfo tensor;
      tensor.name = text(entries[index], "name", path);
      tensor.precision = text(entries[index], "precision", path);
      const json& dimensions = list(entries[index], "shape", path);
      if (dimensions.size() > static_cast<size_t>(input::kMaxRank)) {
        fail("key '" + path + "shape' has " + std::to_string(dimensions.size()) +
             " dimensions, more than the limit of " + std::to_string(input::kMaxRank));
      }
      uint64_t values = 1;
      for (const json& dimension : dimensions) {
        tensor.shape.push_back(
            integer(dimension, path + "shape", 1, static_cast<int64_t>(input::kMaxTensorValues)));
        if (!input::multiply_within(values, static_cast<uint64_t>(tensor.shape.back()),
                                    input::kMaxTensorValues)) {
          fail("key '" + path + "shape' holds more than the limit of " +
               std::to_string(input::kMaxTensorValues) + " values per sample");
        }
      }
      result.push_back(std::move(tensor));
    }
    return result;
  }

  /// The io_stream design's FIFOs; empty when the key is absent (io_parallel).
  std::vector<StreamInfo> streams() const {
    std::vector<StreamInfo> result;
    if (!document_.contains("streams")) return result;
    const json& entries = list(document_, "streams", "");
    const auto count = static_cast<int64_t>(input::kMaxTensorValues);
    for (size_t index = 0; index < entries.size(); ++index) {
      const std::string path = "streams[" + std::to_string(index) + "].";
      const json& entry = entries[index];
      StreamInfo stream;
      stream.name = text(entry, "name", path);
      stream.layer = text(entry, "layer", path);
      stream.producer = text(entry, "producer", path);
      stream.consumer = text(entry, "consumer", path);
      stream.words = number(entry, "words", path, 1, count);
      stream.word_size = number(entry, "word_size", path, 1, count);
      stream.depth = number(entry, "depth", path, 0, count);
      result.push_back(std::move(stream));
    }
    return result;
  }

  std::vector<ProcessInfo> processes() const {
    std::vector<ProcessInfo> result;
    if (!document_.contains("processes")) return result;
    const json& entries = list(document_, "processes", "");
    const auto cycles = static_cast<int64_t>(std::numeric_limits<int32_t>::max());
    for (size_t index = 0; index < entries.size(); ++index) {
      const std::string path = "processes[" + std::to_string(index) + "].";
      const json& entry = entries[index];
      ProcessInfo process;
      process.name = text(entry, "name", path);
      process.read_interval = number(entry, "read_interval", path, 1, cycles);
      process.write_interval = number(entry, "write_interval", path, 1, cycles);
      process.latency = number(entry, "latency", path, 0, cycles);
      result.push_back(std::move(process));
    }
    return result;
  }

  /// A path from the manifest must stay inside the project directory.
  std::vector<std::string> relative_paths(const char* key) const {
    std::vector<std::string> paths;
    const json& entries = list(document_, key, "");
    for (const json& entry : entries) {
      if (!entry.is_string())
        fail("key '" + std::string(key) + "' holds a value that is not a string");
      paths.push_back(entry.get<std::string>());
    }
    for (const std::string& path : paths) {
      const fs::path normal = fs::path(path).lexically_normal();
      if (path.empty() || normal.is_absolute() || *normal.begin() == "..") {
        fail("key '" + std::string(key) + "' names " + ir::single_quoted(path) +
             ", which is not a path inside the project");
      }
    }
    return paths;
  }

  [[noreturn]] void fail(const std::string& problem) const {
    throw Error(
        problem, file_,
        "regenerate the project with hlsnn (convert / write) instead of editing the manifest");
  }

 private:
  const json& document_;
  std::string file_;
};

}  // namespace

Manifest read_manifest(const fs::path& project_dir) {
  const fs::path file = project_dir / kManifestFileName;
  std::error_code error;
  if (!fs::exists(file, error)) {
    throw Error("no hlsnn project here: " + file.string() + " does not exist", project_dir.string(),
                "pass the output directory of a converted model (convert / write creates it)");
  }
  return parse_manifest(input::read_input_file(file, input::kMaxJsonBytes, "project manifest"),
                        file.string());
}

Manifest parse_manifest(const std::string& text, const std::string& file) {
  const json document =
      input::parse_json_document<json>(text, file, "regenerate the project with hlsnn");
  if (!document.is_object()) {
    throw Error("the manifest is not a JSON object", file, "regenerate the project");
  }
  const ManifestReader reader(document, file);
  Manifest manifest;
  const json& version = reader.value(
      document, "format_version", "", [](const json& v) { return v.is_number(); }, "a number");
  manifest.format_version = static_cast<int>(
      reader.integer(version, "format_version", 0, std::numeric_limits<int>::max()));
  if (manifest.format_version != kManifestFormatVersion) {
    reader.fail("format_version " + std::to_string(manifest.format_version) +
                " is not the one this hlsnn reads (" + std::to_string(kManifestFormatVersion) +
                ")");
  }
  manifest.hlsnn_version = reader.text(document, "hlsnn_version", "");
  manifest.project_name = reader.text(document, "project_name", "");
  // It names the compiled library's file in the compile cache and the generated top function.
  if (!ir::is_valid_cpp_identifier(manifest.project_name)) {
    reader.fail("project_name " + ir::single_quoted(manifest.project_name) +
                " is not a C++ identifier (the project writer only writes identifiers)");
  }
  manifest.backend = reader.text(document, "backend", "");
  manifest.io_type = reader.text(document, "io_type", "");
  manifest.inputs = reader.tensors("inputs");
  manifest.outputs = reader.tensors("outputs");
  manifest.traced_layers = reader.tensors("traced_layers");
  manifest.emulation_sources = reader.relative_paths("emulation_sources");
  manifest.include_dirs = reader.relative_paths("include_dirs");
  manifest.streams = reader.streams();
  manifest.processes = reader.processes();
  return manifest;
}

std::string bridge_signature(const Manifest& manifest) {
  std::string signature = "project " + manifest.project_name + "\n";
  const auto add = [&signature](const char* role, const std::vector<TensorInfo>& tensors) {
    for (size_t index = 0; index < tensors.size(); ++index) {
      std::string shape;
      for (int64_t dimension : tensors[index].shape) {
        shape += (shape.empty() ? "" : ", ") + std::to_string(dimension);
      }
      signature += std::string(role) + " " + std::to_string(index) + ": shape (" + shape +
                   "), type " + tensors[index].precision + "\n";
    }
  };
  add("input", manifest.inputs);
  add("output", manifest.outputs);
  add("traced layer", manifest.traced_layers);
  // An io_stream library reports its stream operations by these names (the schedule model).
  for (const StreamInfo& stream : manifest.streams) {
    signature += "stream " + stream.name + ": " + std::to_string(stream.words) + " words of " +
                 std::to_string(stream.word_size) + "\n";
  }
  return signature;
}

void write_manifest(const Manifest& manifest, const fs::path& project_dir) {
  json document = {{"format_version", manifest.format_version},
                   {"hlsnn_version", manifest.hlsnn_version},
                   {"project_name", manifest.project_name},
                   {"backend", manifest.backend},
                   {"io_type", manifest.io_type},
                   {"inputs", tensors_to_json(manifest.inputs)},
                   {"outputs", tensors_to_json(manifest.outputs)},
                   {"traced_layers", tensors_to_json(manifest.traced_layers)},
                   {"emulation_sources", manifest.emulation_sources},
                   {"include_dirs", manifest.include_dirs}};
  if (!manifest.streams.empty()) {
    json streams = json::array();
    for (const StreamInfo& stream : manifest.streams) {
      streams.push_back({{"name", stream.name},
                         {"layer", stream.layer},
                         {"producer", stream.producer},
                         {"consumer", stream.consumer},
                         {"words", stream.words},
                         {"word_size", stream.word_size},
                         {"depth", stream.depth}});
    }
    json processes = json::array();
    for (const ProcessInfo& process : manifest.processes) {
      processes.push_back({{"name", process.name},
                           {"read_interval", process.read_interval},
                           {"write_interval", process.write_interval},
                           {"latency", process.latency}});
    }
    document["streams"] = std::move(streams);
    document["processes"] = std::move(processes);
  }
  const fs::path file = project_dir / kManifestFileName;
  std::ofstream stream(file);
  if (!stream) {
    throw Error("cannot write " + file.string(), project_dir.string(),
                "check that the output directory is writable");
  }
  stream << document.dump(2) << "\n";
}

}  // namespace hlsnn::project
