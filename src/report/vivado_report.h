#ifndef HLSNN_REPORT_VIVADO_REPORT_H
#define HLSNN_REPORT_VIVADO_REPORT_H

// The reports the vendor flow (`hlsnn build`) leaves in a project, found from the project
// directory alone: Vivado HLS and Vitis HLS layouts, and projects written by hls4ml.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hlsnn::report {

struct ProjectReport {
  /// As hls4ml 1.3's parse_vivado_report returns it: CSimResults, CosimResults,
  /// CSynthesisReport, VivadoSynthReport, CosimReport, each present when its file is.
  nlohmann::ordered_json sections = nlohmann::ordered_json::object();
  /// Numbers for people and scripts: latency in cycles and ns, interval, and every resource
  /// with the amount the part has and the percentage used (see summarize()).
  nlohmann::ordered_json summary = nlohmann::ordered_json::object();
  /// One sentence per report not found, naming the file and the build step that writes it.
  std::vector<std::string> missing;
};

/// Throws hlsnn::Error for a directory that does not exist or holds no project (neither an
/// hlsnn manifest nor hls4ml's project.tcl), or a report that cannot be read.
ProjectReport parse_vivado_report(const std::filesystem::path& project_dir);

/// The text hls4ml 1.3's read_vivado_report prints: the C simulation log, the C synthesis
/// report (up to its DSP48 section unless `full_report`) and the co-simulation report, of every
/// solution, with a line for each one not found.
std::string read_vivado_report(const std::filesystem::path& project_dir, bool full_report);

/// The summary of hls4ml-shaped sections (what ProjectReport::summary holds).
nlohmann::ordered_json summarize(const nlohmann::ordered_json& sections);

/// The summary as aligned text tables.
std::string format_summary(const nlohmann::ordered_json& summary);

}  // namespace hlsnn::report

#endif  // HLSNN_REPORT_VIVADO_REPORT_H
