#ifndef HLSNN_FRONTEND_KERAS_V3_WEIGHTS_H
#define HLSNN_FRONTEND_KERAS_V3_WEIGHTS_H

// The weights layout of `.keras` archives and Keras 3 `*.weights.h5` files: groups named after
// the snake-cased class of each object (`layers/dense_1/vars/0`), which carry no layer names, so
// the layers are found by replaying Keras' naming over the architecture config.

#include "frontend/hdf5_file.h"
#include "frontend/keras_file.h"
#include "frontend/keras_model_structure.h"

namespace hlsnn::frontend {

/// Whether `group` is the root of this layout (it has a `layers` or `vars` group, or the
/// `_layer_checkpoint_dependencies` group of Keras 2.12-2.14).
bool is_v3_weights_root(const Hdf5Group& group);

/// Reads the weights for every layer of `model` (the config the file was saved with).
/// `keras_major_version` selects Keras' naming rules. Throws when a layer of the model has no
/// group, or when a group's recorded layer name (Keras >= 3.6) contradicts the config.
WeightsByLayer read_v3_weights(const Hdf5Group& root, const KerasLayerNode& model,
                               int keras_major_version);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_V3_WEIGHTS_H
