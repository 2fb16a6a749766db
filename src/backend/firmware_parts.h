#ifndef HLSNN_BACKEND_FIRMWARE_PARTS_H
#define HLSNN_BACKEND_FIRMWARE_PARTS_H

// Pieces of the firmware files shared by the io_parallel writer (firmware_writer.cpp) and the
// io_stream one (stream_firmware_writer.cpp).

#include <set>
#include <string>

#include "backend/generated_files.h"
#include "backend/layer_codegen.h"

namespace hlsnn::backend {

/// "// 'name' (Class)\n"
std::string comment_line(const LayerSymbols& layer);

/// "  #pragma HLS <text>\n"
std::string pragma(const std::string& text);

/// firmware/defines.h: element counts, per-layer types (stream words in io_stream designs), the
/// top function's argument types and with write_emulation_constants their tuples.
GeneratedFile defines_header(const ProjectSymbols& symbols, const FirmwareOptions& options,
                             bool streams);

/// firmware/<project>.h declaring the top function with these parameters and with
/// write_emulation_constants <project>_emulator (which for `streams` fills and drains the
/// top function's streams).
GeneratedFile top_header(const ProjectSymbols& symbols, const std::string& parameters,
                         const FirmwareOptions& options, bool streams);

/// firmware/parameters.h: the kernel headers and the layers' config structs.
GeneratedFile parameters_header(const ProjectSymbols& symbols,
                                const std::set<std::string>& kernel_headers,
                                const std::string& configs);

/// Statements that fill every weight array from its text file at the top function's first call
/// (FirmwareOptions::write_weights_txt); empty for a model without weights.
std::string weight_loading(const ProjectSymbols& symbols);

/// firmware/<project>.cpp: includes, weights, the emulation-only trace pointer and `function`
/// (the top function's definition) in the project's namespace.
GeneratedFile top_source(const ProjectSymbols& symbols, const std::string& weight_includes,
                         const std::string& function);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_FIRMWARE_PARTS_H
