#include <string>
#include <vector>

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

bool is_npy(const fs::path& path) { return path.extension() == ".npy"; }

void check_extension(const fs::path& path) {
  if (path.extension() != ".npy" && path.extension() != ".csv") {
    throw Error("unknown data file type '" + path.extension().string() + "'", path.string(),
                "use a .npy or a .csv file");
  }
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "(N";
  for (int64_t dim : shape) text += ", " + std::to_string(dim);
  return text + ")";
}

/// The batch size of the inputs; throws naming the file when one does not fit its model input.
int64_t sample_count(const std::vector<SampleTable>& inputs, const PredictOptions& options,
                     const project::Manifest& manifest) {
  int64_t samples = -1;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const project::TensorInfo& expected = manifest.inputs[k];
    const int64_t rows = inputs[k].shape[0];
    const int64_t width = rows == 0 ? 0 : static_cast<int64_t>(inputs[k].values.size()) / rows;
    if (width != expected.element_count()) {
      throw Error("a sample holds " + std::to_string(width) + " values, input '" + expected.name +
                      "' takes " + shape_text(expected.shape) + ", " +
                      std::to_string(expected.element_count()) + " values per sample",
                  options.input_paths[k]);
    }
    if (samples >= 0 && rows != samples) {
      throw Error(
          "holds " + std::to_string(rows) + " samples, the first input " + std::to_string(samples),
          options.input_paths[k]);
    }
    samples = rows;
  }
  return samples;
}

template <typename T>
std::vector<std::vector<T>> run(const runtime::Emulator& emulator,
                                const std::vector<SampleTable>& inputs, int64_t samples) {
  std::vector<std::vector<T>> input_values;
  std::vector<const T*> input_pointers;
  for (const SampleTable& input : inputs) {
    input_values.emplace_back(input.values.begin(), input.values.end());
    input_pointers.push_back(input_values.back().data());
  }
  std::vector<std::vector<T>> outputs;
  std::vector<T*> output_pointers;
  for (const project::TensorInfo& output : emulator.manifest().outputs) {
    outputs.emplace_back(static_cast<size_t>(samples * output.element_count()));
    output_pointers.push_back(outputs.back().data());
  }
  emulator.predict(input_pointers, output_pointers, samples);
  return outputs;
}

void run_predict(const PredictOptions& options, const GlobalOptions& global) {
  for (const std::string& path : options.input_paths) check_extension(path);
  for (const std::string& path : options.output_paths) check_extension(path);
  const Progress progress(global.quiet);
  progress.step("loading " + options.project_dir);
  const auto emulator = load_project(options.project_dir);
  const project::Manifest& manifest = emulator->manifest();
  if (options.input_paths.size() != manifest.inputs.size() ||
      options.output_paths.size() != manifest.outputs.size()) {
    throw Error("the model has " + std::to_string(manifest.inputs.size()) + " input(s) and " +
                    std::to_string(manifest.outputs.size()) + " output(s), given were " +
                    std::to_string(options.input_paths.size()) + " -i and " +
                    std::to_string(options.output_paths.size()) + " -o",
                options.project_dir, "give one -i per model input and one -o per output, in order");
  }

  std::vector<SampleTable> inputs;
  bool all_single_precision = true;
  for (const fs::path path : options.input_paths) {
    inputs.push_back(is_npy(path) ? read_npy(path) : read_csv(path));
    all_single_precision = all_single_precision && inputs.back().single_precision;
  }
  const int64_t samples = sample_count(inputs, options, manifest);
  progress.step("predicting " + std::to_string(samples) + " samples");

  // float32 data runs through the float entry point, as Model::predict does for float arrays.
  std::vector<std::vector<double>> outputs;
  if (all_single_precision) {
    for (const auto& values : run<float>(*emulator, inputs, samples)) {
      outputs.emplace_back(values.begin(), values.end());
    }
  } else {
    outputs = run<double>(*emulator, inputs, samples);
  }
  for (size_t k = 0; k < outputs.size(); ++k) {
    SampleTable table;
    table.shape = {samples};
    table.shape.insert(table.shape.end(), manifest.outputs[k].shape.begin(),
                       manifest.outputs[k].shape.end());
    table.values = std::move(outputs[k]);
    table.single_precision = all_single_precision;
    const fs::path path = options.output_paths[k];
    is_npy(path) ? write_npy(path, table) : write_csv(path, table);
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
                   "Input data (.npy float32/float64, or .csv with one sample per row); one per "
                   "model input")
      ->required();
  command
      ->add_option("-o,--output", options->output_paths,
                   "Output file (.npy or .csv); one per "
                   "model output")
      ->required();
  command->callback([options, &global] { run_predict(*options, global); });
}

}  // namespace hlsnn::cli
