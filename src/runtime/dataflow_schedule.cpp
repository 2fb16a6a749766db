#include "runtime/dataflow_schedule.h"

#include <algorithm>
#include <limits>
#include <map>

#include "ir/error.h"

namespace hlsnn::runtime {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::min() / 4;

/// One process's progress through its operations (its recorded ones, `samples` times over).
struct ProcessState {
  std::vector<StreamEvent> operations;  ///< one sample's, in program order
  size_t done = 0;                      ///< operations scheduled so far, over all samples
  int64_t last_read = kNever;           ///< cycle of the latest read of any stream
  int64_t last_write = kNever;          ///< cycle of the latest write to any stream
  int64_t last_operation = kNever;
  int64_t sample_start = 0;  ///< earliest cycle of the current sample
  std::map<size_t, int64_t> last_read_of;
  std::map<size_t, int64_t> last_write_of;
};

class Scheduler {
 public:
  Scheduler(const project::Manifest& manifest, const std::vector<StreamEvent>& events, int samples,
            const std::vector<int64_t>& depths)
      : manifest_(manifest), samples_(samples), depths_(depths) {
    std::map<std::string, size_t> process_index;
    for (size_t p = 0; p < manifest.processes.size(); ++p) {
      process_index[manifest.processes[p].name] = p;
    }
    const auto index_of = [&](const std::string& name, const std::string& stream) {
      const auto found = process_index.find(name);
      if (found == process_index.end()) {
        throw Error("stream '" + stream + "' names process '" + name +
                        "', which the manifest does not list",
                    "schedule model", "regenerate the project with this hlsnn");
      }
      return found->second;
    };
    for (const project::StreamInfo& stream : manifest.streams) {
      producer_.push_back(index_of(stream.producer, stream.name));
      consumer_.push_back(index_of(stream.consumer, stream.name));
    }
    if (!depths_.empty() && depths_.size() != manifest.streams.size()) {
      throw Error("got " + std::to_string(depths_.size()) + " depths for " +
                      std::to_string(manifest.streams.size()) + " streams",
                  "schedule model", "give one depth per stream (0: unbounded)");
    }
    processes_.resize(manifest.processes.size());
    for (const StreamEvent& event : events) {
      if (event.stream >= manifest.streams.size()) {
        throw Error("an event names stream " + std::to_string(event.stream) +
                        ", which the manifest does not list",
                    "schedule model", "record the events from this project");
      }
      const size_t process = event.is_write ? producer_[event.stream] : consumer_[event.stream];
      processes_[process].operations.push_back(event);
    }
    result_.write_cycles.resize(manifest.streams.size());
    result_.read_cycles.resize(manifest.streams.size());
  }

  ScheduleResult run() {
    bool progress = true;
    while (progress) {
      progress = false;
      for (size_t p = 0; p < processes_.size(); ++p) {
        while (advance(p)) progress = true;
      }
    }
    for (size_t p = 0; p < processes_.size(); ++p) {
      const ProcessState& state = processes_[p];
      if (state.done < state.operations.size() * static_cast<size_t>(samples_)) {
        result_.deadlock = true;
        result_.waiting.push_back(waiting_line(p));
      }
      result_.cycles = std::max(result_.cycles, state.last_operation + 1);
    }
    result_.peak_occupancy = peak_occupancies();
    return std::move(result_);
  }

 private:
  int64_t depth(size_t stream) const { return depths_.empty() ? 0 : depths_[stream]; }

  /// Schedules the process's next operation if what it waits for has a cycle; false otherwise
  /// (or when it is finished).
  bool advance(size_t p) {
    ProcessState& state = processes_[p];
    const size_t per_sample = state.operations.size();
    if (per_sample == 0 || state.done == per_sample * static_cast<size_t>(samples_)) return false;
    const StreamEvent& event = state.operations[state.done % per_sample];
    const project::ProcessInfo& timing = manifest_.processes[p];
    const size_t s = event.stream;
    if (state.done % per_sample == 0 && state.done > 0) {
      state.sample_start = state.last_operation + 1;
    }
    int64_t cycle = state.sample_start;
    std::vector<int64_t>& writes = result_.write_cycles[s];
    std::vector<int64_t>& reads = result_.read_cycles[s];
    if (event.is_write) {
      const size_t k = writes.size();
      const int64_t d = depth(s);
      if (d > 0 && k >= static_cast<size_t>(d)) {
        if (reads.size() <= k - static_cast<size_t>(d)) return false;  // full
        cycle = std::max(cycle, reads[k - static_cast<size_t>(d)] + 1);
      }
      cycle = std::max(cycle, state.last_write);
      if (state.last_read != kNever) cycle = std::max(cycle, state.last_read + timing.latency);
      const auto previous = state.last_write_of.find(s);
      if (previous != state.last_write_of.end()) {
        cycle = std::max(cycle, previous->second + timing.write_interval);
      }
      writes.push_back(cycle);
      state.last_write = cycle;
      state.last_write_of[s] = cycle;
    } else {
      const size_t k = reads.size();
      if (writes.size() <= k) return false;  // empty
      cycle = std::max({cycle, writes[k] + 1, state.last_read});
      if (state.last_write != kNever) {
        // The pipeline's next iteration starts read_interval after the one that wrote, which
        // started `latency` before its write: a read never runs further ahead of the writes.
        cycle = std::max(cycle, state.last_write + timing.read_interval - timing.latency);
      }
      const auto previous = state.last_read_of.find(s);
      if (previous != state.last_read_of.end()) {
        cycle = std::max(cycle, previous->second + timing.read_interval);
      }
      reads.push_back(cycle);
      state.last_read = cycle;
      state.last_read_of[s] = cycle;
    }
    state.last_operation = std::max(state.last_operation, cycle);
    ++state.done;
    return true;
  }

  std::string waiting_line(size_t p) const {
    const ProcessState& state = processes_[p];
    const StreamEvent& event = state.operations[state.done % state.operations.size()];
    const project::StreamInfo& stream = manifest_.streams[event.stream];
    const size_t writes = result_.write_cycles[event.stream].size();
    const size_t reads = result_.read_cycles[event.stream].size();
    const std::string& name = manifest_.processes[p].name;
    if (event.is_write) {
      return "'" + name + "' waits to write stream '" + stream.name + "', full at depth " +
             std::to_string(depth(event.stream)) + " (its reader '" + stream.consumer + "' took " +
             std::to_string(reads) + " of " + std::to_string(writes) + " words)";
    }
    return "'" + name + "' waits to read stream '" + stream.name + "', empty (its writer '" +
           stream.producer + "' wrote " + std::to_string(writes) + " words, " +
           std::to_string(reads) + " read)";
  }

  /// Per stream: max over its writes of (words written up to that cycle) - (words read before).
  std::vector<int64_t> peak_occupancies() const {
    std::vector<int64_t> peaks(manifest_.streams.size(), 0);
    for (size_t s = 0; s < peaks.size(); ++s) {
      const std::vector<int64_t>& writes = result_.write_cycles[s];
      const std::vector<int64_t>& reads = result_.read_cycles[s];
      size_t read_before = 0;
      for (size_t k = 0; k < writes.size(); ++k) {
        while (read_before < reads.size() && reads[read_before] < writes[k]) ++read_before;
        peaks[s] = std::max(peaks[s], static_cast<int64_t>(k + 1 - read_before));
      }
    }
    return peaks;
  }

  const project::Manifest& manifest_;
  int samples_;
  std::vector<int64_t> depths_;
  std::vector<size_t> producer_;
  std::vector<size_t> consumer_;
  std::vector<ProcessState> processes_;
  ScheduleResult result_;
};

}  // namespace

ScheduleResult run_dataflow_schedule(const project::Manifest& manifest,
                                     const std::vector<StreamEvent>& events, int samples,
                                     const std::vector<int64_t>& depths) {
  if (manifest.streams.empty() || manifest.processes.empty()) {
    throw Error("the project has no streams to schedule", manifest.project_name,
                "the schedule model applies to io_stream designs");
  }
  if (samples < 1) {
    throw Error("cannot schedule " + std::to_string(samples) + " samples", "schedule model",
                "run at least one sample");
  }
  return Scheduler(manifest, events, samples, depths).run();
}

}  // namespace hlsnn::runtime
