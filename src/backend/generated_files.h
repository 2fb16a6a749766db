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

/// What the firmware and weight files hold beyond the graph (hls4ml's WriterConfig).
struct FirmwareOptions {
  /// Also write firmware/weights/<array>.txt, which C simulations other than hlsnn's read at the
  /// top function's first call instead of compiling the constants.
  bool write_weights_txt = false;
  /// inputs_t / outputs_t (tuples of std::array) and <project>_emulator(inputs, outputs).
  bool write_emulation_constants = false;
};

/// firmware/weights/<array>.h: one `static const` array per layer weight; for large ones an
/// <array>.bin of the same values that hlsnn's emulation build embeds; with write_weights_txt an
/// <array>.txt of them too (weights_writer.cpp).
std::vector<GeneratedFile> weight_files(const ProjectSymbols& symbols,
                                        const FirmwareOptions& options);

/// firmware/<project>.cpp and .h, defines.h, parameters.h (firmware_writer.cpp).
std::vector<GeneratedFile> firmware_files(const ProjectSymbols& symbols, const ir::Graph& graph,
                                          const FirmwareOptions& options);

/// The same files for an io_stream design: a DATAFLOW region of processes connected by the
/// wiring's streams (stream_firmware_writer.cpp).
std::vector<GeneratedFile> stream_firmware_files(const ProjectSymbols& symbols,
                                                 const StreamWiring& wiring, const ir::Graph& graph,
                                                 const FirmwareOptions& options);

/// <project>_bridge.cpp implementing project/bridge_abi.h (bridge_writer.cpp); `signature` is the
/// manifest's project::bridge_signature, compiled into the library; `streams` for io_stream
/// designs, whose top function takes and returns streams.
GeneratedFile bridge_file(const ProjectSymbols& symbols, const std::string& signature,
                          bool streams);

/// Where the testbench writes each sample's outputs (hls4ml's TBOutputStream).
enum class TestbenchOutput { kBoth, kStdout, kFile };

/// <project>_test.cpp, the C-simulation testbench (bridge_writer.cpp): runs the samples of
/// tb_data/tb_input_features.dat and, next to tb_data/tb_output_predictions.dat when present,
/// shows the expected and the computed outputs of every 5000th; `streams` as for bridge_file.
GeneratedFile testbench_file(const ProjectSymbols& symbols, TestbenchOutput output, bool streams);

/// build_prj.tcl for the graph's backend (tcl_writer.cpp).
GeneratedFile build_script(const ProjectSymbols& symbols, const ir::ModelSettings& settings);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_GENERATED_FILES_H
