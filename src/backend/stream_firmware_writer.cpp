// The firmware of io_stream designs: a DATAFLOW region in which every layer is a process reading
// and writing hls::stream FIFOs (stream_wiring.h decides which, and their depths).

#include "backend/firmware_parts.h"
#include "backend/generated_files.h"
#include "backend/layer_codegen.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

/// "hls::stream<input_t>& x, ..., hls::stream<result_t>& y"
std::string stream_parameters(const ProjectSymbols& symbols) {
  std::string text;
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    text += "hls::stream<" + symbols.input_types[i] + ">& " + symbols.model_inputs[i]->array + ", ";
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    text += "hls::stream<" + symbols.output_types[i] + ">& " + symbols.model_outputs[i]->array;
    if (i + 1 < symbols.model_outputs.size()) text += ", ";
  }
  return text;
}

/// `layer` as its kernel call sees it when it reads and writes the streams directly: arrays are
/// the channels, types their words.
struct StreamView {
  LayerSymbols layer;
  std::vector<LayerSymbols> inputs;
};

StreamView viewed_through(const LayerSymbols& layer, const std::vector<std::string>& input_arrays,
                          const std::vector<std::string>& input_types,
                          const std::string& output_array, const std::string& output_type) {
  StreamView view{layer, {}};
  view.inputs.reserve(layer.inputs.size());
  for (size_t k = 0; k < layer.inputs.size(); ++k) {
    view.inputs.push_back(*layer.inputs[k]);
    view.inputs.back().array = input_arrays[k];
    view.inputs.back().type = input_types[k];
  }
  for (size_t k = 0; k < layer.inputs.size(); ++k) view.layer.inputs[k] = &view.inputs[k];
  view.layer.array = output_array;
  view.layer.type = output_type;
  return view;
}

/// The family's header of stream kernels: nnet_dense.h -> nnet_dense_stream.h.
std::string stream_header(const std::string& header) {
  return header.substr(0, header.size() - 2) + "_stream.h";
}

class StreamTopWriter {
 public:
  StreamTopWriter(const ProjectSymbols& symbols, const StreamWiring& wiring,
                  const ir::ModelSettings& settings, const FirmwareOptions& options)
      : symbols_(symbols), wiring_(wiring), settings_(settings), options_(options) {}

  std::vector<GeneratedFile> files() {
    std::string body;
    size_t trace_position = 0;
    for (const LayerSymbols& layer : symbols_.layers) {
      for (const auto& [name, array] : layer.weight_arrays) {
        weight_includes_ += "#include \"weights/" + array + ".h\"\n";
      }
      const StreamLayer& entry = wiring_.layers[layer.index];
      if (entry.form != StreamForm::kSource) {
        body += "\n  " + comment_line(layer) + layer_call(layer, entry);
        body += trace_statement(layer, entry, trace_position++);
      } else if (!entry.clones.empty()) {
        body += "\n  // copies of the input " + ir::to_cpp_string_literal(layer.layer->name) + "\n";
      }
      for (const CloneStep& step : entry.clones) body += clone_call(step);
    }

    const std::string parameters = stream_parameters(symbols_);
    std::string ports;
    std::string declarations;
    std::string drain_checks;
    for (const StreamChannel& channel : wiring_.channels) {
      if (channel.is_argument) {
        ports += (ports.empty() ? "" : ",") + channel.variable;
        continue;
      }
      declarations +=
          "  hls::stream<" + channel.word_type + "> " + channel.variable + "(" +
          ir::to_cpp_string_literal(channel.variable) + ");\n" +
          pragma("STREAM variable=" + channel.variable + " depth=" + std::to_string(channel.depth));
      drain_checks += "  nnet::require_drained(" + channel.variable + ", " +
                      ir::to_cpp_string_literal(channel.variable) + ");\n";
    }
    std::string function = "void " + symbols_.project + "(" + parameters + ") {\n" +
                           pragma("INTERFACE axis port=" + ports) + pragma("DATAFLOW");
    if (options_.write_weights_txt) function += weight_loading(symbols_);
    function += "\n" + declarations + body;
    if (!drain_checks.empty()) {
      function +=
          "\n#ifndef __SYNTHESIS__\n  // Every stream read to its end, or the sample failed.\n" +
          drain_checks + "#endif\n";
    }
    function += "}\n";
    return {defines_header(symbols_, options_, true),
            top_header(symbols_, parameters, options_, true),
            parameters_header(symbols_, kernel_headers_, configs_),
            top_source(symbols_, weight_includes_, function)};
  }

 private:
  const StreamChannel& channel(size_t index) const { return wiring_.channels.at(index); }

  /// The layer's config (for parameters.h) and the statements that run it.
  std::string layer_call(const LayerSymbols& layer, const StreamLayer& entry) {
    const StreamChannel& output = channel(entry.output);
    if (entry.form == StreamForm::kAlias) {
      return "  // passes the words of " + output.variable + " on as they are\n";
    }
    if (entry.form == StreamForm::kRepack) {
      const StreamChannel& input = channel(entry.inputs.at(0));
      return "  nnet::repack_stream<" + input.word_type + ", " + layer.type + ", " +
             layer.size_macro + ">(" + input.variable + ", " + output.variable + ");\n";
    }
    std::vector<std::string> input_arrays;
    std::vector<std::string> input_types;
    const std::string k = std::to_string(layer.index);
    for (size_t j = 0; j < entry.inputs.size(); ++j) {
      const StreamChannel& input = channel(entry.inputs[j]);
      const bool words = entry.form == StreamForm::kWords;
      input_arrays.push_back(words ? input.variable : "layer" + k + "_in" + std::to_string(j));
      input_types.push_back(words ? input.word_type : input.word_type + "::value_type");
    }
    if (entry.form == StreamForm::kWords) {
      const StreamView view =
          viewed_through(layer, input_arrays, input_types, output.variable, layer.type);
      const LayerCode code = take_config(generate_layer_code(view.layer, settings_));
      for (const std::string& header : code.headers) kernel_headers_.insert(stream_header(header));
      return code.call;
    }
    // kBlock: the whole tensor through the io_parallel kernel.
    const std::string result = "layer" + k + "_out";
    const StreamView view =
        viewed_through(layer, input_arrays, input_types, result, layer.element_type);
    const LayerCode code = take_config(generate_layer_code(view.layer, settings_));
    std::string text;
    for (size_t j = 0; j < entry.inputs.size(); ++j) {
      const StreamChannel& input = channel(entry.inputs[j]);
      const std::string& size = layer.inputs[j]->size_macro;
      text += "  " + input_types[j] + " " + input_arrays[j] + "[" + size + "];\n" +
              pragma("ARRAY_PARTITION variable=" + input_arrays[j] + " complete dim=0") +
              "  nnet::read_tensor<" + input.word_type + ", " + size + ">(" + input.variable +
              ", " + input_arrays[j] + ");\n";
    }
    text += "  " + layer.element_type + " " + result + "[" + layer.size_macro + "];\n" +
            pragma("ARRAY_PARTITION variable=" + result + " complete dim=0") + code.call +
            "  nnet::write_tensor<" + layer.type + ", " + layer.size_macro + ">(" + result + ", " +
            output.variable + ");\n";
    return text;
  }

  /// Keeps the config and headers of a layer's code for parameters.h; returns the code. The
  /// family generators write configs for io_parallel; their io_type member says io_stream here.
  LayerCode take_config(LayerCode code) {
    const std::string parallel = "io_type = nnet::io_parallel;";
    for (size_t at = code.config.find(parallel); at != std::string::npos;
         at = code.config.find(parallel, at)) {
      code.config.replace(at, parallel.size(), "io_type = nnet::io_stream;");
    }
    if (!code.config.empty()) configs_ += code.config + "\n";
    kernel_headers_.insert(code.headers.begin(), code.headers.end());
    return code;
  }

  std::string clone_call(const CloneStep& step) const {
    const StreamChannel& from = channel(step.from);
    return "  nnet::clone_stream<" + from.word_type + ", " + from.layer->size_macro + ">(" +
           from.variable + ", " + channel(step.to_first).variable + ", " +
           channel(step.to_second).variable + ");\n";
  }

  /// Copies the layer's output words into its trace array when the bridge asks for a trace.
  std::string trace_statement(const LayerSymbols& layer, const StreamLayer& entry,
                              size_t trace_position) const {
    return "#ifndef __SYNTHESIS__\n  if (hlsnn_emulation::trace_outputs) {\n"
           "    nnet::trace_stream<" +
           layer.type + ", " + layer.size_macro + ">(" + channel(entry.output).variable +
           ", hlsnn_emulation::trace_outputs[" + std::to_string(trace_position) +
           "]);\n  }\n#endif\n";
  }

  const ProjectSymbols& symbols_;
  const StreamWiring& wiring_;
  const ir::ModelSettings& settings_;
  const FirmwareOptions& options_;
  std::set<std::string> kernel_headers_ = {"nnet_common.h", "nnet_helpers.h", "nnet_stream.h"};
  std::string configs_;
  std::string weight_includes_;
};

}  // namespace

std::vector<GeneratedFile> stream_firmware_files(const ProjectSymbols& symbols,
                                                 const StreamWiring& wiring, const ir::Graph& graph,
                                                 const FirmwareOptions& options) {
  return StreamTopWriter(symbols, wiring, graph.settings(), options).files();
}

}  // namespace hlsnn::backend
