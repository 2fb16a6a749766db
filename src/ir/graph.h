#ifndef HLSNN_IR_GRAPH_H
#define HLSNN_IR_GRAPH_H

#include <list>
#include <string>
#include <string_view>
#include <vector>

#include "ir/error.h"
#include "ir/layer.h"
#include "ir/model_settings.h"
#include "ir/tensor.h"

namespace hlsnn::ir {

/// A pair of iterators usable in a range-for, so that callers can walk and edit layers but not
/// add or drop them behind the graph's back.
template <typename Iterator>
class IteratorRange {
 public:
  IteratorRange(Iterator first, Iterator last) : first_(first), last_(last) {}
  Iterator begin() const { return first_; }
  Iterator end() const { return last_; }

 private:
  Iterator first_;
  Iterator last_;
};

/// The network: layers in a topological order (every layer after the producers of its inputs),
/// wired by tensor names, plus the model's input and output tensors and its settings.
///
/// Passes take a graph and change it through the helpers below, which keep the wiring right;
/// validate() checks everything a pass could have broken and to_string() shows the result. Layers
/// live in a list, so references to layers stay valid while others are inserted or removed.
class Graph {
 public:
  ModelSettings& settings() { return settings_; }
  const ModelSettings& settings() const { return settings_; }

  /// Names of the tensors fed by the caller, in argument order. Each is the output of a layer
  /// without inputs (an InputLayer), which carries the input's precision.
  const std::vector<std::string>& inputs() const { return inputs_; }
  void set_inputs(std::vector<std::string> tensor_names) { inputs_ = std::move(tensor_names); }
  /// Names of the tensors returned to the caller, in result order.
  const std::vector<std::string>& outputs() const { return outputs_; }
  void set_outputs(std::vector<std::string> tensor_names) { outputs_ = std::move(tensor_names); }

  IteratorRange<std::list<Layer>::iterator> layers() { return {layers_.begin(), layers_.end()}; }
  IteratorRange<std::list<Layer>::const_iterator> layers() const {
    return {layers_.begin(), layers_.end()};
  }
  size_t layer_count() const { return layers_.size(); }

  /// Appends a layer after all others. Throws hlsnn::Error when its name or one of its output
  /// tensor names is taken.
  Layer& add_layer(Layer layer);

  /// The layer of that name, or nullptr.
  Layer* find_layer(std::string_view name);
  const Layer* find_layer(std::string_view name) const;
  /// The layer of that name; throws hlsnn::Error listing the layer names when absent.
  Layer& layer(std::string_view name);
  const Layer& layer(std::string_view name) const;

  /// The layer that produces the tensor, or nullptr.
  Layer* producer(std::string_view tensor_name);
  const Layer* producer(std::string_view tensor_name) const;
  /// The tensor of that name; throws hlsnn::Error when no layer produces it.
  const Tensor& tensor(std::string_view tensor_name) const;
  /// Layers consuming the tensor, in graph order (a layer consuming it twice is listed once).
  std::vector<Layer*> consumers(std::string_view tensor_name);
  std::vector<const Layer*> consumers(std::string_view tensor_name) const;

  /// Puts `layer` right after `anchor_name` on its single output X: the new layer consumes X,
  /// and every former consumer of X (and the model outputs) now reads the new layer's single
  /// output instead. The new layer's `inputs` are overwritten. Throws hlsnn::Error when the
  /// anchor is missing or has several outputs, the new layer has not exactly one output, or its
  /// names are taken.
  Layer& insert_after(std::string_view anchor_name, Layer layer);

  /// Removes a layer with one input X and one output Y; consumers of Y (and the model outputs)
  /// read X instead. Throws hlsnn::Error when the layer is missing or not one-in, one-out.
  void remove_layer(std::string_view name);

  /// Puts `replacement` in the place of the named layer, wired to its inputs and outputs (the
  /// replacement's own are overwritten), so consumers need no change; e.g. a Dense replaced by
  /// a specialised class. Throws hlsnn::Error when the layer is missing or the new name is taken.
  Layer& replace_layer(std::string_view name, Layer replacement);

  /// `base` when no layer or tensor has that name, otherwise `base_2`, `base_3`, ...: for passes
  /// that create layers such as `<layer>_<activation>`.
  std::string unused_name(std::string_view base) const;

  /// Reorders the layers so that producers come before consumers, keeping the current order
  /// wherever it already is one. Throws hlsnn::Error naming the layers of a cycle.
  void topological_sort();

  /// Checks the invariants every pass and backend relies on: at least one layer, input and
  /// output; unique non-empty layer and tensor names; complete shapes; every consumed tensor
  /// produced by an earlier layer (so no cycles); model inputs produced by layers without inputs;
  /// model outputs produced; weight sizes matching their shapes; no precision slot shadowed by a
  /// weight; reuse factors of at least 1. Throws hlsnn::Error naming the offending layer.
  void validate() const;

  /// Problems found before code generation that do not stop it (a pass found weights that
  /// saturate, a loop the vendor tool will refuse to unroll, ...), each saying what, where and
  /// what to change, in the order found. Callers show them to the user.
  const std::vector<Error>& warnings() const { return warnings_; }
  void add_warning(Error warning) { warnings_.push_back(std::move(warning)); }

  /// The whole graph, readable: a header with settings, inputs and outputs, then one line per
  /// layer (see Layer::to_string). For printing after every pass at a debug level.
  std::string to_string() const;

 private:
  std::list<Layer>::iterator position_of(std::string_view name);
  /// Throws when `layer`'s name or output names are used by a layer other than `ignored`.
  void check_names_free(const Layer& layer, const Layer* ignored) const;
  /// Makes every consumer and the model outputs read `to` where they read `from`.
  void redirect_consumers(const std::string& from, const std::string& to);

  ModelSettings settings_;
  std::vector<std::string> inputs_;
  std::vector<std::string> outputs_;
  std::list<Layer> layers_;
  std::vector<Error> warnings_;
};

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_GRAPH_H
