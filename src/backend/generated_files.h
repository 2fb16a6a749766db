#ifndef HLSNN_BACKEND_GENERATED_FILES_H
#define HLSNN_BACKEND_GENERATED_FILES_H

#include <filesystem>
#include <string>
#include <vector>

#include "backend/project_symbols.h"

namespace hlsnn::backend {

/// A file of the project, by its path relative to the project folder.
struct GeneratedFile {
  std::filesystem::path relative_path;
  std::string content;
};

/// firmware/weights/<array>.h: one `static const` array per layer weight (weights_writer.cpp).
std::vector<GeneratedFile> weight_files(const ProjectSymbols& symbols);

/// firmware/<project>.cpp and .h, defines.h, parameters.h (firmware_writer.cpp).
std::vector<GeneratedFile> firmware_files(const ProjectSymbols& symbols,
                                          const ir::ModelSettings& settings);

/// <project>_bridge.cpp implementing project/bridge_abi.h (bridge_writer.cpp); `signature` is the
/// manifest's project::bridge_signature, compiled into the library.
GeneratedFile bridge_file(const ProjectSymbols& symbols, const std::string& signature);

/// <project>_test.cpp, the C-simulation testbench (bridge_writer.cpp).
GeneratedFile testbench_file(const ProjectSymbols& symbols);

/// build_prj.tcl for the graph's backend (tcl_writer.cpp).
GeneratedFile build_script(const ProjectSymbols& symbols, const ir::ModelSettings& settings);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_GENERATED_FILES_H
