#include "frontend/layers/keras_sliding_window.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace hlsnn::frontend {
namespace {

/// A config entry that Keras writes as a list of `dimensions` positive integers (or one integer
/// for all of them); `fallback` when the entry is absent or null.
std::vector<std::int64_t> read_sizes(const Context& context, const char* key, int dimensions,
                                     const std::vector<std::int64_t>& fallback) {
  const json value = context.get<json>(key, json());
  if (value.is_null() && !fallback.empty()) return fallback;
  std::vector<std::int64_t> sizes;
  if (value.is_number_integer()) {
    sizes.assign(static_cast<size_t>(dimensions), value.get<std::int64_t>());
  } else if (value.is_array() && value.size() == static_cast<size_t>(dimensions)) {
    for (const json& entry : value) {
      if (!entry.is_number_integer()) break;
      sizes.push_back(entry.get<std::int64_t>());
    }
  }
  bool positive = sizes.size() == static_cast<size_t>(dimensions);
  for (std::int64_t size : sizes) positive = positive && size >= 1;
  if (!positive) {
    context.fail(std::string("config key '") + key + "' is " + value.dump() + ", expected " +
                     std::to_string(dimensions) + " positive integer(s)",
                 "save the model again with the Keras that trained it");
  }
  return sizes;
}

void refuse_channels_first(const Context& context) {
  const std::string format = context.get<std::string>("data_format", "channels_last");
  if (format != "channels_last") {
    context.fail("data_format '" + format + "' is not supported (only channels_last)",
                 "build the model with data_format='channels_last' (the Keras default) and "
                 "transpose its inputs to (..., channels)");
  }
}

/// Output size and padding of one axis, as Keras computes them.
struct Axis {
  std::int64_t out = 0;
  std::int64_t pad_before = 0;
  std::int64_t pad_after = 0;
};

Axis compute_axis(const Context& context, const std::string& padding, std::int64_t in,
                  std::int64_t window, std::int64_t stride, const char* axis_name) {
  Axis axis;
  if (padding == "valid") {
    if (window > in) {
      context.fail("the window of " + std::to_string(window) + " is larger than the input's " +
                       axis_name + " of " + std::to_string(in) + " with padding 'valid'",
                   "use padding 'same' or a smaller window");
    }
    axis.out = (in - window) / stride + 1;
  } else {
    // 'same' pads evenly, the odd one after; 'causal' (Conv1D) pads everything before.
    axis.out = (in + stride - 1) / stride;
    const std::int64_t total = std::max<std::int64_t>((axis.out - 1) * stride + window - in, 0);
    axis.pad_before = padding == "causal" ? window - 1 : total / 2;
    axis.pad_after = padding == "causal" ? 0 : total - total / 2;
  }
  return axis;
}

const ir::Shape& image_input(const Context& context, int dimensions) {
  const ir::Shape& input = context.only_input_shape();
  if (static_cast<int>(input.size()) != dimensions + 1) {
    context.fail("expects an input of rank " + std::to_string(dimensions + 1) +
                     " (without the batch axis), got " + ir::shape_to_string(input),
                 dimensions == 1 ? "give it a (width, channels) input"
                                 : "give it a (height, width, channels) input");
  }
  return input;
}

}  // namespace

ir::Shape SlidingWindow::output_shape(std::int64_t channels) const {
  if (two_dimensional) return {out_height, out_width, channels};
  return {out_width, channels};
}

void SlidingWindow::set_attributes(ir::Layer& layer, const std::string& window) const {
  layer.set_attribute("in_height", in_height);
  layer.set_attribute("in_width", in_width);
  layer.set_attribute("n_chan", n_chan);
  layer.set_attribute(window + "_height", height);
  layer.set_attribute(window + "_width", width);
  layer.set_attribute("stride_height", stride_height);
  layer.set_attribute("stride_width", stride_width);
  layer.set_attribute("pad_top", pad_top);
  layer.set_attribute("pad_bottom", pad_bottom);
  layer.set_attribute("pad_left", pad_left);
  layer.set_attribute("pad_right", pad_right);
  layer.set_attribute("out_height", out_height);
  layer.set_attribute("out_width", out_width);
}

SlidingWindow read_sliding_window(const Context& context, int dimensions, WindowKind kind) {
  const bool pooling = kind == WindowKind::kPooling;
  const char* size_key = pooling ? "pool_size" : "kernel_size";
  const ir::Shape& input = image_input(context, dimensions);
  refuse_channels_first(context);
  const std::vector<std::int64_t> ones(static_cast<size_t>(dimensions), 1);
  if (context.call.config.contains("dilation_rate") &&
      read_sizes(context, "dilation_rate", dimensions, ones) != ones) {
    context.fail("dilation_rate " + context.call.config["dilation_rate"].dump() +
                     " is not supported (only 1)",
                 "retrain with dilation_rate=1, or widen the kernel with zeros between its taps");
  }
  if (context.get<std::int64_t>("groups", 1) != 1) {
    context.fail("groups=" + std::to_string(context.get<std::int64_t>("groups", 1)) +
                     " is not supported (only 1)",
                 "split the layer into one convolution per group joined by Concatenate");
  }
  const std::vector<std::int64_t> size = read_sizes(context, size_key, dimensions, {});
  // Pooling layers stride by their size when `strides` is null, convolutions by 1.
  const std::vector<std::int64_t> strides =
      read_sizes(context, "strides", dimensions, pooling ? size : ones);
  std::string padding = context.get<std::string>("padding", "valid");
  for (char& letter : padding) letter = static_cast<char>(std::tolower(letter));
  if (padding != "valid" && padding != "same" && (pooling || padding != "causal")) {
    context.fail("padding '" + padding + "' is not supported",
                 pooling ? "use 'valid' or 'same'" : "use 'valid', 'same' or 'causal'");
  }

  SlidingWindow window;
  window.two_dimensional = dimensions == 2;
  window.n_chan = input.back();
  window.in_width = input[input.size() - 2];
  window.width = size.back();
  window.stride_width = strides.back();
  const Axis horizontal =
      compute_axis(context, padding, window.in_width, window.width, window.stride_width, "width");
  window.out_width = horizontal.out;
  window.pad_left = horizontal.pad_before;
  window.pad_right = horizontal.pad_after;
  if (dimensions == 2) {
    window.in_height = input[0];
    window.height = size[0];
    window.stride_height = strides[0];
    const Axis vertical = compute_axis(context, padding, window.in_height, window.height,
                                       window.stride_height, "height");
    window.out_height = vertical.out;
    window.pad_top = vertical.pad_before;
    window.pad_bottom = vertical.pad_after;
  }
  return window;
}

SlidingWindow read_global_window(const Context& context, int dimensions) {
  const ir::Shape& input = image_input(context, dimensions);
  refuse_channels_first(context);
  SlidingWindow window;
  window.two_dimensional = dimensions == 2;
  window.n_chan = input.back();
  window.in_width = window.width = window.stride_width = input[input.size() - 2];
  if (dimensions == 2) window.in_height = window.height = window.stride_height = input[0];
  return window;
}

}  // namespace hlsnn::frontend
