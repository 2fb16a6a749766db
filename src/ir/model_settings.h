#ifndef HLSNN_IR_MODEL_SETTINGS_H
#define HLSNN_IR_MODEL_SETTINGS_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ir/layer_options.h"
#include "ir/precision_type.h"

namespace hlsnn::ir {

/// The HLS tool flow a project is written for.
enum class Backend { kVivado, kVitis };

/// How data enters and leaves the top function and moves between layers: whole arrays
/// (io_parallel) or AXI-stream FIFOs (io_stream).
enum class IoType { kParallel, kStream };

/// The top function's scheduling pragma (hls4ml's `PipelineStyle`): `auto` chooses dataflow for
/// io_stream or Resource layers and pipeline otherwise.
enum class PipelineStyle { kAuto, kPipeline, kDataflow };

/// "Vivado" or "Vitis".
std::string_view to_string(Backend backend);
/// "auto", "pipeline" or "dataflow".
std::string_view to_string(PipelineStyle style);
/// Reads "auto", "pipeline" or "dataflow"; throws hlsnn::Error listing them otherwise.
PipelineStyle parse_pipeline_style(std::string_view text);
/// "io_parallel" or "io_stream".
std::string_view to_string(IoType io_type);

/// Reads a backend name ignoring case; throws hlsnn::Error listing Vivado and Vitis otherwise, and
/// saying so for hls4ml's other backends (Quartus, oneAPI, Catapult, ...).
Backend parse_backend(std::string_view text);
/// Reads "io_parallel" or "io_stream" ignoring case; throws hlsnn::Error listing them otherwise.
IoType parse_io_type(std::string_view text);

/// How the FIFOs of an io_stream design are sized (config `Model: FIFODepth`): the words of one
/// sample (the reference tool's default, always deadlock-free), the peak occupancy the dataflow
/// schedule model finds (`schedule`), or one depth for every FIFO (an integer).
enum class FifoDepthMode { kDefault, kSchedule, kUniform };

/// Model-wide settings: the converter's arguments and the config's `Model` section. Per-layer
/// values start from these and are then refined by LayerType and LayerName entries.
struct ModelSettings {
  /// Name of the top function and of the project files; must be a valid C++ identifier.
  std::string project_name = "myproject";
  Backend backend = Backend::kVivado;
  /// FPGA part, written into the synthesis script.
  std::string part = "xcvu13p-flga2577-2-e";
  double clock_period_ns = 5.0;
  /// In nanoseconds ("1.25") or as a percentage of the period ("12.5%"), as the HLS tools take it.
  std::string clock_uncertainty = "12.5%";
  IoType io_type = IoType::kParallel;
  PrecisionType default_precision = PrecisionType::fixed(16, 6);
  /// The widest type `auto` may become (config `Model: Precision: maximum`); none means results
  /// of exact arithmetic take the default precision instead of growing.
  std::optional<PrecisionType> max_precision;
  /// hls4ml's `bit_exact` (config `Model: BitExact`): every type derived from the inputs'
  /// quantizers by exact range analysis, overriding the config's result and accumulator types.
  bool bit_exact = false;
  std::int64_t default_reuse_factor = 1;
  Strategy default_strategy = Strategy::kLatency;
  FifoDepthMode fifo_depth_mode = FifoDepthMode::kDefault;
  /// The depth of every FIFO with FifoDepthMode::kUniform.
  std::int64_t uniform_fifo_depth = 0;
  /// The deepest FIFO (in words) a design may have before the pre-flight check reports it
  /// (config `Model: FIFODepthLimit`).
  std::int64_t fifo_depth_limit = 32768;
  PipelineStyle pipeline_style = PipelineStyle::kAuto;
  /// The top function's initiation interval with the pipeline style; none leaves it to the tool.
  std::optional<std::int64_t> pipeline_interval;

  /// Throws hlsnn::Error naming the config key (ProjectName, Part, ClockPeriod, IOType, ...) of
  /// the first setting that cannot be used. The project name and part end up in generated C++ and
  /// TCL, so they are restricted to characters that cannot inject code there.
  void validate() const;

  /// One line for graph dumps: "myproject: Vivado xcvu13p-... 5 ns (12.5%) io_parallel ...".
  std::string to_string() const;
};

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_MODEL_SETTINGS_H
