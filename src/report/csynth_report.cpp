#include "report/csynth_report.h"

#include <pugixml.hpp>

#include "input/input_file.h"
#include "input/input_limits.h"
#include "ir/error.h"

namespace hlsnn::report {

namespace {

using json = nlohmann::ordered_json;

// Vivado HLS calls the DSP slices DSP48E, Vitis HLS DSP; both are reported as DSP.
std::string resource_name(const std::string& tag) { return tag == "DSP48E" ? "DSP" : tag; }

pugi::xml_node required(const pugi::xml_node& parent, const char* xpath, const std::string& path) {
  const pugi::xml_node node = parent.select_node(xpath).node();
  if (!node) {
    throw Error(std::string("the C synthesis report has no ") + xpath, path,
                "rerun the synthesis (`hlsnn build -s`); the file may be from an interrupted run");
  }
  return node;
}

}  // namespace

json read_csynth_xml(const std::filesystem::path& path) {
  return parse_csynth_xml(input::read_input_file(path, input::kMaxReportBytes, "report"),
                          path.string());
}

json parse_csynth_xml(const std::string& text, const std::string& path) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(text.data(), text.size());
  if (!parsed) {
    throw Error(std::string("not a readable XML report: ") + parsed.description() + " at byte " +
                    std::to_string(parsed.offset),
                path);
  }
  const pugi::xml_node root = document.document_element();
  json report = json::object();
  report["TargetClockPeriod"] =
      required(root, "UserAssignments/TargetClockPeriod", path).text().get();
  const pugi::xml_node performance = required(root, "PerformanceEstimates", path);
  report["EstimatedClockPeriod"] =
      required(performance, "SummaryOfTimingAnalysis/EstimatedClockPeriod", path).text().get();
  const pugi::xml_node latency = required(performance, "SummaryOfOverallLatency", path);
  report["BestLatency"] = required(latency, "Best-caseLatency", path).text().get();
  report["WorstLatency"] = required(latency, "Worst-caseLatency", path).text().get();
  report["IntervalMin"] = required(latency, "Interval-min", path).text().get();
  report["IntervalMax"] = required(latency, "Interval-max", path).text().get();
  const pugi::xml_node area = required(root, "AreaEstimates", path);
  for (const pugi::xml_node& resource : required(area, "Resources", path).children()) {
    report[resource_name(resource.name())] = resource.text().get();
  }
  for (const pugi::xml_node& resource : required(area, "AvailableResources", path).children()) {
    report["Available" + resource_name(resource.name())] = resource.text().get();
  }
  return report;
}

}  // namespace hlsnn::report
