// summarize() and format_summary() of vivado_report.h: the reports' texts as numbers, with
// latency in ns and resources as a share of the part.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "report/vivado_report.h"

namespace hlsnn::report {

namespace {

using json = nlohmann::ordered_json;

/// A report's number, or null for a text such as "undef" or "?" that the tool writes when it
/// cannot tell.
json number(const json& section, const char* key) {
  if (!section.contains(key)) return nullptr;
  const json& value = section[key];
  if (value.is_number()) return value;
  if (!value.is_string()) return nullptr;
  const std::string text = value.get<std::string>();
  char* end = nullptr;
  const double parsed = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0') return nullptr;
  if (parsed == std::floor(parsed) && std::fabs(parsed) < 1e15) {
    return static_cast<int64_t>(parsed);
  }
  return parsed;
}

json times(const json& cycles, const json& clock_period_ns) {
  if (!cycles.is_number() || !clock_period_ns.is_number()) return nullptr;
  return cycles.get<double>() * clock_period_ns.get<double>();
}

json latency(const json& section, const char* min_key, const char* max_key,
             const json& clock_period_ns) {
  json result = json::object();
  result["LatencyMinCycles"] = number(section, min_key);
  result["LatencyMaxCycles"] = number(section, max_key);
  result["LatencyMinNs"] = times(result["LatencyMinCycles"], clock_period_ns);
  result["LatencyMaxNs"] = times(result["LatencyMaxCycles"], clock_period_ns);
  result["IntervalMin"] = number(section, "IntervalMin");
  result["IntervalMax"] = number(section, "IntervalMax");
  return result;
}

std::string format_number(const json& value, const char* unit = "") {
  if (!value.is_number()) return "n/a";
  char text[64];
  if (value.is_number_integer()) {
    std::snprintf(text, sizeof(text), "%lld", static_cast<long long>(value.get<int64_t>()));
  } else {
    std::snprintf(text, sizeof(text), "%.6g", value.get<double>());
  }
  return std::string(text) + unit;
}

std::string row(const std::string& label, const std::string& value) {
  std::string line = "  " + label;
  line += std::string(line.size() < 28 ? 28 - line.size() : 1, ' ');
  return line + value + "\n";
}

std::string resource_rows(const json& resources) {
  std::string text;
  for (const auto& [name, amount] : resources.items()) {
    std::string value = format_number(amount["Used"]);
    if (amount["Available"].is_number()) value += " of " + format_number(amount["Available"]);
    if (amount["Percent"].is_number()) {
      char percent[32];
      std::snprintf(percent, sizeof(percent), " (%.1f%%)", amount["Percent"].get<double>());
      value += percent;
    }
    text += row(name, value);
  }
  return text;
}

std::string latency_rows(const json& section) {
  const auto cycles_and_time = [&](const char* cycles, const char* ns) {
    std::string value = format_number(section[cycles], " cycles");
    if (section[ns].is_number()) value += " (" + format_number(section[ns], " ns") + ")";
    return value;
  };
  return row("Latency min", cycles_and_time("LatencyMinCycles", "LatencyMinNs")) +
         row("Latency max", cycles_and_time("LatencyMaxCycles", "LatencyMaxNs")) +
         row("Interval (II) min", format_number(section["IntervalMin"], " cycles")) +
         row("Interval (II) max", format_number(section["IntervalMax"], " cycles"));
}

}  // namespace

json summarize(const json& sections) {
  json summary = json::object();
  json clock_period_ns = nullptr;
  if (sections.contains("CSynthesisReport")) {
    const json& csynth = sections["CSynthesisReport"];
    clock_period_ns = number(csynth, "TargetClockPeriod");
    json entry = json::object();
    entry["TargetClockPeriodNs"] = clock_period_ns;
    entry["EstimatedClockPeriodNs"] = number(csynth, "EstimatedClockPeriod");
    entry.update(latency(csynth, "BestLatency", "WorstLatency", clock_period_ns));
    json resources = json::object();
    for (const char* name : {"BRAM_18K", "DSP", "FF", "LUT", "URAM"}) {
      if (!csynth.contains(name)) continue;
      const json used = number(csynth, name);
      const json available = number(csynth, ("Available" + std::string(name)).c_str());
      json percent = nullptr;
      if (used.is_number() && available.is_number() && available.get<double>() > 0) {
        percent = 100.0 * used.get<double>() / available.get<double>();
      }
      resources[name] = {{"Used", used}, {"Available", available}, {"Percent", percent}};
    }
    entry["Resources"] = resources;
    summary["CSynthesis"] = entry;
  }
  if (sections.contains("CosimReport") && !sections["CosimReport"].empty()) {
    const json& cosim = sections["CosimReport"];
    json entry = json::object();
    entry["RTL"] = cosim.value("RTL", "");
    entry["Status"] = cosim.value("Status", "");
    entry.update(latency(cosim, "LatencyMin", "LatencyMax", clock_period_ns));
    summary["Cosim"] = entry;
  }
  return summary;
}

std::string format_summary(const json& summary) {
  std::string text;
  if (summary.contains("CSynthesis")) {
    const json& csynth = summary["CSynthesis"];
    text += "C synthesis (estimates)\n";
    text += row("Clock period target", format_number(csynth["TargetClockPeriodNs"], " ns"));
    text += row("Clock period estimated", format_number(csynth["EstimatedClockPeriodNs"], " ns"));
    text += latency_rows(csynth);
    text += resource_rows(csynth["Resources"]);
  }
  if (summary.contains("Cosim")) {
    const json& cosim = summary["Cosim"];
    text += "C/RTL co-simulation\n";
    text += row("Status",
                cosim["Status"].get<std::string>() + " (" + cosim["RTL"].get<std::string>() + ")");
    text += latency_rows(cosim);
  }
  if (summary.contains("VivadoSynth")) {
    text += "Vivado synthesis (utilization)\n";
    text += resource_rows(summary["VivadoSynth"]["Resources"]);
  }
  return text;
}

}  // namespace hlsnn::report
