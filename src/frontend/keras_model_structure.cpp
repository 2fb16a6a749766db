#include "frontend/keras_model_structure.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "input/json_document.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using Json = nlohmann::json;

const char kResaveHint[] =
    "the model description is damaged or was not written by Keras; save "
    "the model again from Keras";

Json parse_json(const std::string& json_text, const std::string& where) {
  return input::parse_json_document<Json>(json_text, where, kResaveHint);
}

KerasLayerNode parse_node(const Json& entry, const std::string& where) {
  if (!entry.is_object() || !entry.contains("class_name") || !entry["class_name"].is_string() ||
      !entry.contains("config")) {
    throw Error("expected an object with \"class_name\" and \"config\"", where, kResaveHint);
  }
  KerasLayerNode node;
  node.class_name = entry["class_name"].get<std::string>();
  const Json& config = entry["config"];
  // Functional layer entries carry the name next to the config; Sequential ones only inside.
  if (entry.contains("name") && entry["name"].is_string()) {
    node.name = entry["name"].get<std::string>();
  } else if (config.is_object() && config.contains("name") && config["name"].is_string()) {
    node.name = config["name"].get<std::string>();
  }
  // Keras <= 2.1 wrote a Sequential's config as the bare list of its layers.
  const Json* layers = nullptr;
  if (config.is_array()) {
    layers = &config;
    node.is_sequential = true;
  } else if (config.is_object() && config.contains("layers") && config["layers"].is_array()) {
    layers = &config["layers"];
    node.is_sequential = !config.contains("input_layers");
  }
  if (layers == nullptr) return node;
  node.is_model = true;
  for (size_t index = 0; index < layers->size(); ++index) {
    node.layers.push_back(parse_node(
        (*layers)[index], where + ", layer #" + std::to_string(index) + " of '" + node.name + "'"));
  }
  return node;
}

}  // namespace

KerasLayerNode parse_model_structure(const std::string& json_text, const std::string& where) {
  KerasLayerNode model = parse_node(parse_json(json_text, where), where);
  if (!model.is_model) {
    throw Error(
        "the model description has no list of layers (class_name '" + model.class_name + "')",
        where, "only Sequential and Functional models can be read; " + std::string(kResaveHint));
  }
  return model;
}

std::vector<const KerasLayerNode*> model_layers(const KerasLayerNode& model) {
  std::vector<const KerasLayerNode*> layers;
  for (const KerasLayerNode& layer : model.layers) {
    if (model.is_sequential && layer.class_name == "InputLayer") continue;
    layers.push_back(&layer);
  }
  return layers;
}

std::string keras_version_in_json(const std::string& json_text) {
  const Json document = parse_json(json_text, "the model's JSON");
  if (document.is_object() && document.contains("keras_version") &&
      document["keras_version"].is_string()) {
    return document["keras_version"].get<std::string>();
  }
  return {};
}

std::string keras_snake_case(const std::string& class_name, int keras_major_version) {
  // What the regular expressions of keras.src.utils.naming.to_snake_case (Keras 3) and
  // generic_utils.to_snake_case (Keras 2) do, written out: std::regex recurses once per character
  // matched, and a class name comes from the file, so a long one would overflow the stack.
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  std::string name;
  for (char c : class_name) {
    // Keras 3 first drops \W+, the characters other than [A-Za-z0-9_].
    if (keras_major_version < 3 || is_upper(c) || is_lower(c) || (c >= '0' && c <= '9') ||
        c == '_') {
      name += c;
    }
  }
  // "(.)([A-Z][a-z]+)" -> "\1_\2", matches taken left to right ('.' is not a line break).
  std::string split;
  for (size_t at = 0; at < name.size();) {
    if (name[at] != '\n' && name[at] != '\r' && at + 2 < name.size() && is_upper(name[at + 1]) &&
        is_lower(name[at + 2])) {
      size_t end = at + 3;
      while (end < name.size() && is_lower(name[end])) ++end;
      split += name[at];
      split += '_';
      split.append(name, at + 1, end - at - 1);
      at = end;
    } else {
      split += name[at++];
    }
  }
  // "([a-z])([A-Z])" -> "\1_\2".
  name.clear();
  for (size_t at = 0; at < split.size();) {
    if (at + 1 < split.size() && is_lower(split[at]) && is_upper(split[at + 1])) {
      name += split[at];
      name += '_';
      name += split[at + 1];
      at += 2;
    } else {
      name += split[at++];
    }
  }
  for (char& character : name) {
    character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
  }
  // Keras 2 keeps names of private classes from starting with '_'.
  if (keras_major_version < 3 && !name.empty() && name.front() == '_') name = "private" + name;
  return name;
}

}  // namespace hlsnn::frontend
