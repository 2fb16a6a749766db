#ifndef HLSNN_IR_LAYER_H
#define HLSNN_IR_LAYER_H

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/attribute.h"
#include "ir/layer_options.h"
#include "ir/precision_type.h"
#include "ir/tensor.h"
#include "ir/weight.h"

namespace hlsnn::ir {

/// One operation of the network. The data is public because passes rewrite layers freely; the
/// graph, not the layer, owns the wiring invariants and Graph::validate() checks them. The
/// member functions give checked, typed access whose errors name the layer.
struct Layer {
  Layer() = default;
  Layer(std::string layer_name, std::string class_name)
      : name(std::move(layer_name)), layer_class(std::move(class_name)) {}

  /// The name from the model file (user-visible, e.g. in trace keys). Unsanitized: generated
  /// code must go through sanitize_identifier / IdentifierTable.
  std::string name;
  /// "Dense", "Activation", "BatchNormalization", "Add", ...: open-ended, so a new class needs
  /// no change here.
  std::string layer_class;
  /// Names of the tensors consumed, in argument order.
  std::vector<std::string> inputs;
  /// Tensors produced, with their shapes.
  std::vector<Tensor> outputs;
  AttributeMap attributes;
  /// Constant arrays in a stable order (the order they are written out in).
  std::vector<Weight> weights;
  /// Types of the values the layer computes, by slot: `result`, `accum`, `table`, ... The types
  /// of weights live on the weights themselves (see precision()).
  std::map<std::string, PrecisionType, std::less<>> precisions;
  LayerOptions options;

  /// "layer 'dense_1' (Dense)": the `where` of errors about this layer.
  std::string description() const;

  /// The only output; throws hlsnn::Error when the layer has none or several.
  const Tensor& output() const;
  Tensor& output();

  bool has_attribute(std::string_view key) const { return attributes.count(key) != 0; }
  /// The attribute as T (see get_attribute); throws hlsnn::Error naming this layer, the key and
  /// the keys present, or the kind found.
  template <typename T>
  T attribute(std::string_view key) const {
    return get_attribute<T>(attributes, key, description());
  }
  /// The attribute as T, or `fallback` when absent.
  template <typename T>
  T attribute_or(std::string_view key, T fallback) const {
    return get_attribute_or<T>(attributes, key, std::move(fallback), description());
  }
  /// Stores any value under `key` (see make_attribute for the conversions).
  template <typename T>
  void set_attribute(std::string key, T value) {
    attributes.insert_or_assign(std::move(key), make_attribute(std::move(value)));
  }

  bool has_weight(std::string_view weight_name) const;
  /// The named weight; throws hlsnn::Error naming this layer and listing its weights.
  const Weight& weight(std::string_view weight_name) const;
  Weight& weight(std::string_view weight_name);
  /// Appends a weight; throws hlsnn::Error when one of that name exists.
  Weight& add_weight(Weight weight);

  /// True when `slot` names a precision slot or a weight.
  bool has_precision(std::string_view slot) const;
  /// The type of `slot`: a weight's own precision when a weight has that name, otherwise the
  /// entry in `precisions`; so `precision("bias")` and `precision("result")` both work, as in a
  /// config's Precision dict. Throws hlsnn::Error naming this layer and listing the slots.
  const PrecisionType& precision(std::string_view slot) const;
  /// Sets the type of `slot`, on the weight of that name if there is one.
  void set_precision(std::string_view slot, PrecisionType type);

  /// One line: "dense_1 (Dense): input_1[16] -> dense_1[32] | result=fixed<16,6> ... |
  /// weight[16,32]:fixed<16,6> ... | activation='relu' ... | reuse=1 Latency". `input_shapes`,
  /// when it has one shape per input, is printed next to the input names.
  std::string to_string(const std::vector<Shape>& input_shapes = {}) const;
};

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_LAYER_H
