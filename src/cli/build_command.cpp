#include <chrono>
#include <iostream>
#include <string_view>

#include "api/vendor_build.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "project/manifest.h"

namespace hlsnn::cli {

namespace {

struct BuildCommandOptions {
  std::string project_dir;
  BuildOptions steps;
  bool all = false;
};

// Model::build needs the converted graph; the CLI works from the written project alone, so it
// reads the backend from the manifest.
void run_build(BuildCommandOptions options, const GlobalOptions& global) {
  const project::Manifest manifest = project::read_manifest(options.project_dir);
  BuildOptions& steps = options.steps;
  if (options.all) {
    steps.csim = steps.synth = steps.cosim = steps.validation = steps.export_ip = steps.vsynth =
        true;
  } else if (!steps.csim && !steps.synth && !steps.cosim && !steps.validation && !steps.export_ip &&
             !steps.vsynth) {
    steps = BuildOptions{};  // no step named: the default flow (csim and synth)
  }
  // The tool's own output is its progress: it goes to stdout line by line as it comes.
  const Progress progress(global.quiet);
  progress.step("running the " + manifest.backend + " HLS flow");
  const auto start = std::chrono::steady_clock::now();
  run_vendor_build(options.project_dir, manifest.backend == "Vitis", steps,
                   [](std::string_view lines) { std::cout << lines << std::flush; });
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
  progress.step("the " + manifest.backend + " HLS flow finished in " +
                std::to_string(seconds.count()) + " s");
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
