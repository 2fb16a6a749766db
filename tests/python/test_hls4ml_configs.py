"""The config dicts hls4ml 1.3's config_from_keras_model writes (each granularity, with and
without a backend), passed to hlsnn unchanged: accepted, and bit for bit hls4ml's predictions
wherever the two tools hold the same types. At `model` granularity nothing is `auto`, so the
unchanged dict gives hls4ml's bits. At `name` granularity `auto` types are each tool's own choice
(hlsnn's range analysis vs hls4ml's exact sums), so the dict also runs with every slot set to
the type hls4ml chose: then the bits are hls4ml's.

Keras 2 with hls4ml 1.3 and QKeras (.venv-keras2); hls4ml compiles take most of the time, so
each model compiles with hls4ml twice."""

import copy

import numpy as np
import pytest

hls4ml = pytest.importorskip("hls4ml")
import hlsnn  # noqa: E402

keras = pytest.importorskip("keras")

GRANULARITIES = ("model", "type", "name")
BACKENDS = (None, "Vivado", "Vitis")
# hls4ml's slots whose types a LayerName Precision entry sets (its `<slot>_t` attributes).
SLOTS = ("result", "weight", "bias", "accum", "scale", "param", "table", "exp_table", "inv_table")


def mlp():
    keras.utils.set_random_seed(1)
    inputs = keras.Input((16,), name="inp")
    x = keras.layers.Dense(32, activation="relu", name="d1")(inputs)
    x = keras.layers.BatchNormalization(name="bn")(x)
    x = keras.layers.Dense(16, name="d2")(x)
    x = keras.layers.Activation("tanh", name="tanh")(x)
    x = keras.layers.Dense(16, activation="sigmoid", name="d3")(x)
    x = keras.layers.LeakyReLU(name="lrelu")(x)
    x = keras.layers.Dense(5, activation="tanh", name="out")(x)
    x = keras.layers.Activation("softmax", name="sm")(x)
    model = keras.Model(inputs, x)
    gamma, beta, mean, variance = model.get_layer("bn").get_weights()
    model.get_layer("bn").set_weights([gamma * 1.1, beta + 0.1, mean + 0.05, variance * 0.9])
    return model


def merges():
    keras.utils.set_random_seed(2)
    a = keras.Input((8,), name="a")
    b = keras.Input((8,), name="b")
    added = keras.layers.Add(name="add")([a, b])
    joined = keras.layers.Concatenate(name="cat")([a, added])
    x = keras.layers.Dense(4, activation="selu", name="d")(joined)
    x = keras.layers.PReLU(name="prelu")(x)
    x = keras.layers.ReLU(name="relu")(x)
    x = keras.layers.ELU(name="elu")(x)
    model = keras.Model([a, b], x)
    model.get_layer("prelu").set_weights([np.full(4, 0.3, np.float32)])
    return model


def qkeras_mlp():
    qkeras = pytest.importorskip("qkeras")
    keras.utils.set_random_seed(3)
    bits = qkeras.quantized_bits
    inputs = keras.Input((10,), name="inp")
    x = qkeras.QActivation(bits(8, 2, alpha=1), name="qin")(inputs)
    x = qkeras.QDense(
        16,
        kernel_quantizer=bits(6, 0, alpha=1),
        bias_quantizer=bits(6, 2, alpha=1),
        activation=qkeras.quantized_relu(6, 2),
        name="qd1",
    )(x)
    x = qkeras.QDense(
        4, kernel_quantizer=bits(6, 0, alpha=1), bias_quantizer=bits(6, 2, alpha=1), name="qd2"
    )(x)
    return keras.Model(inputs, x)


MODELS = {"mlp": mlp, "merges": merges, "qkeras": qkeras_mlp}


@pytest.fixture(scope="module", params=sorted(MODELS))
def case(request):
    model = MODELS[request.param]()
    rng = np.random.default_rng(0)
    x = [rng.normal(0, 2, (1000, *t.shape[1:])).astype(np.float32) for t in model.inputs]
    return request.param, model, x if len(x) > 1 else x[0]


def hls4ml_predictions(model, config, x, output_dir):
    converted = hls4ml.converters.convert_from_keras_model(
        model, hls_config=copy.deepcopy(config), output_dir=str(output_dir), backend="Vivado"
    )
    converted.compile()
    return converted, np.asarray(converted.predict(x), dtype=np.float64)


def hlsnn_predictions(model, config, x, output_dir):
    converted = hlsnn.converters.convert_from_keras_model(
        model, hls_config=copy.deepcopy(config), output_dir=str(output_dir)
    )
    return np.asarray(converted.predict(x), dtype=np.float64)


def with_hls4ml_types(config, reference, layer_names):
    """`config` with each layer's Precision slots set to the types hls4ml gave them."""
    config = copy.deepcopy(config)
    entries = config.setdefault("LayerName", {})
    for layer in reference.get_layers():
        if layer.name not in layer_names:
            continue
        entry = entries.setdefault(layer.name, {})
        if not isinstance(entry.get("Precision"), dict):
            entry["Precision"] = {}
        for slot in SLOTS:
            named = layer.get_attr(f"{slot}_t")
            if named is not None:
                entry["Precision"][slot] = str(named.precision)
    return config


def test_every_generated_config_is_accepted_unchanged(case, tmp_path):
    name, model, _ = case
    for granularity in GRANULARITIES:
        for backend in BACKENDS:
            config = hls4ml.utils.config_from_keras_model(
                model, granularity=granularity, backend=backend
            )
            converted = hlsnn.converters.convert_from_keras_model(
                model, hls_config=config, output_dir=str(tmp_path / f"{granularity}_{backend}")
            )
            assert converted.config == config, (name, granularity, backend)


def test_model_granularity_gives_hls4mls_bits(case, tmp_path):
    name, model, x = case
    if name == "qkeras":
        pytest.skip("hls4ml takes QKeras quantizer types from name-granularity configs only")
    config = hls4ml.utils.config_from_keras_model(model, granularity="model", backend="Vivado")
    _, expected = hls4ml_predictions(model, config, x, tmp_path / "hls4ml")
    ours = hlsnn_predictions(model, config, x, tmp_path / "hlsnn")
    np.testing.assert_array_equal(ours, expected)


def test_name_granularity_gives_hls4mls_bits_with_hls4mls_types(case, tmp_path):
    _, model, x = case
    config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vivado")
    reference, expected = hls4ml_predictions(model, config, x, tmp_path / "hls4ml")
    unchanged = hlsnn.converters.convert_from_keras_model(
        model, hls_config=copy.deepcopy(config), output_dir=str(tmp_path / "unchanged")
    )
    assert np.all(np.isfinite(unchanged.predict(x)))
    pinned = with_hls4ml_types(config, reference, set(unchanged.graph))
    ours = hlsnn_predictions(model, pinned, x, tmp_path / "pinned")
    np.testing.assert_array_equal(ours, expected)
