"""hlsnn vs hls4ml 1.3, side by side on the models of bench_models.py, plus the MLP's int
roofline and compile scaling; rewrites the pipeline sections of bench/RESULTS.md.

Run through `bench/run` (which sets up the environment); options: --quick, --models a,b
(--models '' for the compile scaling alone), --no-scaling, --no-write. Each repetition measures
each tool in a fresh process (measure.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scaling
import vendor_headers
from bench_models import MODELS, hls_config
from roofline import Roofline, conv_roofline
from worker_process import run_worker

import report

TOOLS = ("hls4ml", "hlsnn")
KERAS_TOLERANCE_LSB = 8  # "within the types' error": 8 steps of ap_fixed<16,6>
LSB = 2.0**-10


@dataclass(frozen=True)
class Settings:
    repeats: int
    samples: int
    trace_samples: int
    vendor_samples: int
    roofline_repeats: int
    worker_timeout_s: float


FULL = Settings(3, 100_000, 1_000, 10_000, 5, 900)
QUICK = Settings(1, 10_000, 200, 2_000, 3, 600)
# hls4ml compiles a CNN for minutes and predicts tens of images per second (a trace rebuilds its
# library): one repetition, 10,000 images (the measure), a short trace.
FULL_CONVOLUTIONAL = Settings(1, 10_000, 100, 1_000, 7, 7200)
QUICK_CONVOLUTIONAL = Settings(1, 1_000, 20, 200, 3, 3600)


def prepare(entry, workdir: Path, samples: int):
    """The Keras model saved for the workers, the shared config, inputs and Keras' outputs."""
    import hls4ml

    workdir.mkdir(parents=True)
    model = entry.build()
    model.save(workdir / "model.h5")
    config = hls_config(hls4ml.utils.config_from_keras_model(model, granularity="name"), model)
    (workdir / "config.json").write_text(json.dumps(config))
    shape = (samples, *model.input_shape[1:])
    x = np.random.default_rng(7).normal(size=shape).astype(np.float32)
    np.save(workdir / "x.npy", x)
    return model, x, model.predict(x, batch_size=8192, verbose=0).reshape(samples, -1)


def fidelity(y: np.ndarray, keras_y: np.ndarray, classifier: bool) -> dict:
    error = np.abs(y.astype(np.float64) - keras_y)
    result = {
        "within": float(np.mean(error <= KERAS_TOLERANCE_LSB * LSB)),
        "max_error": float(error.max()),
    }
    if classifier:
        result["argmax"] = float(np.mean(y.argmax(axis=1) == keras_y.argmax(axis=1)))
    return result


def bench_model(entry, settings: Settings, workdir: Path) -> list[str]:
    model, x, keras_y = prepare(entry, workdir, settings.samples)
    common = ["--keras-model", str(workdir / "model.h5"), "--config", str(workdir / "config.json")]
    common += ["--input", str(workdir / "x.npy"), "--trace-samples", str(settings.trace_samples)]
    common += ["--io-type", entry.io_type]
    runs: dict[str, list[dict]] = {tool: [] for tool in TOOLS}
    identical = []
    outputs = {}
    for repeat in range(settings.repeats):
        for tool in TOOLS:
            rundir = workdir / f"{tool}-{repeat}"
            rundir.mkdir()
            arguments = ["--tool", tool, "--workdir", str(rundir), *common]
            result = run_worker(arguments, rundir / "worker.log", settings.worker_timeout_s)
            if result is None:
                raise RuntimeError(f"{tool} ran past {settings.worker_timeout_s} s")
            runs[tool].append(result)
            outputs[tool] = np.load(rundir / f"outputs_{tool}_1t.npy").reshape(len(x), -1)
        two_threads = np.load(workdir / f"hlsnn-{repeat}" / "outputs_hlsnn_2t.npy")
        if not np.array_equal(two_threads.reshape(outputs["hlsnn"].shape), outputs["hlsnn"]):
            raise RuntimeError("hlsnn's outputs differ between 1 and 2 threads")
        identical.append(float(np.mean(outputs["hlsnn"] == outputs["hls4ml"])))
        print(f"{entry.name}: repetition {repeat + 1}/{settings.repeats} done", file=sys.stderr)

    project = workdir / f"hlsnn-{settings.repeats - 1}" / "hlsnn"
    library = workdir / "vendor-headers.so"
    vendor_headers.build(project, library)
    vendor_x = x[: settings.vendor_samples]
    (vendor_y,) = vendor_headers.predict(project, library, [vendor_x])
    vendor_identical = float(np.mean(vendor_y == outputs["hlsnn"][: len(vendor_x)]))

    lines = model_table(entry, settings, runs, identical, vendor_identical)
    lines += fidelity_table(entry, outputs, keras_y)
    if entry.name == "mlp":
        lines += roofline_table(settings, workdir, x)
    if entry.name == "svhn_cnn":
        lines += conv_roofline_table(settings, workdir)
    return lines


def bench_model_or_failure(entry, settings: Settings, workdir: Path) -> list[str]:
    """The model's section, or a section saying why it could not be measured: one model's failure
    does not cost the others' results."""
    try:
        return bench_model(entry, settings, workdir / entry.name)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", None) or str(error)
        print(f"{entry.name} failed: {detail}", file=sys.stderr)
        return [f"### {entry.title}", "", f"Not measured in this run: {detail.splitlines()[0]}"]


def model_table(entry, settings, runs, identical, vendor_identical) -> list[str]:
    def values(tool: str, key: str) -> list[float]:
        return [run[key] for run in runs[tool]]

    def rate(tool: str, key: str) -> list[float]:
        return [settings.samples / seconds for seconds in values(tool, key)]

    def row(label, ours, theirs, ratio_text):
        cells = (report.median_range(theirs), report.median_range(ours), ratio_text)
        return f"| {label} | {' | '.join(cells)} |"

    def faster(ours, theirs):
        ratio = report.median_ratio(theirs, ours)
        if ratio < 1:
            return f"{1 / ratio:.1f}x slower"
        return f"{ratio:.0f}x faster" if ratio >= 100 else f"{ratio:.1f}x faster"

    hls4ml_rate = rate("hls4ml", "predict_s_1t")
    memory_ratio = report.median_ratio(
        values("hlsnn", "compile_mib"), values("hls4ml", "compile_mib")
    )
    trace_samples = settings.trace_samples
    return [
        f"### {entry.title}",
        "",
        f"{entry.description}. {settings.repeats} repetitions; cells are median (min-max); "
        "ratios are medians of the per-repetition hlsnn/hls4ml pairs.",
        "",
        "| measure | hls4ml 1.3 | hlsnn | hlsnn vs hls4ml |",
        "|---|---|---|---|",
        row(
            "convert + write (s)",
            values("hlsnn", "convert_s"),
            values("hls4ml", "convert_s"),
            faster(values("hlsnn", "convert_s"), values("hls4ml", "convert_s")),
        ),
        row(
            "import + first convert + write in a fresh process (s)",
            values("hlsnn", "convert_first_s"),
            values("hls4ml", "convert_first_s"),
            faster(values("hlsnn", "convert_first_s"), values("hls4ml", "convert_first_s")),
        ),
        row(
            "first compile (s)",
            values("hlsnn", "compile_s"),
            values("hls4ml", "compile_s"),
            faster(values("hlsnn", "compile_s"), values("hls4ml", "compile_s")),
        ),
        row(
            "peak compiler memory (MiB)",
            values("hlsnn", "compile_mib"),
            values("hls4ml", "compile_mib"),
            f"{memory_ratio:.2f}x of hls4ml",
        ),
        row(
            f"predict {settings.samples:,} samples, 2 threads (samples/s)",
            rate("hlsnn", "predict_s_2t"),
            [],
            f"{report.median_ratio(rate('hlsnn', 'predict_s_2t'), hls4ml_rate):.0f}x "
            "hls4ml's (1 thread, its only mode)",
        ),
        row(
            f"predict {settings.samples:,} samples, 1 thread (samples/s)",
            rate("hlsnn", "predict_s_1t"),
            hls4ml_rate,
            f"{report.median_ratio(rate('hlsnn', 'predict_s_1t'), hls4ml_rate):.0f}x",
        ),
        row(
            f"trace {trace_samples:,} samples, every layer (s)",
            values("hlsnn", "trace_s"),
            values("hls4ml", "trace_s"),
            faster(values("hlsnn", "trace_s"), values("hls4ml", "trace_s")),
        ),
        f"| outputs bit-identical to hls4ml's (worst repetition) | - | "
        f"{report.percent(min(identical))} | target 100% |",
        f"| hlsnn's project built with the vendor ap types: outputs bit-identical to hlsnn's "
        f"({settings.vendor_samples:,} samples) | - | {report.percent(vendor_identical)} | "
        "target 100% |",
    ]


def fidelity_table(entry, outputs, keras_y) -> list[str]:
    scores = {tool: fidelity(outputs[tool], keras_y, entry.classifier) for tool in TOOLS}
    lines = [
        "",
        "| against Keras (float) | hls4ml 1.3 | hlsnn |",
        "|---|---|---|",
        f"| output values within {KERAS_TOLERANCE_LSB} LSB of ap_fixed<16,6> | "
        f"{report.percent(scores['hls4ml']['within'])} | "
        f"{report.percent(scores['hlsnn']['within'])} |",
        f"| largest absolute error | {scores['hls4ml']['max_error']:.4g} | "
        f"{scores['hlsnn']['max_error']:.4g} |",
    ]
    if entry.classifier:
        lines.append(
            f"| argmax agrees with Keras | {report.percent(scores['hls4ml']['argmax'])} | "
            f"{report.percent(scores['hlsnn']['argmax'])} |"
        )
    return lines


def roofline_table(settings: Settings, workdir: Path, x: np.ndarray) -> list[str]:
    """The logits variant of the MLP (same weights, no softmax) through hlsnn at 1 thread vs the
    hand-written integer loop, alternating, with the outputs compared bit for bit."""
    import hlsnn
    from bench_models import build_mlp

    logits_model = build_mlp(softmax=False)
    import hls4ml

    config = hls_config(
        hls4ml.utils.config_from_keras_model(logits_model, granularity="name"), logits_model
    )
    os.environ["HLSNN_CACHE_DIR"] = str(workdir / "roofline-cache")
    os.environ["HLSNN_NUM_THREADS"] = "1"
    ours = hlsnn.converters.convert_from_keras_model(
        logits_model, hls_config=config, output_dir=str(workdir / "logits"), backend="Vivado"
    )
    ours.compile()
    roofline = Roofline(logits_model, workdir)
    ours_rates, roofline_rates = [], []
    for _ in range(settings.roofline_repeats):
        start = time.perf_counter()
        ours_y = ours.predict(x)
        ours_rates.append(len(x) / (time.perf_counter() - start))
        seconds, roofline_y = roofline.predict(x)
        roofline_rates.append(len(x) / seconds)
    identical = float(np.mean(np.asarray(ours_y).reshape(roofline_y.shape) == roofline_y))
    fraction = report.median_ratio(ours_rates, roofline_rates)
    return [
        "",
        f"Int roofline: the same MLP without the softmax (logits; same weights), "
        f"{len(x):,} samples, 1 thread, {settings.roofline_repeats} alternating repetitions; "
        "`bench/pipeline/roofline_mlp.cpp` is a plain int16 x int16 -> int32 loop with the "
        "same truncation and wrapping, built with hlsnn's flags.",
        "",
        "| measure | int roofline | hlsnn | hlsnn / roofline |",
        "|---|---|---|---|",
        f"| predict (samples/s) | {report.median_range(roofline_rates)} | "
        f"{report.median_range(ours_rates)} | {fraction:.0%} |",
        f"| outputs bit-identical to the roofline's | - | {report.percent(identical)} | "
        "target 100% |",
    ]


def conv_roofline_table(settings: Settings, workdir: Path) -> list[str]:
    timings = conv_roofline(workdir, settings.roofline_repeats)
    rows = [
        f"| {t.name} | {t.multiplications:,} | {t.loop_us:.1f} | {t.ours_us:.1f} | "
        f"{t.loop_us / t.ours_us:.0%} | {'yes' if t.identical else 'NO'} |"
        for t in timings
        if t.name != "total"
    ]
    total = next(t for t in timings if t.name == "total")
    return [
        "",
        "Convolution kernel vs int roofline: the three Conv2D layers above through "
        "`nnet::conv` (Latency) and through a plain integer loop of the same arithmetic "
        "(`bench/pipeline/roofline_conv.cpp`: int16 x int16 products, int32 sums that wrap, "
        "results truncated), random values on the ap_fixed<16,6> grid, built with hlsnn's "
        f"flags; one call each, median of {settings.roofline_repeats} alternating rounds of 20 "
        "calls on the thread's CPU clock.",
        "",
        "| layer | multiplications | int loop (us) | hlsnn (us) | hlsnn / roofline | "
        "bit-identical |",
        "|---|---|---|---|---|---|",
        *rows,
        f"| all three | - | {total.loop_us:.1f} | {total.ours_us:.1f} | "
        f"{total.loop_us / total.ours_us:.0%} (target >= 80%) | "
        f"{'yes' if total.identical else 'NO'} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and samples")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated subset")
    parser.add_argument("--no-scaling", action="store_true", help="skip the compile scaling grid")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    parser.add_argument("--repeats", type=int, help="repetitions per model (default 3, quick 1)")
    args = parser.parse_args()
    names = [name for name in args.models.split(",") if name]
    unknown = [name for name in names if name not in MODELS]
    if unknown:
        parser.error(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)}")
    settings = QUICK if args.quick else FULL
    if args.repeats:
        settings = dataclasses.replace(settings, repeats=args.repeats)

    started = time.perf_counter()
    header = [
        "## Pipeline: hlsnn vs hls4ml 1.3",
        "",
        f"Generated by `bench/run{' --quick' if args.quick else ''}` on {report.now()}. "
        "Do not edit by hand: the next run rewrites the pipeline sections.",
        "",
        *report.machine_lines(),
        *METHOD_LINES,
    ]

    def publish(name: str, body: list[str]) -> None:
        """Each section as soon as it is measured: a run cut short keeps what it finished."""
        print("\n".join(body) + "\n")
        if not args.no_write:
            report.rewrite_section(name, body)

    with tempfile.TemporaryDirectory(prefix="hlsnn-bench-") as tmp:
        for name in names:
            model_settings = settings
            if MODELS[name].convolutional:
                model_settings = QUICK_CONVOLUTIONAL if args.quick else FULL_CONVOLUTIONAL
                if args.repeats:
                    model_settings = dataclasses.replace(model_settings, repeats=args.repeats)
            publish(
                f"pipeline_{name}", bench_model_or_failure(MODELS[name], model_settings, Path(tmp))
            )
        if not args.no_scaling:
            scaling_dir = Path(tmp) / "scaling"
            publish("pipeline_scaling", scaling.run(args.quick, scaling_dir, not args.no_write))
    minutes = (time.perf_counter() - started) / 60
    header.append(
        f"- This run took {minutes:.1f} min; load average at the end {os.getloadavg()[0]:.1f}."
    )
    if names:  # a scaling-only run (--models '') dates its own section and leaves the models'
        publish("pipeline", header)


METHOD_LINES = [
    "- Both tools get one configuration (the reference's `config_from_keras_model(granularity="
    "'name')` with every precision slot explicit: data, weights, biases and results "
    "ap_fixed<16,6>, Dense accumulators ap_fixed<32,12>, Latency strategy, reuse 1, "
    "io_parallel unless the model's title says io_stream) and float32 inputs drawn from N(0, 1) "
    "with a fixed seed.",
    "- Each tool runs in a fresh process per repetition; convert + write is "
    "`convert_from_keras_model` and `write()` into a new folder, the median of 5 calls after a "
    "first one (the tool's own cost). The first use is on its own row: `import <tool>` and the "
    "first convert + write, with TensorFlow imported and the model loaded before, as a user "
    "starts a session; it also pays one-time set-ups outside either tool: about 1 ms per "
    "distinct weight shape for TensorFlow's first variable reads and, on functional models, "
    "0.2 s of Python ABC-cache filling in Keras' first `to_json()`, which hls4ml's import does "
    "(hlsnn's import does not load Keras). First compile is "
    "`compile()` (hlsnn with an empty compile cache; hls4ml's includes its own second write); "
    "each tool compiles with its own flags (hls4ml's build_lib.sh: `-O3` and the newest "
    "`-std`; hlsnn: `-std=c++17 -O3 -march=native`, the firmware and the bridge as one "
    "translation unit, GCC collecting its garbage from 48 MiB on).",
    "- Peak compiler memory: during `compile()` the process tree under the tool's Python process "
    "is sampled every 20 ms from /proc and the resident sets of all descendants (shell, g++, "
    "cc1plus, assembler, linker) are summed, so compilers running side by side add up; the peak "
    "is reported. The Python process and its not-yet-exec'd forks are not counted (the kernel's "
    "RUSAGE_CHILDREN maximum is unusable here: every exec'd compiler inherits the high-water mark "
    "of the forked TensorFlow process). Applies the same way to both tools.",
    "- predict: `predict(x)` on all samples from Python, after compile; hlsnn: the median of 3 "
    "calls per thread count (`HLSNN_NUM_THREADS`), hls4ml: one call (seconds long). trace: "
    "`trace(x)` returning every layer; hls4ml's trace uses a second project built with "
    "`Trace: True` on every layer, and its `trace()` always rebuilds the library with tracing "
    "on, so its time includes that compile (what its users wait); hlsnn's trace runs the "
    "compiled library.",
    "- Agreement: exact equality of the float outputs. The vendor-headers build compiles hlsnn's "
    "written project (sources and include folders from `hlsnn_manifest.json`) with g++ and the "
    "ap types shipped in the hls4ml wheel first on the include path (ours not on it), and calls "
    "the project's bridge (`hlsnn_predict_f64`) through ctypes.",
]


if __name__ == "__main__":
    main()
