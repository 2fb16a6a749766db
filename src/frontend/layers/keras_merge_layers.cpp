// Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate and Dot.

#include "frontend/layers/keras_layer_families.h"

namespace hlsnn::frontend {
namespace {

std::optional<ir::Layer> convert_merge(const Context& context, const std::string& op) {
  if (context.input_shapes.size() < 2) {
    context.fail("a merge layer needs at least two inputs", "connect two or more tensors");
  }
  if ((op == "subtract") && context.input_shapes.size() != 2) {
    context.fail("Subtract takes exactly two inputs", "connect exactly two tensors");
  }
  for (const ir::Shape& shape : context.input_shapes) {
    if (shape != context.input_shapes.front()) {
      context.fail("inputs of different shapes " + ir::shape_to_string(context.input_shapes[0]) +
                       " and " + ir::shape_to_string(shape) + " (broadcasting is not supported)",
                   "merge tensors of the same shape");
    }
  }
  ir::Layer layer = context.make_layer("Merge", context.input_shapes.front());
  layer.set_attribute("op", op);
  return layer;
}

std::optional<ir::Layer> convert_concatenate(const Context& context) {
  if (context.input_shapes.size() < 2) {
    context.fail("Concatenate needs at least two inputs", "connect two or more tensors");
  }
  const int64_t rank = static_cast<int64_t>(context.input_shapes.front().size());
  const int64_t keras_axis = context.get<int64_t>("axis", -1);
  const int64_t with_batch = keras_axis < 0 ? keras_axis + rank + 1 : keras_axis;
  const int64_t axis = with_batch - 1;
  if (axis < 0 || axis >= rank) {
    context.fail("axis " + std::to_string(keras_axis) + " is outside the inputs' rank",
                 "concatenate along a non-batch axis");
  }
  ir::Shape output = context.input_shapes.front();
  output[static_cast<size_t>(axis)] = 0;
  for (const ir::Shape& shape : context.input_shapes) {
    ir::Shape other_axes = shape;
    ir::Shape first_axes = context.input_shapes.front();
    if (shape.size() != first_axes.size()) {
      context.fail("inputs of different ranks", "concatenate tensors of the same rank");
    }
    other_axes[static_cast<size_t>(axis)] = first_axes[static_cast<size_t>(axis)] = 0;
    if (other_axes != first_axes) {
      context.fail("inputs " + ir::shape_to_string(context.input_shapes.front()) + " and " +
                       ir::shape_to_string(shape) + " differ outside the concatenation axis",
                   "concatenate tensors that agree on every other axis");
    }
    output[static_cast<size_t>(axis)] += shape[static_cast<size_t>(axis)];
  }
  ir::Layer layer = context.make_layer("Concatenate", output);
  layer.set_attribute("axis", axis);
  return layer;
}

std::optional<ir::Layer> convert_dot(const Context& context) {
  if (context.input_shapes.size() != 2 || context.input_shapes[0].size() != 1 ||
      context.input_shapes[0] != context.input_shapes[1]) {
    context.fail("Dot is supported for two 1-D inputs of the same length only",
                 "use Dot on two vectors of equal length");
  }
  if (context.get<bool>("normalize", false)) {
    context.fail("Dot with normalize=True is not supported", "use normalize=False");
  }
  ir::Layer layer = context.make_layer("Dot", {1});
  layer.set_attribute("n_in", context.input_shapes[0][0]);
  return layer;
}

}  // namespace

void add_merge_converters(ConverterTable& table) {
  for (const auto& [keras_class, op] :
       std::initializer_list<std::pair<const char*, const char*>>{{"Add", "add"},
                                                                  {"Subtract", "subtract"},
                                                                  {"Multiply", "multiply"},
                                                                  {"Average", "average"},
                                                                  {"Maximum", "maximum"},
                                                                  {"Minimum", "minimum"}}) {
    const std::string merge_op = op;
    table.emplace(keras_class, [merge_op](const Context& c) { return convert_merge(c, merge_op); });
  }
  table.emplace("Concatenate", convert_concatenate);
  table.emplace("Dot", convert_dot);
}

void add_merge_notes(OptionNotes& notes) {
  for (const char* merge : {"Add", "Multiply", "Average", "Maximum", "Minimum"}) {
    notes[merge] = "two or more inputs of one shape, any rank, no broadcasting";
  }
  notes["Subtract"] = "two inputs of one shape, any rank, no broadcasting";
  notes["Concatenate"] = "two or more inputs of any rank, on any axis but the batch axis";
  notes["Dot"] = "two 1-D inputs, normalize=False";
}

}  // namespace hlsnn::frontend
