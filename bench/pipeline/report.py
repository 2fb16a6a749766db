"""Statistics and Markdown for the pipeline benchmark, and the rewrite of its marked sections of
bench/RESULTS.md (each section between `<!-- NAME:begin -->` and `<!-- NAME:end -->`)."""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "bench" / "RESULTS.md"


def number(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:.3g} M"
    if value >= 1e3:
        return f"{value / 1e3:.3g} k"
    return f"{value:.3g}"


def median_range(values: list[float]) -> str:
    """Median and (min-max) spread."""
    if not values:
        return "-"
    middle = number(statistics.median(values))
    if len(values) == 1:
        return middle
    return f"{middle} ({number(min(values))}-{number(max(values))})"


def median_ratio(numerators: list[float], denominators: list[float]) -> float:
    """Ratios pair by pair (one per repetition), then their median."""
    return statistics.median(n / d for n, d in zip(numerators, denominators))


def percent(fraction: float) -> str:
    return "100%" if fraction == 1.0 else f"{fraction:.4%}"


def now() -> str:
    return f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"


def _first_line(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def git_revision() -> str:
    return _first_line(["git", "-C", str(REPO), "describe", "--always", "--dirty"])


def machine_lines() -> list[str]:
    import hls4ml
    import numpy
    import tensorflow

    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    revision = git_revision()
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores; load average "
        f"{os.getloadavg()[0]:.1f} when the run started (other work may share this machine).",
        f"- Compiler: {_first_line(['g++', '--version'])}.",
        f"- Versions: hlsnn git {revision}, hls4ml {hls4ml.__version__}, TensorFlow "
        f"{tensorflow.__version__}, numpy {numpy.__version__}, Python {platform.python_version()}.",
    ]


def rewrite_section(name: str, body: list[str]) -> None:
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    section = "\n".join([begin, *body, end])
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if begin in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text)
