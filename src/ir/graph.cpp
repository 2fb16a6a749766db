#include "ir/graph.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <set>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::ir {
namespace {

/// Beyond this many, name lists in messages are cut: a 500-layer list helps nobody.
constexpr size_t kMaxListedNames = 20;

std::string list_layer_names(const std::list<Layer>& layers) {
  std::string text;
  size_t listed = 0;
  for (const Layer& layer : layers) {
    if (listed == kMaxListedNames) {
      return text + ", ... (" + std::to_string(layers.size()) + " layers)";
    }
    text += (listed++ == 0 ? "" : ", ") + display_name(layer.name);
  }
  return text.empty() ? "none (the graph is empty)" : text;
}

/// An order of `layers` in which producers come first, preferring the given order (a stable
/// Kahn's algorithm). Tensors nobody produces do not constrain the order; validate() reports
/// them. When there is a cycle, returns an empty order and the names along one cycle, in the
/// direction data flows, with the first name repeated at the end.
std::vector<size_t> topological_order(const std::vector<const Layer*>& layers,
                                      std::vector<std::string>& cycle) {
  std::map<std::string_view, size_t> producer_of;
  for (size_t i = 0; i < layers.size(); ++i) {
    for (const Tensor& tensor : layers[i]->outputs) {
      producer_of.emplace(tensor.name, i);
    }
  }
  std::vector<std::set<size_t>> producers(layers.size());
  std::vector<std::vector<size_t>> consumers(layers.size());
  for (size_t i = 0; i < layers.size(); ++i) {
    for (const std::string& input : layers[i]->inputs) {
      const auto found = producer_of.find(input);
      if (found != producer_of.end() && producers[i].insert(found->second).second) {
        consumers[found->second].push_back(i);
      }
    }
  }
  std::vector<size_t> pending(layers.size());
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < layers.size(); ++i) {
    pending[i] = producers[i].size();
    if (pending[i] == 0) {
      ready.push(i);
    }
  }
  std::vector<size_t> order;
  while (!ready.empty()) {
    const size_t next = ready.top();
    ready.pop();
    order.push_back(next);
    for (const size_t consumer : consumers[next]) {
      if (--pending[consumer] == 0) {
        ready.push(consumer);
      }
    }
  }
  if (order.size() == layers.size()) {
    return order;
  }

  // Every layer left waits for another one left: walk upstream until a layer repeats.
  size_t current = 0;
  while (pending[current] == 0) {
    ++current;
  }
  std::vector<size_t> path;
  std::vector<bool> on_path(layers.size(), false);
  while (!on_path[current]) {
    on_path[current] = true;
    path.push_back(current);
    for (const size_t producer : producers[current]) {
      if (pending[producer] != 0) {
        current = producer;
        break;
      }
    }
  }
  // `current` feeds the last layer on the path, which feeds the one before it, and so on back
  // to `current`: print it first, then the path backwards.
  cycle.push_back(layers[current]->name);
  const auto cycle_start = std::find(path.begin(), path.end(), current);
  for (auto it = path.end(); it != cycle_start; --it) {
    cycle.push_back(layers[*(it - 1)]->name);
  }
  return {};
}

[[noreturn]] void throw_no_layer(std::string_view name, const std::list<Layer>& layers) {
  throw Error("no layer named " + single_quoted(name), "graph",
              "layers present: " + list_layer_names(layers));
}

std::string join_cycle(const std::vector<std::string>& cycle) {
  std::string text;
  for (const std::string& name : cycle) {
    text += (text.empty() ? "" : " -> ") + display_name(name);
  }
  return text;
}

}  // namespace

Layer& Graph::add_layer(Layer layer) {
  check_names_free(layer, nullptr);
  layers_.push_back(std::move(layer));
  return layers_.back();
}

Layer* Graph::find_layer(std::string_view name) {
  return const_cast<Layer*>(std::as_const(*this).find_layer(name));
}

const Layer* Graph::find_layer(std::string_view name) const {
  for (const Layer& layer : layers_) {
    if (layer.name == name) {
      return &layer;
    }
  }
  return nullptr;
}

Layer& Graph::layer(std::string_view name) {
  return const_cast<Layer&>(std::as_const(*this).layer(name));
}

const Layer& Graph::layer(std::string_view name) const {
  if (const Layer* found = find_layer(name)) {
    return *found;
  }
  throw_no_layer(name, layers_);
}

Layer* Graph::producer(std::string_view tensor_name) {
  return const_cast<Layer*>(std::as_const(*this).producer(tensor_name));
}

const Layer* Graph::producer(std::string_view tensor_name) const {
  for (const Layer& layer : layers_) {
    for (const Tensor& tensor : layer.outputs) {
      if (tensor.name == tensor_name) {
        return &layer;
      }
    }
  }
  return nullptr;
}

const Tensor& Graph::tensor(std::string_view tensor_name) const {
  if (const Layer* layer = producer(tensor_name)) {
    for (const Tensor& tensor : layer->outputs) {
      if (tensor.name == tensor_name) {
        return tensor;
      }
    }
  }
  throw Error(
      "no layer produces tensor " + single_quoted(tensor_name), "graph",
      "tensors are named by the outputs of layers; layers present: " + list_layer_names(layers_));
}

std::vector<const Layer*> Graph::consumers(std::string_view tensor_name) const {
  std::vector<const Layer*> found;
  for (const Layer& layer : layers_) {
    if (std::find(layer.inputs.begin(), layer.inputs.end(), tensor_name) != layer.inputs.end()) {
      found.push_back(&layer);
    }
  }
  return found;
}

std::vector<Layer*> Graph::consumers(std::string_view tensor_name) {
  std::vector<Layer*> found;
  for (const Layer* layer : std::as_const(*this).consumers(tensor_name)) {
    found.push_back(const_cast<Layer*>(layer));
  }
  return found;
}

Layer& Graph::insert_after(std::string_view anchor_name, Layer layer) {
  const auto anchor = position_of(anchor_name);
  const std::string anchor_output = anchor->output().name;
  const std::string new_output = layer.output().name;
  check_names_free(layer, nullptr);
  redirect_consumers(anchor_output, new_output);
  layer.inputs = {anchor_output};
  return *layers_.insert(std::next(anchor), std::move(layer));
}

void Graph::remove_layer(std::string_view name) {
  const auto position = position_of(name);
  if (position->inputs.size() != 1 || position->outputs.size() != 1) {
    throw Error("cannot remove a layer with " + std::to_string(position->inputs.size()) +
                    " inputs and " + std::to_string(position->outputs.size()) + " outputs",
                position->description(),
                "only a layer with one input and one output can be removed automatically");
  }
  redirect_consumers(position->outputs.front().name, position->inputs.front());
  layers_.erase(position);
}

Layer& Graph::replace_layer(std::string_view name, Layer replacement) {
  const auto position = position_of(name);
  replacement.inputs = position->inputs;
  replacement.outputs = position->outputs;
  check_names_free(replacement, &*position);
  *position = std::move(replacement);
  return *position;
}

std::string Graph::unused_name(std::string_view base) const {
  const auto is_used = [&](const std::string& name) {
    return find_layer(name) != nullptr || producer(name) != nullptr;
  };
  std::string name(base);
  for (int suffix = 2; is_used(name); ++suffix) {
    name = std::string(base) + "_" + std::to_string(suffix);
  }
  return name;
}

void Graph::topological_sort() {
  std::vector<const Layer*> current;
  for (const Layer& layer : layers_) {
    current.push_back(&layer);
  }
  std::vector<std::string> cycle;
  const std::vector<size_t> order = topological_order(current, cycle);
  if (!cycle.empty()) {
    throw Error("the graph has a cycle: " + join_cycle(cycle), layer(cycle.front()).description(),
                "a network must be acyclic; check the inbound nodes of these layers");
  }
  std::vector<std::list<Layer>::iterator> positions;
  for (auto it = layers_.begin(); it != layers_.end(); ++it) {
    positions.push_back(it);
  }
  // splice moves list nodes without copying, so references to layers stay valid.
  for (const size_t index : order) {
    layers_.splice(layers_.end(), layers_, positions[index]);
  }
}

void Graph::validate() const {
  if (layers_.empty()) {
    throw Error("the graph has no layers", "graph", "add the model's layers");
  }
  if (inputs_.empty()) {
    throw Error("the graph has no inputs", "graph", "call set_inputs()");
  }
  if (outputs_.empty()) {
    throw Error("the graph has no outputs", "graph", "call set_outputs()");
  }

  std::set<std::string_view> layer_names;
  std::map<std::string_view, const Layer*> producer_of;
  for (const Layer& layer : layers_) {
    const std::string where = layer.description();
    if (layer.name.empty()) {
      throw Error("a layer has an empty name", where, "name every layer");
    }
    if (layer.layer_class.empty()) {
      throw Error("the layer class is empty", where, "set layer_class (e.g. Dense)");
    }
    if (!layer_names.insert(layer.name).second) {
      throw Error("the layer name is used twice", where, "give every layer its own name");
    }
    if (layer.outputs.empty()) {
      throw Error("the layer has no outputs", where, "add its output");
    }
    for (const std::string& input : layer.inputs) {
      if (producer_of.count(input) != 0) {
        continue;
      }
      if (producer(input) == nullptr) {
        throw Error("consumes tensor " + single_quoted(input) + ", which no layer produces", where,
                    "connect it to the output of an existing layer");
      }
      std::vector<const Layer*> all;
      for (const Layer& other : layers_) {
        all.push_back(&other);
      }
      std::vector<std::string> cycle;
      topological_order(all, cycle);
      if (!cycle.empty()) {
        throw Error("the graph has a cycle: " + join_cycle(cycle), where,
                    "a network must be acyclic; check the inbound nodes of these layers");
      }
      throw Error("consumes tensor " + single_quoted(input) + " before " +
                      producer(input)->description() + " produces it",
                  where, "call topological_sort() after adding layers out of order");
    }
    for (const Tensor& tensor : layer.outputs) {
      if (tensor.name.empty()) {
        throw Error("an output tensor has an empty name", where, "name it");
      }
      if (!producer_of.emplace(tensor.name, &layer).second) {
        throw Error("output tensor " + single_quoted(tensor.name) + " is also produced by " +
                        producer_of[tensor.name]->description(),
                    where, "give every tensor its own name");
      }
      if (!is_complete_shape(tensor.shape)) {
        throw Error("output tensor " + single_quoted(tensor.name) + " has the incomplete shape " +
                        shape_to_string(tensor.shape),
                    where, "every dimension but the batch must be known and at least 1");
      }
    }
    std::set<std::string_view> weight_names;
    for (const Weight& weight : layer.weights) {
      if (!weight_names.insert(weight.name).second) {
        throw Error("weight " + single_quoted(weight.name) + " appears twice", where,
                    "give each weight of a layer its own name");
      }
      if (!is_complete_shape(weight.shape) || !weight.has_consistent_size()) {
        throw Error("weight " + single_quoted(weight.name) + " has " +
                        std::to_string(weight.values.size()) + " values for shape " +
                        shape_to_string(weight.shape),
                    where, "the values must fill the shape exactly");
      }
      if (layer.precisions.count(weight.name) != 0) {
        throw Error("precision slot " + single_quoted(weight.name) +
                        " is shadowed by the weight of that name",
                    where,
                    "set a weight's type with set_precision(), which stores it on the weight");
      }
    }
    if (layer.options.reuse_factor < 1) {
      throw Error("reuse factor " + std::to_string(layer.options.reuse_factor) + " is less than 1",
                  where, "use 1 (fully parallel) or more");
    }
  }
  for (const std::string& input : inputs_) {
    const auto found = producer_of.find(input);
    if (found == producer_of.end() || !found->second->inputs.empty()) {
      throw Error("model input " + single_quoted(input) + " is not produced by an input layer",
                  "graph inputs",
                  "each model input must be the output of a layer without inputs (InputLayer)");
    }
  }
  for (const std::string& output : outputs_) {
    if (producer_of.count(output) == 0) {
      throw Error("model output " + single_quoted(output) + " is not produced by any layer",
                  "graph outputs", "name the output tensor of an existing layer");
    }
  }
}

std::string Graph::to_string() const {
  const auto list_tensors = [&](const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
      const Layer* layer = producer(name);
      text += " " + display_name(name) + (layer ? shape_to_string(tensor(name).shape) : "[?]");
    }
    return text;
  };
  std::string text = "graph " + settings_.to_string() + "\n";
  text += "  inputs:" + list_tensors(inputs_) + "\n";
  text += "  outputs:" + list_tensors(outputs_) + "\n";
  for (const Layer& layer : layers_) {
    std::vector<Shape> input_shapes;
    for (const std::string& input : layer.inputs) {
      input_shapes.push_back(producer(input) ? tensor(input).shape : Shape{});
    }
    text += "  " + layer.to_string(input_shapes) + "\n";
  }
  return text;
}

std::list<Layer>::iterator Graph::position_of(std::string_view name) {
  const auto position = std::find_if(layers_.begin(), layers_.end(),
                                     [&](const Layer& layer) { return layer.name == name; });
  if (position == layers_.end()) {
    throw_no_layer(name, layers_);
  }
  return position;
}

void Graph::check_names_free(const Layer& layer, const Layer* ignored) const {
  const std::string where = layer.description();
  for (const Layer& other : layers_) {
    if (&other == ignored) {
      continue;
    }
    if (other.name == layer.name) {
      throw Error("the layer name is taken", where,
                  "pick another, e.g. " + display_name(unused_name(layer.name)));
    }
    for (const Tensor& tensor : layer.outputs) {
      for (const Tensor& existing : other.outputs) {
        if (existing.name == tensor.name) {
          throw Error("output tensor " + single_quoted(tensor.name) + " is already produced by " +
                          other.description(),
                      where, "pick another, e.g. " + display_name(unused_name(tensor.name)));
        }
      }
    }
  }
  for (size_t i = 0; i < layer.outputs.size(); ++i) {
    for (size_t j = i + 1; j < layer.outputs.size(); ++j) {
      if (layer.outputs[i].name == layer.outputs[j].name) {
        throw Error("output tensor " + single_quoted(layer.outputs[i].name) + " is listed twice",
                    where, "give every output its own name");
      }
    }
  }
}

void Graph::redirect_consumers(const std::string& from, const std::string& to) {
  for (Layer& layer : layers_) {
    std::replace(layer.inputs.begin(), layer.inputs.end(), from, to);
  }
  std::replace(outputs_.begin(), outputs_.end(), from, to);
}

}  // namespace hlsnn::ir
