"""Sorts the findings of the HDF5 fuzz targets (h5_model, h5_weights, keras_archive) and checks
that the ones inside the HDF5 library are contained where hlsnn reads files for real.

The fuzz targets run the HDF5 reader in their own process, so a crash or loop inside the HDF5
library (which is not instrumented and which hlsnn cannot fix) stops an input like any other
finding. hlsnn reads every HDF5 file in a child process with a time and memory limit, so such an
input must give a one-line error from the `hlsnn` command. For every finding this script

1. replays it with the fuzz binary (a timeout with a short limit, to catch where the time goes)
   and reads the report's stack: a crash must be inside libhdf5 (its innermost frame outside the
   sanitizer runtime and the system libraries), a timeout or an oom inside an HDF5 call (any
   frame), otherwise it is a finding in hlsnn's own code;
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


# The replay runs as fuzz.sh runs the target, so that an oom or a timeout comes back the same way.
REPLAY_OPTIONS = ("-rss_limit_mb=2560", "-malloc_limit_mb=2048")
# A timeout is replayed with a short limit: the report then shows where the time goes even when
# the machine is quieter than during the campaign (a 10 s timeout under load can take 4 s alone).
TIMEOUT_SECONDS = {"timeout": 2}
# Every frame with its module. The sanitizers' default format prints a frame that has debug
# information (libc's, here) as a source location without the module, so libc could not be told
# from hlsnn's code by its frames.
STACK_FORMAT = 'stack_trace_format="#%n %p [%m] %f"'


def report_of(binary, artifact, kind):
    env = dict(
        os.environ,
        ASAN_OPTIONS=f"allocator_may_return_null=1:detect_leaks=0:{STACK_FORMAT}",
        UBSAN_OPTIONS=f"print_stacktrace=1:halt_on_error=1:{STACK_FORMAT}",
    )
    timeout = TIMEOUT_SECONDS.get(kind, 10)
    result = subprocess.run(
        [str(binary), str(artifact), f"-timeout={timeout}", *REPLAY_OPTIONS],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=120,
    )
    return result.returncode, result.stdout.decode(errors="replace")


FRAME = re.compile(r"^\s*#(\d+) 0x[0-9a-f]+ \[([^\]]*)\] (.*)$")
# Code that is nobody's verdict: the sanitizer runtime and its interceptors (in the fuzz binary),
# libFuzzer, and the system libraries both hlsnn and HDF5 call (a crash in memcpy or inflate
# belongs to its caller).
RUNTIME_FUNCTIONS = ("malloc", "calloc", "realloc", "free", "memcpy", "memmove", "memset", "strlen")
RUNTIME_PREFIXES = (
    "__interceptor_",
    "__asan",
    "__sanitizer",
    "__lsan",
    "__ubsan",
    "fuzzer::",
    "operator new",
    "operator delete",
)
SYSTEM_LIBRARIES = (
    "libc.so",
    "libm.so",
    "libz.so",
    "libsz.so",
    "libaec.so",
    "libstdc++.so",
    "libgcc_s.so",
    "ld-linux",
    "[vdso]",
)


def stack_of(report):
    """The (function, module) frames of the report's first stack trace, innermost first."""
    frames = []
    for line in report.splitlines():
        match = FRAME.match(line)
        if not match:
            if frames:
                break
            continue
        if int(match.group(1)) != len(frames):  # a second stack starts at #0 again
            break
        frames.append((match.group(3), match.group(2)))
    return frames


def in_hdf5(function, module):
    return "libhdf5" in os.path.basename(module)


def is_runtime(function, module):
    if function in RUNTIME_FUNCTIONS or function.startswith(RUNTIME_PREFIXES):
        return True
    return os.path.basename(module).startswith(SYSTEM_LIBRARIES)


def failure_site(kind, report):
    """Whose code the replay's report puts the failure in: "libhdf5", "hlsnn", or "no report".

    A crash (sanitizer report or deadly signal) is in the code of its innermost frame outside the
    runtime and the system libraries, so that a crash in a callback hlsnn gives HDF5 is hlsnn's.
    A timeout or an oom is HDF5's when the stack is inside an HDF5 call at all: a loop or a runaway
    allocation in HDF5 may be caught while HDF5 calls back into hlsnn or into the C library."""
    frames = [frame for frame in stack_of(report) if not is_runtime(*frame)]
    if not frames:
        return "no report"
    if kind in ("timeout", "oom"):
        return "libhdf5" if any(in_hdf5(*frame) for frame in frames) else "hlsnn"
    return "libhdf5" if in_hdf5(*frames[0]) else "hlsnn"


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


def acceptable(kind, where):
    """Inside libhdf5, or a timeout or oom a replay alone does not repeat: under fork mode a job's
    memory and the machine's load add up over many inputs. A crash must always repeat."""
    return where == WHERE["libhdf5"] or (where == WHERE["no report"] and kind in ("timeout", "oom"))


WHERE = {
    "libhdf5": "inside libhdf5",
    "hlsnn": "in hlsnn",
    "no report": "not reproduced by a replay",
}


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
                _, report = report_of(args.build / "fuzz" / f"fuzz_{target}", artifact, kind)
                where = WHERE[failure_site(kind, report)]
                with tempfile.TemporaryDirectory() as scratch:
                    verdict = contained(
                        args.hlsnn, target, artifact.read_bytes(), pathlib.Path(scratch)
                    )
            ok = acceptable(kind, where) and verdict in ("error", "read")
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
