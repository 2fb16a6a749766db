#include "api/model.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>

#include "api/fifo_sizing.h"
#include "api/table_report.h"
#include "backend/project_archive.h"
#include "backend/write_project.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "ir/tensor.h"
#include "passes/pass_list.h"
#include "runtime/emulator.h"

namespace hlsnn {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

/// HLSNN_DEBUG: 1 logs each pass's name, 2 also the graph after it, to stderr.
int debug_level() {
  const char* value = std::getenv("HLSNN_DEBUG");
  return value == nullptr ? 0 : std::atoi(value);
}

void run_logged_passes(ir::Graph& graph, const std::vector<passes::Pass>& pass_list) {
  const int level = debug_level();
  passes::run_passes(graph, pass_list, level > 0 ? &std::cerr : nullptr, level >= 2);
}

ir::Graph canonical_graph(const std::string& model_json, const frontend::WeightsByLayer& weights,
                          int keras_major_version) {
  ir::Graph graph = frontend::graph_from_keras(model_json, weights, keras_major_version);
  run_logged_passes(graph, passes::canonicalization_passes());
  return graph;
}

backend::TestbenchOutput parse_tb_output_stream(const std::string& text) {
  if (text == "both") return backend::TestbenchOutput::kBoth;
  if (text == "stdout") return backend::TestbenchOutput::kStdout;
  if (text == "file") return backend::TestbenchOutput::kFile;
  throw Error("tb_output_stream " + ir::single_quoted(text) + " is not known",
              "tb_output_stream (WriterConfig TBOutputStream)", "use both, stdout or file");
}

std::string expected_inputs_text(const project::Manifest& manifest) {
  std::string text;
  for (const project::TensorInfo& input : manifest.inputs) {
    if (!text.empty()) text += ", ";
    text += "'" + input.name + "' " + ir::batch_shape_to_string(input.shape);
  }
  return text;
}

}  // namespace

fs::path default_hls_dir() {
  if (const char* value = std::getenv("HLSNN_HLS_DIR"); value != nullptr && *value != '\0') {
    return value;
  }
  return HLSNN_SOURCE_HLS_DIR;
}

Model::Model(ir::Graph graph, json config, ConvertSettings settings)
    : graph_(std::move(graph)), config_(std::move(config)), settings_(std::move(settings)) {}
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

Model Model::from_keras_file(const fs::path& path, const std::optional<json>& hls_config,
                             const ConvertSettings& settings) {
  const frontend::KerasModelFile file = frontend::read_keras_file(path);
  return from_keras_json(file.model_config_json, file.weights_by_layer, file.keras_major_version,
                         hls_config, settings);
}

Model Model::from_keras_json(const std::string& model_json, const frontend::WeightsByLayer& weights,
                             int keras_major_version, const std::optional<json>& hls_config,
                             const ConvertSettings& settings) {
  ir::Graph graph = canonical_graph(model_json, weights, keras_major_version);
  json config = hls_config ? *hls_config
                           : config::make_hls_config(graph, config::Granularity::kModel,
                                                     "fixed<16,6>", 1, std::nullopt);
  ir::ModelSettings& model_settings = graph.settings();
  model_settings.project_name = settings.project_name;
  model_settings.backend = ir::parse_backend(settings.backend);
  model_settings.part = settings.part;
  model_settings.clock_period_ns = settings.clock_period;
  if (!settings.clock_uncertainty.empty()) {
    model_settings.clock_uncertainty = settings.clock_uncertainty;
  } else if (model_settings.backend == ir::Backend::kVitis) {
    model_settings.clock_uncertainty = "27%";
  }
  model_settings.io_type = ir::parse_io_type(settings.io_type);
  model_settings.validate();
  parse_tb_output_stream(settings.tb_output_stream);
  config::apply_hls_config(config, graph);
  run_logged_passes(graph, passes::optimization_passes());
  return Model(std::move(graph), std::move(config), settings);
}

json Model::make_config(const std::string& model_json, const frontend::WeightsByLayer& weights,
                        int keras_major_version, const std::string& granularity,
                        const std::string& default_precision, std::int64_t default_reuse_factor,
                        const std::optional<std::string>& max_precision) {
  const ir::Graph graph = canonical_graph(model_json, weights, keras_major_version);
  return config::make_hls_config(graph, config::parse_granularity(granularity), default_precision,
                                 default_reuse_factor, max_precision);
}

void Model::write(bool overwrite) {
  backend::WriteOptions options;
  options.overwrite = overwrite;
  options.nnet_utils_dir = settings_.hls_dir / "nnet_utils";
  options.hlsnn_version = HLSNN_VERSION;
  options.config_json = config_.dump(2);
  options.cpp_namespace = settings_.cpp_namespace;
  options.firmware.write_weights_txt = settings_.write_weights_txt;
  options.firmware.write_emulation_constants = settings_.write_emulation_constants;
  options.testbench_output = parse_tb_output_stream(settings_.tb_output_stream);
  options.testbench_inputs = settings_.input_data_tb;
  options.testbench_outputs = settings_.output_data_tb;
  // The table types and sizes hlsnn chose, for users reading the project.
  const nlohmann::ordered_json tables = describe_tables(graph_);
  if (!tables.empty()) options.extra_files.emplace_back("hlsnn_tables.json", tables.dump(2));
  if (graph_.settings().io_type == ir::IoType::kStream) options.fifo_depths = check_fifos(options);
  backend::write_project(graph_, settings_.output_dir, options);
  if (settings_.write_tar) {
    const fs::path folder = settings_.output_dir.lexically_normal();
    const fs::path name = folder.has_filename() ? folder : folder.parent_path();
    backend::write_project_archive(settings_.output_dir, name.string() + ".tar.gz");
  }
  written_ = true;
  // A rewritten project may differ from the loaded library; the next predict recompiles.
  emulator_.reset();
}

namespace {

/// A folder of its own under the system's temporary folder, removed when done.
class ProbeFolder {
 public:
  ProbeFolder() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("hlsnn-fifo-probe-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
  }
  ~ProbeFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ProbeFolder(const ProbeFolder&) = delete;
  ProbeFolder& operator=(const ProbeFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool has_configured_depths(const ir::Graph& graph) {
  if (graph.settings().fifo_depth_mode != ir::FifoDepthMode::kDefault) return true;
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.options.extra.count("fifo_depth") != 0) return true;
  }
  return false;
}

std::string fifo_list(const std::vector<FifoDepthInfo>& fifos) {
  std::string text;
  for (const FifoDepthInfo& fifo : fifos) {
    text += (text.empty() ? "" : ", ") + fifo.name + " (" + fifo.producer + " -> " + fifo.consumer +
            ")";
  }
  return text;
}

}  // namespace

std::map<std::string, int64_t> Model::check_fifos(const backend::WriteOptions& options) {
  const ir::ModelSettings& model_settings = graph_.settings();
  const int64_t limit = model_settings.fifo_depth_limit;
  const std::string where = "io_stream design '" + model_settings.project_name + "'";
  if (!has_configured_depths(graph_)) {
    // The default depths (a sample's words) cannot deadlock: only their size is checked.
    for (const ir::Layer& layer : graph_.layers()) {
      const ir::Shape& shape = layer.output().shape;
      const int64_t words = ir::element_count(shape) / (shape.empty() ? 1 : shape.back());
      if (layer.layer_class != "Input" && words > limit) {
        graph_.add_warning(Error(
            "the FIFO after this layer holds a whole sample by default, " + std::to_string(words) +
                " words, over the FIFO depth limit of " + std::to_string(limit),
            layer.description(),
            "set HLSConfig Model FIFODepth: schedule to size the FIFOs from the dataflow "
            "schedule model, or raise Model FIFODepthLimit"));
      }
    }
    return {};
  }
  // The schedule model runs on the emulation of this very design, written aside first.
  const ProbeFolder probe;
  backend::write_project(graph_, probe.path(), options);
  const fs::path ap_types = settings_.hls_dir / "ap_types";
  const fs::path cache =
      settings_.cache_dir.empty() ? runtime::default_cache_dir() : settings_.cache_dir;
  FifoReport report = analyse_fifos(probe.path(), ap_types, cache);
  std::map<std::string, int64_t> depths;
  if (model_settings.fifo_depth_mode == ir::FifoDepthMode::kSchedule) {
    // Sized from the model, except where a layer sets its own FIFODepth.
    const std::map<std::string, int64_t> sized = sized_depths(report);
    for (const FifoDepthInfo& fifo : report.fifos) {
      const ir::Layer* layer = graph_.find_layer(fifo.layer);
      if (layer == nullptr || layer->options.extra.count("fifo_depth") == 0) {
        depths[fifo.name] = sized.at(fifo.name);
      }
    }
    write_fifo_depths(probe.path(), depths);
    report = analyse_fifos(probe.path(), ap_types, cache);
  }
  if (report.deadlock) {
    std::string waiting;
    for (const std::string& line : report.waiting) waiting += "\n    " + line;
    throw Error(
        "with these FIFO depths the design deadlocks in the dataflow schedule model:" + waiting,
        where,
        "raise the FIFODepth of the layers whose FIFOs are full, or use Model FIFODepth: "
        "schedule (sized by the model) or default (a sample's words per FIFO)");
  }
  std::vector<FifoDepthInfo> too_deep;
  std::vector<FifoDepthInfo> too_shallow;
  for (const FifoDepthInfo& fifo : report.fifos) {
    if (fifo.depth > limit) too_deep.push_back(fifo);
    if (fifo.depth < fifo.needed) too_shallow.push_back(fifo);
  }
  if (!too_deep.empty()) {
    throw Error(
        "FIFO depths over the limit of " + std::to_string(limit) + " words: " + fifo_list(too_deep),
        where,
        "restructure the branches that need them (the schedule model's peak occupancy), "
        "or raise Model FIFODepthLimit");
  }
  if (!too_shallow.empty()) {
    graph_.add_warning(
        Error("FIFOs shallower than the dataflow schedule model needs, which slows "
              "the design (" +
                  std::to_string(report.cycles) + " cycles instead of " +
                  std::to_string(report.cycles_unbounded) + " for " +
                  std::to_string(report.samples) + " samples): " + fifo_list(too_shallow),
              where, "use Model FIFODepth: schedule, or deeper layer FIFODepth"));
  }
  return depths;
}

FifoReport Model::fifo_report(int samples) {
  if (!written_) write();
  return analyse_fifos(
      settings_.output_dir, settings_.hls_dir / "ap_types",
      settings_.cache_dir.empty() ? runtime::default_cache_dir() : settings_.cache_dir, samples);
}

bool Model::compile(const fs::path& ap_types_dir) {
  const fs::path& chosen = ap_types_dir.empty() ? settings_.ap_types_dir : ap_types_dir;
  runtime::EmulatorOptions options;
  options.ap_types_dir = chosen.empty() ? settings_.hls_dir / "ap_types" : chosen;
  if (!fs::is_regular_file(options.ap_types_dir / "ap_fixed.h")) {
    throw Error("no ap_fixed.h in the ap_types folder " + options.ap_types_dir.string(),
                "compile(ap_types_dir)",
                "give a folder holding ap_int.h, ap_fixed.h and hls_stream.h (hlsnn's "
                "hls/ap_types, or the vendor's include folder)");
  }
  settings_.ap_types_dir = chosen;
  if (!written_) write();
  options.cache_dir =
      settings_.cache_dir.empty() ? runtime::default_cache_dir() : settings_.cache_dir;
  options.threads = settings_.threads;
  emulator_ = std::make_unique<runtime::Emulator>(settings_.output_dir, options);
  return emulator_->loaded_from_cache();
}

const project::Manifest& Model::manifest() const {
  if (!emulator_) {
    throw Error("the model is not compiled", settings_.project_name, "call compile() first");
  }
  return emulator_->manifest();
}

template <typename T>
int64_t Model::sample_count(const std::vector<TensorView<T>>& inputs) const {
  const project::Manifest& info = manifest();
  const std::string expected = "expected " + expected_inputs_text(info);
  if (inputs.size() != info.inputs.size()) {
    throw Error("got " + std::to_string(inputs.size()) + " input arrays for a model with " +
                    std::to_string(info.inputs.size()) + " inputs",
                "predict", expected);
  }
  int64_t samples = -1;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const int64_t per_sample = info.inputs[k].element_count();
    const auto size = static_cast<int64_t>(inputs[k].size);
    if (size == 0 || size % per_sample != 0 || (samples >= 0 && size / per_sample != samples)) {
      throw Error("input '" + info.inputs[k].name + "' holds " + std::to_string(size) +
                      " values, not a whole number of samples of " + std::to_string(per_sample) +
                      " values (the same for every input)",
                  "predict", expected);
    }
    samples = size / per_sample;
  }
  return samples;
}

template <typename T>
std::vector<std::vector<T>> Model::run_predict(const std::vector<TensorView<T>>& inputs) {
  if (!emulator_) compile();
  const int64_t samples = sample_count(inputs);
  std::vector<const T*> input_pointers;
  input_pointers.reserve(inputs.size());
  for (const TensorView<T>& input : inputs) input_pointers.push_back(input.data);
  std::vector<std::vector<T>> outputs;
  std::vector<T*> output_pointers;
  output_pointers.reserve(manifest().outputs.size());
  for (const project::TensorInfo& output : manifest().outputs) {
    outputs.emplace_back(static_cast<size_t>(samples * output.element_count()));
    output_pointers.push_back(outputs.back().data());
  }
  emulator_->predict(input_pointers, output_pointers, samples);
  return outputs;
}

std::vector<std::vector<double>> Model::predict(const std::vector<TensorView<double>>& inputs) {
  return run_predict(inputs);
}

std::vector<std::vector<float>> Model::predict(const std::vector<TensorView<float>>& inputs) {
  return run_predict(inputs);
}

std::vector<std::vector<double>> Model::predict(const std::vector<std::vector<double>>& inputs) {
  std::vector<TensorView<double>> views;
  views.reserve(inputs.size());
  for (const std::vector<double>& input : inputs) views.push_back({input.data(), input.size()});
  return run_predict(views);
}

TraceResult Model::trace(const std::vector<TensorView<double>>& inputs) {
  if (!emulator_) compile();
  const int64_t samples = sample_count(inputs);
  std::vector<const double*> input_pointers;
  input_pointers.reserve(inputs.size());
  for (const TensorView<double>& input : inputs) input_pointers.push_back(input.data);
  TraceResult result;
  std::vector<double*> output_pointers;
  for (const project::TensorInfo& output : manifest().outputs) {
    result.outputs.emplace_back(static_cast<size_t>(samples * output.element_count()));
    output_pointers.push_back(result.outputs.back().data());
  }
  std::vector<double*> layer_pointers;
  for (const project::TensorInfo& layer : manifest().traced_layers) {
    result.layer_outputs.emplace_back(
        layer.name, std::vector<double>(static_cast<size_t>(samples * layer.element_count())));
    layer_pointers.push_back(result.layer_outputs.back().second.data());
  }
  emulator_->trace(input_pointers, output_pointers, layer_pointers, samples);
  return result;
}

BuildResult Model::build(const BuildOptions& options,
                         const std::function<void(std::string_view lines)>& on_output) {
  if (!written_) write();
  return run_vendor_build(settings_.output_dir, graph_.settings().backend == ir::Backend::kVitis,
                          options, on_output);
}

}  // namespace hlsnn
