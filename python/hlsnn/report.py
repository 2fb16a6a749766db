"""hls4ml.report for the Vivado and Vitis backends: the reports the vendor flow (`build`) leaves
in a project, read by the same C++ code as `hlsnn report`.

parse_vivado_report returns hls4ml 1.3's dict (CSynthesisReport, VivadoSynthReport, CosimReport,
CSimResults, CosimResults; values as the reports' text) and, like it, prints a line for each
report not found, here naming the `hlsnn build` step that writes it. report_summary gives the
numbers: latency in cycles and ns, interval, and resources with the part's amount and percentage.
"""

from __future__ import annotations

import json
from pathlib import Path

from hlsnn import _core

__all__ = ["parse_vivado_report", "print_vivado_report", "read_vivado_report", "report_summary"]


def parse_vivado_report(hls_dir):
    """The reports of the project in `hls_dir` as a dict, as hls4ml 1.3 returns them."""
    sections, _, missing = _core._parse_vivado_report(Path(hls_dir))
    for line in missing:
        print(line)
    return json.loads(sections)


def report_summary(hls_dir) -> dict:
    """The reports' numbers: {'CSynthesis': {...}, 'Cosim': {...}, 'VivadoSynth': {...}}, each
    present when its report is (LatencyMinCycles, LatencyMinNs, ..., IntervalMin, IntervalMax,
    Resources: {name: {Used, Available, Percent}})."""
    _, summary, _ = _core._parse_vivado_report(Path(hls_dir))
    return json.loads(summary)


def read_vivado_report(hls_dir, full_report=False):
    """Prints the C simulation log, the C synthesis report and the co-simulation report of every
    solution, as hls4ml 1.3 does."""
    print(_core._read_vivado_report(Path(hls_dir), bool(full_report)), end="")


def print_vivado_report(report_dict):
    """Prints a dict from parse_vivado_report as tables: latency in cycles and ns, interval,
    and resources with the share of the part."""
    summary = _core._summarize_report(json.dumps(report_dict))
    print(_core._format_report_summary(summary), end="")
