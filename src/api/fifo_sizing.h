#ifndef HLSNN_API_FIFO_SIZING_H
#define HLSNN_API_FIFO_SIZING_H

// FIFO depths of io_stream designs without a vendor tool: the project's emulation runs one
// sample while its streams record every read and write, and the dataflow schedule model
// (runtime/dataflow_schedule.h, whose header says what it assumes) times them.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace hlsnn {

/// The schedule model's view of one FIFO of the design.
struct FifoDepthInfo {
  std::string name;  ///< the stream, as in the generated code
  std::string layer;
  std::string producer;
  std::string consumer;
  int64_t words = 0;   ///< words per sample
  int64_t depth = 0;   ///< as written in the project
  int64_t needed = 0;  ///< peak occupancy in the schedule model: the depth sizing writes
};

struct FifoReport {
  std::vector<FifoDepthInfo> fifos;  ///< the design's FIFOs (not the top function's arguments)
  int samples = 0;                   ///< back-to-back samples the model ran
  int64_t cycles_unbounded = 0;      ///< the schedule's length with unbounded FIFOs
  int64_t cycles = 0;                ///< with the project's depths (when no deadlock)
  bool deadlock = false;             ///< with the project's depths
  std::vector<std::string> waiting;  ///< what each process waits for in that deadlock
};

/// Runs the schedule model on the written io_stream project in `project_dir`, compiled (or taken
/// from the compile cache) against hlsnn's headers in `ap_types_dir`, for `samples` samples
/// back to back. Throws hlsnn::Error for an io_parallel project.
FifoReport analyse_fifos(const std::filesystem::path& project_dir,
                         const std::filesystem::path& ap_types_dir,
                         const std::filesystem::path& cache_dir, int samples = 2);

/// The depth sizing writes for each FIFO: the model's peak occupancy (at least 1).
std::map<std::string, int64_t> sized_depths(const FifoReport& report);

/// Rewrites the FIFO depths of the written project in place (the STREAM pragmas of the top
/// function and the manifest); names not in the project are an error.
void write_fifo_depths(const std::filesystem::path& project_dir,
                       const std::map<std::string, int64_t>& depths);

/// The report as a table, one FIFO a line.
std::string format_fifo_report(const FifoReport& report);

}  // namespace hlsnn

#endif  // HLSNN_API_FIFO_SIZING_H
