"""The `hlsnn` command installed with the package (the wheel's script and binary): help, trace
against Python's ModelGraph.trace bit for bit, error lines, and progress on a terminal only."""

import os
import pty
import subprocess
import sys
from pathlib import Path

import hlsnn
import numpy as np
import pytest

keras = pytest.importorskip("keras")

HLSNN = Path(sys.executable).parent / "hlsnn"
COMMANDS = [
    "config",
    "convert",
    "compile",
    "predict",
    "trace",
    "build",
    "fifo",
    "report",
    "layers",
    "tables",
]


def run(*args, check=True):
    result = subprocess.run([str(HLSNN), *map(str, args)], capture_output=True, text=True)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def assert_one_line_error(result):
    assert result.returncode != 0
    assert result.stderr.startswith("hlsnn: error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A small two-input Keras model converted, written and compiled from Python."""
    keras.utils.set_random_seed(7)
    left = keras.Input((5,), name="left")
    right = keras.Input((3,), name="right")
    hidden = keras.layers.Dense(6, activation="relu", name="hidden")(left)
    joined = keras.layers.Concatenate(name="joined")([hidden, right])
    output = keras.layers.Dense(2, name="out")(joined)
    model = keras.Model([left, right], output)
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    out_dir = tmp_path_factory.mktemp("cli") / "prj"
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(out_dir), hls_config=config
    )
    hls_model.compile()
    return hls_model, out_dir


def test_help_runs_from_the_installed_script_for_every_command():
    assert HLSNN.is_file(), f"{HLSNN} is not installed with the package"
    assert "Usage" in run("--help").stdout
    for command in COMMANDS:
        assert "Usage" in run(command, "--help").stdout, command


def test_trace_npz_equals_python_trace_bit_for_bit(project, tmp_path):
    hls_model, out_dir = project
    rng = np.random.default_rng(3)
    x = [rng.uniform(-2, 2, (17, 5)), rng.uniform(-2, 2, (17, 3))]
    _, expected = hls_model.trace(x)
    np.savez(tmp_path / "x.npz", left=x[0], right=x[1])
    run("trace", "-p", out_dir, "-i", tmp_path / "x.npz", "-o", tmp_path / "trace.npz")
    traced = np.load(tmp_path / "trace.npz")
    assert sorted(traced.files) == sorted([*expected, "hlsnn_layer_names"])
    # The layer names, in member order, as a numpy string array that loads without pickle.
    names = traced["hlsnn_layer_names"]
    assert names.dtype.kind == "U"
    assert list(names) == [file for file in traced.files if file != "hlsnn_layer_names"]
    for name, values in expected.items():
        assert traced[name].dtype == np.float64
        np.testing.assert_array_equal(traced[name], values, err_msg=name)

    # One .npy per input, float32, gives the same bits (trace always runs in float64).
    np.save(tmp_path / "left.npy", x[0].astype(np.float32))
    np.save(tmp_path / "right.npy", x[1].astype(np.float32))
    run(
        "trace",
        "-p",
        out_dir,
        "-i",
        tmp_path / "left.npy",
        "-i",
        tmp_path / "right.npy",
        "-o",
        tmp_path / "trace32.npz",
    )
    _, expected32 = hls_model.trace([a.astype(np.float32) for a in x])
    traced32 = np.load(tmp_path / "trace32.npz")
    for name, values in expected32.items():
        np.testing.assert_array_equal(traced32[name], values, err_msg=name)


def test_predict_npz_equals_python_predict(project, tmp_path):
    hls_model, out_dir = project
    x = [np.linspace(-1, 1, 40).reshape(8, 5), np.linspace(1, -1, 24).reshape(8, 3)]
    np.savez(tmp_path / "x.npz", x[0], x[1])  # unnamed: arr_0, arr_1 in input order
    run("predict", "-p", out_dir, "-i", tmp_path / "x.npz", "-o", tmp_path / "y.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), hls_model.predict(x))


def test_errors_are_one_line(project, tmp_path):
    _, out_dir = project
    np.save(tmp_path / "x.npy", np.zeros((2, 5)))
    cases = [
        ("trace", "-p", tmp_path / "missing", "-i", tmp_path / "x.npy", "-o", tmp_path / "t.npz"),
        ("trace", "-p", out_dir, "-i", tmp_path / "absent.npz", "-o", tmp_path / "t.npz"),
        ("trace", "-p", out_dir, "-i", tmp_path / "x.npy", "-o", tmp_path / "t.npz"),  # 1 of 2
        ("convert", "-c", tmp_path / "absent.yml"),
        ("report", "-p", out_dir),
    ]
    for args in cases:
        assert_one_line_error(run(*args, check=False))
    (tmp_path / "bad.yml").write_text("KerasH5: [unclosed\n")
    assert_one_line_error(run("convert", "-c", tmp_path / "bad.yml", check=False))
    (tmp_path / "typo.yml").write_text("KerasH5: m.h5\nPrecision: x\n")
    result = run("convert", "-c", tmp_path / "typo.yml", check=False)
    assert_one_line_error(result)
    assert "unknown key 'Precision'" in result.stderr
    env = {**os.environ, "PATH": "/nonexistent", "HLSNN_VIVADO_HLS": ""}
    result = subprocess.run(
        [str(HLSNN), "build", "-p", str(out_dir)], capture_output=True, text=True, env=env
    )
    assert_one_line_error(result)
    assert "HLSNN_VIVADO_HLS" in result.stderr


def run_on_terminal(*args, env=None):
    """stderr of the command run with a terminal as stderr (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(HLSNN), *map(str, args)], stdout=subprocess.DEVNULL, stderr=follower, env=env
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait() == 0
    return output.decode()


def test_progress_on_a_terminal_only(project, tmp_path):
    _, out_dir = project
    rng = np.random.default_rng(5)
    np.savez(
        tmp_path / "big.npz", left=rng.normal(size=(20000, 5)), right=rng.normal(size=(20000, 3))
    )
    args = ("predict", "-p", out_dir, "-i", tmp_path / "big.npz", "-o", tmp_path / "y.npy")
    shown = run_on_terminal(*args)
    assert "predicting" in shown and "100% (20000 samples)" in shown, shown
    assert "compiling" in shown, shown
    assert run_on_terminal("-q", *args) == ""
    assert run(*args).stderr == ""  # not a terminal


def test_build_runs_the_tool_named_by_the_variable_and_shows_progress(project, tmp_path):
    """A stand-in for vivado_hls (the vendor tool is not installed here) that prints its
    arguments: the build passes the flags' steps to build_prj.tcl and prints the tool's output."""
    _, out_dir = project
    tool = tmp_path / "vivado_hls"
    tool.write_text('#!/bin/sh\necho "stand-in ran in $(pwd) with $*"\n')
    tool.chmod(0o755)
    env = {**os.environ, "HLSNN_VIVADO_HLS": str(tool)}
    result = subprocess.run(
        [str(HLSNN), "build", "-p", str(out_dir), "-sr"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert f"stand-in ran in {out_dir}" in result.stdout
    assert "csim=0 synth=1 cosim=1" in result.stdout
    assert result.stderr == ""
    shown = run_on_terminal("build", "-p", out_dir, env=env)
    assert "running the Vivado HLS flow" in shown, shown
