#ifndef HLSNN_BACKEND_WRITE_PROJECT_H
#define HLSNN_BACKEND_WRITE_PROJECT_H

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backend/generated_files.h"
#include "ir/graph.h"

namespace hlsnn::backend {

/// Samples for the testbench: a .dat file copied as it is, or rows of values (one sample each,
/// all the inputs' or outputs' values in order) written one per line.
struct TestbenchData {
  std::filesystem::path dat_file;
  std::vector<std::vector<double>> rows;
};

struct WriteOptions {
  /// Our kernel headers (`hls/nnet_utils`), copied into firmware/nnet_utils.
  std::filesystem::path nnet_utils_dir;
  /// Replace an existing folder's hlsnn files even when it holds no hlsnn manifest. Files that
  /// hlsnn did not write are kept either way.
  bool overwrite = false;
  /// Recorded in the manifest.
  std::string hlsnn_version;
  /// The HLS config as the user gave it, dumped verbatim to hlsnn_config.json.
  std::string config_json = "{}";
  /// io_stream: FIFO depths by stream name (the manifest's streams) that replace the configured
  /// or default ones, e.g. from the schedule model.
  std::map<std::string, std::int64_t> fifo_depths;
  /// A C++ namespace around the generated code (hls4ml's Namespace); empty for none.
  std::string cpp_namespace;
  /// Weight text files and emulation types (hls4ml's WriteWeightsTxt, WriteEmulationConstants).
  FirmwareOptions firmware;
  /// hls4ml's TBOutputStream.
  TestbenchOutput testbench_output = TestbenchOutput::kBoth;
  /// tb_data/tb_input_features.dat and tb_output_predictions.dat (hls4ml's InputData and
  /// OutputPredictions).
  std::optional<TestbenchData> testbench_inputs;
  std::optional<TestbenchData> testbench_outputs;
  /// Further files the caller describes (path relative to the project, content), e.g.
  /// hlsnn_tables.json.
  std::vector<std::pair<std::filesystem::path, std::string>> extra_files;
};

/// Writes the HLS project of `graph` (every precision concrete, i.e. after the optimization
/// passes) for its backend into `output_dir`: firmware (top function, defines, parameters,
/// weights, kernel headers), emulation bridge, testbench, build_prj.tcl, config dump and manifest.
/// An io_stream graph becomes a DATAFLOW region of stream processes (stream_wiring.h).
/// The graph is not changed. Throws hlsnn::Error for a layer class without a generator, an invalid
/// project name or namespace, testbench rows of the wrong length or an unreadable .dat file, or a
/// non-empty folder that is not an hlsnn project (unless options.overwrite).
void write_project(const ir::Graph& graph, const std::filesystem::path& output_dir,
                   const WriteOptions& options);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_WRITE_PROJECT_H
