"""The benchmark models. Each is one entry of MODELS: how to build it in Keras (fixed seed),
whether it is a classifier and whether it is convolutional (fewer samples). A QKeras model joins
as one more entry.

Every model is converted by both tools with the same configuration, made by `hls_config`: the
reference tool's per-layer default config with every precision slot set explicitly, so that
neither tool infers a type the other would choose differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

DATA_TYPE = "ap_fixed<16,6>"
ACCUM_TYPE = "ap_fixed<32,12>"  # the exact product of two ap_fixed<16,6>: int32 accumulation
TABLE_TYPE = "ap_fixed<18,8,AP_RND,AP_SAT>"
DATA_FRACTION_BITS = 10  # of DATA_TYPE


@dataclass(frozen=True)
class BenchModel:
    name: str
    title: str
    description: str
    build: Callable[[], object]  # () -> a tf.keras.Model
    classifier: bool
    # Convolutional networks: hls4ml compiles them for minutes and predicts tens of images per
    # second, so they run with fewer samples and repetitions (run.py).
    convolutional: bool = False
    # Both tools convert with this IOType (io_stream: a DATAFLOW region of hls::stream processes).
    io_type: str = "io_parallel"


SOFTMAX_TABLE_SLOTS = ("exp_table", "inv_table", "inv_inp")


def softmax_layer_names(model) -> list[str]:
    """Names the reference gives the softmax layers of `model` (a Dense layer's softmax becomes a
    layer of its own, '<name>_softmax')."""
    names = []
    for layer in model.layers:
        activation = getattr(getattr(layer, "activation", None), "__name__", None)
        if type(layer).__name__ == "Softmax" or (
            type(layer).__name__ == "Activation" and activation == "softmax"
        ):
            names.append(layer.name)
        elif activation == "softmax":
            names.append(f"{layer.name}_softmax")
    return names


def hls_config(config: dict, model) -> dict:
    """`config` (from config_from_keras_model(granularity='name') for `model`) with every slot
    explicit, including the softmax tables, which the default config does not list."""
    config["Model"]["Precision"] = {"default": DATA_TYPE}
    config["Model"]["Strategy"] = "Latency"
    config["Model"]["ReuseFactor"] = 1
    layers = config.get("LayerName", {})
    for layer in layers.values():
        precision = layer.get("Precision")
        if not isinstance(precision, dict):
            continue
        # The softmax's max - x type (hlsnn's `inp_norm`) stays each tool's default: the
        # reference's, derived from the explicit input type.
        precision.pop("inp_norm", None)
        for slot in precision:
            precision[slot] = TABLE_TYPE if "table" in slot or slot == "inv_inp" else DATA_TYPE
        if "weight" in precision and "scale" not in precision:
            precision["accum"] = ACCUM_TYPE
        if "pointwise" in precision:  # a separable convolution's two steps
            precision["depthwise_accum"] = precision["pointwise_accum"] = ACCUM_TYPE
    for name in softmax_layer_names(model):
        precision = layers.setdefault(name, {}).setdefault("Precision", {})
        precision.update({slot: TABLE_TYPE for slot in SOFTMAX_TABLE_SLOTS})
    # The reference lists a '<name>_linear' layer for each Dense without activation and then
    # removes it; hlsnn removes it before reading the config and rejects the key. Its only slot
    # would be the default type anyway, so dropping it changes neither tool's types.
    for layer in model.layers:
        if getattr(getattr(layer, "activation", None), "__name__", None) == "linear":
            layers.pop(f"{layer.name}_linear", None)
    return config


def _round_to_data_grid(model) -> None:
    """Weights made exact in DATA_TYPE, so a hand-written integer program reads the same values
    as both tools without re-implementing the float-to-fixed conversion of weight files."""
    step = 2.0**-DATA_FRACTION_BITS
    model.set_weights([np.round(w / step) * step for w in model.get_weights()])


def _randomise_batchnorm(model, seed: int) -> None:
    """Trained-looking BatchNorm statistics instead of Keras' identity initialisation."""
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, tf.keras.layers.BatchNormalization):
            width = layer.gamma.shape[0]
            layer.set_weights(
                [
                    rng.uniform(0.5, 1.5, width),
                    rng.normal(0, 0.2, width),
                    rng.normal(0, 0.5, width),
                    rng.uniform(0.5, 2.0, width),
                ]
            )


def build_mlp(softmax: bool = True):
    """16-64-32-32-5, ReLU; softmax output unless `softmax` is False (the roofline's variant,
    same weights)."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(1)
    layers = [tf.keras.layers.Input(shape=(16,), name="inputs")]
    for index, width in enumerate((64, 32, 32)):
        layers.append(tf.keras.layers.Dense(width, activation="relu", name=f"fc{index + 1}"))
    activation = "softmax" if softmax else "linear"
    layers.append(tf.keras.layers.Dense(5, activation=activation, name="output"))
    model = tf.keras.Sequential(layers)
    _round_to_data_grid(model)
    return model


def build_autoencoder():
    """MLPerf Tiny anomaly-detection style, narrowed to 64 inputs: Dense -> BatchNorm -> ReLU
    blocks 72-72-8-72-72, linear Dense 64 reconstruction."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(2)
    inputs = tf.keras.layers.Input(shape=(64,), name="inputs")
    x = inputs
    for index, width in enumerate((72, 72, 8, 72, 72)):
        x = tf.keras.layers.Dense(width, name=f"dense{index + 1}")(x)
        x = tf.keras.layers.BatchNormalization(name=f"bn{index + 1}")(x)
        x = tf.keras.layers.Activation("relu", name=f"relu{index + 1}")(x)
    outputs = tf.keras.layers.Dense(64, name="reconstruction")(x)
    model = tf.keras.Model(inputs, outputs)
    _randomise_batchnorm(model, seed=3)
    return model


def build_branches():
    """Functional model: a shared trunk, two branches merged by Add, Subtract and Concatenate
    (two at a time: hls4ml 1.3 merges two tensors only)."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(4)
    inputs = tf.keras.layers.Input(shape=(32,), name="inputs")
    trunk = tf.keras.layers.Dense(32, activation="relu", name="trunk")(inputs)
    left = tf.keras.layers.Dense(16, activation="relu", name="left")(trunk)
    right = tf.keras.layers.Dense(16, activation="relu", name="right")(trunk)
    added = tf.keras.layers.Add(name="add")([left, right])
    subtracted = tf.keras.layers.Subtract(name="subtract")([left, right])
    merged = tf.keras.layers.Concatenate(name="concat_branches")([added, subtracted])
    joined = tf.keras.layers.Concatenate(name="concat_trunk")([merged, trunk])
    outputs = tf.keras.layers.Dense(10, activation="softmax", name="output")(joined)
    return tf.keras.Model(inputs, outputs)


def build_svhn_cnn():
    """The hls4ml tutorial's SVHN network: 32x32x3 -> 3 x [Conv 3x3 of 16/16/24 filters,
    BatchNorm, ReLU, MaxPool 2x2] -> Dense 42 -> Dense 64 -> Dense 10 softmax."""
    import tensorflow as tf

    layers = tf.keras.layers
    tf.keras.utils.set_random_seed(6)
    inputs = layers.Input(shape=(32, 32, 3), name="image")
    x = inputs
    for index, filters in enumerate((16, 16, 24)):
        x = layers.Conv2D(filters, 3, name=f"conv{index}")(x)
        x = layers.BatchNormalization(name=f"bn{index}")(x)
        x = layers.Activation("relu", name=f"relu{index}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{index}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(42, activation="relu", name="dense0")(x)
    x = layers.Dense(64, activation="relu", name="dense1")(x)
    outputs = layers.Dense(10, activation="softmax", name="output")(x)
    model = tf.keras.Model(inputs, outputs)
    _randomise_batchnorm(model, seed=7)
    return model


def build_conv1d():
    """Keyword-spotting style 1-D CNN over 64 steps of 8 features: Conv1D 16 (5, stride 2),
    BatchNorm, ReLU, MaxPool 2, Conv1D 24 (3, same) ReLU, pointwise Conv1D 16 ReLU, global
    average pooling, Dense 6 softmax."""
    import tensorflow as tf

    layers = tf.keras.layers
    tf.keras.utils.set_random_seed(8)
    inputs = layers.Input(shape=(64, 8), name="features")
    x = layers.Conv1D(16, 5, strides=2, name="conv0")(inputs)
    x = layers.BatchNormalization(name="bn0")(x)
    x = layers.Activation("relu", name="relu0")(x)
    x = layers.MaxPooling1D(2, name="pool0")(x)
    x = layers.Conv1D(24, 3, padding="same", activation="relu", name="conv1")(x)
    x = layers.Conv1D(16, 1, activation="relu", name="pointwise")(x)
    x = layers.GlobalAveragePooling1D(name="average")(x)
    outputs = layers.Dense(6, activation="softmax", name="output")(x)
    model = tf.keras.Model(inputs, outputs)
    _randomise_batchnorm(model, seed=9)
    return model


MODELS = {
    entry.name: entry
    for entry in (
        BenchModel(
            "mlp",
            "16-64-32-32-5 MLP",
            "Dense 64/32/32 with ReLU, Dense 5 with softmax; weights on the ap_fixed<16,6> grid",
            build_mlp,
            classifier=True,
        ),
        BenchModel(
            "autoencoder",
            "anomaly-detection autoencoder 64-72-72-8-72-72-64",
            "MLPerf Tiny AD style: 5 x (Dense, BatchNorm, ReLU) of widths 72/72/8/72/72, "
            "linear Dense 64; BatchNorm with random trained-looking statistics",
            build_autoencoder,
            classifier=False,
        ),
        BenchModel(
            "branches",
            "functional model with branches and merges",
            "Dense 32 trunk; two Dense 16 ReLU branches merged by Add and by Subtract, the two "
            "concatenated, then concatenated with the trunk; Dense 10 softmax",
            build_branches,
            classifier=True,
        ),
        BenchModel(
            "svhn_cnn",
            "SVHN-style CNN 32x32x3",
            "3 x (Conv2D 3x3 of 16/16/24 filters, BatchNorm, ReLU, MaxPool 2x2), Dense 42 ReLU, "
            "Dense 64 ReLU, Dense 10 softmax (the hls4ml tutorial's network); random weights, "
            "BatchNorm with random trained-looking statistics",
            build_svhn_cnn,
            classifier=True,
            convolutional=True,
        ),
        BenchModel(
            "svhn_cnn_stream",
            "SVHN-style CNN 32x32x3, io_stream",
            "3 x (Conv2D 3x3 of 16/16/24 filters, BatchNorm, ReLU, MaxPool 2x2), Dense 42 ReLU, "
            "Dense 64 ReLU, Dense 10 softmax as an io_stream design in both tools (line-buffer "
            "convolutions and pooling, FIFOs of the default depth)",
            build_svhn_cnn,
            classifier=True,
            convolutional=True,
            io_type="io_stream",
        ),
        BenchModel(
            "conv1d",
            "1-D CNN 64x8 (keyword spotting style)",
            "Conv1D 16 (5, stride 2), BatchNorm, ReLU, MaxPool 2, Conv1D 24 (3, same) ReLU, "
            "pointwise Conv1D 16 ReLU, GlobalAveragePooling1D, Dense 6 softmax",
            build_conv1d,
            classifier=True,
            convolutional=True,
        ),
    )
}


def build_scaling_model(width: int, depth: int):
    """16 inputs, `depth` Dense layers of `width` with ReLU, a linear Dense 5: the compile-scaling
    grid."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(5)
    layers = [tf.keras.layers.Input(shape=(16,), name="inputs")]
    for index in range(depth):
        layers.append(tf.keras.layers.Dense(width, activation="relu", name=f"fc{index + 1}"))
    layers.append(tf.keras.layers.Dense(5, name="output"))
    return tf.keras.Sequential(layers)
