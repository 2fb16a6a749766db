#include <set>

#include "backend/firmware_parts.h"
#include "backend/layer_codegen.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

const char* const kTraceDeclaration =
    "#ifndef __SYNTHESIS__\n"
    "// Emulation only: while a bridge call traces, one double array per traced layer (see the\n"
    "// manifest's traced_layers) that the top function fills after each layer. thread_local, so\n"
    "// samples running concurrently on other threads never share it.\n"
    "namespace hlsnn_emulation {\n"
    "extern thread_local double* const* trace_outputs;\n"
    "}\n"
    "#endif\n";

/// "input_t in[N_LAYER_0], ..., result_t out[N_LAYER_5]"
std::string top_parameters(const ProjectSymbols& symbols) {
  std::string text;
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    const LayerSymbols& layer = *symbols.model_inputs[i];
    text += symbols.input_types[i] + " " + layer.array + "[" + layer.size_macro + "], ";
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    const LayerSymbols& layer = *symbols.model_outputs[i];
    text += symbols.output_types[i] + " " + layer.array + "[" + layer.size_macro + "]";
    if (i + 1 < symbols.model_outputs.size()) text += ", ";
  }
  return text;
}

/// The element type of the top function's argument: the type itself, or a stream word's.
std::string element_of(const std::string& type, bool streams) {
  return streams ? type + "::value_type" : type;
}

/// hls4ml's WriteEmulationConstants types: the top function's arguments as a tuple of arrays
/// (of their elements, for streams).
std::string emulation_types(const ProjectSymbols& symbols, bool streams) {
  const auto tuple = [streams](const std::vector<const LayerSymbols*>& layers,
                               const std::vector<std::string>& types) {
    std::string text;
    for (size_t i = 0; i < layers.size(); ++i) {
      text += (i == 0 ? "" : ", ") + std::string("std::array<") + element_of(types[i], streams) +
              ", " + layers[i]->size_macro + ">";
    }
    return "std::tuple<" + text + ">";
  };
  return "\n#ifndef __SYNTHESIS__\n// The top function's arguments as tuples of arrays, for "
         "emulation code (" +
         symbols.project +
         "_emulator).\nusing inputs_t = " + tuple(symbols.model_inputs, symbols.input_types) +
         ";\nusing outputs_t = " + tuple(symbols.model_outputs, symbols.output_types) +
         ";\n#endif\n";
}

/// hls4ml's <project>_emulator: the top function called with the tuples of emulation_types();
/// an io_stream design's streams are filled from and drained into them.
std::string emulator_wrapper(const ProjectSymbols& symbols, bool streams) {
  std::string before;
  std::string arguments;
  std::string after;
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    const std::string values = "std::get<" + std::to_string(i) + ">(inputs).data()";
    if (!streams) {
      arguments += values + ", ";
      continue;
    }
    const std::string& type = symbols.input_types[i];
    const std::string local = "in" + std::to_string(i);
    before += "  hls::stream<" + type + "> " + local + "(" +
              ir::to_cpp_string_literal(symbols.model_inputs[i]->array) + ");\n" +
              "  nnet::convert_to_stream<" + element_of(type, true) + ", " + type + ", " +
              symbols.model_inputs[i]->size_macro + ">(" + values + ", " + local + ");\n";
    arguments += local + ", ";
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    const std::string values = "std::get<" + std::to_string(i) + ">(outputs).data()";
    const std::string separator = i + 1 < symbols.model_outputs.size() ? ", " : "";
    if (!streams) {
      arguments += values + separator;
      continue;
    }
    const std::string& type = symbols.output_types[i];
    const std::string local = "out" + std::to_string(i);
    before += "  hls::stream<" + type + "> " + local + "(" +
              ir::to_cpp_string_literal(symbols.model_outputs[i]->array) + ");\n";
    arguments += local + separator;
    after += "  nnet::convert_from_stream<" + type + ", " + element_of(type, true) + ", " +
             symbols.model_outputs[i]->size_macro + ">(" + local + ", " + values + ");\n";
  }
  return "\n#ifndef __SYNTHESIS__\ninline void " + symbols.project +
         "_emulator(inputs_t& inputs, outputs_t& outputs) {\n" + before + "  " + symbols.project +
         "(" + arguments + ");\n" + after + "}\n#endif\n";
}

/// The top function's scheduling pragma (hls4ml's PipelineStyle and PipelineInterval). `auto`
/// is hls4ml's choice: DATAFLOW when a layer folds its multiplications (Resource strategy),
/// whose loops a PIPELINE around them would unroll, PIPELINE otherwise.
std::string top_schedule(const ir::Graph& graph) {
  const ir::ModelSettings& settings = graph.settings();
  ir::PipelineStyle style = settings.pipeline_style;
  if (style == ir::PipelineStyle::kAuto) {
    style = ir::PipelineStyle::kPipeline;
    for (const ir::Layer& layer : graph.layers()) {
      if (layer.options.strategy == ir::Strategy::kResource) style = ir::PipelineStyle::kDataflow;
    }
  }
  if (style == ir::PipelineStyle::kDataflow) return "DATAFLOW";
  return settings.pipeline_interval ? "PIPELINE II=" + std::to_string(*settings.pipeline_interval)
                                    : "PIPELINE";
}

/// Copies the layer's output into its trace array when the bridge asks for a trace.
std::string trace_statement(const LayerSymbols& layer, size_t trace_position) {
  return "#ifndef __SYNTHESIS__\n  if (hlsnn_emulation::trace_outputs) {\n"
         "    nnet::convert_data<" +
         layer.type + ", double, " + layer.size_macro + ">(" + layer.array +
         ", hlsnn_emulation::trace_outputs[" + std::to_string(trace_position) +
         "]);\n  }\n#endif\n";
}

}  // namespace

std::string comment_line(const LayerSymbols& layer) {
  return "// " + ir::to_cpp_string_literal(layer.layer->name) + " (" + layer.layer->layer_class +
         ")\n";
}

std::string pragma(const std::string& text) { return "  #pragma HLS " + text + "\n"; }

GeneratedFile defines_header(const ProjectSymbols& symbols, const FirmwareOptions& options,
                             bool streams) {
  std::string text = "#ifndef HLSNN_DEFINES_H_\n#define HLSNN_DEFINES_H_\n\n";
  if (options.write_emulation_constants) {
    text += "#ifndef __SYNTHESIS__\n#include <array>\n#include <tuple>\n#endif\n";
  }
  text += "#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n";
  if (streams) text += "#include \"nnet_utils/nnet_stream.h\"\n";
  text += "\n// Element count of each layer's output (arrays are flat, row-major).\n";
  for (const LayerSymbols& layer : symbols.layers) {
    text += "#define " + layer.size_macro + " " + std::to_string(layer.size) + "\n";
  }
  std::string types;
  if (streams) {
    types += "// Word of each layer's output stream: the values of its last axis.\n";
    for (const LayerSymbols& layer : symbols.layers) {
      if (layer.aliases_input) continue;  // passes its input's stream on
      types += "typedef nnet::array<" + cpp_type(*layer.layer, "result") + ", " +
               std::to_string(layer.word_size) + "> " + layer.type + ";\n";
    }
  } else {
    types += "// Element type of each layer's output.\n";
    for (const LayerSymbols& layer : symbols.layers) {
      types += "typedef " + cpp_type(*layer.layer, "result") + " " + layer.type + ";\n";
    }
  }
  types += "\n// Types of the top function's arguments.\n";
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    types += "typedef " + symbols.model_inputs[i]->type + " " + symbols.input_types[i] + ";\n";
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    types += "typedef " + symbols.model_outputs[i]->type + " " + symbols.output_types[i] + ";\n";
  }
  if (options.write_emulation_constants) types += emulation_types(symbols, streams);
  text += "\n" + in_namespace(symbols, types) + "\n#endif\n";
  return {"firmware/defines.h", std::move(text)};
}

GeneratedFile top_header(const ProjectSymbols& symbols, const std::string& parameters,
                         const FirmwareOptions& options, bool streams) {
  std::string declarations = "void " + symbols.project + "(" + parameters + ");\n";
  if (options.write_emulation_constants) declarations += emulator_wrapper(symbols, streams);
  std::string text =
      "#ifndef HLSNN_TOP_FUNCTION_H_\n#define HLSNN_TOP_FUNCTION_H_\n\n"
      "#include \"defines.h\"\n\n" +
      in_namespace(symbols, declarations) + "\n" + kTraceDeclaration + "\n#endif\n";
  return {"firmware/" + symbols.project + ".h", std::move(text)};
}

GeneratedFile parameters_header(const ProjectSymbols& symbols,
                                const std::set<std::string>& kernel_headers,
                                const std::string& configs) {
  std::string parameters =
      "#ifndef HLSNN_PARAMETERS_H_\n#define HLSNN_PARAMETERS_H_\n\n#include \"defines.h\"\n";
  for (const std::string& header : kernel_headers) {
    parameters += "#include \"nnet_utils/" + header + "\"\n";
  }
  parameters += "\n" + in_namespace(symbols, configs) + "#endif\n";
  return {"firmware/parameters.h", std::move(parameters)};
}

/// Fills every weight array from its text file at the first call, for C simulations other than
/// hlsnn's (hls4ml's WriteWeightsTxt); function-local statics make the loading happen once,
/// also with threads.
std::string weight_loading(const ProjectSymbols& symbols) {
  std::string loads;
  for (const LayerSymbols& layer : symbols.layers) {
    for (const ir::Weight& weight : layer.layer->weights) {
      const std::string& array = layer.weight_arrays.at(weight.name);
      loads += "    nnet::load_weights_from_txt<" + weight.precision.to_cpp() + ", " +
               std::to_string(weight.values.size()) + ">(" + array + ", \"" + array + ".txt\");\n";
    }
  }
  if (loads.empty()) return "";
  return "#if !defined(__SYNTHESIS__) && !defined(HLSNN_EMULATION)\n"
         "  static const bool weights_loaded = [] {\n" +
         loads + "    return true;\n  }();\n  (void)weights_loaded;\n#endif\n";
}

GeneratedFile top_source(const ProjectSymbols& symbols, const std::string& weight_includes,
                         const std::string& function) {
  std::string text = "#include \"" + symbols.project + ".h\"\n#include \"parameters.h\"\n\n" +
                     weight_includes + "\n#ifndef __SYNTHESIS__\n" +
                     "thread_local double* const* hlsnn_emulation::trace_outputs = nullptr;\n" +
                     "#endif\n\n" + in_namespace(symbols, function);
  return {"firmware/" + symbols.project + ".cpp", std::move(text)};
}

std::vector<GeneratedFile> firmware_files(const ProjectSymbols& symbols, const ir::Graph& graph,
                                          const FirmwareOptions& options) {
  const ir::ModelSettings& settings = graph.settings();
  std::set<std::string> kernel_headers = {"nnet_common.h", "nnet_helpers.h"};
  std::string configs;
  std::string weight_includes;
  std::string body;
  size_t trace_position = 0;
  for (const LayerSymbols& layer : symbols.layers) {
    const LayerCode code = generate_layer_code(layer, settings);
    if (!code.config.empty()) configs += code.config + "\n";
    kernel_headers.insert(code.headers.begin(), code.headers.end());
    for (const auto& [name, array] : layer.weight_arrays) {
      weight_includes += "#include \"weights/" + array + ".h\"\n";
    }
    if (layer.layer->layer_class == "Input") continue;
    body += "\n  " + comment_line(layer);
    if (!layer.aliases_input && layer.output_position < 0) {
      body += "  " + layer.type + " " + layer.array + "[" + layer.size_macro + "];\n" +
              pragma("ARRAY_PARTITION variable=" + layer.array + " complete dim=0");
    }
    body += code.call + trace_statement(layer, trace_position++);
  }

  const std::string parameters = top_parameters(symbols);
  std::string interface_ports;
  std::string function = "void " + symbols.project + "(" + parameters + ") {\n";
  for (const auto* group : {&symbols.model_inputs, &symbols.model_outputs}) {
    for (const LayerSymbols* layer : *group) {
      function += pragma("ARRAY_PARTITION variable=" + layer->array + " complete dim=0");
      interface_ports += (interface_ports.empty() ? "" : ",") + layer->array;
    }
  }
  function += pragma("INTERFACE ap_vld port=" + interface_ports) + pragma(top_schedule(graph));
  if (options.write_weights_txt) function += weight_loading(symbols);
  function += body + "}\n";

  return {defines_header(symbols, options, false), top_header(symbols, parameters, options, false),
          parameters_header(symbols, kernel_headers, configs),
          top_source(symbols, weight_includes, function)};
}

}  // namespace hlsnn::backend
