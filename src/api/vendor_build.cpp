#include "api/vendor_build.h"

#include <cstdlib>

#include "ir/error.h"
#include "runtime/process.h"

namespace hlsnn {

namespace fs = std::filesystem;

namespace {

std::string script_arguments(const BuildOptions& steps) {
  const auto flag = [](const char* name, bool value) {
    return std::string(name) + "=" + (value ? "1" : "0");
  };
  return flag("reset", steps.reset) + " " + flag("csim", steps.csim) + " " +
         flag("synth", steps.synth) + " " + flag("cosim", steps.cosim) + " " +
         flag("validation", steps.validation) + " " + flag("export", steps.export_ip) + " " +
         flag("vsynth", steps.vsynth);
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

BuildResult run_vendor_build(const fs::path& project_dir, bool vitis, const BuildOptions& steps) {
  const std::string program = vitis ? "vitis_hls" : "vivado_hls";
  const std::string variable = vitis ? "HLSNN_VITIS_HLS" : "HLSNN_VIVADO_HLS";
  const char* override_path = std::getenv(variable.c_str());
  const std::string tool = runtime::find_executable(
      override_path != nullptr && *override_path != '\0' ? override_path : program);
  if (tool.empty()) {
    throw Error(program + " was not found on PATH", "build of " + project_dir.string(),
                "install the " + std::string(vitis ? "Vitis" : "Vivado") +
                    " HLS tools and source their settings script, or set " + variable +
                    " to the full path of " + program);
  }
  // build_prj.tcl names its files relative to the project folder. run_process has no working
  // directory, so a shell changes into it; the folder and tool are passed as positional
  // arguments, never parsed as shell code.
  const runtime::ProcessResult result = runtime::run_process(
      {"/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh",
       fs::absolute(project_dir).string(), tool, "-f", "build_prj.tcl", script_arguments(steps)});
  if (result.exit_code != 0) {
    throw Error(program + " failed with exit code " + std::to_string(result.exit_code) + ":\n" +
                    last_lines(result.output, 20),
                "build of " + project_dir.string(),
                "see " + (project_dir / (program + ".log")).string());
  }
  return {tool, result.exit_code, result.output};
}

}  // namespace hlsnn
