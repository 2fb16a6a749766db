"""Compile time and peak compiler memory of both tools as a Dense model grows in width and in
depth: a table for bench/RESULTS.md and a plot, bench/pipeline_scaling.png."""

from __future__ import annotations

import json
from pathlib import Path

from bench_models import build_scaling_model, hls_config
from worker_process import run_worker

import report

PLOT = report.REPO / "bench" / "pipeline_scaling.png"
WIDTH_SWEEP = [(32, 2), (64, 2), (128, 2), (512, 2)]
DEPTH_SWEEP = [(64, 4), (64, 8)]  # with (64, 2) above: depth 2 -> 8
QUICK_GRID = [(32, 2), (64, 4)]
TIMEOUT_S = {False: 240, True: 90}  # by --quick


def parameter_count(width: int, depth: int) -> int:
    return 16 * width + (depth - 1) * width * width + width * 5 + depth * width + 5


def run(quick: bool, workdir: Path, save_plot: bool) -> list[str]:
    import hls4ml

    grid = QUICK_GRID if quick else WIDTH_SWEEP + DEPTH_SWEEP
    timeout_s = TIMEOUT_S[quick]
    rows = []
    for width, depth in grid:
        pointdir = workdir / f"w{width}-d{depth}"
        pointdir.mkdir(parents=True)
        model = build_scaling_model(width, depth)
        model.save(pointdir / "model.h5")
        config = hls_config(hls4ml.utils.config_from_keras_model(model, granularity="name"), model)
        (pointdir / "config.json").write_text(json.dumps(config))
        row = {"width": width, "depth": depth}
        for tool in ("hls4ml", "hlsnn"):
            rundir = pointdir / tool
            rundir.mkdir()
            arguments = ["--tool", tool, "--workdir", str(rundir)]
            arguments += ["--keras-model", str(pointdir / "model.h5")]
            arguments += ["--config", str(pointdir / "config.json")]
            row[tool] = run_worker(arguments, rundir / "worker.log", timeout_s)
        rows.append(row)
        print(f"scaling: width {width}, depth {depth} done", flush=True)
    if save_plot:
        plot(rows)
    return table(rows, timeout_s)


def _cell(result: dict | None, key: str) -> str:
    return "timeout" if result is None else report.number(result[key])


def table(rows: list[dict], timeout_s: int) -> list[str]:
    lines = [
        "### Compile scaling",
        "",
        "16 inputs, `depth` Dense layers of `width` with ReLU, a linear Dense 5; the same explicit "
        "types as above; one repetition per point, each tool in a fresh process with an empty "
        f"cache; compiles cut at {timeout_s} s (`timeout`). Plot: `bench/pipeline_scaling.png`.",
        "",
        "| width | depth | weights | hls4ml compile (s) | hlsnn compile (s) | hls4ml memory (MiB) "
        "| hlsnn memory (MiB) | compile hlsnn vs hls4ml |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        theirs, ours = row["hls4ml"], row["hlsnn"]
        if theirs is None or ours is None:
            ratio = "-"
        else:
            speedup = theirs["compile_s"] / ours["compile_s"]
            ratio = f"{speedup:.1f}x faster" if speedup >= 1 else f"{1 / speedup:.1f}x slower"
        lines.append(
            f"| {row['width']} | {row['depth']} | {parameter_count(row['width'], row['depth']):,} "
            f"| {_cell(theirs, 'compile_s')} | {_cell(ours, 'compile_s')} "
            f"| {_cell(theirs, 'compile_mib')} | {_cell(ours, 'compile_mib')} | {ratio} |"
        )
    return lines


def plot(rows: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (time_axes, memory_axes) = plt.subplots(1, 2, figsize=(10, 4))
    for tool, colour in (("hls4ml", "tab:red"), ("hlsnn", "tab:blue")):
        for sweep, marker, label in (
            ("width", "o", "depth 2, width 32-512"),
            ("depth", "s", "width 64, depth 2-8"),
        ):
            points = sorted(
                (
                    row
                    for row in rows
                    if row[tool] is not None
                    and (row["depth"] == 2 if sweep == "width" else row["width"] == 64)
                ),
                key=lambda row: parameter_count(row["width"], row["depth"]),
            )
            weights = [parameter_count(row["width"], row["depth"]) for row in points]
            for axes, key in ((time_axes, "compile_s"), (memory_axes, "compile_mib")):
                axes.plot(
                    weights,
                    [row[tool][key] for row in points],
                    marker=marker,
                    color=colour,
                    linestyle="-" if sweep == "width" else "--",
                    label=f"{tool}, {label}",
                )
    time_axes.set(xscale="log", yscale="log", xlabel="weights", ylabel="first compile (s)")
    memory_axes.set(xscale="log", xlabel="weights", ylabel="peak compiler memory (MiB)")
    time_axes.legend(fontsize=7)
    figure.suptitle("Compile scaling, hlsnn vs hls4ml 1.3 (timeouts omitted)")
    figure.tight_layout()
    figure.savefig(PLOT, dpi=100)
    plt.close(figure)
