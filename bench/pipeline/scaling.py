"""Compile time and peak compiler memory of both tools as a Dense model grows in width and in
depth, up to a 16x500x500x500x500x500x5 model of about a million weights: a table for
bench/RESULTS.md and a plot, bench/pipeline_scaling.png. Each point also predicts a few samples
with both tools: hlsnn's outputs must equal hls4ml's (vendor headers) bit for bit."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from bench_models import build_scaling_model, hls_config
from worker_process import run_worker

import report

PLOT = report.REPO / "bench" / "pipeline_scaling.png"
WIDTH_SWEEP = [(32, 2), (64, 2), (128, 2), (512, 2)]
DEPTH_SWEEP = [(64, 4), (64, 8)]  # with (64, 2) above: depth 2 -> 8
BIG_MODEL = [(500, 5)]  # 1,013,005 weights: where compile time once grew past hls4ml's
QUICK_GRID = [(32, 2), (64, 4)]
TIMEOUT_S = {False: 600, True: 90}  # by --quick
SAMPLES = 200


def parameter_count(width: int, depth: int) -> int:
    return 16 * width + (depth - 1) * width * width + width * 5 + depth * width + 5


def run(quick: bool, workdir: Path, save_plot: bool) -> list[str]:
    import hls4ml

    grid = QUICK_GRID if quick else WIDTH_SWEEP + DEPTH_SWEEP + BIG_MODEL
    timeout_s = TIMEOUT_S[quick]
    rows = []
    for width, depth in grid:
        pointdir = workdir / f"w{width}-d{depth}"
        pointdir.mkdir(parents=True)
        model = build_scaling_model(width, depth)
        model.save(pointdir / "model.h5")
        config = hls_config(hls4ml.utils.config_from_keras_model(model, granularity="name"), model)
        (pointdir / "config.json").write_text(json.dumps(config))
        x = np.random.default_rng(7).normal(size=(SAMPLES, 16)).astype(np.float32)
        np.save(pointdir / "x.npy", x)
        row = {"width": width, "depth": depth}
        for tool in ("hls4ml", "hlsnn"):
            rundir = pointdir / tool
            rundir.mkdir()
            arguments = ["--tool", tool, "--workdir", str(rundir)]
            arguments += ["--keras-model", str(pointdir / "model.h5")]
            arguments += ["--config", str(pointdir / "config.json")]
            arguments += ["--input", str(pointdir / "x.npy")]
            row[tool] = run_worker(arguments, rundir / "worker.log", timeout_s)
        if row["hls4ml"] is not None and row["hlsnn"] is not None:
            theirs, ours = (
                np.load(pointdir / tool / f"outputs_{tool}_1t.npy").reshape(SAMPLES, -1)
                for tool in ("hls4ml", "hlsnn")
            )
            row["identical"] = float(np.mean(theirs == ours))
        rows.append(row)
        print(f"scaling: width {width}, depth {depth} done", flush=True)
    if save_plot:
        plot(rows)
    return table(rows, timeout_s)


def _cell(result: dict | None, key: str) -> str:
    return "timeout" if result is None else report.number(result[key])


def _ratio(theirs: dict | None, ours: dict | None, key: str) -> str:
    if theirs is None or ours is None:
        return "-"
    speedup = theirs[key] / ours[key]
    return f"{speedup:.1f}x faster" if speedup >= 1 else f"{1 / speedup:.1f}x slower"


def table(rows: list[dict], timeout_s: int) -> list[str]:
    lines = [
        "### Compile scaling",
        "",
        f"Measured on {report.now()} (hlsnn git {report.git_revision()}; load average "
        f"{os.getloadavg()[0]:.1f} at the end). 16 inputs, `depth` Dense layers of `width` with "
        "ReLU, a linear Dense 5; the same explicit types as above; one repetition per point, "
        "each tool in a fresh process with an empty cache; compiles cut at "
        f"{timeout_s} s (`timeout`). Compile CPU is the user + system time of `compile()`: the "
        "calling thread (hls4ml writes the project again there) and the compilers; other work "
        f"on a shared machine does not inflate it. Outputs: {SAMPLES} N(0, 1) samples predicted "
        "by both tools. "
        "Plot: `bench/pipeline_scaling.png`.",
        "",
        "| width | depth | weights | hls4ml compile (s) | hlsnn compile (s) | hls4ml CPU (s) "
        "| hlsnn CPU (s) | hls4ml memory (MiB) | hlsnn memory (MiB) | compile hlsnn vs hls4ml "
        "(wall, CPU) | outputs bit-identical to hls4ml's |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        theirs, ours = row["hls4ml"], row["hlsnn"]
        identical = report.percent(row["identical"]) if "identical" in row else "-"
        lines.append(
            f"| {row['width']} | {row['depth']} | {parameter_count(row['width'], row['depth']):,} "
            f"| {_cell(theirs, 'compile_s')} | {_cell(ours, 'compile_s')} "
            f"| {_cell(theirs, 'compile_cpu_s')} | {_cell(ours, 'compile_cpu_s')} "
            f"| {_cell(theirs, 'compile_mib')} | {_cell(ours, 'compile_mib')} "
            f"| {_ratio(theirs, ours, 'compile_s')}, {_ratio(theirs, ours, 'compile_cpu_s')} "
            f"| {identical} |"
        )
    return lines


def plot(rows: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (time_axes, memory_axes) = plt.subplots(1, 2, figsize=(10, 4))
    sweeps = {
        "depth 2, width 32-512": lambda row: row["depth"] == 2,
        "width 64, depth 2-8": lambda row: row["width"] == 64,
        "width 500, depth 5": lambda row: (row["width"], row["depth"]) in BIG_MODEL,
    }
    for tool, colour in (("hls4ml", "tab:red"), ("hlsnn", "tab:blue")):
        for (label, in_sweep), marker in zip(sweeps.items(), "os*"):
            points = sorted(
                (row for row in rows if row[tool] is not None and in_sweep(row)),
                key=lambda row: parameter_count(row["width"], row["depth"]),
            )
            weights = [parameter_count(row["width"], row["depth"]) for row in points]
            for axes, key in ((time_axes, "compile_cpu_s"), (memory_axes, "compile_mib")):
                axes.plot(
                    weights,
                    [row[tool][key] for row in points],
                    marker=marker,
                    markersize=10 if marker == "*" else 6,
                    color=colour,
                    linestyle="--" if marker == "s" else "-",
                    label=f"{tool}, {label}",
                )
    time_axes.set(xscale="log", yscale="log", xlabel="weights", ylabel="compile CPU (s)")
    time_axes.legend(fontsize=7)
    figure.suptitle("Compile scaling, hlsnn vs hls4ml 1.3 (timeouts omitted)")
    figure.tight_layout()
    figure.savefig(PLOT, dpi=100)
    plt.close(figure)
