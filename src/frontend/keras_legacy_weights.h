#ifndef HLSNN_FRONTEND_KERAS_LEGACY_WEIGHTS_H
#define HLSNN_FRONTEND_KERAS_LEGACY_WEIGHTS_H

// The weights layout of Keras 2's HDF5 files, which Keras 3 still writes for `.h5` model files:
// one group per layer holding a `weight_names` list, each name a dataset path below the group.

#include "frontend/hdf5_file.h"
#include "frontend/keras_file.h"
#include "frontend/keras_model_structure.h"

namespace hlsnn::frontend {

/// Whether `group` is the root of this layout (it has a `layer_names` attribute).
bool is_legacy_weights_group(const Hdf5Group& group);

/// Reads the weights below `weights_root` (the `model_weights` group of a model file, or the
/// root of a `save_weights` file) for every layer of `model`. Throws when a layer of the model has
/// no group, or a listed weight has no dataset.
WeightsByLayer read_legacy_weights(const Hdf5Group& weights_root, const KerasLayerNode& model);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_LEGACY_WEIGHTS_H
