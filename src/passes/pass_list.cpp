#include "passes/pass_list.h"

#include <ostream>

#include "passes/adopt_input_quantizers.h"
#include "passes/choose_table_types.h"
#include "passes/fuse_batchnorm.h"
#include "passes/infer_precision.h"
#include "passes/insert_apply_alpha.h"
#include "passes/preflight_checks.h"
#include "passes/remove_linear_activations.h"
#include "passes/skip_softmax.h"
#include "passes/split_activations.h"

namespace hlsnn::passes {

const std::vector<Pass>& canonicalization_passes() {
  // Activations become layers before the config exists, so that the config can address them.
  static const std::vector<Pass> passes = {
      {"split_activations", "move fused activations into layers named <layer>_<activation>",
       split_activations},
      // After the split: a QKeras kernel's scale applies to the sum, before the activation.
      {"insert_apply_alpha",
       "scale the outputs of layers with per-channel QKeras scales in "
       "<layer>_alpha ApplyAlpha layers",
       insert_apply_alpha},
      // Before the config is made: it shows the input's quantizer type and keeps it.
      {"adopt_input_quantizers",
       "give a model input the type of the QKeras quantizer that is its only consumer",
       adopt_input_quantizers},
  };
  return passes;
}

const std::vector<Pass>& optimization_passes() {
  static const std::vector<Pass> passes = {
      // Before inference: the fused Dense takes the BatchNormalization's types.
      {"fuse_batchnorm",
       "fold BatchNormalization into the Dense or convolution before it where exact",
       fuse_batchnorm},
      {"skip_softmax", "remove the softmax layers whose config sets Skip (logits out)",
       skip_softmax},
      {"remove_linear_activations", "drop linear activations that change no type",
       remove_linear_activations},
      // Last transformation: every type is known from here on.
      {"infer_precision",
       "replace auto types by the narrowest that never overflow on the declared input range",
       infer_precision},
      // After the result types: hlsnn's tables are sized for them.
      {"choose_table_types",
       "give auto lookup tables accurate types and sizes (hls4ml's defaults beside explicit ones)",
       choose_table_types},
      {"validate", "check the graph invariants the backends rely on",
       [](ir::Graph& graph) { graph.validate(); }},
      // On a valid graph with every type known: what synthesis would only show much later.
      {"preflight_checks",
       "refuse softmax tables that give garbage; warn of clipped weights, coarse or overflowing "
       "softmax types, Latency layers beyond the vendor's unroll limit, io_parallel outputs "
       "beyond its partition limit",
       preflight_checks},
  };
  return passes;
}

void run_passes(ir::Graph& graph, const std::vector<Pass>& passes, std::ostream* log,
                bool print_graph) {
  for (const Pass& pass : passes) {
    pass.run(graph);
    if (log != nullptr) {
      *log << "pass " << pass.name << "\n";
      if (print_graph) *log << graph.to_string() << "\n";
    }
  }
}

std::string describe_passes(const std::vector<Pass>& passes) {
  std::string text;
  for (const Pass& pass : passes) text += pass.name + ": " + pass.summary + "\n";
  return text;
}

}  // namespace hlsnn::passes
