#ifndef HLSNN_FRONTEND_KERAS_FILE_H
#define HLSNN_FRONTEND_KERAS_FILE_H

// Readers of the files Keras saves a model in, turning them into plain data (the architecture
// JSON as text and the weights as named arrays) with no knowledge of our IR; the JSON -> IR
// translation works on their result as it would on a live model's to_json() and get_weights().
// The formats are described in shared/reference/keras_file_formats.md.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace hlsnn::frontend {

/// One weight array of a layer, as Keras stores it.
struct WeightArray {
  /// Legacy .h5 files: the `weight_names` entry, e.g. "dense/kernel:0" (Keras 2) or
  /// "dense/kernel" (Keras 3). `.keras` files: "<layer path>/<index>" with the layer path made of
  /// config layer names, e.g. "dense/0" or "inner_model/dense/1". In both cases the part before
  /// the last '/' ends with the name of the (sub)layer that owns the array.
  std::string name;
  std::vector<int64_t> shape;
  /// Row-major (C order), converted to double (exact for float16/bfloat16/float32 weights).
  std::vector<double> values;
};

/// Weights per top-level layer name, each list in the order `layer.get_weights()` returns it
/// (for a nested model: its sublayers in config order, each sublayer's own weights in order).
/// Every layer of `model.layers` has an entry, an empty list when it has no weights.
using WeightsByLayer = std::map<std::string, std::vector<WeightArray>>;

/// A whole saved model.
struct KerasModelFile {
  /// 2 or 3: which Keras wrote the file (Keras 3 can write legacy .h5 files too).
  int keras_major_version = 0;
  /// The model's JSON `{"class_name": ..., "config": ...}`: the `model_config` attribute of an
  /// .h5 file, or config.json of a .keras archive, unchanged.
  std::string model_config_json;
  WeightsByLayer weights_by_layer;
  /// e.g. "2.14.0"; empty for a .keras archive without metadata.json.
  std::string keras_version_string;
  /// e.g. "tensorflow", "jax"; empty for a .keras archive, which does not record it.
  std::string backend;
};

/// Reads a model saved by `model.save(...)`: a legacy HDF5 file (.h5/.hdf5, Keras 2 or 3), a
/// Keras `.keras` zip archive, or an unzipped `.keras` directory (config.json,
/// model.weights.h5). The format is recognised by content, not by the file name's extension.
/// Throws hlsnn::Error naming the file, what is wrong and what to do.
KerasModelFile read_keras_file(const std::filesystem::path& path);

/// Reads a weights-only HDF5 file (`model.save_weights(...)`) that belongs to the architecture
/// `model_config_json` (e.g. `model.to_json()`): the legacy layout (Keras 2 `*.h5`), the new
/// layout (Keras 3 `*.weights.h5`, also Keras 2.13+ for that suffix), or a full legacy model file,
/// whose weights are used. Throws hlsnn::Error as read_keras_file does.
WeightsByLayer read_keras_weights_file(const std::filesystem::path& path,
                                       const std::string& model_config_json);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_FILE_H
