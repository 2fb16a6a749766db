#include <cstdlib>
#include <iostream>

#include "api/model.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "ir/error.h"
#include "project/manifest.h"
#include "runtime/process.h"

namespace hlsnn::cli {

namespace {

namespace fs = std::filesystem;

struct BuildCommandOptions {
  std::string project_dir;
  BuildOptions steps;
  bool all = false;
};

std::string script_arguments(const BuildOptions& steps) {
  const auto flag = [](const char* name, bool value) {
    return std::string(name) + "=" + (value ? "1" : "0");
  };
  return flag("reset", steps.reset) + " " + flag("csim", steps.csim) + " " +
         flag("synth", steps.synth) + " " + flag("cosim", steps.cosim) + " " +
         flag("validation", steps.validation) + " " + flag("export", steps.export_ip) + " " +
         flag("vsynth", steps.vsynth);
}

// Model::build needs the converted graph; the CLI works from the written project alone, so it
// reads the backend from the manifest and runs the same script with the same tool lookup.
void run_build(BuildCommandOptions options, const GlobalOptions& global) {
  const project::Manifest manifest = project::read_manifest(options.project_dir);
  const bool vitis = manifest.backend == "Vitis";
  const std::string program = vitis ? "vitis_hls" : "vivado_hls";
  const std::string variable = vitis ? "HLSNN_VITIS_HLS" : "HLSNN_VIVADO_HLS";
  const char* override_path = std::getenv(variable.c_str());
  const std::string tool = runtime::find_executable(
      override_path != nullptr && *override_path != '\0' ? override_path : program);
  if (tool.empty()) {
    throw Error(program + " was not found on PATH", "build of " + options.project_dir,
                "install the " + std::string(vitis ? "Vitis" : "Vivado") +
                    " HLS tools and source their settings script, or set " + variable +
                    " to the full path of " + program);
  }
  BuildOptions& steps = options.steps;
  if (options.all) {
    steps.csim = steps.synth = steps.cosim = steps.validation = steps.export_ip = steps.vsynth =
        true;
  } else if (!steps.csim && !steps.synth && !steps.cosim && !steps.validation && !steps.export_ip &&
             !steps.vsynth) {
    steps = BuildOptions{};  // no step named: the default flow (csim and synth)
  }
  Progress(global.quiet).step("running " + tool + " " + script_arguments(steps));
  // build_prj.tcl names its files relative to the project folder; the shell changes into it and
  // takes the folder and tool as positional arguments, never as shell code.
  const runtime::ProcessResult result =
      runtime::run_process({"/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh",
                            fs::absolute(options.project_dir).string(), tool, "-f", "build_prj.tcl",
                            script_arguments(steps)});
  std::cout << result.output;
  if (result.exit_code != 0) {
    throw Error(
        program + " failed with exit code " + std::to_string(result.exit_code),
        "build of " + options.project_dir,
        "see the log above and " + (fs::path(options.project_dir) / (program + ".log")).string());
  }
}

}  // namespace

void add_build_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command = app.add_subcommand(
      "build", "Run the vendor HLS flow on a project (default steps: csim and synth)");
  auto options = std::make_shared<BuildCommandOptions>();
  BuildOptions& steps = options->steps;
  steps.csim = steps.synth = false;  // set by the flags; none given means the default flow
  command->add_option("-p,--project", options->project_dir, "Project directory")->required();
  command->add_flag("-c,--csim", steps.csim, "C simulation");
  command->add_flag("-s,--synth", steps.synth, "C synthesis");
  command->add_flag("-r,--cosim", steps.cosim, "C/RTL co-simulation");
  command->add_flag("-v,--validation", steps.validation, "Compare C and RTL simulation results");
  command->add_flag("-e,--export", steps.export_ip, "Export the design as an IP");
  command->add_flag("-l,--vsynth", steps.vsynth, "Vivado logic synthesis");
  command->add_flag("-a,--all", options->all, "All of the steps above");
  command->callback([options, &global] { run_build(*options, global); });
}

}  // namespace hlsnn::cli
