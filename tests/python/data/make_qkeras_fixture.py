"""Writes qkeras_mlp.h5 and qkeras_mlp_expected.npz (inputs x and QKeras' model.predict y) for
test_qkeras_file_without_qkeras.py, which converts the file where QKeras is not installed.
Run with the Keras 2 environment (QKeras 0.9.0): .venv-keras2/bin/python make_qkeras_fixture.py"""

from pathlib import Path

import keras
import numpy as np
from qkeras import QActivation, QBatchNormalization, QDense

HERE = Path(__file__).parent


def main():
    keras.utils.set_random_seed(11)
    x = keras.Input((12,), name="x")
    h = QDense(
        6, kernel_quantizer="quantized_po2(5)", bias_quantizer="quantized_po2(5)", name="po2_fc"
    )(x)
    h = QBatchNormalization(epsilon=1e-9, name="bn")(h)
    h = QActivation("quantized_relu(6,2)", name="relu")(h)
    h = QDense(
        8,
        kernel_quantizer="binary()",
        bias_quantizer="quantized_bits(8,3,alpha=1)",
        name="binary_fc",
    )(h)
    h = QActivation("ternary(alpha=0.5)", name="ternary")(h)
    y = QDense(
        4,
        kernel_quantizer="quantized_bits(6,0)",
        bias_quantizer="quantized_bits(8,3,alpha=1)",
        name="out",
    )(h)
    model = keras.Model(x, y)
    rng = np.random.default_rng(11)
    model.get_layer("bn").set_weights(
        [
            rng.uniform(0.3, 3, 6),
            rng.uniform(-1, 1, 6),
            rng.uniform(-1, 1, 6),
            rng.uniform(0.1, 5, 6),
        ]
    )
    inputs = (rng.integers(-32, 32, (200, 12)) / 16).astype(np.float32)
    model.save(HERE / "qkeras_mlp.h5")
    np.savez(HERE / "qkeras_mlp_expected.npz", x=inputs, y=model.predict(inputs, verbose=0))


if __name__ == "__main__":
    main()
