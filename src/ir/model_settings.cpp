#include "ir/model_settings.h"

#include <algorithm>
#include <cmath>

#include "ir/attribute.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::ir {
namespace {

bool is_part_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

/// "1.25" or "12.5%": digits with at most one '.', optionally followed by '%'.
bool is_clock_uncertainty(std::string_view text) {
  if (!text.empty() && text.back() == '%') {
    text.remove_suffix(1);
  }
  if (text.empty() || text.front() == '.' || text.back() == '.') {
    return false;
  }
  if (std::count(text.begin(), text.end(), '.') > 1) {
    return false;
  }
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

}  // namespace

std::string_view to_string(Backend backend) {
  return backend == Backend::kVitis ? "Vitis" : "Vivado";
}

std::string_view to_string(PipelineStyle style) {
  switch (style) {
    case PipelineStyle::kPipeline:
      return "pipeline";
    case PipelineStyle::kDataflow:
      return "dataflow";
    case PipelineStyle::kAuto:
      break;
  }
  return "auto";
}

PipelineStyle parse_pipeline_style(std::string_view text) {
  for (const PipelineStyle style :
       {PipelineStyle::kAuto, PipelineStyle::kPipeline, PipelineStyle::kDataflow}) {
    if (text == to_string(style)) return style;
  }
  throw Error("unknown pipeline style " + single_quoted(text), "",
              "valid choices: auto, pipeline, dataflow");
}

std::string_view to_string(IoType io_type) {
  return io_type == IoType::kStream ? "io_stream" : "io_parallel";
}

Backend parse_backend(std::string_view text) {
  for (const Backend backend : {Backend::kVivado, Backend::kVitis}) {
    if (equals_ignoring_case(text, to_string(backend))) {
      return backend;
    }
  }
  for (const char* other :
       {"VivadoAccelerator", "Quartus", "oneAPI", "Catapult", "Libero", "SymbolicExpression"}) {
    if (equals_ignoring_case(text, other)) {
      throw Error(
          "backend " + single_quoted(text) + " (an hls4ml backend) is not supported by hlsnn", "",
          "use Vivado or Vitis");
    }
  }
  throw Error("unknown backend " + single_quoted(text), "", "valid choices: Vivado, Vitis");
}

IoType parse_io_type(std::string_view text) {
  for (const IoType io_type : {IoType::kParallel, IoType::kStream}) {
    if (equals_ignoring_case(text, to_string(io_type))) {
      return io_type;
    }
  }
  throw Error("unknown io_type " + single_quoted(text), "",
              "valid choices: io_parallel, io_stream");
}

void ModelSettings::validate() const {
  if (!is_valid_cpp_identifier(project_name)) {
    throw Error("project name " + single_quoted(project_name) + " is not a valid C++ identifier",
                "config key ProjectName",
                "use ASCII letters, digits and '_', starting with a letter, not a C++ keyword "
                "(e.g. myproject)");
  }
  if (part.empty() || !std::all_of(part.begin(), part.end(), is_part_character)) {
    throw Error("FPGA part " + single_quoted(part) + " is not a part name", "config key Part",
                "use letters, digits, '-', '_' and '.' only (e.g. xcvu13p-flga2577-2-e)");
  }
  if (!std::isfinite(clock_period_ns) || clock_period_ns <= 0) {
    throw Error("clock period " + format_double(clock_period_ns) + " ns is not positive",
                "config key ClockPeriod", "give the period in nanoseconds, e.g. 5");
  }
  if (!is_clock_uncertainty(clock_uncertainty)) {
    throw Error("clock uncertainty " + single_quoted(clock_uncertainty) + " is not a number",
                "config key ClockUncertainty",
                "give nanoseconds (e.g. 0.625) or a percentage of the period (e.g. 12.5%)");
  }
  if (default_precision.is_auto()) {
    throw Error("the model default precision cannot be 'auto'", "config key Model.Precision",
                "give a concrete type such as ap_fixed<16,6>; 'auto' is for per-layer slots");
  }
  if (default_reuse_factor < 1) {
    throw Error("reuse factor " + std::to_string(default_reuse_factor) + " is less than 1",
                "config key Model.ReuseFactor", "use 1 (fully parallel) or more");
  }
  if (fifo_depth_mode == FifoDepthMode::kUniform && uniform_fifo_depth < 1) {
    throw Error("FIFO depth " + std::to_string(uniform_fifo_depth) + " is less than 1",
                "config key Model.FIFODepth",
                "use a positive number of words, 'default' or "
                "'schedule'");
  }
  if (fifo_depth_limit < 1) {
    throw Error("FIFO depth limit " + std::to_string(fifo_depth_limit) + " is less than 1",
                "config key Model.FIFODepthLimit", "use a positive number of words");
  }
}

std::string ModelSettings::to_string() const {
  return display_name(project_name) + ": " + std::string(ir::to_string(backend)) + " " +
         display_name(part) + ", clock " + format_double(clock_period_ns) + " ns (uncertainty " +
         display_name(clock_uncertainty) + "), " + std::string(ir::to_string(io_type)) +
         ", default precision " + default_precision.to_config() + ", reuse factor " +
         std::to_string(default_reuse_factor) + ", " + std::string(ir::to_string(default_strategy));
}

}  // namespace hlsnn::ir
