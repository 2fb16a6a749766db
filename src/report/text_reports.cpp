#include "report/text_reports.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "input/input_file.h"
#include "input/input_limits.h"
#include "ir/error.h"

namespace hlsnn::report {

namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

std::vector<std::string> split_lines(const std::string& text) {
  std::istringstream stream(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::string read_report(const fs::path& path) {
  return input::read_input_file(path, input::kMaxReportBytes, "report");
}

std::string trimmed(const std::string& text) {
  size_t first = 0;
  size_t last = text.size();
  while (first < last && std::isspace(static_cast<unsigned char>(text[first]))) ++first;
  while (last > first && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
  return text.substr(first, last - first);
}

/// The cells of a table row "| a | b |": {"", "a", "b", ""} trimmed, as Python's split('|').
std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream stream(line);
  for (std::string cell; std::getline(stream, cell, '|');) cells.push_back(trimmed(cell));
  if (!line.empty() && line.back() == '|') cells.emplace_back();
  return cells;
}

/// A table cell's number (an integer when it is one), or null for "<0.01", "" and the like.
json number_or_null(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0') return nullptr;
  if (value == std::floor(value) && std::fabs(value) < 1e15) return static_cast<int64_t>(value);
  return value;
}

}  // namespace

json read_cosim_report(const fs::path& path) { return parse_cosim_report(read_report(path)); }

json parse_cosim_report(const std::string& text) {
  json report = json::object();
  for (const std::string& line : split_lines(text)) {
    if (line.find("VHDL") == std::string::npos && line.find("Verilog") == std::string::npos) {
      continue;
    }
    // |   Verilog|      Pass|  min|  avg|  max| min|  avg|  max| total|
    const std::vector<std::string> cells = table_cells(line);
    if (cells.size() < 9 || cells[0] != "" || cells[2] == "NA") continue;
    report["RTL"] = cells[1];
    report["Status"] = cells[2];
    report["LatencyMin"] = cells[3];
    report["LatencyMax"] = cells[5];
    report["IntervalMin"] = cells[6];
    report["IntervalMax"] = cells[8];
  }
  return report;
}

std::pair<json, json> read_vivado_synth_report(const fs::path& path) {
  return parse_vivado_synth_report(read_report(path));
}

std::pair<json, json> parse_vivado_synth_report(const std::string& text) {
  json report = json::object();
  json amounts = json::object();
  int section = 0;
  for (const std::string& line : split_lines(text)) {
    if (line.size() >= 2 && std::isdigit(static_cast<unsigned char>(line[0])) && line[1] == '.') {
      section = line[0] - '0';
    }
    // Phrases such as "CLB Registers" also appear outside the tables.
    if (line.find('|') == std::string::npos) continue;
    const auto contains = [&](const char* text) { return line.find(text) != std::string::npos; };
    std::string key;
    if ((contains("CLB LUTs") || contains("Slice LUTs")) && section == 1) {
      key = "LUT";
    } else if ((contains("CLB Registers") || contains("Slice Registers")) && section == 1) {
      key = "FF";
    } else if (contains("Block RAM Tile") && section == 2) {
      key = "BRAM_18K";
    } else if (contains("URAM") && section == 2) {
      key = "URAM";
    } else if (contains("DSPs") && section == 3) {
      key = "DSP48E";
    } else {
      continue;
    }
    // | Site Type | Used | Fixed | [Prohibited |] Available | Util% |
    const std::vector<std::string> cells = table_cells(line);
    if (cells.size() < 5) continue;
    report[key] = cells[2];
    amounts[key] = {{"Used", number_or_null(cells[2])},
                    {"Available", number_or_null(cells[cells.size() - 3])},
                    {"Percent", number_or_null(cells[cells.size() - 2])}};
  }
  return {report, amounts};
}

json read_results_log(const fs::path& path) { return parse_results_log(read_report(path)); }

json parse_results_log(const std::string& text) {
  json rows = json::array();
  for (const std::string& line : split_lines(text)) {
    json fields = json::array();
    std::istringstream stream(line);
    for (std::string field; stream >> field;) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

}  // namespace hlsnn::report
