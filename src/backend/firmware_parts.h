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

/// firmware/defines.h: element counts, per-layer types (stream words in io_stream designs) and
/// the top function's argument types.
GeneratedFile defines_header(const ProjectSymbols& symbols, bool streams);

/// firmware/<project>.h declaring the top function with these parameters.
GeneratedFile top_header(const ProjectSymbols& symbols, const std::string& parameters);

/// firmware/parameters.h: the kernel headers and the layers' config structs.
GeneratedFile parameters_header(const std::set<std::string>& kernel_headers,
                                const std::string& configs);

/// The start of firmware/<project>.cpp up to the opening brace of the top function: includes,
/// weights and the emulation-only trace pointer.
std::string top_source_start(const ProjectSymbols& symbols, const std::string& weight_includes,
                             const std::string& parameters);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_FIRMWARE_PARTS_H
