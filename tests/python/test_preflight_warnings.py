"""Pre-flight warnings reach Python users as warnings (notebooks do not show C++ stderr)."""

import warnings

import numpy as np
import pytest

keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402


def dense_model(kernel_scale):
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2, name="wide_weights")])
    kernel = np.full((3, 2), kernel_scale, dtype=np.float32)
    model.layers[-1].set_weights([kernel, np.zeros(2, dtype=np.float32)])
    return model


def convert(model, tmp_path):
    config = {"Model": {"Precision": "fixed<8,3>", "ReuseFactor": 1, "Strategy": "Latency"}}
    return hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "prj"), hls_config=config
    )


def test_weights_outside_their_type_warn_naming_the_layer(tmp_path):
    with pytest.warns(hlsnn.HLSNNWarning, match="wide_weights"):
        convert(dense_model(10.0), tmp_path)


def test_weights_inside_their_type_do_not_warn(tmp_path):
    # 0.25 keeps the sums of three inputs in [-4, 4) inside fixed<8,3> too (0.5 would not, and
    # that warns: tests/python/test_auto_types_by_range.py).
    with warnings.catch_warnings():
        warnings.simplefilter("error", hlsnn.HLSNNWarning)
        convert(dense_model(0.25), tmp_path)
