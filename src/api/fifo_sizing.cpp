#include "api/fifo_sizing.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ir/error.h"
#include "project/manifest.h"
#include "runtime/dataflow_schedule.h"
#include "runtime/emulator.h"

namespace hlsnn {

namespace fs = std::filesystem;

FifoReport analyse_fifos(const fs::path& project_dir, const fs::path& ap_types_dir,
                         const fs::path& cache_dir, int samples) {
  if (project::read_manifest(project_dir).streams.empty()) {
    throw Error("the project is no io_stream design: it has no FIFOs", project_dir.string(),
                "convert with IOType io_stream");
  }
  runtime::EmulatorOptions options;
  options.ap_types_dir = ap_types_dir;
  options.cache_dir = cache_dir.empty() ? runtime::default_cache_dir() : cache_dir;
  options.threads = 1;
  const runtime::Emulator emulator(project_dir, options);
  const project::Manifest& manifest = emulator.manifest();
  // The order of stream operations does not depend on the values: a sample of zeros.
  std::vector<std::vector<double>> zeros;
  std::vector<const double*> inputs;
  zeros.reserve(manifest.inputs.size());
  inputs.reserve(manifest.inputs.size());
  for (const project::TensorInfo& input : manifest.inputs) {
    zeros.emplace_back(static_cast<size_t>(input.element_count()), 0.0);
  }
  for (const std::vector<double>& input : zeros) inputs.push_back(input.data());
  const std::vector<runtime::StreamEvent> events = emulator.record_stream_events(inputs);

  std::vector<int64_t> depths;
  for (const project::StreamInfo& stream : manifest.streams) depths.push_back(stream.depth);
  const runtime::ScheduleResult unbounded =
      runtime::run_dataflow_schedule(manifest, events, samples);
  const runtime::ScheduleResult bounded =
      runtime::run_dataflow_schedule(manifest, events, samples, depths);

  FifoReport report;
  report.samples = samples;
  report.cycles_unbounded = unbounded.cycles;
  report.deadlock = bounded.deadlock;
  report.waiting = bounded.waiting;
  report.cycles = bounded.deadlock ? 0 : bounded.cycles;
  for (size_t s = 0; s < manifest.streams.size(); ++s) {
    const project::StreamInfo& stream = manifest.streams[s];
    if (stream.depth == 0) continue;  // an argument: the caller's FIFO
    report.fifos.push_back({stream.name, stream.layer, stream.producer, stream.consumer,
                            stream.words, stream.depth, unbounded.peak_occupancy[s]});
  }
  return report;
}

std::map<std::string, int64_t> sized_depths(const FifoReport& report) {
  std::map<std::string, int64_t> depths;
  for (const FifoDepthInfo& fifo : report.fifos) {
    depths[fifo.name] = std::max<int64_t>(1, fifo.needed);
  }
  return depths;
}

void write_fifo_depths(const fs::path& project_dir, const std::map<std::string, int64_t>& depths) {
  project::Manifest manifest = project::read_manifest(project_dir);
  std::map<std::string, int64_t> remaining = depths;
  for (project::StreamInfo& stream : manifest.streams) {
    const auto found = remaining.find(stream.name);
    if (found == remaining.end()) continue;
    if (stream.depth == 0) {
      throw Error("'" + stream.name +
                      "' is an argument of the top function, not a FIFO of the "
                      "design",
                  project_dir.string(), "give depths of the design's FIFOs only");
    }
    stream.depth = found->second;
  }
  const fs::path top = project_dir / "firmware" / (manifest.project_name + ".cpp");
  std::ifstream in(top, std::ios::binary);
  if (!in) throw Error("cannot read the top function", top.string(), "regenerate the project");
  std::ostringstream rewritten;
  std::string line;
  while (std::getline(in, line)) {
    const std::string prefix = "  #pragma HLS STREAM variable=";
    if (line.rfind(prefix, 0) == 0) {
      const size_t name_end = line.find(" depth=", prefix.size());
      const std::string name = line.substr(prefix.size(), name_end - prefix.size());
      const auto found = remaining.find(name);
      if (name_end != std::string::npos && found != remaining.end()) {
        line = prefix + name + " depth=" + std::to_string(found->second);
        remaining.erase(found);
      }
    }
    rewritten << line << "\n";
  }
  in.close();
  if (!remaining.empty()) {
    throw Error("the project has no FIFO '" + remaining.begin()->first + "'", top.string(),
                "name the FIFOs as the manifest's streams do (hlsnn fifo -p DIR lists them)");
  }
  std::ofstream out(top, std::ios::binary | std::ios::trunc);
  out << rewritten.str();
  if (!out.flush()) throw Error("cannot write the top function", top.string(), "check permissions");
  project::write_manifest(manifest, project_dir);
}

std::string format_fifo_report(const FifoReport& report) {
  std::ostringstream text;
  size_t width = 4;
  for (const FifoDepthInfo& fifo : report.fifos) width = std::max(width, fifo.name.size());
  text << "FIFO" << std::string(width - 4 + 2, ' ') << "words/sample  depth  needed  "
       << "producer -> consumer\n";
  for (const FifoDepthInfo& fifo : report.fifos) {
    text << fifo.name << std::string(width - fifo.name.size() + 2, ' ');
    const std::string words = std::to_string(fifo.words);
    const std::string depth = std::to_string(fifo.depth);
    const std::string needed = std::to_string(fifo.needed);
    text << std::string(12 - std::min<size_t>(12, words.size()), ' ') << words << "  "
         << std::string(5 - std::min<size_t>(5, depth.size()), ' ') << depth << "  "
         << std::string(6 - std::min<size_t>(6, needed.size()), ' ') << needed << "  "
         << fifo.producer << " -> " << fifo.consumer
         << (fifo.depth < fifo.needed ? "  (below the schedule model's need)" : "") << "\n";
  }
  text << "schedule model, " << report.samples
       << " samples back to back: " << report.cycles_unbounded << " cycles with unbounded FIFOs, ";
  if (report.deadlock) {
    text << "DEADLOCK with these depths:\n";
    for (const std::string& line : report.waiting) text << "  " << line << "\n";
  } else {
    text << report.cycles << " with these depths\n";
  }
  return text.str();
}

}  // namespace hlsnn
