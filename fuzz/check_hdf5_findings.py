"""Sorts the findings of the HDF5 fuzz targets (h5_model, h5_weights, keras_archive) and checks
that the ones inside the HDF5 library are contained where hlsnn reads files for real.

The fuzz targets run the HDF5 reader in their own process, so a crash or loop inside the HDF5
library (which is not instrumented and which hlsnn cannot fix) stops an input like any other
finding. hlsnn reads every HDF5 file in a child process with a time and memory limit, so such an
input must give a one-line error from the `hlsnn` command. For every finding this script

1. replays it with the fuzz binary and reads the report: the crash (or the loop, for a timeout)
   must be inside libhdf5, otherwise it is a finding in hlsnn's own code;
2. writes it as the file a user would pass (model .h5, JSON + weights, .keras) and runs the
   `hlsnn` command on it: exit code 0 or 1, one `hlsnn: error:` line, within the time limit.

    python3 fuzz/check_hdf5_findings.py --build build-fuzz --hlsnn build/src/cli/hlsnn

Prints one line per finding and a summary; exits 1 when any finding is not contained."""

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

TARGETS = ("h5_model", "h5_weights", "keras_archive")
READ_SECONDS = 5


def report_of(binary, artifact):
    env = dict(os.environ, ASAN_OPTIONS="allocator_may_return_null=1:detect_leaks=0")
    result = subprocess.run(
        [str(binary), str(artifact), "-timeout=10"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=120,
    )
    return result.returncode, result.stdout.decode(errors="replace")


# Frames of the C library, the sanitizer runtime and its interceptors, and libFuzzer: the report's
# first frame outside these says whose code failed.
RUNTIME_FUNCTIONS = ("malloc", "calloc", "realloc", "free", "memcpy", "memmove", "memset")
RUNTIME_PREFIXES = ("__interceptor_", "__asan", "__sanitizer", "__lsan", "fuzzer::")


def inside_hdf5(report):
    """Whether the first frame of the report's first stack outside the runtime is in libhdf5."""
    stack = report[report.find("#0 ") :] if "#0 " in report else ""
    frames = re.findall(r"^\s*#\d+ 0x[0-9a-f]+\s+(?:in (\S+)\s+)?\(?([^)\s]*)", stack, re.MULTILINE)
    for function, module in frames:
        if function in RUNTIME_FUNCTIONS or function.startswith(RUNTIME_PREFIXES):
            continue
        if "libc.so" in module:
            continue
        return "libhdf5" in module
    return False


def run_cli(hlsnn, arguments, folder):
    env = dict(os.environ, HLSNN_READ_SECONDS=str(READ_SECONDS), HLSNN_CACHE_DIR=str(folder / "c"))
    try:
        result = subprocess.run(
            [str(hlsnn), *arguments],
            cwd=folder,
            env=env,
            capture_output=True,
            timeout=READ_SECONDS + 60,
        )
    except subprocess.TimeoutExpired:
        return "hung"
    errors = result.stderr.decode(errors="replace")
    if result.returncode == 0:
        return "read"
    if result.returncode == 1 and errors.startswith("hlsnn: error: ") and errors.count("\n") == 1:
        return "error"
    return f"exit {result.returncode}: {errors[:200]!r}"


def contained(hlsnn, target, data, folder):
    """How the `hlsnn` command takes the finding as a user's file."""
    if target == "h5_weights":
        separator = data.rfind(b"\n#H5\n")
        model_json, weights = (
            (data, b"") if separator < 0 else (data[:separator], data[separator + 5 :])
        )
        (folder / "model.json").write_bytes(model_json)
        (folder / "weights.h5").write_bytes(weights)
        (folder / "cfg.yml").write_text(
            "KerasJson: model.json\nKerasH5: weights.h5\nOutputDir: p\n"
        )
        return run_cli(hlsnn, ["convert", "-q", "-c", "cfg.yml"], folder)
    name = "model.keras" if target == "keras_archive" else "model.h5"
    (folder / name).write_bytes(data)
    return run_cli(hlsnn, ["config", "-q", "-m", name, "-o", "cfg.yml"], folder)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", type=pathlib.Path, required=True)
    parser.add_argument("--hlsnn", type=pathlib.Path, required=True)
    args = parser.parse_args()
    args.build, args.hlsnn = args.build.resolve(), args.hlsnn.resolve()
    failures = 0
    counts = {}
    for target in TARGETS:
        for artifact in sorted((args.build / "findings" / target).glob("*")):
            kind = artifact.name.split("-")[0]
            if kind == "leak":
                where = "leak (not suppressed: outside HDF5's cache)"
                verdict = "not contained"
            else:
                _, report = report_of(args.build / "fuzz" / f"fuzz_{target}", artifact)
                where = "inside libhdf5" if inside_hdf5(report) else "in hlsnn"
                with tempfile.TemporaryDirectory() as scratch:
                    verdict = contained(
                        args.hlsnn, target, artifact.read_bytes(), pathlib.Path(scratch)
                    )
            ok = where == "inside libhdf5" and verdict in ("error", "read")
            failures += not ok
            key = (target, kind, where, verdict)
            counts[key] = counts.get(key, 0) + 1
            print(
                f"{target} {artifact.name}: {kind} {where}; hlsnn command: {verdict}"
                f"{'' if ok else '  <-- FINDING'}"
            )
    for (target, kind, where, verdict), count in sorted(counts.items()):
        print(f"summary: {target}: {count} {kind}(s) {where}, hlsnn command: {verdict}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
