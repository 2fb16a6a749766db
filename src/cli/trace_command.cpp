#include <string>
#include <vector>

#include "cli/batch_inputs.h"
#include "cli/commands.h"
#include "cli/npz_io.h"
#include "cli/progress.h"
#include "cli/project_emulator.h"
#include "ir/names.h"

namespace hlsnn::cli {

namespace {

struct TraceOptions {
  std::string project_dir;
  std::vector<std::string> input_paths;
  std::string output_path;
};

std::vector<int64_t> batch_shape(int64_t samples, const project::TensorInfo& tensor) {
  std::vector<int64_t> shape = {samples};
  shape.insert(shape.end(), tensor.shape.begin(), tensor.shape.end());
  return shape;
}

/// The member of the trace archive listing the layer names, in the order of the other members.
constexpr char kLayerNamesMember[] = "hlsnn_layer_names";

/// Layer names come from the model file: they name zip members only as safe identifiers (a layer
/// named "../x" must not become a path for a naive unzipper). A name that is already a short
/// identifier, as Keras names are, is kept, so trace["dense"] works; the others get a cleaned name
/// with a hash (ir::sanitize_identifier), and hlsnn_layer_names keeps every original name.
void name_members_safely(std::vector<NamedTable>& layers) {
  ir::IdentifierTable members;
  members.reserve(kLayerNamesMember);
  for (NamedTable& layer : layers) layer.first = members.assign(layer.first);
}

// As Python's ModelGraph.trace: float64 values whatever the input type, one array per traced
// layer keyed by its name.
void run_trace(const TraceOptions& options, const GlobalOptions& global) {
  check_extension(options.output_path, {".npz"});
  const Progress progress(global.quiet);
  const auto emulator = load_project(options.project_dir, progress);
  const project::Manifest& manifest = emulator->manifest();
  const BatchInputs inputs = read_batch_inputs(options.input_paths, manifest);
  const int64_t samples = inputs.sample_count;

  std::vector<std::vector<double>> outputs;
  for (const project::TensorInfo& output : manifest.outputs) {
    outputs.emplace_back(static_cast<size_t>(samples * output.element_count()));
  }
  std::vector<NamedTable> layers;
  for (const project::TensorInfo& layer : manifest.traced_layers) {
    SampleTable table;
    table.shape = batch_shape(samples, layer);
    table.values.resize(static_cast<size_t>(samples * layer.element_count()));
    layers.emplace_back(layer.name, std::move(table));
  }
  progress.over_samples("tracing", samples, [&](int64_t first, int64_t count) {
    std::vector<const double*> input_pointers;
    for (size_t k = 0; k < inputs.tables.size(); ++k) {
      input_pointers.push_back(inputs.tables[k].values.data() +
                               first * manifest.inputs[k].element_count());
    }
    std::vector<double*> output_pointers;
    for (size_t k = 0; k < outputs.size(); ++k) {
      output_pointers.push_back(outputs[k].data() + first * manifest.outputs[k].element_count());
    }
    std::vector<double*> layer_pointers;
    for (size_t j = 0; j < layers.size(); ++j) {
      layer_pointers.push_back(layers[j].second.values.data() +
                               first * manifest.traced_layers[j].element_count());
    }
    emulator->trace(input_pointers, output_pointers, layer_pointers, count);
  });
  std::vector<std::string> layer_names;
  for (const NamedTable& layer : layers) layer_names.push_back(layer.first);
  name_members_safely(layers);
  write_npz(options.output_path, layers, {{kLayerNamesMember, layer_names}});
}

}  // namespace

void add_trace_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command = app.add_subcommand(
      "trace", "Run a project's C simulation and save every traced layer's output (.npz)");
  auto options = std::make_shared<TraceOptions>();
  command->add_option("-p,--project", options->project_dir, "Project directory")->required();
  command
      ->add_option("-i,--input", options->input_paths,
                   "Input data: one .npy or .csv per model input, or one .npz holding them all")
      ->required();
  command
      ->add_option("-o,--output", options->output_path,
                   "Output .npz: one float64 array per traced layer, keyed by layer name (made a "
                   "safe identifier when it is not one), and hlsnn_layer_names, the layer names "
                   "in member order")
      ->required();
  command->callback([options, &global] { run_trace(*options, global); });
}

}  // namespace hlsnn::cli
