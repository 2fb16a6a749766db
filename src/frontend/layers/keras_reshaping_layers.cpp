// Layers that only move values: Flatten, Reshape, Permute, ZeroPadding1D/2D, Cropping1D/2D and
// UpSampling1D/2D (nearest), channels last.

#include <algorithm>
#include <array>
#include <numeric>

#include "frontend/layers/keras_layer_families.h"

namespace hlsnn::frontend {
namespace {

/// The input shape, which must have `rank` axes besides the batch axis.
const ir::Shape& input_of_rank(const Context& context, size_t rank, const std::string& layout) {
  const ir::Shape& input = context.only_input_shape();
  if (input.size() != rank) {
    context.fail(
        "expects a " + layout + " input, got " + ir::batch_shape_to_string(input),
        "feed it a tensor of rank " + std::to_string(rank + 1) + " (the batch axis included)");
  }
  return input;
}

void require_channels_last(const Context& context) {
  const json format = context.get<json>("data_format", json());
  if (format.is_null() || format == "channels_last") return;
  context.fail("data_format " + format.dump() + " is not supported",
               "build the layer with data_format='channels_last' (hlsnn's tensors are channels "
               "last)");
}

/// A (before, after) amount of one axis: `n` means (n, n).
std::pair<int64_t, int64_t> read_pair(const Context& context, const char* key, const json& value) {
  if (value.is_number_integer()) return {value.get<int64_t>(), value.get<int64_t>()};
  if (value.is_array() && value.size() == 2 && value[0].is_number_integer() &&
      value[1].is_number_integer()) {
    return {value[0].get<int64_t>(), value[1].get<int64_t>()};
  }
  context.fail(std::string("config key '") + key + "' has an unexpected value " + value.dump(),
               "give an integer or a pair of integers");
}

/// ((top, bottom), (left, right)) of a 2D padding or cropping: an integer for all four, or one
/// integer or pair per axis.
std::array<int64_t, 4> read_sides_2d(const Context& context, const char* key) {
  const json value = context.get<json>(key, json());
  if (value.is_number_integer()) {
    const int64_t n = value.get<int64_t>();
    return {n, n, n, n};
  }
  if (!value.is_array() || value.size() != 2) {
    context.fail(std::string("config key '") + key + "' has an unexpected value " + value.dump(),
                 "give an integer, or ((top, bottom), (left, right))");
  }
  const auto [top, bottom] = read_pair(context, key, value[0]);
  const auto [left, right] = read_pair(context, key, value[1]);
  return {top, bottom, left, right};
}

void require_non_negative(const Context& context, const char* key,
                          std::initializer_list<int64_t> values) {
  for (int64_t value : values) {
    if (value < 0) {
      context.fail(std::string(key) + " of " + std::to_string(value) + " is negative",
                   "give amounts of 0 or more");
    }
  }
}

/// Throws unless the crop leaves at least one value of an axis of `size`.
void require_kept(const Context& context, const char* axis, int64_t size, int64_t before,
                  int64_t after) {
  if (before + after >= size) {
    context.fail("cropping " + std::to_string(before) + " + " + std::to_string(after) + " of the " +
                     std::to_string(size) + " " + axis + " leaves nothing",
                 "crop less than the axis holds");
  }
}

/// A layer that moves no value (a permutation of axes of size 1, zero padding, factor 1) is
/// a Reshape, which the backend turns into a second name for its input's array.
ir::Layer moving_layer(const Context& context, const std::string& ir_class, ir::Shape output,
                       bool moves_nothing) {
  return context.make_layer(moves_nothing ? "Reshape" : ir_class, std::move(output));
}

/// True when `perm` keeps the axes of `input` longer than 1 in their order.
bool keeps_order(const ir::Shape& input, const std::vector<int64_t>& perm) {
  int64_t previous = -1;
  for (int64_t axis : perm) {
    if (input[static_cast<size_t>(axis)] == 1) continue;
    if (axis < previous) return false;
    previous = axis;
  }
  return true;
}

std::optional<ir::Layer> convert_flatten(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const int64_t elements = ir::element_count(input);
  if (context.get<std::string>("data_format", "channels_last") != "channels_first" ||
      input.size() < 2) {
    return context.make_layer("Reshape", {elements});
  }
  // Keras moves the first axis (the channels of a channels-first tensor) to the end before it
  // flattens, so that the order of the values matches the channels-last model's.
  std::vector<int64_t> perm(input.size());
  std::iota(perm.begin(), perm.end(), 1);
  perm.back() = 0;
  ir::Layer layer = moving_layer(context, "Transpose", {elements}, keeps_order(input, perm));
  layer.set_attribute("perm", perm);
  return layer;
}

std::optional<ir::Layer> convert_reshape(const Context& context) {
  const int64_t elements = ir::element_count(context.only_input_shape());
  ir::Shape target = context.get<ir::Shape>("target_shape", {});
  int64_t known = 1;
  int unknown_axes = 0;
  for (int64_t dimension : target) {
    if (dimension == -1) {
      ++unknown_axes;
    } else {
      known *= dimension;
    }
  }
  if (target.empty() || unknown_axes > 1 || known <= 0 ||
      (unknown_axes == 0 ? known != elements : elements % known != 0)) {
    context.fail("cannot reshape " + ir::shape_to_string(context.only_input_shape()) + " to " +
                     ir::shape_to_string(target),
                 "give a target shape with the same number of elements");
  }
  for (int64_t& dimension : target) {
    if (dimension == -1) dimension = elements / known;
  }
  return context.make_layer("Reshape", target);
}

std::optional<ir::Layer> convert_permute(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const std::vector<int64_t> dims = context.get<std::vector<int64_t>>("dims", {});
  std::vector<int64_t> sorted = dims;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> expected(input.size());
  std::iota(expected.begin(), expected.end(), 1);
  if (sorted != expected) {
    context.fail("dims " + ir::attribute_to_string(ir::make_attribute(dims)) +
                     " is not a permutation of the axes 1.." + std::to_string(input.size()) +
                     " of " + ir::batch_shape_to_string(input),
                 "list every non-batch axis once, counting from 1");
  }
  std::vector<int64_t> perm;
  ir::Shape output;
  for (int64_t dim : dims) {
    perm.push_back(dim - 1);
    output.push_back(input[static_cast<size_t>(dim - 1)]);
  }
  ir::Layer layer = moving_layer(context, "Transpose", output, keeps_order(input, perm));
  layer.set_attribute("perm", perm);
  return layer;
}

std::optional<ir::Layer> convert_zero_padding_1d(const Context& context) {
  require_channels_last(context);
  const ir::Shape& input = input_of_rank(context, 2, "(batch, steps, channels)");
  const auto [left, right] = read_pair(context, "padding", context.get<json>("padding", json(1)));
  require_non_negative(context, "padding", {left, right});
  ir::Layer layer = moving_layer(context, "ZeroPadding1D", {left + input[0] + right, input[1]},
                                 left + right == 0);
  layer.set_attribute("pad_left", left);
  layer.set_attribute("pad_right", right);
  return layer;
}

std::optional<ir::Layer> convert_zero_padding_2d(const Context& context) {
  require_channels_last(context);
  const ir::Shape& input = input_of_rank(context, 3, "(batch, rows, columns, channels)");
  const auto [top, bottom, left, right] = read_sides_2d(context, "padding");
  require_non_negative(context, "padding", {top, bottom, left, right});
  ir::Layer layer = moving_layer(context, "ZeroPadding2D",
                                 {top + input[0] + bottom, left + input[1] + right, input[2]},
                                 top + bottom + left + right == 0);
  layer.set_attribute("pad_top", top);
  layer.set_attribute("pad_bottom", bottom);
  layer.set_attribute("pad_left", left);
  layer.set_attribute("pad_right", right);
  return layer;
}

std::optional<ir::Layer> convert_cropping_1d(const Context& context) {
  const ir::Shape& input = input_of_rank(context, 2, "(batch, steps, channels)");
  const auto [left, right] = read_pair(context, "cropping", context.get<json>("cropping", json(1)));
  require_non_negative(context, "cropping", {left, right});
  require_kept(context, "steps", input[0], left, right);
  ir::Layer layer =
      moving_layer(context, "Cropping1D", {input[0] - left - right, input[1]}, left + right == 0);
  layer.set_attribute("crop_left", left);
  layer.set_attribute("crop_right", right);
  return layer;
}

std::optional<ir::Layer> convert_cropping_2d(const Context& context) {
  require_channels_last(context);
  const ir::Shape& input = input_of_rank(context, 3, "(batch, rows, columns, channels)");
  const auto [top, bottom, left, right] = read_sides_2d(context, "cropping");
  require_non_negative(context, "cropping", {top, bottom, left, right});
  require_kept(context, "rows", input[0], top, bottom);
  require_kept(context, "columns", input[1], left, right);
  ir::Layer layer = moving_layer(context, "Cropping2D",
                                 {input[0] - top - bottom, input[1] - left - right, input[2]},
                                 top + bottom + left + right == 0);
  layer.set_attribute("crop_top", top);
  layer.set_attribute("crop_bottom", bottom);
  layer.set_attribute("crop_left", left);
  layer.set_attribute("crop_right", right);
  return layer;
}

/// Resize layers hold the input as an image: a 1D one has height 1 and factor 1 there.
ir::Layer resize_layer(const Context& context, ir::Shape output, int64_t height_factor,
                       int64_t width_factor) {
  ir::Layer layer =
      moving_layer(context, "Resize", std::move(output), height_factor == 1 && width_factor == 1);
  layer.set_attribute("height_factor", height_factor);
  layer.set_attribute("width_factor", width_factor);
  layer.set_attribute("algorithm", std::string("nearest"));
  return layer;
}

std::optional<ir::Layer> convert_up_sampling_1d(const Context& context) {
  const ir::Shape& input = input_of_rank(context, 2, "(batch, steps, channels)");
  const int64_t size = context.get<int64_t>("size", 2);
  if (size < 1) {
    context.fail("size " + std::to_string(size) + " is below 1", "give a size of 1 or more");
  }
  return resize_layer(context, {input[0] * size, input[1]}, 1, size);
}

std::optional<ir::Layer> convert_up_sampling_2d(const Context& context) {
  require_channels_last(context);
  const ir::Shape& input = input_of_rank(context, 3, "(batch, rows, columns, channels)");
  const std::string interpolation = context.get<std::string>("interpolation", "nearest");
  if (interpolation != "nearest") {
    context.fail("interpolation '" + interpolation + "' is not supported",
                 "use interpolation='nearest', the only one hlsnn (and hls4ml's io_parallel "
                 "designs) implement");
  }
  const auto [rows, columns] = read_pair(context, "size", context.get<json>("size", json(2)));
  if (rows < 1 || columns < 1) {
    context.fail(
        "size (" + std::to_string(rows) + ", " + std::to_string(columns) + ") has a factor below 1",
        "give factors of 1 or more");
  }
  return resize_layer(context, {input[0] * rows, input[1] * columns, input[2]}, rows, columns);
}

}  // namespace

void add_reshaping_converters(ConverterTable& table) {
  table.emplace("Flatten", convert_flatten);
  table.emplace("Reshape", convert_reshape);
  table.emplace("Permute", convert_permute);
  table.emplace("ZeroPadding1D", convert_zero_padding_1d);
  table.emplace("ZeroPadding2D", convert_zero_padding_2d);
  table.emplace("Cropping1D", convert_cropping_1d);
  table.emplace("Cropping2D", convert_cropping_2d);
  table.emplace("UpSampling1D", convert_up_sampling_1d);
  table.emplace("UpSampling2D", convert_up_sampling_2d);
}

void add_reshaping_notes(OptionNotes& notes) {
  notes["Flatten"] =
      "data_format channels_last or channels_first; channels_last is free: an alias of the "
      "input's array";
  notes["Reshape"] = "any target_shape, one -1; free: an alias of the input's array";
  notes["Permute"] =
      "any dims of any rank, at most six groups of neighbouring axes moved apart; free when "
      "only axes of size 1 move";
  notes["ZeroPadding1D"] = "padding n or (left, right); channels_last";
  notes["ZeroPadding2D"] =
      "padding n, (rows, columns) or ((top, bottom), (left, right)); channels_last";
  notes["Cropping1D"] = "cropping n or (left, right)";
  notes["Cropping2D"] =
      "cropping n, (rows, columns) or ((top, bottom), (left, right)); channels_last";
  notes["UpSampling1D"] = "size n (nearest)";
  notes["UpSampling2D"] = "size n or (rows, columns); interpolation nearest; channels_last";
}

}  // namespace hlsnn::frontend
