#include "cli/project_config_yaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "input/input_file.h"
#include "input/input_limits.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::cli {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

const std::vector<std::string>& valid_keys() {
  static const std::vector<std::string> keys = {
      "KerasJson",    "KerasH5",          "OutputDir", "ProjectName",      "Part",
      "ClockPeriod",  "ClockUncertainty", "IOType",    "Backend",          "HLSConfig",
      "WriterConfig", "InputData",        "Version",   "OutputPredictions"};
  return keys;
}

const std::vector<std::string>& writer_keys() {
  static const std::vector<std::string> keys = {"Namespace", "WriteWeightsTxt", "WriteTar",
                                                "TBOutputStream", "WriteEmulationConstants"};
  return keys;
}

std::string where_in(const std::string& label, const YAML::Node& node) {
  return label + ":" + std::to_string(node.Mark().line + 1);
}

/// A plain scalar is typed as YAML 1.1 would (int, float, bool, null); a quoted one stays a
/// string, so that `Precision: "1"` is not turned into a number.
json json_from_scalar_text(const std::string& text) {
  if (text == "true" || text == "True") return true;
  if (text == "false" || text == "False") return false;
  if (text == "null" || text == "~" || text.empty()) return nullptr;
  char* end = nullptr;
  const long long integer = std::strtoll(text.c_str(), &end, 10);
  if (*end == '\0') return integer;
  const double number = std::strtod(text.c_str(), &end);
  if (*end == '\0') return number;
  return text;
}

json scalar_to_json(const YAML::Node& node) {
  if (node.Tag() == "!") return node.Scalar();
  return json_from_scalar_text(node.Scalar());
}

/// Whether `text` is UTF-8 (JSON strings must be, and the config ends up as JSON).
bool is_utf8(const std::string& text) {
  size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    size_t length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xe  ? 3
                    : (lead >> 3) == 0x1e ? 4
                                          : 0;
    if (length == 0 || at + length > text.size()) return false;
    for (size_t offset = 1; offset < length; ++offset) {
      if ((static_cast<unsigned char>(text[at + offset]) & 0xc0) != 0x80) return false;
    }
    at += length;
  }
  return true;
}

/// Turns a YAML tree into JSON within the limits of input_limits.h. yaml-cpp keeps an alias as a
/// second reference to its anchor's node, so the tree may be a graph: an alias inside its own
/// anchor is a cycle, and nested aliases can stand for exponentially many nodes.
class YamlToJson {
 public:
  explicit YamlToJson(std::string label) : label_(std::move(label)) {}

  json convert(const YAML::Node& node) {
    if (++nodes_ > input::kMaxYamlNodes) {
      fail("the document expands to more than " + std::to_string(input::kMaxYamlNodes) +
               " values (aliases repeat their anchor's values)",
           node);
    }
    if (!node.IsScalar()) {
      for (const YAML::Node& ancestor : path_) {
        if (ancestor.is(node)) fail("an alias refers to a value that contains it (a cycle)", node);
      }
      if (path_.size() >= static_cast<size_t>(input::kMaxYamlDepth)) {
        fail("the document nests deeper than the limit of " + std::to_string(input::kMaxYamlDepth) +
                 " levels",
             node);
      }
    }
    switch (node.Type()) {
      case YAML::NodeType::Map: {
        path_.push_back(node);
        json object = json::object();
        for (const auto& entry : node) {
          if (!entry.first.IsScalar()) fail("a key is not plain text", entry.first);
          object[text_of(entry.first)] = convert(entry.second);
        }
        path_.pop_back();
        return object;
      }
      case YAML::NodeType::Sequence: {
        path_.push_back(node);
        json array = json::array();
        for (const auto& element : node) array.push_back(convert(element));
        path_.pop_back();
        return array;
      }
      case YAML::NodeType::Scalar: {
        text_of(node);
        return scalar_to_json(node);
      }
      default:
        return nullptr;
    }
  }

 private:
  const std::string& text_of(const YAML::Node& scalar) const {
    if (!is_utf8(scalar.Scalar())) fail("the text is not UTF-8", scalar);
    return scalar.Scalar();
  }

  [[noreturn]] void fail(const std::string& problem, const YAML::Node& node) const {
    throw Error(problem, where_in(label_, node),
                "write the config without such aliases or nesting");
  }

  std::string label_;
  uint64_t nodes_ = 0;
  std::vector<YAML::Node> path_;
};

/// Whether a YAML reader (ours, or a YAML 1.1 one such as PyYAML) could take the plain scalar
/// `text` for something other than a string: a number, a bool (yes/no/on/off too) or null.
bool reads_as_non_string(const std::string& text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::vector<std::string> words = {"true", "false", "yes",   "no",   "on",
                                                 "off",  "y",     "n",     "null", "~",
                                                 ".inf", "-.inf", "+.inf", ".nan"};
  if (text.empty() || std::find(words.begin(), words.end(), lower) != words.end()) return true;
  return json_from_scalar_text(text).is_number();
}

/// Strings that would read back as another type are double-quoted, so that a layer named `1e5`,
/// `yes` or `null` stays a string; the others are left to the emitter, which quotes what YAML
/// syntax needs.
void emit_string(YAML::Emitter& out, const std::string& text) {
  if (reads_as_non_string(text)) out << YAML::DoubleQuoted;
  out << text;
}

void emit_json(YAML::Emitter& out, const json& value) {
  if (value.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [key, element] : value.items()) {
      out << YAML::Key;
      emit_string(out, key);
      out << YAML::Value;
      emit_json(out, element);
    }
    out << YAML::EndMap;
  } else if (value.is_array()) {
    out << YAML::BeginSeq;
    for (const json& element : value) emit_json(out, element);
    out << YAML::EndSeq;
  } else if (value.is_string()) {
    emit_string(out, value.get<std::string>());
  } else if (value.is_null()) {
    out << YAML::Null;
  } else {
    out << value.dump();
  }
}

template <typename T>
T scalar_value(const std::string& label, const YAML::Node& node, const std::string& key) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw Error("'" + key + "' has the wrong type", where_in(label, node),
                "see the output of `hlsnn config` for an example");
  }
}

YAML::Node load_yaml(const std::string& text, const std::string& label) {
  input::check_size(text.size(), input::kMaxYamlBytes, "project config", label);
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw Error("not valid YAML: " + error.msg, label + ":" + std::to_string(error.mark.line + 1));
  }
}

fs::path resolved(const fs::path& base, const std::string& value) {
  const fs::path path(value);
  return path.is_absolute() ? path : base / path;
}

/// hls4ml's WriterConfig mapping; a null Namespace means none.
void read_writer_config(const std::string& label, const YAML::Node& node,
                        ConvertSettings& settings) {
  if (!node.IsMap()) {
    throw Error("'WriterConfig' is not a mapping of keys", where_in(label, node),
                "write e.g. WriterConfig: {Namespace: null, WriteWeightsTxt: false}");
  }
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "Namespace") {
      settings.cpp_namespace = value.IsNull() ? "" : scalar_value<std::string>(label, value, key);
    } else if (key == "WriteWeightsTxt") {
      settings.write_weights_txt = scalar_value<bool>(label, value, key);
    } else if (key == "WriteTar") {
      settings.write_tar = scalar_value<bool>(label, value, key);
    } else if (key == "WriteEmulationConstants") {
      settings.write_emulation_constants = scalar_value<bool>(label, value, key);
    } else if (key == "TBOutputStream") {
      settings.tb_output_stream = scalar_value<std::string>(label, value, key);
    } else {
      std::string valid;
      for (const std::string& name : writer_keys()) valid += (valid.empty() ? "" : ", ") + name;
      throw Error("unknown WriterConfig key '" + key + "'", where_in(label, entry.first),
                  "valid keys are " + valid);
    }
  }
}

}  // namespace

ProjectConfig read_project_config(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw Error("the config file does not exist", path.string(),
                "write one with `hlsnn config -m model.h5 -o " + path.filename().string() + "`");
  }
  const std::string text = input::read_input_file(path, input::kMaxYamlBytes, "project config");
  return parse_project_config(text, fs::absolute(path).parent_path(), path.string());
}

ProjectConfig parse_project_config(const std::string& yaml_text, const fs::path& base,
                                   const std::string& label) {
  const YAML::Node root = load_yaml(yaml_text, label);
  if (!root.IsMap()) throw Error("the config is not a YAML mapping of keys", label);

  ProjectConfig config;
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "KerasJson") {
      config.keras_json = resolved(base, scalar_value<std::string>(label, value, key));
    } else if (key == "KerasH5") {
      config.keras_h5 = resolved(base, scalar_value<std::string>(label, value, key));
    } else if (key == "OutputDir") {
      config.settings.output_dir = resolved(base, scalar_value<std::string>(label, value, key));
    } else if (key == "ProjectName") {
      config.settings.project_name = scalar_value<std::string>(label, value, key);
    } else if (key == "Part") {
      config.settings.part = scalar_value<std::string>(label, value, key);
    } else if (key == "ClockPeriod") {
      config.settings.clock_period = scalar_value<double>(label, value, key);
    } else if (key == "ClockUncertainty") {
      config.settings.clock_uncertainty = scalar_value<std::string>(label, value, key);
    } else if (key == "IOType") {
      config.settings.io_type = scalar_value<std::string>(label, value, key);
    } else if (key == "WriterConfig") {
      read_writer_config(label, value, config.settings);
    } else if (key == "InputData" || key == "OutputPredictions") {
      if (!value.IsNull()) {
        (key == "InputData" ? config.input_data : config.output_predictions) =
            resolved(base, scalar_value<std::string>(label, value, key));
      }
    } else if (key == "Version") {
      // hls4ml versions the IP of its accelerator backends only; a Vivado or Vitis project
      // takes none, there as here.
      scalar_value<std::string>(label, value, key);
    } else if (key == "Backend") {
      config.settings.backend = scalar_value<std::string>(label, value, key);
    } else if (key == "HLSConfig") {
      config.hls_config = YamlToJson(label).convert(value);
    } else {
      std::string valid;
      for (const std::string& name : valid_keys()) valid += (valid.empty() ? "" : ", ") + name;
      throw Error("unknown key '" + key + "'", where_in(label, entry.first),
                  "valid keys are " + valid);
    }
  }
  if (config.keras_h5.empty()) {
    throw Error("no 'KerasH5' key: the model file (or the weights of 'KerasJson') is needed",
                label);
  }
  return config;
}

json yaml_to_json(const std::string& yaml_text, const std::string& label) {
  return YamlToJson(label).convert(load_yaml(yaml_text, label));
}

std::string json_to_yaml(const json& document) {
  YAML::Emitter out;
  emit_json(out, document);
  return std::string(out.c_str()) + "\n";
}

std::string project_config_yaml(const ProjectConfig& config) {
  json document = json::object();
  if (!config.keras_json.empty()) document["KerasJson"] = config.keras_json.string();
  document["KerasH5"] = config.keras_h5.string();
  document["OutputDir"] = config.settings.output_dir.string();
  document["ProjectName"] = config.settings.project_name;
  document["Part"] = config.settings.part;
  document["ClockPeriod"] = config.settings.clock_period;
  document["ClockUncertainty"] = config.settings.clock_uncertainty.empty()
                                     ? (config.settings.backend == "Vitis" ? "27%" : "12.5%")
                                     : config.settings.clock_uncertainty;
  document["IOType"] = config.settings.io_type;
  document["Backend"] = config.settings.backend;
  document["WriterConfig"] = {
      {"Namespace",
       config.settings.cpp_namespace.empty() ? json(nullptr) : json(config.settings.cpp_namespace)},
      {"WriteWeightsTxt", config.settings.write_weights_txt},
      {"WriteTar", config.settings.write_tar},
      {"TBOutputStream", config.settings.tb_output_stream},
      {"WriteEmulationConstants", config.settings.write_emulation_constants}};
  if (config.hls_config) document["HLSConfig"] = *config.hls_config;
  return json_to_yaml(document);
}

}  // namespace hlsnn::cli
