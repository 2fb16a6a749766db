#ifndef HLSNN_TESTS_BACKEND_REFERENCE_MODEL_H
#define HLSNN_TESTS_BACKEND_REFERENCE_MODEL_H

#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace hlsnn::backend::testing {

/// Every layer's output for one sample, computed in double precision straight from the IR (no
/// quantization, exact activations): the reference a wide-typed project must come close to.
/// `inputs` holds one array per model input.
std::map<std::string, std::vector<double>> reference_outputs(
    const ir::Graph& graph, const std::vector<std::vector<double>>& inputs);

}  // namespace hlsnn::backend::testing

#endif  // HLSNN_TESTS_BACKEND_REFERENCE_MODEL_H
