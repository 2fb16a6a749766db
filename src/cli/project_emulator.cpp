#include "cli/project_emulator.h"

#include "api/model.h"
#include "ir/error.h"
#include "project/manifest.h"

namespace hlsnn::cli {

std::unique_ptr<runtime::Emulator> load_project(const std::filesystem::path& project_dir,
                                                const Progress& progress) {
  if (!std::filesystem::is_directory(project_dir)) {
    throw Error("the project directory does not exist", project_dir.string(),
                "write it with `hlsnn convert -c cfg.yml`");
  }
  runtime::EmulatorOptions options;
  options.ap_types_dir = default_hls_dir() / "ap_types";
  options.cache_dir = runtime::default_cache_dir();
  std::unique_ptr<runtime::Emulator> emulator;
  progress.while_running("compiling " + project_dir.string() + " (cached by content)", [&] {
    emulator = std::make_unique<runtime::Emulator>(project_dir, options);
  });
  return emulator;
}

}  // namespace hlsnn::cli
