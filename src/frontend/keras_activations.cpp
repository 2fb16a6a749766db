#include "frontend/keras_activations.h"

#include <algorithm>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {

const std::vector<std::string>& supported_activations() {
  static const std::vector<std::string> names = {"linear", "relu",    "relu6",        "sigmoid",
                                                 "tanh",   "softmax", "softplus",     "softsign",
                                                 "elu",    "selu",    "hard_sigmoid", "hard_tanh"};
  return names;
}

std::string keras_activation_name(const nlohmann::ordered_json& value, const std::string& where) {
  std::string name;
  if (value.is_null()) {
    name = "linear";
  } else if (value.is_string()) {
    name = value.get<std::string>();
  } else if (value.is_object() && value.contains("config") && value["config"].is_string()) {
    name = value["config"].get<std::string>();
  } else if (value.is_object() && value.contains("class_name") && value["class_name"].is_string()) {
    name = value["class_name"].get<std::string>();
  } else {
    throw Error("the activation " + value.dump() + " is not a name", where,
                "use one of the built-in Keras activations");
  }
  // Keras spells a few of them in two ways.
  if (name == "hard_silu" || name == "hard_swish") name = "hard_silu";
  if (name == "silu") name = "swish";
  const std::vector<std::string>& supported = supported_activations();
  if (std::find(supported.begin(), supported.end(), name) != supported.end()) return name;
  std::string list;
  for (const std::string& known : supported) list += (list.empty() ? "" : ", ") + known;
  throw Error("activation " + ir::display_name(name) + " is not supported", where,
              "use one of: " + list);
}

}  // namespace hlsnn::frontend
