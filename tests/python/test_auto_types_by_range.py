"""`auto` result types chosen by range analysis (issue 10): with config_from_keras_model(
granularity='name') no layer's output overflows anywhere on the declared input range (the input
types), every such type keeps the default's resolution, and a configured type that can overflow
on that range is named in a warning. The checks are exact: each layer's traced output equals its
arithmetic on its traced inputs, the stored weights and the result type's rounding."""

import warnings

import numpy as np
import pytest

keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402

DEFAULT_LSB = 2.0**-10  # fixed<16,6>
INPUT_LOW, INPUT_HIGH = -32.0, 32.0 - DEFAULT_LSB  # the default input type fixed<16,6>


def layer_types(hls_model):
    """Each layer's summary (class, result type with its lsb/min/max, stored weights) by name."""
    return {layer["name"]: layer for layer in hls_model._core.layers}


def stored(values, precision):
    """The values as a fixed type with TRN (floor) stores them, inside its range."""
    lsb = precision["lsb"]
    result = np.floor(np.asarray(values, dtype=np.float64) / lsb) * lsb
    assert result.min() >= precision["min"] and result.max() <= precision["max"]
    return result


def expected_dense(x, layer):
    """A Dense layer's output from its traced input: the exact sum of the stored weights'
    products (exact in float64 here), floored to its result type, which must hold it."""
    weights = {w["name"]: stored(w["values"], w["precision"]) for w in layer["weights"]}
    exact = x @ weights["weight"] + weights["bias"]
    result = layer["result"]
    assert (
        exact.min() >= result["min"] and exact.max() <= result["max"] + result["lsb"]
    ), f"{layer['name']}: {exact.min()}..{exact.max()} overflows {result['type']}"
    return np.floor(exact / result["lsb"]) * result["lsb"]


def whole_range_inputs(first_kernel, count, rng):
    """Inputs across the whole declared range: uniform, at its extremes, and the corners at
    which each unit of the first layer reaches its largest and smallest sum."""
    n_in = first_kernel.shape[0]
    uniform = rng.uniform(INPUT_LOW, INPUT_HIGH, (count, n_in))
    extremes = rng.choice([INPUT_LOW, INPUT_HIGH], (count, n_in))
    corners = np.concatenate(
        [
            np.where(first_kernel.T > 0, INPUT_HIGH, INPUT_LOW),
            np.where(first_kernel.T > 0, INPUT_LOW, INPUT_HIGH),
        ]
    )
    x = np.concatenate([uniform, extremes, corners])
    return np.floor(x / DEFAULT_LSB) * DEFAULT_LSB


def random_mlp(seed):
    """A random Sequential MLP: 1-3 hidden Dense layers of random widths, weight scales from 0.1
    to 3, a random activation each, an optional BatchNormalization (folded into its Dense), and
    a linear or softmax head."""
    rng = np.random.default_rng(seed)
    keras.utils.set_random_seed(seed)
    layers = [keras.Input((int(rng.integers(2, 9)),), name="x")]
    for k in range(int(rng.integers(1, 4))):
        activation = str(rng.choice(["relu", "linear", "tanh", "sigmoid"]))
        layers.append(keras.layers.Dense(int(rng.integers(2, 12)), name=f"d{k}"))
        if rng.random() < 0.3:
            layers.append(keras.layers.BatchNormalization(name=f"bn{k}"))
        layers.append(keras.layers.Activation(activation, name=f"a{k}"))
    head = str(rng.choice(["linear", "softmax"]))
    layers.append(keras.layers.Dense(int(rng.integers(2, 6)), activation=head, name="head"))
    model = keras.Sequential(layers)
    for layer in model.layers:
        weights = layer.get_weights()
        if isinstance(layer, keras.layers.Dense):
            scale = rng.uniform(0.1, 3)
            layer.set_weights([rng.uniform(-scale, scale, w.shape) for w in weights])
        elif isinstance(layer, keras.layers.BatchNormalization):
            gamma, beta, mean, var = weights
            layer.set_weights(
                [
                    rng.uniform(0.5, 2, gamma.shape),
                    rng.uniform(-1, 1, beta.shape),
                    rng.uniform(-1, 1, mean.shape),
                    rng.uniform(0.5, 2, var.shape),
                ]
            )
    return model


@pytest.mark.parametrize("seed", range(4))
def test_no_layer_overflows_anywhere_on_the_declared_input_range(tmp_path, seed):
    model = random_mlp(seed)
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    with warnings.catch_warnings():
        warnings.simplefilter("error", hlsnn.HLSNNWarning)  # nothing inferred can overflow
        hls_model = hlsnn.converters.convert_from_keras_model(
            model, output_dir=str(tmp_path), hls_config=config
        )
    summaries = layer_types(hls_model)
    first = next(s for s in summaries.values() if s["class_name"] == "Dense")
    kernel = stored(first["weights"][0]["values"], first["weights"][0]["precision"])
    x = whole_range_inputs(kernel, 300, np.random.default_rng(seed))
    _, traced = hls_model.trace(x)
    previous = x
    checked = 0
    for name, values in traced.items():
        summary = summaries[name]
        if summary["class_name"] == "Dense":
            # The default's resolution, the integer bits of the range.
            assert summary["result"]["lsb"] == DEFAULT_LSB, summary["result"]["type"]
            np.testing.assert_array_equal(values, expected_dense(previous, summary), err_msg=name)
            checked += 1
        elif summary["class_name"] == "Activation":
            result = summary["result"]
            assert values.min() >= result["min"] and values.max() <= result["max"], name
        previous = values
    assert checked >= 2


def issue_model():
    """The issue's case: a 10-input classifier with one hidden layer of 32 relu and a softmax
    head, weights of a trained model's size."""
    keras.utils.set_random_seed(10)
    model = keras.Sequential(
        [
            keras.Input((10,), name="features"),
            keras.layers.Dense(32, activation="relu", name="hidden"),
            keras.layers.Dense(5, activation="softmax", name="output"),
        ]
    )
    rng = np.random.default_rng(10)
    for layer in model.layers:
        layer.set_weights([rng.normal(0, 0.4, w.shape) for w in layer.get_weights()])
    return model


def test_the_issue_case_computes_the_logits_that_wrapped_before(tmp_path):
    """Inputs of a few units give hidden sums beyond the old default result type fixed<16,6>,
    which wrapped (errors of 64 in the logits, 0.999 in the scores)."""
    model = issue_model()
    x = np.floor(np.random.default_rng(3).normal(0, 6, (2000, 10)).clip(-31, 31) * 1024) / 1024
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path), hls_config=config
    )
    hidden_w, hidden_b = model.get_layer("hidden").get_weights()
    output_w, output_b = model.get_layer("output").get_weights()
    hidden = x @ hidden_w.astype(np.float64) + hidden_b
    assert np.abs(hidden).max() > 32, "the case needs sums the old default type wraps"
    logits = np.maximum(hidden, 0) @ output_w.astype(np.float64) + output_b
    scores, traced = hls_model.trace(x)
    # Off by the weights' and results' rounding (LSB 2^-10 on inputs up to 31) only; a wrapped
    # sum is off by 64 or more.
    assert np.abs(traced["output"] - logits).max() < 0.5
    agreement = np.mean(np.argmax(scores, 1) == np.argmax(model.predict(x, verbose=0), 1))
    assert agreement > 0.99


def test_configured_types_that_can_wrap_are_named_in_a_warning(tmp_path):
    model = issue_model()
    config = hlsnn.utils.config_from_keras_model(model, granularity="model")
    with pytest.warns(hlsnn.HLSNNWarning) as caught:
        hlsnn.converters.convert_from_keras_model(
            model, output_dir=str(tmp_path), hls_config=config
        )
    texts = [str(w.message) for w in caught]
    hidden = [t for t in texts if t.startswith("layer 'hidden' (Dense): accum fixed<16,6>")]
    assert hidden, texts
    assert "values reach [" in hidden[0] and "can wrap around" in hidden[0]
    assert "LayerName.hidden.Precision.accum" in hidden[0]
    assert "LayerName.features.Precision.result" in hidden[0]
