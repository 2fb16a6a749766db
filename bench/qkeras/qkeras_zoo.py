"""The QKeras model zoo shared by tests/python/test_qkeras_models.py and bench/qkeras/run.py:
small networks of the kinds QKeras users train, each trained for a few epochs on scikit-learn's
digits (8x8 images, values 0..16, so the inputs x / 16 lie on a 1/16 grid) with a fixed seed.

Each entry builds (model, x_test): the trained QKeras model and its test images.
"""

from __future__ import annotations

import numpy as np

EPOCHS = 4


def digits():
    from sklearn.datasets import load_digits

    data = load_digits()
    return (data.data / 16.0).astype(np.float32), data.target


def grid_inputs(count: int, seed: int = 0) -> np.ndarray:
    """Random images on the digits' grid: 64 values k/16, k = 0..16."""
    return (np.random.default_rng(seed).integers(0, 17, (count, 64)) / 16).astype(np.float32)


def _train(layers, seed: int):
    import keras

    keras.utils.set_random_seed(seed)
    x, y = digits()
    inputs = keras.Input((64,), name="pixels")
    h = inputs
    for layer in layers:
        h = layer(h)
    model = keras.Model(inputs, h)
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    model.fit(x, y, epochs=EPOCHS, batch_size=32, verbose=0)
    return model


def binary_mlp(seed: int = 1):
    """A binarized network: binary kernels, QBatchNormalization, binary activations."""
    from qkeras import QActivation, QBatchNormalization, QDense

    return _train(
        [
            QDense(64, kernel_quantizer="binary()", use_bias=False, name="fc1"),
            QBatchNormalization(name="bn1"),
            QActivation("binary()", name="sign1"),
            QDense(
                10,
                kernel_quantizer="binary()",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="logits",
            ),
        ],
        seed,
    )


def ternary_mlp(seed: int = 2):
    """Ternary kernels, a quantized relu and a ternary activation."""
    from qkeras import QActivation, QDense

    return _train(
        [
            QDense(
                48,
                kernel_quantizer="ternary()",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="fc1",
            ),
            QActivation("quantized_relu(4,2)", name="relu1"),
            QDense(
                32,
                kernel_quantizer="ternary()",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="fc2",
            ),
            QActivation("ternary()", name="tern2"),
            QDense(
                10,
                kernel_quantizer="ternary(alpha=1)",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="logits",
            ),
        ],
        seed,
    )


def po2_mlp(seed: int = 3):
    """Power-of-two kernels and activations: every product a shift."""
    from qkeras import QActivation, QDense

    return _train(
        [
            QDense(
                32,
                kernel_quantizer="quantized_po2(4)",
                bias_quantizer="quantized_po2(4)",
                name="fc1",
            ),
            QActivation("quantized_relu_po2(4,4)", name="relu1"),
            QDense(
                10,
                kernel_quantizer="quantized_po2(5)",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="logits",
            ),
        ],
        seed,
    )


def batchnorm_mlp(seed: int = 4):
    """QBatchNormalization with QKeras' default po2 quantizers between 6-bit layers."""
    from qkeras import QActivation, QBatchNormalization, QDense

    return _train(
        [
            QDense(
                32,
                kernel_quantizer="quantized_bits(6,0,alpha=1)",
                bias_quantizer="quantized_bits(6,0,alpha=1)",
                name="fc1",
            ),
            QBatchNormalization(name="bn1"),
            QActivation("quantized_relu(6,2)", name="relu1"),
            QDense(
                10,
                kernel_quantizer="quantized_bits(6,0)",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="logits",
            ),
            QActivation("quantized_bits(10,5,alpha=1)", name="out"),
        ],
        seed,
    )


MODELS = {
    "binary_mlp": binary_mlp,
    "ternary_mlp": ternary_mlp,
    "po2_mlp": po2_mlp,
    "batchnorm_mlp": batchnorm_mlp,
}


def digits_images() -> tuple[np.ndarray, np.ndarray]:
    """The digits as MNIST-sized 28x28x1 images: each pixel repeated 3x3, padded by 2."""
    x, y = digits()
    images = np.kron(x.reshape(-1, 8, 8), np.ones((3, 3), np.float32))
    return np.pad(images, ((0, 0), (2, 2), (2, 2)))[..., None].astype(np.float32), y


def grid_images(count: int, seed: int = 0) -> np.ndarray:
    """Random 28x28x1 images on the digits' 1/16 grid."""
    rng = np.random.default_rng(seed)
    return (rng.integers(0, 17, (count, 28, 28, 1)) / 16).astype(np.float32)


def _train_images(layers, seed: int):
    import keras

    keras.utils.set_random_seed(seed)
    x, y = digits_images()
    inputs = keras.Input((28, 28, 1), name="image")
    h = inputs
    for layer in layers:
        h = layer(h)
    model = keras.Model(inputs, h)
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    return model


def cnn(seed: int = 5, conv_kernel: str = "quantized_bits(6,0)"):
    """A QKeras CNN for MNIST-sized inputs: QConv2D / QActivation / pooling / QDense. Max
    pooling: hls4ml 1.3 refuses QAveragePooling2D, and bench/qkeras/run.py compares with it
    (tests/python/test_qkeras_conv.py covers QAveragePooling2D)."""
    import keras
    from qkeras import QActivation, QConv2D, QDense

    return _train_images(
        [
            QConv2D(
                8,
                (3, 3),
                kernel_quantizer=conv_kernel,
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="conv1",
            ),
            QActivation("quantized_relu(6,2)", name="relu1"),
            keras.layers.MaxPooling2D(2, name="pool1"),
            QConv2D(
                16,
                (3, 3),
                kernel_quantizer=conv_kernel,
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="conv2",
            ),
            QActivation("quantized_relu(6,2)", name="relu2"),
            keras.layers.MaxPooling2D(2, name="pool2"),
            keras.layers.Flatten(name="flatten"),
            QDense(
                10,
                kernel_quantizer="quantized_bits(6,0)",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="logits",
            ),
        ],
        seed,
    )


def conv_batchnorm(seed: int = 6):
    """QConv2DBatchnorm (the BatchNormalization folded into the convolution, as QKeras trains it)
    and a QDepthwiseConv2DBatchnorm."""
    import keras
    from qkeras import QActivation, QConv2DBatchnorm, QDense, QDepthwiseConv2DBatchnorm

    return _train_images(
        [
            QConv2DBatchnorm(
                8,
                (3, 3),
                kernel_quantizer="quantized_bits(6,0)",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="conv1",
            ),
            QActivation("quantized_relu(6,2)", name="relu1"),
            keras.layers.MaxPooling2D(2, name="pool1"),
            QDepthwiseConv2DBatchnorm(
                (3, 3),
                depthwise_quantizer="quantized_bits(6,0)",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="dw2",
            ),
            QActivation("quantized_relu(6,2)", name="relu2"),
            keras.layers.MaxPooling2D(2, name="pool2"),
            keras.layers.Flatten(name="flatten"),
            QDense(
                10,
                kernel_quantizer="quantized_bits(6,0)",
                bias_quantizer="quantized_bits(8,3,alpha=1)",
                name="logits",
            ),
        ],
        seed,
    )


def cnn_auto(seed: int = 5):
    """The CNN with alpha='auto' convolution kernels (float32 scales, each followed by a
    quantized_relu): QKeras' float32 sums round, and the quantizer after them hides that."""
    return cnn(seed, "quantized_bits(6,0,alpha='auto')")


IMAGE_MODELS = {"cnn": cnn, "conv_batchnorm": conv_batchnorm}
# Compared in the bench only (tests/python/test_qkeras_conv.py bounds 'auto' kernels).
BENCH_IMAGE_MODELS = {**IMAGE_MODELS, "cnn_auto": cnn_auto}
