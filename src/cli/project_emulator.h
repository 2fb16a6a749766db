#ifndef HLSNN_CLI_PROJECT_EMULATOR_H
#define HLSNN_CLI_PROJECT_EMULATOR_H

#include <filesystem>
#include <memory>

#include "cli/progress.h"
#include "runtime/emulator.h"

namespace hlsnn::cli {

/// Compiles (or takes from the cache) and loads a written project, from its directory alone,
/// showing the time a compile takes.
std::unique_ptr<runtime::Emulator> load_project(const std::filesystem::path& project_dir,
                                                const Progress& progress);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_PROJECT_EMULATOR_H
