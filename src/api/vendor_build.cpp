#include "api/vendor_build.h"

#include <cstdlib>
#include <fstream>
#include <utility>
#include <vector>

#include "ir/error.h"
#include "runtime/process.h"

namespace hlsnn {

namespace fs = std::filesystem;

namespace {

/// One way of running build_prj.tcl: the program, the variable that overrides where it is, and
/// how it receives the build steps.
struct VendorTool {
  std::string program;
  std::string variable;
  /// vitis-run passes no arguments to the script, so the steps go into build_opt.tcl, which
  /// build_prj.tcl sources; the older tools take them as script arguments.
  bool steps_in_file;
};

const std::vector<VendorTool>& tools_for(bool vitis) {
  // Vitis Unified (2023.2 on) runs HLS scripts with vitis-run and deprecates vitis_hls, so it
  // comes first; a machine with only the older tool still builds.
  static const std::vector<VendorTool> vitis_tools = {
      {"vitis-run", "HLSNN_VITIS_RUN", true},
      {"vitis_hls", "HLSNN_VITIS_HLS", false},
  };
  static const std::vector<VendorTool> vivado_tools = {{"vivado_hls", "HLSNN_VIVADO_HLS", false}};
  return vitis ? vitis_tools : vivado_tools;
}

/// The tool to run and its full path. A set override variable wins over PATH (the first one set,
/// in order of preference), and names the tool even when it points nowhere, so that the error
/// says which setting is wrong.
std::pair<VendorTool, std::string> find_tool(bool vitis, const fs::path& project_dir) {
  const std::vector<VendorTool>& tools = tools_for(vitis);
  for (const VendorTool& tool : tools) {
    const char* override_path = std::getenv(tool.variable.c_str());
    if (override_path == nullptr || *override_path == '\0') continue;
    const std::string path = runtime::find_executable(override_path);
    if (path.empty()) {
      throw Error(tool.variable + " is set to " + override_path + ", which is not an executable " +
                      tool.program,
                  "build of " + project_dir.string(),
                  "set " + tool.variable + " to the full path of " + tool.program +
                      ", or unset it to search PATH");
    }
    return {tool, path};
  }
  std::string looked_for;
  std::string variables;
  for (const VendorTool& tool : tools) {
    const std::string path = runtime::find_executable(tool.program);
    if (!path.empty()) return {tool, path};
    looked_for += (looked_for.empty() ? "" : ", ") + tool.program;
    variables += (variables.empty() ? "" : " or ") + tool.variable;
  }
  throw Error("none of " + looked_for + " was found on PATH", "build of " + project_dir.string(),
              "install the " + std::string(vitis ? "Vitis" : "Vivado") +
                  " HLS tools and source their settings script, or set " + variables +
                  " to the full path of the tool");
}

std::vector<std::pair<std::string, bool>> step_flags(const BuildOptions& steps) {
  return {{"reset", steps.reset},           {"csim", steps.csim},
          {"synth", steps.synth},           {"cosim", steps.cosim},
          {"validation", steps.validation}, {"export", steps.export_ip},
          {"vsynth", steps.vsynth}};
}

/// "reset=0 csim=1 ..." for the script's command line.
std::string script_arguments(const BuildOptions& steps) {
  std::string text;
  for (const auto& [name, value] : step_flags(steps)) {
    text += (text.empty() ? "" : " ") + name + "=" + (value ? "1" : "0");
  }
  return text;
}

/// build_opt.tcl: the steps as the `opt` array build_prj.tcl reads.
void write_step_file(const fs::path& project_dir, const BuildOptions& steps) {
  const fs::path path = project_dir / "build_opt.tcl";
  std::ofstream file(path);
  file << "array set opt {\n";
  for (const auto& [name, value] : step_flags(steps)) {
    file << "    " << name << " " << (value ? 1 : 0) << "\n";
  }
  file << "}\n";
  if (!file) {
    throw Error("cannot write " + path.string(), "build of " + project_dir.string(),
                "check that the project folder is writable");
  }
}

/// The last `count` lines of `text`, for errors that must stay readable.
std::string last_lines(const std::string& text, int count) {
  size_t start = text.size();
  for (int found = 0; found <= count && start > 0; ++found) {
    start = text.rfind('\n', start - 1);
    if (start == std::string::npos) return text;
  }
  return text.substr(start + 1);
}

}  // namespace

BuildResult run_vendor_build(const fs::path& project_dir, bool vitis, const BuildOptions& steps,
                             const std::function<void(std::string_view lines)>& on_output) {
  const auto [tool, path] = find_tool(vitis, project_dir);
  std::vector<std::string> command;
  if (tool.steps_in_file) {
    write_step_file(project_dir, steps);
    command = {path, "--mode", "hls", "--tcl", "build_prj.tcl"};
  } else {
    command = {path, "-f", "build_prj.tcl", script_arguments(steps)};
  }
  // build_prj.tcl names its files relative to the project folder. run_process has no working
  // directory, so a shell changes into it; the folder and command are passed as positional
  // arguments, never parsed as shell code.
  std::vector<std::string> argv = {"/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh",
                                   fs::absolute(project_dir).string()};
  argv.insert(argv.end(), command.begin(), command.end());
  const runtime::ProcessResult result = runtime::run_process(argv, on_output);
  if (result.exit_code != 0) {
    throw Error(tool.program + " failed with exit code " + std::to_string(result.exit_code) +
                    ":\n" + last_lines(result.output, 20),
                "build of " + project_dir.string(),
                "see the log files " + tool.program + " wrote in " + project_dir.string());
  }
  return {path, result.exit_code, result.output};
}

}  // namespace hlsnn
