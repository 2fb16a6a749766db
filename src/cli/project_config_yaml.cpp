#include "cli/project_config_yaml.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <vector>

#include "ir/error.h"

namespace hlsnn::cli {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

const std::vector<std::string>& valid_keys() {
  static const std::vector<std::string> keys = {"KerasJson",   "KerasH5", "OutputDir",
                                                "ProjectName", "Part",    "ClockPeriod",
                                                "IOType",      "Backend", "HLSConfig"};
  return keys;
}

std::string where_in(const fs::path& path, const YAML::Node& node) {
  return path.string() + ":" + std::to_string(node.Mark().line + 1);
}

/// A plain scalar is typed as YAML 1.1 would (int, float, bool, null); a quoted one stays a
/// string, so that `Precision: "1"` is not turned into a number.
json scalar_to_json(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;
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

json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json object = json::object();
      for (const auto& entry : node) object[entry.first.Scalar()] = yaml_to_json(entry.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      json array = json::array();
      for (const auto& element : node) array.push_back(yaml_to_json(element));
      return array;
    }
    case YAML::NodeType::Scalar:
      return scalar_to_json(node);
    default:
      return nullptr;
  }
}

void emit_json(YAML::Emitter& out, const json& value) {
  if (value.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [key, element] : value.items()) {
      out << YAML::Key << key << YAML::Value;
      emit_json(out, element);
    }
    out << YAML::EndMap;
  } else if (value.is_array()) {
    out << YAML::BeginSeq;
    for (const json& element : value) emit_json(out, element);
    out << YAML::EndSeq;
  } else if (value.is_string()) {
    out << value.get<std::string>();
  } else if (value.is_null()) {
    out << YAML::Null;
  } else {
    out << value.dump();
  }
}

template <typename T>
T scalar_value(const fs::path& path, const YAML::Node& node, const std::string& key) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw Error("'" + key + "' has the wrong type", where_in(path, node),
                "see the output of `hlsnn config` for an example");
  }
}

fs::path resolved(const fs::path& base, const std::string& value) {
  const fs::path path(value);
  return path.is_absolute() ? path : base / path;
}

}  // namespace

ProjectConfig read_project_config(const fs::path& path) {
  if (!fs::exists(path)) {
    throw Error("the config file does not exist", path.string(),
                "write one with `hlsnn config -m model.h5 -o " + path.filename().string() + "`");
  }
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& error) {
    throw Error("not valid YAML: " + error.msg,
                path.string() + ":" + std::to_string(error.mark.line + 1));
  }
  if (!root.IsMap()) throw Error("the config is not a YAML mapping of keys", path.string());

  const fs::path base = fs::absolute(path).parent_path();
  ProjectConfig config;
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "KerasJson") {
      config.keras_json = resolved(base, scalar_value<std::string>(path, value, key));
    } else if (key == "KerasH5") {
      config.keras_h5 = resolved(base, scalar_value<std::string>(path, value, key));
    } else if (key == "OutputDir") {
      config.settings.output_dir = resolved(base, scalar_value<std::string>(path, value, key));
    } else if (key == "ProjectName") {
      config.settings.project_name = scalar_value<std::string>(path, value, key);
    } else if (key == "Part") {
      config.settings.part = scalar_value<std::string>(path, value, key);
    } else if (key == "ClockPeriod") {
      config.settings.clock_period = scalar_value<double>(path, value, key);
    } else if (key == "IOType") {
      config.settings.io_type = scalar_value<std::string>(path, value, key);
    } else if (key == "Backend") {
      config.settings.backend = scalar_value<std::string>(path, value, key);
    } else if (key == "HLSConfig") {
      config.hls_config = yaml_to_json(value);
    } else {
      std::string valid;
      for (const std::string& name : valid_keys()) valid += (valid.empty() ? "" : ", ") + name;
      throw Error("unknown key '" + key + "'", where_in(path, entry.first),
                  "valid keys are " + valid);
    }
  }
  if (config.keras_h5.empty()) {
    throw Error("no 'KerasH5' key: the model file (or the weights of 'KerasJson') is needed",
                path.string());
  }
  return config;
}

std::string project_config_yaml(const ProjectConfig& config) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  if (!config.keras_json.empty())
    out << YAML::Key << "KerasJson" << YAML::Value << config.keras_json.string();
  out << YAML::Key << "KerasH5" << YAML::Value << config.keras_h5.string();
  out << YAML::Key << "OutputDir" << YAML::Value << config.settings.output_dir.string();
  out << YAML::Key << "ProjectName" << YAML::Value << config.settings.project_name;
  out << YAML::Key << "Part" << YAML::Value << config.settings.part;
  out << YAML::Key << "ClockPeriod" << YAML::Value << config.settings.clock_period;
  out << YAML::Key << "IOType" << YAML::Value << config.settings.io_type;
  out << YAML::Key << "Backend" << YAML::Value << config.settings.backend;
  if (config.hls_config) {
    out << YAML::Key << "HLSConfig" << YAML::Value;
    emit_json(out, *config.hls_config);
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace hlsnn::cli
