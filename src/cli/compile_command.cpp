#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/project_emulator.h"

namespace hlsnn::cli {

void add_compile_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command =
      app.add_subcommand("compile", "Compile a project's C simulation library (cached by content)");
  auto project_dir = std::make_shared<std::string>();
  command->add_option("-p,--project", *project_dir, "Project directory")->required();
  command->callback([project_dir, &global] {
    const Progress progress(global.quiet);
    const auto emulator = load_project(*project_dir, progress);
    progress.step(std::string(emulator->loaded_from_cache() ? "loaded from cache: " : "built: ") +
                  emulator->library_path().string());
  });
}

}  // namespace hlsnn::cli
