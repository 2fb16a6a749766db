"""Peak memory of the processes a call starts (the C++ compiler and its helpers), for any tool.

Two readings, the larger is reported: the sum of the resident sets of all descendant processes,
sampled every few milliseconds from /proc (this counts compilers running side by side), and the
kernel's exact maximum resident set of any single waited-for descendant (RUSAGE_CHILDREN, which
sampling may miss for short peaks).
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _descendants_rss_bytes(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # fields from the 3rd (state) on
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE_BYTES
    total = 0
    for pid in rss:
        ancestor = parents.get(pid)
        while ancestor is not None and ancestor > 1 and ancestor != root:
            ancestor = parents.get(ancestor)
        if ancestor == root:
            total += rss[pid]
    return total


class ChildPeakMemory:
    """Context manager: `.peak_mib` after the block is the descendants' peak memory during it."""

    def __init__(self, interval_seconds: float = 0.02):
        self._interval = interval_seconds
        self._stop = threading.Event()
        self._sampled_peak = 0
        self.peak_mib = 0.0

    def _sample(self) -> None:
        root = os.getpid()
        while not self._stop.is_set():
            self._sampled_peak = max(self._sampled_peak, _descendants_rss_bytes(root))
            self._stop.wait(self._interval)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        largest_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        self.peak_mib = max(self._sampled_peak, largest_child) / 2**20
        return False
