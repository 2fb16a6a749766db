#ifndef HLSNN_REPORT_TEXT_REPORTS_H
#define HLSNN_REPORT_TEXT_REPORTS_H

// The vendor's plain-text reports, read into the dictionaries of hls4ml 1.3's
// parse_vivado_report (values kept as the report's text).

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace hlsnn::report {

/// <top>_cosim.rpt: RTL, Status, LatencyMin, LatencyMax, IntervalMin, IntervalMax of the first
/// language (VHDL or Verilog) that was simulated. Empty when none was.
nlohmann::ordered_json read_cosim_report(const std::filesystem::path& path);

/// vivado_synth.rpt (Vivado's utilization report): LUT, FF from section 1, BRAM_18K (Block RAM
/// tiles), URAM from section 2, DSP48E from section 3, each as the "Used" column. The second
/// object holds, under the same keys, {Used, Available, Percent} as numbers where the table
/// gives them.
std::pair<nlohmann::ordered_json, nlohmann::ordered_json> read_vivado_synth_report(
    const std::filesystem::path& path);

/// A results log of the testbench: one list of whitespace-separated fields per line.
nlohmann::ordered_json read_results_log(const std::filesystem::path& path);

/// The same three from a report's text (the files are read whole, up to kMaxReportBytes).
nlohmann::ordered_json parse_cosim_report(const std::string& text);
std::pair<nlohmann::ordered_json, nlohmann::ordered_json> parse_vivado_synth_report(
    const std::string& text);
nlohmann::ordered_json parse_results_log(const std::string& text);

}  // namespace hlsnn::report

#endif  // HLSNN_REPORT_TEXT_REPORTS_H
