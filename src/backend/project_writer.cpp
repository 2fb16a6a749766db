#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "backend/generated_files.h"
#include "backend/write_project.h"
#include "ir/error.h"
#include "ir/names.h"
#include "project/manifest.h"

namespace hlsnn::backend {
namespace {

namespace fs = std::filesystem;

/// Lists, one relative path a line, the files the last write produced, so that a rewrite removes
/// exactly those it no longer produces and never touches anything else in the folder.
constexpr const char* kFileListName = ".hlsnn_files";

std::string quoted_path(const fs::path& path) { return ir::single_quoted(path.string()); }

std::string read_text(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw Error("cannot read " + quoted_path(path), "write_project");
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

/// True when `path` (lexically normal, relative) stays inside the folder it is relative to.
bool is_contained_relative(const fs::path& path) {
  if (path.empty() || path.is_absolute() || path.has_root_name()) return false;
  const fs::path normal = path.lexically_normal();
  return !normal.empty() && *normal.begin() != "..";
}

/// The project folder: checks it may be written, and writes files only below it.
class ProjectFolder {
 public:
  ProjectFolder(fs::path root, bool overwrite) : root_(std::move(root)) {
    std::error_code error;
    if (fs::exists(root_, error) && !fs::is_directory(root_, error)) {
      throw Error(quoted_path(root_) + " exists and is not a folder", "output_dir",
                  "choose a folder path");
    }
    const bool is_project = fs::exists(root_ / project::kManifestFileName, error);
    if (fs::exists(root_, error) && !fs::is_empty(root_, error) && !is_project && !overwrite) {
      throw Error("the folder is not empty and holds no hlsnn project (no " +
                      std::string(project::kManifestFileName) + ")",
                  "output_dir " + quoted_path(root_),
                  "choose an empty or new folder, or pass overwrite=true to write the project "
                  "there (files hlsnn does not write are kept)");
    }
    fs::create_directories(root_, error);
    if (!error) canonical_root_ = fs::canonical(root_, error);
    if (error) {
      throw Error("cannot create the output folder: " + error.message(),
                  "output_dir " + quoted_path(root_), "choose a folder you may write");
    }
  }

  void write(const GeneratedFile& file) {
    if (!is_contained_relative(file.relative_path)) {
      throw Error(
          "refusing to write " + quoted_path(file.relative_path) + " outside the project folder",
          "write_project");
    }
    const fs::path target = root_ / file.relative_path.lexically_normal();
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    // A symbolic link inside the folder must not redirect a write elsewhere.
    const fs::path real_parent = error ? fs::path() : fs::canonical(target.parent_path(), error);
    if (error) {
      throw Error(
          "cannot create the folder " + quoted_path(target.parent_path()) + ": " + error.message(),
          "output_dir " + quoted_path(root_), "check the folder's permissions");
    }
    const fs::path inside = real_parent.lexically_relative(canonical_root_);
    if (fs::is_symlink(target) || inside.empty() || *inside.begin() == "..") {
      throw Error(quoted_path(target) + " leads outside the project folder (symbolic link)",
                  "output_dir " + quoted_path(root_), "remove the link or choose another folder");
    }
    std::ofstream stream(target, std::ios::binary | std::ios::trunc);
    stream << file.content;
    if (!stream.flush()) throw Error("cannot write " + quoted_path(target), "write_project");
    written_.insert(file.relative_path.lexically_normal().generic_string());
  }

  /// Removes the files the previous write listed and this one did not produce.
  void remove_stale_files() const {
    const fs::path list = root_ / kFileListName;
    if (!fs::exists(list)) return;
    std::istringstream lines(read_text(list));
    std::string line;
    while (std::getline(lines, line)) {
      const fs::path relative(line);
      if (!is_contained_relative(relative) || written_.count(line) != 0) continue;
      const fs::path stale = root_ / relative;
      if (fs::is_regular_file(fs::symlink_status(stale))) fs::remove(stale);
    }
  }

  void write_file_list() {
    std::string text;
    for (const std::string& path : written_) text += path + "\n";
    std::ofstream(root_ / kFileListName, std::ios::binary | std::ios::trunc) << text;
  }

  void note_written(const std::string& relative_path) { written_.insert(relative_path); }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
  fs::path canonical_root_;
  std::set<std::string> written_;
};

std::vector<GeneratedFile> kernel_files(const fs::path& nnet_utils_dir) {
  if (!fs::is_directory(nnet_utils_dir)) {
    throw Error("the kernel folder " + quoted_path(nnet_utils_dir) + " does not exist",
                "WriteOptions::nnet_utils_dir", "point it at hlsnn's hls/nnet_utils folder");
  }
  std::vector<GeneratedFile> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(nnet_utils_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".h") continue;
    files.push_back(
        {fs::path("firmware") / "nnet_utils" / entry.path().filename(), read_text(entry.path())});
  }
  std::sort(files.begin(), files.end(), [](const GeneratedFile& a, const GeneratedFile& b) {
    return a.relative_path < b.relative_path;
  });
  return files;
}

project::TensorInfo tensor_info(const std::string& name, const LayerSymbols& layer) {
  return {name, layer.layer->output().shape, cpp_type(*layer.layer, "result")};
}

project::Manifest make_manifest(const ir::Graph& graph, const ProjectSymbols& symbols,
                                const StreamWiring* wiring, const WriteOptions& options) {
  project::Manifest manifest;
  manifest.hlsnn_version = options.hlsnn_version;
  manifest.project_name = symbols.project;
  manifest.backend = std::string(ir::to_string(graph.settings().backend));
  manifest.io_type = std::string(ir::to_string(graph.settings().io_type));
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    manifest.inputs.push_back(tensor_info(graph.inputs()[i], *symbols.model_inputs[i]));
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    manifest.outputs.push_back(tensor_info(graph.outputs()[i], *symbols.model_outputs[i]));
  }
  for (const LayerSymbols* layer : symbols.traced) {
    manifest.traced_layers.push_back(tensor_info(layer->layer->name, *layer));
  }
  manifest.emulation_sources = {"firmware/" + symbols.project + ".cpp",
                                symbols.project + "_bridge.cpp"};
  manifest.include_dirs = {"firmware"};
  if (wiring != nullptr) {
    for (const StreamChannel& channel : wiring->channels) {
      manifest.streams.push_back({channel.variable, channel.layer->layer->name, channel.producer,
                                  channel.consumer, channel.words, channel.word_size,
                                  channel.depth});
    }
    for (const StreamProcess& process : wiring->processes) {
      manifest.processes.push_back(
          {process.name, process.read_interval, process.write_interval, process.latency});
    }
  }
  return manifest;
}

/// tb_data/<name>: the .dat file's text, or the rows, each checked to hold `values` numbers.
GeneratedFile testbench_data(const TestbenchData& data, const std::string& name, int64_t values,
                             const std::string& what) {
  const fs::path target = fs::path("tb_data") / name;
  if (!data.dat_file.empty()) {
    if (!fs::is_regular_file(data.dat_file)) {
      throw Error(
          "the testbench " + what + " file " + quoted_path(data.dat_file) + " does not exist", what,
          "give a .dat file (one sample per line) or a .npy array");
    }
    return {target, read_text(data.dat_file)};
  }
  std::string text;
  for (size_t row = 0; row < data.rows.size(); ++row) {
    if (static_cast<int64_t>(data.rows[row].size()) != values) {
      throw Error("testbench " + what + " sample " + std::to_string(row) + " holds " +
                      std::to_string(data.rows[row].size()) + " values, the model's " + what +
                      " hold " + std::to_string(values),
                  what, "give one row per sample with all the model's " + what + " in order");
    }
    for (const double value : data.rows[row]) text += ir::format_double(value) + " ";
    text += "\n";
  }
  return {target, std::move(text)};
}

int64_t total_size(const std::vector<const LayerSymbols*>& layers) {
  int64_t size = 0;
  for (const LayerSymbols* layer : layers) size += layer->size;
  return size;
}

}  // namespace

void write_project(const ir::Graph& graph, const fs::path& output_dir,
                   const WriteOptions& options) {
  graph.settings().validate();
  graph.validate();

  // Everything is generated before the folder is touched, so that an error leaves it unchanged.
  const ProjectSymbols symbols = make_project_symbols(graph, options.cpp_namespace);
  const bool streams = graph.settings().io_type == ir::IoType::kStream;
  std::optional<StreamWiring> wiring;
  if (streams) wiring = make_stream_wiring(symbols, graph.settings(), options.fifo_depths);
  std::vector<GeneratedFile> files =
      streams ? stream_firmware_files(symbols, *wiring, graph, options.firmware)
              : firmware_files(symbols, graph, options.firmware);
  for (GeneratedFile& file : weight_files(symbols, options.firmware)) {
    files.push_back(std::move(file));
  }
  for (GeneratedFile& file : kernel_files(options.nnet_utils_dir)) files.push_back(std::move(file));
  const project::Manifest manifest =
      make_manifest(graph, symbols, wiring ? &*wiring : nullptr, options);
  files.push_back(bridge_file(symbols, project::bridge_signature(manifest), streams));
  files.push_back(testbench_file(symbols, options.testbench_output, streams));
  if (options.testbench_inputs) {
    files.push_back(testbench_data(*options.testbench_inputs, "tb_input_features.dat",
                                   total_size(symbols.model_inputs), "inputs"));
  }
  if (options.testbench_outputs) {
    files.push_back(testbench_data(*options.testbench_outputs, "tb_output_predictions.dat",
                                   total_size(symbols.model_outputs), "outputs"));
  }
  files.push_back(build_script(symbols, graph.settings()));
  files.push_back({"hlsnn_config.json", options.config_json});
  for (const auto& [path, content] : options.extra_files) files.push_back({path, content});

  ProjectFolder folder(output_dir, options.overwrite);
  for (const GeneratedFile& file : files) folder.write(file);
  project::write_manifest(manifest, folder.root());
  folder.note_written(project::kManifestFileName);
  folder.remove_stale_files();
  folder.write_file_list();
}

}  // namespace hlsnn::backend
