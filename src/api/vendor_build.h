#ifndef HLSNN_API_VENDOR_BUILD_H
#define HLSNN_API_VENDOR_BUILD_H

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace hlsnn {

/// Which steps of the vendor flow a build runs (the arguments of build_prj.tcl).
struct BuildOptions {
  bool reset = false;
  bool csim = true;
  bool synth = true;
  bool cosim = false;
  bool validation = false;
  bool export_ip = false;
  bool vsynth = false;
};

struct BuildResult {
  std::string tool;  ///< full path of the HLS tool that ran
  int exit_code = 0;
  std::string output;  ///< its standard output and error
};

/// Runs a written project's build_prj.tcl with the vendor tool, in the project folder. Vitis
/// projects prefer `vitis-run --mode hls --tcl build_prj.tcl` (Vitis Unified; the steps go into
/// build_opt.tcl, which the script sources) and fall back to `vitis_hls -f build_prj.tcl
/// "<steps>"`; Vivado projects use `vivado_hls -f build_prj.tcl "<steps>"`. $HLSNN_VITIS_RUN,
/// $HLSNN_VITIS_HLS and $HLSNN_VIVADO_HLS, when set, give a tool's path and win over PATH. Throws
/// hlsnn::Error listing every tool and variable looked at when none is found, and with the end of
/// the tool's output when it fails. `on_output`, when given, sees the tool's output line by line
/// while it runs (a synthesis takes minutes to hours).
BuildResult run_vendor_build(const std::filesystem::path& project_dir, bool vitis,
                             const BuildOptions& steps,
                             const std::function<void(std::string_view lines)>& on_output = {});

}  // namespace hlsnn

#endif  // HLSNN_API_VENDOR_BUILD_H
