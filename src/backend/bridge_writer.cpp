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
    "HLSNN_BRIDGE_EXPORT int hlsnn_record_streams_f64(const double* const* inputs,\n"
    "                                                 void (*on_event)(void*, const char*, int),\n"
    "                                                 void* context, char* message,\n"
    "                                                 size_t message_size) {\n"
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

/// Brings the generated code's namespace into scope, when there is one.
std::string using_namespace(const ProjectSymbols& symbols) {
  return symbols.cpp_namespace.empty() ? "" : "using namespace " + symbols.cpp_namespace + ";\n\n";
}

}  // namespace

GeneratedFile bridge_file(const ProjectSymbols& symbols, const std::string& signature,
                          bool streams) {
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
      (streams ? "#include \"nnet_utils/nnet_stream.h\"\n" : "") + "\n" + using_namespace(symbols) +
      "namespace {\n\n" +
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
      "// The runtime builds the library with hidden visibility and exports only these.\n"
      "#define HLSNN_BRIDGE_EXPORT extern \"C\" __attribute__((visibility(\"default\")))\n\n"
      "HLSNN_BRIDGE_EXPORT int hlsnn_bridge_abi_version() { return " +
      std::to_string(project::kBridgeAbiVersion) +
      "; }\n\n"
      "HLSNN_BRIDGE_EXPORT const char* hlsnn_bridge_signature() {\n  return " +
      ir::to_cpp_string_literal(signature) +
      ";\n}\n\n"
      "HLSNN_BRIDGE_EXPORT int hlsnn_predict_f64(const double* const* inputs, double* const* "
      "outputs,\n"
      "                                          int64_t sample_count, char* message,\n"
      "                                          size_t message_size) "
      "{\n"
      "  return run_samples<double>(inputs, outputs, nullptr, sample_count, message, "
      "message_size);\n}\n\n"
      "HLSNN_BRIDGE_EXPORT int hlsnn_predict_f32(const float* const* inputs, float* const* "
      "outputs,\n"
      "                                          int64_t sample_count, char* message,\n"
      "                                          size_t message_size) "
      "{\n"
      "  return run_samples<float>(inputs, outputs, nullptr, sample_count, message, "
      "message_size);\n}\n\n"
      "HLSNN_BRIDGE_EXPORT int hlsnn_trace_f64(const double* const* inputs, double* const* "
      "outputs,\n"
      "                                        double* const* layer_outputs, int64_t "
      "sample_count,\n"
      "                                        char* message, size_t message_size) {\n"
      "  return run_samples<double>(inputs, outputs, layer_outputs, sample_count, message,\n"
      "                             message_size);\n}\n";
  if (streams) text += kStreamRecorder;
  return {symbols.project + "_bridge.cpp", std::move(text)};
}

GeneratedFile testbench_file(const ProjectSymbols& symbols, TestbenchOutput output, bool streams) {
  std::string total_inputs = "0";
  for (const LayerSymbols* input : symbols.model_inputs) total_inputs += " + " + input->size_macro;
  const bool to_stdout = output != TestbenchOutput::kFile;
  const bool to_file = output != TestbenchOutput::kStdout;
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
                     (streams ? "values" + k + "[i]" : "out" + k + "[i].to_double()") + ";\n" +
                     (to_stdout ? "      if (show) std::cout << y << \" \";\n" : "") +
                     (to_file ? "      results << y << \" \";\n" : "") + "    }\n";
  }
  std::string text =
      "// C-simulation testbench of " + symbols.project +
      ": reads one sample per line of tb_data/tb_input_features.dat\n"
      "// (all inputs' values, space separated), runs the top function and writes the outputs to\n"
      "// tb_data/csim_results.log (tb_data/rtl_cosim_results.log in co-simulation). For sample 0\n"
      "// and every 5000th it prints the expected outputs (the same line of\n"
      "// tb_data/tb_output_predictions.dat, when there is one) and the computed ones. Without\n"
      "// the input file it runs one sample of zeros.\n\n"
      "#include <fstream>\n#include <iostream>\n#include <sstream>\n#include <string>\n"
      "#include <vector>\n\n#include \"firmware/" +
      symbols.project + ".h\"\n#include \"firmware/nnet_utils/nnet_helpers.h\"\n" +
      std::string(streams ? "#include \"firmware/nnet_utils/nnet_stream.h\"\n" : "") + "\n" +
      using_namespace(symbols) +
      "namespace {\n\n"
      "std::vector<std::vector<float> > read_samples(const char* path) {\n"
      "  std::vector<std::vector<float> > samples;\n"
      "  std::ifstream file(path);\n"
      "  std::string line;\n"
      "  while (std::getline(file, line)) {\n"
      "    std::istringstream values(line);\n"
      "    std::vector<float> sample;\n"
      "    float value;\n"
      "    while (values >> value) sample.push_back(value);\n"
      "    if (!sample.empty()) samples.push_back(sample);\n"
      "  }\n"
      "  return samples;\n"
      "}\n\n"
      "}  // namespace\n\n"
      "int main() {\n"
      "  const int kInputValues = " +
      total_inputs +
      ";\n"
      "  std::vector<std::vector<float> > samples = "
      "read_samples(\"tb_data/tb_input_features.dat\");\n"
      "  const std::vector<std::vector<float> > expected =\n"
      "      read_samples(\"tb_data/tb_output_predictions.dat\");\n"
      "  for (size_t s = 0; s < samples.size(); ++s) {\n"
      "    if (static_cast<int>(samples[s].size()) != kInputValues) {\n"
      "      std::cerr << \"ERROR: tb_data/tb_input_features.dat line \" << s + 1 << \" has \"\n"
      "                << samples[s].size() << \" values, the model takes \" << kInputValues\n"
      "                << std::endl;\n"
      "      return 1;\n"
      "    }\n"
      "  }\n"
      "  if (samples.empty()) {\n"
      "    std::cout << \"INFO: no tb_data/tb_input_features.dat; running one sample of zeros\"\n"
      "              << std::endl;\n"
      "    samples.push_back(std::vector<float>(kInputValues, 0.0f));\n"
      "  }\n"
      "#ifdef RTL_SIM\n"
      "  std::ofstream results(\"tb_data/rtl_cosim_results.log\");\n"
      "#else\n"
      "  std::ofstream results(\"tb_data/csim_results.log\");\n"
      "#endif\n"
      "  for (size_t s = 0; s < samples.size(); ++s) {\n"
      "    const bool show = s % 5000 == 0;\n"
      "    if (show && s < expected.size()) {\n"
      "      std::cout << \"Predictions\" << std::endl;\n"
      "      for (size_t i = 0; i < expected[s].size(); ++i) std::cout << expected[s][i] << \" "
      "\";\n"
      "      std::cout << std::endl << \"Quantized predictions\" << std::endl;\n"
      "    }\n"
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
          (to_stdout ? "    if (show) std::cout << std::endl;\n" : "") +
          (to_file ? "    results << std::endl;\n" : "") + "  }\n  return 0;\n}\n";
  return {symbols.project + "_test.cpp", std::move(text)};
}

}  // namespace hlsnn::backend
