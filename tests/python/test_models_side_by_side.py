"""Several models alive in one Python process, converted, compiled and run in interleaved order:
each gives exactly what the `hlsnn` command gives for its project in a process of its own. The
first two share project name, layer names and data types and differ only in their softmax
tables, which is where compiled libraries that bound to each other's tables went wrong."""

import subprocess
import sys
from pathlib import Path

import hlsnn
import numpy as np
import pytest

keras = pytest.importorskip("keras")

HLSNN = Path(sys.executable).parent / "hlsnn"


def classifier(prefix=""):
    keras.utils.set_random_seed(11)
    inputs = keras.Input((6,), name=prefix + "x")
    hidden = keras.layers.Dense(8, activation="relu", name=prefix + "hidden")(inputs)
    logits = keras.layers.Dense(5, name=prefix + "logits")(hidden)
    scores = keras.layers.Softmax(name=prefix + "scores")(logits)
    return keras.Model(inputs, scores)


def config(model, prefix, exp_table, inv_table, table_size, implementation="stable"):
    cfg = hlsnn.utils.config_from_keras_model(model, granularity="name")
    for name in ("hidden", "logits"):
        cfg["LayerName"][prefix + name]["Precision"].update(
            {"accum": "fixed<24,10>", "result": "fixed<16,8>"}
        )
    cfg["LayerName"][prefix + "hidden_relu"]["Precision"]["result"] = "fixed<16,8>"
    cfg["LayerName"][prefix + "scores"].update(
        {
            "exp_table_t": exp_table,
            "inv_table_t": inv_table,
            "inv_inp_t": "ap_fixed<18,4,AP_RND,AP_SAT>",
            "table_size": table_size,
            "implementation": implementation,
        }
    )
    return cfg


def command_line_predict(project_dir, x, tmp_path):
    np.save(tmp_path / "x.npy", x)
    y_path = tmp_path / (Path(project_dir).name + "_y.npy")
    result = subprocess.run(
        [str(HLSNN), "predict", "-q", "-p", str(project_dir), "-i", str(tmp_path / "x.npy")]
        + ["-o", str(y_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return np.load(y_path)


def test_models_in_one_process_each_equal_their_command_line_run(tmp_path):
    x = np.round(np.random.default_rng(5).normal(0, 2, (300, 6)) * 64) / 64
    model = classifier()

    def convert(folder, project, cfg, keras_model=model):
        return hlsnn.converters.convert_from_keras_model(
            keras_model, output_dir=str(tmp_path / folder), project_name=project, hls_config=cfg
        )

    fine = convert(
        "fine",
        "myproject",
        config(model, "", "ap_fixed<18,8,AP_RND,AP_SAT>", "ap_fixed<18,8,AP_RND,AP_SAT>", 1024),
    )
    fine.compile()
    fine_first = fine.predict(x)

    coarse = convert(
        "coarse", "myproject", config(model, "", "ap_fixed<8,2>", "ap_fixed<10,4>", 256)
    )
    coarse_first = coarse.predict(x)  # compiles on first use, after `fine` is loaded

    renamed_model = classifier("b_")
    renamed = convert(
        "renamed",
        "other_project",
        config(renamed_model, "b_", "ap_fixed<12,4>", "ap_fixed<14,6>", 512, "latency"),
        renamed_model,
    )
    np.testing.assert_array_equal(fine.predict(x), fine_first)
    renamed.compile()
    renamed_first = renamed.predict(x)
    np.testing.assert_array_equal(coarse.predict(x), coarse_first)

    assert not np.array_equal(fine_first, coarse_first), "the tables must give other numbers"
    assert not np.array_equal(fine_first, renamed_first)
    for folder, first in (
        ("fine", fine_first),
        ("coarse", coarse_first),
        ("renamed", renamed_first),
    ):
        expected = command_line_predict(tmp_path / folder, x, tmp_path)
        np.testing.assert_array_equal(first, expected, err_msg=folder)
