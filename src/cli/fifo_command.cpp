#include <iostream>

#include "api/fifo_sizing.h"
#include "api/model.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "runtime/emulator.h"

namespace hlsnn::cli {

void add_fifo_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command = app.add_subcommand(
      "fifo",
      "FIFO depths of an io_stream project from the dataflow schedule model (no vendor tool)");
  auto project_dir = std::make_shared<std::string>();
  auto samples = std::make_shared<int>(2);
  auto apply = std::make_shared<bool>(false);
  command->add_option("-p,--project", *project_dir, "Project directory")->required();
  command->add_option("-n,--samples", *samples, "Samples the model runs back to back")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->add_flag("--apply", *apply,
                    "Write the model's depths into the project (STREAM pragmas and manifest)");
  command->callback([project_dir, samples, apply, &global] {
    const Progress progress(global.quiet);
    const std::filesystem::path hls_types = default_hls_dir() / "ap_types";
    const std::filesystem::path cache = runtime::default_cache_dir();
    progress.step("running the schedule model on " + *project_dir);
    FifoReport report = analyse_fifos(*project_dir, hls_types, cache, *samples);
    if (*apply) {
      write_fifo_depths(*project_dir, sized_depths(report));
      report = analyse_fifos(*project_dir, hls_types, cache, *samples);
      progress.step("wrote the depths into " + *project_dir);
    }
    std::cout << format_fifo_report(report);
  });
}

}  // namespace hlsnn::cli
