"""Writes the QKeras fixtures of test_qkeras_file_without_qkeras.py, which converts them where
QKeras is not installed: <name>.h5 and <name>_expected.npz (inputs x and QKeras' model.predict y)
for qkeras_mlp (po2 kernels, QBatchNormalization, binary kernels, a ternary activation) and
qkeras_cnn (QConv2D, QActivation, QDepthwiseConv2D, QAveragePooling2D, QConv2DBatchnorm,
QSeparableConv2D, QGlobalAveragePooling2D, QDense).
Run with the Keras 2 environment (QKeras 0.9.0): .venv-keras2/bin/python make_qkeras_fixture.py"""

from pathlib import Path

import keras
import numpy as np
from qkeras import (
    QActivation,
    QAveragePooling2D,
    QBatchNormalization,
    QConv2D,
    QConv2DBatchnorm,
    QDense,
    QDepthwiseConv2D,
    QGlobalAveragePooling2D,
    QSeparableConv2D,
)

HERE = Path(__file__).parent
BIAS = "quantized_bits(8,3,alpha=1)"


def mlp(rng):
    x = keras.Input((12,), name="x")
    h = QDense(
        6, kernel_quantizer="quantized_po2(5)", bias_quantizer="quantized_po2(5)", name="po2_fc"
    )(x)
    h = QBatchNormalization(epsilon=1e-9, name="bn")(h)
    h = QActivation("quantized_relu(6,2)", name="relu")(h)
    h = QDense(8, kernel_quantizer="binary()", bias_quantizer=BIAS, name="binary_fc")(h)
    h = QActivation("ternary(alpha=0.5)", name="ternary")(h)
    y = QDense(4, kernel_quantizer="quantized_bits(6,0)", bias_quantizer=BIAS, name="out")(h)
    model = keras.Model(x, y)
    model.get_layer("bn").set_weights(
        [
            rng.uniform(0.3, 3, 6),
            rng.uniform(-1, 1, 6),
            rng.uniform(-1, 1, 6),
            rng.uniform(0.1, 5, 6),
        ]
    )
    return model, (rng.integers(-32, 32, (200, 12)) / 16).astype(np.float32)


def cnn(rng):
    x = keras.Input((10, 10, 1), name="image")
    h = QConv2D(4, 3, kernel_quantizer="quantized_bits(6,0)", bias_quantizer=BIAS, name="conv")(x)
    h = QActivation("quantized_relu(6,2)", name="relu")(h)
    h = QDepthwiseConv2D(
        3, depthwise_quantizer="quantized_po2(4)", bias_quantizer=BIAS, name="depthwise"
    )(h)
    h = QAveragePooling2D(2, average_quantizer="quantized_bits(8,0,alpha=1)", name="pool")(h)
    h = QConv2DBatchnorm(4, 2, kernel_quantizer="ternary()", bias_quantizer=BIAS, name="conv_bn")(h)
    h = QActivation("quantized_bits(8,3,alpha=1)", name="q")(h)
    h = QSeparableConv2D(
        3,
        2,
        depthwise_quantizer="quantized_bits(5,0)",
        pointwise_quantizer="binary()",
        bias_quantizer=BIAS,
        name="separable",
    )(h)
    h = QGlobalAveragePooling2D(average_quantizer="quantized_bits(8,0,alpha=1)", name="gap")(h)
    y = QDense(2, kernel_quantizer="quantized_bits(6,0)", bias_quantizer=BIAS, name="out")(h)
    model = keras.Model(x, y)
    layer = model.get_layer("conv_bn")
    weights = layer.get_weights()
    # kernel, bias, gamma, beta, iteration, moving_mean, moving_variance
    layer.set_weights(
        [
            weights[0],
            rng.uniform(-1, 1, 4),
            rng.uniform(0.5, 2, 4),
            rng.uniform(-1, 1, 4),
            weights[4],
            rng.uniform(-1, 1, 4),
            rng.uniform(0.2, 3, 4),
        ]
    )
    return model, (rng.integers(-32, 32, (100, 10, 10, 1)) / 16).astype(np.float32)


def main():
    for seed, (name, build) in enumerate({"qkeras_mlp": mlp, "qkeras_cnn": cnn}.items(), 11):
        keras.utils.set_random_seed(seed)
        model, inputs = build(np.random.default_rng(seed))
        model.save(HERE / f"{name}.h5")
        np.savez(HERE / f"{name}_expected.npz", x=inputs, y=model.predict(inputs, verbose=0))


if __name__ == "__main__":
    main()
