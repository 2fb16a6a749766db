"""Side by side with hls4ml 1.3 on the 16-64-32-32-5 MLP (ReLU, softmax, ap_fixed<16,6>):
convert+write time, first compile time, predict throughput on 100,000 samples from Python (hlsnn
at 1 and 2 threads) and the exact-agreement rate of the two tools' outputs, in one run.

Run with the Keras 2 environment (it has TensorFlow and hls4ml):
    .venv-keras2/bin/python bench/pipeline/run_mlp.py [--repeats N] [--no-write]
Rewrites the `pipeline_mlp` section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "bench" / "RESULTS.md"
SAMPLES = 100_000
DATA_TYPE = "ap_fixed<16,6>"
TABLE_TYPE = "ap_fixed<18,8,AP_RND,AP_SAT>"


def build_mlp(seed: int):
    import tensorflow as tf

    tf.keras.utils.set_random_seed(seed)
    layers = [tf.keras.layers.Input(shape=(16,), name="inputs")]
    for index, width in enumerate((64, 32, 32)):
        layers.append(tf.keras.layers.Dense(width, activation="relu", name=f"fc{index + 1}"))
    layers.append(tf.keras.layers.Dense(5, activation="softmax", name="output"))
    return tf.keras.Sequential(layers)


def explicit_types(config: dict) -> dict:
    """Every precision slot of every layer set explicitly, so both tools use identical types."""
    config["Model"]["Precision"] = {"default": DATA_TYPE}
    for layer in config.get("LayerName", {}).values():
        precision = layer.get("Precision")
        if isinstance(precision, dict):
            for slot in precision:
                precision[slot] = TABLE_TYPE if "table" in slot or slot == "inv_inp" else DATA_TYPE
    return config


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def measure(tool, model, out: Path, x: np.ndarray):
    """(convert+write s, compile s, predict s, outputs) for `tool` (the hls4ml or hlsnn module,
    which share this API)."""
    config = explicit_types(tool.utils.config_from_keras_model(model, granularity="name"))

    def convert():
        hls_model = tool.converters.convert_from_keras_model(
            model, hls_config=config, output_dir=str(out), backend="Vivado"
        )
        hls_model.write()
        return hls_model

    convert_seconds, hls_model = timed(convert)
    compile_seconds, _ = timed(hls_model.compile)
    predict_seconds, y = timed(lambda: hls_model.predict(x))
    return convert_seconds, compile_seconds, predict_seconds, np.asarray(y)


def measure_hlsnn(model, workdir: Path, x: np.ndarray, threads: int, fresh_cache: bool):
    import hlsnn

    if fresh_cache:
        os.environ["HLSNN_CACHE_DIR"] = tempfile.mkdtemp(prefix="hlsnn-cache-", dir=workdir)
    os.environ["HLSNN_NUM_THREADS"] = str(threads)
    return measure(hlsnn, model, workdir / "hlsnn", x)


def median_spread(values: list[float]) -> str:
    middle = statistics.median(values)
    spread = (max(values) - min(values)) / 2 / middle * 100 if middle else 0.0
    return f"{middle:.3g} ±{spread:.0f}%"


def machine_description() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    compiler = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout
    load = os.getloadavg()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores, load average {load:.1f} at the start; "
        f"{compiler.splitlines()[0]}; Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    model = build_mlp(seed=1)
    x = np.random.default_rng(2).normal(size=(SAMPLES, 16)).astype(np.float32)
    rows: dict[str, list[float]] = {}
    agreement = []
    machine = machine_description()
    for repeat in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="hlsnn-bench-") as tmp:
            workdir = Path(tmp)
            import hls4ml

            ref = measure(hls4ml, model, workdir / "hls4ml", x)
            ours = measure_hlsnn(model, workdir, x, threads=2, fresh_cache=True)
            ours_one = measure_hlsnn(model, workdir, x, threads=1, fresh_cache=False)
            for name, value in (
                ("hls4ml convert+write s", ref[0]),
                ("hlsnn convert+write s", ours[0]),
                ("hls4ml first compile s", ref[1]),
                ("hlsnn first compile s", ours[1]),
                ("hls4ml predict samples/s", SAMPLES / ref[2]),
                ("hlsnn predict samples/s (2 threads)", SAMPLES / ours[2]),
                ("hlsnn predict samples/s (1 thread)", SAMPLES / ours_one[2]),
            ):
                rows.setdefault(name, []).append(value)
            agreement.append(float(np.mean(ref[3].reshape(ours[3].shape) == ours[3])))
            if not np.array_equal(ours[3], ours_one[3]):
                sys.exit("hlsnn results differ between 1 and 2 threads")
        print(f"repeat {repeat + 1}/{args.repeats} done", file=sys.stderr)

    def ratio(ours_key: str, ref_key: str, higher_is_better: bool) -> str:
        pairs = zip(rows[ours_key], rows[ref_key])
        values = [o / r if higher_is_better else r / o for o, r in pairs]
        return f"{statistics.median(values):.1f}x"

    table = [
        "| measure | hls4ml 1.3 | hlsnn | hlsnn vs hls4ml (median of per-run ratios) | target |",
        "|---|---|---|---|---|",
        f"| convert + write (s) | {median_spread(rows['hls4ml convert+write s'])} | "
        f"{median_spread(rows['hlsnn convert+write s'])} | "
        f"{ratio('hlsnn convert+write s', 'hls4ml convert+write s', False)} faster | >= 5x |",
        f"| first compile (s) | {median_spread(rows['hls4ml first compile s'])} | "
        f"{median_spread(rows['hlsnn first compile s'])} | "
        f"{ratio('hlsnn first compile s', 'hls4ml first compile s', False)} faster | >= 3x |",
        f"| predict 100k samples, 2 threads (samples/s) | "
        f"{median_spread(rows['hls4ml predict samples/s'])} | "
        f"{median_spread(rows['hlsnn predict samples/s (2 threads)'])} | "
        f"{ratio('hlsnn predict samples/s (2 threads)', 'hls4ml predict samples/s', True)} | "
        ">= 50x and >= 1,000,000 samples/s |",
        f"| predict 100k samples, 1 thread (samples/s) | - | "
        f"{median_spread(rows['hlsnn predict samples/s (1 thread)'])} | - | - |",
        f"| outputs bit-identical to hls4ml | - | {min(agreement):.4%} of values (worst run) "
        "| - | 100% |",
    ]
    section = "\n".join(
        [
            "<!-- pipeline_mlp:begin -->",
            "## Pipeline: 16-64-32-32-5 MLP, hlsnn vs hls4ml 1.3",
            "",
            f"Generated by `bench/pipeline/run_mlp.py` on "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
            f"{args.repeats} repetitions, both tools in one process per repetition.",
            "",
            f"- Machine: {machine}.",
            f"- Model: Dense 64/32/32 with ReLU, Dense 5 with softmax; every type {DATA_TYPE} "
            f"(softmax tables {TABLE_TYPE}), identical explicit per-layer types in both tools; "
            f"{SAMPLES:,} float32 samples.",
            "- hlsnn's first compile uses an empty compile cache; hls4ml's compile includes its "
            "own write.",
            "",
            *table,
            "<!-- pipeline_mlp:end -->",
        ]
    )
    print(section)
    if not args.no_write:
        text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
        begin, end = "<!-- pipeline_mlp:begin -->", "<!-- pipeline_mlp:end -->"
        if begin in text:
            text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        RESULTS.write_text(text)


if __name__ == "__main__":
    main()
