#include <algorithm>

#include "backend/generated_files.h"
#include "ir/names.h"
#include "project/bridge_abi.h"

namespace hlsnn::backend {
namespace {

/// Statements converting every model input of sample `sample` from `inputs` (T arrays) into
/// local arrays in0, in1, ... and declaring out0, out1, ...; for an io_stream design into streams
/// named like the top function's parameters.
std::string sample_arrays(const ProjectSymbols& symbols, const std::string& source_type,
                          bool streams) {
  std::string text;
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    const std::string n = symbols.model_inputs[i]->size_macro;
    const std::string local = "in" + std::to_string(i);
    const std::string source = "inputs[" + std::to_string(i) + "] + sample * " + n;
    if (streams) {
      text += "      hls::stream<" + symbols.input_types[i] + "> " + local + "(" +
              ir::to_cpp_string_literal(symbols.model_inputs[i]->array) + ");\n" +
              "      nnet::convert_to_stream<" + source_type + ", " + symbols.input_types[i] +
              ", " + n + ">(" + source + ", " + local + ");\n";
    } else {
      text += "      " + symbols.input_types[i] + " " + local + "[" + n + "];\n" +
              "      nnet::convert_data<" + source_type + ", " + symbols.input_types[i] + ", " + n +
              ">(" + source + ", " + local + ");\n";
    }
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    const std::string local = "out" + std::to_string(i);
    if (streams) {
      text += "      hls::stream<" + symbols.output_types[i] + "> " + local + "(" +
              ir::to_cpp_string_literal(symbols.model_outputs[i]->array) + ");\n";
    } else {
      text += "      " + symbols.output_types[i] + " " + local + "[" +
              symbols.model_outputs[i]->size_macro + "];\n";
    }
  }
  return text;
}

/// Statements converting every model output of sample `sample` into `outputs` (T arrays); for
/// an io_stream design reading the output streams, then checking that the design read its input
/// streams and the caller its output streams to their ends.
std::string sample_outputs(const ProjectSymbols& symbols, bool streams) {
  std::string text;
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    const std::string n = symbols.model_outputs[i]->size_macro;
    const std::string local = "out" + std::to_string(i);
    const std::string target = "outputs[" + std::to_string(i) + "] + sample * " + n;
    text += "      nnet::convert_" + std::string(streams ? "from_stream<" : "data<") +
            symbols.output_types[i] + ", T, " + n + ">(" + local + ", " + target + ");\n";
  }
  if (!streams) return text;
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    text += "      nnet::require_drained(in" + std::to_string(i) + ", " +
            ir::to_cpp_string_literal(symbols.model_inputs[i]->array) + ");\n";
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    text += "      nnet::require_drained(out" + std::to_string(i) + ", " +
            ir::to_cpp_string_literal(symbols.model_outputs[i]->array) + ");\n";
  }
  return text;
}

/// io_stream designs compiled against hlsnn's hls_stream.h: hlsnn_record_streams_f64 runs one
/// sample with an observer that reports every stream read and write (project/bridge_abi.h).
const char* const kStreamRecorder =
    "\n#ifdef HLSNN_HLS_STREAM_H\n"
    "namespace {\n\n"
    "class StreamEventForwarder : public hls::stream_observer {\n"
    " public:\n"
    "  StreamEventForwarder(void (*on_event)(void*, const char*, int), void* context)\n"
    "      : on_event_(on_event), context_(context) {}\n"
    "  void on_write(const std::string& name) override { on_event_(context_, name.c_str(), 1); }\n"
    "  void on_read(const std::string& name) override { on_event_(context_, name.c_str(), 0); }\n\n"
    " private:\n"
    "  void (*on_event_)(void*, const char*, int);\n"
    "  void* context_;\n"
    "};\n\n"
    "}  // namespace\n\n"
    "extern \"C\" int hlsnn_record_streams_f64(const double* const* inputs,\n"
    "                                        void (*on_event)(void*, const char*, int),\n"
    "                                        void* context, char* message, size_t message_size) {\n"
    "  std::vector<std::vector<double> > storage;\n"
    "  std::vector<double*> outputs;\n"
    "  for (size_t size : kOutputSizes) storage.push_back(std::vector<double>(size));\n"
    "  for (std::vector<double>& output : storage) outputs.push_back(output.data());\n"
    "  StreamEventForwarder forwarder(on_event, context);\n"
    "  hls::stream_observer* const previous = hls::set_stream_observer(&forwarder);\n"
    "  const int status = run_samples<double>(inputs, outputs.data(), nullptr, 1, message,\n"
    "                                         message_size);\n"
    "  hls::set_stream_observer(previous);\n"
    "  return status;\n"
    "}\n"
    "#endif\n";

/// "in0, in1, out0"
std::string top_arguments(const ProjectSymbols& symbols) {
  std::string text;
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) text += "in" + std::to_string(i) + ", ";
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    text += "out" + std::to_string(i) + (i + 1 < symbols.model_outputs.size() ? ", " : "");
  }
  return text;
}

}  // namespace

GeneratedFile bridge_file(const ProjectSymbols& symbols, bool streams) {
  const size_t trace_slots = std::max<size_t>(symbols.traced.size(), 1);
  std::string trace_pointers;
  for (size_t j = 0; j < symbols.traced.size(); ++j) {
    const std::string n = symbols.traced[j]->size_macro;
    trace_pointers += "        trace_arrays[" + std::to_string(j) + "] = layer_outputs[" +
                      std::to_string(j) + "] + sample * " + n + ";\n";
  }
  std::string output_sizes;
  for (const LayerSymbols* output : symbols.model_outputs) {
    output_sizes += (output_sizes.empty() ? "" : ", ") + output->size_macro;
  }
  std::string text =
      "// Emulation bridge of " + symbols.project +
      ": the C ABI of hlsnn's runtime (src/project/bridge_abi.h).\n"
      "// Not part of the synthesized design.\n\n"
      "#include <cstddef>\n#include <cstdint>\n#include <cstdio>\n#include <exception>\n" +
      std::string(streams ? "#include <string>\n#include <vector>\n" : "") + "\n#include \"" +
      symbols.project + ".h\"\n#include \"nnet_utils/nnet_helpers.h\"\n" +
      (streams ? "#include \"nnet_utils/nnet_stream.h\"\n" : "") + "\nnamespace {\n\n" +
      (streams ? "const size_t kOutputSizes[] = {" + output_sizes + "};\n\n" : "") +
      "// Runs the samples one after the other; each call of the runtime gets its own chunk, so\n"
      "// nothing here is shared between threads.\n"
      "template <class T>\n"
      "int run_samples(const T* const* inputs, T* const* outputs, double* const* layer_outputs,\n"
      "                int64_t sample_count, char* message, size_t message_size) {\n"
      "  try {\n"
      "    for (int64_t sample = 0; sample < sample_count; ++sample) {\n" +
      sample_arrays(symbols, "T", streams) + "      double* trace_arrays[" +
      std::to_string(trace_slots) + "] = {};\n      if (layer_outputs) {\n" + trace_pointers +
      "      }\n" +
      "      hlsnn_emulation::trace_outputs = layer_outputs ? trace_arrays : nullptr;\n" +
      "      " + symbols.project + "(" + top_arguments(symbols) + ");\n" +
      "      hlsnn_emulation::trace_outputs = nullptr;\n" + sample_outputs(symbols, streams) +
      "    }\n"
      "  } catch (const std::exception& error) {\n"
      "    hlsnn_emulation::trace_outputs = nullptr;\n"
      "    std::snprintf(message, message_size, \"%s\", error.what());\n"
      "    return 1;\n"
      "  }\n"
      "  return 0;\n"
      "}\n\n"
      "}  // namespace\n\n"
      "extern \"C\" int hlsnn_bridge_abi_version() { return " +
      std::to_string(project::kBridgeAbiVersion) +
      "; }\n\n"
      "extern \"C\" int hlsnn_predict_f64(const double* const* inputs, double* const* outputs,\n"
      "                                 int64_t sample_count, char* message, size_t message_size) "
      "{\n"
      "  return run_samples<double>(inputs, outputs, nullptr, sample_count, message, "
      "message_size);\n}\n\n"
      "extern \"C\" int hlsnn_predict_f32(const float* const* inputs, float* const* outputs,\n"
      "                                 int64_t sample_count, char* message, size_t message_size) "
      "{\n"
      "  return run_samples<float>(inputs, outputs, nullptr, sample_count, message, "
      "message_size);\n}\n\n"
      "extern \"C\" int hlsnn_trace_f64(const double* const* inputs, double* const* outputs,\n"
      "                               double* const* layer_outputs, int64_t sample_count,\n"
      "                               char* message, size_t message_size) {\n"
      "  return run_samples<double>(inputs, outputs, layer_outputs, sample_count, message,\n"
      "                             message_size);\n}\n";
  if (streams) text += kStreamRecorder;
  return {symbols.project + "_bridge.cpp", std::move(text)};
}

GeneratedFile testbench_file(const ProjectSymbols& symbols, bool streams) {
  std::string total_inputs = "0";
  for (const LayerSymbols* input : symbols.model_inputs) total_inputs += " + " + input->size_macro;
  std::string print_outputs;
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    const std::string n = symbols.model_outputs[i]->size_macro;
    const std::string k = std::to_string(i);
    if (streams) {
      print_outputs += "    double values" + k + "[" + n + "];\n    nnet::convert_from_stream<" +
                       symbols.output_types[i] + ", double, " + n + ">(out" + k + ", values" + k +
                       ");\n";
    }
    print_outputs += "    for (int i = 0; i < " + n + "; ++i) {\n      const double y = " +
                     (streams ? "values" + k + "[i]" : "out" + k + "[i].to_double()") +
                     ";\n      std::cout << y << \" \";\n"
                     "      results << y << \" \";\n    }\n";
  }
  std::string text =
      "// C-simulation testbench of " + symbols.project +
      ": reads one sample per line of tb_data/tb_input_features.dat\n"
      "// (all inputs' values, space separated), runs the top function and prints the outputs,\n"
      "// also to tb_data/csim_results.log. Without the file it runs one sample of zeros.\n\n"
      "#include <fstream>\n#include <iostream>\n#include <sstream>\n#include <string>\n"
      "#include <vector>\n\n#include \"firmware/" +
      symbols.project + ".h\"\n#include \"firmware/nnet_utils/nnet_helpers.h\"\n" +
      std::string(streams ? "#include \"firmware/nnet_utils/nnet_stream.h\"\n" : "") +
      "\nint main() {\n"
      "  const int kInputValues = " +
      total_inputs +
      ";\n"
      "  std::vector<std::vector<float> > samples;\n"
      "  std::ifstream features(\"tb_data/tb_input_features.dat\");\n"
      "  std::string line;\n"
      "  while (std::getline(features, line)) {\n"
      "    std::istringstream values(line);\n"
      "    std::vector<float> sample;\n"
      "    float value;\n"
      "    while (values >> value) sample.push_back(value);\n"
      "    if (sample.empty()) continue;\n"
      "    if (static_cast<int>(sample.size()) != kInputValues) {\n"
      "      std::cerr << \"ERROR: tb_data/tb_input_features.dat line \" << samples.size() + 1\n"
      "                << \" has \" << sample.size() << \" values, the model takes \" << "
      "kInputValues\n                << std::endl;\n"
      "      return 1;\n"
      "    }\n"
      "    samples.push_back(sample);\n"
      "  }\n"
      "  if (samples.empty()) {\n"
      "    std::cout << \"INFO: no tb_data/tb_input_features.dat; running one sample of zeros\"\n"
      "              << std::endl;\n"
      "    samples.push_back(std::vector<float>(kInputValues, 0.0f));\n"
      "  }\n"
      "  std::ofstream results(\"tb_data/csim_results.log\");\n"
      "  for (size_t s = 0; s < samples.size(); ++s) {\n"
      "    const float* next = samples[s].data();\n";
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    const std::string n = symbols.model_inputs[i]->size_macro;
    const std::string local = "in" + std::to_string(i);
    if (streams) {
      text += "    hls::stream<" + symbols.input_types[i] + "> " + local + "(" +
              ir::to_cpp_string_literal(symbols.model_inputs[i]->array) + ");\n" +
              "    nnet::convert_to_stream<float, " + symbols.input_types[i] + ", " + n +
              ">(next, " + local + ");\n    next += " + n + ";\n";
    } else {
      text += "    " + symbols.input_types[i] + " " + local + "[" + n + "];\n" +
              "    nnet::convert_data<float, " + symbols.input_types[i] + ", " + n + ">(next, " +
              local + ");\n    next += " + n + ";\n";
    }
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    const std::string local = "out" + std::to_string(i);
    if (streams) {
      text += "    hls::stream<" + symbols.output_types[i] + "> " + local + "(" +
              ir::to_cpp_string_literal(symbols.model_outputs[i]->array) + ");\n";
    } else {
      text += "    " + symbols.output_types[i] + " " + local + "[" +
              symbols.model_outputs[i]->size_macro + "];\n";
    }
  }
  text += "    " + symbols.project + "(" + top_arguments(symbols) + ");\n" + print_outputs +
          "    std::cout << std::endl;\n    results << std::endl;\n  }\n" + "  return 0;\n}\n";
  return {symbols.project + "_test.cpp", std::move(text)};
}

}  // namespace hlsnn::backend
