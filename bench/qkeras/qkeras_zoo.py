"""The QKeras model zoo shared by tests/python/test_qkeras_models.py and bench/qkeras/run.py:
small networks of the kinds QKeras users train, each trained for a few epochs on scikit-learn's
digits (8x8 images, values 0..16, so the inputs x / 16 lie on a 1/16 grid) with a fixed seed.

Each entry builds (model, x_test): the trained QKeras model and its test images.
"""

from __future__ import annotations

import numpy as np

EPOCHS = 4
IMAGE_EPOCHS = 2
BIAS = "quantized_bits(8,3,alpha=1)"


def digits():
    from sklearn.datasets import load_digits

    data = load_digits()
    return (data.data / 16.0).astype(np.float32), data.target


def grid_inputs(count: int, seed: int = 0) -> np.ndarray:
    """Random images on the digits' grid: 64 values k/16, k = 0..16."""
    return (np.random.default_rng(seed).integers(0, 17, (count, 64)) / 16).astype(np.float32)


def digits_images() -> tuple[np.ndarray, np.ndarray]:
    """The digits as MNIST-sized 28x28x1 images: each pixel repeated 3x3, padded by 2."""
    x, y = digits()
    images = np.kron(x.reshape(-1, 8, 8), np.ones((3, 3), np.float32))
    return np.pad(images, ((0, 0), (2, 2), (2, 2)))[..., None].astype(np.float32), y


def grid_images(count: int, seed: int = 0) -> np.ndarray:
    """Random 28x28x1 images on the digits' 1/16 grid."""
    rng = np.random.default_rng(seed)
    return (rng.integers(0, 17, (count, 28, 28, 1)) / 16).astype(np.float32)


def _train(layers, seed: int, images: bool = False):
    """The layers after an input of the digits (64 pixels, or 28x28x1 images), trained with a
    fixed seed."""
    import keras

    keras.utils.set_random_seed(seed)
    x, y = digits_images() if images else digits()
    inputs = keras.Input(x.shape[1:], name="image" if images else "pixels")
    h = inputs
    for layer in layers:
        h = layer(h)
    model = keras.Model(inputs, h)
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    model.fit(x, y, epochs=IMAGE_EPOCHS if images else EPOCHS, batch_size=32, verbose=0)
    return model


def _qdense(units: int, kernel: str, name: str, bias: str = BIAS, **options):
    from qkeras import QDense

    return QDense(units, kernel_quantizer=kernel, bias_quantizer=bias, name=name, **options)


def binary_mlp(seed: int = 1):
    """A binarized network: binary kernels, QBatchNormalization, binary activations."""
    from qkeras import QActivation, QBatchNormalization

    return _train(
        [
            _qdense(64, "binary()", "fc1", use_bias=False),
            QBatchNormalization(name="bn1"),
            QActivation("binary()", name="sign1"),
            _qdense(10, "binary()", "logits"),
        ],
        seed,
    )


def ternary_mlp(seed: int = 2):
    """Ternary kernels, a quantized relu and a ternary activation."""
    from qkeras import QActivation

    return _train(
        [
            _qdense(48, "ternary()", "fc1"),
            QActivation("quantized_relu(4,2)", name="relu1"),
            _qdense(32, "ternary()", "fc2"),
            QActivation("ternary()", name="tern2"),
            _qdense(10, "ternary(alpha=1)", "logits"),
        ],
        seed,
    )


def po2_mlp(seed: int = 3):
    """Power-of-two kernels and activations: every product a shift."""
    from qkeras import QActivation

    return _train(
        [
            _qdense(32, "quantized_po2(4)", "fc1", bias="quantized_po2(4)"),
            QActivation("quantized_relu_po2(4,4)", name="relu1"),
            _qdense(10, "quantized_po2(5)", "logits"),
        ],
        seed,
    )


def batchnorm_mlp(seed: int = 4):
    """QBatchNormalization with QKeras' default po2 quantizers between 6-bit layers."""
    from qkeras import QActivation, QBatchNormalization

    return _train(
        [
            _qdense(32, "quantized_bits(6,0,alpha=1)", "fc1", bias="quantized_bits(6,0,alpha=1)"),
            QBatchNormalization(name="bn1"),
            QActivation("quantized_relu(6,2)", name="relu1"),
            _qdense(10, "quantized_bits(6,0)", "logits"),
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


def _image_classifier(conv1, conv2) -> list:
    """conv1, quantized_relu, max pooling; conv2, quantized_relu, max pooling; then a QDense of
    the ten classes."""
    import keras
    from qkeras import QActivation

    return [
        conv1,
        QActivation("quantized_relu(6,2)", name="relu1"),
        keras.layers.MaxPooling2D(2, name="pool1"),
        conv2,
        QActivation("quantized_relu(6,2)", name="relu2"),
        keras.layers.MaxPooling2D(2, name="pool2"),
        keras.layers.Flatten(name="flatten"),
        _qdense(10, "quantized_bits(6,0)", "logits"),
    ]


def cnn(seed: int = 5, conv_kernel: str = "quantized_bits(6,0)"):
    """A QKeras CNN for MNIST-sized inputs: QConv2D / QActivation / pooling / QDense. Max
    pooling: hls4ml 1.3 refuses QAveragePooling2D, and bench/qkeras/run.py compares with it
    (tests/python/test_qkeras_conv.py covers QAveragePooling2D)."""
    from qkeras import QConv2D

    def conv(filters: int, name: str):
        return QConv2D(
            filters, (3, 3), kernel_quantizer=conv_kernel, bias_quantizer=BIAS, name=name
        )

    return _train(_image_classifier(conv(8, "conv1"), conv(16, "conv2")), seed, images=True)


def conv_batchnorm(seed: int = 6):
    """QConv2DBatchnorm (the BatchNormalization folded into the convolution, as QKeras trains it)
    and a QDepthwiseConv2DBatchnorm."""
    from qkeras import QConv2DBatchnorm, QDepthwiseConv2DBatchnorm

    layers = _image_classifier(
        QConv2DBatchnorm(
            8, (3, 3), kernel_quantizer="quantized_bits(6,0)", bias_quantizer=BIAS, name="conv1"
        ),
        QDepthwiseConv2DBatchnorm(
            (3, 3), depthwise_quantizer="quantized_bits(6,0)", bias_quantizer=BIAS, name="dw2"
        ),
    )
    return _train(layers, seed, images=True)


def cnn_auto(seed: int = 5):
    """The CNN with alpha='auto' convolution kernels (float32 scales, each followed by a
    quantized_relu): QKeras' float32 sums round, and the quantizer after them hides that."""
    return cnn(seed, "quantized_bits(6,0,alpha='auto')")


IMAGE_MODELS = {"cnn": cnn, "conv_batchnorm": conv_batchnorm}
# Compared in the bench only (tests/python/test_qkeras_conv.py bounds 'auto' kernels).
BENCH_IMAGE_MODELS = {**IMAGE_MODELS, "cnn_auto": cnn_auto}
