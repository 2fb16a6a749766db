#include <string>
#include <vector>

#include "cli/batch_inputs.h"
#include "cli/commands.h"
#include "cli/csv_io.h"
#include "cli/npy_io.h"
#include "cli/progress.h"
#include "cli/project_emulator.h"
#include "ir/error.h"

namespace hlsnn::cli {

namespace {

namespace fs = std::filesystem;

struct PredictOptions {
  std::string project_dir;
  std::vector<std::string> input_paths;
  std::vector<std::string> output_paths;
};

/// The outputs of every sample, each in the element type T of the entry point that ran.
template <typename T>
std::vector<std::vector<T>> run(const runtime::Emulator& emulator, const BatchInputs& inputs,
                                const Progress& progress) {
  const project::Manifest& manifest = emulator.manifest();
  std::vector<std::vector<T>> input_values;
  for (const SampleTable& table : inputs.tables) {
    input_values.emplace_back(table.values.begin(), table.values.end());
  }
  std::vector<std::vector<T>> outputs;
  for (const project::TensorInfo& output : manifest.outputs) {
    outputs.emplace_back(static_cast<size_t>(inputs.sample_count * output.element_count()));
  }
  progress.over_samples("predicting", inputs.sample_count, [&](int64_t first, int64_t count) {
    std::vector<const T*> input_pointers;
    for (size_t k = 0; k < input_values.size(); ++k) {
      input_pointers.push_back(input_values[k].data() + first * manifest.inputs[k].element_count());
    }
    std::vector<T*> output_pointers;
    for (size_t k = 0; k < outputs.size(); ++k) {
      output_pointers.push_back(outputs[k].data() + first * manifest.outputs[k].element_count());
    }
    emulator.predict(input_pointers, output_pointers, count);
  });
  return outputs;
}

void run_predict(const PredictOptions& options, const GlobalOptions& global) {
  for (const std::string& path : options.output_paths) check_extension(path, {".npy", ".csv"});
  const Progress progress(global.quiet);
  const auto emulator = load_project(options.project_dir, progress);
  const project::Manifest& manifest = emulator->manifest();
  if (options.output_paths.size() != manifest.outputs.size()) {
    throw Error("the model has " + std::to_string(manifest.outputs.size()) +
                    " output(s), given were " + std::to_string(options.output_paths.size()) + " -o",
                options.project_dir, "give one -o per model output, in order");
  }
  const BatchInputs inputs = read_batch_inputs(options.input_paths, manifest);

  // float32 data runs through the float entry point, as Model::predict does for float arrays.
  std::vector<std::vector<double>> outputs;
  if (inputs.single_precision) {
    for (const auto& values : run<float>(*emulator, inputs, progress)) {
      outputs.emplace_back(values.begin(), values.end());
    }
  } else {
    outputs = run<double>(*emulator, inputs, progress);
  }
  for (size_t k = 0; k < outputs.size(); ++k) {
    SampleTable table;
    table.shape = {inputs.sample_count};
    table.shape.insert(table.shape.end(), manifest.outputs[k].shape.begin(),
                       manifest.outputs[k].shape.end());
    table.values = std::move(outputs[k]);
    table.single_precision = inputs.single_precision;
    const fs::path path = options.output_paths[k];
    path.extension() == ".npy" ? write_npy(path, table) : write_csv(path, table);
  }
}

}  // namespace

void add_predict_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command =
      app.add_subcommand("predict", "Run a project's C simulation on a batch of samples");
  auto options = std::make_shared<PredictOptions>();
  command->add_option("-p,--project", options->project_dir, "Project directory")->required();
  command
      ->add_option("-i,--input", options->input_paths,
                   "Input data: one .npy (float32/float64) or .csv (one sample per row) per model "
                   "input, or one .npz holding them all")
      ->required();
  command
      ->add_option("-o,--output", options->output_paths,
                   "Output file (.npy or .csv); one per "
                   "model output")
      ->required();
  command->callback([options, &global] { run_predict(*options, global); });
}

}  // namespace hlsnn::cli
