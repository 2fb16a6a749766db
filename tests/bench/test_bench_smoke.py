"""The pipeline benchmark's pieces work: every model entry builds and gets a complete explicit
config, and the int rooflines (the MLP's, the convolution kernel's) agree with hlsnn bit for bit
(the full comparison is bench/run's job; this keeps the bench from rotting between runs)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")
hls4ml = pytest.importorskip("hls4ml")
hlsnn = pytest.importorskip("hlsnn")

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "pipeline"))

import bench_models  # noqa: E402
from roofline import Roofline, conv_roofline  # noqa: E402


@pytest.mark.parametrize("name", list(bench_models.MODELS))
def test_entry_builds_with_every_slot_explicit(name):
    model = bench_models.MODELS[name].build()
    config = bench_models.hls_config(
        hls4ml.utils.config_from_keras_model(model, granularity="name"), model
    )
    for layer_name, layer in config["LayerName"].items():
        for slot, precision in layer.get("Precision", {}).items():
            assert precision.startswith("ap_"), f"{layer_name}.{slot} is {precision}"
    for layer_name in bench_models.softmax_layer_names(model):
        assert "exp_table" in config["LayerName"][layer_name]["Precision"]


def test_roofline_matches_hlsnn_bit_for_bit(tmp_path, monkeypatch):
    monkeypatch.setenv("HLSNN_CACHE_DIR", str(tmp_path / "cache"))
    model = bench_models.build_mlp(softmax=False)
    config = bench_models.hls_config(
        hls4ml.utils.config_from_keras_model(model, granularity="name"), model
    )
    ours = hlsnn.converters.convert_from_keras_model(
        model, hls_config=config, output_dir=str(tmp_path / "prj"), backend="Vivado"
    )
    ours.compile()
    # Wide inputs reach the wrapping of results and the negative side of every truncation.
    x = np.random.default_rng(0).normal(scale=4.0, size=(300, 16)).astype(np.float32)
    _, roofline_y = Roofline(model, tmp_path).predict(x)
    np.testing.assert_array_equal(np.asarray(ours.predict(x)), roofline_y)


def test_conv_roofline_matches_the_kernel_bit_for_bit(tmp_path):
    timings = conv_roofline(tmp_path, rounds=1)
    assert [t.name for t in timings] == ["conv0", "conv1", "conv2", "total"]
    assert all(t.identical for t in timings)
