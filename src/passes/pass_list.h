#ifndef HLSNN_PASSES_PASS_LIST_H
#define HLSNN_PASSES_PASS_LIST_H

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace hlsnn::passes {

/// One step of the compiler, with the line `hlsnn` prints for it.
struct Pass {
  std::string name;
  std::string summary;
  std::function<void(ir::Graph&)> run;
};

/// The passes that run on a freshly imported graph, before the config is made or applied.
const std::vector<Pass>& canonicalization_passes();

/// The passes that run after the config is applied, in order, ending with validation.
const std::vector<Pass>& optimization_passes();

/// Runs `passes` in order. With a `log`, writes each pass's name and, when `print_graph`, the
/// whole graph after it (HLSNN_DEBUG=2 turns this on in the API).
void run_passes(ir::Graph& graph, const std::vector<Pass>& passes, std::ostream* log = nullptr,
                bool print_graph = false);

/// "name: summary" lines for `hlsnn passes` and logs.
std::string describe_passes(const std::vector<Pass>& passes);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_PASS_LIST_H
