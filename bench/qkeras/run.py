"""Exact agreement with QKeras of hlsnn and of hls4ml 1.3, side by side, on the QKeras zoo:
the trained networks of qkeras_zoo.py (MLPs and CNNs, on the digits and random images of their
grid) and one small network per quantizer (each activation quantizer after an 8-bit layer, each
kernel quantizer in a QDense), on 10,000 inputs of a fixed-point grid (the `qkeras` section of
bench/RESULTS.md); and the compile time, peak compiler memory and predict speed of both on the
QKeras CNN (the `qkeras_cnn_speed` section; `--speed` runs only that). Each tool converts with its
own defaults (hls4ml: config_from_keras_model(granularity='name')), as a user would start.

    .venv-keras2/bin/python bench/qkeras/run.py [--quick] [--speed]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[0] / "pipeline"))

import qkeras_zoo  # noqa: E402
from process_memory import ChildPeakMemory  # noqa: E402

import report  # noqa: E402

# One network per quantizer: (name, activation quantizer or None, kernel quantizer or None).
QUANTIZERS = [
    ("quantized_relu(6,2)", "quantized_relu(6,2)", None),
    ("quantized_relu(5,1,negative_slope=0.25)", "quantized_relu(5,1,0,0.25)", None),
    ("quantized_bits(6,2,1)", "quantized_bits(6,2,1)", None),
    ("quantized_tanh(5)", "quantized_tanh(5)", None),
    ("quantized_sigmoid(6)", "quantized_sigmoid(6)", None),
    ("quantized_tanh(6,use_real_tanh)", "quantized_tanh(6,use_real_tanh=True)", None),
    ("quantized_sigmoid(7,use_real_sigmoid)", "quantized_sigmoid(7,use_real_sigmoid=True)", None),
    ("quantized_po2(5)", "quantized_po2(5)", None),
    ("quantized_relu_po2(4)", "quantized_relu_po2(4)", None),
    ("binary()", "binary()", None),
    ("binary(alpha=0.5)", "binary(alpha=0.5)", None),
    ("ternary()", "ternary()", None),
    ("ternary(alpha=2,threshold=0.2)", "ternary(alpha=2,threshold=0.2)", None),
    ("quantized_hswish(6,2)", "quantized_hswish(6,2)", None),
    ("kernel quantized_bits(6,0,alpha=1)", None, "quantized_bits(6,0,alpha=1)"),
    ("kernel quantized_bits(5,0) (auto_po2)", None, "quantized_bits(5,0)"),
    ("kernel quantized_bits(5,0,alpha='auto')", None, "quantized_bits(5,0,alpha='auto')"),
    ("kernel quantized_po2(5)", None, "quantized_po2(5)"),
    ("kernel binary() (auto_po2)", None, "binary()"),
    ("kernel binary(alpha=0.25)", None, "binary(alpha=0.25)"),
    ("kernel ternary() (auto_po2)", None, "ternary()"),
    ("kernel ternary(alpha='auto')", None, "ternary(alpha='auto')"),
]


def quantizer_model(activation, kernel):
    import keras
    from qkeras import QActivation, QDense

    keras.utils.set_random_seed(7)
    x = keras.Input((16,), name="x")
    h = QDense(
        16,
        kernel_quantizer="quantized_bits(5,1,alpha=1)",
        bias_quantizer="quantized_bits(5,1,alpha=1)",
        name="d0",
    )(x)
    h = QActivation("quantized_bits(8,3,alpha=1)", name="q0")(h)
    if activation is not None:
        y = QActivation(activation, name="act")(h)
    else:
        y = QDense(
            6, kernel_quantizer=kernel, bias_quantizer="quantized_bits(6,2,alpha=1)", name="w"
        )(h)
    model = keras.Model(x, y)
    rng = np.random.default_rng(7)
    d0 = model.get_layer("d0")
    d0.set_weights([rng.uniform(-1.5, 1.5, (16, 16)).astype(np.float32), d0.get_weights()[1]])
    return model


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def cnn_speed(samples: int, scratch: Path) -> list[str]:
    """Convert + write, first compile (hlsnn with an empty compile cache) with the compiler's peak
    memory, and predict of the QKeras CNN, each tool in this process, side by side; hlsnn also as
    an io_stream design. Predict: hlsnn the median of 3 calls, hls4ml one."""
    import hls4ml
    import hlsnn

    model = qkeras_zoo.cnn()
    x = qkeras_zoo.grid_images(samples)
    expected = model.predict(x, verbose=0)
    os.environ["HLSNN_CACHE_DIR"] = str(scratch / "hlsnn_cache")

    def measure(convert, inputs: np.ndarray, predict_calls: int):
        converted, convert_s = timed(convert)
        with ChildPeakMemory() as memory:
            _, compile_s = timed(converted.compile)
        calls = [timed(lambda: converted.predict(inputs)) for _ in range(predict_calls)]
        predict_s = sorted(seconds for _, seconds in calls)[len(calls) // 2]
        equal = np.mean(np.asarray(calls[0][0]).reshape(expected.shape) == expected)
        return convert_s, compile_s, memory.peak_mib, samples / predict_s, float(equal)

    config = hls4ml.utils.config_from_keras_model(model, granularity="name")
    results = {
        "hlsnn": measure(
            lambda: hlsnn.converters.convert_from_keras_model(
                model, output_dir=str(scratch / "speed")
            ),
            x,
            3,
        ),
        "hlsnn io_stream": measure(
            lambda: hlsnn.converters.convert_from_keras_model(
                model, output_dir=str(scratch / "speed_stream"), io_type="io_stream"
            ),
            x,
            3,
        ),
        "hls4ml 1.3": measure(
            lambda: hls4ml.converters.convert_from_keras_model(
                model, output_dir=str(scratch / "speed_hls4ml"), hls_config=config
            ),
            np.ascontiguousarray(x.astype(np.float64)),
            1,
        ),
    }
    rows = [
        f"| {tool} | {convert_s:.2f} s | {compile_s:.1f} s | {peak_mib:.0f} MiB | "
        f"{report.number(rate)} samples/s | {report.percent(equal)} |"
        for tool, (convert_s, compile_s, peak_mib, rate, equal) in results.items()
    ]
    ours, theirs = results["hlsnn"], results["hls4ml 1.3"]
    return [
        f"QKeras CNN (`qkeras_zoo.cnn`: 28x28x1, QConv2D 8 and 16 filters, pooling, QDense 10) "
        f"on {samples} random images of its grid, io_parallel unless said (hls4ml's predict "
        "takes float64 inputs, hlsnn's float32):",
        "",
        "| tool | convert + write | first compile | peak compiler memory | predict "
        "| equal to QKeras |",
        "|---|---|---|---|---|---|",
        *rows,
        f"| ratio hls4ml / hlsnn (io_parallel) | {theirs[0] / ours[0]:.1f}x | "
        f"{theirs[1] / ours[1]:.1f}x | {theirs[2] / ours[2]:.1f}x | {ours[3] / theirs[3]:.0f}x | |",
    ]


def agreement(tool: str, model, x: np.ndarray, directory: Path) -> str:
    """The percentage of outputs equal to QKeras' model.predict, or why the tool failed."""
    expected = model.predict(x, verbose=0)
    try:
        if tool == "hlsnn":
            import hlsnn

            converted = hlsnn.converters.convert_from_keras_model(
                model, output_dir=str(directory / "hlsnn")
            )
            ours = converted.predict(x)
        else:
            import hls4ml

            config = hls4ml.utils.config_from_keras_model(model, granularity="name")
            converted = hls4ml.converters.convert_from_keras_model(
                model, output_dir=str(directory / "hls4ml"), hls_config=config
            )
            converted.compile()
            ours = converted.predict(np.ascontiguousarray(x.astype(np.float64)))
    except Exception as error:  # noqa: BLE001 - the table reports any failure
        return "fails: " + str(error).splitlines()[0][:70]
    equal = np.asarray(ours).reshape(expected.shape) == expected
    return report.percent(float(np.mean(equal)))


def speed_section(samples: int, scratch: Path) -> None:
    """Rewrites the `qkeras_cnn_speed` section: the QKeras CNN's compile and predict speed."""
    load = os.getloadavg()[0]
    started = time.time()
    speed = cnn_speed(samples, scratch)
    print("\n".join(speed), flush=True)
    body = [
        "## QKeras CNN: compile and predict speed, hlsnn vs hls4ml 1.3",
        "",
        f"Generated by `bench/qkeras/run.py --speed` on {report.now()}. Do not edit by hand.",
        "",
        *report.machine_lines(),
        f"- Load average {load:.1f} at the start; the run took {(time.time() - started) / 60:.1f} "
        "min.",
        "- Both tools in one process, one after the other, with their own defaults (hls4ml: "
        "`config_from_keras_model(model, granularity='name')`). First compile: hlsnn with an "
        "empty compile cache. Peak compiler memory: the summed resident memory of the processes "
        "`compile()` starts (`bench/pipeline/process_memory.py`), sampled every 20 ms.",
        "",
        *speed,
    ]
    report.rewrite_section("qkeras_cnn_speed", body)


def agreement_section(samples: int, quick: bool, scratch: Path) -> None:
    """Rewrites the `qkeras` section: the share of outputs equal to QKeras, both tools."""
    started = time.time()
    load = os.getloadavg()[0]
    grid = (np.random.default_rng(8).integers(-64, 64, (samples, 16)) / 32).astype(np.float32)
    digits, _ = qkeras_zoo.digits()
    rows = ["| model | inputs | hlsnn | hls4ml 1.3 |", "|---|---|---|---|"]
    for name, build in qkeras_zoo.MODELS.items():
        model = build()
        x = np.concatenate([digits, qkeras_zoo.grid_inputs(samples)])
        cells = [agreement(tool, model, x, scratch / name) for tool in ("hlsnn", "hls4ml")]
        rows.append(f"| {name} | digits + {samples} grid images | {cells[0]} | {cells[1]} |")
        print(rows[-1], flush=True)
    images, _ = qkeras_zoo.digits_images()
    for name, build in qkeras_zoo.BENCH_IMAGE_MODELS.items():
        model = build()
        x = np.concatenate([images, qkeras_zoo.grid_images(samples // 5)])
        cells = [agreement(tool, model, x, scratch / name) for tool in ("hlsnn", "hls4ml")]
        rows.append(
            f"| {name} | digits as 28x28 images + {samples // 5} grid images | {cells[0]} | "
            f"{cells[1]} |"
        )
        print(rows[-1], flush=True)
    for index, (name, activation, kernel) in enumerate(QUANTIZERS[:3] if quick else QUANTIZERS):
        model = quantizer_model(activation, kernel)
        cells = [
            agreement(tool, model, grid, scratch / f"q{index}") for tool in ("hlsnn", "hls4ml")
        ]
        rows.append(f"| `{name}` | {samples} grid inputs | {cells[0]} | {cells[1]} |")
        print(rows[-1], flush=True)
    body = [
        "## QKeras: exact agreement with QKeras 0.9.0, hlsnn vs hls4ml 1.3",
        "",
        f"Generated by `bench/qkeras/run.py` on {report.now()}. Do not edit by hand.",
        "",
        *report.machine_lines(),
        f"- Load average {load:.1f} at the start; the run took {(time.time() - started) / 60:.1f} "
        "min.",
        "- The share of output values equal to QKeras' `model.predict` bit for bit. Each tool "
        "converts with its own defaults: hlsnn without a config, hls4ml with "
        "`config_from_keras_model(model, granularity='name')`. Trained models "
        "(`bench/qkeras/qkeras_zoo.py`, digits) on the 1,797 digits and random images of their "
        "1/16 grid; one network per quantizer (a 5-bit QDense, an 8-bit `quantized_bits(8,3)`, "
        "then the activation, or a QDense(6) with the kernel quantizer) on inputs of a 1/32 grid.",
        "- `alpha='auto'` kernels: QKeras' float32 sums of their products (float32 scales times "
        "codes) round, hlsnn's exact sums do not (the README); they agree to a few float32 ulps. "
        "The kernel rows compare those sums directly; `cnn_auto` (`qkeras_zoo.cnn` with "
        "`alpha='auto'` convolution kernels) has a quantizer after each of them.",
        "",
        *rows,
    ]
    report.rewrite_section("qkeras", body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 inputs, three quantizers")
    parser.add_argument(
        "--speed", action="store_true", help="only the QKeras CNN's compile and predict speed"
    )
    args = parser.parse_args()
    samples = 1_000 if args.quick else 10_000
    with tempfile.TemporaryDirectory() as scratch:
        if not args.speed:
            agreement_section(samples, args.quick, Path(scratch))
        speed_section(samples, Path(scratch))


if __name__ == "__main__":
    main()
