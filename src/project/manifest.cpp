#include "project/manifest.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "ir/error.h"

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

  template <typename T>
  T get(const json& object, const char* key, const std::string& path) const {
    const auto found = object.find(key);
    if (found == object.end()) fail("missing key '" + path + key + "'");
    try {
      return found->get<T>();
    } catch (const json::exception&) {
      fail("key '" + path + key + "' has the wrong type");
    }
  }

  std::vector<TensorInfo> tensors(const char* key) const {
    std::vector<TensorInfo> result;
    const auto list = get<std::vector<json>>(document_, key, "");
    for (size_t index = 0; index < list.size(); ++index) {
      const std::string path = std::string(key) + "[" + std::to_string(index) + "].";
      TensorInfo tensor;
      tensor.name = get<std::string>(list[index], "name", path);
      tensor.shape = get<std::vector<int64_t>>(list[index], "shape", path);
      tensor.precision = get<std::string>(list[index], "precision", path);
      for (int64_t dimension : tensor.shape) {
        if (dimension <= 0) fail("key '" + path + "shape' has a dimension that is not positive");
      }
      result.push_back(std::move(tensor));
    }
    return result;
  }

  /// The io_stream design's FIFOs; empty when the key is absent (io_parallel).
  std::vector<StreamInfo> streams() const {
    std::vector<StreamInfo> result;
    if (!document_.contains("streams")) return result;
    const auto list = get<std::vector<json>>(document_, "streams", "");
    for (size_t index = 0; index < list.size(); ++index) {
      const std::string path = "streams[" + std::to_string(index) + "].";
      StreamInfo stream;
      stream.name = get<std::string>(list[index], "name", path);
      stream.layer = get<std::string>(list[index], "layer", path);
      stream.producer = get<std::string>(list[index], "producer", path);
      stream.consumer = get<std::string>(list[index], "consumer", path);
      stream.words = get<int64_t>(list[index], "words", path);
      stream.word_size = get<int64_t>(list[index], "word_size", path);
      stream.depth = get<int64_t>(list[index], "depth", path);
      if (stream.words <= 0 || stream.word_size <= 0 || stream.depth < 0) {
        fail("key '" + path + "words', 'word_size' or 'depth' is out of range");
      }
      result.push_back(std::move(stream));
    }
    return result;
  }

  std::vector<ProcessInfo> processes() const {
    std::vector<ProcessInfo> result;
    if (!document_.contains("processes")) return result;
    const auto list = get<std::vector<json>>(document_, "processes", "");
    for (size_t index = 0; index < list.size(); ++index) {
      const std::string path = "processes[" + std::to_string(index) + "].";
      ProcessInfo process;
      process.name = get<std::string>(list[index], "name", path);
      process.read_interval = get<int64_t>(list[index], "read_interval", path);
      process.write_interval = get<int64_t>(list[index], "write_interval", path);
      process.latency = get<int64_t>(list[index], "latency", path);
      if (process.read_interval < 1 || process.write_interval < 1 || process.latency < 0) {
        fail("key '" + path + "' has an interval below 1 or a negative latency");
      }
      result.push_back(std::move(process));
    }
    return result;
  }

  /// A path from the manifest must stay inside the project directory.
  std::vector<std::string> relative_paths(const char* key) const {
    auto paths = get<std::vector<std::string>>(document_, key, "");
    for (const std::string& path : paths) {
      const fs::path normal = fs::path(path).lexically_normal();
      if (path.empty() || normal.is_absolute() || *normal.begin() == "..") {
        fail("key '" + std::string(key) + "' names '" + path +
             "', which is not a path inside the project");
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
  std::ifstream stream(file);
  if (!stream) {
    throw Error("no hlsnn project here: " + file.string() + " does not exist", project_dir.string(),
                "pass the output directory of a converted model (convert / write creates it)");
  }
  json document;
  try {
    document = json::parse(stream);
  } catch (const json::parse_error& error) {
    throw Error(std::string("the manifest is not valid JSON: ") + error.what(), file.string(),
                "regenerate the project with hlsnn");
  }
  if (!document.is_object()) {
    throw Error("the manifest is not a JSON object", file.string(), "regenerate the project");
  }
  const ManifestReader reader(document, file.string());
  Manifest manifest;
  manifest.format_version = reader.get<int>(document, "format_version", "");
  if (manifest.format_version != kManifestFormatVersion) {
    reader.fail("format_version " + std::to_string(manifest.format_version) +
                " is not the one this hlsnn reads (" + std::to_string(kManifestFormatVersion) +
                ")");
  }
  manifest.hlsnn_version = reader.get<std::string>(document, "hlsnn_version", "");
  manifest.project_name = reader.get<std::string>(document, "project_name", "");
  manifest.backend = reader.get<std::string>(document, "backend", "");
  manifest.io_type = reader.get<std::string>(document, "io_type", "");
  manifest.inputs = reader.tensors("inputs");
  manifest.outputs = reader.tensors("outputs");
  manifest.traced_layers = reader.tensors("traced_layers");
  manifest.emulation_sources = reader.relative_paths("emulation_sources");
  manifest.include_dirs = reader.relative_paths("include_dirs");
  manifest.streams = reader.streams();
  manifest.processes = reader.processes();
  return manifest;
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
