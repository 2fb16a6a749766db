#include "backend/stream_wiring.h"

#include <set>

#include "backend/stream_timing.h"
#include "ir/error.h"

namespace hlsnn::backend {
namespace {

/// Whether the family's stream kernel (nnet_*_stream.h) takes the layer word by word with the
/// same call as io_parallel; the others run as a whole tensor (kBlock).
bool runs_word_by_word(const LayerSymbols& layer) {
  const ir::Layer& ir_layer = *layer.layer;
  const std::string& layer_class = ir_layer.layer_class;
  if (layer_class == "Dense" || layer_class == "Activation" || layer_class == "PReLU" ||
      layer_class == "Softmax") {
    return true;
  }
  if (layer_class == "BatchNormalization" || layer_class == "ApplyAlpha") {
    // A word is the channel axis.
    return ir::element_count(ir_layer.weight("scale").shape) == layer.inputs.at(0)->word_size;
  }
  if (layer_class == "Merge") {
    const std::string op = ir_layer.attribute<std::string>("op");
    return layer.inputs.size() == 2 && layer.inputs[0]->size == layer.size &&
           layer.inputs[1]->size == layer.size && op != "dot";
  }
  if (layer_class == "Concatenate") return layer.inputs.size() == 2;
  // Sliding windows through a line buffer, padding, cropping, upsampling: pixel by pixel.
  static const std::set<std::string> pixel_kernels = {
      "Conv1D",          "Conv2D",        "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D",
      "SeparableConv2D", "Pooling1D",     "Pooling2D",       "GlobalPooling1D", "GlobalPooling2D",
      "ZeroPadding1D",   "ZeroPadding2D", "Cropping1D",      "Cropping2D",      "Resize"};
  return pixel_kernels.count(layer_class) != 0;
}

StreamForm form_of(const LayerSymbols& layer) {
  const std::string& layer_class = layer.layer->layer_class;
  if (layer_class == "Input") return StreamForm::kSource;
  if (layer.aliases_input) return StreamForm::kAlias;
  if (layer_class == "Reshape") return StreamForm::kRepack;
  return runs_word_by_word(layer) ? StreamForm::kWords : StreamForm::kBlock;
}

/// Who reads a tensor: a layer's input, or the caller (a model output).
struct Reader {
  const LayerSymbols* layer = nullptr;  ///< nullptr: the caller
  size_t input = 0;
  int output_position = -1;
};

class WiringBuilder {
 public:
  WiringBuilder(const ProjectSymbols& symbols, const ir::ModelSettings& settings,
                const std::map<std::string, int64_t>& sized_depths)
      : symbols_(symbols), settings_(settings), sized_depths_(sized_depths) {}

  StreamWiring build() {
    wiring_.layers.resize(symbols_.layers.size());
    collect_readers();
    // Layer and caller process names first, so that copies never take one of them.
    for (const LayerSymbols& layer : symbols_.layers) {
      wiring_.layers[layer.index].form = form_of(layer);
      layer_process_names_.push_back(wiring_.layers[layer.index].form == StreamForm::kAlias
                                         ? ""
                                         : unique_process_name(layer.layer->name));
    }
    for (size_t position = 0; position < symbols_.model_outputs.size(); ++position) {
      sink_names_.push_back(
          unique_process_name("output " + symbols_.model_outputs[position]->layer->name));
    }
    for (const LayerSymbols& layer : symbols_.layers) {
      StreamLayer& entry = wiring_.layers[layer.index];
      if (entry.form == StreamForm::kAlias) {
        entry.output = wiring_.layers[layer.inputs[0]->index].output;
        continue;
      }
      const std::string& process = layer_process_names_[layer.index];
      if (entry.form == StreamForm::kSource) {
        wiring_.processes.push_back(caller_process(process));
      } else {
        const int64_t word = layer.inputs.empty() ? 1 : layer.inputs[0]->word_size;
        wiring_.processes.push_back(layer_process(layer, entry.form, word, process));
      }
      wire_output(layer, process);
    }
    for (const std::string& sink : sink_names_) wiring_.processes.push_back(caller_process(sink));
    return std::move(wiring_);
  }

 private:
  /// The layers (and the caller) that read each layer's output; a Flatten that passes its
  /// input's stream on hands its readers to its input.
  void collect_readers() {
    readers_.resize(symbols_.layers.size());
    for (const LayerSymbols& layer : symbols_.layers) {
      for (size_t k = 0; k < layer.inputs.size(); ++k) {
        readers_[layer.inputs[k]->index].push_back({&layer, k, -1});
      }
      if (layer.output_position >= 0) {
        readers_[layer.index].push_back({nullptr, 0, layer.output_position});
      }
    }
    for (auto it = symbols_.layers.rbegin(); it != symbols_.layers.rend(); ++it) {
      if (!it->aliases_input) continue;
      std::vector<Reader>& upstream = readers_[it->inputs[0]->index];
      upstream = readers_[it->index];
    }
  }

  std::string unique_process_name(const std::string& name) {
    std::string candidate = name;
    for (int suffix = 2; !process_names_.insert(candidate).second; ++suffix) {
      candidate = name + "#" + std::to_string(suffix);
    }
    return candidate;
  }

  const std::string& reader_process(const Reader& reader) const {
    if (reader.layer == nullptr) return sink_names_[static_cast<size_t>(reader.output_position)];
    return layer_process_names_[reader.layer->index];
  }

  int64_t depth_for(const LayerSymbols& layer, const std::string& variable, int64_t words) const {
    if (const auto sized = sized_depths_.find(variable); sized != sized_depths_.end()) {
      return sized->second;
    }
    const ir::AttributeMap& extra = layer.layer->options.extra;
    if (extra.count("fifo_depth") != 0) {
      return ir::get_attribute<int64_t>(extra, "fifo_depth", layer.layer->description());
    }
    if (settings_.fifo_depth_mode == ir::FifoDepthMode::kUniform) {
      return settings_.uniform_fifo_depth;
    }
    return words;
  }

  size_t add_channel(const LayerSymbols& layer, std::string variable, std::string producer,
                     std::string consumer, bool is_argument) {
    StreamChannel channel;
    channel.word_type = layer.type;
    channel.word_size = layer.word_size;
    channel.words = layer.size / layer.word_size;
    channel.producer = std::move(producer);
    channel.consumer = std::move(consumer);
    channel.is_argument = is_argument;
    channel.layer = &layer;
    channel.depth = is_argument ? 0 : depth_for(layer, variable, channel.words);
    channel.variable = std::move(variable);
    wiring_.channels.push_back(std::move(channel));
    return wiring_.channels.size() - 1;
  }

  /// The channel carrying a copy of `layer`'s output to `reader` (copy number `copy`).
  size_t add_copy(const LayerSymbols& layer, const Reader& reader, size_t copy,
                  const std::string& producer) {
    const std::string k = std::to_string(layer.index);
    if (reader.layer == nullptr) {
      return add_channel(layer, layer.array, producer, reader_process(reader), true);
    }
    return add_channel(layer, "layer" + k + "_cpy" + std::to_string(copy), producer,
                       reader_process(reader), false);
  }

  void connect(const Reader& reader, size_t channel) {
    if (reader.layer != nullptr) wiring_.layers[reader.layer->index].inputs[reader.input] = channel;
  }

  /// The layer's output channel, and when several read it a chain of two-way copies: copy j
  /// takes fork j-1 (fork 0 being the layer's own stream) into copy j and fork j, the last one
  /// into the last two copies.
  void wire_output(const LayerSymbols& layer, const std::string& process) {
    for (const Reader& reader : readers_[layer.index]) {
      if (reader.layer != nullptr) {
        wiring_.layers[reader.layer->index].inputs.resize(reader.layer->inputs.size());
      }
    }
    StreamLayer& entry = wiring_.layers[layer.index];
    const std::vector<Reader>& readers = readers_[layer.index];
    const bool is_input = entry.form == StreamForm::kSource;
    if (readers.empty()) {
      throw Error("no layer reads the output and it is no model output", layer.layer->description(),
                  "remove the layer or make it a model output (an io_stream design must read "
                  "every stream to its end)");
    }
    if (readers.size() == 1) {
      const bool argument = is_input || readers[0].layer == nullptr;
      entry.output = add_channel(layer, layer.array, process, reader_process(readers[0]), argument);
      connect(readers[0], entry.output);
      return;
    }
    const std::string k = std::to_string(layer.index);
    const bool own_name_free = !is_input && layer.output_position < 0;
    std::vector<std::string> clone_names;
    for (size_t j = 1; j < readers.size(); ++j) {
      clone_names.push_back(unique_process_name(layer.layer->name + " copy " + std::to_string(j)));
    }
    entry.output =
        add_channel(layer, own_name_free || is_input ? layer.array : "layer" + k + "_fork0",
                    process, clone_names[0], is_input);
    size_t from = entry.output;
    for (size_t j = 1; j < readers.size(); ++j) {
      CloneStep step;
      step.from = from;
      step.to_first = add_copy(layer, readers[j - 1], j, clone_names[j - 1]);
      connect(readers[j - 1], step.to_first);
      if (j + 1 == readers.size()) {
        step.to_second = add_copy(layer, readers[j], j + 1, clone_names[j - 1]);
        connect(readers[j], step.to_second);
      } else {
        step.to_second = add_channel(layer, "layer" + k + "_fork" + std::to_string(j),
                                     clone_names[j - 1], clone_names[j], false);
      }
      entry.clones.push_back(step);
      wiring_.processes.push_back(clone_process(clone_names[j - 1]));
      from = step.to_second;
    }
  }

  const ProjectSymbols& symbols_;
  const ir::ModelSettings& settings_;
  const std::map<std::string, int64_t>& sized_depths_;
  StreamWiring wiring_;
  std::vector<std::vector<Reader>> readers_;
  std::set<std::string> process_names_;
  std::vector<std::string> layer_process_names_;  ///< by layer index; empty for aliases
  std::vector<std::string> sink_names_;           ///< by model output position
};

}  // namespace

StreamWiring make_stream_wiring(const ProjectSymbols& symbols, const ir::ModelSettings& settings,
                                const std::map<std::string, int64_t>& sized_depths) {
  return WiringBuilder(symbols, settings, sized_depths).build();
}

}  // namespace hlsnn::backend
