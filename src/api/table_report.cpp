#include "api/table_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <sstream>

#include "backend/write_project.h"
#include "ir/error.h"
#include "passes/table_analysis.h"
#include "passes/table_functions.h"
#include "runtime/emulator.h"

namespace hlsnn {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

/// Elements per probe sample of an Activation: the kernel is element-wise, so any width works.
constexpr std::int64_t kActivationWidth = 1024;

const char* const kProbeInput = "probe_input";

/// A fresh folder under the system's temporary directory, removed with this object.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "hlsnn-table-probe-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw Error("cannot create a temporary folder", pattern, "check that $TMPDIR is writable");
    }
    path_ = pattern;
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// The layer alone behind an input of its input type, `shape` wide, every type as converted.
ir::Graph probe_graph(const ir::Graph& model, const ir::Layer& layer, const ir::Shape& shape) {
  ir::Graph graph;
  graph.settings() = model.settings();
  graph.settings().project_name = "table_probe";
  ir::Layer input(kProbeInput, "Input");
  input.outputs = {{kProbeInput, shape, {}}};
  input.set_precision("result", model.producer(layer.inputs.at(0))->precision("result"));
  graph.add_layer(std::move(input));
  ir::Layer copy = layer;
  copy.inputs = {kProbeInput};
  copy.outputs = {{layer.output().name, shape, {}}};
  copy.options.trace = false;
  graph.add_layer(std::move(copy));
  graph.set_inputs({kProbeInput});
  graph.set_outputs({layer.output().name});
  return graph;
}

/// Writes, compiles (through the cache) and runs a probe graph on `inputs` (whole samples).
std::vector<double> run_probe(const Model& model, const ir::Graph& graph,
                              const std::vector<double>& inputs) {
  const TemporaryFolder folder;
  backend::WriteOptions write_options;
  write_options.nnet_utils_dir = model.settings().hls_dir / "nnet_utils";
  write_options.hlsnn_version = HLSNN_VERSION;
  backend::write_project(graph, folder.path(), write_options);
  runtime::EmulatorOptions emulator_options;
  emulator_options.ap_types_dir = model.settings().ap_types_dir.empty()
                                      ? model.settings().hls_dir / "ap_types"
                                      : model.settings().ap_types_dir;
  emulator_options.cache_dir = model.settings().cache_dir.empty() ? runtime::default_cache_dir()
                                                                  : model.settings().cache_dir;
  emulator_options.threads = model.settings().threads;
  const runtime::Emulator emulator(folder.path(), emulator_options);
  const std::int64_t width = emulator.manifest().inputs.at(0).element_count();
  std::vector<double> outputs(inputs.size());
  emulator.predict({inputs.data()}, {outputs.data()},
                   static_cast<std::int64_t>(inputs.size()) / width);
  return outputs;
}

/// The number of values of a type, or 0 when it holds more than 2^62.
std::int64_t value_count(const ir::PrecisionType& type) {
  return type.width() < 62 ? std::int64_t{1} << type.width() : 0;
}

/// Every value of `type`, or a sample of `limit` of them (see TableReportOptions), and a
/// sentence saying which.
std::vector<double> activation_inputs(const ir::PrecisionType& type, std::int64_t limit,
                                      std::uint64_t seed, std::string& description) {
  const double lsb = type.lsb();
  const std::int64_t count = value_count(type);
  std::vector<double> values;
  if (count != 0 && count <= limit) {
    values.reserve(static_cast<size_t>(count));
    for (std::int64_t k = 0; k < count; ++k) {
      values.push_back(type.min_value() + static_cast<double>(k) * lsb);
    }
    description = "all " + std::to_string(count) + " values of " + type.to_config();
    return values;
  }
  values.reserve(static_cast<size_t>(limit));
  const std::int64_t around_zero = limit / 2;
  for (std::int64_t k = -around_zero / 2; k < around_zero / 2; ++k) {
    const double value = static_cast<double>(k) * lsb;
    if (value >= type.min_value() && value <= type.max_value()) values.push_back(value);
  }
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> anywhere(type.min_value(), type.max_value());
  values.push_back(type.min_value());
  values.push_back(type.max_value());
  while (static_cast<std::int64_t>(values.size()) < limit) {
    values.push_back(
        std::clamp(std::round(anywhere(random) / lsb) * lsb, type.min_value(), type.max_value()));
  }
  description = std::to_string(limit) + " of the values of " + type.to_config() +
                ": every one within " + std::to_string(around_zero / 2) +
                " LSBs of 0, both ends, the rest drawn uniformly";
  return values;
}

json measure_activation(const Model& model, const ir::Layer& layer,
                        const passes::TableActivation& activation,
                        const TableReportOptions& options) {
  const ir::Graph& graph = model.graph();
  const ir::PrecisionType& input = graph.producer(layer.inputs.at(0))->precision("result");
  const ir::PrecisionType& result = layer.precision("result");
  std::string description;
  std::vector<double> x =
      activation_inputs(input, options.exhaustive_limit, options.seed, description);
  const size_t used = x.size();
  x.resize(static_cast<size_t>((static_cast<std::int64_t>(used) + kActivationWidth - 1) /
                               kActivationWidth * kActivationWidth),
           0.0);
  const std::vector<double> y = run_probe(model, probe_graph(graph, layer, {kActivationWidth}), x);
  double worst = 0;
  double worst_input = x.empty() ? 0 : x[0];
  double beyond = 0;
  for (size_t i = 0; i < used; ++i) {
    const double exact = passes::evaluate(activation, x[i]);
    const double representable = std::clamp(exact, result.min_value(), result.max_value());
    // Ignore the last bits of double arithmetic (softplus(x) - x for large x).
    if (std::fabs(exact - representable) > result.lsb() * 1e-6) {
      beyond = std::max(beyond, std::fabs(exact - representable));
    }
    const double error = std::fabs(y[i] - representable);
    if (error > worst) {
      worst = error;
      worst_input = x[i];
    }
  }
  return {{"inputs", description},
          {"worst_error", worst},
          {"worst_input", worst_input},
          {"beyond_result_range", beyond}};
}

json measure_softmax(const Model& model, const ir::Layer& layer,
                     const TableReportOptions& options) {
  const ir::Graph& graph = model.graph();
  const ir::PrecisionType& input = graph.producer(layer.inputs.at(0))->precision("result");
  const std::int64_t n = layer.output().shape.back();
  const std::int64_t rows = options.softmax_rows;
  std::mt19937_64 random(options.seed);
  std::normal_distribution<double> logit(0.0, options.softmax_sigma);
  std::vector<double> x(static_cast<size_t>(rows * n));
  for (double& value : x) {
    value = std::clamp(std::round(logit(random) / input.lsb()) * input.lsb(), input.min_value(),
                       input.max_value());
  }
  const std::vector<double> y = run_probe(model, probe_graph(graph, layer, {n}), x);
  double worst = 0;
  double worst_sum = 0;
  double smallest = std::numeric_limits<double>::infinity();
  double largest = -smallest;
  std::int64_t agreeing = 0;
  std::int64_t non_monotone = 0;
  std::vector<double> p(static_cast<size_t>(n));
  for (std::int64_t r = 0; r < rows; ++r) {
    const double* logits = &x[static_cast<size_t>(r * n)];
    const double* outputs = &y[static_cast<size_t>(r * n)];
    passes::softmax(logits, p.data(), static_cast<int>(n));
    double sum = 0;
    bool monotone = true;
    for (std::int64_t i = 0; i < n; ++i) {
      worst = std::max(worst, std::fabs(outputs[i] - p[static_cast<size_t>(i)]));
      sum += outputs[i];
      smallest = std::min(smallest, outputs[i]);
      largest = std::max(largest, outputs[i]);
      for (std::int64_t j = 0; j < n; ++j) {
        if (logits[i] > logits[j] && outputs[i] < outputs[j]) monotone = false;
      }
    }
    worst_sum = std::max(worst_sum, std::fabs(sum - 1));
    non_monotone += monotone ? 0 : 1;
    agreeing += std::max_element(outputs, outputs + n) - outputs ==
                std::max_element(p.begin(), p.end()) - p.begin();
  }
  char distribution[160];
  std::snprintf(distribution, sizeof distribution,
                "%lld rows of %lld logits drawn from N(0, %g), rounded to %s and clipped to its "
                "range",
                static_cast<long long>(rows), static_cast<long long>(n), options.softmax_sigma,
                input.to_config().c_str());
  return {{"inputs", distribution},
          {"worst_error", worst},
          {"worst_sum_deviation", worst_sum},
          {"argmax_agreement", static_cast<double>(agreeing) / static_cast<double>(rows)},
          {"smallest_output", smallest},
          {"largest_output", largest},
          {"non_monotone_rows", non_monotone}};
}

json describe(const ir::Graph& graph, const ir::Layer& layer) {
  const bool softmax = layer.layer_class == "Softmax";
  const std::string implementation = ir::get_attribute_or<std::string>(
      layer.options.extra, "implementation", softmax ? "stable" : "hls4ml", layer.description());
  json entry = {{"layer", layer.name},
                {"class", layer.layer_class},
                {"function", softmax ? "softmax" : passes::table_activation(layer)->name},
                {"implementation", implementation},
                {"input_type", graph.producer(layer.inputs.at(0))->precision("result").to_config()},
                {"result_type", layer.precision("result").to_config()}};
  json types = json::object();
  json sizes = json::object();
  const auto size = [&](const char* key) {
    return ir::get_attribute_or<std::int64_t>(layer.options.extra, key, 1024, layer.description());
  };
  if (softmax) {
    for (const char* slot : {"exp_table", "inv_table", "accum", "inv_inp", "inp_norm"}) {
      types[std::string(slot) + "_t"] = layer.precision(slot).to_config();
    }
    sizes["exp_table_size"] = size("exp_table_size");
    sizes["inv_table_size"] = size("inv_table_size");
  } else {
    types["table_t"] = layer.precision("table").to_config();
    sizes["table_size"] = size("table_size");
    if (layer.options.extra.count("table_range") != 0) {
      sizes["table_range"] =
          ir::get_attribute<double>(layer.options.extra, "table_range", layer.description());
    }
  }
  entry["types"] = types;
  entry["sizes"] = sizes;
  json tables = json::array();
  std::int64_t bits = 0;
  std::int64_t bram18 = 0;
  for (const passes::TableMemory& table : passes::table_memory(layer)) {
    tables.push_back({{"name", table.name},
                      {"entries", table.entries},
                      {"entry_bits", table.entry_bits},
                      {"bits", table.bits()},
                      {"bram18", table.bram18()}});
    bits += table.bits();
    bram18 += table.bram18();
  }
  entry["tables"] = tables;
  entry["memory"] = {{"bits", bits}, {"bram18", bram18}};
  if (const auto estimate = passes::estimate_table_error(graph, layer)) {
    json largest = nullptr;
    if (!estimate->contributions.empty()) {
      const passes::ErrorContribution& top = estimate->contributions.front();
      largest = {{"key", top.key}, {"error", top.error}, {"cause", top.cause}, {"hint", top.hint}};
    }
    entry["estimate"] = {{"worst_error", estimate->worst}, {"largest", largest}};
  }
  return entry;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

}  // namespace

json describe_tables(const ir::Graph& graph) {
  json tables = json::array();
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.layer_class == "Softmax" || passes::table_activation(layer)) {
      tables.push_back(describe(graph, layer));
    }
  }
  return tables;
}

json table_report(const Model& model, const TableReportOptions& options) {
  if (options.exhaustive_limit < kActivationWidth || options.exhaustive_limit > (1 << 26)) {
    throw Error(
        "exhaustive_limit " + std::to_string(options.exhaustive_limit) + " is outside [1024, 2^26]",
        "table_report", "use e.g. 2^20 (the default)");
  }
  if (options.softmax_rows < 1 || options.softmax_rows > 100000000) {
    throw Error("softmax_rows " + std::to_string(options.softmax_rows) + " is outside [1, 10^8]",
                "table_report", "use e.g. 100000 (the default)");
  }
  if (!(options.softmax_sigma > 0) || !std::isfinite(options.softmax_sigma)) {
    throw Error("softmax_sigma " + number(options.softmax_sigma) + " is not a positive number",
                "table_report", "use e.g. 3 (the default)");
  }
  json report = json::array();
  for (const ir::Layer& layer : model.graph().layers()) {
    const std::optional<passes::TableActivation> activation = passes::table_activation(layer);
    if (layer.layer_class != "Softmax" && !activation) continue;
    json entry = describe(model.graph(), layer);
    if (activation) {
      entry["measured"] = measure_activation(model, layer, *activation, options);
    } else if (entry["implementation"] != "argmax") {
      entry["measured"] = measure_softmax(model, layer, options);
    }
    report.push_back(std::move(entry));
  }
  return report;
}

std::string format_table_report(const json& report) {
  std::ostringstream text;
  if (report.empty()) {
    text << "no table layers (softmax, sigmoid, tanh, softplus, softsign, elu, selu)\n";
  }
  for (const json& entry : report) {
    text << entry["layer"].get<std::string>() << " (" << entry["function"].get<std::string>()
         << ", " << entry["implementation"].get<std::string>()
         << "): " << entry["input_type"].get<std::string>() << " -> "
         << entry["result_type"].get<std::string>() << "\n";
    std::string types;
    for (const auto& [key, value] : entry["types"].items()) {
      types += (types.empty() ? "" : ", ") + key + " " + value.get<std::string>();
    }
    for (const auto& [key, value] : entry["sizes"].items()) {
      types += ", " + key + " " +
               (value.is_number_integer() ? std::to_string(value.get<std::int64_t>())
                                          : number(value.get<double>()));
    }
    text << "  types:    " << types << "\n";
    for (const json& table : entry["tables"]) {
      text << "  memory:   " << table["name"].get<std::string>() << " "
           << table["entries"].get<std::int64_t>() << " x " << table["entry_bits"].get<int>()
           << " bits = " << table["bits"].get<std::int64_t>() << " bits, "
           << table["bram18"].get<std::int64_t>() << " BRAM18\n";
    }
    if (entry.contains("estimate")) {
      const json& estimate = entry["estimate"];
      text << "  estimate: worst error " << number(estimate["worst_error"].get<double>());
      if (!estimate["largest"].is_null()) {
        text << ", most from " << estimate["largest"]["key"].get<std::string>() << " ("
             << number(estimate["largest"]["error"].get<double>()) << ")";
      }
      text << "\n";
    }
    if (entry.contains("measured")) {
      const json& measured = entry["measured"];
      text << "  measured: worst error " << number(measured["worst_error"].get<double>());
      if (measured.contains("worst_input")) {
        text << " at x = " << number(measured["worst_input"].get<double>());
        if (measured["beyond_result_range"].get<double>() > 0) {
          text << " (f leaves the result's range by up to "
               << number(measured["beyond_result_range"].get<double>()) << ")";
        }
      } else {
        text << ", row sums off by up to " << number(measured["worst_sum_deviation"].get<double>())
             << ", argmax agreement " << number(measured["argmax_agreement"].get<double>())
             << ", outputs in [" << number(measured["smallest_output"].get<double>()) << ", "
             << number(measured["largest_output"].get<double>()) << "], "
             << measured["non_monotone_rows"].get<std::int64_t>() << " non-monotone rows";
      }
      text << "\n            over " << measured["inputs"].get<std::string>() << "\n";
    }
  }
  return text.str();
}

}  // namespace hlsnn
