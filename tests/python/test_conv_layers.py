"""Convolution and pooling layers, each alone on the input of a multi-output model, converted from
real Keras (2 or 3, whichever the environment holds) with random weights:

- within the error the types imply of Keras' outputs (narrow and wide types);
- the same bits when the project is compiled against the vendor's ap_types headers;
- trace keyed like get_ymodel_keras and close to it;
- saved .h5, .keras and JSON + weights files written into the same project as the live model;
- the same bits as hls4ml 1.3's own predict for identical explicit types, with Latency and
  Resource strategies, several reuse factors and saturating, rounding accumulators (Keras 2,
  where hls4ml is installed), for every layer hls4ml computes correctly.

Two models (an image and a sequence), each compiled once per setting (module fixtures); the
reference projects are compiled once per session.

Narrow-type error rule (fixed<16,6> everywhere, LSB 2**-10; inputs |x| <= X, weights |w| <= W):
a sum of n products may be off by n * (X + W + 1) + 2 LSB (input, weight and product truncations,
bias and result); a separable convolution carries its depthwise error through the pointwise sums;
max pooling 2 LSB, average pooling 3 LSB. Wide types (fixed<32,16>): 1e-3 of the output's scale.
Layers LAYER_SETTINGS gives a narrow saturating accumulator saturate by design: only the bit-exact
checks cover them.
"""

import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from oracles import (  # noqa: E402
    assert_same_outputs,
    each_tools_listing,
    hls4ml_and_hlsnn,
    with_vendor_headers,
)

NARROW = "fixed<16,6>"
WIDE = "fixed<32,16>"
LSB = {NARROW: 2.0**-10, WIDE: 2.0**-16}
INPUT_RANGE = 2.0
SAMPLES = 64
L = keras.layers

# Per-layer strategies and reuse factors, the same in both tools' configs: Resource with reuse
# factors below and equal to n_in, and a saturating, rounding accumulator whose addition order
# matters. Layers hls4ml 1.3 cannot compute (depth multipliers > 1, Resource depthwise, a
# BatchNormalization folded into a depthwise convolution) are only in hlsnn's models.
LAYER_SETTINGS = {
    "conv": {"Strategy": "Resource", "ReuseFactor": 3},
    "conv_same": {"ReuseFactor": 2},
    "conv_sat": {
        "Strategy": "Resource",
        "ReuseFactor": 6,
        "Precision": {"accum": "fixed<12,3,RND,SAT>"},
    },
    "pointwise": {"Strategy": "Resource", "ReuseFactor": 3},
    "avg_same": {"Precision": {"accum": "fixed<14,4,RND_CONV,SAT>"}},
    "depthwise_mult": {"Strategy": "Resource", "ReuseFactor": 2},
    "conv1d": {"Strategy": "Resource", "ReuseFactor": 3},
    "conv1d_wide_rf": {"Strategy": "Resource", "ReuseFactor": 12},
    "depthwise1d_mult": {"Strategy": "Resource", "ReuseFactor": 3},
    "separable1d": {"ReuseFactor": 2},
    "separable_mult": {"Strategy": "Resource", "ReuseFactor": 2},
}


def randomize_batchnorm(model, seed):
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, L.BatchNormalization):
            shape = layer.get_weights()[0].shape
            layer.set_weights(
                [
                    rng.uniform(0.5, 1.5, shape),
                    rng.uniform(-0.5, 0.5, shape),
                    rng.uniform(-0.5, 0.5, shape),
                    rng.uniform(0.5, 1.5, shape),
                ]
            )


def image_model(reference_subset=False):
    """A 7x7x3 image through every 2-D layer: odd sizes, so 'same' pads unevenly."""
    keras.utils.set_random_seed(21)
    x = keras.Input((7, 7, 3), name="image")
    branches = {
        "conv": L.Conv2D(4, 3, name="conv"),
        "conv_same": L.Conv2D(5, (3, 2), strides=(2, 1), padding="same", name="conv_same"),
        "conv_sat": L.Conv2D(3, 2, strides=2, use_bias=False, name="conv_sat"),
        "pointwise": L.Conv2D(6, 1, name="pointwise"),
        "pointwise_stride": L.Conv2D(4, 1, strides=2, name="pointwise_stride"),
        "depthwise": L.DepthwiseConv2D(3, padding="same", name="depthwise"),
        "separable": L.SeparableConv2D(4, 3, padding="same", name="separable"),
        "max_pool": L.MaxPooling2D(2, name="max_pool"),
        "max_same": L.MaxPooling2D(3, strides=2, padding="same", name="max_same"),
        "avg_pool": L.AveragePooling2D((2, 3), strides=(1, 2), name="avg_pool"),
        "avg_same": L.AveragePooling2D(3, strides=2, padding="same", name="avg_same"),
        "global_max": L.GlobalMaxPooling2D(name="global_max"),
        "global_avg": L.GlobalAveragePooling2D(keepdims=True, name="global_avg"),
        "norm": L.BatchNormalization(name="norm"),
    }
    if not reference_subset:
        branches["depthwise_mult"] = L.DepthwiseConv2D(
            2, depth_multiplier=2, strides=2, name="depthwise_mult"
        )
        branches["separable_mult"] = L.SeparableConv2D(
            5, 2, depth_multiplier=2, name="separable_mult"
        )
    outputs = {name: layer(x) for name, layer in branches.items()}
    # A fused activation, and a BatchNormalization folded into the convolution before it.
    outputs["conv_relu"] = L.Conv2D(4, 2, activation="relu", name="conv_act")(x)
    folded = L.BatchNormalization(name="conv_norm")(L.Conv2D(4, 3, name="conv_bn")(x))
    outputs["conv_norm_relu"] = L.ReLU(name="conv_norm_relu")(folded)
    if not reference_subset:
        outputs["depthwise_norm"] = L.BatchNormalization(name="depthwise_norm")(
            L.DepthwiseConv2D(2, name="depthwise_bn")(x)
        )
    model = keras.Model(x, list(outputs.values()), name="image_layers")
    randomize_batchnorm(model, 21)
    return model, list(outputs)


def sequence_model(reference_subset=False):
    """An 11x3 sequence through every 1-D layer."""
    keras.utils.set_random_seed(22)
    x = keras.Input((11, 3), name="sequence")
    branches = {
        "conv1d": L.Conv1D(4, 3, name="conv1d"),
        "conv1d_same": L.Conv1D(5, 4, strides=2, padding="same", name="conv1d_same"),
        "conv1d_causal": L.Conv1D(3, 3, padding="causal", name="conv1d_causal"),
        "conv1d_wide_rf": L.Conv1D(4, 4, strides=3, name="conv1d_wide_rf"),
        "pointwise1d": L.Conv1D(4, 1, strides=2, name="pointwise1d"),
        "depthwise1d": L.DepthwiseConv1D(3, padding="same", name="depthwise1d"),
        "separable1d": L.SeparableConv1D(4, 3, padding="same", name="separable1d"),
        "max1d": L.MaxPooling1D(2, name="max1d"),
        "avg1d": L.AveragePooling1D(3, strides=2, padding="same", name="avg1d"),
        "global_max1d": L.GlobalMaxPooling1D(keepdims=True, name="global_max1d"),
        "global_avg1d": L.GlobalAveragePooling1D(name="global_avg1d"),
        "norm1d": L.BatchNormalization(name="norm1d"),
    }
    if not reference_subset:
        branches["depthwise1d_mult"] = L.DepthwiseConv1D(
            3, depth_multiplier=3, name="depthwise1d_mult"
        )
    outputs = {name: layer(x) for name, layer in branches.items()}
    model = keras.Model(x, list(outputs.values()), name="sequence_layers")
    randomize_batchnorm(model, 22)
    return model, list(outputs)


MODELS = {"image": image_model, "sequence": sequence_model}


def layer_config(model, default, explicit_slots=None):
    """Model default `default`; LAYER_SETTINGS for the model's layers (hlsnn's names);
    `explicit_slots`, when given, is the config whose every listed slot is set to `default`."""
    config = explicit_slots or {"Model": {}}
    config["Model"].update({"Precision": {"default": default}, "ReuseFactor": 1})
    config["Model"]["Strategy"] = "Latency"
    names = config.setdefault("LayerName", {})
    for entry in names.values():
        if isinstance(entry.get("Precision"), dict):
            entry["Precision"] = dict.fromkeys(entry["Precision"], default)
    present = {layer.name for layer in model.layers}
    for name, settings in LAYER_SETTINGS.items():
        if name not in present:
            continue
        entry = names.setdefault(name, {})
        entry.update({key: value for key, value in settings.items() if key != "Precision"})
        entry.setdefault("Precision", {}).update(settings.get("Precision", {}))
    return config


def inputs_for(model, seed):
    shape = (SAMPLES, *model.input_shape[1:])
    return np.random.default_rng(seed).uniform(-INPUT_RANGE, INPUT_RANGE, shape)


@pytest.fixture(
    scope="module",
    params=[(m, p) for m in MODELS for p in (NARROW, WIDE)],
    ids=lambda param: f"{param[0]}-{param[1][6:8]}",
)
def converted(request, tmp_path_factory):
    """(keras model, output names, precision, compiled hlsnn model, inputs, keras outputs)."""
    model_name, precision = request.param
    model, names = MODELS[model_name]()
    directory = tmp_path_factory.mktemp(f"{model_name}_{precision[6:8]}")
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory / "prj"), hls_config=layer_config(model, precision)
    )
    hls_model.compile()
    x = inputs_for(model, 3)
    expected = dict(zip(names, model.predict(x, verbose=0)))
    return model, names, precision, hls_model, x, expected


def largest_weight(layer, index=0):
    return float(np.max(np.abs(layer.get_weights()[index])))


def taps(layer):
    return int(np.prod(layer.kernel_size))


def narrow_bound_in_lsbs(model, name, expected):
    """The module docstring's rule for output `name` with fixed<16,6> everywhere."""
    X = INPUT_RANGE
    if name in ("conv_relu", "conv_norm_relu", "depthwise_norm"):
        layer_name = {"conv_relu": "conv_act", "conv_norm_relu": "conv_bn"}.get(
            name, "depthwise_bn"
        )
        layer = model.get_layer(layer_name)
        weight = largest_weight(layer)
        if name != "conv_relu":
            norm = model.get_layer("conv_norm" if name == "conv_norm_relu" else "depthwise_norm")
            gamma, _, _, variance = norm.get_weights()
            weight *= float(np.max(np.abs(gamma) / np.sqrt(variance + norm.epsilon)))
        terms = taps(layer) * (1 if "depthwise" in layer_name else layer.input.shape[-1])
        return terms * (X + weight + 1) + 2
    layer = model.get_layer(name)
    kind = type(layer).__name__
    channels = layer.input.shape[-1]
    if kind.startswith("SeparableConv"):
        depthwise_error = taps(layer) * (X + largest_weight(layer, 0) + 1) + 2
        depthwise_scale = taps(layer) * X * largest_weight(layer, 0)
        pointwise = largest_weight(layer, 1)
        terms = channels * layer.depth_multiplier
        return terms * (pointwise * depthwise_error + depthwise_scale + pointwise + 1) + 2
    if kind.startswith("DepthwiseConv"):
        return taps(layer) * (X + largest_weight(layer) + 1) + 2
    if kind.startswith("Conv"):
        return taps(layer) * channels * (X + largest_weight(layer) + 1) + 2
    if kind == "BatchNormalization":
        gamma, _, _, variance = layer.get_weights()
        return X + float(np.max(np.abs(gamma) / np.sqrt(variance + layer.epsilon))) + 3
    return 3 if "Average" in kind else 2


def test_every_output_is_within_the_error_its_types_imply(converted):
    model, names, precision, hls_model, x, expected = converted
    ours = dict(zip(names, hls_model.predict(x)))
    for name in names:
        if "Precision" in LAYER_SETTINGS.get(name, {}):
            continue  # a narrow saturating accumulator: only the bit-exact checks apply
        got = ours[name].reshape(expected[name].shape)
        error = float(np.max(np.abs(got - expected[name])))
        scale = float(np.max(np.abs(expected[name])))
        assert scale > 0.1, name  # a real comparison, not an empty output
        if precision == WIDE:
            bound = 1e-3 * scale
        else:
            bound = narrow_bound_in_lsbs(model, name, expected) * LSB[NARROW]
        assert error <= bound, f"{name} ({precision}): off by {error}, bound {bound}"


def test_trace_is_keyed_and_valued_like_get_ymodel_keras(converted):
    model, _, precision, hls_model, x, _ = converted
    if precision != WIDE:
        pytest.skip("values are compared with the wide types")
    _, traced = hls_model.trace(x)
    keras_outputs = get_ymodel_keras(model, x)
    assert list(traced) == list(keras_outputs)
    for name, values in traced.items():
        if "Precision" in LAYER_SETTINGS.get(name, {}):
            continue
        expected = np.asarray(keras_outputs[name])
        np.testing.assert_allclose(
            values.reshape(expected.shape),
            expected,
            atol=1e-3 * float(np.max(np.abs(expected))),
            err_msg=name,
        )


def test_vendor_headers_give_the_same_bits(converted):
    _, names, precision, hls_model, x, _ = converted
    if precision != NARROW:
        pytest.skip("the narrow types exercise every truncation; one setting is enough")
    ours = hls_model.predict(x)
    assert_same_outputs(names, ours, with_vendor_headers(hls_model, hls_model.predict, x))


def convert_saved(model, suffix, directory, config):
    """The model saved as `suffix` (.h5, .keras, or .json: the architecture JSON with a weights
    file) and converted from the file into `directory`."""
    if suffix != ".json":
        path = directory.parent / f"model{suffix}"
        model.save(path)
        return hlsnn.converters.convert_from_keras_model(
            str(path), output_dir=str(directory), hls_config=config
        )
    architecture = directory.parent / "model.json"
    architecture.write_text(model.to_json())
    weights = directory.parent / "model.weights.h5"
    model.save_weights(str(weights))
    return hlsnn.converters.convert_from_config(
        {
            "KerasJson": str(architecture),
            "KerasH5": str(weights),
            "OutputDir": str(directory),
            "HLSConfig": config,
        }
    )


@pytest.mark.parametrize("suffix", [".h5", ".keras", ".json"])
def test_saved_files_convert_into_the_live_models_project(tmp_path, suffix):
    model, _ = image_model()
    config = layer_config(model, NARROW)
    convert_saved(model, suffix, tmp_path / "from_file", config).write()
    hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "live"), hls_config=config
    ).write()
    firmware = sorted(p.relative_to(tmp_path / "live") for p in (tmp_path / "live").rglob("*.h"))
    assert any("weights" in str(p) for p in firmware)
    for relative in firmware:
        assert (tmp_path / "from_file" / relative).read_text() == (
            tmp_path / "live" / relative
        ).read_text(), relative


EXPLICIT = "fixed<18,7>"


@pytest.fixture(scope="module", params=list(MODELS))
def against_hls4ml(request, tmp_path_factory):
    """hlsnn's and hls4ml 1.3's predictions for the model's reference subset, every slot of both
    tools' configs explicit (their own config_from_keras_model lists), LAYER_SETTINGS applied to
    both; the convolution before the folded BatchNormalization keeps `auto`, so both fold it."""
    model, names = MODELS[request.param](reference_subset=True)
    directory = tmp_path_factory.mktemp(f"reference_{request.param}")

    def explicit(config):
        config = layer_config(model, EXPLICIT, config)
        if "conv_bn" in config["LayerName"]:
            config["LayerName"]["conv_bn"]["Precision"]["result"] = "auto"
        return config

    theirs, ours = hls4ml_and_hlsnn(model, directory, each_tools_listing(model, explicit))
    x = np.ascontiguousarray(inputs_for(model, 5) * 2)
    return names, ours.predict(x), theirs.predict(x)


def test_bit_identical_to_hls4ml(against_hls4ml):
    names, ours, theirs = against_hls4ml
    assert len(ours) == len(theirs) == len(names)
    for name, mine, reference_y in zip(names, ours, theirs):
        assert np.std(mine) > 0.05, name  # a real comparison, not saturated or empty outputs
        np.testing.assert_array_equal(mine, reference_y.reshape(mine.shape), err_msg=name)


def test_unsupported_options_are_refused_naming_the_layer(tmp_path):
    cases = [
        (L.Conv2D(4, 3, dilation_rate=2, name="dilated"), (9, 9, 2), "dilation_rate"),
        (L.Conv2D(4, 3, groups=2, name="grouped"), (9, 9, 2), "groups=2"),
        (L.Conv1D(4, 3, data_format="channels_first", name="first"), (2, 9), "channels_first"),
    ]
    for layer, shape, option in cases:
        model = keras.Sequential([keras.Input(shape), layer])
        with pytest.raises(hlsnn.Error, match=option) as error:
            hlsnn.converters.convert_from_keras_model(model, output_dir=str(tmp_path / "prj"))
        assert layer.name in str(error.value)


def reuse_factor_sweep_model():
    """One branch per valid Resource reuse factor of a 3x3x4 -> 3 convolution (n_in = 36, n_out =
    3; hls4ml 1.3 folds up to n_in), of a 1x1 (pointwise) one and of a Conv1D, plus Latency ones."""
    keras.utils.set_random_seed(23)
    x = keras.Input((6, 6, 4), name="image")
    settings, outputs = {}, []
    for reuse in (1, 2, 3, 4, 6, 9, 12, 18, 36):
        name = f"conv_rf{reuse}"
        outputs.append(L.Conv2D(3, 3, name=name)(x))
        settings[name] = {"Strategy": "Resource", "ReuseFactor": reuse}
    for reuse in (1, 2, 4):
        name = f"pointwise_rf{reuse}"
        outputs.append(L.Conv2D(6, 1, name=name)(x))
        settings[name] = {"Strategy": "Resource", "ReuseFactor": reuse}
    for reuse in (2, 5, 7):
        name = f"latency_rf{reuse}"
        outputs.append(L.Conv2D(2, 2, strides=2, name=name)(x))
        settings[name] = {"ReuseFactor": reuse}
    sequence = L.Reshape((36, 4), name="sequence")(x)
    for reuse in (1, 3, 4, 6, 12):
        name = f"conv1d_rf{reuse}"
        outputs.append(L.Conv1D(5, 3, strides=2, name=name)(sequence))
        settings[name] = {
            "Strategy": "Resource",
            "ReuseFactor": reuse,
            "Precision": {"accum": "fixed<12,4,RND,SAT>"},
        }
    return keras.Model(x, outputs, name="reuse_factors"), settings


@pytest.mark.slow
def test_every_resource_reuse_factor_is_bit_identical_to_hls4ml(tmp_path):
    model, settings = reuse_factor_sweep_model()

    def configured(config):
        config["Model"].update({"Precision": {"default": EXPLICIT}, "Strategy": "Latency"})
        for name, entry in config["LayerName"].items():
            if isinstance(entry.get("Precision"), dict):
                entry["Precision"] = dict.fromkeys(entry["Precision"], EXPLICIT)
            entry.update({k: v for k, v in settings.get(name, {}).items() if k != "Precision"})
            entry.setdefault("Precision", {}).update(settings.get(name, {}).get("Precision", {}))
        return config

    theirs, ours = hls4ml_and_hlsnn(model, tmp_path, each_tools_listing(model, configured))
    x = np.ascontiguousarray(inputs_for(model, 9) * 2)
    for name, mine, reference_y in zip(model.output_names, ours.predict(x), theirs.predict(x)):
        np.testing.assert_array_equal(mine, reference_y.reshape(mine.shape), err_msg=name)
