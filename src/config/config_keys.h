#ifndef HLSNN_CONFIG_CONFIG_KEYS_H
#define HLSNN_CONFIG_CONFIG_KEYS_H

// The vocabulary of an HLSConfig as hls4ml 1.3 writes and documents it: the keys of each scope,
// what kind of value each takes, and the names a LayerType entry may use. hls_config.cpp checks a
// config against these tables and applies it.

#include <string>
#include <string_view>
#include <vector>

#include "ir/layer.h"

namespace hlsnn::config {

/// hls4ml's snake_case form of a key (an underscore before each capital but the first, lower
/// case, runs of underscores merged): "TableSize" -> "table_size". hls4ml sets a layer attribute
/// from either spelling of such keys, so both are accepted for them.
std::string snake_case(std::string_view key);

/// The class hls4ml 1.3 converts a Keras class into (its layer_map), e.g. LeakyReLU ->
/// ParametrizedActivation, InputLayer -> Input, Add -> Merge; the name itself otherwise.
std::string reference_class(std::string_view name);

/// What a key of a layer scope takes.
enum class ValueKind {
  kPrecision,        ///< a type string (`<slot>_t` keys)
  kPositiveInteger,  ///< ParallelizationFactor, DepthwiseReuseFactor, TargetCycles, ...
  kFifoDepth,        ///< hlsnn's FIFODepth: the depth in words of the layer's output FIFOs
  kBool,             ///< Trace, Skip, Static
  kTableSize,        ///< a power of two of at least 2
  kSoftmaxImplementation,
  kConvImplementation,
  kResizeAlgorithm,  ///< an UpSampling's interpolation: only nearest has a kernel
  kCompression,      ///< a bool; true asks for a kernel hlsnn does not have
};

/// One key a layer scope may hold besides Precision, ReuseFactor and Strategy (which
/// hls_config.cpp reads itself), by its snake_case form.
struct LayerKey {
  /// The name of the IR option (Layer::options.extra): the key's snake_case form, except
  /// ParallelizationFactor and ConvImplementation, which the convolution kernels read as written.
  std::string snake_name;
  ValueKind kind;
  /// The spellings hls4ml 1.3 honours: both for keys it reads as layer attributes, the written one
  /// alone for keys it reads by name (ConvImplementation, ParallelizationFactor, ...).
  std::vector<std::string> spellings;
};

/// The keys a layer scope of `layer_type` may hold, for any name layer_type_names() lists: every
/// layer takes Trace, TargetCycles, Compression and FIFODepth (io_stream); table activations
/// TableSize and table_t; Softmax Implementation, Skip and its table types; convolutions and
/// pooling ConvImplementation;
/// ... A `<slot>_t` key is listed only where hls4ml reads it (accum_t, the table types); it means
/// the same as that slot in Precision and wins over it within one scope.
std::vector<LayerKey> layer_keys(std::string_view layer_type);

/// Precision slots a LayerType entry may name for its class as hls4ml knows it (QDense: those of
/// Dense), including classes hlsnn cannot convert yet, so that such entries are checked now and
/// apply once the class exists.
const std::vector<std::string>& reference_precision_slots(std::string_view layer_type);

/// Precision slots hls4ml writes that change nothing here: the `table` of a Softmax or a PReLU
/// (unused in hls4ml too), the `slope` and `shift` of QKeras' hard activations (exact constants
/// here): accepted, type-checked, not applied.
const std::vector<std::string>& unused_precision_slots(std::string_view layer_class);

/// The IR slot a config's Precision slot names in `layer_class`, e.g. PReLU's `param` is its
/// `alpha` weight; the slot itself otherwise.
std::string ir_precision_slot(std::string_view layer_class, const std::string& slot);

/// The `<slot>_t` keys hls4ml 1.3 reads but then overwrites from Precision (result_t, weight_t,
/// bias_t, scale_t, param_t): refused with a hint, so that a setting is never silently lost.
bool is_ignored_type_key(std::string_view key);

/// Every name a LayerType entry may use: hlsnn's classes, the Keras classes hls4ml's
/// config_from_keras_model writes (InputLayer, LeakyReLU, MaxPooling2D, ...) and hls4ml's own
/// classes (Input, ParametrizedActivation, Pooling2D, Merge, ...).
const std::vector<std::string>& layer_type_names();

/// The LayerType names that address `layer`, most specific first: the Keras class it was made
/// from (attribute `keras_class`), hls4ml's class for it, hlsnn's class. A softmax is `Softmax`
/// alone, as in hls4ml, whatever layer it came from.
std::vector<std::string> layer_type_names_of(const ir::Layer& layer);

/// The LayerName keys that address `layer`: its name, and for an activation split off a QKeras
/// layer hls4ml's name for it (`<layer>_<quantizer>`, attribute `config_name`).
std::vector<std::string> layer_names_of(const ir::Layer& layer);

/// Keys of the `Model` scope.
const std::vector<std::string>& model_keys();

/// Top-level HLSConfig keys of hls4ml that configure its optimizer flows (Flows, Optimizers,
/// SkipOptimizers): hlsnn has a fixed pass list, so they are refused with a message saying so.
const std::vector<std::string>& flow_keys();

}  // namespace hlsnn::config

#endif  // HLSNN_CONFIG_CONFIG_KEYS_H
