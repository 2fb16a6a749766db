#include "frontend/keras_model_structure.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>

#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using Json = nlohmann::json;

const char kResaveHint[] =
    "the model description is damaged or was not written by Keras; save "
    "the model again from Keras";

Json parse_json(const std::string& json_text, const std::string& where) {
  try {
    return Json::parse(json_text);
  } catch (const Json::exception& error) {
    throw Error(std::string("the model description is not valid JSON: ") + error.what(), where,
                kResaveHint);
  }
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
  const Json document = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_object() && document.contains("keras_version") &&
      document["keras_version"].is_string()) {
    return document["keras_version"].get<std::string>();
  }
  return {};
}

std::string keras_snake_case(const std::string& class_name, int keras_major_version) {
  // The same regular expressions as keras.src.utils.naming.to_snake_case (Keras 3) and
  // generic_utils.to_snake_case (Keras 2).
  static const std::regex non_word_characters(R"(\W+)");
  static const std::regex capitalised_word("(.)([A-Z][a-z]+)");
  static const std::regex lower_then_upper("([a-z])([A-Z])");
  std::string name = class_name;
  if (keras_major_version >= 3) name = std::regex_replace(name, non_word_characters, "");
  name = std::regex_replace(name, capitalised_word, "$1_$2");
  name = std::regex_replace(name, lower_then_upper, "$1_$2");
  for (char& character : name) {
    character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
  }
  // Keras 2 keeps names of private classes from starting with '_'.
  if (keras_major_version < 3 && !name.empty() && name.front() == '_') name = "private" + name;
  return name;
}

}  // namespace hlsnn::frontend
