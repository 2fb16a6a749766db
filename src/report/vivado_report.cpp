#include "report/vivado_report.h"

#include <algorithm>
#include <pugixml.hpp>
#include <sstream>

#include "input/input_file.h"
#include "input/input_limits.h"
#include "ir/error.h"
#include "ir/names.h"
#include "project/manifest.h"
#include "report/csynth_report.h"
#include "report/text_reports.h"

namespace hlsnn::report {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

std::string read_text(const fs::path& path) {
  return input::read_input_file(path, input::kMaxReportBytes, "report");
}

/// hls4ml writes project.tcl with `set project_name "name"`. The name names the vendor project's
/// folder and report files, so it must be an identifier, as hls4ml's are (the top function's).
std::string project_name_from_tcl(const fs::path& path) {
  const std::string text = read_text(path);
  const std::string marker = "set project_name \"";
  const size_t start = text.find(marker);
  const size_t end = start == std::string::npos ? start : text.find('"', start + marker.size());
  if (end == std::string::npos) throw Error("no `set project_name` line", path.string());
  std::string name = text.substr(start + marker.size(), end - start - marker.size());
  if (!ir::is_valid_cpp_identifier(name)) {
    throw Error("the project name " + ir::single_quoted(name) + " is not a C++ identifier",
                path.string(), "give the OutputDir of a project written by hls4ml or hlsnn");
  }
  return name;
}

/// A solution named by the vendor's project file must be a folder of the vendor project itself.
bool is_plain_folder_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of("/\\") == std::string::npos && name.find('\0') == std::string::npos;
}

/// The top function's name, which names the vendor project and its report files.
std::string project_name(const fs::path& project_dir) {
  if (!fs::is_directory(project_dir)) {
    throw Error("the project directory does not exist", project_dir.string(),
                "give the OutputDir of the converted project");
  }
  if (fs::exists(project_dir / project::kManifestFileName)) {
    return project::read_manifest(project_dir).project_name;
  }
  if (fs::exists(project_dir / "project.tcl")) {
    return project_name_from_tcl(project_dir / "project.tcl");
  }
  throw Error("not an HLS project: it holds neither " + std::string(project::kManifestFileName) +
                  " nor project.tcl",
              project_dir.string(), "give the OutputDir of the converted project");
}

/// The solutions the vendor project lists (vivado_hls.app or hls.app), else its folders.
std::vector<std::string> solutions(const fs::path& vendor_dir) {
  std::vector<std::string> names;
  for (const char* file : {"vivado_hls.app", "hls.app"}) {
    std::error_code error;
    if (!fs::is_regular_file(vendor_dir / file, error)) continue;
    const std::string text = read_text(vendor_dir / file);
    pugi::xml_document document;
    if (!document.load_buffer(text.data(), text.size())) continue;
    for (const pugi::xpath_node& solution :
         document.select_nodes("//*[local-name()='solution'][@name]")) {
      const std::string name = solution.node().attribute("name").value();
      if (is_plain_folder_name(name) && fs::is_directory(vendor_dir / name)) {
        names.push_back(name);
      }
    }
    if (!names.empty()) return names;
  }
  if (fs::is_directory(vendor_dir)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(vendor_dir)) {
      if (entry.is_directory() && fs::exists(entry.path() / "syn")) {
        names.push_back(entry.path().filename().string());
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The first of `candidates` that exists, or an empty path.
fs::path first_existing(const std::vector<fs::path>& candidates) {
  for (const fs::path& candidate : candidates) {
    if (fs::is_regular_file(candidate)) return candidate;
  }
  return {};
}

struct ReportFiles {
  fs::path vendor_dir;
  fs::path solution_dir;  // empty when the vendor flow never ran
  std::string top;
};

ReportFiles locate(const fs::path& project_dir) {
  ReportFiles files;
  files.top = project_name(project_dir);
  files.vendor_dir = project_dir / (files.top + "_prj");
  const std::vector<std::string> found = solutions(files.vendor_dir);
  if (!found.empty()) files.solution_dir = files.vendor_dir / found.front();
  return files;
}

std::string build_hint(const fs::path& project_dir, const char* flag, const char* step) {
  return std::string("run `hlsnn build -p ") + project_dir.string() + " " + flag + "` (" + step +
         ")";
}

}  // namespace

ProjectReport parse_vivado_report(const fs::path& project_dir) {
  const ReportFiles files = locate(project_dir);
  ProjectReport result;
  json& sections = result.sections;
  const auto note_missing = [&](const std::string& what, const fs::path& file, const char* flag,
                                const char* step) {
    result.missing.push_back(what + " not found (" + file.string() +
                             "): " + build_hint(project_dir, flag, step));
  };
  for (const auto& [key, file] :
       {std::pair<const char*, const char*>{"CSimResults", "csim_results.log"},
        {"CosimResults", "rtl_cosim_results.log"}}) {
    const fs::path path = project_dir / "tb_data" / file;
    if (fs::is_regular_file(path)) sections[key] = read_results_log(path);
  }

  const fs::path report_dir = files.solution_dir / "syn" / "report";
  const fs::path csynth =
      files.solution_dir.empty()
          ? fs::path()
          : first_existing({report_dir / (files.top + "_csynth.xml"), report_dir / "csynth.xml"});
  if (!csynth.empty()) {
    sections["CSynthesisReport"] = read_csynth_xml(csynth);
  } else {
    note_missing(
        "C synthesis report",
        (files.solution_dir.empty() ? files.vendor_dir / "solution1" : files.solution_dir) / "syn" /
            "report" / (files.top + "_csynth.xml"),
        "-s", "C synthesis");
  }

  const fs::path vsynth = project_dir / "vivado_synth.rpt";
  json vsynth_amounts;
  if (fs::is_regular_file(vsynth)) {
    std::tie(sections["VivadoSynthReport"], vsynth_amounts) = read_vivado_synth_report(vsynth);
  } else {
    note_missing("Vivado synthesis report", vsynth, "-l", "Vivado logic synthesis");
  }

  const fs::path cosim = files.solution_dir / "sim" / "report" / (files.top + "_cosim.rpt");
  if (!files.solution_dir.empty() && fs::is_regular_file(cosim)) {
    sections["CosimReport"] = read_cosim_report(cosim);
  } else {
    note_missing("co-simulation report",
                 files.solution_dir.empty() ? files.vendor_dir / "solution1" / "sim" / "report" /
                                                  (files.top + "_cosim.rpt")
                                            : cosim,
                 "-r", "C/RTL co-simulation");
  }
  result.summary = summarize(sections);
  if (!vsynth_amounts.is_null()) result.summary["VivadoSynth"] = {{"Resources", vsynth_amounts}};
  return result;
}

std::string read_vivado_report(const fs::path& project_dir, bool full_report) {
  const ReportFiles files = locate(project_dir);
  std::vector<std::string> names = solutions(files.vendor_dir);
  if (names.empty()) {
    throw Error("the vendor flow has not run: no solution in " + files.vendor_dir.string(),
                project_dir.string(), build_hint(project_dir, "-cs", "C simulation and synthesis"));
  }
  std::string text = "Found " + std::to_string(names.size()) + " solution(s) in " +
                     files.vendor_dir.string() + ".\n";
  for (const std::string& name : names) {
    const fs::path solution = files.vendor_dir / name;
    text += "Reports for solution \"" + name + "\":\n\n";
    const fs::path csim = solution / "csim" / "report" / (files.top + "_csim.log");
    text += fs::is_regular_file(csim) ? "C SIMULATION RESULT:\n" + read_text(csim) + "\n"
                                      : "C simulation report not found.\n";
    const fs::path synth = solution / "syn" / "report" / (files.top + "_csynth.rpt");
    if (fs::is_regular_file(synth)) {
      text += "SYNTHESIS REPORT:\n";
      std::istringstream lines(read_text(synth));
      int line_number = 0;
      for (std::string line; std::getline(lines, line); ++line_number) {
        if (line_number < 2) continue;  // the report's banner
        if (!full_report && line.find("* DSP48") != std::string::npos) break;
        text += line + "\n";
      }
    } else {
      text += "Synthesis report not found.\n";
    }
    const fs::path cosim = solution / "sim" / "report" / (files.top + "_cosim.rpt");
    text += fs::is_regular_file(cosim) ? "CO-SIMULATION RESULT:\n" + read_text(cosim) + "\n"
                                       : "Co-simulation report not found.\n";
  }
  return text;
}

}  // namespace hlsnn::report
