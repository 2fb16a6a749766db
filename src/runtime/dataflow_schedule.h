#ifndef HLSNN_RUNTIME_DATAFLOW_SCHEDULE_H
#define HLSNN_RUNTIME_DATAFLOW_SCHEDULE_H

// The dataflow schedule model of io_stream designs: FIFO depths without a vendor tool.
//
// Input: the stream operations of one sample as the C simulation makes them (every process runs
// to its end before the next, so each process's reads and writes appear in its program order),
// and per process the figures of the manifest (backend/stream_timing.h): read interval, write
// interval and latency. The model gives every operation a cycle:
//   - the k-th read of stream s happens at least one cycle after the k-th write of s (a FIFO
//     passes a word on in one cycle), at least read_interval after the process's previous read
//     of s, not before the process's previous read of any stream, and at least read_interval -
//     latency after the process's previous write (the pipeline's next iteration starts
//     read_interval after the one that wrote, which started `latency` before its write: a
//     kernel that writes padding, or several words per word read, cannot read ahead);
//   - a write happens at least write_interval after the process's previous write to that stream,
//     not before its previous write to any stream, and at least `latency` after the last read the
//     process made before it (a process without reads, the caller feeding an input, writes one
//     word per cycle from cycle 0);
//   - with FIFO depths, the k-th write of s waits until the (k - depth)-th read of s happened in
//     an earlier cycle (a full FIFO frees a place only after the read's cycle);
//   - a process starts the next sample only after the cycle of its last operation of the
//     previous one (a dataflow process finishes its call before it is called again).
// Without depths (unbounded FIFOs) no write ever waits, and a FIFO's peak occupancy is the largest
// number of words written up to and including a cycle minus those read before it: the depth at
// which the bounded design runs in exactly the unbounded schedule (so no depth below it is
// produced). With depths, a state in which every unfinished process waits for another is a
// deadlock, reported with what each process waits for.
//
// Where the model can be wrong: its per-process figures are estimates (the vendor tool may
// schedule a kernel with another latency or interval, e.g. at another clock target); it takes a
// process as one pipeline in which reads and writes keep their C-simulation order, so a kernel
// whose hardware reorders them (or reads the next row while it still computes the last) gets
// other times; data never changes the order of stream operations (true of every hlsnn kernel).
// Depths from the model are then too small or too large for the real schedule by the difference
// in timing; a too small one costs throughput, and in a design with reconverging branches can
// deadlock: keep a margin (or the default depths) there.

#include <cstdint>
#include <string>
#include <vector>

#include "project/manifest.h"

namespace hlsnn::runtime {

/// One stream operation: the index of the stream in the manifest's `streams`, and whether it
/// writes (else reads) a word.
struct StreamEvent {
  size_t stream = 0;
  bool is_write = false;
};

struct ScheduleResult {
  /// True when the processes stopped waiting for each other before finishing.
  bool deadlock = false;
  /// What each process stuck in a deadlock waits for, one line each.
  std::vector<std::string> waiting;
  /// Per manifest stream: the peak occupancy in words (see the header comment).
  std::vector<int64_t> peak_occupancy;
  /// Per manifest stream: the cycle of each write and of each read, in order (for tests and
  /// reports).
  std::vector<std::vector<int64_t>> write_cycles;
  std::vector<std::vector<int64_t>> read_cycles;
  /// The cycle after the last operation: the schedule's length for the samples run.
  int64_t cycles = 0;
};

/// Runs the model on `events` (one sample) repeated for `samples` samples. `depths` (one per
/// manifest stream; 0 means unbounded, as for the top function's arguments) bounds the FIFOs;
/// empty means every FIFO is unbounded. Throws hlsnn::Error when an event names a stream or a
/// process the manifest does not know, or the processes' timing is missing.
ScheduleResult run_dataflow_schedule(const project::Manifest& manifest,
                                     const std::vector<StreamEvent>& events, int samples,
                                     const std::vector<int64_t>& depths = {});

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_DATAFLOW_SCHEDULE_H
