"""Runs measure.py (one tool, one model) in a process of its own, with a time limit."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_worker(arguments: list[str], log: Path, timeout_s: float) -> dict | None:
    """measure.py with `arguments`; its result, or None when it ran past `timeout_s` (then its
    whole process group, compilers included, is ended)."""
    result_file = log.with_suffix(".json")
    command = [sys.executable, str(HERE / "measure.py"), *arguments, "--result", str(result_file)]
    environment = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    with log.open("w") as output:
        worker = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
        )
        try:
            worker.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            return None
    if worker.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{log.read_text()[-3000:]}")
    return json.loads(result_file.read_text())
