// Python access to the C++ facade (src/api/model.h): hlsnn._core._Model, with numpy arrays in
// and out. The Python glue (hlsnn/_model.py) checks shapes and dtypes and shapes the results;
// this layer only moves data, without copying the batches.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/filesystem.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "api/model.h"
#include "api/table_report.h"
#include "bindings.h"
#include "cli/project_conversion.h"
#include "input/json_document.h"
#include "ir/precision_type.h"

namespace nb = nanobind;

namespace {

using hlsnn::ConvertSettings;
using hlsnn::Model;
using json = nlohmann::ordered_json;

template <typename T>
using InputArray = nb::ndarray<const T, nb::c_contig, nb::device::cpu>;

// {layer_name: [float64 C-contiguous arrays in get_weights() order]} -> WeightsByLayer.
hlsnn::frontend::WeightsByLayer to_weights(const nb::dict& weights) {
  hlsnn::frontend::WeightsByLayer result;
  for (auto [key, value] : weights) {
    const std::string layer = nb::cast<std::string>(key);
    std::vector<hlsnn::frontend::WeightArray>& arrays = result[layer];
    for (nb::handle item : nb::cast<nb::list>(value)) {
      const auto array = nb::cast<InputArray<double>>(item);
      hlsnn::frontend::WeightArray weight;
      weight.name = layer + "/" + std::to_string(arrays.size());
      for (size_t d = 0; d < array.ndim(); ++d) {
        weight.shape.push_back(static_cast<int64_t>(array.shape(d)));
      }
      weight.values.assign(array.data(), array.data() + array.size());
      arrays.push_back(std::move(weight));
    }
  }
  return result;
}

std::optional<json> parse_config(const std::optional<std::string>& config_json) {
  if (!config_json) return std::nullopt;
  return hlsnn::input::parse_json_document<json>(*config_json, "hls_config",
                                                 "pass the HLSConfig as a dict of dicts");
}

// Shows a vendor tool's output lines on Python's sys.stdout as they come (so notebooks see them
// too). Undecodable bytes are replaced; a stdout that cannot be written to loses the text, not
// the build (the output is also returned when the tool ends).
void write_to_python_stdout(std::string_view lines) {
  nb::gil_scoped_acquire locked;
  try {
    PyObject* text =
        PyUnicode_DecodeUTF8(lines.data(), static_cast<Py_ssize_t>(lines.size()), "replace");
    if (text == nullptr) throw nb::python_error();
    nb::object stdout_stream = nb::module_::import_("sys").attr("stdout");
    stdout_stream.attr("write")(nb::steal(text));
    stdout_stream.attr("flush")();
  } catch (const nb::python_error&) {
    // Dropped on purpose: the build goes on and returns the whole output.
  }
}

// A numpy array of shape (samples, *shape) that takes over the values without copying them.
template <typename T>
nb::object to_numpy(std::vector<T>&& values, const std::vector<int64_t>& shape) {
  auto* owned = new std::vector<T>(std::move(values));
  nb::capsule owner(owned,
                    [](void* pointer) noexcept { delete static_cast<std::vector<T>*>(pointer); });
  int64_t per_sample = 1;
  for (int64_t d : shape) per_sample *= d;
  std::vector<size_t> full_shape = {owned->size() / static_cast<size_t>(per_sample)};
  full_shape.insert(full_shape.end(), shape.begin(), shape.end());
  return nb::ndarray<nb::numpy, T>(owned->data(), full_shape.size(), full_shape.data(), owner)
      .cast();
}

template <typename T>
std::vector<hlsnn::TensorView<T>> to_views(const std::vector<InputArray<T>>& inputs) {
  std::vector<hlsnn::TensorView<T>> views;
  views.reserve(inputs.size());
  for (const InputArray<T>& input : inputs) views.push_back({input.data(), input.size()});
  return views;
}

template <typename T>
nb::list predict(Model& model, const std::vector<InputArray<T>>& inputs) {
  std::vector<std::vector<T>> outputs;
  {
    nb::gil_scoped_release unlocked;
    outputs = model.predict(to_views(inputs));
  }
  nb::list result;
  for (size_t k = 0; k < outputs.size(); ++k) {
    result.append(to_numpy(std::move(outputs[k]), model.manifest().outputs[k].shape));
  }
  return result;
}

nb::list tensor_list(const std::vector<hlsnn::project::TensorInfo>& tensors) {
  nb::list result;
  for (const auto& tensor : tensors) {
    result.append(nb::make_tuple(tensor.name, nb::tuple(nb::cast(tensor.shape))));
  }
  return result;
}

template <typename T>
T setting(const nb::dict& settings, const char* key, T fallback) {
  return settings.contains(key) && !settings[key].is_none() ? nb::cast<T>(settings[key]) : fallback;
}

// convert_from_keras_model's keywords (hlsnn/converters.py names them) as ConvertSettings.
ConvertSettings settings_from(const nb::dict& settings) {
  ConvertSettings result;
  result.output_dir = setting(settings, "output_dir", result.output_dir);
  result.project_name = setting(settings, "project_name", result.project_name);
  result.backend = setting(settings, "backend", result.backend);
  result.part = setting(settings, "part", result.part);
  result.clock_period = setting(settings, "clock_period", result.clock_period);
  result.clock_uncertainty = setting(settings, "clock_uncertainty", result.clock_uncertainty);
  result.io_type = setting(settings, "io_type", result.io_type);
  result.hls_dir = setting(settings, "hls_dir", result.hls_dir);
  result.cpp_namespace = setting(settings, "namespace", result.cpp_namespace);
  result.write_weights_txt = setting(settings, "write_weights_txt", result.write_weights_txt);
  result.write_tar = setting(settings, "write_tar", result.write_tar);
  result.write_emulation_constants =
      setting(settings, "write_emulation_constants", result.write_emulation_constants);
  result.tb_output_stream = setting(settings, "tb_output_stream", result.tb_output_stream);
  result.input_data_tb = hlsnn::cli::testbench_data(
      setting(settings, "input_data_tb", std::filesystem::path()), "input_data_tb");
  result.output_data_tb = hlsnn::cli::testbench_data(
      setting(settings, "output_data_tb", std::filesystem::path()), "output_data_tb");
  return result;
}

// The whole project config, as hls4ml's `model.config.config` shows it (the YAML keys).
nlohmann::ordered_json project_config(const Model& model) {
  const ConvertSettings& settings = model.settings();
  const hlsnn::ir::ModelSettings& resolved = model.graph().settings();
  return {{"OutputDir", settings.output_dir.string()},
          {"ProjectName", settings.project_name},
          {"Backend", std::string(hlsnn::ir::to_string(resolved.backend))},
          {"Part", settings.part},
          {"ClockPeriod", settings.clock_period},
          {"ClockUncertainty", resolved.clock_uncertainty},
          {"IOType", settings.io_type},
          {"HLSConfig", model.config()},
          {"WriterConfig",
           {{"Namespace",
             settings.cpp_namespace.empty() ? json(nullptr) : json(settings.cpp_namespace)},
            {"WriteWeightsTxt", settings.write_weights_txt},
            {"WriteTar", settings.write_tar},
            {"TBOutputStream", settings.tb_output_stream},
            {"WriteEmulationConstants", settings.write_emulation_constants}}}};
}

}  // namespace

void bind_api(nb::module_& module) {
  module.def(
      "_describe_precision",
      [](const std::string& text) { return describe_type(hlsnn::ir::parse_precision(text)); },
      nb::arg("text"), "A type string (any spelling hlsnn reads) as describe_type's dict.");
  nb::class_<Model>(module, "_Model")
      .def_static(
          "from_keras_json",
          [](const std::string& model_json, const nb::dict& weights, int keras_major,
             const std::optional<std::string>& config_json, const nb::dict& settings) {
            const auto weights_by_layer = to_weights(weights);
            const auto config = parse_config(config_json);
            const ConvertSettings converted = settings_from(settings);
            nb::gil_scoped_release unlocked;
            return Model::from_keras_json(model_json, weights_by_layer, keras_major, config,
                                          converted);
          },
          nb::arg("model_json"), nb::arg("weights"), nb::arg("keras_major"),
          nb::arg("config_json").none(), nb::arg("settings"))
      .def_static(
          "from_keras_file",
          [](const std::filesystem::path& path, const std::optional<std::string>& config_json,
             const nb::dict& settings) {
            const auto config = parse_config(config_json);
            const ConvertSettings converted = settings_from(settings);
            nb::gil_scoped_release unlocked;
            return Model::from_keras_file(path, config, converted);
          },
          nb::arg("path"), nb::arg("config_json").none(), nb::arg("settings"))
      .def_static(
          "make_config",
          [](const std::string& model_json, const nb::dict& weights, int keras_major,
             const std::string& granularity, const std::string& default_precision,
             int64_t default_reuse_factor, const std::optional<std::string>& max_precision) {
            return Model::make_config(model_json, to_weights(weights), keras_major, granularity,
                                      default_precision, default_reuse_factor, max_precision)
                .dump();
          },
          nb::arg("model_json"), nb::arg("weights"), nb::arg("keras_major"), nb::arg("granularity"),
          nb::arg("default_precision"), nb::arg("default_reuse_factor"),
          nb::arg("max_precision").none())
      .def_prop_ro("config_json", [](const Model& model) { return model.config().dump(); })
      .def_prop_ro("output_dir", [](const Model& model) { return model.settings().output_dir; })
      .def_prop_ro("project_config_json",
                   [](const Model& model) { return project_config(model).dump(); })
      .def_prop_ro("layers", &layer_summaries)
      .def_prop_ro("input_names", [](const Model& model) { return model.graph().inputs(); })
      .def_prop_ro("output_names", [](const Model& model) { return model.graph().outputs(); })
      .def_prop_ro("warnings",
                   [](const Model& model) {
                     std::vector<std::string> texts;
                     for (const hlsnn::Error& warning : model.warnings()) {
                       texts.emplace_back(warning.what());
                     }
                     return texts;
                   })
      .def(
          "write",
          [](Model& model, bool overwrite) {
            nb::gil_scoped_release unlocked;
            model.write(overwrite);
          },
          nb::arg("overwrite") = false)
      .def(
          "compile",
          [](Model& model, const std::optional<std::filesystem::path>& ap_types_dir) {
            nb::gil_scoped_release unlocked;
            return model.compile(ap_types_dir.value_or(std::filesystem::path()));
          },
          nb::arg("ap_types_dir").none() = nb::none(),
          "Compiles the emulation library (against `ap_types_dir` when given, else hlsnn's "
          "headers); returns True when it came from the cache.")
      .def(
          "fifo_report",
          [](Model& model, int samples) {
            hlsnn::FifoReport report;
            {
              nb::gil_scoped_release unlocked;
              report = model.fifo_report(samples);
            }
            nb::list fifos;
            for (const hlsnn::FifoDepthInfo& fifo : report.fifos) {
              nb::dict entry;
              entry["name"] = fifo.name;
              entry["layer"] = fifo.layer;
              entry["producer"] = fifo.producer;
              entry["consumer"] = fifo.consumer;
              entry["words"] = fifo.words;
              entry["depth"] = fifo.depth;
              entry["needed"] = fifo.needed;
              fifos.append(entry);
            }
            nb::dict result;
            result["fifos"] = fifos;
            result["samples"] = report.samples;
            result["cycles_unbounded"] = report.cycles_unbounded;
            result["cycles"] = report.cycles;
            result["deadlock"] = report.deadlock;
            result["waiting"] = report.waiting;
            result["text"] = hlsnn::format_fifo_report(report);
            return result;
          },
          nb::arg("samples") = 2)
      .def_prop_ro("inputs",
                   [](const Model& model) { return tensor_list(model.manifest().inputs); })
      .def_prop_ro("outputs",
                   [](const Model& model) { return tensor_list(model.manifest().outputs); })
      .def("predict_f64", &predict<double>, nb::arg("inputs"))
      .def("predict_f32", &predict<float>, nb::arg("inputs"))
      .def(
          "trace",
          [](Model& model, const std::vector<InputArray<double>>& inputs) {
            hlsnn::TraceResult traced;
            {
              nb::gil_scoped_release unlocked;
              traced = model.trace(to_views(inputs));
            }
            const hlsnn::project::Manifest& manifest = model.manifest();
            nb::list outputs;
            for (size_t k = 0; k < traced.outputs.size(); ++k) {
              outputs.append(to_numpy(std::move(traced.outputs[k]), manifest.outputs[k].shape));
            }
            nb::dict layers;
            for (size_t j = 0; j < traced.layer_outputs.size(); ++j) {
              auto& [name, values] = traced.layer_outputs[j];
              layers[nb::str(name.c_str(), name.size())] =
                  to_numpy(std::move(values), manifest.traced_layers[j].shape);
            }
            return nb::make_tuple(outputs, layers);
          },
          nb::arg("inputs"))
      .def(
          "table_report_json",
          [](const Model& model, int64_t exhaustive_limit, int64_t softmax_rows,
             double softmax_sigma, uint64_t seed) {
            nlohmann::ordered_json report;
            {
              nb::gil_scoped_release unlocked;
              report =
                  hlsnn::table_report(model, {exhaustive_limit, softmax_rows, softmax_sigma, seed});
            }
            return nb::make_tuple(report.dump(), hlsnn::format_table_report(report));
          },
          nb::arg("exhaustive_limit"), nb::arg("softmax_rows"), nb::arg("softmax_sigma"),
          nb::arg("seed"), "The table error report (api/table_report.h) as JSON and as text.")
      .def(
          "build",
          [](Model& model, bool reset, bool csim, bool synth, bool cosim, bool validation,
             bool export_ip, bool vsynth, bool log_to_stdout) {
            std::function<void(std::string_view)> show_output;
            if (log_to_stdout) show_output = write_to_python_stdout;
            hlsnn::BuildResult result;
            {
              nb::gil_scoped_release unlocked;
              result = model.build({reset, csim, synth, cosim, validation, export_ip, vsynth},
                                   show_output);
            }
            return nb::make_tuple(result.tool, result.exit_code, result.output);
          },
          nb::arg("reset"), nb::arg("csim"), nb::arg("synth"), nb::arg("cosim"),
          nb::arg("validation"), nb::arg("export"), nb::arg("vsynth"), nb::arg("log_to_stdout"));
}
