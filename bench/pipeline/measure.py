"""One tool on one model, in a process of its own (so that compiler memory and caches start
clean): convert+write, first compile (with peak compiler memory), predict, trace.

convert+write is timed twice: the median of CONVERT_REPEATS calls, each into a new folder, after
a first one (the tool's own cost), and the first use in the process, `import <tool>` included
(TensorFlow already imported, the model loaded): what a user waits for once per session. The first
use also pays one-time set-ups of TensorFlow and Python: about 1 ms per distinct weight shape
for the first variable reads, and, on functional models, a first `to_json()` whose type checks
fill Python's ABC caches (0.2 s; hls4ml's import fills them, hlsnn's does not import Keras).

    python measure.py --tool hlsnn|hls4ml --keras-model M.h5 --config C.json --workdir DIR
                      [--input X.npy --trace-samples N] [--io-type io_stream] --result R.json

hls4ml and hlsnn share this API (`import hlsnn as hls4ml`), so both run the same code; the only
difference is hls4ml's trace, which needs a second project with Trace enabled on every layer; its
trace() rebuilds that project's library on every call, so its time includes a compile, as for its
users. Outputs go to DIR/outputs*.npy.
"""

from __future__ import annotations

import argparse
import copy
import functools
import importlib
import json
import os
import statistics
import time
from pathlib import Path

import numpy as np
from process_memory import ChildPeakMemory

HLSNN_THREAD_COUNTS = (2, 1)
CONVERT_REPEATS = 5
PREDICT_REPEATS = 3  # hlsnn's predict takes tens of milliseconds: the median of a few calls


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def cpu_seconds() -> float:
    """CPU time of the calling thread (not of ChildPeakMemory's sampling thread, whose cost grows
    with wall time) and of this process's waited-for descendants (the compilers, also under
    hls4ml's build script): what a step costs, whatever else shares the machine."""
    children = os.times()
    return time.thread_time() + children.children_user + children.children_system


def convert(tool, keras_model, config: dict, output_dir: Path, io_type: str):
    return tool.converters.convert_from_keras_model(
        keras_model,
        hls_config=config,
        output_dir=str(output_dir),
        backend="Vivado",
        io_type=io_type,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", choices=("hlsnn", "hls4ml"), required=True)
    parser.add_argument("--keras-model", type=Path, required=True)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--input", type=Path)
    parser.add_argument("--trace-samples", type=int, default=0)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--io-type", default="io_parallel", choices=("io_parallel", "io_stream"))
    args = parser.parse_args()

    os.environ["HLSNN_CACHE_DIR"] = str(args.workdir / "hlsnn-cache")  # empty: a first compile
    import tensorflow as tf

    keras_model = tf.keras.models.load_model(args.keras_model, compile=False)
    config = json.loads(args.config.read_text())
    result: dict = {}

    def convert_and_write(tool, output_dir: Path):
        model = convert(tool, keras_model, copy.deepcopy(config), output_dir, args.io_type)
        model.write()
        return model

    def first_use():
        tool = importlib.import_module(args.tool)
        return tool, convert_and_write(tool, args.workdir / args.tool)

    result["convert_first_s"], (tool, model) = timed(first_use)
    repeats = []
    for index in range(CONVERT_REPEATS):
        output_dir = args.workdir / f"{args.tool}-repeat-{index}"
        repeats.append(timed(functools.partial(convert_and_write, tool, output_dir))[0])
    result["convert_s"] = statistics.median(repeats)
    cpu_before = cpu_seconds()
    with ChildPeakMemory() as memory:
        result["compile_s"], _ = timed(model.compile)
    result["compile_mib"] = memory.peak_mib
    result["compile_cpu_s"] = cpu_seconds() - cpu_before

    if args.input is not None:
        x = np.load(args.input)
        if args.tool == "hlsnn":
            for threads in HLSNN_THREAD_COUNTS:
                os.environ["HLSNN_NUM_THREADS"] = str(threads)
                calls = [timed(lambda: model.predict(x)) for _ in range(PREDICT_REPEATS)]
                result[f"predict_s_{threads}t"] = statistics.median(seconds for seconds, _ in calls)
                y = calls[-1][1]
                np.save(args.workdir / f"outputs_{args.tool}_{threads}t.npy", np.asarray(y))
        else:
            result["predict_s_1t"], y = timed(lambda: model.predict(x))
            np.save(args.workdir / f"outputs_{args.tool}_1t.npy", np.asarray(y))

    if args.trace_samples:
        x_trace = np.load(args.input)[: args.trace_samples].astype(np.float64)
        traced = model
        if args.tool == "hls4ml":
            trace_config = copy.deepcopy(config)
            for layer in trace_config["LayerName"].values():
                layer["Trace"] = True
            traced = convert(
                tool, keras_model, trace_config, args.workdir / "hls4ml-trace", args.io_type
            )
        result["trace_s"], (_, layers) = timed(lambda: traced.trace(x_trace))
        result["traced_layers"] = len(layers)

    args.result.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
