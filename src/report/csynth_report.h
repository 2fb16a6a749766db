#ifndef HLSNN_REPORT_CSYNTH_REPORT_H
#define HLSNN_REPORT_CSYNTH_REPORT_H

// The C synthesis report the vendor HLS tool writes as XML (<top>_csynth.xml for Vivado HLS,
// also csynth.xml for Vitis HLS): clock, latency, interval and resource estimates.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace hlsnn::report {

/// The report as hls4ml 1.3's parse_vivado_report gives it under "CSynthesisReport": the XML's
/// texts, unconverted (TargetClockPeriod, EstimatedClockPeriod, BestLatency, WorstLatency,
/// IntervalMin, IntervalMax, then each resource and Available<resource>, DSP48E named DSP).
/// Throws hlsnn::Error naming the file for malformed XML or a missing element.
nlohmann::ordered_json read_csynth_xml(const std::filesystem::path& path);
/// The same from the report's text; `label` names it in errors.
nlohmann::ordered_json parse_csynth_xml(const std::string& text, const std::string& label);

}  // namespace hlsnn::report

#endif  // HLSNN_REPORT_CSYNTH_REPORT_H
