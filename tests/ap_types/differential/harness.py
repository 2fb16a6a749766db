"""Differential harness: our ap_types headers vs the vendor (Xilinx) headers, bit for bit.

Generates operation programs (program_generator.py), compiles each one twice with g++ (once per
header set, same flags), runs both and compares the outputs line by line. Used by
test_differential.py and usable by hand:

    python3 tests/ap_types/differential/harness.py --seed random --scale 3
    python3 tests/ap_types/differential/harness.py --ours /tmp/perturbed_ap_types

Environment variables (also read by the pytest test):
    HLSNN_REF_AP_TYPES   vendor header folder (default: hls4ml's templates/vivado/ap_types)
    HLSNN_OUR_AP_TYPES   our header folder (default: <repo>/hls/ap_types)
    HLSNN_DIFF_SEED      integer or "random" (default: DEFAULT_SEED)
    HLSNN_DIFF_SCALE     multiplier for the number of type combinations and value cases
    HLSNN_DIFF_JOBS      parallel compile/run jobs (default: CPU count)
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import program_generator

DIFFERENTIAL_DIR = Path(__file__).resolve().parent
REPO_ROOT = DIFFERENTIAL_DIR.parents[2]
DEFAULT_SEED = 20240611
BASE_COMBO_COUNT = 220
BASE_VALUE_CASES = 1_100_000
# Translation units per header set: enough to balance two cores, few enough that the fixed
# ~1.5 s cost of parsing the vendor headers stays small.
PROGRAMS_PER_BUILD = 6
# -O0: the run is short and -O0 compiles the vendor headers about 20% faster than -O1.
COMPILE_FLAGS = ("-std=c++17", "-O0", "-DNDEBUG", "-w")
REPORTED_MISMATCHES = 20
INSTALL_HINT = (
    "install the vendor headers with `pip install --no-deps hls4ml==1.3.0` (do not "
    "import hls4ml; only its templates/vivado/ap_types folder is used) or point "
    "HLSNN_REF_AP_TYPES at a folder containing ap_fixed.h"
)


class HarnessError(RuntimeError):
    """Setup problem (headers missing, compile failure): the comparison could not run."""


def locate_vendor_headers() -> Path:
    override = os.environ.get("HLSNN_REF_AP_TYPES")
    if override:
        folder = Path(override)
        if not (folder / "ap_fixed.h").is_file():
            raise HarnessError(f"HLSNN_REF_AP_TYPES={override} has no ap_fixed.h; {INSTALL_HINT}")
        return folder
    # find_spec locates the package without importing it (hls4ml's import needs TensorFlow).
    spec = importlib.util.find_spec("hls4ml")
    if spec is None or not spec.submodule_search_locations:
        raise HarnessError(f"vendor ap_types headers not found: {INSTALL_HINT}")
    folder = Path(list(spec.submodule_search_locations)[0]) / "templates" / "vivado" / "ap_types"
    if not (folder / "ap_fixed.h").is_file():
        raise HarnessError(
            f"hls4ml is installed but {folder}/ap_fixed.h is missing; {INSTALL_HINT}"
        )
    return folder


def locate_our_headers() -> Path:
    folder = Path(os.environ.get("HLSNN_OUR_AP_TYPES") or REPO_ROOT / "hls" / "ap_types")
    missing = [name for name in ("ap_int.h", "ap_fixed.h") if not (folder / name).is_file()]
    if missing:
        raise HarnessError(
            f"our ap_types headers are missing: {', '.join(missing)} not found in "
            f"{folder} (set HLSNN_OUR_AP_TYPES to test another folder)"
        )
    return folder


@dataclass(frozen=True)
class DiffConfig:
    seed: int
    scale: float = 1.0
    jobs: int = 2

    @property
    def combo_count(self) -> int:
        return max(len(program_generator.COMBO_KINDS), round(BASE_COMBO_COUNT * self.scale))

    @property
    def target_value_cases(self) -> int:
        return max(1, round(BASE_VALUE_CASES * self.scale))

    @staticmethod
    def from_environment() -> DiffConfig:
        seed_text = os.environ.get("HLSNN_DIFF_SEED", str(DEFAULT_SEED)).strip()
        seed = random.SystemRandom().randrange(2**31) if seed_text == "random" else int(seed_text)
        scale = float(os.environ.get("HLSNN_DIFF_SCALE", "1"))
        jobs = int(os.environ.get("HLSNN_DIFF_JOBS", str(os.cpu_count() or 2)))
        return DiffConfig(seed, scale, jobs)

    def reproduction_hint(self) -> str:
        return f"HLSNN_DIFF_SEED={self.seed} HLSNN_DIFF_SCALE={self.scale:g}"


@dataclass
class Mismatch:
    program: str
    combo_index: int
    value_index: int
    case_index: int | None  # None: the inputs themselves differ
    ours: str
    vendor: str
    inputs_ours: str
    inputs_vendor: str


@dataclass
class DiffResult:
    config: DiffConfig
    combos: list[program_generator.Combo]
    value_cases: int
    mismatches: list[Mismatch] = field(default_factory=list)
    # Program-level failures: crash, different line count, missing output.
    failures: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.mismatches and not self.failures

    def operator_of(self, mismatch: Mismatch) -> str:
        if mismatch.case_index is None:
            return "input construction"
        return self.combos[mismatch.combo_index].cases[mismatch.case_index].operator

    def summary(self) -> str:
        return (
            f"seed {self.config.seed}, scale {self.config.scale:g}: {len(self.combos)} type "
            f"combinations, {self.value_cases} value cases; times: "
            + ", ".join(f"{name} {sec:.0f}s" for name, sec in self.seconds.items())
        )

    def report(self) -> str:
        lines = [
            f"ours != vendor ({self.summary()})",
            f"reproduce with: {self.config.reproduction_hint()}",
        ]
        lines += self.failures
        if self.mismatches:
            counts = collections.Counter(self.operator_of(m) for m in self.mismatches)
            lines.append(
                f"{len(self.mismatches)} mismatching results; per operator: "
                + ", ".join(f"{op!r}: {count}" for op, count in counts.most_common())
            )
        for mismatch in self.mismatches[:REPORTED_MISMATCHES]:
            combo = self.combos[mismatch.combo_index]
            if mismatch.case_index is None:
                what = "random input construction (write bits with operator[], read them back)"
            else:
                statement = combo.cases[mismatch.case_index].statement.replace("emit(#, ", "emit(")
                what = f"[{self.operator_of(mismatch)}] {statement}"
            lines += [
                f"- {mismatch.program} combo {mismatch.combo_index} value "
                f"{mismatch.value_index}: {what}",
                f"    types:  {combo.describe()}",
                f"    inputs: {mismatch.inputs_vendor}"
                + (
                    ""
                    if mismatch.inputs_ours == mismatch.inputs_vendor
                    else f"   (ours read: {mismatch.inputs_ours})"
                ),
                f"    ours:   {mismatch.ours}",
                f"    vendor: {mismatch.vendor}",
            ]
        return "\n".join(lines)


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _compile(source: Path, include_dir: Path, executable: Path) -> str | None:
    command = [
        "g++",
        *COMPILE_FLAGS,
        f"-I{include_dir}",
        f"-I{DIFFERENTIAL_DIR}",
        str(source),
        "-o",
        str(executable),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if completed.returncode != 0:
        return f"compile failed: {' '.join(command)}\n{completed.stderr[-4000:]}"
    return None


def _run(executable: Path, output: Path) -> tuple[int, str]:
    with output.open("wb") as sink:
        completed = subprocess.run(
            [str(executable)], stdout=sink, stderr=subprocess.PIPE, timeout=900
        )
    return completed.returncode, completed.stderr.decode(errors="replace")[-2000:]


def _blocks(path: Path) -> collections.OrderedDict[tuple[int, int], list[str]]:
    """Splits an output into (combo, value) blocks: the 'V' input line and its result lines."""
    blocks: collections.OrderedDict[tuple[int, int], list[str]] = collections.OrderedDict()
    combo_index = -1
    current: list[str] = []
    with path.open(errors="replace") as stream:
        for line in stream:
            line = line.rstrip("\n")
            if line.startswith("C "):
                combo_index = int(line.split()[1])
            elif line.startswith("V "):
                current = [line]
                blocks[(combo_index, int(line.split()[1]))] = current
            else:
                current.append(line)
    return blocks


def _compare_outputs(program: str, ours: Path, vendor: Path, result: DiffResult) -> None:
    if ours.read_bytes() == vendor.read_bytes():
        return
    ours_blocks, vendor_blocks = _blocks(ours), _blocks(vendor)
    for key, vendor_lines in vendor_blocks.items():
        ours_lines = ours_blocks.get(key)
        if ours_lines is None:
            result.failures.append(
                f"{program}: our output stops before combo {key[0]} value {key[1]}"
            )
            return
        inputs_ours, inputs_vendor = ours_lines[0], vendor_lines[0]
        if inputs_ours != inputs_vendor:
            result.mismatches.append(
                Mismatch(
                    program, *key, None, inputs_ours, inputs_vendor, inputs_ours, inputs_vendor
                )
            )
        for ours_line, vendor_line in zip(ours_lines[1:], vendor_lines[1:]):
            if ours_line != vendor_line:
                case_index = int(vendor_line.split(" ", 1)[0])
                result.mismatches.append(
                    Mismatch(
                        program,
                        *key,
                        case_index,
                        ours_line,
                        vendor_line,
                        inputs_ours,
                        inputs_vendor,
                    )
                )
        if len(ours_lines) != len(vendor_lines):
            result.failures.append(
                f"{program}: combo {key[0]} value {key[1]} printed "
                f"{len(ours_lines)} lines with ours, {len(vendor_lines)} "
                "with the vendor headers"
            )
    if len(ours_blocks) > len(vendor_blocks):
        result.failures.append(f"{program}: the vendor output stops early")


def run_differential(
    our_dir: Path, vendor_dir: Path, config: DiffConfig, work_dir: Path
) -> DiffResult:
    started = time.monotonic()
    combos = program_generator.make_combos(config.seed, config.combo_count)
    values = program_generator.values_per_combo(combos, config.target_value_cases)
    program_count = min(PROGRAMS_PER_BUILD, len(combos))
    programs = [
        program_generator.render_program(f"program_{k}", combos, indices, config.seed, values)
        for k, indices in enumerate(program_generator.split_into_programs(combos, program_count))
    ]
    value_cases = values * sum(len(combo.cases) for combo in combos)
    result = DiffResult(config, combos, value_cases)
    builds = {"ours": our_dir, "vendor": vendor_dir}
    jobs = []
    for program in programs:
        source = work_dir / f"{program.name}.cpp"
        source.write_text(program.source)
        jobs += [
            (program.name, build, source, include_dir, work_dir / f"{program.name}_{build}")
            for build, include_dir in builds.items()
        ]
    result.seconds["generate"] = time.monotonic() - started

    started = time.monotonic()
    cpu_before = _children_cpu_seconds()
    with ThreadPoolExecutor(max_workers=config.jobs) as pool:
        errors = list(pool.map(lambda job: _compile(job[2], job[3], job[4]), jobs))
    result.seconds["compile"] = time.monotonic() - started
    # CPU time is the stable measure on a shared machine; wall time depends on the load.
    result.seconds["compile CPU"] = _children_cpu_seconds() - cpu_before
    compile_errors = [error for error in errors if error]
    if compile_errors:
        raise HarnessError(
            f"{len(compile_errors)} of {len(jobs)} compilations failed (seed "
            f"{config.seed}); first:\n{compile_errors[0]}"
        )

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=config.jobs) as pool:
        runs = list(pool.map(lambda job: _run(job[4], job[4].with_suffix(".out")), jobs))
    result.seconds["run"] = time.monotonic() - started
    for (name, build, *_), (returncode, stderr) in zip(jobs, runs):
        if returncode != 0:
            result.failures.append(
                f"{name} built with {build} headers exited with {returncode}; "
                f"stderr tail: {stderr.strip()[-500:]}"
            )

    started = time.monotonic()
    for program in programs:
        _compare_outputs(
            program.name,
            work_dir / f"{program.name}_ours.out",
            work_dir / f"{program.name}_vendor.out",
            result,
        )
    result.seconds["compare"] = time.monotonic() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ours", type=Path, help="our header folder")
    parser.add_argument("--vendor", type=Path, help="vendor header folder")
    parser.add_argument("--seed", help='integer or "random"')
    parser.add_argument("--scale", type=float)
    parser.add_argument("--keep", type=Path, help="keep generated sources and outputs here")
    arguments = parser.parse_args()
    for option, variable in (
        (arguments.ours, "HLSNN_OUR_AP_TYPES"),
        (arguments.vendor, "HLSNN_REF_AP_TYPES"),
        (arguments.seed, "HLSNN_DIFF_SEED"),
        (arguments.scale, "HLSNN_DIFF_SCALE"),
    ):
        if option is not None:
            os.environ[variable] = str(option)
    config = DiffConfig.from_environment()
    print(f"differential test, {config.reproduction_hint()}", flush=True)
    try:
        our_dir, vendor_dir = locate_our_headers(), locate_vendor_headers()
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
        result = run_differential(our_dir, vendor_dir, config, arguments.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="hlsnn_diff_") as work_dir:
            result = run_differential(our_dir, vendor_dir, config, Path(work_dir))
    print(result.report() if not result.passed else f"PASS: {result.summary()}")
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
