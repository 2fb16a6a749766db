#ifndef HLSNN_BACKEND_CODEGEN_CODEGEN_COMMON_H
#define HLSNN_BACKEND_CODEGEN_CODEGEN_COMMON_H

// Helpers every layer family's code generator uses: config struct members, kernel calls, the
// checks that name the layer. Each family lives in its own <family>_codegen.cpp and registers
// its generators in layer_families.h.

#include <cstdint>
#include <string>

#include "backend/layer_codegen.h"
#include "ir/precision_type.h"

namespace hlsnn::backend::codegen {

/// "  static const unsigned name = value;\n"
std::string unsigned_member(const std::string& name, int64_t value);
/// "  typedef type name;\n"
std::string typedef_member(const std::string& type, const std::string& name);
/// The product policy member of configs whose kernels multiply (nnet::product::mult).
extern const char* const kProductMember;

/// The comment naming the layer and "struct <config> : <base> {\n".
std::string struct_open(const LayerSymbols& layer, const std::string& base);

int64_t reuse_factor(const LayerSymbols& layer);
/// The layer's `table_size` option (default 1024, as in the reference).
int64_t table_size(const LayerSymbols& layer);

/// The attribute (default 1.0) as a C++ double literal that reads back as the same double;
/// throws hlsnn::Error naming the layer when it is not finite.
std::string literal(const LayerSymbols& layer, const std::string& attribute);

/// "  nnet::<function><in_t..., [extra_type,] out_t, config>(in..., [extra_arg,] out);\n"
std::string kernel_call(const LayerSymbols& layer, const std::string& function,
                        const std::string& extra_type = "", const std::string& extra_arg = "");

/// Throws hlsnn::Error naming the layer unless it has exactly `count` inputs.
void require_inputs(const LayerSymbols& layer, size_t count);

/// The `result` type of the layer.
const ir::PrecisionType& result_precision(const LayerSymbols& layer);

/// Where a sliding window (convolution or pooling, keras_sliding_window.h) reads and writes:
/// one-dimensional layers have height 1.
struct WindowGeometry {
  int64_t in_height = 1;
  int64_t in_width = 1;
  int64_t n_chan = 1;
  int64_t height = 1;  ///< of the window
  int64_t width = 1;
  int64_t stride_height = 1;
  int64_t stride_width = 1;
  int64_t pad_top = 0;
  int64_t pad_bottom = 0;
  int64_t pad_left = 0;
  int64_t pad_right = 0;
  int64_t out_height = 1;
  int64_t out_width = 1;
};

/// The layer's window attributes; `window` is "filt" (convolutions) or "pool".
WindowGeometry window_geometry(const ir::Layer& layer, const std::string& window);

/// The config members in_height ... out_width of the geometry, the window's size named
/// <window>_height and <window>_width, each line starting with `indent`.
std::string window_members(const WindowGeometry& geometry, const std::string& window,
                           const std::string& indent);

/// `text` with `indent` put before each of its lines.
std::string indented(const std::string& text, const std::string& indent);

}  // namespace hlsnn::backend::codegen

#endif  // HLSNN_BACKEND_CODEGEN_CODEGEN_COMMON_H
