#include "ir/layer_options.h"

#include <string>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::ir {
std::string_view to_string(Strategy strategy) {
  return strategy == Strategy::kResource ? "Resource" : "Latency";
}

Strategy parse_strategy(std::string_view text) {
  for (const Strategy strategy : {Strategy::kLatency, Strategy::kResource}) {
    if (equals_ignoring_case(text, to_string(strategy))) {
      return strategy;
    }
  }
  throw Error("unknown strategy " + single_quoted(text), "", "valid choices: Latency, Resource");
}

}  // namespace hlsnn::ir
