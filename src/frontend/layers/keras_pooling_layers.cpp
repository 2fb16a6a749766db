// MaxPooling1D/2D, AveragePooling1D/2D, GlobalMaxPooling1D/2D and GlobalAveragePooling1D/2D,
// channels last, as Pooling1D/2D and GlobalPooling1D/2D layers with `pool_op` max or average.

#include "frontend/layers/keras_layer_families.h"
#include "frontend/layers/keras_sliding_window.h"

namespace hlsnn::frontend {
namespace {

std::string dimension_suffix(int dimensions) { return std::to_string(dimensions) + "D"; }

}  // namespace

std::optional<ir::Layer> convert_pooling(const Context& context, int dimensions,
                                         const std::string& op) {
  const SlidingWindow window = read_sliding_window(context, dimensions, WindowKind::kPooling);
  ir::Layer layer = context.make_layer("Pooling" + dimension_suffix(dimensions),
                                       window.output_shape(window.n_chan));
  window.set_attributes(layer, "pool");
  layer.set_attribute("n_filt", window.n_chan);
  layer.set_attribute("pool_op", op);
  return layer;
}

std::optional<ir::Layer> convert_global_pooling(const Context& context, int dimensions,
                                                const std::string& op) {
  const SlidingWindow window = read_global_window(context, dimensions);
  ir::Shape output = {window.n_chan};
  if (context.get<bool>("keepdims", false)) {
    output = dimensions == 2 ? ir::Shape{1, 1, window.n_chan} : ir::Shape{1, window.n_chan};
  }
  ir::Layer layer = context.make_layer("GlobalPooling" + dimension_suffix(dimensions), output);
  window.set_attributes(layer, "pool");
  layer.set_attribute("n_filt", window.n_chan);
  layer.set_attribute("pool_op", op);
  return layer;
}

void add_pooling_notes(OptionNotes& notes) {
  for (int dimensions : {1, 2}) {
    const std::string suffix = dimension_suffix(dimensions);
    for (const char* op : {"Max", "Average"}) {
      notes[std::string(op) + "Pooling" + suffix] =
          "pool_size, strides, padding valid/same; channels_last";
      notes["Global" + std::string(op) + "Pooling" + suffix] = "keepdims; channels_last";
    }
  }
}

void add_pooling_converters(ConverterTable& table) {
  for (int dimensions : {1, 2}) {
    const std::string suffix = dimension_suffix(dimensions);
    for (const auto& [keras_op, op] : {std::pair<std::string, std::string>{"Max", "max"},
                                       std::pair<std::string, std::string>{"Average", "average"}}) {
      table.emplace(keras_op + "Pooling" + suffix, [dimensions, op = op](const Context& context) {
        return convert_pooling(context, dimensions, op);
      });
      table.emplace("Global" + keras_op + "Pooling" + suffix,
                    [dimensions, op = op](const Context& context) {
                      return convert_global_pooling(context, dimensions, op);
                    });
    }
  }
}

}  // namespace hlsnn::frontend
