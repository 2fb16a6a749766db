#ifndef HLSNN_API_MODEL_H
#define HLSNN_API_MODEL_H

// The C++ facade: everything a user of hlsnn does with a network, in the order they do it
// (convert, write, compile, predict/trace, build), without Python. The Python package and the
// CLI are thin layers over this class.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/fifo_sizing.h"
#include "api/vendor_build.h"
#include "backend/write_project.h"
#include "frontend/keras_file.h"
#include "ir/graph.h"
#include "project/manifest.h"

namespace hlsnn {

namespace runtime {
class Emulator;
}
namespace backend {
struct WriteOptions;
}

/// The folder of our headers (ap_types/ and nnet_utils/): $HLSNN_HLS_DIR, else the source tree's
/// hls/ this library was built from.
std::filesystem::path default_hls_dir();

/// The converter's arguments that are not part of the HLSConfig (hls4ml's
/// convert_from_keras_model keywords), plus where our headers and the compile cache live.
struct ConvertSettings {
  std::filesystem::path output_dir = "my-hls-test";
  std::string project_name = "myproject";
  std::string backend = "Vivado";
  std::string part = "xcvu13p-flga2577-2-e";
  double clock_period = 5.0;
  /// Nanoseconds ("0.5") or a percentage of the period ("12.5%"); empty: the backend's default
  /// (12.5% for Vivado, 27% for Vitis).
  std::string clock_uncertainty;
  std::string io_type = "io_parallel";
  /// A C++ namespace around the generated code (hls4ml's `namespace`); empty for none.
  std::string cpp_namespace;
  /// hls4ml's write_weights_txt: firmware/weights/<array>.txt, which C simulations other than
  /// hlsnn's read at the first call instead of compiling the constants.
  bool write_weights_txt = false;
  /// hls4ml's write_tar: <output_dir>.tar.gz of the project after each write().
  bool write_tar = false;
  /// hls4ml's write_emulation_constants: inputs_t / outputs_t and <project>_emulator().
  bool write_emulation_constants = false;
  /// hls4ml's tb_output_stream: "both", "stdout" or "file".
  std::string tb_output_stream = "both";
  /// hls4ml's input_data_tb / output_data_tb: samples for the testbench (tb_data/).
  std::optional<backend::TestbenchData> input_data_tb;
  std::optional<backend::TestbenchData> output_data_tb;
  /// Holds ap_types/ (emulation headers) and nnet_utils/ (kernels copied into the project).
  std::filesystem::path hls_dir = default_hls_dir();
  /// The ap_int.h / ap_fixed.h / hls_stream.h the emulation compiles against. Empty: ours,
  /// hls_dir/ap_types; the vendor's headers give a reference build of the same project. Their
  /// content is part of the compile cache key.
  std::filesystem::path ap_types_dir;
  /// Empty: runtime::default_cache_dir().
  std::filesystem::path cache_dir;
  /// Worker threads for predict and trace; 0: $HLSNN_NUM_THREADS (read at each call), else all
  /// cores.
  int threads = 0;
};

/// A read-only view of one input tensor's values for a whole batch (row-major, samples first).
template <typename T>
struct TensorView {
  const T* data = nullptr;
  std::size_t size = 0;
};

/// The outputs of `trace`: the model outputs, then every traced layer's output in execution order.
struct TraceResult {
  std::vector<std::vector<double>> outputs;
  std::vector<std::pair<std::string, std::vector<double>>> layer_outputs;
};

class Model {
 public:
  /// Converts a saved Keras model (.h5, .keras, unzipped .keras folder). `hls_config` as the
  /// reference tool takes it (Model / LayerType / LayerName); none means `make_config` defaults
  /// at model granularity. Throws hlsnn::Error for unsupported layers, bad config or settings.
  static Model from_keras_file(const std::filesystem::path& path,
                               const std::optional<nlohmann::ordered_json>& hls_config,
                               const ConvertSettings& settings);
  /// Converts a model given as its JSON (`model.to_json()`) and weights by layer.
  static Model from_keras_json(const std::string& model_json,
                               const frontend::WeightsByLayer& weights, int keras_major_version,
                               const std::optional<nlohmann::ordered_json>& hls_config,
                               const ConvertSettings& settings);

  /// A starting HLSConfig (hls4ml's config_from_keras_model): granularity "model", "type" or
  /// "name"; `max_precision` may be empty.
  static nlohmann::ordered_json make_config(const std::string& model_json,
                                            const frontend::WeightsByLayer& weights,
                                            int keras_major_version, const std::string& granularity,
                                            const std::string& default_precision,
                                            std::int64_t default_reuse_factor,
                                            const std::optional<std::string>& max_precision);

  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  ~Model();

  /// The HLSConfig that was applied (the given one, or the generated default).
  const nlohmann::ordered_json& config() const { return config_; }
  /// The graph after all passes, as written.
  const ir::Graph& graph() const { return graph_; }
  /// What the pre-flight checks found worth a look but not fatal (layer, problem, what to do).
  const std::vector<Error>& warnings() const { return graph_.warnings(); }
  const ConvertSettings& settings() const { return settings_; }

  /// Writes the HLS project into settings().output_dir (and with settings().write_tar the archive
  /// <output_dir>.tar.gz of it). A non-empty folder that holds no hlsnn project is refused unless
  /// `overwrite`; files hlsnn did not write are kept either way. io_stream designs get their FIFO
  /// depths checked first (see check_fifos).
  void write(bool overwrite = false);
  /// io_stream designs: the dataflow schedule model's view of the written project's FIFOs (see
  /// api/fifo_sizing.h). Writes the project first when needed.
  FifoReport fifo_report(int samples = 2);
  /// Writes the project when it was not yet, then compiles and loads its emulation library.
  /// A non-empty `ap_types_dir` replaces settings().ap_types_dir for this and later compiles.
  /// Returns true when the library came from the compile cache. Throws hlsnn::Error when the
  /// headers folder has no ap_fixed.h.
  bool compile(const std::filesystem::path& ap_types_dir = {});
  bool compiled() const { return emulator_ != nullptr; }
  /// Inputs, outputs and traced layers of the compiled project. Throws unless compiled.
  const project::Manifest& manifest() const;

  /// Runs a batch: one view per model input, each holding samples × (input's element count)
  /// values, the same sample count for all. Returns one array per output. Compiles first when
  /// needed. Throws hlsnn::Error naming the expected shapes on a wrong input count or size.
  std::vector<std::vector<double>> predict(const std::vector<TensorView<double>>& inputs);
  std::vector<std::vector<float>> predict(const std::vector<TensorView<float>>& inputs);
  std::vector<std::vector<double>> predict(const std::vector<std::vector<double>>& inputs);
  /// As predict, plus each traced layer's output (keys as in the manifest's traced_layers).
  TraceResult trace(const std::vector<TensorView<double>>& inputs);

  /// Runs the vendor HLS tool on the written project (run_vendor_build: vivado_hls for Vivado,
  /// vitis-run or vitis_hls for Vitis; $HLSNN_VIVADO_HLS / $HLSNN_VITIS_RUN / $HLSNN_VITIS_HLS
  /// override), passing its output to `on_output` line by line while it runs. Throws
  /// hlsnn::Error naming the tool and the variable when it is not found, or when it fails.
  BuildResult build(const BuildOptions& options,
                    const std::function<void(std::string_view lines)>& on_output = {});

 private:
  Model(ir::Graph graph, nlohmann::ordered_json config, ConvertSettings settings);
  /// Before writing an io_stream design: with FIFODepth `schedule` the depths the schedule model
  /// sizes (returned, by stream); with configured depths, an error when they deadlock the model or
  /// exceed FIFODepthLimit, a warning when they are below its need; with the defaults a warning
  /// for FIFOs over the limit.
  std::map<std::string, int64_t> check_fifos(const backend::WriteOptions& options);
  /// The batch size the inputs hold; throws when their count or sizes do not fit the manifest.
  template <typename T>
  int64_t sample_count(const std::vector<TensorView<T>>& inputs) const;
  template <typename T>
  std::vector<std::vector<T>> run_predict(const std::vector<TensorView<T>>& inputs);

  ir::Graph graph_;
  nlohmann::ordered_json config_;
  ConvertSettings settings_;
  bool written_ = false;
  std::unique_ptr<runtime::Emulator> emulator_;
};

}  // namespace hlsnn

#endif  // HLSNN_API_MODEL_H
