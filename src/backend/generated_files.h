#ifndef HLSNN_BACKEND_GENERATED_FILES_H
#define HLSNN_BACKEND_GENERATED_FILES_H

#include <filesystem>
#include <string>
#include <vector>

#include "backend/project_symbols.h"
#include "backend/stream_wiring.h"

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

/// The same files for an io_stream design: a DATAFLOW region of processes connected by the
/// wiring's streams (stream_firmware_writer.cpp).
std::vector<GeneratedFile> stream_firmware_files(const ProjectSymbols& symbols,
                                                 const StreamWiring& wiring,
                                                 const ir::ModelSettings& settings);

/// <project>_bridge.cpp implementing project/bridge_abi.h (bridge_writer.cpp); `streams` for
/// io_stream designs, whose top function takes and returns streams.
GeneratedFile bridge_file(const ProjectSymbols& symbols, bool streams);

/// <project>_test.cpp, the C-simulation testbench (bridge_writer.cpp).
GeneratedFile testbench_file(const ProjectSymbols& symbols, bool streams);

/// build_prj.tcl for the graph's backend (tcl_writer.cpp).
GeneratedFile build_script(const ProjectSymbols& symbols, const ir::ModelSettings& settings);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_GENERATED_FILES_H
