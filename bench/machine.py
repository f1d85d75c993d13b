"""What the numbers were measured on: CPU, cores, memory, load, versions."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path


def _cpuinfo(key: str) -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith(key):
            return line.split(":", 1)[1].strip()
    return "unknown"


def _mem_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def _version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "absent"


def describe() -> dict:
    import mkdocs
    return {
        "cpu": _cpuinfo("model name"),
        "cores": os.cpu_count(),
        "memory_gib": _mem_gib(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "mkdocs": mkdocs.__version__,
        "chromium": _version(["/usr/bin/chromium", "--version"]),
        "node": _version(["node", "--version"]),
    }


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]
