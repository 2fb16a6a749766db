"""Every QKeras quantizer hlsnn implements, as an activation (QActivation) and as a QDense kernel,
against QKeras 0.9.0 on 10,000 inputs of a fixed-point grid: each traced layer equals
get_ymodel_keras (QKeras' own layer outputs) bit for bit, and so do the model's outputs.

One multi-output model holds every case, so the whole zoo costs one compile. Where equality is
impossible, the test says why and asserts the bound instead:
  - kernels with alpha='auto' (quantized_bits, binary, ternary): the weights are the float32
    values QKeras multiplies with (scale times code), so each product has about 24 + 8
    significant bits and QKeras' float32 sums round where hlsnn's exact sums do not; the
    difference is float32 rounding, a few ulps of the largest partial sum;
  - bernoulli draws its codes at random even at inference: hlsnn computes the most likely code
    (x >= 0), which QKeras returns for every input whose sigmoid saturates (test below).
Skipped where QKeras is not installed (Keras 3)."""

from pathlib import Path

import numpy as np
import pytest

qkeras = pytest.importorskip("qkeras")
keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from oracles import assert_same_outputs, with_vendor_headers  # noqa: E402
from qkeras import QActivation, QDense, quantized_bits  # noqa: E402
from test_qkeras import randomize_biases  # noqa: E402

N_IN = 16
SAMPLES = 10_000

# name -> activation quantizer (QKeras' string form, as users write it)
ACTIVATIONS = {
    "relu": "quantized_relu(6,2)",
    "leaky_relu": "quantized_relu(5,1,0,0.25)",
    "relu_bounded": "quantized_relu(6,2,relu_upper_bound=1.5,is_quantized_clip=False)",
    "bits": "quantized_bits(6,2,1)",
    "hard_tanh": "quantized_tanh(5)",
    "hard_sigmoid": "quantized_sigmoid(6)",
    "real_tanh": "quantized_tanh(6,use_real_tanh=True)",
    "real_tanh_symmetric": "quantized_tanh(4,0,1,use_real_tanh=True)",
    "real_sigmoid": "quantized_sigmoid(7,use_real_sigmoid=True)",
    "po2": "quantized_po2(5)",
    "po2_max": "quantized_po2(4,2)",
    "relu_po2": "quantized_relu_po2(4)",
    "relu_po2_leaky": "quantized_relu_po2(5,4,0.25)",
    "binary": "binary()",
    "binary_01": "binary(use_01=True)",
    "binary_alpha": "binary(alpha=0.5)",
    "stochastic_binary": "stochastic_binary()",
    "ternary": "ternary()",
    "ternary_threshold": "ternary(alpha=2,threshold=0.2)",
    "stochastic_ternary": "stochastic_ternary(threshold=0.5)",
    "hswish": "quantized_hswish(6,2)",
    "bernoulli": "bernoulli()",
}

# name -> (kernel quantizer, bias quantizer); QDense turns alpha=None into 'auto_po2'.
KERNELS = {
    "bits_grid": ("quantized_bits(6,0,alpha=1)", "quantized_bits(6,2,alpha=1)"),
    "bits_auto_po2": ("quantized_bits(5,0)", "quantized_bits(6,2,alpha=1)"),
    "bits_auto": ("quantized_bits(5,0,alpha='auto')", "quantized_bits(6,2,alpha=1)"),
    "po2": ("quantized_po2(5)", "quantized_po2(5)"),
    "po2_max": ("quantized_po2(4,1)", None),
    "relu_po2": ("quantized_relu_po2(5)", "quantized_bits(6,2,alpha=1)"),
    "binary_auto_po2": ("binary()", "quantized_bits(6,2,alpha=1)"),
    "binary_alpha": ("binary(alpha=0.25)", None),
    "binary_01": ("binary(use_01=True,alpha='auto_po2')", None),
    "binary_auto": ("binary(alpha='auto')", None),
    "stochastic_binary": ("stochastic_binary()", None),
    "ternary_auto_po2": ("ternary()", "quantized_bits(6,2,alpha=1)"),
    "ternary_threshold": ("ternary(alpha=0.5,threshold=0.2)", None),
    "ternary_auto": ("ternary(alpha='auto')", None),
    "stochastic_ternary": ("stochastic_ternary(alpha='auto_po2')", None),
    "bernoulli": ("bernoulli()", None),
}

# Float32 sums of non-dyadic products (module docstring): bounded, not equal.
FLOAT32_SUMS = {"w_bits_auto", "w_binary_auto", "w_ternary_auto"}
# Random in QKeras (module docstring): compared where QKeras is deterministic.
RANDOM = {"act_bernoulli", "w_bernoulli"}


def zoo():
    """x -> d0 (a 5-bit QDense) -> q0 (quantized_bits(8,3): an 8-bit grid over [-8, 8)), then
    one QActivation per activation quantizer and one QDense(6) per kernel quantizer, each an
    output of the model."""
    keras.utils.set_random_seed(7)
    x = keras.Input((N_IN,), name="x")
    h = QDense(
        16,
        kernel_quantizer=quantized_bits(5, 1, alpha=1),
        bias_quantizer=quantized_bits(5, 1, alpha=1),
        name="d0",
    )(x)
    h = QActivation("quantized_bits(8,3,alpha=1)", name="q0")(h)
    outputs = [QActivation(q, name=f"act_{name}")(h) for name, q in ACTIVATIONS.items()]
    for name, (kernel, bias) in KERNELS.items():
        outputs.append(
            QDense(
                6,
                kernel_quantizer=kernel,
                bias_quantizer=bias,
                use_bias=bias is not None,
                name=f"w_{name}",
            )(h)
        )
    model = keras.Model(x, outputs)
    rng = np.random.default_rng(7)
    randomize_biases(model, rng, bound=1)
    # Wider weights for the fixed-grid first layer, so that q0 spans its range.
    d0 = model.get_layer("d0")
    d0.set_weights([rng.uniform(-1.5, 1.5, (N_IN, 16)).astype(np.float32), d0.get_weights()[1]])
    return model


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    model = zoo()
    x = (np.random.default_rng(8).integers(-64, 64, (SAMPLES, N_IN)) / 32).astype(np.float32)
    project = tmp_path_factory.mktemp("qkeras_zoo") / "prj"
    hls_model = hlsnn.converters.convert_from_keras_model(model, output_dir=str(project))
    hls_model.compile()
    return model, x, hls_model, project


def test_every_layer_equals_qkeras_bit_for_bit(converted):
    model, x, hls_model, _ = converted
    ys, traced = hls_model.trace(x)
    expected = get_ymodel_keras(model, x)
    assert list(traced) == list(expected)
    compared = 0
    for name, values in traced.items():
        theirs = expected[name].reshape(values.shape)
        if name.rsplit("_alpha", 1)[0] in FLOAT32_SUMS | RANDOM:
            continue
        np.testing.assert_array_equal(values, theirs, err_msg=name)
        compared += 1
    assert compared >= len(ACTIVATIONS) + len(KERNELS)
    # Each output against model.predict of its own branch. (The zoo's own predict is one graph
    # of 38 outputs, in which TensorFlow's graph optimizer regroups QKeras' x + (-x + k) of some
    # branches into one AddN: 0.08% of binary()'s outputs then come out as -0.99999994.)
    for name, ours in zip(model.output_names, ys):
        if name not in FLOAT32_SUMS | RANDOM:
            branch = keras.Model(model.input, model.get_layer(name).output)
            theirs = branch.predict(x, verbose=0)
            np.testing.assert_array_equal(ours.reshape(theirs.shape), theirs, err_msg=name)


def test_activation_outputs_span_their_codes(converted):
    """Each activation is exercised over its range: the grid input reaches most codes."""
    model, x, hls_model, _ = converted
    _, traced = hls_model.trace(x[:2000])
    for name in ACTIVATIONS:
        codes = np.unique(traced[f"act_{name}"])
        assert len(codes) >= 2, name
    assert len(np.unique(traced["act_po2"])) >= 10  # signed powers of two over many exponents
    assert set(np.unique(traced["act_ternary_threshold"])) == {-2.0, 0.0, 2.0}


def test_auto_alpha_kernels_differ_only_by_float32_rounding(converted):
    """The 'auto' kernels (FLOAT32_SUMS): hlsnn's exact sums of QKeras' own weights differ from
    QKeras' float32 sums by their rounding only: each output within a few float32 ulps of the
    sum of the magnitudes of its terms (checked here as 8 * 2^-24 of that sum)."""
    model, x, hls_model, _ = converted
    _, traced = hls_model.trace(x)
    h = keras.Model(model.input, model.get_layer("q0").output).predict(x, verbose=0)
    theirs = get_ymodel_keras(model, x)
    for name in FLOAT32_SUMS:
        layer = model.get_layer(name)
        kernel = np.asarray(layer.kernel_quantizer_internal(layer.kernel), np.float64)
        bias = np.zeros(6)
        if layer.use_bias:
            bias = np.asarray(layer.bias_quantizer_internal(layer.bias), np.float64)
        magnitude = np.abs(h.astype(np.float64)) @ np.abs(kernel) + np.abs(bias)
        difference = np.abs(traced[name].astype(np.float64) - theirs[name].reshape(-1, 6))
        assert np.all(difference <= 8 * 2.0**-24 * magnitude + 1e-30), name
        # hlsnn holds the exact sum of QKeras' own float32 weights (trace keeps it in float64).
        np.testing.assert_array_equal(traced[name], h.astype(np.float64) @ kernel + bias)


def test_power_of_two_and_binary_kernels_become_shifts_and_sign_flips(converted):
    """The generated configs pick the product policies: shifts for po2 kernels (the weights
    stored as sign and exponent), negations for binary and ternary codes."""
    _, _, _, project = converted
    parameters = (Path(project) / "firmware" / "parameters.h").read_text()
    assert "nnet::po2_weight<" in parameters
    assert "nnet::product::po2<x_T, y_T>" in parameters
    assert "nnet::product::weight_binary<x_T, y_T>" in parameters
    assert "nnet::product::weight_ternary<x_T, y_T>" in parameters


def test_bernoulli_is_its_most_likely_code(converted):
    """bernoulli draws random codes even at inference (RANDOM). Where its sigmoid saturates
    (|x| >= 4 at the default temperature 6) QKeras returns the most likely code x >= 0 with
    probability 1 - 2^-23 per value (a uniform draw of exactly 0); with TensorFlow's seed fixed
    that is every value here. hlsnn computes that code everywhere. As a kernel (alpha 'auto_po2'
    by QDense's default): those codes times QKeras' own least-squares scale of them."""
    model, x, hls_model, _ = converted
    _, traced = hls_model.trace(x)
    h = traced["q0"]
    np.testing.assert_array_equal(traced["act_bernoulli"], (h >= 0).astype(np.float64))
    tf.random.set_seed(3)
    theirs = get_ymodel_keras(model, x)["act_bernoulli"].reshape(h.shape)
    saturated = np.abs(h) >= 4
    assert np.count_nonzero(saturated) > 1000
    np.testing.assert_array_equal(traced["act_bernoulli"][saturated], theirs[saturated])

    layer = model.get_layer("w_bernoulli")
    kernel = np.asarray(layer.kernel)
    codes = (kernel >= 0).astype(np.float32)
    scale = np.asarray(
        qkeras.quantizers._get_scale("auto_po2", tf.constant(kernel), tf.constant(codes))
    )
    np.testing.assert_array_equal(traced["w_bernoulli"], h @ codes)
    np.testing.assert_array_equal(
        traced["w_bernoulli_alpha"], h @ (scale * codes).astype(np.float64)
    )


@pytest.mark.parametrize(
    "quantizer, option",
    [
        ("quantized_ulaw(8)", "quantized_ulaw"),
        ("quantized_po2(5,quadratic_approximation=True)", "quadratic_approximation"),
        ("quantized_bits(6,2,alpha='auto')", "alpha"),
        ("binary(alpha=0.7)", "alpha=0.7"),
        ("quantized_relu(6,2,relu_upper_bound=0.3,is_quantized_clip=False)", "relu_upper_bound"),
    ],
)
def test_unrepresentable_quantizers_name_layer_quantizer_and_option(tmp_path, quantizer, option):
    model = keras.Sequential(
        [keras.Input((4,)), QDense(3, name="d"), QActivation(quantizer, name="the_act")]
    )
    with pytest.raises(hlsnn.Error, match="the_act") as error:
        hlsnn.converters.convert_from_keras_model(model, output_dir=str(tmp_path / "bad"))
    assert option in str(error.value)


def test_table_quantizers_refuse_wide_inputs(tmp_path):
    """use_real_tanh is tabulated over every input code: a 32-bit input has no such table."""
    model = keras.Sequential(
        [
            keras.Input((4,)),
            QDense(3, kernel_quantizer="quantized_bits(8,0,alpha=1)", name="d"),
            QActivation("quantized_tanh(6,use_real_tanh=True)", name="t"),
        ]
    )
    with pytest.raises(hlsnn.Error, match="'t'") as error:
        hlsnn.converters.convert_from_keras_model(model, output_dir=str(tmp_path / "wide"))
    assert "fixed<" in str(error.value)
    assert "use_real_tanh" in str(error.value) and "bits" in str(error.value)


def test_vendor_headers_give_the_same_bits(converted):
    """The QKeras kernels (nnet_qkeras.h, the po2 weights and products) compile against the
    vendor's ap types too, with the same results."""
    model, x, hls_model, _ = converted
    ours = hls_model.predict(x[:2000])
    theirs = with_vendor_headers(hls_model, hls_model.predict, x[:2000])
    assert_same_outputs(model.output_names, ours, theirs)
