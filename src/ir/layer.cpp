#include "ir/layer.h"

#include <algorithm>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::ir {
namespace {

template <typename Items, typename NameOf>
std::string join_names(const Items& items, NameOf name_of) {
  std::string text;
  for (const auto& item : items) {
    text += (text.empty() ? "" : ", ") + display_name(name_of(item));
  }
  return text.empty() ? "none" : text;
}

}  // namespace

std::string Layer::description() const {
  return "layer " + single_quoted(name) + " (" + display_name(layer_class) + ")";
}

const Tensor& Layer::output() const {
  if (outputs.size() != 1) {
    throw Error("expected exactly one output, found " + std::to_string(outputs.size()) + " (" +
                    join_names(outputs, [](const Tensor& tensor) { return tensor.name; }) + ")",
                description(), "address the outputs by index for multi-output layers");
  }
  return outputs.front();
}

Tensor& Layer::output() { return const_cast<Tensor&>(std::as_const(*this).output()); }

bool Layer::has_weight(std::string_view weight_name) const {
  return std::any_of(weights.begin(), weights.end(),
                     [&](const Weight& weight) { return weight.name == weight_name; });
}

const Weight& Layer::weight(std::string_view weight_name) const {
  for (const Weight& weight : weights) {
    if (weight.name == weight_name) {
      return weight;
    }
  }
  throw Error("no weight " + single_quoted(weight_name), description(),
              "weights present: " + join_names(weights, [](const Weight& w) { return w.name; }));
}

Weight& Layer::weight(std::string_view weight_name) {
  return const_cast<Weight&>(std::as_const(*this).weight(weight_name));
}

Weight& Layer::add_weight(Weight weight) {
  if (has_weight(weight.name)) {
    throw Error("a weight " + single_quoted(weight.name) + " exists already", description(),
                "give each weight of a layer its own name");
  }
  weights.push_back(std::move(weight));
  return weights.back();
}

bool Layer::has_precision(std::string_view slot) const {
  return has_weight(slot) || precisions.count(slot) != 0;
}

const PrecisionType& Layer::precision(std::string_view slot) const {
  for (const Weight& weight : weights) {
    if (weight.name == slot) {
      return weight.precision;
    }
  }
  const auto found = precisions.find(slot);
  if (found != precisions.end()) {
    return found->second;
  }
  std::vector<std::string> slots;
  for (const auto& entry : precisions) {
    slots.push_back(entry.first);
  }
  for (const Weight& weight : weights) {
    slots.push_back(weight.name);
  }
  throw Error("no precision for slot " + single_quoted(slot), description(),
              "slots present: " + join_names(slots, [](const std::string& s) { return s; }));
}

void Layer::set_precision(std::string_view slot, PrecisionType type) {
  for (Weight& weight : weights) {
    if (weight.name == slot) {
      weight.precision = type;
      return;
    }
  }
  precisions.insert_or_assign(std::string(slot), type);
}

std::string Layer::to_string(const std::vector<Shape>& input_shapes) const {
  std::string text = display_name(name) + " (" + display_name(layer_class) + "): ";
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i > 0) {
      text += ", ";
    }
    text += display_name(inputs[i]);
    if (input_shapes.size() == inputs.size()) {
      text += shape_to_string(input_shapes[i]);
    }
  }
  text += inputs.empty() ? "->" : " ->";
  for (const Tensor& tensor : outputs) {
    text += " " + display_name(tensor.name) + shape_to_string(tensor.shape);
  }
  if (!precisions.empty()) {
    text += " |";
    for (const auto& [slot, type] : precisions) {
      text += " " + display_name(slot) + "=" + type.to_config();
    }
  }
  if (!weights.empty()) {
    text += " |";
    for (const Weight& weight : weights) {
      text += " " + display_name(weight.name) + shape_to_string(weight.shape) + ":" +
              weight.precision.to_config();
    }
  }
  if (!attributes.empty()) {
    text += " |";
    for (const auto& [key, value] : attributes) {
      text += " " + display_name(key) + "=" + attribute_to_string(value);
    }
  }
  text += " | reuse=" + std::to_string(options.reuse_factor) + " " +
          std::string(ir::to_string(options.strategy));
  if (options.trace) {
    text += " trace";
  }
  for (const auto& [key, value] : options.extra) {
    text += " " + display_name(key) + "=" + attribute_to_string(value);
  }
  return text;
}

}  // namespace hlsnn::ir
