#ifndef HLSNN_FRONTEND_LAYERS_KERAS_SLIDING_WINDOW_H
#define HLSNN_FRONTEND_LAYERS_KERAS_SLIDING_WINDOW_H

// The geometry convolutions and pooling layers share: a window of filt_height x filt_width (or
// pool_height x pool_width) moved with strides over a channels-last image, padded as Keras pads.
// One-dimensional layers are images of height 1, so every kernel and code generator handles both.

#include <cstdint>
#include <string>

#include "frontend/layers/keras_layer_context.h"

namespace hlsnn::frontend {

struct SlidingWindow {
  bool two_dimensional = false;
  std::int64_t in_height = 1;
  std::int64_t in_width = 1;
  std::int64_t n_chan = 1;
  std::int64_t height = 1;  ///< of the window
  std::int64_t width = 1;
  std::int64_t stride_height = 1;
  std::int64_t stride_width = 1;
  std::int64_t pad_top = 0;
  std::int64_t pad_bottom = 0;
  std::int64_t pad_left = 0;
  std::int64_t pad_right = 0;
  std::int64_t out_height = 1;
  std::int64_t out_width = 1;

  /// The output shape with `channels` channels: {out_width, channels} or {out_height, out_width,
  /// channels}.
  ir::Shape output_shape(std::int64_t channels) const;
  /// Sets in_height, in_width, n_chan, <window>_height, <window>_width, stride_height,
  /// stride_width, pad_top, pad_bottom, pad_left, pad_right, out_height and out_width on the
  /// layer; `window` is "filt" for convolutions and "pool" for pooling.
  void set_attributes(ir::Layer& layer, const std::string& window) const;
};

enum class WindowKind { kConvolution, kPooling };

/// The window of a Keras convolution or pooling layer: its input of rank 2 (width, channels) or 3
/// (height, width, channels) for `dimensions` 1 or 2, its size (`kernel_size` or `pool_size`),
/// `strides` (when null: 1, or a pooling layer's size) and `padding` (valid, same, and causal for
/// convolutions). Refuses, naming the layer and the option: channels_first, dilation_rate other
/// than 1, groups other than 1, and windows that do not fit.
SlidingWindow read_sliding_window(const Context& context, int dimensions, WindowKind kind);

/// The channels-last input of a global pooling layer of `dimensions` 1 or 2, as a window covering
/// it all.
SlidingWindow read_global_window(const Context& context, int dimensions);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_LAYERS_KERAS_SLIDING_WINDOW_H
