"""Peak memory of the processes a call starts (the C++ compiler and its helpers), for any tool.

The sum of the resident sets of all descendant processes, sampled every few milliseconds from
/proc, so compilers running side by side add up. Descendants that are still a fork of the caller
(same command name, not yet exec'd) are skipped: they map the caller's memory (TensorFlow, several
hundred MiB) without using it. For the same reason the kernel's RUSAGE_CHILDREN maximum cannot
be used: it carries the forked caller's high-water mark into every compiler it execs.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _command_name(stat: str) -> str:
    return stat[stat.index("(") + 1 : stat.rindex(")")]


def _descendants_rss_bytes(root: int, root_name: str) -> int:
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
        if _command_name(stat) != root_name:
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
        root_name = _command_name(Path(f"/proc/{root}/stat").read_text())
        while not self._stop.is_set():
            self._sampled_peak = max(self._sampled_peak, _descendants_rss_bytes(root, root_name))
            self._stop.wait(self._interval)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        self.peak_mib = self._sampled_peak / 2**20
        return False
