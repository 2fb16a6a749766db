#ifndef HLSNN_API_VENDOR_BUILD_H
#define HLSNN_API_VENDOR_BUILD_H

#include <filesystem>
#include <string>

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

/// Runs a written project's build_prj.tcl with the vendor tool: vitis_hls for Vitis projects,
/// vivado_hls otherwise, found on PATH or through $HLSNN_VITIS_HLS / $HLSNN_VIVADO_HLS. Throws
/// hlsnn::Error naming the tool and the variable when it is missing, and with the end of the
/// tool's output and its log file when it fails.
BuildResult run_vendor_build(const std::filesystem::path& project_dir, bool vitis,
                             const BuildOptions& steps);

}  // namespace hlsnn

#endif  // HLSNN_API_VENDOR_BUILD_H
